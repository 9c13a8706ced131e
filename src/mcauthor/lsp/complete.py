"""Completion: the keys a schema allows at the cursor's YAML path, and the values only
the catalog knows (research keys, credential and stack ids, evidence part ids, level
ids, scale names), plus a schema's fixed choices."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from mcauthor import schema
from mcauthor.lint import LintResult
from mcauthor.lsp.cursor import Typing, pattern
from mcauthor.lsp.names import CONFIG
from mcauthor.model import value_at
from mcauthor.yamlread import YamlPath

KEY = types.CompletionItemKind.Property
VALUE = types.CompletionItemKind.Value
REFERENCE = types.CompletionItemKind.Reference


def complete(result: LintResult, rel: str, kind: str, typing: Typing) -> list[types.CompletionItem]:
    """What may be written where ``typing`` says the cursor is."""
    data = typing.data if typing.data is not None else _data(result, rel)
    if not typing.is_key:
        node = schema.field_schema(kind, typing.path)
        if node is None or node.get("type") != "object":
            return _values(result, rel, kind, typing.path, data)
    return _keys(result, rel, kind, typing.path, data)


def _keys(
    result: LintResult, rel: str, kind: str, parent: YamlPath, data: Any
) -> list[types.CompletionItem]:
    """The keys of the mapping at ``parent`` that the schema names and that are not
    written yet; in a criterion's `descriptors`, the rubric's level ids."""
    present = value_at(data, parent)
    written = set(present) if isinstance(present, dict) else set()
    if kind == "credential" and pattern(parent) == ("rubric", "criteria", "*", "descriptors"):
        return [
            types.CompletionItem(label=level, kind=VALUE, detail=label, insert_text=f"{level}: ")
            for level, label in _levels(result, rel, data)
            if level not in written
        ]
    node = schema.field_schema(kind, parent)
    if node is None:
        return []
    items = []
    for key, sub in node.get("properties", {}).items():
        if key in written or not isinstance(sub, dict):
            continue
        items.append(
            types.CompletionItem(
                label=key,
                kind=KEY,
                detail=_description(kind, (*parent, key), sub),
                insert_text=f"{key}: ",
            )
        )
    return items


def _description(kind: str, path: YamlPath, raw: dict[str, Any]) -> str | None:
    """A key's description: beside its `$ref` when there is one, else the target's."""
    text = raw.get("description")
    if not isinstance(text, str):
        node = schema.field_schema(kind, path) or {}
        text = node.get("description")
    return text if isinstance(text, str) else None


def _values(
    result: LintResult, rel: str, kind: str, path: YamlPath, data: Any
) -> list[types.CompletionItem]:
    shape = pattern(path)
    catalog = result.catalog
    if shape in (("requires", "*"), ("credentials", "*")) and kind in ("credential", "stack"):
        if kind == "stack" and shape[0] == "requires":
            return [_item(s.id, s.title, s.file) for s in catalog.stacks if s.file != rel]
        return [_item(c.id, c.title, c.file) for c in catalog.credentials if c.file != rel]
    if kind == "credential" and shape == ("key_method", "research", "*"):
        return _research(result, rel, data)
    if kind == "credential" and shape == ("rubric", "criteria", "*", "evidence"):
        parts = value_at(data, ("evidence",))
        return [
            _item(str(p["id"]), p.get("title"), rel)
            for p in parts or []
            if isinstance(p, dict) and isinstance(p.get("id"), str)
        ]
    if kind == "credential" and shape == ("rubric", "scale"):
        return [
            _item(name, " / ".join(level.label for level in levels), CONFIG)
            for name, levels in catalog.config.scales.items()
        ]
    node = schema.field_schema(kind, path) or {}
    return [
        types.CompletionItem(label=str(choice), kind=VALUE)
        for choice in node.get("enum", [])
        if isinstance(choice, str)
    ]


def _research(result: LintResult, rel: str, data: Any) -> list[types.CompletionItem]:
    """The credential's own research keys first, then the shared library's."""
    own = value_at(data, ("research",))
    items: dict[str, types.CompletionItem] = {}
    for entry in own or []:
        if isinstance(entry, dict) and isinstance(entry.get("key"), str):
            key = entry["key"]
            items[key] = _item(key, entry.get("title"), rel)
    for entry in result.catalog.library:
        if entry.key not in items:
            items[entry.key] = _item(entry.key, entry.title, entry.file)
    return list(items.values())


def _levels(result: LintResult, rel: str, data: Any) -> list[tuple[str, str | None]]:
    """The rubric's level ids and labels: its inline levels, or its scale's."""
    rubric = value_at(data, ("rubric",))
    if not isinstance(rubric, dict):
        return []
    inline = rubric.get("levels")
    if isinstance(inline, list):
        return [
            (str(level["id"]), level.get("label"))
            for level in inline
            if isinstance(level, dict) and isinstance(level.get("id"), str)
        ]
    scale = rubric.get("scale")
    levels = result.catalog.config.scales.get(scale) if isinstance(scale, str) else None
    return [(level.id, level.label) for level in levels or ()]


def _item(name: str, title: Any, file: str) -> types.CompletionItem:
    return types.CompletionItem(
        label=name,
        kind=REFERENCE,
        detail=title if isinstance(title, str) else None,
        documentation=f"`{file}`",
    )


def _data(result: LintResult, rel: str) -> Any:
    doc = result.documents.get(rel)
    return doc.data if doc is not None else None
