"""Choose a build's output folder, and refuse one that would overwrite the catalog."""

from __future__ import annotations

import os
from pathlib import Path

from mcauthor.cache import FOLDER as CACHE
from mcauthor.errors import CannotRun
from mcauthor.files import link_below
from mcauthor.model import Catalog
from mcauthor.output.writer import CACHE_NAME


def outside_sources(root: Path, chosen: Path) -> None:
    """Refuse an output folder that is the catalog, contains it, or lies in its sources,
    its cache or a Git repository's own folder (``.git/``)."""
    link = link_below(chosen, root)
    if link is not None:
        raise CannotRun(
            f"the output folder {chosen} leads through a symbolic link in the catalog "
            f"({link}); mcauthor never writes through one"
        )
    resolved = chosen.resolve()
    if root.resolve().is_relative_to(resolved):
        raise CannotRun(f"the output folder {chosen} would replace the catalog itself")
    for folder in ("credentials", "stacks", "research", "assets", "templates", ".git", CACHE):
        source = (root / folder).resolve()
        if resolved.is_relative_to(source):
            raise CannotRun(f"the output folder {chosen} is inside the catalog's {folder}/")
    if ".git" in (p.casefold() for p in resolved.parts):  # the repository around, say
        raise CannotRun(f"the output folder {chosen} is inside a Git repository's .git/")


def output_dir(catalog: Catalog, out: Path | None) -> Path:
    """--out, else build.out from mcauthor.yaml (relative to the catalog), else site/."""
    root = catalog.root.absolute()
    configured = catalog.config.build.out
    if out is None and (
        os.path.isabs(configured) or ".." in Path(configured.replace("\\", "/")).parts
    ):
        raise CannotRun(
            f"build.out in mcauthor.yaml ({configured!r}) leads outside the catalog; "
            "give a folder inside it, or build elsewhere with --out"
        )
    chosen = (out if out is not None else root / configured).absolute()
    outside_sources(root, chosen)
    if chosen.is_dir() and any(chosen.iterdir()) and not (chosen / CACHE_NAME).is_file():
        raise CannotRun(
            f"{chosen} is not empty and was not written by mcauthor; "
            "choose another --out or empty it first"
        )
    return chosen
