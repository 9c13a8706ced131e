"""MC508 credential-in-no-stack: A credential is in no stack."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.findings import Finding
from mcauthor.fixes import Edit, Fix, FixContext, add_entries, append_item, scalar
from mcauthor.model import Catalog, Stack
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

    fix_summary = (
        "Adds the credential's id to the `credentials` of the stack you choose (one "
        "action per stack)."
    )
    fix_safe = False  # which stack is the author's choice

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

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        catalog = context.catalog
        ids = [c.id for c in catalog.credentials if c.file == diagnostic.path]
        if len(ids) != 1 or not context.points_at(diagnostic, ("id",)):
            return []
        out = []
        for stack in sorted(catalog.stacks, key=lambda s: s.id):
            edit = _add_to(context, stack, ids[0])
            if edit is not None:
                title = f"Add to stack `{stack.id}`"
                out.append(Fix(title, (edit,), safe=False))
        return out


def _add_to(context: FixContext, stack: Stack, ident: str) -> Edit | None:
    """The edit that lists ``ident`` last in the stack's `credentials`."""
    source = context.source(stack.file)
    if source is None:
        return None
    if context.catalog.given(stack.file, ("credentials",)):
        return append_item(source, ("credentials",), scalar(ident))
    return add_entries(source, (), [("credentials", f"[{scalar(ident)}]")])
