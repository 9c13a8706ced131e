"""MC515 asset-private: An image or file path names a file that is never published."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import assets, place, private_reason
from mcauthor.rules.base import CREDENTIAL, Example, Rule


class AssetPrivate(Rule):
    """
    Assets are copied into the public site, the PDF guides and the badge data. Some files
    of a catalog repository must never be: `.git/` (where a CI checkout keeps the
    credentials it pushes with), any hidden file or folder (`.env`, `.github/`,
    `.mcauthor-cache/`), `mcauthor.yaml` and the build's own output folder. A pull
    request could otherwise publish them by naming one in an `image:` or a resource
    `file:`, directly or through a symbolic link. mcauthor refuses to read such a file
    whatever this rule's setting; the rule says so at the line that names it.
    """

    code = "MC515"
    name = "asset-private"
    severity = Severity.ERROR
    summary = "An image or file path names a file that is never published."
    bad = Example(
        files={CREDENTIAL: "image: .github/badge.png\n"},
        raw={".github/badge.png": b"\x89PNG\r\n\x1a\n"},
    )
    good = Example(
        files={CREDENTIAL: "image: assets/badges/example.png\n"},
        raw={"assets/badges/example.png": b"\x89PNG\r\n\x1a\n"},
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        out = catalog.config.build.out
        for asset in assets(catalog):
            if place(catalog.root, asset.path, out) != "private":
                continue
            why = private_reason(catalog.root, asset.path, out) or "is never published"
            yield self.finding(
                asset.file,
                asset.at,
                f"{asset.what} `{asset.path}` {why}",
                hint="Put the file under assets/ (not in a hidden folder) and give that path.",
                value=True,
            )
