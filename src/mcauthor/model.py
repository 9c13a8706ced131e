"""The typed, frozen catalog model that rules, stacks, renderers and exporters read.

Built from data that the schema step has already checked and pruned, so every field
has its declared type or is absent. Each object keeps ``file`` and ``at`` (its YAML path)
so that a rule can point at it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from mcauthor.yamlread import YamlPath

if TYPE_CHECKING:  # the pathway is derived from the model: a type, not an import
    from mcauthor.stacks import Pathway

DEFAULT_VERSION = "1.0.0"
DEFAULT_STATUS = "draft"


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
    kind: str | None
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
    kind: str | None
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
    status: str
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
class Stack:
    id: str
    title: str
    summary: str | None
    description: str | None
    credentials: tuple[str, ...]
    requires: tuple[str, ...]
    file: str
    stem: str
    has_credentials_key: bool = True
    status: str = "published"


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


@dataclass(frozen=True, slots=True)
class Catalog:
    root: Path
    config: Config
    credentials: tuple[Credential, ...]
    stacks: tuple[Stack, ...]
    library: tuple[ResearchEntry, ...]
    # The documents as read (relpath -> loader.Document), for rules that must tell an
    # absent key from one the schema step removed as invalid.
    documents: Mapping[str, Any] = field(default_factory=dict)
    # Lookups derived once and shared by every rule and output (see Derived).
    derived: Derived = field(default_factory=lambda: Derived(), compare=False, repr=False)

    def given(self, file: str, path: YamlPath) -> bool:
        """Whether the file has a key at ``path``: still in the data, or removed as invalid."""
        doc = self.documents.get(file)
        if doc is None:
            return False
        return path in doc.parsed.pruned or _exists(doc.data, path)

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
        derived = self.derived
        if derived.credentials is None:
            derived.credentials = first_of_each(self.credentials)
        return derived.credentials.get(cid)

    def unique_credentials(self) -> tuple[Credential, ...]:
        """Each credential once, in file order: the first of two with one id."""
        derived = self.derived
        if derived.credentials is None:
            derived.credentials = first_of_each(self.credentials)
        return tuple(derived.credentials.values())

    def required_by(self, cid: str) -> tuple[Credential, ...]:
        """The credentials whose ``requires`` names ``cid``, in file order, each once."""
        derived = self.derived
        if derived.required_by is None:
            index: dict[str, list[Credential]] = {}
            for c in self.credentials:
                for rid in dict.fromkeys(c.requires):
                    if rid != c.id:
                        index.setdefault(rid, []).append(c)
            derived.required_by = {k: tuple(v) for k, v in index.items()}
        return derived.required_by.get(cid, ())

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


def _exists(data: Any, path: YamlPath) -> bool:
    for part in path:
        in_map = isinstance(data, dict) and isinstance(part, str) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_map or in_list):
            return False
        data = data[part]
    return True


# -- building from checked data --------------------------------------------------------


def _s(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _n(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _strs(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _maps(data: Mapping[str, Any], key: str, at: YamlPath) -> list[tuple[dict[str, Any], YamlPath]]:
    """The mapping items of a list, each with its own YAML path (pruned items skipped)."""
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(item, (*at, key, i)) for i, item in enumerate(value) if isinstance(item, dict)]


def _levels(items: Any, at: YamlPath) -> tuple[Level, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        Level(
            id=item["id"],
            label=_s(item, "label") or item["id"],
            passing=item.get("passing") is True,
            description=_s(item, "description"),
            at=(*at, i),
        )
        for i, item in enumerate(items)
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    )


def _limits(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        return {}
    return {
        str(k): float(v)
        for k, v in value.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }


def build_config(data: Mapping[str, Any]) -> Config:
    catalog = data.get("catalog") if isinstance(data.get("catalog"), dict) else {}
    issuer = data.get("issuer") if isinstance(data.get("issuer"), dict) else {}
    lint = data.get("lint") if isinstance(data.get("lint"), dict) else {}
    build = data.get("build") if isinstance(data.get("build"), dict) else {}
    scales = data.get("scales") if isinstance(data.get("scales"), dict) else {}
    ctdl = data.get("ctdl") if isinstance(data.get("ctdl"), dict) else {}
    assert catalog is not None and issuer is not None and lint is not None
    assert build is not None and scales is not None and ctdl is not None
    rules = lint.get("rules") if isinstance(lint.get("rules"), dict) else {}
    return Config(
        id=_s(catalog, "id") or "catalog",
        title=_s(catalog, "title") or "Catalog",
        description=_s(catalog, "description"),
        base_url=_s(catalog, "base_url"),
        language=_s(catalog, "language") or "en",
        license=_s(catalog, "license"),
        issuer=Issuer(
            name=_s(issuer, "name") or "",
            url=_s(issuer, "url"),
            email=_s(issuer, "email"),
            logo=_s(issuer, "logo"),
        ),
        scales={
            name: _levels(levels, ("scales", name))
            for name, levels in scales.items()
            if isinstance(levels, list)
        },
        lint=LintSettings(
            fail_on=_s(lint, "fail_on") or "error",
            rules={k: v for k, v in (rules or {}).items() if isinstance(v, str)},
            exclude=_strs(lint, "exclude"),
        ),
        build=BuildSettings(
            out=_s(build, "out") or "site",
            paper=_s(build, "paper") or "letter",
            limits=_limits(build.get("limits")),
        ),
        ctdl=CtdlSettings(
            owner=_s(ctdl, "owner"),
            credentials=_str_map(ctdl.get("credentials")),
            stacks=_str_map(ctdl.get("stacks")),
        ),
        tags=_str_map(data.get("tags")),
    )


def _str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def build_research(item: Mapping[str, Any], file: str, at: YamlPath) -> ResearchEntry:
    year = item.get("year")
    return ResearchEntry(
        key=_s(item, "key") or "",
        authors=_strs(item, "authors"),
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        title=_s(item, "title"),
        source=_s(item, "source"),
        doi=_s(item, "doi"),
        url=_s(item, "url"),
        isbn=_s(item, "isbn"),
        note=_s(item, "note"),
        file=file,
        at=at,
        number=_s(item, "number"),
    )


def _key_method(data: Mapping[str, Any]) -> KeyMethod | None:
    km = data.get("key_method")
    if not isinstance(km, dict):
        return None
    at: YamlPath = ("key_method",)
    return KeyMethod(
        statement=_s(km, "statement"),
        components=tuple(
            Component(_s(c, "title"), _s(c, "body"), p) for c, p in _maps(km, "components", at)
        ),
        research=_strs(km, "research"),
    )


def _evidence(data: Mapping[str, Any]) -> tuple[EvidencePart, ...]:
    parts = []
    for item, at in _maps(data, "evidence", ()):
        prompts = []
        for prompt, pat in _maps(item, "prompts", at):
            words = prompt.get("words") if isinstance(prompt.get("words"), dict) else {}
            assert words is not None
            lo, hi = words.get("min"), words.get("max")
            prompts.append(
                Prompt(
                    text=_s(prompt, "text") or "",
                    words_min=lo if isinstance(lo, int) and not isinstance(lo, bool) else None,
                    words_max=hi if isinstance(hi, int) and not isinstance(hi, bool) else None,
                    at=pat,
                )
            )
        parts.append(
            EvidencePart(
                id=_s(item, "id") or "",
                title=_s(item, "title"),
                kind=_s(item, "kind"),
                instructions=_s(item, "instructions"),
                prompts=tuple(prompts),
                formats=_strs(item, "formats"),
                at=at,
            )
        )
    return tuple(parts)


def _rubric(data: Mapping[str, Any]) -> Rubric | None:
    rubric = data.get("rubric")
    if not isinstance(rubric, dict):
        return None
    at: YamlPath = ("rubric",)
    criteria = []
    for item, cat in _maps(rubric, "criteria", at):
        descriptors = item.get("descriptors") if isinstance(item.get("descriptors"), dict) else {}
        assert descriptors is not None
        criteria.append(
            RubricCriterion(
                id=_s(item, "id") or "",
                evidence=_s(item, "evidence"),
                title=_s(item, "title"),
                descriptors={
                    k: v
                    for k, v in descriptors.items()
                    if isinstance(v, str) and not k.startswith("x-")
                },
                at=cat,
            )
        )
    levels = rubric.get("levels")
    return Rubric(
        scale=_s(rubric, "scale"),
        levels=_levels(levels, (*at, "levels")) if isinstance(levels, list) else None,
        criteria=tuple(criteria),
        earn=_s(rubric, "earn"),
    )


def _competency(data: Mapping[str, Any]) -> str | tuple[str, ...] | None:
    value = data.get("competency")
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def build_credential(data: Mapping[str, Any], file: str, stem: str) -> Credential:
    return Credential(
        id=_s(data, "id") or stem,
        title=_s(data, "title") or "",
        version=_s(data, "version") or DEFAULT_VERSION,
        status=_s(data, "status") or DEFAULT_STATUS,
        summary=_s(data, "summary"),
        competency=_competency(data),
        key_method=_key_method(data),
        research=tuple(build_research(e, file, at) for e, at in _maps(data, "research", ())),
        resources=tuple(
            Resource(
                title=_s(r, "title") or "",
                url=_s(r, "url"),
                file_path=_s(r, "file"),
                kind=_s(r, "kind"),
                note=_s(r, "note"),
                at=at,
            )
            for r, at in _maps(data, "resources", ())
        ),
        evidence=_evidence(data),
        rubric=_rubric(data),
        hours=_n(data, "hours"),
        ceu=_n(data, "ceu"),
        requires=_strs(data, "requires"),
        tags=_strs(data, "tags"),
        audience=_strs(data, "audience"),
        alignments=tuple(
            Alignment(
                name=_s(a, "name") or "",
                url=_s(a, "url"),
                framework=_s(a, "framework"),
                code=_s(a, "code"),
            )
            for a, _ in _maps(data, "alignments", ())
        ),
        image=_s(data, "image"),
        file=file,
        stem=stem,
        credit=_credit(data),
    )


def _credit(data: Mapping[str, Any]) -> Credit | None:
    """The `credit` mapping, when it has both a value above 0 and a unit (else None)."""
    credit = data.get("credit")
    if not isinstance(credit, dict):
        return None
    value, unit = _n(credit, "value"), _s(credit, "unit")
    if value is None or not math.isfinite(value) or value <= 0 or not unit or not unit.strip():
        return None
    return Credit(value=value, unit=" ".join(unit.split()))


def build_stack(data: Mapping[str, Any], file: str, stem: str) -> Stack:
    return Stack(
        id=_s(data, "id") or stem,
        title=_s(data, "title") or "",
        summary=_s(data, "summary"),
        description=_s(data, "description"),
        credentials=_strs(data, "credentials"),
        requires=_strs(data, "requires"),
        file=file,
        stem=stem,
        has_credentials_key="credentials" in data,
        status=_s(data, "status") or "published",
    )
