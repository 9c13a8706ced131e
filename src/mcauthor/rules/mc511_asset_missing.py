"""MC511 asset-missing: An image or file path names no file in the catalog."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import REFUSED, assets, case_fix, place
from mcauthor.rules.base import CREDENTIAL, Example, Rule


class AssetMissing(Rule):
    """
    The issuer logo, badge images and resource files are copied into the built site and
    the Open Badges data. A path that names no file in the catalog (a typo, a file not
    committed, wrong upper and lower case) gives a broken image or download link.
    """

    code = "MC511"
    name = "asset-missing"
    severity = Severity.ERROR
    summary = "An image or file path names no file in the catalog."
    bad = Example.credential("image: assets/badges/exmaple.png\n")
    good = Example(
        files={CREDENTIAL: "image: assets/badges/example.png\n"},
        raw={"assets/badges/example.png": b"\x89PNG\r\n\x1a\n"},
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for asset in assets(catalog):
            where = place(catalog.root, asset.path, catalog.config.build.out)
            if where == "file" or where in REFUSED:
                continue
            if where == "web":
                message = f"{asset.what} `{asset.path}` is a web address, not a catalog file"
                hint = "Save the file in the catalog (for example under assets/) and give its path."
                if asset.at[-1] == "file":
                    hint += " For a resource on the web, use `url:` instead of `file:`."
            elif where == "backslash":
                message = f"{asset.what} `{asset.path}` uses backslashes"
                forward = asset.path.replace("\\", "/")
                hint = f"Write catalog paths with forward slashes, like `{forward}`."
            elif where == "case":
                actual = case_fix(catalog.root, asset.path)
                message = (
                    f"{asset.what} `{asset.path}` differs in upper and lower case "
                    f"from the file `{actual}`"
                )
                hint = (
                    "Write the path exactly as the file is named: the published site is "
                    "served by systems where case matters."
                )
            elif where == "folder":
                message = f"{asset.what} `{asset.path}` is a folder, not a file"
                hint = "Give the path of the file itself, like `assets/logo.png`."
            else:
                message = f"{asset.what} `{asset.path}` does not exist in the catalog"
                hint = (
                    "Add the file, or correct the path: it is relative to the folder that "
                    "holds mcauthor.yaml, and upper and lower case must match."
                )
            yield self.finding(asset.file, asset.at, message, hint=hint, value=True)
