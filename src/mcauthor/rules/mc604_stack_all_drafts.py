"""MC604 stack-all-drafts: A published stack holds only draft credentials."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Stack
from mcauthor.rules._util import join_words, was_pruned
from mcauthor.rules.base import Example, Rule
from mcauthor.stacks import resolve
from mcauthor.yamlread import YamlPath


class StackAllDrafts(Rule):
    """
    Stacks are published unless they say otherwise, but educators can only earn published
    micro-credentials. A published stack whose credentials are all drafts shows a pathway
    with nothing in it to earn yet; usually the stack should stay a draft as well.
    """

    code = "MC604"
    name = "stack-all-drafts"
    severity = Severity.WARNING
    summary = "A published stack holds only draft credentials."
    bad = Example(
        files={
            "credentials/example.yaml": "status: draft\n",
            "stacks/example-stack.yaml": "status: published\n",
        }
    )
    good = Example(
        files={
            "credentials/example.yaml": "status: draft\n",
            "stacks/example-stack.yaml": "status: draft\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for resolved in resolve(catalog).stacks:
            stack = resolved.stack
            members = resolved.members
            if stack.status != "published" or not members:
                continue
            if was_pruned(catalog, stack.file, ("status",)):
                continue  # an invalid status (already reported): the intent is unknown
            if any(
                m.status != "draft" or was_pruned(catalog, m.file, ("status",)) for m in members
            ):
                continue
            ids = [m.id for m in members]
            what = (
                f"its only credential, `{ids[0]}`, is a draft"
                if len(ids) == 1
                else f"all its credentials are drafts: {join_words(ids)}"
            )
            yield self.finding(
                stack.file,
                _place(catalog, stack),
                f"the stack is published but {what}",
                hint="Publish the credentials when they are ready, or mark the stack "
                "`status: draft` until then.",
            )


def _place(catalog: Catalog, stack: Stack) -> YamlPath:
    """The stack's `status` when written, else its `credentials`."""
    return ("status",) if catalog.given(stack.file, ("status",)) else ("credentials",)
