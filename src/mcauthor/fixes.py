"""Fixes: what a rule can change in a file to resolve one of its findings, as text edits.

A rule declares its fixes (``Rule.fix_summary`` says what they do, ``Rule.fixes`` makes
them for one finding); `mcauthor lint --fix` applies the safe ones
(:mod:`mcauthor.autofix`) and the language server offers them all as code actions, so
both read them from one place, as ruff does.

An edit replaces a stretch of the file's own text, found by the positions the YAML
reader gives; the file is never written out again from its data, so comments, quoting
and layout everywhere else stay byte for byte as they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import yaml
from yaml import events as ev

from mcauthor.yamlread import Parsed, YamlPath, parse, resolve_plain, yaml11_surprise

if TYPE_CHECKING:
    from mcauthor.diagnostics import Diagnostic
    from mcauthor.model import Catalog

_Parser: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
BOM = "\ufeff"
# Line breaks YAML 1.1 counts but an editor does not (or the other way round): the reader's
# lines would not be the editor's, so a file holding one gets no fix. Python's splitlines
# (which numbers suppression comments) also breaks at \v, \f and \x1c-\x1e: there a
# suppression's line is not the reader's, and removing it cut another line short.
_ODD_BREAKS = re.compile("\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Text written plain as it is: it reads back as the same text to YAML 1.2 and 1.1 alike.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of ``file`` (offsets in its text as the file holds
    it, a byte-order mark counted as one character) with ``new``."""

    file: str
    start: int
    end: int
    new: str


@dataclass(frozen=True, slots=True)
class Fix:
    """One way to resolve a finding. A safe fix changes nothing but what its title says
    and leaves no choice to the author: `mcauthor lint --fix` applies it. The others
    (adding a credential to one stack of several) are offered in the editor only."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(slots=True)
class Node:
    """Where one YAML node is in a file's text (offsets, end exclusive)."""

    kind: str  # scalar | mapping | sequence
    start: int
    end: int
    flow: bool = False
    # Each entry's start (its key's, or its item's) and where its value ends.
    items: list[tuple[int, int]] = field(default_factory=list)
    close: int = 0  # a flow collection's `}` or `]`


class Source:
    """A file's text as the file holds it, with the reader's positions in it."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.bom = 1 if text.startswith(BOM) else 0
        self.body = text[self.bom :]  # what the reader read (its positions are in this)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        starts = [0]
        find = self.body.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        self._starts = starts

    @property
    def usable(self) -> bool:
        """Whether the reader's lines are the editor's (see _ODD_BREAKS)."""
        return lines_agree(self.body)

    @cached_property
    def parsed(self) -> Parsed:
        return parse(self.body)

    def offset(self, line: int, column: int) -> int:
        """The offset in ``text`` of a 1-based (line, column) of the reader."""
        line = min(max(line, 1), len(self._starts))
        return self.bom + self._starts[line - 1] + max(column, 1) - 1

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """The offset just past the line break of the line holding ``offset`` (the end of
        the text when its last line has none)."""
        found = self.text.find("\n", offset)
        return len(self.text) if found < 0 else found + 1

    def edit(self, start: int, end: int, new: str) -> Edit:
        return Edit(self.file, start, end, new)

    def node(self, path: YamlPath) -> Node | None:
        """Where the node at ``path`` is, with its entries; None when there is none or
        the text does not read (an alias or a complex key on the way, a syntax error)."""
        if any(p.kind == "duplicate-key" for p in self.parsed.problems):
            return None  # the reader keeps a key's last value; the walk would edit the first
        try:
            return _find(self, path)
        except (yaml.YAMLError, _Stop):
            return None


class _Stop(Exception):
    """The walk met something it does not place (an alias key, a key that is a list)."""


@dataclass(slots=True)
class _Open:
    path: YamlPath
    is_map: bool
    start: int
    entry: int  # where its entry in the parent starts
    flow: bool
    key: str | None = None
    key_start: int = 0
    index: int = 0


def _find(source: Source, target: YamlPath) -> Node | None:
    """Walk the reader's events to the node at ``target``."""
    found: Node | None = None
    open_: list[_Open] = []

    def at(mark: Any) -> int:
        return source.offset(mark.line + 1, mark.column + 1)

    def slot(start: int) -> tuple[YamlPath, int]:
        if not open_:
            return (), start
        top = open_[-1]
        if top.is_map:
            assert top.key is not None
            return (*top.path, top.key), top.key_start
        return (*top.path, top.index), start

    def done(path: YamlPath, entry: int, end: int) -> None:
        if open_:
            top = open_[-1]
            if top.path == target and found is not None:
                found.items.append((entry, end))
            top.key = None
            top.index += 1

    parser = _Parser(source.body)
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind in (ev.ScalarEvent, ev.AliasEvent):
                top = open_[-1] if open_ else None
                if top is not None and top.is_map and top.key is None:
                    if kind is ev.AliasEvent:
                        raise _Stop
                    top.key, top.key_start = event.value, at(event.start_mark)
                    continue
                start, end = at(event.start_mark), at(event.end_mark)
                path, entry = slot(start)
                if path == target:
                    found = Node("scalar", start, end)
                done(path, entry, end)
            elif kind in (ev.MappingStartEvent, ev.SequenceStartEvent):
                top = open_[-1] if open_ else None
                if top is not None and top.is_map and top.key is None:
                    raise _Stop
                start = at(event.start_mark)
                path, entry = slot(start)
                is_map = kind is ev.MappingStartEvent
                if path == target:
                    found = Node("mapping" if is_map else "sequence", start, start)
                open_.append(_Open(path, is_map, start, entry, bool(event.flow_style)))
            elif kind in (ev.MappingEndEvent, ev.SequenceEndEvent):
                closed = open_.pop()
                end = at(event.end_mark)
                if closed.path == target and found is not None:
                    found.end, found.flow, found.close = end, closed.flow, at(event.start_mark)
                    return found
                done(closed.path, closed.entry, end)
            elif kind is ev.DocumentEndEvent:
                break  # the reader reads the first document only
            if found is not None and found.kind == "scalar":
                return found
    finally:
        parser.dispose()
    return found


