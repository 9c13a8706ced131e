"""The catalogs an editor has files of, each linted by one :class:`mcauthor.engine.Engine`.

The engine is only ever used from one worker thread, so the editor's messages never wait
for a lint: buffers and changes on disk are queued here and handed to the engine by the
worker before it lints. A lint that is already running when more edits arrive is
followed by one more, for all of them together.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pygls import uris

from mcauthor.catalogfiles import CONFIG_NAME, KIND_DIRS, YAML_SUFFIXES, find_root
from mcauthor.engine import Engine
from mcauthor.errors import CannotRun
from mcauthor.lint import LintResult

log = logging.getLogger(__name__)

# How long a change waits for the next before the lint starts. None: the lint starts once
# the messages that already arrived are read (a burst of keystrokes that reached the
# server together is linted once, and edits during a lint are linted together after it);
# a fixed wait only added its length to every edit (10 ms of a 45 ms median).
DEBOUNCE = 0.0
# How deep below a workspace folder a catalog is looked for (`catalog/mcauthor.yaml`).
SEARCH_DEPTH = 2
_SKIP = {"node_modules", "site", "__pycache__"}


@dataclass(frozen=True)
class File:
    """A catalog file the editor names: its catalog, its catalog path and its kind."""

    uri: str
    root: Path
    rel: str
    kind: str  # config | credential | stack | research


@dataclass
class _Queue:
    texts: dict[str, str | None] = field(default_factory=dict)  # buffers for the engine
    disk: set[str] | None = field(default_factory=set)  # changed on disk (None: anything)


Outcome = LintResult | CannotRun
Publish = Callable[[Path, Outcome], None]


class Catalogs:
    """Engines by catalog root, the queue of what each has not seen yet, the last result."""

    def __init__(self, publish: Publish) -> None:
        self.publish = publish
        self.engines: dict[Path, Engine] = {}
        self.results: dict[Path, LintResult] = {}
        self._queues: dict[Path, _Queue] = {}
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mcauthor-lint")
        self._dirty: set[Path] = set()
        self._tasks: dict[Path, asyncio.Task[None]] = {}

    # -- which file is whose -------------------------------------------------------------
    def file(self, uri: str) -> File | None:
        """The catalog file behind ``uri``; None for anything else (a file outside every
        catalog, a YAML file the catalog does not read, not a file at all)."""
        path_text = uris.to_fs_path(uri)
        if not path_text or not path_text.endswith(YAML_SUFFIXES):
            return None
        path = Path(path_text)
        try:
            root = find_root(path.parent)
        except (CannotRun, OSError):
            return None
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else None
        kind = _kind(rel) if rel else None
        if rel is None or kind is None:
            return None
        return File(uri, root, rel, kind)

    # -- queueing ------------------------------------------------------------------------
    def set_text(self, file: File, text: str | None) -> None:
        with self._lock:
            self._queue(file.root).texts[file.rel] = text

    def changed_on_disk(self, root: Path, rel: str | None) -> None:
        """A file of the catalog changed on disk (None: something did)."""
        with self._lock:
            queue = self._queue(root)
            if rel is None or queue.disk is None:
                queue.disk = None
            else:
                queue.disk.add(rel)

    def _queue(self, root: Path) -> _Queue:
        return self._queues.setdefault(root, _Queue())

    # -- linting -------------------------------------------------------------------------
    def schedule(self, root: Path) -> None:
        """Lint ``root`` soon and publish what it finds (from the event loop)."""
        self._dirty.add(root)
        task = self._tasks.get(root)
        if task is None or task.done():
            self._tasks[root] = asyncio.get_running_loop().create_task(self._refresh(root))

    async def _refresh(self, root: Path) -> None:
        await asyncio.sleep(DEBOUNCE)
        while root in self._dirty:
            self._dirty.discard(root)
            outcome = await self.outcome(root)
            if outcome is not None:
                try:
                    self.publish(root, outcome)
                except Exception:  # a bug in showing findings must not stop the next lint
                    log.exception("mcauthor lsp: publishing the findings of %s failed", root)

    async def result(self, root: Path) -> LintResult | None:
        """The catalog as it stands now; None when it cannot be linted."""
        outcome = await self.outcome(root)
        return outcome if isinstance(outcome, LintResult) else None

    async def outcome(self, root: Path) -> Outcome | None:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._worker, self._lint, root)

    def _lint(self, root: Path) -> Outcome | None:
        """In the worker: hand the engine what is queued, then lint."""
        with self._lock:
            queue = self._queues.pop(root, _Queue())
        try:
            engine = self.engines.get(root)
            if engine is None:
                engine = self.engines[root] = Engine(root)
            for rel, text in queue.texts.items():
                engine.set_text(rel, text)
            if queue.disk is None:
                engine.changed_on_disk()
            elif queue.disk:
                engine.changed_on_disk(sorted(queue.disk))
            result = engine.result()
        except CannotRun as exc:
            return exc
        except Exception:  # never take the server down: say so in its log, keep going
            log.exception("mcauthor lsp: linting %s failed", root)
            return None
        self.results[root] = result
        return result

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


def _kind(rel: str) -> str | None:
    """The kind of a catalog path, as the loader reads it; None for other files."""
    if rel == CONFIG_NAME:
        return "config"
    parts = rel.split("/")
    if len(parts) < 2 or any(part.startswith(".") for part in parts):
        return None
    return KIND_DIRS.get(parts[0])


def catalogs_in(folder: Path) -> list[Path]:
    """The catalog a workspace folder is in, or those a few levels below it."""
    try:
        return [find_root(folder)]
    except (CannotRun, OSError):
        pass
    return sorted(set(_below(folder, SEARCH_DEPTH)))


def _below(folder: Path, depth: int) -> Iterator[Path]:
    """Folders holding mcauthor.yaml below ``folder``; links and hidden folders skipped."""
    if depth == 0:
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _SKIP:
            continue
        if entry.is_dir(follow_symlinks=False):
            if os.path.isfile(os.path.join(entry.path, CONFIG_NAME)):
                yield Path(entry.path)
            else:
                yield from _below(Path(entry.path), depth - 1)
