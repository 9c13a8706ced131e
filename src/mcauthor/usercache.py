"""Where mcauthor keeps what it trusts later: the user's own cache folder, never a catalog.

A catalog repository is untrusted (see ``docs/security.md``): anything a clone can bring
in, a ``.mcauthor-cache/`` folder or a pre-built ``site/`` included, may be forged. So
every cache that mcauthor reads back (parsed documents, build manifests) lives outside
the catalog, in a private folder of the person running mcauthor:

- ``$MCAUTHOR_CACHE_DIR`` when set; else
- ``$XDG_CACHE_HOME/mcauthor`` (Linux and other Unix, when set and absolute); else
- ``~/Library/Caches/mcauthor`` (macOS), ``%LOCALAPPDATA%\\mcauthor\\Cache`` (Windows),
  ``~/.cache/mcauthor`` (elsewhere).

Entries are keyed by the real path of the catalog (or output folder) they describe, and
every file (every line of a :class:`Log`) is sealed with an HMAC whose key is made once
per cache folder and never leaves it: a file that was changed, copied from another
machine, cut short or written by another version fails the check and is ignored, as if it
were missing. The folder must belong to
the user and be closed to others; when it is not (or cannot be made), mcauthor runs
without a cache and says nothing: the results are the same, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mcauthor import __version__

ENV = "MCAUTHOR_CACHE_DIR"
# The lint's store: each file's reading (mcauthor.cache) and last reports (mcauthor.resultcache).
LINT = "lint"
KEY_FILE = "key"
KEY_BYTES = 32
MAC_BYTES = 32  # a sealed file: the MAC (hex, 64 characters), a newline, then the body
LINE_EXTRA = 2 * MAC_BYTES + 3  # a log's line: the MAC, two spaces and the line break
_MODE = 0o700


def base() -> Path | None:
    """The cache folder for this user, or None when no home can be found."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser().absolute()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg) and sys.platform not in ("darwin", "win32"):
        return Path(xdg) / "mcauthor"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "").strip()
        return Path(local) / "mcauthor" / "Cache" if local else None
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no passwd entry
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "mcauthor"
    return home / ".cache" / "mcauthor"


