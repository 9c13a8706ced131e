"""The typed, frozen catalog model that rules, stacks, renderers and exporters read.

Built from data that the schema step has already checked and pruned, so every field
has its declared type or is absent. Each object keeps ``file`` and ``at`` (its YAML path)
so that a rule can point at it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from mcauthor.yamlread import YamlPath

if TYPE_CHECKING:  # types, not imports: the documents are read first, the pathway is derived
    from mcauthor.loader import Document
    from mcauthor.stacks import Pathway

# A credential's or a stack's status, as its file gives it (the schema allows no other).
Status = Literal["published", "draft", "retired"]
# What a stack shows: its own status, or "suspended" when it is published but a member
# is not, so it cannot be earned now (stacks.ResolvedStack.effective_status).
EffectiveStatus = Literal[Status, "suspended"]
# How every output names a status to people: the site, the guides and the pathway picture.
STATUS_LABELS: Mapping[EffectiveStatus, str] = {
    "published": "Published",
    "draft": "Draft",
    "retired": "Retired",
    "suspended": "Unavailable",
}
EvidenceKind = Literal["overview", "artifact", "reflection"]
ResourceKind = Literal["article", "video", "tool", "template", "book", "website", "other"]

DEFAULT_VERSION = "1.0.0"
DEFAULT_STATUS: Status = "draft"


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    label: str
    passing: bool
    description: str | None
    at: YamlPath


@dataclass(frozen=True, slots=True)
class Issuer:
    name: str
    url: str | None
    email: str | None
    logo: str | None


@dataclass(frozen=True, slots=True)
class LintSettings:
    fail_on: str = "error"
    rules: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BuildSettings:
    out: str = "site"
    paper: str = "letter"
    limits: Mapping[str, float] = field(default_factory=dict)  # lower-only (mcauthor.limits)


BadgeShape = Literal["circle", "hexagon", "shield"]
BADGE_SHAPES: tuple[BadgeShape, ...] = ("circle", "hexagon", "shield")


@dataclass(frozen=True, slots=True)
class BadgeSettings:
    """How the build draws the badge images that the catalog does not give (`badges:`)."""

    generate: bool = True
    shape: BadgeShape = "circle"
    color: str | None = None  # `#rrggbb` for credentials in no stack; None: the default


@dataclass(frozen=True, slots=True)
class CtdlSettings:
    """CTIDs for the Credential Registry export that the catalog cannot derive itself."""

    owner: str | None = None  # the issuer organization's CTID
    credentials: Mapping[str, str] = field(default_factory=dict)  # credential id -> CTID
    stacks: Mapping[str, str] = field(default_factory=dict)  # stack id -> CTID


@dataclass(frozen=True, slots=True)
class Config:
    id: str
    title: str
    description: str | None
    base_url: str | None
    language: str
    license: str | None
    issuer: Issuer
    scales: Mapping[str, tuple[Level, ...]]
    lint: LintSettings
    build: BuildSettings
    ctdl: CtdlSettings = field(default_factory=CtdlSettings)
    badges: BadgeSettings = field(default_factory=BadgeSettings)
    file: str = "mcauthor.yaml"
    tags: Mapping[str, str] = field(default_factory=dict)  # tag -> the words the site shows


@dataclass(frozen=True, slots=True)
class ResearchEntry:
    key: str
    authors: tuple[str, ...]
    year: int | None
    title: str | None
    source: str | None
    doi: str | None
    url: str | None
    isbn: str | None
    note: str | None
    file: str
    at: YamlPath
    number: str | None = None  # a report's own number: "NSB 99-31"


@dataclass(frozen=True, slots=True)
class Component:
    title: str | None
    body: str | None
    at: YamlPath


@dataclass(frozen=True, slots=True)
class KeyMethod:
    statement: str | None
    components: tuple[Component, ...]
    research: tuple[str, ...]
    at: YamlPath = ("key_method",)


@dataclass(frozen=True, slots=True)
class Resource:
    title: str
    url: str | None
    file_path: str | None
    kind: ResourceKind | None
    note: str | None
    at: YamlPath


@dataclass(frozen=True, slots=True)
class Prompt:
    text: str
    words_min: int | None
    words_max: int | None
    at: YamlPath


@dataclass(frozen=True, slots=True)
class EvidencePart:
    id: str
    title: str | None
    kind: EvidenceKind | None
    instructions: str | None
    prompts: tuple[Prompt, ...]
    formats: tuple[str, ...]
    at: YamlPath


@dataclass(frozen=True, slots=True)
class RubricCriterion:
    id: str
    evidence: str | None
    title: str | None
    descriptors: Mapping[str, str]
    at: YamlPath


@dataclass(frozen=True, slots=True)
class Rubric:
    scale: str | None
    levels: tuple[Level, ...] | None
    criteria: tuple[RubricCriterion, ...]
    earn: str | None
    at: YamlPath = ("rubric",)


@dataclass(frozen=True, slots=True)
class Alignment:
    name: str
    url: str | None
    framework: str | None
    code: str | None


@dataclass(frozen=True, slots=True)
class Credit:
    """Credit awarded for a credential, in the unit the issuer counts it in."""

    value: float  # > 0
    unit: str  # "state credit", "graduate credit", "CEU", "clock hour" ...

    def amount(self) -> str:
        """The value as written in full, never rounded or in exponent form: "0.5", "0.125",
        "3" (every output shows the same figure)."""
        return f"{self.value:.10f}".rstrip("0").rstrip(".")

    def text(self) -> str:
        """How it reads, like "0.5 state credit" (the unit as the author wrote it)."""
        return f"{self.amount()} {self.unit}"


@dataclass(frozen=True, slots=True)
class Credential:
    id: str
    title: str
    version: str
    status: Status
    summary: str | None
    competency: str | tuple[str, ...] | None
    key_method: KeyMethod | None
    research: tuple[ResearchEntry, ...]
    resources: tuple[Resource, ...]
    evidence: tuple[EvidencePart, ...]
    rubric: Rubric | None
    hours: float | None
    ceu: float | None
    requires: tuple[str, ...]
    tags: tuple[str, ...]
    audience: tuple[str, ...]
    alignments: tuple[Alignment, ...]
    image: str | None
    file: str
    stem: str
    # Size stated as credit instead of (or besides) hours; None when not given or invalid.
    credit: Credit | None = None


@dataclass(frozen=True, slots=True)
class Award:
    """A stack's own badge, earned with every published credential of the stack."""

    name: str  # the stack's title unless `award.name` gives one
    image: str | None = None


