"""The one safe writer: every file mcauthor writes, moves or deletes goes through here.

A catalog is untrusted (``docs/security.md``), and so is anything a clone brings in, such
as a pre-built output folder full of symbolic links. So:

- **No link is ever followed.** Below a folder opened with :meth:`Folder.open`, each
  folder is entered through a directory file descriptor opened with ``O_NOFOLLOW``, and
  files are opened with ``O_NOFOLLOW`` (temporary files with ``O_EXCL`` too): a link on
  the way is an error, never a detour. (Where the system has no directory descriptors,
  each part of the path is checked with ``lstat`` instead.)
- **Whole or not at all.** New bytes go to a new temporary file in the target's folder,
  which then replaces the target in one rename. Temporary names end in
  :data:`TEMP_SUFFIX`, so that a run that was killed can be tidied up by the next one.
- **Deletes are narrow.** :meth:`Folder.remove` unlinks only a regular file, and
  :meth:`Folder.prune` only empty folders.
- **One line on failure.** A full disk, a read-only file system, a missing permission
  or a link become :class:`~mcauthor.errors.WriteError`: the path, what went wrong and
  what to do (exit status 2).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from types import TracebackType

from mcauthor.errors import WriteError

TEMP_SUFFIX = ".mcauthor-tmp"
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
BINARY = getattr(os, "O_BINARY", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# O_EXCL | O_NOFOLLOW: a temporary file is always new, never a file or link already there.
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY
READ_FILE = os.O_RDONLY | NOFOLLOW | BINARY
_FDS = os.open in os.supports_dir_fd and os.scandir in os.supports_fd and bool(DIRECTORY)
OPEN_FOLDERS = 64  # descriptors of subfolders kept open at once, per opened folder

_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, then run again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run again",
    errno.EROFS: "the file system is read-only: choose a writable folder",
    errno.EACCES: "permission denied: choose a folder you can write to",
    errno.EPERM: "not permitted: choose a folder you can write to",
    errno.ELOOP: "it is a symbolic link, and mcauthor never writes through one: remove it",
    errno.ENOTDIR: "a part of the path is a file or a symbolic link, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.EEXIST: "something else is already there",
    errno.EFBIG: "the file is larger than this system allows (ulimit -f): raise the limit",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n), then run again",
    errno.EIO: "an input/output error: check the disk",
}


def reason(exc: OSError) -> str:
    """What went wrong, and what to do about it, in a few words."""
    if exc.errno in _ADVICE:
        return _ADVICE[exc.errno]
    return exc.strerror or type(exc).__name__


def failure(what: str, path: Path | str, exc: OSError) -> WriteError:
    """``cannot <what> <path>: <reason>`` as a WriteError."""
    return WriteError(f"cannot {what} {path}: {reason(exc)}")


def parts_of(rel: str | PurePosixPath) -> tuple[str, ...]:
    """The parts of a relative POSIX path; refuses anything that could leave its folder
    (an absolute path, an empty, ``.`` or ``..`` part, a backslash or a NUL)."""
    text = str(rel)
    parts = tuple(text.split("/"))
    if any(p in ("", ".", "..") for p in parts):
        raise WriteError(f"refusing a path outside the output folder: {text!r}")
    if "\\" in text or "\x00" in text:
        raise WriteError(f"refusing an unsafe file name: {text!r}")
    return parts


def _temporary_name(name: str) -> str:
    return f".{name[:100]}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def is_temporary(name: str) -> bool:
    """Whether ``name`` is one of this module's temporary files (left by a killed run)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


