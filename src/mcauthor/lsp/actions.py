"""Code actions: each rule's own fixes for a finding (:mod:`mcauthor.fixes`; the safe one
preferred, the one `mcauthor lint --fix` applies), and "Suppress MCxxx on this line",
which writes the comment that :mod:`mcauthor.suppressions` reads (``# mcauthor:
disable=MCxxx -- reason``) at the end of the finding's line, or adds the code to a
suppression already there."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from mcauthor import suppressions
from mcauthor.fixes import Edit, Fix, FixContext, lines_agree, same_data
from mcauthor.lint import LintResult
from mcauthor.lsp.convert import SOURCE, Frame
from mcauthor.rules import by_code
from mcauthor.yamlread import Parsed

REASON = "reason"  # the author replaces it with why the finding does not apply


def suppress_actions(
    uri: str,
    frame: Frame,
    parsed: Parsed,
    diagnostics: list[types.Diagnostic],
) -> list[types.CodeAction]:
    """One action per mcauthor finding in the request, where a comment can go."""
    text = "\n".join(frame.lines)
    if not lines_agree(text):
        return []  # the findings' lines are not the editor's: a comment would go elsewhere
    starts = {line for line, _ in (*parsed.keys.values(), *parsed.values.values())}
    marks = {mark.line: mark for mark in suppressions.parse(text)}
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
        if edit is None or not _keeps_data(frame, line, edit):
            continue  # a line that goes on inside a quoted or plain text: `#` would be text
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


def _keeps_data(frame: Frame, line: int, edit: types.TextEdit) -> bool:
    """Whether the buffer with the comment added reads as the same data."""
    lines = list(frame.lines)
    old = lines[line - 1]
    start = frame.cursor(edit.range.start)[1] - 1
    end = frame.cursor(edit.range.end)[1] - 1
    lines[line - 1] = old[:start] + edit.new_text + old[end:]
    return same_data("\n".join(frame.lines), "\n".join(lines))


def _codes_end(text: str, column: int) -> int:
    """The column just past the last code of the suppression comment at ``column``."""
    equals = text.index("=", column - 1)
    rest = text[equals + 1 :]
    codes = rest.split("--", 1)[0].rstrip()
    return equals + 1 + len(codes) + 1


class Fixes:
    """The rules' fixes for the findings of one open file, as code actions. The fixes
    read the buffer's text (and every other file as the lint read it), so they are made
    only while the lint result is the buffer's."""

    def __init__(
        self, uri: str, rel: str, root: Path, result: LintResult, text: str, codec: PositionCodec
    ) -> None:
        self.uri, self.rel, self.root = uri, rel, root
        self.result = result
        self.text = text
        self.codec = codec
        self.context = FixContext(result.catalog, self._read)
        self.frame = Frame(text.split("\n"), codec)

    def _read(self, rel: str) -> str | None:
        if rel == self.rel:
            return self.text
        doc = self.result.documents.get(rel)
        return doc.text if doc is not None else None

    def actions(self, diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
        rules = by_code()
        out = []
        for diagnostic in diagnostics:
            code = diagnostic.code
            rule = rules.get(code) if isinstance(code, str) else None
            if diagnostic.source != SOURCE or rule is None or rule.fix_summary is None:
                continue
            for d in self.result.diagnostics:
                if d.path != self.rel or d.code != code:
                    continue
                if self.frame.position(max(d.line, 1), max(d.column, 1)) != diagnostic.range.start:
                    continue
                out += [self._action(fix, diagnostic) for fix in rule().fixes(d, self.context)]
                break
        return out

    def _action(self, fix: Fix, diagnostic: types.Diagnostic) -> types.CodeAction:
        changes: dict[str, list[types.TextEdit]] = {}
        for edit in fix.edits:
            uri = self.uri if edit.file == self.rel else (self.root / edit.file).as_uri()
            changes.setdefault(uri, []).append(self._text_edit(edit))
        return types.CodeAction(
            title=fix.title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=True if fix.safe else None,
            edit=types.WorkspaceEdit(changes=changes),
        )

    def _text_edit(self, edit: Edit) -> types.TextEdit:
        text = self._read(edit.file) or ""
        frame = self.frame if edit.file == self.rel else Frame(text.split("\n"), self.codec)
        start, end = _place(text, edit.start), _place(text, edit.end)
        return types.TextEdit(
            range=types.Range(start=frame.position(*start), end=frame.position(*end)),
            new_text=edit.new,
        )


def _place(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of an offset in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