@dataclass(frozen=True, slots=True)
class Stack:
    id: str
    title: str
    summary: str | None
    description: str | None
    credentials: tuple[str, ...]
    requires: tuple[str, ...]
    file: str
    stem: str
    status: Status = "published"
    award: Award | None = None  # None: a collection of credentials, with no badge of its own


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def first_of_each(items: Iterable[_Item]) -> dict[str, _Item]:
    """Items by id, the first of two with one id winning (a duplicate id is a lint error)."""
    index: dict[str, _Item] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index


@dataclass
class Derived:
    """Lookups derived from a catalog once, on first use, and shared by every caller."""

    hashes: dict[str, str] = field(default_factory=dict)  # relpath -> content hash
    library_hashes: list[str] | None = None
    credentials: dict[str, Credential] | None = None  # id -> first credential
    stacks: dict[str, Stack] | None = None
    library: dict[str, ResearchEntry] | None = None  # key -> first entry
    required_by: dict[str, tuple[Credential, ...]] | None = None
    pathway: Pathway | None = None  # set by mcauthor.stacks.resolve
    by_file: dict[str, list[Credential]] | None = None  # file -> the credential read from it
    # file -> the research entries read from it (a credential's own, or the library's)
    research_by_file: dict[str, list[ResearchEntry]] | None = None
    files: tuple[str, ...] | None = None  # see Catalog.files


