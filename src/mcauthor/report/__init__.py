"""Lint report formats. Each module has ``render(result, ...) -> str``."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.words import plural

FORMATS = ("auto", "text", "json", "github", "sarif", "markdown")


def choose(fmt: str) -> str:
    """Resolve ``auto``: GitHub workflow commands inside GitHub Actions, text elsewhere."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


# C0 controls except tab, DEL, and C1 controls: shown as \xNN so that catalog text can
# never move the cursor, recolour or clear a terminal or a CI log. Line breaks too: a
# report line is one line, and a catalog value with a newline must not start a new line
# that a CI runner reads as a command (GitHub's "::error::", "::stop-commands::").
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c != 9}
_CONTROLS |= {0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\x85"}


def printable(text: str) -> str:
    """Catalog text made safe for a terminal or log, on one line: control characters and
    line breaks become ``\\xNN`` / ``\\n``."""
    return text.translate(_CONTROLS)


def workspace() -> Path:
    """The folder that CI tools resolve paths against: the repository checkout."""
    return Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).absolute()


def workspace_path(root: Path, path: str, base: Path | None = None) -> str:
    """A catalog path made relative to the workspace (the catalog may be a sub-folder)."""
    return Path(os.path.relpath(root.absolute() / path, base or workspace())).as_posix()


def shown_path(root: Path, path: str, cwd: Path | None = None) -> str:
    """A catalog file as people type and click it: relative to the current folder, as ruff
    and yamllint print paths, or absolute when that is shorter (a catalog far from here).

    Printable: a file name with a control character cannot restyle a terminal or start a
    new log line.
    """
    target = os.path.join(root.absolute(), path)
    try:
        relative = os.path.relpath(target, cwd or Path.cwd())
    except (OSError, ValueError):  # the current folder is gone, or on another drive
        relative = target
    full = os.path.normpath(target)
    return printable(Path(min(relative, full, key=len)).as_posix())


def console(color: bool, width: int, *, soft_wrap: bool = False) -> tuple[Any, io.StringIO]:
    """A rich Console that writes into a buffer: colour only when asked, no markup guessing."""
    from rich.console import Console

    buffer = io.StringIO()
    made = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        width=width,
        soft_wrap=soft_wrap,
    )
    return made, buffer


# -- shared by the reports that cap what they list (github, markdown) and by serve ------


def most_severe(diagnostics: Sequence[Diagnostic], limit: int) -> list[Diagnostic]:
    """At most ``limit`` findings, errors before warnings before info, in their own order.

    When there are too many to show, the ones left out should be the least severe: a
    catalog with many warnings must not push its errors out of sight.
    """
    if len(diagnostics) <= limit:
        return list(diagnostics)
    ranked = sorted(range(len(diagnostics)), key=lambda i: -diagnostics[i].severity.rank)
    return [diagnostics[i] for i in sorted(ranked[:limit])]


def left_out(shown: Sequence[Diagnostic], every: Sequence[Diagnostic]) -> str:
    """``3 errors, 1 warning``: what ``every`` holds beyond ``shown``, by severity."""
    parts = []
    for severity in Severity:
        n = sum(d.severity is severity for d in every) - sum(d.severity is severity for d in shown)
        if n:
            parts.append(plural(n, severity.value))
    return ", ".join(parts)