class Folder:
    """A folder that mcauthor writes in, opened once. Paths are relative POSIX paths.

    Subfolders are entered through directory descriptors, each opened from its parent's
    with ``O_NOFOLLOW``, so a symbolic link anywhere below is refused rather than
    followed. At most :data:`OPEN_FOLDERS` of them stay open (least recently used ones are
    closed, and opened again the same way when needed): a build of thousands of folders
    stays far below the limit on open files.
    """

    def __init__(
        self,
        path: Path,
        fd: int | None,
        created: list[Path] | None = None,
        root: Folder | None = None,
        parts: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self._fd = fd
        self._root = root  # None for the folder that was opened; else where to reopen from
        self._parts = parts
        self._children: dict[tuple[str, ...], Folder] = {}
        self._open: OrderedDict[tuple[str, ...], Folder] = OrderedDict()  # the root's LRU
        # Folders made through this folder (and by open(create=True)), parents first.
        self.created: list[Path] = [] if created is None else created

    # -- opening

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Folder:
        """Open ``path`` itself (never a link to a folder); ``create`` makes it first."""
        path = path.absolute()
        try:
            info = path.lstat()
        except FileNotFoundError as missing:
            if not create:
                raise failure("open the folder", path, missing) from None
            made = [p for p in (path, *path.parents) if not p.exists()][::-1]
            try:
                path.mkdir(parents=True)
                info = path.lstat()
            except OSError as exc:
                raise failure("create the folder", path, exc) from None
            folder = cls._open_dir(path, info)
            folder.created.extend(made)
            return folder
        except OSError as exc:
            raise failure("open the folder", path, exc) from None
        return cls._open_dir(path, info)

    @classmethod
    def _open_dir(cls, path: Path, info: os.stat_result) -> Folder:
        if stat.S_ISLNK(info.st_mode):
            raise WriteError(
                f"{path} is a symbolic link; mcauthor never writes through one "
                "(remove it, or choose the folder it points to)"
            )
        if not stat.S_ISDIR(info.st_mode):
            raise WriteError(f"{path} exists and is not a folder")
        if not _FDS:
            return cls(path, None)
        try:
            fd = os.open(path, os.O_RDONLY | DIRECTORY | NOFOLLOW)
        except OSError as exc:
            raise failure("open the folder", path, exc) from None
        return cls(path, fd)

    def __enter__(self) -> Folder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        for child in self._children.values():
            child._close_fd()
        self._children.clear()
        self._open.clear()
        self._close_fd()

    def _close_fd(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def _dirfd(self) -> int | None:
        """This folder's descriptor (None without descriptors), opened again from the
        root through ``O_NOFOLLOW`` steps when it was closed to save descriptors."""
        if not _FDS:
            return None
        root = self._root
        if root is None:
            if self._fd is None:
                raise WriteError(f"{self.path}: the folder was closed")
            return self._fd
        if self._fd is None:
            self._fd = _reopen(root, self._parts)
        root._open[self._parts] = self
        root._open.move_to_end(self._parts)
        while len(root._open) > OPEN_FOLDERS:
            _, oldest = root._open.popitem(last=False)
            oldest._close_fd()
        return self._fd

    def child(self, parts: Sequence[str], *, create: bool = False) -> Folder:
        """The subfolder ``parts`` (made when ``create``); a link on the way is refused."""
        key = tuple(parts)
        if not key:
            return self
        if self._root is not None:  # always from the opened folder
            return self._root.child((*self._parts, *key), create=create)
        found = self._children.get(key)
        if found is not None:
            return found
        parent = self.child(key[:-1], create=create)
        folder = parent._enter(key[-1], create)
        self._children[key] = folder
        return folder

    def _enter(self, name: str, create: bool) -> Folder:
        path = self.path / name
        if create:
            try:
                os.mkdir(self._name(name), 0o777, dir_fd=self._dirfd())
                self.created.append(path)
            except FileExistsError:
                pass
            except OSError as exc:
                raise failure("create the folder", path, exc) from None
        root = self._root or self
        parts = (*self._parts, name)
        if not _FDS:
            if path.is_symlink() or not path.is_dir():
                raise WriteError(f"refusing to write into {path}: it is not a plain folder")
            return Folder(path, None, self.created, root, parts)
        parent = self._dirfd()
        assert parent is not None
        folder = Folder(path, _enter_fd(parent, name, path), self.created, root, parts)
        root._open[parts] = folder
        folder._dirfd()  # counts it as open (and closes the least recently used)
        return folder

    def _name(self, name: str) -> str:
        return name if _FDS else str(self.path / name)

    def _split(self, rel: str | PurePosixPath, create: bool) -> tuple[Folder, str]:
        parts = parts_of(rel)
        return self.child(parts[:-1], create=create), parts[-1]

    # -- reading

    def lstat(self, rel: str | PurePosixPath) -> os.stat_result | None:
        """The entry's own status (a link is not followed); None when missing."""
        try:
            folder, name = self._split(rel, create=False)
            return os.stat(folder._name(name), follow_symlinks=False, dir_fd=folder._dirfd())
        except (OSError, WriteError):
            return None

    def read(self, rel: str | PurePosixPath) -> bytes | None:
        """The bytes of a regular file; None when missing, a link or anything else."""
        try:
            folder, name = self._split(rel, create=False)
            fd = os.open(folder._name(name), READ_FILE, dir_fd=folder._dirfd())
        except (OSError, WriteError):
            return None
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            return handle.read()

    # -- writing

    def write(
        self,
        rel: str | PurePosixPath,
        data: bytes,
        *,
        mode: int | None = None,
        epoch: int | None = None,
        replace_link: bool = False,
    ) -> None:
        """Write ``rel`` whole or not at all. An existing file keeps its permissions
        (``mode`` sets them); a link at ``rel`` is refused unless ``replace_link``, which
        replaces the link itself (never what it points to)."""
        folder, name = self._split(rel, create=True)
        shown = folder.path / name
        try:
            old = os.stat(folder._name(name), follow_symlinks=False, dir_fd=folder._dirfd())
        except FileNotFoundError:
            old = None
        except OSError as exc:
            raise failure("write", shown, exc) from None
        if old is not None:
            if stat.S_ISLNK(old.st_mode) and not replace_link:
                raise WriteError(
                    f"refusing to write {shown}: it is a symbolic link (mcauthor never "
                    "writes through one: remove it)"
                )
            if stat.S_ISDIR(old.st_mode):
                raise WriteError(f"cannot write {shown}: it is a folder")
            if mode is None and stat.S_ISREG(old.st_mode):
                mode = stat.S_IMODE(old.st_mode)
        folder.tidy(name)
        temporary = folder.stage(name, data, mode=mode, epoch=epoch)
        folder.rename_in(temporary, name)

    def create(self, rel: str | PurePosixPath, data: bytes, *, epoch: int | None = None) -> None:
        """Write a new file (it must not exist yet), straight to its name: for a folder
        that only this run writes in, such as a fresh staging folder."""
        folder, name = self._split(rel, create=True)
        try:
            fd = os.open(folder._name(name), NEW_FILE, 0o666, dir_fd=folder._dirfd())
        except OSError as exc:
            raise failure("write", folder.path / name, exc) from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            if epoch is not None:
                os.utime(folder._name(name), (epoch, epoch), dir_fd=folder._dirfd())
        except OSError as exc:
            raise failure("write", folder.path / name, exc) from None

    def stage(
        self, name: str, data: bytes, *, mode: int | None = None, epoch: int | None = None
    ) -> str:
        """A new temporary file in this folder holding ``data``; returns its name."""
        for _ in range(100):
            temporary = _temporary_name(name)
            try:
                fd = os.open(self._name(temporary), NEW_FILE, 0o666, dir_fd=self._dirfd())
                break
            except FileExistsError:
                continue
            except OSError as exc:
                raise failure("write", self.path / name, exc) from None
        else:
            raise WriteError(f"cannot write {self.path / name}: no free temporary file name")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if mode is not None and hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), mode)
            if epoch is not None:
                os.utime(self._name(temporary), (epoch, epoch), dir_fd=self._dirfd())
        except OSError as exc:
            self.discard(temporary)
            raise failure("write", self.path / name, exc) from None
        except BaseException:
            self.discard(temporary)
            raise
        return temporary

    def rename_in(self, temporary: str, name: str) -> None:
        """Move this folder's temporary file onto ``name`` in one rename."""
        try:
            os.rename(self._name(temporary), self._name(name), **self._pair(self))
        except OSError as exc:
            self.discard(temporary)
            raise failure("write", self.path / name, exc) from None

    def _pair(self, source: Folder) -> dict[str, int]:
        if not _FDS:
            return {}
        src, dst = source._dirfd(), self._dirfd()
        assert src is not None and dst is not None
        return {"src_dir_fd": src, "dst_dir_fd": dst}

    def tidy(self, name: str | None = None) -> None:
        """Remove temporary files that a killed run left in this folder (only those for
        ``name`` when given); regular files only. Never fails."""
        prefix = "." if name is None else f".{name[:100]}."
        target = self._dirfd() if _FDS else str(self.path)
        try:
            with os.scandir(target) as entries:
                found = [
                    e.name
                    for e in entries
                    if is_temporary(e.name)
                    and e.name.startswith(prefix)
                    and e.is_file(follow_symlinks=False)
                ]
        except OSError:
            return
        for leftover in found:
            self.discard(leftover)

    def discard(self, temporary: str) -> None:
        """Remove a temporary file of ours; never fails."""
        with contextlib.suppress(OSError):
            os.unlink(self._name(temporary), dir_fd=self._dirfd())

    def move_from(self, source: Folder, rel: str | PurePosixPath) -> None:
        """Move ``rel`` from ``source`` (a folder of ours on the same file system) to the
        same place here, in one rename; folders on the way are made."""
        source_folder, name = source._split(rel, create=False)
        folder, _ = self._split(rel, create=True)
        try:
            os.rename(source_folder._name(name), folder._name(name), **folder._pair(source_folder))
        except OSError as exc:
            raise failure("write", folder.path / name, exc) from None

    def set_time(self, rel: str | PurePosixPath, epoch: int) -> None:
        """Give a file the build's time, never through a link. Never fails."""
        with contextlib.suppress(OSError, WriteError):
            folder, name = self._split(rel, create=False)
            os.utime(
                folder._name(name), (epoch, epoch), follow_symlinks=False, dir_fd=folder._dirfd()
            )

    # -- removing

    def remove(self, rel: str | PurePosixPath) -> bool:
        """Delete ``rel`` if it is a regular file (never a link, never a folder)."""
        try:
            folder, name = self._split(rel, create=False)
            info = os.stat(folder._name(name), follow_symlinks=False, dir_fd=folder._dirfd())
            if not stat.S_ISREG(info.st_mode):
                return False
            os.unlink(folder._name(name), dir_fd=folder._dirfd())
        except FileNotFoundError:
            return False
        except WriteError:
            return False
        except OSError as exc:
            raise failure("delete", self.path / str(rel), exc) from None
        return True

    def prune(self, parts: Sequence[str]) -> None:
        """Remove the folder ``parts`` and then its parents while they are empty."""
        parts = tuple(parts)
        while parts:
            try:
                parent = self.child(parts[:-1])
                os.rmdir(parent._name(parts[-1]), dir_fd=parent._dirfd())
            except (OSError, WriteError):
                return
            self._forget(parts)
            parts = parts[:-1]

    def prune_created(self) -> None:
        """Remove the folders this folder made (deepest first) while they are empty."""
        for path in reversed(self.created):
            with contextlib.suppress(OSError):
                path.rmdir()
        self.created.clear()

    def _forget(self, parts: tuple[str, ...]) -> None:
        for key in [k for k in self._children if k[: len(parts)] == parts]:
            self._children.pop(key).close()

    # -- looking around

    def walk(self) -> Iterator[tuple[str, str]]:
        """Every entry below this folder as (relative POSIX path, kind), folders before
        what they hold; kind is "folder", "link", "file" or "other". Links are reported,
        never entered."""
        yield from self._walk(())

    def _walk(self, parts: tuple[str, ...]) -> Iterator[tuple[str, str]]:
        folder = self.child(parts)
        target = folder._dirfd() if _FDS else str(folder.path)
        with os.scandir(target) as entries:  # read whole before going deeper
            listed = sorted((e.name, _kind(e)) for e in entries)
        for name, kind in listed:
            yield "/".join((*parts, name)), kind
            if kind == "folder":
                yield from self._walk((*parts, name))