@dataclass(frozen=True, slots=True)
class Catalog:
    root: Path
    config: Config
    credentials: tuple[Credential, ...]
    stacks: tuple[Stack, ...]
    library: tuple[ResearchEntry, ...]
    # The documents as read (relpath -> loader.Document), for rules that must tell an
    # absent key from one the schema step removed as invalid.
    documents: Mapping[str, Document] = field(default_factory=dict)
    # Lookups derived once and shared by every rule and output (see Derived).
    derived: Derived = field(
        default_factory=lambda: Derived(), init=False, compare=False, repr=False
    )

    def given(self, file: str, path: YamlPath) -> bool:
        """Whether the file has a key at ``path``: still in the data, or removed as invalid."""
        doc = self.documents.get(file)
        if doc is None:
            return False
        return path in doc.parsed.pruned or _exists(doc.data, path)

    def files(self) -> tuple[str, ...]:
        """Every file the catalog was read from, in reading order (and the files of
        models built without a document after them)."""
        derived = self.derived
        if derived.files is None:  # asked once by every rule that looks at one file
            named = dict.fromkeys(self.documents)
            for items in (self.credentials, self.stacks, self.library):
                named.update((item.file, None) for item in items if item.file not in named)
            derived.files = tuple(named)
        return derived.files

    def credential_in(self, file: str) -> Credential | None:
        """The credential read from ``file``, if it holds one."""
        found = self._in_file(file)
        return found[0] if found else None

    def research_in(self, file: str) -> list[ResearchEntry]:
        """The research entries written in ``file``: a credential's own, or the library's."""
        derived = self.derived
        if derived.research_by_file is None:
            derived.research_by_file = {}
            for entry in (*(e for c in self.credentials for e in c.research), *self.library):
                derived.research_by_file.setdefault(entry.file, []).append(entry)
        return derived.research_by_file.get(file, [])

    def _in_file(self, file: str) -> list[Credential]:
        derived = self.derived
        if derived.by_file is None:
            derived.by_file = {}
            for credential in self.credentials:
                derived.by_file.setdefault(credential.file, []).append(credential)
        return derived.by_file.get(file, [])

    def document_hash(self, relpath: str) -> str:
        """Content hash of a source file ("" if absent): what build and export keys list."""
        hashes = self.derived.hashes
        found = hashes.get(relpath)
        if found is None:
            doc = self.documents.get(relpath)
            found = hashlib.sha256(doc.text.encode("utf-8")).hexdigest() if doc else ""
            hashes[relpath] = found
        return found

    def library_hashes(self) -> list[str]:
        """Content hashes of the research library's files, sorted (computed once)."""
        derived = self.derived
        if derived.library_hashes is None:
            derived.library_hashes = sorted(self.document_hash(e.file) for e in self.library)
        return derived.library_hashes

    def credential(self, cid: str) -> Credential | None:
        """The first credential with this id (a duplicate id is a lint error)."""
        return self._credentials_by_id().get(cid)

    def unique_credentials(self) -> tuple[Credential, ...]:
        """Each credential once, in file order: the first of two with one id."""
        return tuple(self._credentials_by_id().values())

    def _credentials_by_id(self) -> dict[str, Credential]:
        derived = self.derived
        if derived.credentials is None:
            derived.credentials = first_of_each(self.credentials)
        return derived.credentials

    def required_by(self, cid: str, *, itself: bool = False) -> tuple[Credential, ...]:
        """The credentials whose ``requires`` names ``cid``, in file order, each once;
        with ``itself``, also one that names itself (a cycle, MC504: the data export
        says what the file says, the pages leave it out)."""
        derived = self.derived
        if derived.required_by is None:
            index: dict[str, list[Credential]] = {}
            for c in self.credentials:
                for rid in dict.fromkeys(c.requires):
                    index.setdefault(rid, []).append(c)
            derived.required_by = {k: tuple(v) for k, v in index.items()}
        found = derived.required_by.get(cid, ())
        return found if itself else tuple(c for c in found if c.id != cid)

    def stack(self, sid: str) -> Stack | None:
        derived = self.derived
        if derived.stacks is None:
            derived.stacks = first_of_each(self.stacks)
        return derived.stacks.get(sid)

    def levels_of(self, rubric: Rubric) -> tuple[Level, ...] | None:
        """The rubric's levels: inline, or its named scale; None if neither resolves."""
        if rubric.levels is not None:
            return rubric.levels
        if rubric.scale is not None:
            return self.config.scales.get(rubric.scale)
        return None

    def research_for(self, credential: Credential, key: str) -> ResearchEntry | None:
        """Resolve a research key: the credential's own entries first, then the library."""
        for entry in credential.research:
            if entry.key == key:
                return entry
        derived = self.derived
        if derived.library is None:  # built once: every page, guide and export resolves keys
            derived.library = {}
            for entry in self.library:
                derived.library.setdefault(entry.key, entry)
        return derived.library.get(key)


def value_at(data: Any, path: YamlPath) -> Any:
    """``data[path]`` in parsed YAML data, or None where there is no such item."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _exists(data: Any, path: YamlPath) -> bool:
    for part in path:
        in_map = isinstance(data, dict) and isinstance(part, str) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_map or in_list):
            return False
        data = data[part]
    return True
