"""MC512 asset-outside-catalog: An image or file path leads outside the catalog."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import assets, place
from mcauthor.rules.base import CREDENTIAL, Example, Rule

_HOW = {
    "absolute": "is an absolute path",
    "escapes": "leads outside the catalog",
    "symlink": "leads outside the catalog through a symbolic link",
}


class AssetOutsideCatalog(Rule):
    """
    Assets are published with the catalog, so they must live inside it: an absolute path
    or one that climbs out with `..` works on one computer only, and following it could
    publish a private file of the machine that builds the site. mcauthor never reads such
    a file.
    """

    code = "MC512"
    name = "asset-outside-catalog"
    severity = Severity.ERROR
    summary = "An image or file path leads outside the catalog."
    bad = Example.credential("image: ../shared/badges/example.png\n")
    good = Example(
        files={CREDENTIAL: "image: assets/badges/example.png\n"},
        raw={"assets/badges/example.png": b"\x89PNG\r\n\x1a\n"},
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for asset in assets(catalog):
            how = _HOW.get(place(catalog.root, asset.path))
            if how is None:
                continue
            yield self.finding(
                asset.file,
                asset.at,
                f"{asset.what} `{asset.path}` {how}",
                hint="Copy the file into the catalog (for example under assets/) and give its "
                "path relative to the folder that holds mcauthor.yaml.",
                value=True,
            )
