"""A cache of what reading and schema-checking each file produced, keyed by its bytes.

Reading and checking are most of the time a lint takes (libyaml plus our event walk, then
JSON Schema), and a file that has not changed gives the same result every time. The
cache keeps, per file, the checked data, the findings and the paths the schema step
removed; source positions are not kept (they are re-read from the file on the rare
occasion a finding in an unchanged file needs one).

A catalog is untrusted, and a cache inside it could be committed by anyone: mapped to a
broken file's bytes, a forged entry would make lint say "All good". So the cache lives
in the user's own cache folder (:mod:`mcauthor.usercache`), one sealed log per catalog
named by the catalog's real path, and never in the catalog. Each entry is one line of
the log, sealed on its own, and holds its key and the check's salt again; what it holds
is what mcauthor itself computed from the bytes its key hashes, so a hit is right by
construction. A line that is cut short, changed or from another version is a miss. A
run adds only the entries it made at the end of the log (a lint after one edit writes
one line), and writes the log again only when most of it is stale.
``--no-cache`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcauthor import __version__
from mcauthor.findings import Finding
from mcauthor.usercache import LINT, Log, Store
from mcauthor.yamlread import YamlPath

FOLDER = ".mcauthor-cache"  # where older versions kept it in the catalog: never read
STORE = LINT


@dataclass(frozen=True)
class Entry:
    data: Any
    empty: bool
    fatal: bool
    pruned: frozenset[YamlPath]
    findings: tuple[Finding, ...]
    # Pruned placeholders (path, text), which MC514 reports (see schema.check).
    placeholders: tuple[tuple[YamlPath, str], ...] = ()


def _path(parts: list[Any]) -> YamlPath:
    return tuple(parts)


def _finding_out(f: Finding) -> list[Any]:
    return [f.code, f.file, list(f.at), f.message, f.hint, f.value, f.line, f.column]


def _finding_in(row: list[Any]) -> Finding:
    code, file, at, message, hint, value, line, column = row
    return Finding(code, file, _path(at), message, hint, value, line, column)


@dataclass
class DocumentCache:
    """The entries of one catalog: those of the log, then those this run made."""

    store: Store | None
    name: str
    salt: str
    log: Log = field(default_factory=Log)
    made: dict[str, bytes] = field(default_factory=dict)  # new entries, by key
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, root: Path, salt: str) -> DocumentCache:
        store = Store.open(STORE)
        salted = hashlib.sha256(f"{__version__}\0{salt}".encode()).hexdigest()
        cache = cls(store, Store.name_for(root, ".json"), salted)
        if store is not None:
            cache.log = store.read_log(cache.name)
        return cache

    def key(self, relpath: str, kind: str, raw: bytes) -> str:
        """Findings name their file, so the key covers the path as well as the bytes."""
        digest = hashlib.sha256(raw)
        digest.update(f"\0{relpath}\0{kind}".encode())
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        body = self.log.records.get(key)
        if body is None:
            return None
        try:
            salt, row = json.loads(body)
            if salt != self.salt:
                return None
            data, empty, fatal, pruned, findings, placeholders = row
            entry = Entry(
                data=data,
                empty=bool(empty),
                fatal=bool(fatal),
                pruned=frozenset(_path(p) for p in pruned),
                findings=tuple(_finding_in(f) for f in findings),
                placeholders=tuple((_path(p), str(text)) for p, text in placeholders),
            )
        except (TypeError, ValueError):
            return None
        self.used.add(key)
        return entry

    def put(self, key: str, entry: Entry) -> None:
        # Stored as JSON: the data is plain YAML data, so this round-trips exactly.
        row = [
            entry.data,
            entry.empty,
            entry.fatal,
            sorted(list(p) for p in entry.pruned),
            [_finding_out(f) for f in entry.findings],
            [[list(p), text] for p, text in entry.placeholders],
        ]
        self.made[key] = json.dumps([self.salt, row], separators=(",", ":")).encode("utf-8")
        self.used.add(key)

    def save(self) -> None:
        """Add the entries made in this run to the log; write it again, with only the
        entries this run used, when it held nothing usable or more stale bytes than
        used ones. Never fails: without a usable cache folder, lint runs just as well,
        only slower."""
        if self.store is None:
            return
        kept = [key for key in self.used if key not in self.made]
        live = self.log.live(kept)
        if not self.log.records or self.log.size - live > live:
            entries = {key: self.log.records[key] for key in kept} | self.made
            self.store.write_log(self.name, entries)
        elif self.made:
            self.store.append_log(self.name, self.log, self.made)
        self.made = {}
