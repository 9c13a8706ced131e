"""MC508 credential-in-no-stack: A credential is in no stack."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import unreadable_stems
from mcauthor.rules.base import Example, Rule


class CredentialInNoStack(Rule):
    """
    Issuers publish micro-credentials in stacks, sets designed to be earned together, and
    educators browse the catalog by stack. A credential that no stack lists is easy to
    miss; sometimes it was simply forgotten when the stack was written. This is only
    information: a credential may stand alone. Retired credentials are not reported, and
    the rule also runs in a catalog that has no stacks yet.
    """

    code = "MC508"
    name = "credential-in-no-stack"
    severity = Severity.INFO
    summary = "A credential is in no stack."
    bad = Example(files={"credentials/peer-feedback.yaml": "title: Peer Feedback\n"})
    good = Example(
        files={
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        # A stack file that could not be read may list anything: do not guess.
        if unreadable_stems(catalog, "stack"):
            return
        listed = {cid for stack in catalog.stacks for cid in stack.credentials}
        for credential in catalog.credentials:
            if credential.id in listed or credential.status == "retired":
                continue
            yield self.finding(
                credential.file,
                ("id",),
                f"the credential `{credential.id}` is in no stack",
                hint="Add its id to the `credentials` of a stack in stacks/ so that educators "
                "find it with related micro-credentials; a credential may sit in several "
                "stacks.",
            )
