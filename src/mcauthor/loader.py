"""Find the catalog root and read every catalog file, keeping source positions.

This layer never raises for bad files: each problem becomes a finding for the engine,
and the other files are still read. It raises :class:`CannotRun` only when there is
nothing to lint at all (no catalog) or when ``mcauthor.yaml`` itself cannot be read.
"""

from __future__ import annotations

import errno
import os
import stat
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mcauthor import suppressions
from mcauthor.cache import DocumentCache, Entry
from mcauthor.confine import Confinement, shown, walk_once
from mcauthor.errors import CannotRun
from mcauthor.files import link_below
from mcauthor.findings import Finding
from mcauthor.globs import Globs, TooComplex
from mcauthor.placeholders import MARKERS, is_placeholder
from mcauthor.yamlread import MAX_BYTES, Parsed, Problem, YamlPath, decode, parse, parse_fast

__all__ = [
    "CannotRun",
    "Document",
    "Loaded",
    "find_root",
    "link_finding",
    "load",
    "read_config",
]

CONFIG_NAME = "mcauthor.yaml"

# Which folder holds which kind of file.
KIND_DIRS = {"credentials": "credential", "stacks": "stack", "research": "research"}
YAML_SUFFIXES = (".yaml", ".yml")

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


class Files(Protocol):
    """Where a load finds the catalog's files and reads their bytes: the disk
    (:data:`DISK`), or the lint engine's view of it with an editor's unsaved buffers."""

    def discover(self, root: Path, findings: list[Finding]) -> list[tuple[Path, str]]: ...

    def read(self, path: Path) -> bytes: ...


class _Disk:
    def discover(self, root: Path, findings: list[Finding]) -> list[tuple[Path, str]]:
        return _discover(root, findings)

    def read(self, path: Path) -> bytes:
        return _read_bytes(path)


DISK: Files = _Disk()

# What reading one file gave, kept by the lint engine to take over while the file's bytes
# stay the same: path -> (kind, bytes, document or None, the findings of reading it).
ReadMemo = dict[str, tuple[str, bytes, "Document | None", tuple[Finding, ...]]]


def catalog_path(root: Path, path: Path) -> str:
    """``path`` (below ``root``) as a catalog path: "credentials/x.yaml" (a string
    operation: Path.relative_to costs a tenth of reading an unchanged file again)."""
    top, full = root.as_posix(), path.as_posix()
    if full.startswith(top + "/"):
        return full[len(top) + 1 :]
    return path.relative_to(root).as_posix()


def find_root(start: Path) -> Path:
    """The catalog root: ``start`` itself or its nearest parent holding mcauthor.yaml."""
    start = start.absolute()
    if not start.exists():
        raise CannotRun(f"{start}: no such file or folder")
    link = link_below(start, Path.cwd())
    if link is not None:  # a checkout can make `catalog/` a link to any folder elsewhere
        raise CannotRun(
            f"{start} leads through the symbolic link {link}; mcauthor does not follow a "
            "link to a catalog: give the catalog's real folder"
        )
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise CannotRun(f"no {CONFIG_NAME} found in {here} or any parent folder (is this a catalog?)")


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
    excluded = Globs.compile(exclude)
    try:
        found = [
            (path, kind)
            for path, kind in files.discover(root, loaded.findings)
            if not (excluded and excluded.match(path.relative_to(root).as_posix()))
        ]
    except TooComplex:
        raise CannotRun(
            f"{CONFIG_NAME}: the lint.exclude patterns are too complex to match against "
            "this catalog's folders; use fewer and simpler patterns (like `drafts/**`)"
        ) from None
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


def _discover(root: Path, findings: list[Finding]) -> list[tuple[Path, str]]:
    """Catalog files in a stable order; files and folders that may not be read (links
    out of the catalog or into .git/, names mcauthor does not read) are reported."""
    confined = Confinement.of(root)
    found: list[tuple[Path, str]] = []
    for folder, kind in KIND_DIRS.items():
        top = root / folder
        if not top.is_dir():
            continue
        if (why := confined.problem(folder)) is not None:
            findings.append(_outside(root, top, why))
            continue
        for current, dirnames, filenames in walk_once(top):
            rel = current.relative_to(root).as_posix()
            for name in sorted(dirnames):
                if (why := confined.problem(f"{rel}/{name}")) is not None:
                    findings.append(_outside(root, current / name, why))
                    dirnames.remove(name)
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                    continue
                if (why := confined.problem(f"{rel}/{name}")) is not None:
                    findings.append(_outside(root, current / name, why))
                    continue
                found.append((current / name, kind))
    return found


def _outside(root: Path, path: Path, why: str) -> Finding:
    return link_finding(path.relative_to(root).as_posix(), why, link=path.is_symlink())


def link_finding(rel: str, why: str, *, link: bool = True) -> Finding:
    """MC010 for a catalog file that may not be read; ``why`` is from
    Confinement.problem, ``link`` whether the file itself is a symbolic link."""
    if why.startswith("leads outside"):
        message = "this symbolic link points outside the catalog"
    elif link:
        message = f"this symbolic link leads to a file that {why}"
    else:
        message = f"this file {why}"
    return Finding(
        "MC010",
        shown(rel),
        (),
        message,
        hint="Copy the file into the catalog instead; mcauthor never reads outside it.",
        line=1,
        column=1,
    )


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


class TooLarge(Exception):
    """A file (or an editor's buffer) over MAX_BYTES: read as nothing, reported as MC008."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, read through its real path (links were judged when the file was
    found): never blocks on a FIFO or a device, never reads more than MAX_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(os.path.realpath(path), flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file")
        if info.st_size > MAX_BYTES:
            raise TooLarge(info.st_size)
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise TooLarge(len(raw))
    return raw


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
