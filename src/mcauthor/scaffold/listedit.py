"""Append one item to a top-level YAML list by editing the text, not by re-dumping the YAML.

Re-dumping would lose the author's comments, quoting and layout. This edit touches only
the list: ``key: [a, b]`` (a flow list on one line) gains ``, item`` before its ``]``,
and a block list (``- a`` lines) gains one ``- item`` line after its last item, with the
same indentation. Every other byte stays as it was. Any other form of the list raises
:class:`CannotEdit` rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


class CannotEdit(ValueError):
    """The list is written in a form this module does not edit; the message says which."""


# One list item that is safe to step over: a plain word, or a simple quoted string.
_ITEM = r"""(?:[A-Za-z0-9_./-]+|"[^"\\\n]*"|'[^'\n]*')"""
_ITEM_RE = re.compile(_ITEM)
_FLOW = re.compile(r"[ \t]*\[(?P<inner>[^\[\]{}#\n]*)\](?P<tail>[ \t]*|[ \t]+#.*)")
_BLOCK_ITEM = re.compile(r"(?P<indent>[ ]*)-(?:[ \t]+(?P<value>.*))?")
_BLOCK_VALUE = re.compile(rf"{_ITEM}(?:[ \t]+#.*)?[ \t]*")
_DEFAULT_INDENT = "  "


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the line's first character in the text
    body: str  # the line without its line break
    end: str  # its line break ("" on a last line without one)

    @property
    def stop(self) -> int:
        """Offset just after the line's content, before its line break."""
        return self.start + len(self.body)


def append_to_list(
    text: str, key: str, item: str, *, stand_in: Callable[[str], bool] | None = None
) -> str:
    """``text`` with ``item`` (already written as a YAML scalar) appended to list ``key``.

    A one-line list whose every item is a ``stand_in`` (a placeholder, say) is replaced
    by ``[item]`` instead: the first real item takes the placeholders' place.
    """
    lines = _lines(text)
    index = _key_line(lines, key)
    line = lines[index]
    rest = line.body[len(key) :].lstrip(" \t")[1:]  # after the colon
    if _FLOW.fullmatch(rest):
        return _append_flow(text, line, rest, key, item, stand_in)
    if rest.strip() == "" or rest.strip().startswith("#"):
        return _append_block(text, lines, index, item)
    raise CannotEdit(f"`{key}:` is not written as a simple list (`{key}: [a, b]` or `- a` lines)")


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(_Line(offset, body, raw[len(body) :]))
        offset += len(raw)
    return out


def _newline(lines: list[_Line]) -> str:
    return next((line.end for line in lines if line.end), "\n")


def _key_line(lines: list[_Line], key: str) -> int:
    # Top-level keys start in the first column; indented ones belong to nested mappings.
    pattern = re.compile(rf"{re.escape(key)}[ \t]*:(?:[ \t]|$)")
    found = [i for i, line in enumerate(lines) if pattern.match(line.body)]
    if not found:
        raise CannotEdit(f"there is no top-level `{key}:` list")
    if len(found) > 1:
        raise CannotEdit(f"`{key}:` appears more than once")
    return found[0]


def _append_flow(
    text: str, line: _Line, rest: str, key: str, item: str, stand_in: Callable[[str], bool] | None
) -> str:
    match = _FLOW.fullmatch(rest)
    assert match is not None
    inner = match.group("inner")
    inner_at = line.stop - len(rest) + match.start("inner")
    if not inner.strip():
        at = inner_at + len(inner) - len(inner.lstrip())
        return text[:at] + item + text[at:]
    parts = inner.split(",")
    if not all(_ITEM_RE.fullmatch(part.strip()) for part in parts):
        raise CannotEdit(f"`{key}: [...]` holds something other than plain ids")
    if stand_in is not None and all(stand_in(_unquoted(part.strip())) for part in parts):
        start = inner_at + len(inner) - len(inner.lstrip())  # the author's spaces stay
        return text[:start] + item + text[inner_at + len(inner.rstrip()) :]
    last_end = inner_at + len(inner.rstrip())
    return text[:last_end] + _separator(parts) + item + text[last_end:]


def _unquoted(item: str) -> str:
    return item[1:-1] if item[:1] in "\"'" else item


def _separator(parts: list[str]) -> str:
    """The author's separator between items: what follows the first item's comma."""
    if len(parts) < 2:
        return ", "
    spaces = parts[1][: len(parts[1]) - len(parts[1].lstrip())]
    return "," + spaces


def _append_block(text: str, lines: list[_Line], index: int, item: str) -> str:
    indent: str | None = None
    last = lines[index]  # the line the new item goes after
    for line in lines[index + 1 :]:
        stripped = line.body.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _BLOCK_ITEM.fullmatch(line.body)
        if indent is None:
            if match is None:
                break  # the key holds nothing yet
            indent = match.group("indent")
        if match is not None and match.group("indent") == indent:
            if not _BLOCK_VALUE.fullmatch(match.group("value") or ""):
                raise CannotEdit(f"the list item `{stripped}` is not a plain id")
            last = line
            continue
        if _indent_of(line.body) > len(indent):
            raise CannotEdit(f"the list item before `{stripped}` spans several lines")
        break
    newline = last.end or _newline(lines)  # the list's own line break, else the file's
    new = newline + (indent if indent is not None else _DEFAULT_INDENT) + "- " + item
    return text[: last.stop] + new + text[last.stop :]


def _indent_of(body: str) -> int:
    return len(body) - len(body.lstrip(" \t"))
