"""MC900 unused-suppression: A `# mcauthor: disable=...` comment suppresses nothing."""

from __future__ import annotations

from mcauthor import suppressions
from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.fixes import Edit, Fix, FixContext, Source, apply, same_data
from mcauthor.rules.base import Example, Rule


class UnusedSuppression(Rule):
    """
    Suppressions that no longer match anything hide nothing but still tell readers that
    something is wrong there; remove them when the problem is fixed.
    """

    code = "MC900"
    name = "unused-suppression"
    severity = Severity.INFO
    summary = "A `# mcauthor: disable=...` comment suppresses nothing."
    phase = "load"
    bad = Example.credential("hours: 10  # mcauthor: disable=MC509 -- hours are set\n")
    good = Example.credential("hours: 10\n")
    fix_summary = (
        "Removes the code from the comment, or the whole comment when it lists no other "
        "(a comment alone on its line goes with its line)."
    )

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        source = context.source(diagnostic.path)
        if source is None:
            return []
        for mark in suppressions.parse(source.body):
            if (mark.line, mark.column) != (diagnostic.line, diagnostic.column):
                continue
            for code in mark.codes:
                if f"disable={code}`" in diagnostic.message:
                    edit = _without(source, mark, code)
                    if not same_data(source.text, apply(source.text, [edit])):
                        return []  # the `#` is inside a text: the text is not ours to cut
                    if len(mark.codes) == 1:
                        return [Fix("Remove the unused suppression comment", (edit,))]
                    return [Fix(f"Remove `{code}` from the suppression comment", (edit,))]
        return []


def _without(source: Source, mark: suppressions.Suppression, code: str) -> Edit:
    """The edit that takes ``code`` out of the comment at ``mark`` (all of the comment
    when it is its only code)."""
    start = source.offset(mark.line, 1)
    end = source.line_end(start)
    line = source.text[start:end]
    hash_at = start + mark.column - 1
    if len(mark.codes) == 1:
        if not line[: mark.column - 1].strip():
            return source.edit(start, end, "")  # alone on its line: the line goes
        kept = len(line[: mark.column - 1].rstrip())
        stop = start + len(line.rstrip("\r\n"))
        return source.edit(start + kept, stop, "")
    equals = source.text.index("=", hash_at)
    listed = source.text[equals + 1 : end].split("--", 1)[0]
    parts = listed.split(",")
    index = next(i for i, part in enumerate(parts) if part.strip() == code)
    at = equals + 1 + sum(len(part) + 1 for part in parts[:index])
    if index == 0:  # `A, B`: A, its comma and the spaces after it
        lead = len(parts[0]) - len(parts[0].lstrip())
        gap = len(parts[1]) - len(parts[1].lstrip())
        return source.edit(at + lead, at + len(parts[0]) + 1 + gap, "")
    stop = at + len(parts[index].rstrip())
    return source.edit(at - 1, stop, "")  # the comma before it, and it
