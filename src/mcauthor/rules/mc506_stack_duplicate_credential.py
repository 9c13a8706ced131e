"""MC506 stack-duplicate-credential: A stack lists the same credential twice."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.findings import Finding
from mcauthor.fixes import Fix, FixContext, remove_item
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
    fix_summary = "Removes the repeated entry (the first stays where it is)."

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

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        for stack in context.catalog.stacks:
            if stack.file != diagnostic.path:
                continue
            items = string_items(context.catalog, stack.file, ("credentials",), stack.credentials)
            for name, i, _ in repeats((name, i) for i, name in items):
                source = context.source(stack.file)
                at = ("credentials", i)
                if source is None or not context.points_at(diagnostic, at, value=True):
                    continue
                edit = remove_item(source, ("credentials",), i)
                return [] if edit is None else [Fix(f"Remove the repeated `{name}`", (edit,))]
        return []
