"""MC507 stack-empty: A stack lists no credentials."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import missing_list_at
from mcauthor.rules.base import Example, Rule


class StackEmpty(Rule):
    """
    A stack is a coherent set of micro-credentials designed to be earned together; one
    without credentials would publish an empty page that educators cannot earn anything
    from.
    """

    code = "MC507"
    name = "stack-empty"
    severity = Severity.ERROR
    summary = "A stack lists no credentials."
    bad = Example(files={"stacks/example-stack.yaml": "credentials: []\n"})
    good = Example(files={"stacks/example-stack.yaml": "credentials: [example]\n"})

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for stack in catalog.stacks:
            if stack.credentials:
                continue
            at = missing_list_at(catalog, stack.file, (), "credentials")
            if at is None:
                continue  # a value of the wrong type, or only invalid items: already reported
            yield self.finding(
                stack.file,
                at,
                "the stack lists no credentials",
                hint="List the ids of its micro-credentials under `credentials:`, "
                "in the order educators should earn them.",
            )
