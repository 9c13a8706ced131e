"""Read one YAML file into plain data plus source positions, safely.

We drive the libyaml event parser ourselves instead of ``yaml.load``/``yaml.compose``:
composing through PyYAML's Cython composer is about six times slower than walking the
events, and building the data ourselves lets us see what PyYAML hides (duplicate keys,
YAML 1.1 re-typing of ``no`` and dates, alias bombs, arbitrary tags) and record where
every key and value starts.

Plain scalars are typed by the YAML 1.2 core schema: only ``true``/``false`` are
booleans and there are no dates, so ``title: no`` stays the text "no". Where a YAML 1.1
tool would read a value differently we report it instead of silently re-typing it.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

# Libyaml when present: speed matters, the C parser is what makes linting fast.
_Parser: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

YamlPath = tuple[str | int, ...]

# The largest number a catalog may hold: every whole number up to it is exact in a double
# (JSON readers, orjson, Typst); larger ones, like infinity, are invalid (MC053).
MAX_NUMBER = 2**53
MAX_DEPTH = 48
MAX_NODES = 50_000

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "!",
}

# YAML 1.2 core schema resolution of plain scalars.
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+$")
_INT_OCT = re.compile(r"0o[0-7]+$")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_FLOAT_SPECIAL = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}

# What a YAML 1.1 reader (PyYAML, many editors and CI tools) does differently.
_BOOL11 = re.compile(r"(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")
_DATE11 = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"
)
_SEXAGESIMAL11 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_OCTAL11 = re.compile(r"[-+]?0[0-7_]+$")
_UNDERSCORE11 = re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?$")
_MAYBE_AMBIGUOUS = frozenset("yYnNoO0123456789+-")


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar as YAML 1.2's core schema does."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(text):
            # Beyond 18 digits a whole number is read as a float (infinity when it is
            # larger than any float): Python refuses to convert more than 4,300 digits,
            # and no catalog number needs more than a double holds (schema: MC053).
            return int(text) if len(text) <= 19 else float(text)
        if _FLOAT.match(text):
            return float(text)
        if text in _FLOAT_SPECIAL:
            return _FLOAT_SPECIAL[text]
        if _INT_OCT.match(text):
            return _whole(int(text[2:], 8))
        if _INT_HEX.match(text):
            return _whole(int(text[2:], 16))
    return text


def _whole(value: int) -> int | float:
    """A whole number as is, or as a float (infinity past the float range) when it is
    larger than 64 bits (see resolve_plain)."""
    if value.bit_length() <= 63:
        return value
    try:
        return float(value)
    except OverflowError:
        return math.inf


def yaml11_surprise(text: str) -> str | None:
    """Describe how a YAML 1.1 reader would re-type this plain scalar, if it would."""
    if not text or text[0] not in _MAYBE_AMBIGUOUS:
        return None
    if _BOOL11.match(text):
        value = "true" if text[0] in "yYoO" and text.lower() != "off" else "false"
        meaning = f"the boolean {value}"
    elif _DATE11.match(text):
        meaning = "a date"
    elif _SEXAGESIMAL11.match(text):
        meaning = "a base-60 number"
    elif _OCTAL11.match(text) and text.strip("+-0_") != "":
        meaning = "an octal number"
    elif _UNDERSCORE11.match(text):
        meaning = "a number without its underscores"
    else:
        return None
    ours = resolve_plain(text)
    reading = "as text" if isinstance(ours, str) else f"as {ours!r}"
    return f"unquoted `{text}` is {meaning} to YAML 1.1 tools; mcauthor reads it {reading}"


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem found while reading; the loader turns it into a diagnostic."""

    kind: str  # syntax | duplicate-key | multi-document | alias-bomb | too-deep | tag | yaml11
    message: str
    line: int
    column: int
    hint: str | None = None
    path: YamlPath | None = None


