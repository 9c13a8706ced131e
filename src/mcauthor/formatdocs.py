"""The key tables of docs/format.md, generated from the shipped JSON Schemas.

docs/format.md is written by hand, except between the markers

    <!-- schema: credential -->
    ...
    <!-- /schema -->

where ``update`` puts one row per key of that schema: its path, type, whether it is
required, its default and its description. The schemas are what lint checks files
against and what editors complete from, so the reference cannot drift from either.
``python scripts/rules-doc`` rewrites the tables; tests/test_format_docs.py checks them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mcauthor.schema import schema

Schema = dict[str, Any]  # a JSON Schema node, as loaded

REGION = re.compile(r"(<!-- schema: ([a-z-]+) -->\n)(.*?)(<!-- /schema -->)", re.DOTALL)

# Patterns the schemas repeat, in words; any other pattern is shown as it is.
PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "id",
    "^([a-wyz0-9][a-z0-9]*|x[a-z0-9]+|x$)(-[a-z0-9]+)*$": "id",
    "^[A-Za-z0-9][A-Za-z0-9_.:-]*$": "key",
    "^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$": "CTID",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "date",
    "\\S": "not blank",
}
# build.out's pattern only says "a relative path without `..`", which its description says.
UNSHOWN_PATTERNS = {"^(?![/\\\\])(?![A-Za-z]:)(?!(?:.*[/\\\\])?\\.\\.(?:[/\\\\]|$)).+$"}

PLURALS = {"id": "ids", "key": "keys", "CTID": "CTIDs"}

TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true/false",
    "array": "list",
    "object": "mapping",
    "null": "null",
}


@dataclass(frozen=True)
class Row:
    path: str
    type: str
    required: bool
    default: str
    description: str


def update(text: str) -> str:
    """``text`` with every schema region's table generated afresh."""
    # Blank lines around the table, so that no renderer joins it to the comments.
    return REGION.sub(lambda m: m.group(1) + "\n" + table(m.group(2)) + "\n" + m.group(4), text)


def documented_kinds(text: str) -> list[str]:
    return [m.group(2) for m in REGION.finditer(text)]


def table(kind: str) -> str:
    lines = ["| key | type | required | default | what it is |", "|---|---|---|---|---|"]
    lines += [
        f"| `{r.path}` | {_cell(r.type)} | {'yes' if r.required else ''} "
        f"| {_cell(r.default)} | {_cell(r.description)} |"
        for r in rows(kind)
    ]
    return "\n".join(lines) + "\n"


def rows(kind: str) -> list[Row]:
    root = schema(kind)
    resolver = _Resolver(root.get("$defs", {}))
    whole = resolver.resolve(root)
    if "array" in _types(whole):  # a research file is a list: document one entry
        whole = resolver.resolve(whole["items"])
    return list(_rows(whole, "", resolver))


def undescribed(kind: str) -> list[str]:
    """Keys of a schema that have no description (the docs would leave them unexplained)."""
    return [r.path for r in rows(kind) if not r.description]


class _Resolver:
    def __init__(self, defs: Schema) -> None:
        self.defs = defs

    def resolve(self, node: Schema) -> Schema:
        """``node`` with its ``$ref`` replaced by the definition; the node's own keys
        (a description written beside the reference) win."""
        while "$ref" in node:
            target = self.defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node


def _rows(node: Schema, prefix: str, resolver: _Resolver) -> Iterator[Row]:
    """The rows of every key of the mapping ``node``, and of the mappings inside them."""
    required = set(node.get("required", []))
    children: list[tuple[str, Schema, bool]] = [
        (key, value, key in required) for key, value in node.get("properties", {}).items()
    ]
    children += [
        ("<name>", value, False)
        for pattern, value in node.get("patternProperties", {}).items()
        if pattern != "^x-"
    ]
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        children.append(("<name>", extra, False))
    for key, value, needed in children:
        value = resolver.resolve(value)
        path = f"{prefix}.{key}" if prefix else key
        yield Row(path, _type(value, resolver), needed, _default(value), _about(value, resolver))
        for inner, suffix in _mappings_inside(value, resolver):
            yield from _rows(inner, path + suffix, resolver)


