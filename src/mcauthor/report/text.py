"""Human-readable report: each finding with a code frame and a hint, then a summary.

Built from rich ``Text`` objects rather than markup strings, so catalog text such as
``[bold]`` is printed literally and can never restyle the terminal output.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.lint import LintResult
from mcauthor.loader import Document
from mcauthor.report import console as make_console
from mcauthor.report import printable

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT = 1  # lines shown before and after the offending line
MAX_WIDTH = 160


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def summary_line(result: LintResult) -> str:
    counts = [
        _plural(result.count(Severity.ERROR), "error"),
        _plural(result.count(Severity.WARNING), "warning"),
        _plural(result.count(Severity.INFO), "info"),
    ]
    files = _plural(result.files, "file")
    if not result.diagnostics:
        return f"All good: {files} checked, no problems found."
    verdict = "Failed" if result.failed else "Passed"
    return f"{verdict}: {', '.join(counts)} in {files} (fails on {result.fail_on.value})."


def _frame(doc: Document | None, d: Diagnostic) -> list[Text]:
    if doc is None or d.line < 1:
        return []
    lines = doc.lines
    if d.line > len(lines):
        return []
    first, last = max(1, d.line - CONTEXT), min(len(lines), d.line + CONTEXT)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        source = printable(lines[number - 1].replace("\t", " "))
        if len(source) > MAX_WIDTH:
            source = source[:MAX_WIDTH] + " …"
        marker = ">" if number == d.line else " "
        row = Text(f"  {marker} {number:>{width}} | ", style="dim")
        row.append(source)
        out.append(row)
        if number == d.line:
            pad = " " * (width + 7 + max(0, min(d.column, MAX_WIDTH) - 1))
            out.append(Text(pad + "^", style=_STYLE[d.severity]))
    return out


def render(result: LintResult, *, color: bool = False, width: int = 100) -> str:
    console, buffer = make_console(color, width, soft_wrap=True)
    docs: Mapping[str, Document] = result.documents
    for d in result.diagnostics:
        head = Text(f"{printable(d.path)}:{d.line}:{d.column}: ", style="bold")
        head.append(f"{d.severity.value} ", style=_STYLE[d.severity])
        head.append(f"{d.code} ", style="bold")
        head.append(printable(d.message))
        head.append(f"  [{d.name}]", style="dim")
        console.print(head)
        for row in _frame(docs.get(d.path), d):
            console.print(row)
        if d.hint:
            console.print(Text("  hint: ", style="green") + Text(printable(d.hint)))
        console.print()
    style = "bold red" if result.failed else "bold green"
    console.print(Text(summary_line(result), style=style))
    return buffer.getvalue()
