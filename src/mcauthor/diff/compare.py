"""Comparing two catalogs: each credential and stack as a flat list of named, classed
values (:func:`credential_values`, :func:`stack_values`), then the values compared one
by one. Lists whose items have ids (evidence parts, rubric criteria) are compared by id,
so a part moved up is not a change of every part after it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Literal

from mcauthor.diff import CatalogDiff, Change, ItemDiff, Kind
from mcauthor.model import Catalog, Credential, ResearchEntry, Stack
from mcauthor.present import words
from mcauthor.stacks import Pathway, resolve
from mcauthor.words import number

Values = dict[str, tuple[Kind, str]]  # what -> (class, text)
SEP = " › "


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, float | int):
        return str(number(float(value)))
    if isinstance(value, tuple | list):
        return ", ".join(_text(v) for v in value)
    return json.dumps(value, sort_keys=True, default=str)


Put = Callable[[str, Kind, object], None]


def _putter(out: Values) -> Put:
    """What records a value into ``out``: as text, and only when there is some."""

    def put(what: str, kind: Kind, value: object) -> None:
        text = _text(value)
        if text:
            out[what] = (kind, text)

    return put


def credential_values(c: Credential, catalog: Catalog, pathway: Pathway) -> Values:
    out: Values = {}
    put = _putter(out)

    put("title", "content", c.title)
    put("summary", "content", c.summary)
    competencies = [c.competency] if isinstance(c.competency, str) else list(c.competency or ())
    for i, text in enumerate(competencies, 1):
        put(f"competency{'' if len(competencies) == 1 else f' {i}'}", "requirement", text)
    method = c.key_method
    if method is not None:
        put("key method", "content", method.statement)
        for i, component in enumerate(method.components, 1):
            name = f"key method{SEP}component {i}"
            put(f"{name}{SEP}title", "content", component.title)
            put(f"{name}{SEP}text", "content", component.body)
        for key in method.research:
            entry = catalog.research_for(c, key)
            put(f"research{SEP}{key}", "content", _reference(entry) if entry else key)
    for resource in c.resources:
        put(f"resources{SEP}{resource.title}", "content", resource.url or resource.file_path or "")
    for part in c.evidence:
        name = f"evidence{SEP}{part.id}"
        put(name, "requirement", part.kind or "part")
        put(f"{name}{SEP}title", "content", part.title)
        put(f"{name}{SEP}instructions", "content", part.instructions)
        for i, prompt in enumerate(part.prompts, 1):
            put(f"{name}{SEP}prompt {i}", "requirement", prompt.text)
            put(
                f"{name}{SEP}prompt {i}{SEP}words",
                "requirement",
                words(prompt.words_min, prompt.words_max),
            )
        put(f"{name}{SEP}formats", "requirement", part.formats)
    _rubric(c, catalog, put)
    put("hours", "metadata", c.hours)
    put("ceu", "metadata", c.ceu)
    put("credit", "metadata", c.credit.text() if c.credit else None)
    put("requires", "requirement", c.requires)
    put("status", "metadata", c.status)
    put("stacks", "metadata", pathway.stacks_of.get(c.id, ()))
    put("tags", "metadata", c.tags)
    put("audience", "metadata", c.audience)
    put("alignments", "metadata", [f"{a.name} {a.url or ''}".strip() for a in c.alignments])
    put("image", "metadata", c.image)
    put("file", "metadata", c.file)
    return out


def _reference(entry: ResearchEntry) -> str:
    from mcauthor.export.common import cite

    return cite(entry)


def _rubric(c: Credential, catalog: Catalog, put: Put) -> None:
    rubric = c.rubric
    if rubric is None:
        return
    levels = catalog.levels_of(rubric) or ()
    put(f"rubric{SEP}levels", "requirement", [lv.label for lv in levels])
    put(f"rubric{SEP}passing levels", "requirement", [lv.label for lv in levels if lv.passing])
    put(f"rubric{SEP}earn rule", "requirement", rubric.earn)
    labels = {lv.id: lv.label for lv in levels}
    for criterion in rubric.criteria:
        name = f"rubric{SEP}{criterion.id}"
        put(name, "requirement", criterion.title or criterion.id)
        put(f"{name}{SEP}scores", "requirement", criterion.evidence)
        for level, text in criterion.descriptors.items():
            put(f"{name}{SEP}{labels.get(level, level)}", "requirement", text)


def stack_values(stack: Stack) -> Values:
    out: Values = {}
    put = _putter(out)
    awarded = stack.award is not None
    fields: tuple[tuple[str, Kind, object], ...] = (
        ("title", "content", stack.title),
        ("summary", "content", stack.summary),
        ("description", "content", stack.description),
        ("credentials", "requirement" if awarded else "metadata", stack.credentials),
        ("requires", "requirement", stack.requires),
        ("award", "metadata", stack.award.name if stack.award else None),
        ("status", "metadata", stack.status),
        ("file", "metadata", stack.file),
    )
    for what, kind, value in fields:
        put(what, kind, value)
    return out


def changes(before: Values, after: Values) -> list[Change]:
    """Each value added, removed or changed, in the order of ``after`` then ``before``."""
    out = []
    for what in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(what), after.get(what)
        if old is not None and new is not None and old[1] == new[1]:
            continue
        kind = new[0] if new is not None else old[0] if old is not None else "metadata"
        out.append(Change(what, kind, old[1] if old else None, new[1] if new else None))
    return out


def _same_content(a: Values, b: Values) -> bool:
    """Whether two items ask and say the same, whatever their id, file, stacks or other
    metadata: a rename (the metadata changes are listed with it)."""
    return {k: v for k, v in a.items() if v[0] != "metadata"} == {
        k: v for k, v in b.items() if v[0] != "metadata"
    }


def compare(base: Catalog, head: Catalog, base_name: str, head_name: str) -> CatalogDiff:
    out = CatalogDiff(base_name, head_name)
    old_path, new_path = resolve(base), resolve(head)
    old = {c.id: c for c in base.unique_credentials()}
    new = {c.id: c for c in head.unique_credentials()}
    old_values = {i: credential_values(c, base, old_path) for i, c in old.items()}
    new_values = {i: credential_values(c, head, new_path) for i, c in new.items()}
    out.items += _items("credential", old_values, new_values, old, new)
    old_stacks = {s.id: s for s in base.stacks}
    new_stacks = {s.id: s for s in head.stacks}
    out.items += _items(
        "stack",
        {i: stack_values(s) for i, s in old_stacks.items()},
        {i: stack_values(s) for i, s in new_stacks.items()},
        old_stacks,
        new_stacks,
    )
    return out


def _items(
    item: Literal["credential", "stack"],
    before: dict[str, Values],
    after: dict[str, Values],
    old: dict[str, Credential] | dict[str, Stack],
    new: dict[str, Credential] | dict[str, Stack],
) -> Iterable[ItemDiff]:
    gone = [i for i in before if i not in after]
    added = [i for i in after if i not in before]
    renamed: dict[str, str] = {}
    for ident in added:
        match = next(
            (
                g
                for g in gone
                if g not in renamed.values() and _same_content(before[g], after[ident])
            ),
            None,
        )
        if match is not None:
            renamed[ident] = match
    for ident, values in after.items():
        title = values.get("title", ("content", ident))[1]
        version = _version(new[ident])
        if ident in renamed:
            was = renamed[ident]
            found = changes(before[was], values)
            yield ItemDiff(item, ident, "renamed", title, was, found, _version(old[was]), version)
        elif ident not in before:
            yield ItemDiff(item, ident, "added", title, version_after=version)
        else:
            diff = ItemDiff(item, ident, "changed", title, changes=changes(before[ident], values))
            diff.version_before, diff.version_after = _version(old[ident]), version
            diff.published = _published(old[ident]) and _published(new[ident])
            yield diff
    for ident in gone:
        if ident not in renamed.values():
            title = before[ident].get("title", ("content", ident))[1]
            yield ItemDiff(item, ident, "removed", title, version_before=_version(old[ident]))


def _version(found: Credential | Stack) -> str | None:
    return found.version if isinstance(found, Credential) else None


def _published(found: Credential | Stack) -> bool:
    return found.status == "published"
