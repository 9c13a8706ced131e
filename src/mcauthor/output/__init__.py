"""What every output plans, and what the writer takes: jobs.

An output (the website, the PDF guides, each data export) turns a
:class:`~mcauthor.prepare.Prepared` catalog into *jobs*: an output path, a key that changes
whenever anything the file depends on changes, and a function that renders the bytes. The
writer (:mod:`mcauthor.output.writer`) keeps a job whose key matches the previous build and
renders the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Literal

from mcauthor.errors import BuildError

if TYPE_CHECKING:  # outputs plan from a prepared catalog; the writer never sees one
    from mcauthor.prepare import Prepared

# What a file is, for the build's summary line.
JobKind = Literal["page", "asset", "guide", "data"]


@dataclass(frozen=True)
class Job:
    path: str  # POSIX path inside the output directory
    key: str  # changes whenever anything this file depends on changes
    render: Callable[[], bytes]
    kind: JobKind = "page"


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
    if rel.is_absolute() or not rel.parts or any(p in ("..", "", ".") for p in rel.parts):
        raise BuildError(f"refusing to write outside the output folder: {path!r}")
    if any("\\" in p or ":" in p or _CONTROL.search(p) for p in rel.parts):
        raise BuildError(f"refusing an unsafe output path: {path!r}")
    return rel


_CONTROL = re.compile("[\x00-\x1f\x7f]")  # a newline or tab in a file name, say


def constant(data: bytes) -> Callable[[], bytes]:
    """A job's render for bytes that are already known (static files, pre-rendered PDFs)."""
    return lambda: data


def with_bytes(job: Job, data: bytes) -> Job:
    """``job``, already rendered (by a worker process, say)."""
    return Job(job.path, job.key, constant(data), kind=job.kind)


# Whether a planned job must be rendered (the writer's answer); None: render every job.
Stale = Callable[[Job], bool] | None


@dataclass(frozen=True)
class Progress:
    """What an output reports while it renders ahead of the writer (the PDF guides do)."""

    planned: Callable[[int], None] | None = None  # how many files will render ahead
    done: Callable[[int], None] | None = None  # this many more have


@dataclass(frozen=True)
class Output:
    """One output of a build, a peer of the others: the website, the PDF guides, the data.

    ``plan`` turns the prepared catalog into jobs. ``render_ahead``, if given, renders the
    stale ones among all the planned jobs in bulk (in worker processes) before the writer
    stores them, and leaves every other job as it is.
    """

    name: str
    plan: Callable[[Prepared], list[Job]]
    render_ahead: Callable[[list[Job], Stale, Progress], list[Job]] | None = None
