"""MC510 published-requires-unpublished: A published credential requires a draft or retired one."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import string_items, was_pruned
from mcauthor.rules.base import CredentialRule, Example


class PublishedRequiresUnpublished(CredentialRule):
    """
    Educators can only earn published micro-credentials. A published credential that
    requires a draft (not offered yet) or a retired one (no longer offered) asks educators
    for a prerequisite they cannot earn.
    """

    code = "MC510"
    name = "published-requires-unpublished"
    severity = Severity.ERROR
    local = False  # looks at the credentials it requires
    summary = "A published credential requires a draft or retired one."
    bad = Example(
        files={
            "credentials/example.yaml": "requires: [peer-feedback]\n",
            "credentials/peer-feedback.yaml": "status: draft\n",
            "stacks/example-stack.yaml": "credentials: [peer-feedback, example]\n",
        }
    )
    good = Example(
        files={
            "credentials/example.yaml": "requires: [peer-feedback]\n",
            "credentials/peer-feedback.yaml": "status: published\n",
            "stacks/example-stack.yaml": "credentials: [peer-feedback, example]\n",
        }
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.status != "published":
            return
        for i, name in string_items(catalog, credential.file, ("requires",), credential.requires):
            required = catalog.credential(name)
            if required is None or required.id == credential.id:
                continue  # unknown or itself: other rules report it
            if required.status == "published" or was_pruned(catalog, required.file, ("status",)):
                continue  # published, or its `status` is invalid (already reported)
            state = "a draft" if required.status == "draft" else "retired"
            yield self.finding(
                credential.file,
                ("requires", i),
                f"this published credential requires `{name}`, which is {state}",
                hint=f"Publish `{name}` first, or remove it from `requires`."
                if required.status == "draft"
                else f"Remove the retired `{name}` from `requires`, or name the credential "
                "that replaces it.",
                value=True,
            )
