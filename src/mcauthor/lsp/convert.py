"""mcauthor's findings and places as the Language Server Protocol has them.

Lint positions are 1-based lines and columns in code points; the protocol's are 0-based,
in the units the client chose (UTF-16 unless it asked for another). A :class:`Frame` is
one file's lines, which the conversion needs both ways.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.lint import LintResult
from mcauthor.lsp.cursor import scalar_end
from mcauthor.lsp.names import Place, Target, definitions
from mcauthor.report.sarif import help_uri
from mcauthor.rules import by_code

SOURCE = "mcauthor"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

# Findings about a name that is also somewhere else: which kind of name, by rule.
_RELATED = {"MC502": "credential", "MC504": "credential", "MC605": "stack", "MC209": "research"}
_NAME = re.compile(r"`([^`\s]+)`")
# Other places shown per finding: a catalog of n files that share one id has n findings
# of n places each, and sending them all took minutes and gigabytes.
RELATED_LIMIT = 20


class Frame:
    """One file's lines, to turn positions into the client's units and back."""

    def __init__(self, lines: Sequence[str], codec: PositionCodec) -> None:
        self.lines = lines
        self.codec = codec

    def position(self, line: int, column: int) -> types.Position:
        """A 1-based (line, column) in code points, as the client counts."""
        line0 = max(line - 1, 0)
        if line0 >= len(self.lines):
            return types.Position(line=line0, character=max(column - 1, 0))
        return self.codec.position_to_client_units(
            self.lines, types.Position(line=line0, character=max(column - 1, 0))
        )

    def span(self, line: int, column: int) -> types.Range:
        """From (line, column) to the end of the value or word that starts there."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        end = max(scalar_end(text, column), column)
        if end == column and column <= len(text):
            end = column + 1  # never an empty range on a line with text: editors hide it
        return types.Range(start=self.position(line, column), end=self.position(line, end))

    def cursor(self, position: types.Position) -> tuple[int, int]:
        """The client's position as a 1-based (line, column) in code points."""
        if position.line >= len(self.lines):
            return position.line + 1, position.character + 1
        found = self.codec.position_from_client_units(self.lines, position)
        return found.line + 1, found.character + 1


def diagnostic(
    d: Diagnostic, frame: Frame, related: list[types.DiagnosticRelatedInformation]
) -> types.Diagnostic:
    """One finding as the protocol shows it, with its rule's documentation link."""
    rule = by_code().get(d.code)
    href = help_uri(rule) if rule is not None else None
    message = d.message if not d.hint else f"{d.message}\n{d.hint}"
    return types.Diagnostic(
        range=frame.span(max(d.line, 1), max(d.column, 1)),
        message=message,
        severity=SEVERITIES[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=related or None,
    )


def related(
    result: LintResult, d: Diagnostic, frames: FrameSource
) -> list[types.DiagnosticRelatedInformation]:
    """The other places a finding is about: the other file with the same id, the other
    members of a cycle, the other stack with the same credentials."""
    kind = _RELATED.get(d.code)
    if kind is None:
        return []
    out: list[types.DiagnosticRelatedInformation] = []
    for name in dict.fromkeys(_NAME.findall(d.message)):
        for place in definitions(result, Target(kind, name, d.path)):
            here = result.documents.get(place.file)
            line, _ = here.locate(place.path, value=True) if here else (1, 1)
            if place.file == d.path and line == d.line:
                continue
            if len(out) == RELATED_LIMIT:
                return out
            out.append(
                types.DiagnosticRelatedInformation(
                    location=location(result, place, frames),
                    message=f"`{name}` is defined here",
                )
            )
    return out


class FrameSource:
    """Frames of a catalog's files, as the engine read them, and their addresses."""

    def __init__(self, root: Path, result: LintResult, codec: PositionCodec) -> None:
        self.root = root
        self.result = result
        self.codec = codec

    def frame(self, rel: str) -> Frame:
        """The lines the result was linted from (its positions are in those)."""
        doc = self.result.documents.get(rel)
        return Frame(doc.lines if doc is not None else [], self.codec)

    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()


def location(result: LintResult, place: Place, frames: FrameSource) -> types.Location:
    doc = result.documents.get(place.file)
    line, column = doc.locate(place.path, value=place.value) if doc else (1, 1)
    return types.Location(
        uri=frames.uri(place.file), range=frames.frame(place.file).span(line, column)
    )
