"""GitHub Actions workflow commands: one annotation per finding, on the changed lines.

Paths are made relative to the workspace (the repository root), because the catalog may
sit in a sub-folder of the repository. GitHub turns only so many workflow commands into
annotations (10 errors, 10 warnings and 10 notices per step, 50 per job; the rest stay
in the log), so at most ``MAX_ANNOTATIONS`` are written, the most severe first, and one
notice says how many were left out and where to read them all.
"""

from __future__ import annotations

from pathlib import Path

from mcauthor.diagnostics import Diagnostic, Reported
from mcauthor.report import (
    Options,
    left_out,
    most_severe,
    printable,
    workspace,
    workspace_path,
)
from mcauthor.words import plural

MAX_ANNOTATIONS = 50
_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: Reported, options: Options) -> str:
    return render(result, workspace())


def render(result: Reported, base: Path) -> str:
    """The workflow commands, with paths relative to ``base`` (the workspace)."""
    shown = most_severe(result.diagnostics, MAX_ANNOTATIONS)
    lines = [_annotation(result, d, base) for d in shown]
    rest = len(result.diagnostics) - len(shown)
    if rest:
        lines.append(
            f"::notice title=mcauthor::{plural(rest, 'more finding')} not shown as "
            f"annotations ({left_out(shown, result.diagnostics)}); run `mcauthor lint` "
            "locally or read the job summary for all of them"
        )
    if result.hidden:
        lines.append(
            f"::notice title=mcauthor::{plural(result.hidden, 'finding')} in files this "
            "change did not touch not shown (--changed-since)"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def _annotation(result: Reported, d: Diagnostic, base: Path) -> str:
    path = workspace_path(result.root, d.path, base)
    message = d.message + (f"\n{d.hint}" if d.hint else "")
    return (
        f"::{_LEVEL[d.severity.value]} file={_prop(path)},line={d.line},col={d.column},"
        f"title={_prop(f'{d.code} {d.name}')}::{_data(message)}"
    )
