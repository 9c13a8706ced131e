"""The lint engine for a session of edits: one catalog kept in memory and linted again
after each change, taking over what the change did not touch.

The language server (``mcauthor lsp``) holds one :class:`Engine`. An editor's unsaved
buffers stand in for their files (:meth:`Engine.set_text`), and the server says which
files changed on disk (:meth:`Engine.changed_on_disk`); the engine reads nothing else
again. Its result is always the one :func:`mcauthor.lint.lint` gives for the same files:
what it takes over is keyed by what it was computed from (see
:class:`mcauthor.lint.Reuse`), and ``tests/test_engine.py`` compares the two after
random sequences of edits. Nothing is written to disk, so nothing a clone brings can
change what the engine reports.
"""

from __future__ import annotations

import errno
import gc
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from mcauthor.catalogfiles import DISK, MAX_BYTES, TooLarge, catalog_path, find_root
from mcauthor.confine import Confinement
from mcauthor.findings import Finding
from mcauthor.gctune import big_pass
from mcauthor.lint import LintOptions, LintResult, Reuse, lint_again

COLLECT_EVERY = 500  # lints between two full garbage collections (see Engine.result)


class _Session:
    """The catalog's files as the engine sees them: the buffers an editor holds, and the
    bytes of every other file as last read (a loader.Files)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.buffers: dict[str, str] = {}  # catalog path -> text
        self.bytes: dict[str, bytes] = {}  # catalog path -> bytes read from disk
        self.found: tuple[list[tuple[Path, str]], list[Finding]] | None = None
        self.stale = False  # whether the files were found by an earlier lint

    def discover(self, root: Path, findings: list[Finding]) -> list[tuple[Path, str]]:
        self.stale = self.found is not None
        if self.found is None:
            seen: list[Finding] = []
            self.found = (DISK.discover(root, seen), seen)
        findings.extend(self.found[1])
        return list(self.found[0])

    def read(self, path: Path) -> bytes:
        rel = catalog_path(self.root, path)
        text = self.buffers.get(rel)
        if text is not None:
            data = text.encode("utf-8", "surrogatepass")
            if len(data) > MAX_BYTES:  # the file's budget holds for its buffer too (MC008)
                raise TooLarge(len(data))
            return data
        kept = self.bytes.get(rel)
        if kept is None:  # an error (unreadable, too large) is not kept: asked again
            if self.stale and (why := Confinement.of(self.root).problem(rel)) is not None:
                # Found by an earlier look: it may have become a link out since (a
                # checkout while the editor is open); never read through it.
                raise OSError(errno.EACCES, f"it {why} now")
            kept = self.bytes[rel] = DISK.read(path)
        return kept


class Engine:
    """One catalog, linted again after each change (see the module's docstring)."""

    def __init__(self, root: Path, options: LintOptions | None = None) -> None:
        self.root = find_root(root)
        # The engine keeps what it needs in memory; the on-disk cache would only add work.
        self.options = replace(options or LintOptions(), cache=False)
        self._session = _Session(self.root)
        self._reuse = Reuse(files=self._session)
        self._result: LintResult | None = None
        self._lints = 0

    def set_text(self, rel: str, text: str | None) -> None:
        """An editor's buffer for the catalog file ``rel`` ("credentials/x.yaml"), read
        in place of the file; None when it is closed (the file counts again). A buffer
        counts only for a file the catalog has on disk: a new file counts once saved."""
        if text is None:
            self._session.buffers.pop(rel, None)
            # The file is read from disk again: look at what it is now (a link out is
            # refused as lint refuses it, MC010), not at what it was when it was opened.
            self._session.found = None
        else:
            self._session.buffers[rel] = text
        self._result = None

    def changed_on_disk(self, rels: Iterable[str] = ()) -> None:
        """Files created, changed or deleted on disk (none named: any of them)."""
        named = list(rels)
        if named:
            for rel in named:
                self._session.bytes.pop(rel, None)
        else:
            self._session.bytes.clear()
        self._session.found = None  # a file may have come or gone
        self._result = None

    def result(self) -> LintResult:
        """The lint of the catalog as it stands, with the buffers in place of their
        files; computed once per change. Raises CannotRun as lint does."""
        if self._result is None:
            # As for any lint (mcauthor.gctune): no collector walks over the catalog kept
            # in memory, which made every edit now and then three times slower. What a
            # lint leaves in reference cycles (a few objects per edit) is freed by a full
            # collection every COLLECT_EVERY lints instead.
            self._lints += 1
            if self._lints % COLLECT_EVERY == 0:
                gc.unfreeze()
                gc.collect()
            with big_pass():
                self._result = lint_again(self.root, self.options, self._reuse)
        return self._result
