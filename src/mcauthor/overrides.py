"""The templates a catalog may override, and mcauthor's built-in ones.

The website (:mod:`mcauthor.site`) and the PDF guides (:mod:`mcauthor.pdf`) both look up
templates in the catalog's ``templates/`` first, then in the built-in templates; both read
the catalog's through :class:`~mcauthor.confine.Confinement`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from mcauthor.confine import Confinement, Refused, walk_once

OVERRIDES = "templates"  # the catalog's folder of template overrides


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or the repo's templates/."""
    packaged = Path(str(resources.files("mcauthor"))) / "templates"
    if packaged.is_dir():
        return packaged
    # An editable install runs from the source tree, where templates/ is at the top.
    return Path(__file__).resolve().parents[2] / "templates"


def check_overrides(confined: Confinement) -> None:
    """Refuse (exit status 2) when a link under templates/ may not be followed."""
    for rel, why in confined.links(OVERRIDES):
        raise Refused(f"{rel} is a symbolic link that {why}; mcauthor never follows it")


def catalog_files(confined: Confinement, folder: str) -> list[str]:
    """Every readable file below the catalog folder ``folder`` (links inside the catalog
    followed, each real folder once), as sorted relative POSIX paths."""
    top = confined.root / folder
    if confined.problem(folder) is not None or not top.is_dir():
        return []
    found: list[str] = []

    def refused(folder: Path) -> bool:
        return confined.problem(folder.relative_to(confined.root).as_posix()) is not None

    for current, _, filenames in walk_once(top, refused):
        rel = current.relative_to(confined.root).as_posix()
        for name in filenames:
            path = f"{rel}/{name}"
            if confined.problem(path) is None and (current / name).is_file():
                found.append(path)
    return sorted(found)
