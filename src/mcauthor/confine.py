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
import posixpath
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from mcauthor.errors import CannotRun

READ_FILE = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
CONFIG_NAME = "mcauthor.yaml"
OLD_CACHE = ".mcauthor-cache"
TEMPLATE_MAX = 4 * 1024 * 1024  # a template or static file: generous, and bounded
ASSET_MAX = 100 * 1024 * 1024  # an image or a resource file (a PDF, a slide deck)


def walk_once(
    top: Path, skip: Callable[[Path], bool] | None = None
) -> Iterator[tuple[Path, list[str], list[str]]]:
    """``os.walk`` below ``top`` following links, each real folder once, so that a link
    loop ends: (folder, its folder names, its file names). The caller may prune the
    folder names, as with ``os.walk``. A folder for which ``skip`` is true is neither
    entered nor counted as seen (the same real folder may still be reached another way)."""
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        current = Path(dirpath)
        real = os.path.realpath(current)
        if real in seen or (skip is not None and skip(current)):
            dirnames[:] = []
            continue
        seen.add(real)
        yield current, dirnames, filenames


class Refused(CannotRun):
    """A catalog file mcauthor will not read; the message says which and why."""


# C0 and C1 controls: a name holding one could move the cursor or hide text in a terminal.
_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name's undecodable bytes, as surrogates
        return False
    return True


def shown(rel: str) -> str:
    """A path fit for a one-line message (no control characters, nothing undecodable)."""
    text = rel.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL_CHARS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def read_limited(path: str | Path, limit: int) -> bytes | None:
    """The bytes of the regular file ``path`` if it has at most ``limit`` of them; None
    for anything else. Never blocks on a FIFO or a device, never follows a last link."""
    fd = os.open(path, READ_FILE | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def _real(path: Path) -> str | None:
    """The real path, or None for a path that cannot exist (a NUL in an output folder's
    name from the config): nothing is inside it."""
    try:
        return os.path.realpath(path)
    except ValueError:
        return None


def inside(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or lies below it. Both as
    ``os.path.realpath`` gives them: string tests, for the checks that run on every file
    (a `Path` is compared with ``Path.is_relative_to``)."""
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
    # The real paths of folders, kept by one pass over the files (see :meth:`remembering`).
    folders: dict[str, str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, root: Path, *outs: Path | None) -> Confinement:
        """The catalog at ``root``; ``outs`` are output folders (never read from)."""
        from mcauthor import usercache

        private = [out for out in outs if out is not None]
        cache = usercache.base()
        if cache is not None:
            private.append(cache)
        real = os.path.realpath(root)
        reals = (_real(p) for p in private)
        return cls(root, real, tuple(r for r in reals if r is not None))

    def remembering(self) -> Confinement:
        """The same confinement, remembering each folder's real path: for one pass over
        many files (a folder that becomes a link later would not be seen again)."""
        return replace(self, folders={})

    def _realpath(self, lexical: str) -> str:
        """``os.path.realpath(lexical)``, with the folder's real path looked up once when
        remembering: a name that is not a link adds itself to its folder's real path."""
        if self.folders is None:
            return os.path.realpath(lexical)
        folder, name = os.path.split(lexical)
        real_folder = self.folders.get(folder)
        if real_folder is None:
            real_folder = self.folders[folder] = os.path.realpath(folder)
        joined = os.path.join(real_folder, name)
        return os.path.realpath(joined) if os.path.islink(joined) else joined

    def problem(self, rel: str, *, asset: bool = False) -> str | None:
        """Why the catalog file ``rel`` (a POSIX path from the root) may not be read, in
        a few words ("leads outside the catalog"), or None when it may. ``asset``: the
        file's bytes are published (assets, static files, templates)."""
        return self._judge(rel, asset)[0]

    def _judge(self, rel: str, asset: bool) -> tuple[str | None, str]:
        """The reason ``rel`` is refused, or its real path: one computation for both, so
        what is judged is exactly what is opened."""
        if "\\" in rel:
            return "has a backslash in its name, which mcauthor does not read", ""
        if "\x00" in rel or _CONTROL_CHARS.search(rel):
            return "has a control character in its name, which mcauthor does not read", ""
        if not _utf8(rel):
            return "has a name that is not valid UTF-8, which mcauthor does not read", ""
        if rel.startswith("/") or os.path.isabs(rel):
            return "is an absolute path", ""
        normal = posixpath.normpath(rel)
        if normal == ".." or normal.startswith("../"):
            return "leads outside the catalog", ""
        lexical = os.path.normpath(os.path.join(self.real, rel))
        real = self._realpath(lexical)
        if not inside(real, self.real):
            return "leads outside the catalog through a symbolic link", ""
        # String work, not pathlib: this runs for every file of the catalog.
        below = real[len(self.real.rstrip(os.sep)) + 1 :]
        inner = tuple(below.split(os.sep)) if real != self.real else ()
        # Reached through a link, a file's bytes come from elsewhere in the repository:
        # then hidden files and the config are refused as they are for assets.
        return self._private(real, inner, asset or real != lexical), real

    def _private(self, real: str, inner: tuple[str, ...], asset: bool) -> str | None:
        # Case-insensitive file systems (macOS, Windows) open .GIT/config as .git/config.
        folded = [part.casefold() for part in inner]
        if ".git" in folded:
            return "is inside .git/, which is never read"
        if OLD_CACHE in folded:
            return f"is inside {OLD_CACHE}/, which is never read"
        for folder in self.private:
            if inside(real, folder):
                return "is inside the output folder or mcauthor's cache, which are never read"
        if asset and folded == [CONFIG_NAME]:
            return f"is {CONFIG_NAME}, the catalog's settings, which are never published"
        if asset and any(part.startswith(".") for part in inner):
            return "is a hidden file or lies in a hidden folder, which are never published"
        return None

    def check(self, rel: str, *, asset: bool = False) -> Path:
        """The real path of ``rel``; raises :class:`Refused` when it may not be read."""
        why, real = self._judge(rel, asset)
        if why is not None:
            raise Refused(f"{shown(rel)} {why}; mcauthor reads only the catalog's own files")
        return Path(real)

    def read(self, rel: str, *, asset: bool = False, limit: int = TEMPLATE_MAX) -> bytes:
        """The bytes of the catalog file ``rel`` (a regular file of at most ``limit``
        bytes); raises :class:`Refused`, or OSError when it cannot be read."""
        real = self.check(rel, asset=asset)
        data = read_limited(real, limit)
        if data is None:
            raise Refused(f"{shown(rel)} is not a regular file of at most {limit:,} bytes")
        return data

    def links(self, folder: str) -> Iterator[tuple[str, str]]:
        """Each entry below the catalog folder ``folder`` (the folder itself included)
        that may not be read, with why: (relative POSIX path, reason). Links inside the
        catalog are followed (each real folder once) and what they lead to is judged too,
        so a linked folder cannot bring in files from elsewhere."""
        top = Path(self.root, folder)
        if not (top.is_dir() or top.is_symlink()):
            return
        why = self.problem(folder)
        if why is not None:
            yield folder, why
            return
        for current, dirnames, filenames in walk_once(top):
            base = current.relative_to(self.root).as_posix()
            for name in sorted(dirnames):
                rel = f"{base}/{name}"
                why = self.problem(rel)
                if why is not None:
                    yield rel, why
                    dirnames.remove(name)
            dirnames.sort()
            for name in sorted(filenames):
                rel = f"{base}/{name}"
                why = self.problem(rel)
                if why is not None:
                    yield rel, why
