"""Write a planned build: change keys, a trusted manifest, a staging folder, renames.

A job (:class:`mcauthor.output.Job`) whose key matches the previous build, and whose
previous file is still there untouched, is kept instead of rendered. Everything new is
written to a staging folder beside the output and moved in only when every job
succeeded: a failed build leaves the previous output as it was.

What the previous build wrote (each file's key, content hash and status) is the
*manifest*. A pull request can commit anything into an output folder, so the manifest is
kept in the user's cache (:mod:`mcauthor.usercache`), sealed, and never read from the
output folder: the copy written there (:data:`CACHE_NAME`, keys and hashes only) only
marks a folder that mcauthor wrote. A file whose status (size, modification and change
times in nanoseconds, inode) is still the one recorded is the file mcauthor left there;
only a file whose status changed is read and hashed (see docs/security.md).
All writes, moves and deletes go through :mod:`mcauthor.files`, which never follows a
symbolic link; an output folder that holds one is refused.

What a kill at any moment leaves: the output folder holds a complete build, each file
either the previous build's or this one's (every file arrives by one rename); a staging
folder and temporary files beside it, which the next build removes. The manifest is saved
last, so a file moved in before the kill no longer matches it and is rendered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from mcauthor.errors import BuildError, CannotRun, WriteError
from mcauthor.files import Folder, failure, is_temporary
from mcauthor.output import Job, WriteResult, safe_relpath
from mcauthor.usercache import Store

CACHE_VERSION = 3  # the trusted manifest (user cache): key, hash, status
MARKER_VERSION = 2  # the marker in the output folder: keys and hashes
CACHE_NAME = ".mcauthor-cache.json"  # in the output folder: "mcauthor wrote this folder"
STORE = "builds"  # the user-cache folder of build manifests and locks

# A file's status as the manifest records it: size, modification time, change time (both
# in nanoseconds) and inode. Writing or replacing a file changes its change time and
# usually its inode, and no user program can set a change time.
Stamp = tuple[int, int, int, int]


class Recorded(NamedTuple):
    """What the manifest says the previous build left at one path."""

    key: str
    digest: str | None
    stamp: Stamp | None  # None: not known, so the file is hashed


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _stamp(info: os.stat_result | None) -> Stamp | None:
    if info is None or not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class OutputFolder:
    """The output folder of one build, held from planning to the last rename.

    Opening it takes the folder's lock (a second build into the same folder stops with
    exit status 2), refuses a folder that is or holds a symbolic link, removes what a
    killed build left (staging folders, temporary files), and reads the trusted manifest.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.absolute()
        self.store = Store.open(STORE)
        self.name = Store.name_for(self.out, ".json")
        self.folder: Folder | None = None
        self.previous: dict[str, Recorded] = {}
        # Files checked against the manifest (is_current), by path: the status seen, or
        # None when the file is not the one the previous build left.
        self._checked: dict[str, Stamp | None] = {}
        self._lock: int | None = None

    @classmethod
    @contextlib.contextmanager
    def open(cls, out: Path) -> Iterator[OutputFolder]:
        output = cls(out)
        try:
            output._open()
            yield output
        finally:
            output.close()

    def _open(self) -> None:
        out = self.out
        try:
            info: os.stat_result | None = out.lstat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise failure("open the output folder", out, exc) from None
        if info is not None and stat.S_ISLNK(info.st_mode):
            raise WriteError(
                f"the output folder {out} is a symbolic link; mcauthor never writes through "
                "one (remove the link, or give the real folder as --out)"
            )
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise WriteError(f"{out} exists and is not a folder")
        self._take_lock()
        _remove_staging(out)
        if info is None:
            return
        self.folder = Folder.open(out)
        _tidy(self.folder, out)
        self.previous = self._manifest()

    def _take_lock(self) -> None:
        if self.store is None:
            return  # no private cache folder: nowhere safe for a lock; builds may race
        try:
            import fcntl
        except ImportError:  # Windows
            return
        path = self.store.path(self.name.removesuffix(".json") + ".lock")
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise CannotRun(
                f"another mcauthor build is writing to {self.out} right now; wait for it "
                "to finish, or build into another folder with --out"
            ) from None
        self._lock = fd

    def _manifest(self) -> dict[str, Recorded]:
        body = self.store.read(self.name) if self.store is not None else None
        if body is None:
            return {}
        try:
            data = json.loads(body)
        except ValueError:
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        files = data.get("files")
        if not isinstance(files, dict):
            return {}
        return {k: r for k, v in files.items() if (r := _recorded(v)) is not None}

    def close(self) -> None:
        if self.folder is not None:
            self.folder.close()
            self.folder = None
        if self._lock is not None:
            os.close(self._lock)  # releases the lock
            self._lock = None

    def is_current(self, job: Job) -> bool:
        """Whether the file the last build wrote for ``job`` can stay: same key, and
        the file in the folder still has the bytes the manifest recorded. A file whose
        status is the recorded one is not read; any other file is read and hashed."""
        entry = self.previous.get(job.path)
        if entry is None or entry.key != job.key or self.folder is None:
            return False
        if job.path not in self._checked:
            self._checked[job.path] = self._check(job.path, entry)
        return self._checked[job.path] is not None

    def _check(self, path: str, entry: Recorded) -> Stamp | None:
        """The file's status if it is the file the manifest records, else None."""
        assert self.folder is not None
        seen = _stamp(self.folder.lstat(path))
        if seen is None or entry.stamp == seen:
            return seen
        return seen if entry.digest == _digest(self.folder.read(path)) else None

    def write(
        self,
        jobs: Sequence[Job],
        *,
        epoch: int | None = None,
        incremental: bool = True,
        on_done: Callable[[Job], None] | None = None,
    ) -> WriteResult:
        """Render what changed into a staging folder, then move it into the output.

        Nothing in the output is touched until every job has rendered. A first build
        renames the whole staging folder into place; later builds delete the files no
        output produces any more (only those the trusted manifest lists: files mcauthor
        never wrote, such as a CNAME, are left alone), then move each new file in with
        one rename.
        """
        _check_paths(jobs)
        out = self.out
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
            staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a site is public
        except OSError as exc:
            raise failure("write into", out.parent, exc) from None
        result = WriteResult()
        hashes: dict[str, str | None] = {}
        try:
            with _named_as(staging, out), Folder.open(staging) as new:
                for job in jobs:
                    if incremental and self.is_current(job):
                        hashes[job.path] = self.previous[job.path].digest
                        result.reused[job.kind] = result.reused.get(job.kind, 0) + 1
                    else:
                        data = job.render()
                        new.create(job.path, data, epoch=epoch)
                        hashes[job.path] = _digest(data)
                        result.written[job.kind] = result.written.get(job.kind, 0) + 1
                        result.rendered_paths.append(job.path)
                    if on_done is not None:
                        on_done(job)
                new.create(CACHE_NAME, _marker_bytes(jobs, hashes))
                if self.folder is None:
                    _rename(staging, out)
                else:
                    self._commit(new, result.rendered_paths, set(self.previous) - set(hashes))
            stamps = self._stamps(jobs, result.rendered_paths, epoch)
            if self.store is not None:
                self.store.write(self.name, _manifest_bytes(jobs, hashes, stamps))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return result

    def _commit(self, new: Folder, rendered: Sequence[str], stale: set[str]) -> None:
        """Drop files no longer built (only regular files the manifest lists), then
        move the rendered files and the marker in, each with one rename."""
        folder = self.folder
        assert folder is not None
        for path in sorted(stale):
            if path == CACHE_NAME:
                continue
            with contextlib.suppress(BuildError):
                parts = safe_relpath(path).parts
                if folder.remove(path):
                    folder.prune(parts[:-1])
        for path in (*rendered, CACHE_NAME):
            folder.move_from(new, path)

    def _stamps(
        self, jobs: Sequence[Job], rendered: Sequence[str], epoch: int | None
    ) -> dict[str, Stamp | None]:
        """Every file's status once it is in place, for the manifest. Reused files keep
        their bytes; those whose time is not the build's get it (which changes their
        status). Only files written or touched now are looked at again."""
        known = {} if self.folder is None else dict(self._checked)
        for path in rendered:
            known.pop(path, None)
        epoch_ns = None if epoch is None else epoch * 1_000_000_000
        with contextlib.ExitStack() as stack:
            folder = self.folder or stack.enter_context(Folder.open(self.out))
            for job in jobs:
                seen = known.get(job.path)
                if seen is not None and epoch is not None and seen[1] != epoch_ns:
                    folder.set_time(job.path, epoch)
                    seen = None
                if seen is None:
                    known[job.path] = _stamp(folder.lstat(job.path))
        return known

    def forget(self) -> None:
        """Drop the manifest (for a temporary output folder, such as the preview's)."""
        if self.store is not None:
            with contextlib.suppress(OSError):
                self.store.path(self.name).unlink()


