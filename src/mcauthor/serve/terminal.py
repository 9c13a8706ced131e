"""What the preview prints: each build's outcome in a line or two, and its findings
(after a rebuild only the new ones: a save that fixes one warning must not print fifty
lines again)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from mcauthor.build import BuildResult
from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.report import left_out, printable, shown_path
from mcauthor.report.text import summary_line
from mcauthor.serve.status import LISTED, ranked, where


class Terminal:
    """The preview's messages for the catalog at ``root``, each passed to ``say``."""

    def __init__(self, root: Path, say: Callable[[str], None]) -> None:
        self.root = root
        self.say = say
        # The findings of the latest good build, as listed; None: list them all next time.
        self._reported: tuple[Diagnostic, ...] | None = None

    def building(self, *, guides: bool) -> None:
        extra = "" if guides else " (PDF guides left out; --guides adds them)"
        self.say(f"Building {self.root} into a temporary folder{extra} ...")

    def changed(self, paths: Sequence[str]) -> None:
        shown = _first([os.path.relpath(p, self.root) for p in paths], 3)
        self.say(f"Changed: {printable(shown)}")

    def built(self, result: BuildResult, unreadable: frozenset[str], *, first: bool) -> None:
        """A good build: what it wrote, its new findings, and what it left out."""
        diagnostics = result.lint.diagnostics
        self.say(printable(result.summary() if first else _rebuilt_line(result)))
        if diagnostics and diagnostics != self._reported:
            self.findings(diagnostics, self._reported)
        if diagnostics:
            self.say(summary_line(result.lint))
        if unreadable:
            self.say(
                printable(f"Left out until they can be read: {', '.join(sorted(unreadable))}.")
            )
        if result.lint.count(Severity.ERROR):
            self.say(
                "Built for the preview despite lint errors; each page lists its own. "
                "`mcauthor build` refuses until they are fixed."
            )
        self._reported = diagnostics

    def not_rebuilt(self, reason: str, *, kept: bool) -> None:
        """The latest attempt did not build; ``kept``: a good build is still served."""
        keeping = "the page keeps the last good build" if kept else "nothing to show yet"
        self.say(printable(f"Not rebuilt: {reason}; {keeping}. Fix it and save."))
        self._reported = None  # after a fix, list the remaining warnings again

    def findings(
        self, diagnostics: Sequence[Diagnostic], before: Sequence[Diagnostic] | None = None
    ) -> None:
        """Print findings, errors first, at most LISTED of them; with ``before`` (the
        findings listed last time) only the new ones."""
        if before is not None:
            seen = {_same(d) for d in before}
            diagnostics = [d for d in diagnostics if _same(d) not in seen]
            if diagnostics:
                self.say("New findings:")
        listed = ranked(diagnostics)
        for d in listed[:LISTED]:
            shown = where(d, shown_path(self.root, d.path))
            self.say(printable(f"  {shown}: {d.severity.value} {d.code} {d.message}"))
        if len(listed) > LISTED:
            more = left_out(listed[:LISTED], listed)
            self.say(f"  ... and {len(listed) - LISTED} more ({more}): `mcauthor lint` lists all.")


def _rebuilt_line(result: BuildResult) -> str:
    written = result.written.rendered_paths
    reused = sum(result.written.reused.values())
    what = f"{len(written)} written ({_first(written, 4)})" if written else "nothing changed"
    return f"Rebuilt in {result.seconds:.2f} s: {what}, {reused} unchanged."


def _first(items: Sequence[str], shown: int) -> str:
    """``a, b, c and 4 more``: the first few of a list that may be long."""
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def _same(d: Diagnostic) -> tuple[str, str, str, str]:
    """A finding without its position: an edit above it moves it, but it is not new."""
    return (d.path, d.code, d.severity.value, d.message)
