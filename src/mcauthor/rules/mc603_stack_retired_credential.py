"""MC603 stack-retired-credential: A stack lists a retired credential."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import firsts, string_items
from mcauthor.rules.base import Example, Rule
from mcauthor.stacks import resolve


class StackRetiredCredential(Rule):
    """
    A retired micro-credential is no longer offered, so educators working through a stack
    that still lists it cannot complete the stack, and its hours still count in the
    stack's total. While a published stack holds one, the exports show the stack as
    suspended, never as active. A retired stack may keep its retired credentials; a draft
    stack is warned too, before it is published. (A draft credential in a published stack
    is an error: MC606.)
    """

    code = "MC603"
    name = "stack-retired-credential"
    severity = Severity.WARNING
    summary = "A stack lists a retired credential."
    bad = Example(
        files={
            "credentials/peer-feedback.yaml": "status: retired\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback]\n",
        }
    )
    good = Example(
        files={
            "credentials/peer-feedback.yaml": "status: retired\n",
            "credentials/peer-feedback-loops.yaml": "title: Peer Feedback Loops\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback-loops]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for resolved in resolve(catalog).stacks:
            stack = resolved.stack
            if stack.status == "retired":
                continue
            items = string_items(catalog, stack.file, ("credentials",), stack.credentials)
            first = firsts((name, i) for i, name in items)
            offered = "published" if stack.status == "published" else "a draft"
            for member in resolved.members:
                if member.status != "retired" or member.id not in first:
                    continue
                yield self.finding(
                    stack.file,
                    ("credentials", first[member.id]),
                    f"the stack is {offered} but lists `{member.id}`, which is retired",
                    hint=f"Remove `{member.id}` from the stack, or list the credential that "
                    "replaces it; mark the stack `status: retired` if it is no longer offered.",
                    value=True,
                )
