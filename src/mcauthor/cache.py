"""A cache of what reading and schema-checking each file produced, keyed by its bytes.

Reading and checking are most of the time a lint takes (libyaml plus our event walk, then
JSON Schema), and a file that has not changed gives the same result every time. The
cache keeps, per file, the checked data, the findings and the paths the schema step
removed; source positions are not kept (they are re-read from the file on the rare
occasion a finding in an unchanged file needs one).

A catalog is untrusted, and a cache inside it could be committed by anyone: mapped to a
broken file's bytes, a forged entry would make lint say "All good". So the cache lives
in the user's own cache folder (:mod:`mcauthor.usercache`), one sealed file per catalog
keyed by the catalog's real path, and never in the catalog. Each entry is what mcauthor
itself computed from the bytes its key hashes, so a hit is right by construction; a file
that is missing, cut short, changed or from another version fails its seal and the cache
starts empty. ``--no-cache`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcauthor import __version__
from mcauthor.findings import Finding
from mcauthor.usercache import Store
from mcauthor.yamlread import YamlPath

FOLDER = ".mcauthor-cache"  # where older versions kept it in the catalog: never read
STORE = "lint"


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
    store: Store | None
    name: str
    salt: str
    entries: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def open(cls, root: Path, salt: str) -> DocumentCache:
        store = Store.open(STORE)
        salted = hashlib.sha256(f"{__version__}\0{salt}".encode()).hexdigest()
        cache = cls(store, Store.name_for(root, ".json"), salted)
        body = store.read(cache.name) if store is not None else None
        if body is None:
            return cache
        try:
            stored = json.loads(body)
        except ValueError:
            return cache
        if isinstance(stored, dict) and stored.get("salt") == cache.salt:
            entries = stored.get("entries")
            cache.entries = entries if isinstance(entries, dict) else {}
        return cache

    def key(self, relpath: str, kind: str, raw: bytes) -> str:
        """Findings name their file, so the key covers the path as well as the bytes."""
        digest = hashlib.sha256(raw)
        digest.update(f"\0{relpath}\0{kind}".encode())
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        row = self.entries.get(key)
        if not isinstance(row, list) or len(row) != 6:
            return None
        self.used.add(key)
        data, empty, fatal, pruned, findings, placeholders = row
        try:
            return Entry(
                data=data,
                empty=bool(empty),
                fatal=bool(fatal),
                pruned=frozenset(_path(p) for p in pruned),
                findings=tuple(_finding_in(f) for f in findings),
                placeholders=tuple((_path(p), str(text)) for p, text in placeholders),
            )
        except (TypeError, ValueError):
            return None

    def put(self, key: str, entry: Entry) -> None:
        # Stored as JSON: the data is plain YAML data, so this round-trips exactly.
        self.entries[key] = [
            entry.data,
            entry.empty,
            entry.fatal,
            sorted(list(p) for p in entry.pruned),
            [_finding_out(f) for f in entry.findings],
            [[list(p), text] for p, text in entry.placeholders],
        ]
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the entries used in this run (so deleted files drop out). Never fails:
        without a usable cache folder, lint runs just as well, only slower."""
        if self.store is None or (not self.changed and len(self.used) == len(self.entries)):
            return
        kept = {k: v for k, v in self.entries.items() if k in self.used}
        text = json.dumps({"salt": self.salt, "entries": kept}, separators=(",", ":"))
        self.store.write(self.name, text.encode("utf-8"))
