"""Write a planned build: a content-hash cache, a temporary directory, atomic renames.

Outputs plan *jobs*: an output path, a key that changes whenever anything the file
depends on changes, and a function that renders the bytes. A job whose key matches the
previous build, and whose previous file is still there untouched, is kept instead of
rendered. Everything new is written to a temporary directory beside the output and moved
in only when every job succeeded: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

CACHE_VERSION = 1
CACHE_NAME = ".mcauthor-cache.json"


class BuildError(Exception):
    """The build cannot finish; the previous output is untouched. One-line message."""


@dataclass(frozen=True)
class Job:
    path: str  # POSIX path inside the output directory
    key: str  # changes whenever anything this file depends on changes
    render: Callable[[], bytes]
    kind: str = "page"  # page | asset | guide | data: for the summary line


def key_of(*parts: object) -> str:
    """A stable hash of JSON-able parts (the inputs a job depends on)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class WriteResult:
    written: dict[str, int] = field(default_factory=dict)  # kind -> files rendered
    reused: dict[str, int] = field(default_factory=dict)  # kind -> files reused
    rendered_paths: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.written.values()) + sum(self.reused.values())


def safe_relpath(path: str) -> PurePosixPath:
    """An output path that cannot leave the output directory."""
    rel = PurePosixPath(path)
    if rel.is_absolute() or not rel.parts or any(p in ("..", "") for p in rel.parts):
        raise BuildError(f"refusing to write outside the output folder: {path!r}")
    if any("\\" in p or ":" in p or "\x00" in p for p in rel.parts):
        raise BuildError(f"refusing an unsafe output path: {path!r}")
    return rel


def _fingerprint(path: Path) -> str | None:
    """The file's content hash: a previous file is reused only if nobody changed it."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def constant(data: bytes) -> Callable[[], bytes]:
    """A job's render for bytes that are already known (static files, pre-rendered PDFs)."""
    return lambda: data


def previous_build(out: Path) -> dict[str, list[object]]:
    """What the last build into ``out`` wrote: path -> [key, content hash]."""
    return _load_cache(out) if out.is_dir() else {}


def is_current(out: Path, previous: dict[str, list[object]], job: Job) -> bool:
    """Whether the file the last build wrote for ``job`` can stay: same key, untouched."""
    entry = previous.get(job.path)
    if not entry:
        return False
    return entry[0] == job.key and entry[1] == _fingerprint(out / job.path)


def _load_cache(out: Path) -> dict[str, list[object]]:
    try:
        data = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def write(
    out: Path,
    jobs: Sequence[Job],
    *,
    epoch: int | None = None,
    incremental: bool = True,
    on_done: Callable[[Job], None] | None = None,
) -> WriteResult:
    """Render what changed into a temporary folder, then move it into ``out``.

    Nothing in ``out`` is touched until every job has rendered. A first build renames the
    whole temporary folder into place; later builds move each new file in with one atomic
    rename, keep unchanged files where they are, and delete files that no output
    produces any more (files mcauthor never wrote, such as a CNAME, are left alone).
    """
    _check_paths(jobs)
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out} exists and is not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = not out.is_dir()
    previous = previous_build(out)  # also says which files no output produces any more
    result = WriteResult()
    hashes: dict[str, str | None] = {}
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a site must be readable
    try:
        for job in jobs:
            if incremental and is_current(out, previous, job):
                hashes[job.path] = str(previous[job.path][1])
                result.reused[job.kind] = result.reused.get(job.kind, 0) + 1
            else:
                data = job.render()
                target = staging / job.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                if epoch is not None:
                    os.utime(target, (epoch, epoch))
                hashes[job.path] = hashlib.sha256(data).hexdigest()
                result.written[job.kind] = result.written.get(job.kind, 0) + 1
                result.rendered_paths.append(job.path)
            if on_done is not None:
                on_done(job)
        _write_cache(staging, jobs, hashes)
        if fresh:
            staging.rename(out)
            return result
        _commit(staging, out, result.rendered_paths, stale=set(previous) - set(hashes))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if epoch is not None:  # reused files keep their bytes; give them the build's time too
        for job in jobs:
            with contextlib.suppress(OSError):
                os.utime(out / job.path, (epoch, epoch))
    return result


def _check_paths(jobs: Sequence[Job]) -> None:
    seen: set[str] = set()
    for job in jobs:
        if job.path in seen:
            raise BuildError(f"two outputs want to write {job.path}")
        seen.add(job.path)
        safe_relpath(job.path)


def _commit(staging: Path, out: Path, rendered: Sequence[str], stale: set[str]) -> None:
    """Move the rendered files (and the cache) into ``out``; drop files no longer built."""
    for path in (*rendered, CACHE_NAME):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)
    for path in sorted(stale):
        safe_relpath(path)  # the cache file is ours, but never trust a path blindly
        with contextlib.suppress(OSError):
            (out / path).unlink()
        _prune_empty(out, (out / path).parent)


def _prune_empty(out: Path, folder: Path) -> None:
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_cache(staging: Path, jobs: Iterable[Job], hashes: dict[str, str | None]) -> None:
    # Keys and content hashes only (no times), so the cache file is reproducible too.
    files = {job.path: [job.key, hashes[job.path]] for job in jobs}
    text = json.dumps({"version": CACHE_VERSION, "files": files}, sort_keys=True, indent=0)
    (staging / CACHE_NAME).write_text(text + "\n", encoding="utf-8")