def write(
    out: Path,
    jobs: Sequence[Job],
    *,
    epoch: int | None = None,
    incremental: bool = True,
    on_done: Callable[[Job], None] | None = None,
) -> WriteResult:
    """Open ``out`` (see :class:`OutputFolder`) and write ``jobs`` into it."""
    with OutputFolder.open(out) as output:
        return output.write(jobs, epoch=epoch, incremental=incremental, on_done=on_done)


@contextlib.contextmanager
def _named_as(staging: Path, out: Path) -> Iterator[None]:
    """Errors about files in the staging folder name the file they were to become."""
    try:
        yield
    except WriteError as exc:
        raise WriteError(str(exc).replace(str(staging), str(out))) from None


def _check_paths(jobs: Sequence[Job]) -> None:
    seen: set[str] = set()
    for job in jobs:
        if job.path in seen:
            raise BuildError(f"two outputs want to write {job.path}")
        seen.add(job.path)
        safe_relpath(job.path)


def _rename(staging: Path, out: Path) -> None:
    try:
        os.rename(staging, out)
    except OSError as exc:
        raise failure("write the output folder", out, exc) from None


def _remove_staging(out: Path) -> None:
    """Remove staging folders a killed build left beside ``out`` (real folders only; the
    caller holds the lock, so none of them belongs to a running build)."""
    prefix = f".{out.name}.building-"
    try:
        names = [n for n in os.listdir(out.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        path = out.parent / name
        with contextlib.suppress(OSError):
            if stat.S_ISDIR(path.lstat().st_mode):
                shutil.rmtree(path, ignore_errors=True)  # never follows links inside


def _tidy(folder: Folder, out: Path) -> None:
    """Refuse an output folder holding a symbolic link; remove temporary files left by a
    killed run. (A look by path is enough here: every write after it goes through the
    folder's descriptors, which refuse a link that appeared since.)"""
    leftovers: list[str] = []
    folders = [str(out)]
    try:
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        rel = Path(entry.path).relative_to(out).as_posix()
                        raise WriteError(
                            f"the output folder {out} holds a symbolic link ({rel}); "
                            "mcauthor never writes through links: delete the folder (it "
                            "holds only built files) and build again"
                        )
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif is_temporary(entry.name):
                        leftovers.append(Path(entry.path).relative_to(out).as_posix())
    except OSError as exc:
        raise failure("read the output folder", out, exc) from None
    for rel in leftovers:
        folder.remove(rel)  # a regular file only, reached without following a link


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _recorded(row: object) -> Recorded | None:
    """One file of a manifest read back, or None when it is not in the expected shape."""
    if not isinstance(row, list) or len(row) != 3:
        return None
    key, digest, stamp = row
    if not isinstance(key, str) or not isinstance(digest, (str, type(None))):
        return None
    if isinstance(stamp, list) and len(stamp) == 4 and all(type(n) is int for n in stamp):
        size, modified, changed, inode = stamp
        return Recorded(key, digest, (size, modified, changed, inode))
    return Recorded(key, digest, None)


def _manifest_bytes(
    jobs: Sequence[Job], hashes: dict[str, str | None], stamps: dict[str, Stamp | None]
) -> bytes:
    files = {job.path: [job.key, hashes[job.path], stamps.get(job.path)] for job in jobs}
    text = json.dumps({"version": CACHE_VERSION, "files": files}, separators=(",", ":"))
    return text.encode("utf-8")


def _marker_bytes(jobs: Sequence[Job], hashes: dict[str, str | None]) -> bytes:
    # Keys and content hashes only (no times), so the file is reproducible too.
    files = {job.path: [job.key, hashes[job.path]] for job in jobs}
    text = json.dumps({"version": MARKER_VERSION, "files": files}, sort_keys=True, indent=0)
    return (text + "\n").encode("utf-8")
