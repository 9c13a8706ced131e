"""A catalog's files on disk: where the catalog is, which files a lint reads, and their
bytes, without reading any YAML.

:mod:`mcauthor.loader` reads what these find; a warm ``mcauthor lint``
(:mod:`mcauthor.resultcache`) only needs to know whether they changed, so this module
imports nothing heavy.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from mcauthor.confine import CONFIG_NAME, Confinement, shown, walk_once
from mcauthor.errors import CannotRun
from mcauthor.files import link_below
from mcauthor.findings import Finding
from mcauthor.globs import Globs, TooComplex

__all__ = ["CONFIG_NAME"]

# Which folder holds which kind of file.
KIND_DIRS = {"credentials": "credential", "stacks": "stack", "research": "research"}
YAML_SUFFIXES = (".yaml", ".yml")
MAX_BYTES = 1024 * 1024  # the most a catalog file (or an editor's buffer) may hold


class Files(Protocol):
    """Where a load finds the catalog's files and reads their bytes: the disk
    (:data:`DISK`), or the lint engine's view of it with an editor's unsaved buffers."""

    def discover(self, root: Path, findings: list[Finding]) -> list[tuple[Path, str]]: ...

    def read(self, path: Path) -> bytes: ...


class _Disk:
    def discover(self, root: Path, findings: list[Finding]) -> list[tuple[Path, str]]:
        return _discover(root, findings)

    def read(self, path: Path) -> bytes:
        return _read_bytes(path)


DISK: Files = _Disk()


def catalog_path(root: Path, path: Path) -> str:
    """``path`` (below ``root``) as a catalog path: "credentials/x.yaml" (a string
    operation: Path.relative_to costs a tenth of reading an unchanged file again)."""
    top, full = root.as_posix(), path.as_posix()
    if full.startswith(top + "/"):
        return full[len(top) + 1 :]
    return path.relative_to(root).as_posix()


def find_root(start: Path) -> Path:
    """The catalog root: ``start`` itself or its nearest parent holding mcauthor.yaml."""
    start = start.absolute()
    if not start.exists():
        raise CannotRun(f"{start}: no such file or folder")
    link = link_below(start, Path.cwd())
    if link is not None:  # a checkout can make `catalog/` a link to any folder elsewhere
        raise CannotRun(
            f"{start} leads through the symbolic link {link}; mcauthor does not follow a "
            "link to a catalog: give the catalog's real folder"
        )
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise CannotRun(f"no {CONFIG_NAME} found in {here} or any parent folder (is this a catalog?)")


def listed(
    root: Path, exclude: Iterable[str], files: Files, findings: list[Finding]
) -> list[tuple[Path, str]]:
    """The catalog files a lint reads, with their kinds, in a stable order: those
    ``files`` discovers (what may not be read is added to ``findings``) that no
    ``exclude`` glob matches."""
    excluded = Globs.compile(exclude)
    try:
        return [
            (path, kind)
            for path, kind in files.discover(root, findings)
            if not (excluded and excluded.match(path.relative_to(root).as_posix()))
        ]
    except TooComplex:
        raise CannotRun(
            f"{CONFIG_NAME}: the lint.exclude patterns are too complex to match against "
            "this catalog's folders; use fewer and simpler patterns (like `drafts/**`)"
        ) from None


def template_links(root: Path, out: str) -> list[Finding]:
    """MC010 for each link under templates/ that the build would refuse to follow
    (``out``: the output folder, from the config)."""
    confined = Confinement.of(root, root / out)
    return [
        link_finding(rel, why, link=(root / rel).is_symlink())
        for rel, why in confined.links("templates")
    ]


def _discover(root: Path, findings: list[Finding]) -> list[tuple[Path, str]]:
    """Catalog files in a stable order; files and folders that may not be read (links
    out of the catalog or into .git/, names mcauthor does not read) are reported."""
    confined = Confinement.of(root).remembering()
    found: list[tuple[Path, str]] = []
    for folder, kind in KIND_DIRS.items():
        top = root / folder
        if not top.is_dir():
            continue
        if (why := confined.problem(folder)) is not None:
            findings.append(_outside(root, top, why))
            continue
        for current, dirnames, filenames in walk_once(top):
            rel = current.relative_to(root).as_posix()
            for name in sorted(dirnames):
                if (why := confined.problem(f"{rel}/{name}")) is not None:
                    findings.append(_outside(root, current / name, why))
                    dirnames.remove(name)
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                    continue
                if (why := confined.problem(f"{rel}/{name}")) is not None:
                    findings.append(_outside(root, current / name, why))
                    continue
                found.append((current / name, kind))
    return found


def _outside(root: Path, path: Path, why: str) -> Finding:
    return link_finding(path.relative_to(root).as_posix(), why, link=path.is_symlink())


def link_finding(rel: str, why: str, *, link: bool = True) -> Finding:
    """MC010 for a catalog file that may not be read; ``why`` is from
    Confinement.problem, ``link`` whether the file itself is a symbolic link."""
    if why.startswith("leads outside"):
        message = "this symbolic link points outside the catalog"
    elif link:
        message = f"this symbolic link leads to a file that {why}"
    else:
        message = f"this file {why}"
    return Finding(
        "MC010",
        shown(rel),
        (),
        message,
        hint="Copy the file into the catalog instead; mcauthor never reads outside it.",
        line=1,
        column=1,
    )


class TooLarge(Exception):
    """A file (or an editor's buffer) over MAX_BYTES: read as nothing, reported as MC008."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _read_bytes(path: Path) -> bytes:
    """The file's bytes (links were judged when the file was found): never blocks on a
    FIFO or a device, never reads more than MAX_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file")
        if info.st_size > MAX_BYTES:
            raise TooLarge(info.st_size)
        # Asking for the size it has (plus one, to see it grow) and not for MAX_BYTES:
        # a read allocates what it is asked for, which cost a tenth of a warm lint.
        raw = handle.read(info.st_size + 1)
        if len(raw) > info.st_size:
            raw += handle.read(MAX_BYTES + 1 - len(raw))
    if len(raw) > MAX_BYTES:
        raise TooLarge(len(raw))
    return raw
