"""Find the catalog root and read every catalog file, keeping source positions.

This layer never raises for bad files: each problem becomes a finding for the engine,
and the other files are still read. It raises :class:`CannotRun` only when there is
nothing to lint at all (no catalog) or when ``mcauthor.yaml`` itself cannot be read.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from mcauthor import suppressions
from mcauthor.cache import DocumentCache, Entry
from mcauthor.catalogfiles import (
    CONFIG_NAME,
    DISK,
    MAX_BYTES,
    Files,
    TooLarge,
    catalog_path,
    find_root,
    link_finding,
    listed,
)
from mcauthor.confine import Confinement
from mcauthor.errors import CannotRun
from mcauthor.findings import Finding
from mcauthor.placeholders import MARKERS, is_placeholder
from mcauthor.yamlread import Parsed, Problem, YamlPath, decode, parse, parse_fast

__all__ = [
    "CannotRun",
    "Document",
    "Loaded",
    "find_root",
    "link_finding",
    "load",
    "read_config",
]


# Loader problem kinds → rule codes (see mcauthor.rules).
_PROBLEM_CODES = {
    "syntax": "MC001",
    "duplicate-key": "MC002",
    "encoding": "MC003",
    "bom": "MC004",
    "multi-document": "MC005",
    "alias-bomb": "MC007",
    "too-large": "MC008",
    "too-deep": "MC008",
    "tag": "MC009",
    "yaml11": "MC011",
}


# Words whose presence a lint asks about for every file: a suppression comment and the
# placeholder markers. Noted once when the file is read, so that files without them
# (nearly all) are never decompressed for it.
NEEDLES = (suppressions.PREFIX, *MARKERS)
# A catalog of up to this many files keeps its texts plain; a larger one packs them all
# (see Document): ten thousand credentials' texts are a quarter of a cold lint's memory.
PLAIN_FILES = 2_000
_NOTHING: frozenset[str] = frozenset()  # shared by the files that mention no needle
T = TypeVar("T")


@dataclass(slots=True)
class Document:
    """One catalog file as read: its text, its data and where each value starts.

    With ``pack`` the text is kept compressed: a lint reads it only a few times per file
    (suppression comments, a finding's line), and at 10,000 credentials the plain texts
    were about a quarter of what a cold lint kept in memory. The loader packs only in a
    catalog of more than PLAIN_FILES files, so a catalog of a thousand credentials never
    pays for it (compressing was a tenth of its cold lint)."""

    relpath: str
    kind: str  # config | credential | stack | research
    source: InitVar[str]
    parsed: Parsed
    pack: InitVar[bool] = False
    _lines: list[str] | None = field(default=None, repr=False, compare=False)
    _text: str | bytes = field(init=False, repr=False, compare=False)
    _mentions: frozenset[str] = field(init=False, repr=False, compare=False)
    # What rules asked of the data, kept with it: the editor's engine keeps a document
    # while its file is unchanged, and catalog-wide rules ask the same of every file on
    # every edit (the research keys a credential cites, its `requires` list).
    _asked: dict[object, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self, source: str, pack: bool) -> None:
        if pack:
            self._text = zlib.compress(source.encode("utf-8", "surrogatepass"), 1)
        else:
            self._text = source
        self._mentions = frozenset(n for n in NEEDLES if n in source) or _NOTHING

    @property
    def text(self) -> str:
        kept = self._text
        if isinstance(kept, str):
            return kept
        return zlib.decompress(kept).decode("utf-8", "surrogatepass")

    def mentions(self, needle: str) -> bool:
        """Whether the text holds ``needle``, one of NEEDLES (without reading the text)."""
        return needle in self._mentions

    @property
    def data(self) -> Any:
        return self.parsed.data

    def remembered(self, key: object, make: Callable[[Any], T]) -> T:
        """``make(self.data)``, computed once per document and ``key``."""
        if key not in self._asked:
            self._asked[key] = make(self.parsed.data)
        found: T = self._asked[key]
        return found

    @property
    def stem(self) -> str:
        name = self.relpath.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0]

    def locate(self, path: YamlPath, *, value: bool = False) -> tuple[int, int]:
        self._positions()
        return self.parsed.locate(path, value=value)

    def plain(self, path: YamlPath) -> str | None:
        """The text of the unquoted scalar at ``path`` that YAML typed (`10`, `.inf`)."""
        self._positions()
        return self.parsed.plain.get(path)

    def _positions(self) -> None:
        """Read the positions (and typed plain texts) now, for a document read without
        them: restored from the cache, or read the fast way (yamlread.parse_fast)."""
        if not self.parsed.has_positions:
            fresh = parse(self.text)
            self.parsed.keys, self.parsed.values = fresh.keys, fresh.values
            self.parsed.plain = fresh.plain
            self.parsed.has_positions = True

    @property
    def lines(self) -> list[str]:
        """The text's lines, split once (a report may show hundreds of findings)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines


@dataclass(slots=True)
class Loaded:
    root: Path
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0  # every catalog file looked at, readable or not


# What reading one file gave, kept by the lint engine to take over while the file's bytes
# stay the same: path -> (kind, bytes, document or None, the findings of reading it).
ReadMemo = dict[str, tuple[str, bytes, "Document | None", tuple[Finding, ...]]]


def read_config(root: Path, files: Files = DISK) -> Document:
    """Read mcauthor.yaml; a config that cannot be read at all stops the command."""
    path = root / CONFIG_NAME
    why = Confinement.of(root).problem(CONFIG_NAME)
    if why is not None:
        raise CannotRun(f"{CONFIG_NAME} {why}; mcauthor reads only the catalog's own files")
    findings: list[Finding] = []
    doc = _read(root, path, "config", findings, files=files)
    fatal = [f for f in findings if f.code in {"MC001", "MC003", "MC007", "MC008"}]
    if doc is None or fatal:
        reason = fatal[0].message if fatal else (findings[0].message if findings else "unreadable")
        line = fatal[0].line if fatal else 1
        raise CannotRun(f"{CONFIG_NAME}:{line}: cannot read the catalog config: {reason}")
    if not isinstance(doc.data, dict):
        raise CannotRun(f"{CONFIG_NAME}:1: the catalog config must be a mapping of settings")
    doc.parsed.problems[:] = [
        p for p in doc.parsed.problems if not (p.path and p.path[:2] == ("lint", "rules"))
    ]
    _normalise_rule_settings(doc.data)
    return doc


def _normalise_rule_settings(data: dict[str, Any]) -> None:
    """`MC011: Off`, `MC011: OFF` and `MC011: false` all mean off, as people expect."""
    lint = data.get("lint")
    rules = lint.get("rules") if isinstance(lint, dict) else None
    if not isinstance(rules, dict):
        return
    for code, value in rules.items():
        if value is False:
            rules[code] = "off"
        elif isinstance(value, str) and not is_placeholder(value):
            rules[code] = value.strip().lower()  # a placeholder stays one: MC514's


class Check(Protocol):
    """The schema step, handed in so that loading does not depend on it."""

    def __call__(self, doc: Document, *, fast: bool) -> list[Finding]: ...


def _no_check(doc: Document, *, fast: bool) -> list[Finding]:
    return []


def load(
    root: Path,
    config: Document,
    exclude: Iterable[str] = (),
    *,
    check: Check = _no_check,
    fast_from: int = 40,
    cache: DocumentCache | None = None,
    files: Files = DISK,
    memo: ReadMemo | None = None,
) -> Loaded:
    """Read (and check) every catalog file below ``root`` except ``exclude`` globs.

    ``check`` runs on every readable document; ``fast`` tells it when a kind has at least
    ``fast_from`` documents. With a ``cache``, unchanged files are not read again; with a
    ``memo`` (the lint engine's), a file whose bytes did not change gives back the very
    document it gave last time.
    """
    loaded = Loaded(root=root)
    loaded.documents.append(config)
    loaded.files = 1
    _add_problems(config, loaded.findings)
    found = listed(root, exclude, files, loaded.findings)
    per_kind = Counter(kind for _, kind in found)
    pack = len(found) > PLAIN_FILES
    for path, kind in found:
        loaded.files += 1
        fast = per_kind[kind] >= fast_from
        doc = _read(root, path, kind, loaded.findings, check, fast, cache, pack, files, memo)
        if doc is not None:
            loaded.documents.append(doc)
    if cache is not None:
        cache.save()
    return loaded


def _read(
    root: Path,
    path: Path,
    kind: str,
    findings: list[Finding],
    check: Check = _no_check,
    fast: bool = False,
    cache: DocumentCache | None = None,
    pack: bool = False,
    files: Files = DISK,
    memo: ReadMemo | None = None,
) -> Document | None:
    rel = catalog_path(root, path)
    try:
        raw = files.read(path)
    except TooLarge as large:
        findings.append(
            Finding(
                "MC008",
                rel,
                (),
                f"the file is {large.size:,} bytes; catalog files may be at most {MAX_BYTES:,}",
                hint="Split it up, or check that it is the file you meant to add.",
                line=1,
                column=1,
            )
        )
        return None
    except OSError as exc:
        findings.append(
            Finding(
                "MC012",
                rel,
                (),
                f"the file cannot be read: {exc.strerror or exc}",
                line=1,
                column=1,
            )
        )
        return None
    if memo is not None:
        kept = memo.get(rel)
        if kept is not None and kept[0] == kind and kept[1] == raw:
            findings.extend(kept[3])
            return kept[2]
        start = len(findings)
        doc = _read_new(rel, kind, raw, findings, check, fast, cache, pack)
        memo[rel] = (kind, raw, doc, tuple(findings[start:]))
        return doc
    return _read_new(rel, kind, raw, findings, check, fast, cache, pack)


def _read_new(
    rel: str,
    kind: str,
    raw: bytes,
    findings: list[Finding],
    check: Check,
    fast: bool,
    cache: DocumentCache | None,
    pack: bool,
) -> Document | None:
    key = cache.key(rel, kind, raw) if cache is not None else ""
    hit = cache.get(key) if cache is not None else None
    text, problems = decode(raw)
    if hit is not None:
        findings.extend(hit.findings)
        if text is None:
            return None
        parsed = Parsed(data=hit.data, empty=hit.empty, fatal=hit.fatal, has_positions=False)
        parsed.pruned.update(hit.pruned)
        parsed.placeholders.update(hit.placeholders)
        return Document(rel, kind, text, parsed, pack)
    own: list[Finding] = []
    doc = None
    if text is None:
        _add_raw(rel, problems, own)
    else:
        doc = Document(rel, kind, text, parse_fast(text) or parse(text), pack)
        doc.parsed.problems[:0] = problems
        _add_problems(doc, own)
        own.extend(check(doc, fast=fast))
    if cache is not None:
        parsed = doc.parsed if doc is not None else Parsed(fatal=True)
        pruned, placeholders = frozenset(parsed.pruned), tuple(parsed.placeholders.items())
        cache.put(
            key,
            Entry(parsed.data, parsed.empty, parsed.fatal, pruned, tuple(own), placeholders),
        )
    findings.extend(own)
    return doc


def _add_problems(doc: Document, findings: list[Finding]) -> None:
    _add_raw(doc.relpath, doc.parsed.problems, findings)
    parsed = doc.parsed
    if parsed.fatal:
        return
    want = list if doc.kind == "research" else dict
    if parsed.empty or not isinstance(parsed.data, want):
        shape = "a list of research entries" if want is list else "a mapping of keys to values"
        got = "empty" if parsed.empty else f"{_shape(parsed.data)}"
        line, column = doc.locate((), value=True)
        findings.append(
            Finding(
                "MC006",
                doc.relpath,
                (),
                f"the file is {got}; a {doc.kind} file must be {shape}",
                hint="Start the file with `id:` and the other keys of the format."
                if want is dict
                else "Start each entry with `- key:`.",
                line=line,
                column=column,
            )
        )
        parsed.fatal = True


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a single value"


def _add_raw(rel: str, problems: list[Problem], findings: list[Finding]) -> None:
    for problem in problems:
        findings.append(
            Finding(
                _PROBLEM_CODES[problem.kind],
                rel,
                problem.path or (),
                problem.message,
                hint=problem.hint,
                line=problem.line,
                column=problem.column,
            )
        )
