"""MC602 stack-single-credential: A stack holds only one credential."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules.base import Example, Rule
from mcauthor.stacks import resolve


class StackSingleCredential(Rule):
    """
    Digital Promise describes stacks as coherent sets of micro-credentials earned together.
    A stack of one credential adds a page and a guide but no pathway; often its other
    credentials were forgotten. Only reported when the catalog has another credential that
    could join it (a new catalog of one is fine); unknown ids are left to MC505.
    """

    code = "MC602"
    name = "stack-single-credential"
    severity = Severity.INFO
    summary = "A stack holds only one credential."
    bad = Example(
        files={
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [example]\n",
        }
    )
    good = Example(
        files={
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for resolved in resolve(catalog).stacks:
            stack = resolved.stack
            if len(resolved.members) != 1 or resolved.unknown or stack.status == "retired":
                continue
            only = resolved.members[0].id
            if not any(c.id != only and c.status != "retired" for c in catalog.credentials):
                continue  # nothing else in the catalog could join it yet
            yield self.finding(
                stack.file,
                ("credentials",),
                f"the stack holds only one credential, `{only}`",
                hint="A stack is a set of micro-credentials earned together: add the "
                f"credentials that belong with `{only}`, or offer it on its own without "
                "a stack.",
            )
