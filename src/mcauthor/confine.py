"""Reads confined to the catalog: which catalog files mcauthor may read, and reading them.

A catalog is untrusted (``docs/security.md``): a pull request can add a symbolic link
anywhere, or name any path in an ``image:``. Every file mcauthor reads from a catalog
(YAML files, templates, static files, Typst templates, fonts, assets) is first judged
here, by its real path (links resolved). It is refused when it

- leads outside the catalog's real path (an absolute path, ``..``, a link);
- lies inside ``.git/`` (where a CI checkout keeps its credentials), inside the cache
  folder of older mcauthor versions (``.mcauthor-cache/``), inside the user's cache
  folder, or inside the output folder;
- is an asset (a file copied into the published site) that is hidden (any part of its
  real path starts with a dot, like ``.env`` or ``.github/``) or is ``mcauthor.yaml``.

Lint reports refusals as findings (MC010 for links, MC512 and MC515 for asset paths);
the readers here refuse again on their own, so turning a rule off never opens a file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mcauthor.errors import CannotRun

READ_FILE = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
CONFIG_NAME = "mcauthor.yaml"
OLD_CACHE = ".mcauthor-cache"
TEMPLATE_MAX = 4 * 1024 * 1024  # a template or static file: generous, and bounded
ASSET_MAX = 100 * 1024 * 1024  # an image or a resource file (a PDF, a slide deck)


class Refused(CannotRun):
    """A catalog file mcauthor will not read; the message says which and why."""


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


@dataclass(frozen=True)
class Confinement:
    """What may be read from the catalog at ``root``.

    ``private`` are real paths inside which nothing is read (the output folder, the
    user's cache folder); ``.git/`` and ``.mcauthor-cache/`` always are.
    """

    root: Path
    real: str
    private: tuple[str, ...] = ()

    @classmethod
    def of(cls, root: Path, *outs: Path | None) -> Confinement:
        """The catalog at ``root``; ``outs`` are output folders (never read from)."""
        from mcauthor import usercache

        private = [out for out in outs if out is not None]
        cache = usercache.base()
        if cache is not None:
            private.append(cache)
        real = os.path.realpath(root)
        return cls(root, real, tuple(os.path.realpath(p) for p in private))

    def problem(self, rel: str, *, asset: bool = False) -> str | None:
        """Why the catalog file ``rel`` (a POSIX path from the root) may not be read, in
        a few words ("leads outside the catalog"), or None when it may."""
        text = rel.replace("\\", "/")
        if text.startswith("/") or os.path.isabs(rel) or "\x00" in rel:
            return "is an absolute path" if "\x00" not in rel else "is not a valid path"
        lexical = PurePosixPath(os.path.normpath(text).replace("\\", "/"))
        if lexical.parts[:1] == ("..",):
            return "leads outside the catalog"
        real = os.path.realpath(os.path.join(self.real, text))
        if not _inside(real, self.real):
            return "leads outside the catalog through a symbolic link"
        inner = Path(os.path.relpath(real, self.real)).parts if real != self.real else ()
        return self._private(real, inner, asset)

    def _private(self, real: str, inner: tuple[str, ...], asset: bool) -> str | None:
        if ".git" in inner:
            return "is inside .git/, which is never read"
        if OLD_CACHE in inner:
            return f"is inside {OLD_CACHE}/, which is never read"
        for folder in self.private:
            if _inside(real, folder):
                return "is inside the output folder or mcauthor's cache, which are never read"
        if asset and inner == (CONFIG_NAME,):
            return f"is {CONFIG_NAME}, the catalog's settings, which are never published"
        if asset and any(part.startswith(".") for part in inner):
            return "is a hidden file or lies in a hidden folder, which are never published"
        return None

    def check(self, rel: str, *, asset: bool = False) -> Path:
        """The real path of ``rel``; raises :class:`Refused` when it may not be read."""
        why = self.problem(rel, asset=asset)
        if why is not None:
            raise Refused(f"{rel} {why}; mcauthor reads only the catalog's own files")
        return Path(os.path.realpath(os.path.join(self.real, rel)))

    def read(self, rel: str, *, asset: bool = False, limit: int = TEMPLATE_MAX) -> bytes:
        """The bytes of the catalog file ``rel`` (a regular file of at most ``limit``
        bytes); raises :class:`Refused`, or OSError when it cannot be read."""
        real = self.check(rel, asset=asset)
        fd = os.open(real, READ_FILE)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise Refused(f"{rel} is not a regular file")
            if info.st_size > limit:
                raise Refused(f"{rel} is {info.st_size:,} bytes; at most {limit:,} are read")
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise Refused(f"{rel} is larger than {limit:,} bytes")
        return data

    def links(self, folder: str) -> Iterator[tuple[str, str]]:
        """Each symbolic link below the catalog folder ``folder`` that may not be
        followed, with why: (relative POSIX path, reason). Links are never entered."""
        top = Path(self.root, folder)
        if not top.is_dir() or top.is_symlink():
            if top.is_symlink():
                why = self.problem(folder)
                if why is not None:
                    yield folder, why
            return
        for dirpath, dirnames, filenames in os.walk(top):  # never follows links
            for name in sorted([*dirnames, *filenames]):
                path = Path(dirpath, name)
                if path.is_symlink():
                    rel = path.relative_to(self.root).as_posix()
                    why = self.problem(rel)
                    if why is not None:
                        yield rel, why
            dirnames.sort()

    def files(self, folder: str, pattern: str = "*") -> list[tuple[str, Path]]:
        """The readable files matching ``pattern`` directly in the catalog folder
        ``folder``, as (relative POSIX path, real path), sorted; refused ones left out."""
        top = Path(self.root, folder)
        if self.problem(folder) is not None or not top.is_dir():
            return []
        found = []
        for path in sorted(top.glob(pattern)):
            rel = path.relative_to(self.root).as_posix()
            if self.problem(rel) is None and path.is_file():
                found.append((rel, Path(os.path.realpath(path))))
        return found