@dataclass(slots=True)
class Parsed:
    """Plain data of one YAML document with where each part of it starts (1-based)."""

    data: Any = None
    empty: bool = True
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    plain: dict[YamlPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False
    # Paths whose values the schema step removed as invalid (they were given, though).
    pruned: set[YamlPath] = field(default_factory=set)
    # The placeholders among them (`hours: TODO`), with their text: MC514 reports these.
    placeholders: dict[YamlPath, str] = field(default_factory=dict)
    # False for a document restored from the cache: positions are read again on demand.
    has_positions: bool = True
    # True when the reading typed no number beyond MAX_NUMBER, infinite or NaN (only the
    # fast reading tells; otherwise the schema step looks through the data).
    finite: bool = False

    def locate(self, path: YamlPath, *, value: bool = False) -> tuple[int, int]:
        """Where ``path`` is; for a missing path, where its nearest present ancestor is."""
        table = self.values if value else self.keys
        while path:
            pos = table.get(path) or self.keys.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return self.values.get((), (1, 1))


class _Abort(Exception):
    """Stop reading this file; the problem has been recorded."""


@dataclass(slots=True)
class _Frame:
    container: Any
    path: YamlPath
    is_map: bool
    anchor: str | None
    nodes_at_start: int
    key: str | None = None


class _Builder:
    def __init__(self, out: Parsed) -> None:
        self.out = out
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0

    def fail(self, kind: str, message: str, mark: Any, hint: str | None = None) -> None:
        self.out.problems.append(Problem(kind, message, mark.line + 1, mark.column + 1, hint))
        self.out.fatal = True
        raise _Abort

    # -- where the next node goes ------------------------------------------------------
    def _slot(self, mark: Any) -> YamlPath | None:
        """Path of the node that starts at ``mark``; None if it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.is_map:
            if top.key is None:
                return None
            return (*top.path, top.key)
        path = (*top.path, len(top.container))
        self.out.keys[path] = (mark.line + 1, mark.column + 1)
        return path

    def _place(self, value: Any, path: YamlPath) -> None:
        if not self.stack:
            self.out.data = value
            self.out.empty = False
            return
        top = self.stack[-1]
        if top.is_map:
            assert top.key is not None
            top.container[top.key] = value
            top.key = None
        else:
            top.container.append(value)

    def _count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            self.fail(
                "alias-bomb",
                f"this file expands to more than {MAX_NODES:,} values",
                mark,
                "Aliases (`*name`) that repeat large anchors multiply the size of a file; "
                "write the values out or remove the aliases.",
            )

    def _check_tag(self, event: Any) -> None:
        """Tags such as `!!python/object` make other YAML readers run code: report them."""
        if event.tag is not None and event.tag not in _CORE_TAGS:
            mark = event.start_mark
            self.out.problems.append(
                Problem(
                    "tag",
                    f"the tag `{event.tag}` is not allowed",
                    mark.line + 1,
                    mark.column + 1,
                    "Catalog files hold plain data only; remove the `!` tag.",
                )
            )

    # -- events ------------------------------------------------------------------------
    def scalar(self, event: Any) -> None:
        mark = event.start_mark
        self._check_tag(event)
        text: str = event.value
        plain = not event.style and event.tag in (None, "!") and event.implicit[0]
        if self.stack and self.stack[-1].is_map and self.stack[-1].key is None:
            self._key(text, mark)
            return
        path = self._slot(mark)
        assert path is not None
        self._count(1, mark)
        self.out.values[path] = (mark.line + 1, mark.column + 1)
        if plain:
            value = resolve_plain(text)
            surprise = yaml11_surprise(text)
            if surprise:
                hint = f'Quote it: `"{text}"`, so every tool reads the same value.'
                self.out.problems.append(
                    Problem("yaml11", surprise, mark.line + 1, mark.column + 1, hint, path)
                )
            if not isinstance(value, str) or surprise:
                self.out.plain[path] = text
        elif event.tag == "tag:yaml.org,2002:str" or event.tag is None or event.tag == "!":
            value = text
        else:
            value = resolve_plain(text)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._place(value, path)

    def _key(self, text: str, mark: Any) -> None:
        top = self.stack[-1]
        pos = (mark.line + 1, mark.column + 1)
        if text in top.container:
            first = self.out.keys.get((*top.path, text), pos)
            self.out.problems.append(
                Problem(
                    "duplicate-key",
                    f"the key `{text}` appears twice in this mapping (first at line {first[0]})",
                    pos[0],
                    pos[1],
                    "YAML keeps only the last value and silently drops the first; "
                    "remove or rename one of them.",
                )
            )
        top.key = text
        key_path: YamlPath = (*top.path, text)
        self.out.keys[key_path] = pos

    def start(self, event: Any, is_map: bool) -> None:
        mark = event.start_mark
        if self.stack and self.stack[-1].is_map and self.stack[-1].key is None:
            self.fail(
                "syntax",
                "a key must be a simple value, not a list or a mapping",
                mark,
                "Write keys as plain words, like `title:`.",
            )
        if len(self.stack) >= MAX_DEPTH:
            self.fail(
                "too-deep",
                f"values are nested more than {MAX_DEPTH} levels deep",
                mark,
                "Catalog files need only a few levels; this file is probably broken or hostile.",
            )
        self._check_tag(event)
        path = self._slot(mark)
        assert path is not None
        self._count(1, mark)
        self.out.values[path] = (mark.line + 1, mark.column + 1)
        container: Any = {} if is_map else []
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(container, path, is_map, event.anchor, self.nodes))

    def end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, self.nodes - frame.nodes_at_start + 1)
        self._place(frame.container, frame.path)

    def alias(self, event: Any) -> None:
        mark = event.start_mark
        name = event.anchor
        if name in self.open_anchors:
            self.fail(
                "alias-bomb",
                f"the alias `*{name}` refers to the value that contains it",
                mark,
                "A recursive alias never ends; remove it.",
            )
        if name not in self.anchors:
            self.fail("syntax", f"the alias `*{name}` has no anchor `&{name}` before it", mark)
        value, size = self.anchors[name]
        self._count(size, mark)
        if self.stack and self.stack[-1].is_map and self.stack[-1].key is None:
            if not isinstance(value, str):
                self.fail("syntax", "a key must be a simple value", mark)
            self._key(value, mark)
            return
        path = self._slot(mark)
        assert path is not None
        self.out.values[path] = (mark.line + 1, mark.column + 1)
        # A private copy, so later pruning of one place cannot change another.
        self._place(copy.deepcopy(value), path)


def _events(text: str) -> Iterator[Any]:
    parser = _Parser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def parse(text: str) -> Parsed:
    """Parse one YAML document. Never raises for bad input: problems are in the result."""
    out = Parsed()
    builder = _Builder(out)
    documents = 0
    try:
        for event in _events(text):
            kind = type(event)
            if kind is ev.ScalarEvent:
                builder.scalar(event)
            elif kind is ev.MappingStartEvent:
                builder.start(event, True)
            elif kind is ev.SequenceStartEvent:
                builder.start(event, False)
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                builder.end()
            elif kind is ev.AliasEvent:
                builder.alias(event)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    out.problems.append(
                        Problem(
                            "multi-document",
                            "this file holds more than one YAML document",
                            mark.line + 1,
                            mark.column + 1,
                            "Put each credential or stack in a file of its own; "
                            "mcauthor reads only the first document.",
                        )
                    )
                    break
    except _Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        out.problems.append(_syntax_problem(exc))
        out.fatal = True
    except yaml.YAMLError as exc:  # ReaderError: characters YAML does not allow
        line, column = _position_of(text, _char_index(text, getattr(exc, "position", 0)))
        reason = getattr(exc, "reason", None) or str(exc)
        out.problems.append(Problem("syntax", f"unreadable YAML: {reason}", line, column))
        out.fatal = True
    except UnicodeEncodeError as exc:  # a lone surrogate cannot even reach the parser
        line, column = _position_of(text, exc.start)
        out.problems.append(
            Problem("syntax", "unreadable YAML: the text holds an invalid character", line, column)
        )
        out.fatal = True
    except RecursionError:
        out.problems.append(Problem("too-deep", "values are nested too deeply", 1, 1))
        out.fatal = True
    return out


# Plain scalars resolve_plain may type: by their first character, or as a whole word.
_TYPED_FIRST = frozenset("0123456789+-.")
_TYPED_WORDS = frozenset(_NULL | _TRUE | _FALSE)


class _Unusual(Exception):
    """The fast reading met something only the full reading reports."""


def parse_fast(text: str) -> Parsed | None:
    """The data of a plain, problem-free document, without positions; None when the
    document holds anything :func:`parse` would report or record (a syntax error, a
    duplicate key, a YAML 1.1 surprise, a tag, an anchor, a second document, too deep or
    too many values): read it with :func:`parse` then.

    Most catalog files are plain, and positions (with the text of typed plain values,
    ``Parsed.plain``) are only needed for the rare finding: the loader reads them again
    on demand (``Parsed.has_positions``). Skipping them makes reading several times
    faster.
    """
    try:
        return _parse_fast(text)
    except (_Unusual, yaml.YAMLError, UnicodeEncodeError, RecursionError):
        return None


def _parse_fast(text: str) -> Parsed:
    parser = _Parser(text)
    get_event = parser.get_event
    scalar, mapping, sequence = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end, alias = ev.MappingEndEvent, ev.SequenceEndEvent, ev.AliasEvent
    resolve, surprise = resolve_plain, yaml11_surprise
    # The open containers, and for each open mapping its pending key (None: none yet).
    containers: list[Any] = []
    keys: list[str | None] = []
    root: Any = None
    empty = True
    nodes = documents = 0
    finite = True
    try:
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual  # a tag, even `!`, is typed by the full reading
                value: Any = event.value
                if not event.style and event.implicit[0]:
                    first = value[:1]
                    if first in _MAYBE_AMBIGUOUS and surprise(value):
                        raise _Unusual  # a problem to report, at its place
                    if first in _TYPED_FIRST or value in _TYPED_WORDS:
                        value = resolve(value)  # otherwise plainly text
                        if type(value) is float or type(value) is int:
                            finite = finite and math.isfinite(value) and abs(value) <= MAX_NUMBER
            elif kind is mapping or kind is sequence:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                if len(containers) >= MAX_DEPTH:
                    raise _Unusual
                value = {} if kind is mapping else []
            elif kind is map_end or kind is seq_end:
                value = containers.pop()  # already in its place since it started
                keys.pop()
                if not containers:
                    root, empty = value, False
                continue
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            elif kind is alias:
                raise _Unusual
            else:
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise _Unusual
            if containers:  # put the value in its place
                top = containers[-1]
                if type(top) is list:
                    top.append(value)
                else:
                    key = keys[-1]
                    if key is None:
                        if type(value) is not str or value in top:
                            raise _Unusual  # a key that is not text, or a duplicate key
                        keys[-1] = value
                        continue
                    top[key] = value
                    keys[-1] = None
            elif kind is scalar:
                root, empty = value, False
            if kind is mapping or kind is sequence:
                containers.append(value)
                keys.append(None)
    finally:
        parser.dispose()
    return Parsed(data=root, empty=empty, has_positions=False, finite=finite)


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    start = exc.context_mark or exc.problem_mark
    where = exc.problem_mark
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    hint = None
    if where is not None and start is not None and where.line != start.line:
        hint = f"The construct that starts here breaks at line {where.line + 1}."
    line = start.line + 1 if start is not None else 1
    column = start.column + 1 if start is not None else 1
    return Problem("syntax", message, line, column, hint)


def _char_index(text: str, position: int) -> int:
    """libyaml reports a UTF-8 byte offset; the pure-Python reader a character index."""
    if _Parser is yaml.BaseLoader or text.isascii():
        return position
    return len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))


def _position_of(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file, or None with the problem if it is not UTF-8."""
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                "bom",
                "the file starts with a byte-order mark",
                1,
                1,
                "Save the file as UTF-8 without a BOM (most editors call it plain UTF-8).",
            )
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = _position_of(good, len(good))
        problems.append(
            Problem(
                "encoding",
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                line,
                column,
                "Save the file as UTF-8.",
            )
        )
        return None, problems
