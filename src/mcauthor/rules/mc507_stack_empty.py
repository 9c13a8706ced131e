"""MC507 stack-empty: A stack lists no credentials."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
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
            doc = catalog.documents.get(stack.file)
            data = getattr(doc, "data", None)
            raw = data.get("credentials") if isinstance(data, dict) else None
            if isinstance(raw, list) and raw:
                continue  # its items are all invalid, and reported as such
            if raw is None and catalog.given(stack.file, ("credentials",)):
                continue  # a value of the wrong type, already reported
            yield self.finding(
                stack.file,
                ("credentials",) if raw is not None else (),
                "the stack lists no credentials",
                hint="List the ids of its micro-credentials under `credentials:`, "
                "in the order educators should earn them.",
            )
