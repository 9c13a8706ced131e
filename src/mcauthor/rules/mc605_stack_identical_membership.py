"""MC605 stack-identical-membership: Two stacks hold the same credentials."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Stack
from mcauthor.rules.base import Example, Rule
from mcauthor.stacks import resolve


class StackIdenticalMembership(Rule):
    """
    Each stack should be a distinct pathway. Two stacks with the same credentials (in any
    order) show educators the same pathway twice under different names, and any change
    must be made in both. Usually one is a copy that was meant to change, or the two
    should be merged. Retired stacks are not compared: a stack retired and replaced under
    a new id keeps its credentials.
    """

    code = "MC605"
    name = "stack-identical-membership"
    severity = Severity.WARNING
    summary = "Two stacks hold the same credentials."
    bad = Example(
        files={
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback]\n",
            "stacks/feedback-practice.yaml": "title: Feedback in Practice\n"
            "credentials: [peer-feedback, example]\n",
        }
    )
    good = Example(
        files={
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "credentials/feedback-loops.yaml": "title: Feedback Loops\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback]\n",
            "stacks/feedback-practice.yaml": "title: Feedback in Practice\n"
            "credentials: [peer-feedback, feedback-loops]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        first: dict[frozenset[str], Stack] = {}
        resolved = sorted(resolve(catalog).stacks, key=lambda r: r.stack.file)
        for item in resolved:
            stack = item.stack
            if not item.members or stack.status == "retired":
                continue
            # What the stack lists: its credentials, and ids that name none (MC505).
            listed = frozenset(m.id for m in item.members) | frozenset(item.unknown)
            earlier = first.setdefault(listed, stack)
            if earlier is stack:
                continue
            yield self.finding(
                stack.file,
                ("credentials",),
                f"the stack holds the same credentials as the stack `{earlier.id}` "
                f"({earlier.file})",
                hint="Merge the two stacks, or change the credentials of one of them; "
                "each stack should be a distinct set of credentials earned together.",
            )
