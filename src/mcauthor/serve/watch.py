"""Watching the catalog: which changed files need a rebuild, and the watch loop."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

# Folders (anywhere in the catalog) whose changes never need a rebuild: mcauthor's own
# caches, version control, tool folders.
IGNORED_DIRS = frozenset(
    {
        ".mcauthor-cache",
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        "node_modules",
        ".venv",
        ".idea",
        ".vscode",
        ".mypy_cache",
        ".pytest_cache",
    }
)
# Editor temporary and backup files (vim, emacs, JetBrains, macOS), and the staging
# folders of a `mcauthor build` running next to the preview.
IGNORED_NAMES = re.compile(
    r"(\.sw.|~|\.tmp|___jb_...___)$|^(\.#|#.*#$|4913$|\.DS_Store$)|\.building-"
)


class ChangeFilter:
    """Which changed paths need a rebuild (a ``watchfiles`` watch filter).

    Paths are judged relative to the catalog root, so a catalog that happens to live
    inside, say, a folder named ``site`` is still watched.
    """

    def __init__(self, root: Path, ignored: Sequence[Path] = ()) -> None:
        self.root = root.resolve()
        self.ignored = [p.resolve() for p in ignored]
        self.out: Path | None = self.root / "site"  # the default build.out until we know

    def __call__(self, change: object, path: str) -> bool:
        changed = Path(path)
        if any(changed == p or p in changed.parents for p in self._skipped()):
            return False
        try:
            parts = changed.relative_to(self.root).parts
        except ValueError:
            return False
        return bool(parts) and not any(
            part in IGNORED_DIRS or IGNORED_NAMES.search(part) for part in parts
        )

    def _skipped(self) -> Iterator[Path]:
        yield from self.ignored
        if self.out is not None and self.out != self.root:
            yield self.out


def watch(
    root: Path,
    changes: ChangeFilter,
    stop: threading.Event,
    ready: threading.Event,
    changed: Callable[[list[str]], None],
) -> None:
    """Call ``changed`` with the changed paths (sorted) until ``stop`` is set; ``ready``
    is set once the watcher runs. Raises what the watcher raises (e.g. the system's
    limit on watched folders)."""
    import watchfiles

    # Timeouts come back as empty sets: the first one says the watcher is ready.
    for found in watchfiles.watch(
        root,
        watch_filter=changes,
        stop_event=stop,
        rust_timeout=200,
        yield_on_timeout=True,
        raise_interrupt=False,
    ):
        ready.set()
        if found and not stop.is_set():
            changed(sorted({p for _, p in found}))
