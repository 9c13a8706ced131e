"""MC505 stack-unknown-credential: A stack lists an id that is no credential."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import did_you_mean, known_ids, string_items
from mcauthor.rules.base import Example, Rule


class StackUnknownCredential(Rule):
    """
    A stack is a set of micro-credentials designed to be earned together. An id in its
    `credentials` that matches no credential (a typo, or a credential renamed or removed)
    leaves a hole in the stack's page and guide, and its hours would not add up.
    """

    code = "MC505"
    name = "stack-unknown-credential"
    severity = Severity.ERROR
    summary = "A stack lists an id that is no credential."
    bad = Example(files={"stacks/example-stack.yaml": "credentials: [example, exmaple-two]\n"})
    good = Example(files={"stacks/example-stack.yaml": "credentials: [example]\n"})

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        ids = known_ids(catalog, "credential")
        for stack in catalog.stacks:
            for i, name in string_items(catalog, stack.file, ("credentials",), stack.credentials):
                if name in ids:
                    continue
                yield self.finding(
                    stack.file,
                    ("credentials", i),
                    f"the stack lists `{name}`, which is no credential in this catalog"
                    + did_you_mean(name, ids),
                    hint="Use the id of a credential in credentials/, or remove the entry.",
                    value=True,
                )
