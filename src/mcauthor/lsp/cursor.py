"""Where the cursor is in a YAML buffer: the key or value under it, and what is being
typed where (for completion). Built on the positions that :func:`mcauthor.yamlread.parse`
records (1-based line and column of every key and value), never on a second parser.

Columns here are code points, lines and columns 1-based, as yamlread gives them; the
server turns them into the client's units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mcauthor.model import value_at
from mcauthor.yamlread import Parsed, YamlPath, parse

# `key: value` or `- key: value` up to the cursor (the value may be empty or partial).
# The key is greedy and loses its trailing spaces in Python: a lazy key before `\s*:`
# backtracked quadratically on a long run of spaces (a minute for a 100,000-column line).
_KEY_VALUE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s\-#:\[\]{},'\"][^:#]*):(?P<rest>\s.*)?$"
)
# `- value` up to the cursor: an item of a block list.
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<rest>[^:#]*)$")
# A key being typed alone on its line (or nothing yet).
_PARTIAL_KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<word>[\w.-]*)$")


@dataclass(frozen=True)
class Spot:
    """The key or the scalar value under the cursor."""

    path: YamlPath
    is_key: bool


@dataclass(frozen=True)
class Typing:
    """What the cursor is typing: a key of the mapping at ``path`` (``is_key``), or the
    value at ``path`` (a list item's path ends with its index)."""

    path: YamlPath
    is_key: bool
    prefix: str
    data: Any  # the buffer's data, read with the cursor's line left out


def spot_at(parsed: Parsed, lines: list[str], line: int, column: int) -> Spot | None:
    """The key or scalar value whose text holds (line, column), if any."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    for path, (at_line, at_col) in parsed.keys.items():
        if at_line != line or not path or not isinstance(path[-1], str):
            continue
        if at_col <= column <= at_col + _token_length(text, at_col, path[-1]):
            return Spot(path, True)
    best: tuple[int, YamlPath] | None = None
    for path, (at_line, at_col) in parsed.values.items():
        if at_line == line and at_col <= column and (best is None or at_col > best[0]):
            best = (at_col, path)
    if best is None:
        return None
    at_col, path = best
    if column > scalar_end(text, at_col) or isinstance(value_at(parsed.data, path), dict | list):
        return None
    return Spot(path, False)


def _token_length(text: str, column: int, word: str) -> int:
    """Length of a key as written at ``column``: quoted keys count their quotes."""
    start = text[column - 1 : column]
    return len(word) + 2 if start in ("'", '"') else len(word)


def scalar_end(text: str, column: int) -> int:
    """The column just past a one-line scalar that starts at ``column`` (1-based): a
    quoted one ends at its closing quote, a plain one before `,` `]` `}` or a comment."""
    start = column - 1
    if start >= len(text):
        return column
    quote = text[start]
    if quote in ("'", '"'):
        close = text.find(quote, start + 1)
        return (close + 2) if close >= 0 else len(text) + 1
    end = start
    while end < len(text) and text[end] not in ",]}" and not text.startswith(" #", end):
        if text[end] == ":" and text[end + 1 : end + 2] in ("", " "):
            break  # the end of a key
        end += 1
    return len(text[:end].rstrip()) + 1 if end > start else column


def typing_at(text: str, line: int, column: int) -> Typing | None:
    """What is being typed at (line, column), 1-based: a key or a value, and where."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    before = lines[line - 1][: column - 1]
    rest = lines[:]
    rest[line - 1] = ""  # the line being typed rarely parses; the others usually do
    parsed = parse("\n".join(rest))
    keys = _keys_before(parsed, min(line, _trusted_until(parsed)))
    match = _KEY_VALUE.match(before)
    if match and match.group("rest") is not None:
        lead = match.group("lead")
        if "-" in lead:  # `- key: ...`: the first key of a new list item
            owner = _list_owner(keys, lead.index("-") + 1)
            parent: YamlPath = (*owner, _length(parsed.data, owner))
        else:
            parent = _parent(keys, len(lead) + 1)
        key = match.group("key").rstrip().strip("'\"")
        return _value((*parent, key), match.group("rest"), parsed.data)
    match = _ITEM.match(before)
    if match and "[" not in match.group("rest"):
        dash_col = len(match.group("indent")) + 1
        owner = _list_owner(keys, dash_col)
        item = (*owner, _length(parsed.data, owner))
        return Typing(item, False, match.group("rest").strip(), parsed.data)
    match = _PARTIAL_KEY.match(before)
    if match is None:
        return None
    dash = match.group("dash")
    indent = len(match.group("indent")) + len(dash or "") + 1
    if dash:  # `- ke`: a key of a new item of the list that owns the dash
        owner = _list_owner(keys, len(match.group("indent")) + 1)
        parent = (*owner, _length(parsed.data, owner))
    else:
        parent = _parent(keys, indent)
    return Typing(parent, True, match.group("word"), parsed.data)


def _value(owner: YamlPath, rest: str, data: Any) -> Typing:
    """The value being typed after `key:`; inside `[...]`, an item of that list."""
    written = rest.strip()
    if written.startswith("["):
        inside = written[1:]
        items = inside.split(",")
        return Typing((*owner, len(items) - 1), False, items[-1].strip(), data)
    return Typing(owner, False, written.strip("'\""), data)


def _trusted_until(parsed: Parsed) -> int:
    """The first line of a construct the reading broke on (keys from there on may be
    misread: an unclosed `[` swallows the keys after it)."""
    broken = [p.line for p in parsed.problems if p.kind == "syntax"]
    return min(broken) if parsed.fatal and broken else 1 << 30


def _keys_before(parsed: Parsed, line: int) -> list[tuple[int, int, YamlPath]]:
    """Mapping keys on lines before ``line``, nearest first: (line, column, path)."""
    found = [
        (at_line, at_col, path)
        for path, (at_line, at_col) in parsed.keys.items()
        if at_line < line and path and isinstance(path[-1], str)
    ]
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return found


def _parent(keys: list[tuple[int, int, YamlPath]], column: int) -> YamlPath:
    """The mapping a key at ``column`` belongs to: a sibling's (the nearest key above at
    the same column) or, when a key above is less indented first, that key's value."""
    for _, at_col, path in keys:
        if at_col == column:
            return path[:-1]
        if at_col < column:
            return path
    return ()


def _list_owner(keys: list[tuple[int, int, YamlPath]], dash_column: int) -> YamlPath:
    """The key whose list a `-` at ``dash_column`` adds to: the nearest key above that is
    not indented further (YAML allows `key:` and its `- items` at the same column)."""
    for _, at_col, path in keys:
        if at_col <= dash_column:
            return path
    return ()


def _length(data: Any, path: YamlPath) -> int:
    found = value_at(data, path)
    return len(found) if isinstance(found, list) else 0


def pattern(path: YamlPath) -> tuple[str, ...]:
    """A path with list indexes as `*`: ("requires", 0) → ("requires", "*")."""
    return tuple("*" if isinstance(part, int) else part for part in path)