# -- what the rules' fixes share -----------------------------------------------------------
class FixContext:
    """What a rule's fix reads: the catalog a lint built, and the text of each of its
    files as it is now (the file on disk, or an editor's buffer). A file whose text is
    not the one the lint read gets no source, so no fix is ever made from stale
    positions."""

    def __init__(self, catalog: Catalog, read: Callable[[str], str | None]) -> None:
        self.catalog = catalog
        self._read = read
        self._sources: dict[str, Source | None] = {}

    def source(self, file: str) -> Source | None:
        if file not in self._sources:
            self._sources[file] = self._source(file)
        return self._sources[file]

    def _source(self, file: str) -> Source | None:
        doc = self.catalog.documents.get(file)
        text = self._read(file)
        if doc is None or text is None:
            return None
        source = Source(file, text)
        if source.body != doc.text or not source.usable:
            return None
        return source

    def points_at(self, diagnostic: Diagnostic, path: YamlPath, *, value: bool = False) -> bool:
        """Whether the finding is at ``path`` (as the lint located it)."""
        doc = self.catalog.documents.get(diagnostic.path)
        if doc is None:
            return False
        return doc.locate(path, value=value) == (diagnostic.line, diagnostic.column)


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that every reader reads as this text: plain when that is
    safe (an id like `peer-feedback`), double-quoted otherwise."""
    if _PLAIN.fullmatch(text) and resolve_plain(text) == text and not yaml11_surprise(text):
        return text
    return json.dumps(text, ensure_ascii=False)


Value = str | Sequence[tuple[str, str]]  # YAML text of a scalar, or a mapping's entries


def add_entries(
    source: Source, path: YamlPath, entries: Sequence[tuple[str, Value]]
) -> Edit | None:
    """Add ``entries`` (keys and values as YAML text) at the end of the mapping at
    ``path``, in its style: new lines at its indentation for a block mapping, more
    entries before the `}` of a flow mapping."""
    node = source.node(path)
    if node is None or node.kind != "mapping":
        return None
    if node.flow:
        parts = [f"{key}: {_flow(value)}" for key, value in entries]
        return _flow_append(source, node, parts)
    if not node.items:
        return None
    column = node.items[0][0] - source.line_start(node.items[0][0])
    indent = " " * column
    if source.text[source.line_start(node.items[0][0]) : node.items[0][0]].strip(" -"):
        return None  # not only spaces and list dashes before the first key
    lines = []
    for key, value in entries:
        if isinstance(value, str):
            lines.append(f"{indent}{key}: {value}")
        else:
            lines.append(f"{indent}{key}:")
            lines += [f"{indent}  {k}: {v}" for k, v in value]
    return _block_append(source, node, lines)


def append_item(source: Source, path: YamlPath, item: str) -> Edit | None:
    """Add ``item`` (YAML text) at the end of the sequence at ``path``, in its style."""
    node = source.node(path)
    if node is None or node.kind != "sequence":
        return None
    if node.flow:
        return _flow_append(source, node, [item])
    if not node.items:
        return None
    first = node.items[0][0]
    start = source.line_start(first)
    before = source.text[start:first]
    dash = before.rfind("-")
    if dash < 0 or before[:dash].strip(" "):
        return None  # the first item is not alone after its dash (`- - a`)
    return _block_append(source, node, [before + item])


def remove_item(source: Source, path: YamlPath, index: int) -> Edit | None:
    """Remove the item ``index`` (not the first) of the sequence at ``path``: its line in a
    block list, `, item` in a flow list. None when a comment or another value shares what
    would go (a fix keeps every comment)."""
    node = source.node(path)
    if node is None or node.kind != "sequence" or not 0 < index < len(node.items):
        return None
    start, end = node.items[index]
    if node.flow:
        start = node.items[index - 1][1]
        removed = source.text[start:end]
        return None if "#" in removed else source.edit(start, end, "")
    line = source.line_start(start)
    after = source.line_end(end) if end > source.line_start(end) else end
    lead, tail = source.text[line:start], source.text[end:after]
    if lead.strip(" ") != "-" or tail.strip() or "#" in source.text[start:end]:
        return None  # `- - a`, a value running on, or a comment that would go with it
    return source.edit(line, after, "")


def _flow(value: Value) -> str:
    if isinstance(value, str):
        return value
    return "{" + ", ".join(f"{k}: {v}" for k, v in value) + "}"


def _flow_append(source: Source, node: Node, parts: list[str]) -> Edit:
    added = ", ".join(parts)
    if not node.items:
        return source.edit(node.close, node.close, added)
    end = node.items[-1][1]
    trailing = re.match(r"\s*,", source.text[end : node.close])
    if trailing is not None:  # `[a, b,]`: keep the trailing comma after the new items
        at = end + trailing.end()
        return source.edit(at, at, f" {added},")
    return source.edit(end, end, f", {added}")


def _block_append(source: Source, node: Node, lines: list[str]) -> Edit:
    """New lines after the last entry of a block collection (after its value's line; a
    block scalar such as `|` ends at the start of the line after it)."""
    end = node.items[-1][1]
    nl = source.newline
    text = "".join(line + nl for line in lines)
    if end == source.line_start(end) and end > 0:
        return source.edit(end, end, text)
    at = source.line_end(end)
    if at == len(source.text) and not source.text.endswith("\n"):
        text = nl + text
    return source.edit(at, at, text)


def lines_agree(text: str) -> bool:
    """Whether YAML, Python and an editor number the lines of ``text`` alike."""
    return _ODD_BREAKS.search(text) is None


def same_data(before: str, after: str) -> bool:
    """Whether ``after`` reads as the same data as ``before``, which reads without a syntax
    error, and with no more problems: what an edit of a comment alone must keep (a `#`
    inside a quoted or block text is part of the text, and taking it out or writing one
    there would change what the catalog says)."""
    old, new = parse(before.removeprefix(BOM)), parse(after.removeprefix(BOM))
    if old.fatal or new.fatal or len(new.problems) > len(old.problems):
        return False
    return bool(new.data == old.data)


def apply(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` (of one file, not overlapping) made."""
    out = []
    last = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[last : edit.start])
        out.append(edit.new)
        last = edit.end
    out.append(text[last:])
    return "".join(out)


def overlaps(edit: Edit, taken: Sequence[Edit]) -> bool:
    """Whether ``edit`` touches a stretch another edit of the same file changes (two
    insertions at one place count too: their order would be a guess)."""
    for other in taken:
        if other.file != edit.file:
            continue
        if edit.start < other.end and other.start < edit.end:
            return True
        if edit.start == other.start or edit.end == other.end:
            return True
    return False
