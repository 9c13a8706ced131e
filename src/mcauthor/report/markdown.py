"""Markdown report for a GitHub job summary ($GITHUB_STEP_SUMMARY) or a PR comment."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.lint import LintResult
from mcauthor.report import printable
from mcauthor.report.text import summary_line

MAX_ROWS = 200
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}


def _cell(text: str) -> str:
    """Table-safe text: no pipes, no newlines, and no markup that could render."""
    escaped = printable(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for char in "`*_[]<>#!":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def render(result: LintResult) -> str:
    out = ["## mcauthor lint", "", summary_line(result), ""]
    if result.diagnostics:
        out += ["| | Where | Rule | Problem |", "|---|---|---|---|"]
        for d in result.diagnostics[:MAX_ROWS]:
            problem = _cell(d.message) + (f"<br>{_cell(d.hint)}" if d.hint else "")
            out.append(
                f"| {_ICON[d.severity]} | {_cell(d.path)}:{d.line}:{d.column} "
                f"| {d.code} {d.name} | {problem} |"
            )
        if len(result.diagnostics) > MAX_ROWS:
            out += ["", f"… and {len(result.diagnostics) - MAX_ROWS} more."]
    return "\n".join(out) + "\n"
