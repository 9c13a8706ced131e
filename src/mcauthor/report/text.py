"""Human-readable report: each finding with a code frame and a hint, then a summary.

Paths are relative to the current folder, as ruff and yamllint print them, so that a
terminal or an editor opens them. A long source line is trimmed around the caret; on a
terminal everything fits its width, and messages wrap between words.

Built from rich ``Text`` objects rather than markup strings, so catalog text such as
``[bold]`` is printed literally and can never restyle the terminal output.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from mcauthor.diagnostics import Diagnostic, Reported, Severity, Source
from mcauthor.report import Options, printable, shown_path
from mcauthor.report import console as make_console
from mcauthor.words import plural

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT = 1  # lines shown before and after the offending line
MAX_WIDTH = 160  # cells of a source line shown when no terminal sets the width
MIN_ROOM = 40  # ... and at least this many on a narrow terminal


def summary_line(result: Reported) -> str:
    counts = [
        plural(result.count(Severity.ERROR), "error"),
        plural(result.count(Severity.WARNING), "warning"),
        plural(result.count(Severity.INFO), "info"),
    ]
    files = plural(result.files, "file")
    if not result.diagnostics:
        return f"All good: {files} checked, no problems found."
    verdict = "Failed" if result.failed else "Passed"
    return f"{verdict}: {', '.join(counts)} in {files} (fails on {result.fail_on.value})."


def _frame(doc: Source | None, d: Diagnostic, width: int | None) -> list[Text]:
    if doc is None or d.line < 1:
        return []
    lines = doc.lines
    if d.line > len(lines):
        return []
    first, last = max(1, d.line - CONTEXT), min(len(lines), d.line + CONTEXT)
    digits = len(str(last))
    # Room for the source: the terminal less the `  > 12 | ` prefix and two `…`.
    room = MAX_WIDTH if width is None else max(MIN_ROOM, width - digits - 9)
    here = lines[d.line - 1]
    start, end = _window(here, d.column, room)
    out = []
    for number in range(first, last + 1):
        marker = ">" if number == d.line else " "
        row = Text(f"  {marker} {number:>{digits}} | ", style="dim")
        line = lines[number - 1]
        # The same start on every line of the frame, so that the lines stay aligned.
        row.append(_cut(line, start, end if number == d.line else _end(line, start, room)))
        out.append(row)
        if number == d.line:
            at = min(max(d.column, 1) - 1, end)
            caret = digits + 7 + (start > 0) + _cells(here[start:at])
            out.append(Text(" " * caret + "^", style=_STYLE[d.severity]))
    return out


def _cells(text: str) -> int:
    """Terminal cells that ``text`` takes as the frame shows it: a wide letter two, a
    control character shown as ``\\xNN`` four, a tab one (shown as a space)."""
    return cell_len(_shown(text))


def _shown(text: str) -> str:
    return printable(text.replace("\t", " "))


def _window(line: str, column: int, room: int) -> tuple[int, int]:
    """The characters of the offending line shown (start, end): all of it when it fits in
    ``room`` cells, else about ``room`` cells centred on the column, as ruff trims long
    lines, so that the caret always points at text that is shown. Each walk takes at most
    ``room`` characters, so a long line costs no more than a short one."""
    at = min(max(column, 1) - 1, len(line))
    start, used = at, 0
    while start > 0 and at - start < room and used + _cells(line[start - 1]) <= room // 2:
        start -= 1
        used += _cells(line[start])
    end = _end(line, start, room)
    used = _cells(line[start:end])
    while start > 0 and end - start < room and used + _cells(line[start - 1]) <= room:
        start -= 1  # the line ends before the room does: show more of its beginning
        used += _cells(line[start])
    return start, end


def _end(line: str, start: int, room: int) -> int:
    """Where a line shown from ``start`` must stop to fit in ``room`` cells."""
    end, used = start, 0
    while end < len(line) and end - start < room and used + _cells(line[end]) <= room:
        used += _cells(line[end])
        end += 1
    return end


def _cut(line: str, start: int, end: int) -> str:
    """The part of a line that is shown, with `…` where text was left out."""
    if start > 0 and start >= len(line):
        return ""  # a neighbour that ends left of the window: none of it is in view
    return ("…" if start > 0 else "") + _shown(line[start:end]) + ("…" if end < len(line) else "")


def report(result: Reported, options: Options) -> str:
    return render(result, color=options.color, width=options.width)


def render(
    result: Reported, *, color: bool = False, width: int | None = None, cwd: Path | None = None
) -> str:
    """The report; ``width``: a terminal's width, to fit (code frames are trimmed to it and
    long messages wrap between words). Without it (a file, a pipe, a CI log) nothing wraps.
    Paths are relative to ``cwd`` (default: the current folder)."""
    console, buffer = make_console(color, width or 10_000, soft_wrap=width is None)
    docs: Mapping[str, Source] = result.documents
    for d in result.diagnostics:
        head = Text(f"{shown_path(result.root, d.path, cwd)}:{d.line}:{d.column}: ", style="bold")
        head.append(f"{d.severity.value} ", style=_STYLE[d.severity])
        head.append(f"{d.code} ", style="bold")
        head.append(printable(d.message))
        head.append(f"  [{d.name}]", style="dim")
        rows = [*_header(console, head, width), *_frame(docs.get(d.path), d, width)]
        if d.hint:
            rows += _hint(console, printable(d.hint), width)
        # One print per finding: rich's printing, not the text, is what a report of many
        # findings spends its time on.
        console.print(Text("\n").join([*rows, Text()]))
    style = "bold red" if result.failed else "bold green"
    console.print(Text(summary_line(result), style=style))
    return buffer.getvalue()


HINT = "  hint: "
HEADER_INDENT = "    "  # continuation lines of a wrapped header: under it, not at column 0


def _header(console: Console, head: Text, width: int | None) -> list[Text]:
    """The `file:line:col: severity CODE message` line, wrapped between words with a
    hanging indent on a terminal."""
    return _hanging(console, Text(), head, HEADER_INDENT, width)


def _hint(console: Console, text: str, width: int | None) -> list[Text]:
    """``  hint: ...``, wrapped between words with a hanging indent on a terminal."""
    return _hanging(console, Text(HINT, style="green"), Text(text), " " * len(HINT), width)


def _hanging(
    console: Console, first: Text, body: Text, indent: str, width: int | None
) -> list[Text]:
    """``first`` + ``body``; on a terminal (``width``) ``body`` wraps between words and
    its later lines start with ``indent``."""
    if width is None:
        return [first + body]
    lines = body.wrap(console, max(MIN_ROOM, width - len(indent)), overflow="fold")
    for line in lines:
        line.rstrip()  # the space a line was broken at
    return [(first if i == 0 else Text(indent)) + line for i, line in enumerate(lines)]
