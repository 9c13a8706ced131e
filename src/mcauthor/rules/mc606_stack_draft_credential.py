"""MC606 stack-draft-credential: A published stack lists a draft credential."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import firsts, string_items, was_pruned
from mcauthor.rules.base import Example, Rule
from mcauthor.stacks import resolve


class StackDraftCredential(Rule):
    """
    Educators can only earn published micro-credentials, so nobody can complete a
    published stack while one of its credentials is still a draft: the site and the
    exports would offer a pathway that cannot be finished. Each draft is reported at its
    item in `credentials`. Stacks are published unless they say otherwise, and a
    credential is a draft unless it says `status: published`. Until the credentials are
    published the exports show such a stack as suspended, never as active; a draft or
    retired stack may hold drafts. (This rule replaces MC604, which reported a published
    stack only when all of its credentials were drafts.)
    """

    code = "MC606"
    name = "stack-draft-credential"
    severity = Severity.ERROR
    summary = "A published stack lists a draft credential."
    bad = Example(
        files={
            "credentials/peer-feedback.yaml": "status: draft\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback]\n",
        }
    )
    good = Example(
        files={
            "credentials/peer-feedback.yaml": "status: draft\n",
            "stacks/example-stack.yaml": "status: draft\ncredentials: [example, peer-feedback]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for resolved in resolve(catalog).stacks:
            stack = resolved.stack
            if stack.status != "published" or was_pruned(catalog, stack.file, ("status",)):
                continue  # a draft or retired stack, or an invalid status (already reported)
            drafts = [
                m
                for m in resolved.members
                if m.status == "draft" and not was_pruned(catalog, m.file, ("status",))
            ]
            if not drafts:
                continue
            items = string_items(catalog, stack.file, ("credentials",), stack.credentials)
            first = firsts((name, i) for i, name in items)
            default = "" if catalog.given(stack.file, ("status",)) else " (the default)"
            for member in drafts:
                if member.id not in first:
                    continue
                unset = not catalog.given(member.file, ("status",))
                yield self.finding(
                    stack.file,
                    ("credentials", first[member.id]),
                    f"the stack is published{default} but lists `{member.id}`, which is a draft"
                    + (" (it has no `status`)" if unset else ""),
                    hint=f"Publish `{member.id}` when it is ready, or mark the stack "
                    "`status: draft` until then: educators cannot complete a stack that "
                    "holds a draft.",
                    value=True,
                )
