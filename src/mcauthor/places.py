"""Where an asset path named in the catalog leads: a file, a folder, nothing, or a place
mcauthor will not read. These are the only questions lint asks the disk besides reading
the catalog's files, so each is a :func:`mcauthor.asked.question` (a kept lint report is
given back only while they get the same answers). The rules use them through
:mod:`mcauthor.rules._util`; this module stays light, for a warm lint to ask them again.
"""

from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from mcauthor.asked import question
from mcauthor.confine import Confinement, inside

Place = Literal[
    "file",
    "missing",
    "folder",
    "web",
    "backslash",
    "case",
    "absolute",
    "escapes",
    "symlink",
    "private",
]
OUTSIDE: frozenset[Place] = frozenset({"absolute", "escapes", "symlink"})
REFUSED: frozenset[Place] = OUTSIDE | {"private"}  # never read, whatever lint says

_DRIVE = re.compile(r"[A-Za-z]:[\\/]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@question("place")
def place(root: Path, path: str, out: str | None = None) -> Place:
    """Where an asset path leads, judged without reading anything outside the catalog.

    Absolute paths and `..` that climb above the root are judged from the text alone;
    then the path is resolved through symbolic links, and only a path that stays inside
    the catalog is looked up. A file mcauthor never publishes (in .git/, hidden, the
    config, in the output folder ``out``: see :mod:`mcauthor.confine`) is "private".
    Upper and lower case must match the files exactly, so that the answer is the same on
    every operating system.
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
        if not inside(real, real_root):
            return "symlink"
        if private_reason(root, path, out) is not None:
            return "private"
        if case_fix(root, path) is not None:
            return "case"
        if os.path.isfile(real):
            return "file"
        return "folder" if os.path.isdir(real) else "missing"
    except (OSError, ValueError):  # e.g. a NUL character in the path
        return "missing"


@lru_cache(maxsize=8)
def _confinement(root: Path, out: str | None) -> Confinement:
    """Made once per catalog (and output folder): every asset path asks."""
    return Confinement.of(root, root / out if out else None)


@question("private_reason")
def private_reason(root: Path, path: str, out: str | None) -> str | None:
    """Why the asset ``path`` is never published (it is in a hidden folder, the output
    folder ``out``...), or None when it may be."""
    return _confinement(root, out).problem(path, asset=True)


@question("case_fix")
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
            if not inside(os.path.realpath(current), real_root):
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
