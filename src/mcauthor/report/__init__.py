"""Lint report formats, listed once in :data:`FORMATS` (see :class:`Format`).

Each format is a module with ``render(result, ...)``, whose arguments say what that
report depends on, and ``report(result, options)``, which hands them over from
:class:`Options`. Nothing here runs git or reads a file: what a report needs beyond the
findings (the checkout, the terminal) is worked out by the caller and handed in. The
command line's ``--format`` choices and help, and the docs' list, read the same registry.
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.words import plural

if TYPE_CHECKING:
    from mcauthor.checkout import Checkout
    from mcauthor.diagnostics import Reported


@dataclass(frozen=True)
class Options:
    """How a report is shown, beyond the findings."""

    color: bool = False
    width: int | None = None  # a terminal's width, to fit; None: a file, a pipe or a CI log
    rules_url: str | None = None  # where docs/rules.md is published; None: mcauthor's own
    checkout: Checkout | None = None  # found by the caller for a format that is ``in_git``


@dataclass(frozen=True)
class Format:
    """One lint report format: ``mcauthor lint --format NAME``.

    Its module (``mcauthor.report.<module>``) is imported when the format is used, so
    that the command line can list the formats without loading them.
    """

    name: str  # the --format value
    module: str
    summary: str  # what it is for, for the help and the docs
    in_git: bool = False  # it names the repository and commit: the caller finds the checkout

    def render(self, result: Reported, options: Options) -> str:
        module = importlib.import_module(f"mcauthor.report.{self.module}")
        return cast("str", module.report(result, options))


# Every report format, in the order the help and the docs list them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "text", "for people"),
        Format("json", "json_report", "for tools"),
        Format("github", "github", "annotations in GitHub Actions"),
        Format("sarif", "sarif", "for code scanning", in_git=True),
        Format("markdown", "markdown", "a job summary or a pull-request comment"),
    )
}
AUTO = "auto"  # not a format: github inside GitHub Actions, text elsewhere


def describe_formats() -> str:
    """The formats in one sentence, for ``lint --format``'s help."""
    each = ", ".join(f"{f.name} ({f.summary})" for f in FORMATS.values())
    return f"Report format: {each}; {AUTO} = github inside GitHub Actions."


def choose(fmt: str) -> Format:
    """The format named, with ``auto`` resolved: GitHub workflow commands inside GitHub
    Actions, text elsewhere."""
    if fmt == AUTO:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return FORMATS[fmt]


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


MESSAGE_MAX = 500  # characters of an error message that may quote catalog text


def one_line(text: str) -> str:
    """A message that may quote catalog text, made safe for a terminal or CI log: one
    line, no control characters, and not longer than a screenful."""
    line = printable(text)
    return line if len(line) <= MESSAGE_MAX else line[: MESSAGE_MAX - 1] + "…"


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