def _kind(entry: os.DirEntry[str]) -> str:
    if entry.is_symlink():
        return "link"
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


def _reopen(root: Folder, parts: tuple[str, ...]) -> int:
    """Open ``root``'s subfolder ``parts`` one ``O_NOFOLLOW`` step at a time."""
    fd = root._dirfd()
    assert fd is not None
    shown = root.path.joinpath(*parts)
    opened: list[int] = []
    try:
        for part in parts:
            fd = _enter_fd(fd, part, shown)
            opened.append(fd)
    except BaseException:
        for extra in opened:
            os.close(extra)
        raise
    for extra in opened[:-1]:
        os.close(extra)
    return fd


def _enter_fd(parent: int, name: str, shown: Path) -> int:
    """Open the folder ``name`` in ``parent`` without following a link."""
    try:
        return os.open(name, os.O_RDONLY | DIRECTORY | NOFOLLOW, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise WriteError(
                f"refusing to write into {shown}: it is a symbolic link or a file, "
                "not a folder (mcauthor never writes through a link: remove it)"
            ) from None
        raise failure("open the folder", shown, exc) from None


def link_below(path: Path, root: Path) -> Path | None:
    """The first folder or file of ``path`` below ``root`` that is a symbolic link, if
    any (``path`` is taken as written, not resolved). Parts above ``root`` are the
    user's own and are not looked at; a path outside ``root`` gives None."""
    path, root = path.absolute(), root.absolute()
    if not path.is_relative_to(root):
        return None
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def read_regular(path: Path) -> bytes | None:
    """The bytes of the regular file ``path`` (its last part never a link); else None."""
    try:
        fd = os.open(path, READ_FILE)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read()


def replace_file(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write the file ``path`` whole or not at all; its folder must exist. A link at
    ``path`` itself is replaced, never followed (for files of mcauthor's own caches)."""
    with Folder.open(path.parent) as folder:
        folder.write(path.name, data, mode=mode, replace_link=True)


def write_file(path: Path, data: bytes, catalog_root: Path | None = None) -> None:
    """Write a file the user named on the command line (``lint --output``, ``guide -o``,
    ``stacks --svg``): whole or not at all, refusing a link at the file.

    Folders on the way that lie inside the catalog are untrusted (a pull request can make
    any of them a link), so below the catalog root no part of the path may be a link;
    above it, the path is the user's own and is taken as it is.
    """
    path = path.absolute()
    anchor, rel = path.parent, path.name
    if catalog_root is not None:
        for root in {catalog_root.absolute(), Path(os.path.realpath(catalog_root))}:
            if root in path.parents:
                anchor, rel = root, path.relative_to(root).as_posix()
                break
    if not path.parent.is_dir():
        raise WriteError(f"cannot write {path}: the folder {path.parent} does not exist")
    with Folder.open(anchor) as folder:
        folder.write(rel, data)
