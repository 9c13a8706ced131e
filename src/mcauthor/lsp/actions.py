"""Code actions: "Suppress MCxxx on this line", which writes the comment that
:mod:`mcauthor.suppressions` reads (``# mcauthor: disable=MCxxx -- reason``) at the end of
the finding's line, or adds the code to a suppression already there."""

from __future__ import annotations

from lsprotocol import types

from mcauthor import suppressions
from mcauthor.lsp.convert import SOURCE, Frame
from mcauthor.yamlread import Parsed

REASON = "reason"  # the author replaces it with why the finding does not apply


def suppress_actions(
    uri: str,
    frame: Frame,
    parsed: Parsed,
    diagnostics: list[types.Diagnostic],
) -> list[types.CodeAction]:
    """One action per mcauthor finding in the request, where a comment can go."""
    starts = {line for line, _ in (*parsed.keys.values(), *parsed.values.values())}
    marks = {mark.line: mark for mark in suppressions.parse("\n".join(frame.lines))}
    out = []
    for diagnostic in diagnostics:
        code = diagnostic.code
        if diagnostic.source != SOURCE or not isinstance(code, str):
            continue
        line = frame.cursor(diagnostic.range.start)[0]
        if not 0 < line <= len(frame.lines):
            continue
        if line not in starts and frame.lines[line - 1].strip():
            continue  # inside a block of text: a comment there would become part of it
        edit = _edit(frame, line, code, marks.get(line))
        if edit is None:
            continue
        out.append(
            types.CodeAction(
                title=f"Suppress {code} on this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    return out


def _edit(
    frame: Frame, line: int, code: str, mark: suppressions.Suppression | None
) -> types.TextEdit | None:
    text = frame.lines[line - 1]
    if mark is not None and mark.target == line:
        if code in mark.codes:
            return None
        after = _codes_end(text, mark.column)
        where = frame.position(line, after)
        return types.TextEdit(range=types.Range(start=where, end=where), new_text=f",{code}")
    body = text.rstrip()
    end = frame.position(line, len(body) + 1)
    stop = frame.position(line, len(text) + 1)
    comment = f"  # mcauthor: disable={code} -- {REASON}"
    return types.TextEdit(range=types.Range(start=end, end=stop), new_text=comment)


def _codes_end(text: str, column: int) -> int:
    """The column just past the last code of the suppression comment at ``column``."""
    equals = text.index("=", column - 1)
    rest = text[equals + 1 :]
    codes = rest.split("--", 1)[0].rstrip()
    return equals + 1 + len(codes) + 1
