"""MC511 asset-missing: An image or file path names no file in the catalog."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules.base import CREDENTIAL, Example, Rule
from mcauthor.yamlread import YamlPath

Place = Literal[
    "file", "missing", "folder", "web", "backslash", "case", "absolute", "escapes", "symlink"
]
OUTSIDE: frozenset[Place] = frozenset({"absolute", "escapes", "symlink"})

_DRIVE = re.compile(r"[A-Za-z]:[\\/]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class Asset:
    """A path to a file of the catalog, named in one of its YAML files."""

    file: str  # the YAML file that names it
    at: YamlPath
    what: str  # "the badge image", ...
    path: str


def assets(catalog: Catalog) -> list[Asset]:
    """Every asset path in the catalog: the issuer logo, badge images, resource files."""
    found: list[Asset] = []
    logo = catalog.config.issuer.logo
    if logo:
        found.append(Asset(catalog.config.file, ("issuer", "logo"), "the issuer logo", logo))
    for credential in catalog.credentials:
        if credential.image:
            found.append(Asset(credential.file, ("image",), "the badge image", credential.image))
        for resource in credential.resources:
            if not resource.file_path:
                continue
            index = resource.at[-1]
            name = f"`{resource.title}`" if resource.title else f"{int(index) + 1}"
            found.append(
                Asset(
                    credential.file,
                    (*resource.at, "file"),
                    f"the file of resource {name}",
                    resource.file_path,
                )
            )
    return found


def place(root: Path, path: str) -> Place:
    """Where an asset path leads, judged without reading anything outside the catalog.

    Absolute paths and `..` that climb above the root are judged from the text alone;
    then the path is resolved through symbolic links, and only a path that stays inside
    the catalog is looked up. Upper and lower case must match the files exactly, so that
    the answer is the same on every operating system.
    """
    if _SCHEME.match(path):
        return "web"
    text = path.replace("\\", "/")
    if text.startswith("/") or _DRIVE.match(path) or os.path.isabs(path):
        return "absolute"
    lexical = posixpath.normpath(text)
    if lexical == ".." or lexical.startswith("../"):
        return "escapes"
    if "\\" in path:
        return "backslash"
    try:
        real_root = os.path.realpath(root)
        real = os.path.realpath(os.path.join(real_root, path))
        if not _inside(real, real_root):
            return "symlink"
        if case_fix(root, path) is not None:
            return "case"
        if os.path.isfile(real):
            return "file"
        return "folder" if os.path.isdir(real) else "missing"
    except (OSError, ValueError):  # e.g. a NUL character in the path
        return "missing"


def case_fix(root: Path, path: str) -> str | None:
    """The path as the files spell it, when it differs from ``path`` only in upper and
    lower case; None otherwise, or when that cannot be told (a part is missing, the path
    uses `..`, or it passes through a folder outside the catalog).
    """
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    real_root = os.path.realpath(root)
    current = real_root
    spelled: list[str] = []
    try:
        for part in parts:
            if not _inside(os.path.realpath(current), real_root):
                return None  # never list a folder outside the catalog
            names = os.listdir(current)
            if part not in names:
                same = sorted(n for n in names if n.casefold() == part.casefold())
                if not same:
                    return None
                part = same[0]
            spelled.append(part)
            current = os.path.join(current, part)
    except (OSError, ValueError):
        return None
    return "/".join(spelled) if spelled != parts else None


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([root, path]) == root


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
            where = place(catalog.root, asset.path)
            if where == "file" or where in OUTSIDE:
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