def _private(folder: Path) -> bool:
    """Make ``folder`` (mode 0700) if missing; True when it is a real folder of ours that
    no one else can write to."""
    try:
        folder.mkdir(mode=_MODE, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False  # a file or a symbolic link where the folder should be
    return os.name != "posix" or (info.st_uid == os.getuid() and not info.st_mode & 0o022)


def _key(root: Path) -> bytes | None:
    """The folder's HMAC key, made on first use; None when it cannot be read or made."""
    path = root / KEY_FILE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return _new_key(path)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if os.name == "posix" and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _new_key(path: Path) -> bytes | None:
    key = secrets.token_bytes(KEY_BYTES)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:  # another mcauthor made it first: use theirs
        return _key(path.parent)
    except OSError:
        return None
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


@dataclass
class Log:
    """What a sealed log held. A log is a file of lines ``MAC key body``, each sealed on
    its own (the MAC covers ``key body``), so that a run can add records at the end
    instead of writing the whole file again. A line that fails its seal (cut short by a
    kill, edited, from another version) is ignored; of two lines with one key, the later
    one counts. Keys are ASCII without spaces; bodies have no line breaks."""

    records: dict[str, bytes] = field(default_factory=dict)  # body by key
    size: int = 0  # bytes in the file, stale and broken lines included
    torn: bool = False  # the last line has no line break

    def live(self, keys: Iterable[str]) -> int:
        """The bytes that the lines of ``keys`` take up in the file."""
        return sum(len(k) + len(self.records[k]) + LINE_EXTRA for k in keys if k in self.records)


class Store:
    """One private folder of the user cache, for one kind of entry ("lint", "builds")."""

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder = folder
        self._key = key
        # The seal's start, copied for each file (the key and version are always the same).
        self._salted = hmac.new(key, f"mcauthor {__version__}\0".encode(), hashlib.sha256)

    @classmethod
    def open(cls, kind: str) -> Store | None:
        """The store for ``kind``, or None when there is no usable cache folder."""
        root = base()
        if root is None or not _private(root):
            return None
        key = _key(root)
        folder = root / kind
        if key is None or not _private(folder):
            return None
        return cls(folder, key)

    @staticmethod
    def name_for(path: Path, suffix: str) -> str:
        """A file name for what belongs to ``path``: a hash of its real path."""
        real = os.path.realpath(path)
        return hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:40] + suffix

    def _mac(self, body: bytes) -> bytes:
        salted = self._salted.copy()
        salted.update(body)
        return salted.hexdigest().encode()

    def read(self, name: str) -> bytes | None:
        """The body of a sealed file, or None when it is missing or fails its seal."""
        from mcauthor.files import read_regular

        sealed = read_regular(self.folder / name)
        if sealed is None:
            return None
        mac, _, body = sealed.partition(b"\n")
        if len(mac) != 2 * MAC_BYTES or not hmac.compare_digest(mac, self._mac(body)):
            return None
        return body

    def read_used(self, name: str) -> bytes | None:
        """:meth:`read`, and a hit marks the file used, so :meth:`prune` keeps it."""
        found = self.read(name)
        if found is not None:
            with contextlib.suppress(OSError):  # a cache is only a cache
                os.utime(self.folder / name)
        return found

    def prune(self, suffix: str, days: float) -> None:
        """Remove the files ending in ``suffix`` not written or used for ``days``. A file
        that cannot be removed is left."""
        old = time.time() - days * 86400
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name.endswith(suffix) and entry.stat(follow_symlinks=False).st_mtime < old:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def write(self, name: str, body: bytes) -> None:
        """Seal and store ``body`` atomically. Never fails: a cache is only a cache."""
        from mcauthor.errors import WriteError
        from mcauthor.files import replace_file

        with contextlib.suppress(OSError, WriteError):
            replace_file(self.folder / name, self._mac(body) + b"\n" + body, mode=0o600)

    def _line(self, key: str, body: bytes) -> bytes:
        record = key.encode("ascii") + b" " + body
        return self._mac(record) + b" " + record + b"\n"

    def read_log(self, name: str) -> Log:
        """The records of a sealed log whose seals hold (see :class:`Log`)."""
        from mcauthor.files import read_regular

        data = read_regular(self.folder / name) or b""
        log = Log(size=len(data), torn=not data.endswith(b"\n") and bool(data))
        for line in data.split(b"\n"):
            mac, _, record = line.partition(b" ")
            if len(mac) == 2 * MAC_BYTES and hmac.compare_digest(mac, self._mac(record)):
                key, _, body = record.partition(b" ")
                log.records[key.decode("ascii", "replace")] = body
        return log

    def append_log(self, name: str, log: Log, records: Mapping[str, bytes]) -> None:
        """Add sealed ``records`` at the end of the log that ``log`` was read from, in one
        write. Never fails: a record that is not stored is only missing next time."""
        from mcauthor.files import BINARY, NOFOLLOW

        lines = b"".join(self._line(key, body) for key, body in records.items())
        if log.torn:  # a killed run cut its last line short: start on a line of our own
            lines = b"\n" + lines
        with contextlib.suppress(OSError):
            fd = os.open(self.folder / name, os.O_WRONLY | os.O_APPEND | NOFOLLOW | BINARY)
            with os.fdopen(fd, "ab") as handle:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    handle.write(lines)

    def write_log(self, name: str, records: Mapping[str, bytes]) -> None:
        """Replace the log with sealed ``records``, atomically. Never fails."""
        from mcauthor.errors import WriteError
        from mcauthor.files import replace_file

        lines = b"".join(self._line(key, body) for key, body in records.items())
        with contextlib.suppress(OSError, WriteError):
            replace_file(self.folder / name, lines, mode=0o600)

    def path(self, name: str) -> Path:
        return self.folder / name
