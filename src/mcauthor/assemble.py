"""Assemble the typed, frozen model (:mod:`mcauthor.model`) from checked data.

The schema step (:mod:`mcauthor.schema`) has already checked and pruned the data, so every
value has its declared type or is absent; what is absent gets its default here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeVar, get_args

from mcauthor.model import (
    BADGE_SHAPES,
    DEFAULT_STATUS,
    DEFAULT_VERSION,
    Alignment,
    Award,
    BadgeSettings,
    BuildSettings,
    Component,
    Config,
    Credential,
    Credit,
    CtdlSettings,
    EvidenceKind,
    EvidencePart,
    Issuer,
    KeyMethod,
    Level,
    LintSettings,
    Prompt,
    ResearchEntry,
    Resource,
    ResourceKind,
    Rubric,
    RubricCriterion,
    Stack,
    Status,
)
from mcauthor.yamlread import YamlPath


def _s(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


_T = TypeVar("_T", bound=str)


def _choice(data: Mapping[str, Any], key: str, choices: Mapping[str, _T]) -> _T | None:
    """One of a Literal's values (the schema step has removed any other)."""
    return choices.get(_s(data, key) or "")


_STATUSES: Mapping[str, Status] = {s: s for s in get_args(Status)}
_EVIDENCE_KINDS: Mapping[str, EvidenceKind] = {k: k for k in get_args(EvidenceKind)}
_RESOURCE_KINDS: Mapping[str, ResourceKind] = {k: k for k in get_args(ResourceKind)}


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
    badges = data.get("badges") if isinstance(data.get("badges"), dict) else {}
    assert catalog is not None and issuer is not None and lint is not None
    assert build is not None and scales is not None and ctdl is not None and badges is not None
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
        badges=BadgeSettings(
            generate=badges.get("generate") is not False,
            shape=_choice(badges, "shape", {s: s for s in BADGE_SHAPES}) or "circle",
            color=_s(badges, "color"),
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
                kind=_choice(item, "kind", _EVIDENCE_KINDS),
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
        status=_choice(data, "status", _STATUSES) or DEFAULT_STATUS,
        summary=_s(data, "summary"),
        competency=_competency(data),
        key_method=_key_method(data),
        research=tuple(build_research(e, file, at) for e, at in _maps(data, "research", ())),
        resources=tuple(
            Resource(
                title=_s(r, "title") or "",
                url=_s(r, "url"),
                file_path=_s(r, "file"),
                kind=_choice(r, "kind", _RESOURCE_KINDS),
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
    title = _s(data, "title") or ""
    return Stack(
        id=_s(data, "id") or stem,
        title=title,
        summary=_s(data, "summary"),
        description=_s(data, "description"),
        credentials=_strs(data, "credentials"),
        requires=_strs(data, "requires"),
        file=file,
        stem=stem,
        status=_choice(data, "status", _STATUSES) or "published",
        award=_award(data.get("award"), title),
    )


def _award(value: Any, title: str) -> Award | None:
    """`award: true`, or a mapping naming the badge; anything else (false, a wrong type,
    which the schema reports) is no award."""
    if value is True:
        return Award(title)
    if not isinstance(value, Mapping):
        return None
    return Award(name=_s(value, "name") or title, image=_s(value, "image"))