def _mappings_inside(node: Schema, resolver: _Resolver) -> Iterator[tuple[Schema, str]]:
    """The mappings whose keys are documented below ``node``: itself, its list items
    (``[]``) and the mapping alternatives of a ``oneOf``."""
    for option in [node, *(resolver.resolve(o) for o in node.get("oneOf", []))]:
        types = _types(option)
        if "object" in types and _has_keys(option):
            yield option, ""
        if "array" in types and isinstance(option.get("items"), dict):
            for inner, suffix in _mappings_inside(resolver.resolve(option["items"]), resolver):
                yield inner, "[]" + suffix


def _has_keys(node: Schema) -> bool:
    extra = node.get("additionalProperties")
    patterns = [p for p in node.get("patternProperties", {}) if p != "^x-"]
    return bool(node.get("properties") or patterns or isinstance(extra, dict))


def _types(node: Schema) -> list[str]:
    value = node.get("type", [])
    return [value] if isinstance(value, str) else list(value)


def _type(node: Schema, resolver: _Resolver) -> str:
    """The value's type in words, with its limits: `id`, `number > 0`, `list of text`."""
    if "const" in node:
        return f"`{_json(node['const'])}`"
    if "enum" in node:
        return " \\| ".join(f"`{_plain(choice)}`" for choice in node["enum"])
    if "oneOf" in node:
        return " or ".join(_type(resolver.resolve(o), resolver) for o in node["oneOf"])
    words = [_one_type(node, t, resolver) for t in _types(node)]
    return " or ".join(words) if words else "any"


def _one_type(node: Schema, kind: str, resolver: _Resolver) -> str:
    if kind == "string":
        return _text_type(node)
    if kind in ("number", "integer"):
        return TYPE_WORDS[kind] + _bounds(node)
    if kind == "array":
        return _list_type(node, resolver)
    return TYPE_WORDS.get(kind, kind)


def _text_type(node: Schema) -> str:
    pattern = node.get("pattern")
    if pattern in UNSHOWN_PATTERNS:
        words = "text"
    elif pattern in PATTERNS:
        words = PATTERNS[pattern]
    elif pattern:
        words = f"text matching `{pattern}`"
    else:
        words = "non-empty text" if node.get("minLength") == 1 else "text"
    if "maxLength" in node:
        words += f" of at most {node['maxLength']} characters"
    return words


def _bounds(node: Schema) -> str:
    limits = {"exclusiveMinimum": ">", "minimum": "≥", "exclusiveMaximum": "<", "maximum": "≤"}
    bounds = [f"{sign} {_json(node[key])}" for key, sign in limits.items() if key in node]
    return " " + ", ".join(bounds) if bounds else ""


def _list_type(node: Schema, resolver: _Resolver) -> str:
    notes = []
    if "minItems" in node:
        notes.append(f"at least {node['minItems']}")
    if "maxItems" in node:
        notes.append(f"at most {node['maxItems']}")
    if node.get("uniqueItems"):
        notes.append("no repeats")
    words = "list" + (f" ({', '.join(notes)})" if notes else "")
    items = node.get("items")
    if isinstance(items, dict):
        item = resolver.resolve(items)
        what = "mappings" if _types(item) == ["object"] else _type(item, resolver)
        words += " of " + PLURALS.get(what, what)
    return words


def _default(node: Schema) -> str:
    return f"`{_plain(node['default'])}`" if "default" in node else ""


def _about(node: Schema, resolver: _Resolver) -> str:
    """The key's description; a list without one borrows its items'."""
    text = node.get("description")
    if not text and isinstance(node.get("items"), dict):
        text = resolver.resolve(node["items"]).get("description")
    return " ".join(str(text or "").split())


def _plain(value: Any) -> str:
    """A default or choice as it is written in YAML: text without quotes."""
    return value if isinstance(value, str) else _json(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _cell(text: str) -> str:
    """Table-safe: a `|` inside a cell would end it (escaped `\\|` stays escaped)."""
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def between(name: str, text: str, body: str) -> str:
    """``text`` with what lies between ``<!-- name -->`` and ``<!-- /name -->`` replaced
    by ``body`` (a generated table in a page written by hand)."""
    start, end = f"<!-- {name} -->\n", f"<!-- /{name} -->"
    head, found, rest = text.partition(start)
    if not found or end not in rest:
        raise ValueError(f"no {start.strip()} ... {end} region")
    return head + start + "\n" + body + "\n" + rest[rest.index(end) :]
