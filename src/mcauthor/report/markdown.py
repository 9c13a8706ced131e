"""Markdown report for a GitHub job summary ($GITHUB_STEP_SUMMARY) or a PR comment.

A heading, the summary line, counts by severity, then one table row per finding. Catalog
text is escaped so that it stays text: no pipe can break the table, no newline can end a
row, no markup or HTML can render. At most ``MAX_ROWS`` rows (the most severe first) and
``MAX_CELL`` characters a cell keep the summary far below GitHub's 1 MiB per step.
"""

from __future__ import annotations

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.lint import LintResult
from mcauthor.report import printable
from mcauthor.report.github import left_out, most_severe, plural
from mcauthor.report.text import summary_line

MAX_ROWS = 200
MAX_CELL = 500
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
# Every character CommonMark lets a backslash escape that could start markup, a link, an
# entity or HTML, or end a table cell.
_ESCAPED = "`*_[]<>#!|&~"


def _cell(text: str) -> str:
    """Table-safe text: no pipes, no newlines, and no markup that could render."""
    text = printable(text).replace("\n", " ")
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL] + "…"
    escaped = text.replace("\\", "\\\\")
    for char in _ESCAPED:
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def render(result: LintResult) -> str:
    out = ["## mcauthor lint", "", summary_line(result), ""]
    if result.diagnostics:
        out += [_counts(result), ""]
    if result.hidden:
        out += [
            f"{plural(result.hidden, 'finding')} in files this change did not touch "
            "not shown (`--changed-since`).",
            "",
        ]
    if result.diagnostics:
        out += _table(result.diagnostics)
    return "\n".join(out) + "\n"


def _counts(result: LintResult) -> str:
    return " · ".join(
        f"{_ICON[severity]} {plural(result.count(severity), severity.value)}"
        for severity in Severity
    )


def _table(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    shown = most_severe(diagnostics, MAX_ROWS)
    rows = ["| | Where | Rule | Problem |", "|---|---|---|---|"]
    for d in shown:
        problem = _cell(d.message) + (f"<br>{_cell(d.hint)}" if d.hint else "")
        rows.append(
            f"| {_ICON[d.severity]} | {_cell(d.path)}:{d.line}:{d.column} "
            f"| {d.code} {d.name} | {problem} |"
        )
    if len(shown) < len(diagnostics):
        rest = len(diagnostics) - len(shown)
        rows += [
            "",
            f"… and {rest} more ({left_out(shown, diagnostics)}): run `mcauthor lint` "
            "to see them all.",
        ]
    return rows
