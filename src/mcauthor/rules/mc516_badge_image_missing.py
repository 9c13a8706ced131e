"""MC516 badge-image-missing: A published credential has no badge image, and none is drawn."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example


class BadgeImageMissing(CredentialRule):
    """
    Badge platforms (Canvas Credentials, Credly, Open Badge Factory, ...) need an image to
    create a badge, and Open Badges 2.0 requires one: a credential without one fails to
    import. The build draws a badge for every credential without `image:`, unless
    `badges.generate` is `false` in mcauthor.yaml; then each published credential needs
    an image of its own. Drafts and retired credentials are not offered, so they are left
    alone.
    """

    code = "MC516"
    name = "badge-image-missing"
    severity = Severity.WARNING
    summary = "A published credential has no badge image, and drawing them is turned off."
    bad = Example(files={"mcauthor.yaml": "badges:\n  generate: false\n"})
    good = Example(
        files={
            "mcauthor.yaml": "badges:\n  generate: false\n",
            "credentials/example.yaml": "image: assets/badges/example.png\n",
        },
        raw={"assets/badges/example.png": b"\x89PNG\r\n\x1a\n"},
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if catalog.config.badges.generate or credential.status != "published":
            return
        if credential.image or catalog.given(credential.file, ("image",)):
            return  # an image, or one the schema step or MC511 reports
        yield self.finding(
            credential.file,
            (),
            "the credential has no badge image, and `badges.generate` is false, so none is "
            "drawn: badge platforms refuse to import a badge without one",
            hint="Add `image: assets/badges/<id>.png` (a square PNG, 600×600 is what platforms "
            "ask for), or remove `generate: false` from `badges:` in mcauthor.yaml.",
        )
