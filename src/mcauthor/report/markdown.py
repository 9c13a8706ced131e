"""Markdown report for a GitHub job summary ($GITHUB_STEP_SUMMARY) or a PR comment.

A heading, the summary line, counts by severity, then one table row per finding. Catalog
text is escaped so that it stays text: no pipe can break the table, no newline can end a
row, no markup or HTML can render. The messages' own code spans (`titel`) and the paths
render as code, which shows any text as it is. At most ``MAX_ROWS`` rows (the most severe first) and
``MAX_CELL`` characters a cell keep the summary far below GitHub's 1 MiB per step.
"""

from __future__ import annotations

import re
from pathlib import Path

from mcauthor.diagnostics import Reported, Severity
from mcauthor.report import Options, left_out, most_severe, printable, shown_path
from mcauthor.report.text import summary_line
from mcauthor.words import markdown_cell, plural

MAX_ROWS = 200
MAX_CELL = 500
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
# A message's code spans: `name` as the rules write them.
_CODE = re.compile(r"`([^`]*)`")


def _cell(text: str) -> str:
    """Table-safe text: no pipes, no newlines, and no markup that could render, except the
    message's own code spans, which stay code (`unknown key `titel``)."""
    text = printable(text).replace("\n", " ")
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL] + "…"
    spans = list(_CODE.finditer(text))
    if not _clear(text, spans):
        return markdown_cell(text)
    out = []
    last = 0
    for span in spans:
        out += [markdown_cell(text[last : span.start()]), _code(span.group(1))]
        last = span.end()
    out.append(markdown_cell(text[last:]))
    return "".join(out)


def _clear(text: str, spans: list[re.Match[str]]) -> bool:
    """Whether the backticks pair up into code spans without doubt. A catalog value that
    holds backticks itself (`a `b` c`) would pair them wrongly, and show its text cut up
    as code: then nothing is code and every backtick is shown as it is."""
    if text.count("`") % 2:
        return False
    return all(s.group(1) and s.group(1) == s.group(1).strip() for s in spans)


def _code(text: str) -> str:
    """A code span that shows ``text`` as it is. Nothing inside a code span is markup or
    HTML; only a pipe would still end the table cell (GFM splits cells first), so it is
    written ``\\|``, which GFM turns back into ``|``. The fence is one backtick longer than
    the longest run of backticks inside, as CommonMark requires."""
    if not text:
        return "` `"
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    # CommonMark strips one space from each end when both are spaces: pad to keep them,
    # and to keep a backtick at either end apart from the fence.
    pad = text[0] in " `" or text[-1] in " `"
    inner = f" {text} " if pad else text
    return fence + inner.replace("|", "\\|") + fence


def report(result: Reported, options: Options) -> str:
    return render(result)


def render(result: Reported, cwd: Path | None = None) -> str:
    """The summary; paths are relative to ``cwd`` (default: the current folder), as in
    the text report."""
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
        out += _table(result, cwd)
    return "\n".join(out) + "\n"


def _counts(result: Reported) -> str:
    return " · ".join(
        f"{_ICON[severity]} {plural(result.count(severity), severity.value)}"
        for severity in Severity
    )


def _table(result: Reported, cwd: Path | None) -> list[str]:
    diagnostics = result.diagnostics
    shown = most_severe(diagnostics, MAX_ROWS)
    rows = ["| | Where | Rule | Problem |", "|---|---|---|---|"]
    for d in shown:
        problem = _cell(d.message) + (f"<br>{_cell(d.hint)}" if d.hint else "")
        where = f"{shown_path(result.root, d.path, cwd)}:{d.line}:{d.column}"
        rows.append(f"| {_ICON[d.severity]} | {_code(where)} | {d.code} {d.name} | {problem} |")
    if len(shown) < len(diagnostics):
        rest = len(diagnostics) - len(shown)
        rows += [
            "",
            f"… and {rest} more ({left_out(shown, diagnostics)}): run `mcauthor lint` "
            "to see them all.",
        ]
    return rows
