"""The guide templates: where they are looked up, their fonts, the paper, and a
fingerprint of them all for the build's job keys.

The Typst templates are ``templates/guide/*.typ`` (built in); a catalog's own
``templates/guide/*.typ`` override them file by file, and fonts may sit beside them in
``fonts/``. A template reads the guide's data, a plain JSON document (:data:`GuideData`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from mcauthor import __version__
from mcauthor.confine import Confinement
from mcauthor.errors import BuildError
from mcauthor.overrides import builtin_dir, check_overrides

GuideData = dict[str, Any]  # JSON-able: str, int, float, bool, None, list, dict

# Each kind's template is <kind>-guide.typ; the catalog guide is also made in parts
# (mcauthor.pdf.catalog).
KINDS = ("credential", "stack", "catalog", "catalog-part", "catalog-front")
PAPERS = {"letter": "us-letter", "a4": "a4"}  # build.paper -> Typst paper name
GUIDE_DIR = "guide"  # templates/guide/ (built-in and catalog)
FONT_DIR = "fonts"  # templates/guide/fonts/
FORMAT_VERSION = 1  # of the data document; part of every key


def template_dirs(catalog_root: Path | None) -> tuple[Path, ...]:
    """Where guide templates are looked up: the catalog's templates/guide/, then ours."""
    dirs = []
    if catalog_root is not None:
        own = catalog_root / "templates" / GUIDE_DIR
        if own.is_dir():
            # Links under templates/ that lead outside the catalog (or into .git/ ...)
            # stop the command; the engine then only sees folders that were checked.
            check_overrides(Confinement.of(catalog_root))
            dirs.append(own)
    dirs.append(builtin_dir() / GUIDE_DIR)
    return tuple(dirs)


def font_dirs(dirs: Sequence[Path]) -> tuple[Path, ...]:
    """The font folders beside the templates (catalog first); the engine adds its own."""
    return tuple(d / FONT_DIR for d in dirs if (d / FONT_DIR).is_dir())


def templates(dirs: Sequence[Path]) -> dict[str, Path]:
    """Each template file name -> the file to use: the first folder that has it wins."""
    chosen: dict[str, Path] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.typ")):
            if path.is_file():
                chosen.setdefault(path.name, path)
    return chosen


@lru_cache(maxsize=64)
def _file_hash(path: str, _size: int, _mtime_ns: int) -> str:
    """A file's content hash, once per process while its size and time (the cache's key)
    stay the same (the fonts are large and every plan asks)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def templates_fingerprint(dirs: Sequence[Path]) -> str:
    """A hash of the templates and fonts a guide may use: a change re-renders every guide."""
    digest = hashlib.sha256(f"guides {FORMAT_VERSION} {__version__}".encode())
    for name, path in sorted(templates(dirs).items()):
        digest.update(f"\0{name}\0".encode())
        digest.update(path.read_bytes())
    for folder in font_dirs(dirs):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"\0{path.name}\0".encode())
            digest.update(_file_hash(str(path), stat.st_size, stat.st_mtime_ns).encode())
    from mcauthor.typeset import ENGINE

    digest.update(ENGINE.encode())
    return digest.hexdigest()


def paper_of(value: str) -> str:
    """``build.paper`` (letter | a4) as the engine's paper name."""
    try:
        return PAPERS[value.lower()]
    except KeyError:
        raise BuildError(f"build.paper must be letter or a4, not {value!r}") from None
