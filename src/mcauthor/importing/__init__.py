"""``mcauthor import``: an issuer's existing micro-credentials into catalog files.

Each source (:data:`SOURCES`: Open Badges files, the CSV table, Word documents) reads its
inputs into :class:`Imported` documents; :mod:`mcauthor.importing.write` turns them into
YAML files with comments that mark what was inferred, writes them (nothing is
overwritten without ``--force``), runs lint on what it wrote, and reports.

The inputs are the user's own files, but they come from elsewhere (a platform's export, a
colleague's document), so they are read as untrusted data: size limits, no code, no
network, and any failure is one line naming the file, with nothing written.
"""

from __future__ import annotations

import json
import math
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

from mcauthor.errors import CannotRun
from mcauthor.model import Catalog
from mcauthor.placeholders import MARKERS

__all__ = [
    "SOURCES",
    "Imported",
    "Names",
    "Source",
    "Target",
    "core_placeholders",
    "placeholder",
    "read_input",
    "source",
]


@dataclass(frozen=True)
class Target:
    """The catalog that receives the import: its config (scales, base URL), its
    research library and the ids it already has."""

    catalog: Catalog


@dataclass
class Imported:
    """One catalog file to write, as read from one input."""

    kind: Literal["credential", "stack"]
    ident: str
    data: dict[str, Any]  # the document, in the order it is written
    source: str  # the input it came from, as the user named it
    notes: dict[str, list[str]] = field(default_factory=dict)  # field -> what was inferred
    unknown: dict[str, Any] = field(default_factory=dict)  # kept under `x-imported`
    stacks: list[str] = field(default_factory=list)  # the catalog's stacks that list it


Reader = Callable[[Sequence[Path], Target], list[Imported]]


@dataclass(frozen=True)
class Source:
    """One kind of input `mcauthor import` reads."""

    name: str
    module: str  # mcauthor.importing.<module>, with read(inputs, target)
    summary: str  # one line, for the help

    def reader(self) -> Reader:
        found: Reader = import_module(f"mcauthor.importing.{self.module}").read
        return found


SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source(
            "docx",
            "template",
            "Word documents (.docx, as Word and Google Docs save them) written in Digital "
            "Promise's micro-credential template, or folders of them",
        ),
        Source(
            "openbadges",
            "openbadges",
            "Open Badges 3.0 achievements and 2.0 BadgeClasses (JSON files or folders)",
        ),
        Source(
            "csv",
            "csvtable",
            "a table with one row per credential: the columns of data/credentials.csv",
        ),
    )
}


MAX_DEPTH = 8  # levels of kept data (x-imported); deeper is kept as JSON text
_LINE_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n", "\r": "\n"})
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Text as a catalog file can hold it: line breaks as ``\\n``, no control characters,
    a lone surrogate (from JSON's ``\\ud800``) as U+FFFD."""
    text = value.replace("\r\n", "\n").translate(_LINE_BREAKS)
    return _SURROGATE.sub("\ufffd", _NOT_TEXT.sub("", text))


def clean(value: Any, depth: int = 0) -> Any:
    """``value`` with every text cleaned (:func:`clean_text`), numbers that are not finite
    left out, and anything nested deeper than :data:`MAX_DEPTH` kept as JSON text."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict | list) and depth >= MAX_DEPTH:
        return clean_text(json.dumps(value, ensure_ascii=False, default=str)[:100_000])
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v, depth + 1) for v in value]
    return value


class Names:
    """Ids made unique in linear time: ``x``, then ``x-2``, ``x-3`` ..."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self.next: dict[str, int] = {}

    def unique(self, base: str) -> str:
        if base not in self.taken:
            self.taken.add(base)
            return base
        number = self.next.get(base, 2)
        while f"{base}-{number}" in self.taken:
            number += 1
        self.next[base] = number + 1
        made = f"{base}-{number}"
        self.taken.add(made)
        return made


def read_input(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the input file ``path``, at most ``limit`` of them; a one-line
    CannotRun for a file that cannot be read, is not a regular file or is larger."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise CannotRun(f"{path}: not a file")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise CannotRun(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise CannotRun(f"{path}: larger than {limit // 1_000_000} MB; not {what}")
    return data


def source(name: str) -> Source:
    return SOURCES[name]


def placeholder(what: str) -> str:
    """Text still to be written, as `mcauthor new` writes it (lint's MC514 finds it)."""
    return f"{MARKERS[0]}: {what}"


COMPETENCY = "The educator ... (the competency: what the educator can do)"
STATEMENT = "The educator ... (the key method: how, backed by research)"


def core_placeholders(data: dict[str, Any]) -> None:
    """A TODO placeholder for the competency and the key method's statement where the
    input had none: the two texts every micro-credential needs, so that lint points at
    the place to write them."""
    if not data.get("competency"):
        data["competency"] = placeholder(COMPETENCY)
    method = data.get("key_method")
    if not isinstance(method, dict):
        method = {}
    if not method.get("statement"):
        rest = {k: v for k, v in method.items() if k != "statement"}
        method = {"statement": placeholder(STATEMENT), **rest}
    data["key_method"] = method
