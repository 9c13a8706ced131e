"""MC506 stack-duplicate-credential: A stack lists the same credential twice."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import repeats, string_items
from mcauthor.rules.base import Example, Rule


class StackDuplicateCredential(Rule):
    """
    A stack's `credentials` is the order in which educators earn its micro-credentials.
    Listing one twice shows it twice on the stack's page and guide and counts its hours
    twice; usually another credential was meant.
    """

    code = "MC506"
    name = "stack-duplicate-credential"
    severity = Severity.ERROR
    summary = "A stack lists the same credential twice."
    bad = Example(files={"stacks/example-stack.yaml": "credentials: [example, example]\n"})
    good = Example(files={"stacks/example-stack.yaml": "credentials: [example]\n"})

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for stack in catalog.stacks:
            items = string_items(catalog, stack.file, ("credentials",), stack.credentials)
            for name, i, first in repeats((name, i) for i, name in items):
                yield self.finding(
                    stack.file,
                    ("credentials", i),
                    f"the stack lists `{name}` again (it is already item {first + 1})",
                    hint=f"Remove this `{name}`; a credential appears once in a stack.",
                    value=True,
                )
