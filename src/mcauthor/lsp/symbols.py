"""The outline of a catalog file: its top-level sections, and inside them the parts an
author looks for (method components and research, evidence parts, rubric criteria,
a stack's credentials, the research library's entries, the config's scales)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from lsprotocol import types

from mcauthor.lsp.convert import Frame
from mcauthor.model import value_at
from mcauthor.yamlread import Parsed, YamlPath

S = types.SymbolKind
_TITLES = {
    "competency": "Competency",
    "key_method": "Key method",
    "evidence": "Evidence",
    "rubric": "Rubric",
    "research": "Research",
    "resources": "Resources",
}
# Lists whose items get a symbol each, by the path that holds them, and the key that
# names an item.
_LISTS: dict[tuple[str, ...], str] = {
    ("key_method", "components"): "title",
    ("evidence",): "id",
    ("rubric", "criteria"): "id",
    ("research",): "key",
}


class Outline:
    """Symbols of one parsed file, with ranges from the positions yamlread kept."""

    def __init__(self, parsed: Parsed, frame: Frame) -> None:
        self.parsed = parsed
        self.frame = frame
        starts = {**parsed.values, **parsed.keys}
        self.order = sorted((pos, path) for path, pos in starts.items())
        self._lines = [line for (line, _), _ in self.order]

    def symbols(self, kind: str) -> list[types.DocumentSymbol]:
        data = self.parsed.data
        if kind == "research":
            return self._items((), "key", S.Object)
        if not isinstance(data, dict):
            return []
        out = []
        for key in data:
            path: YamlPath = (key,)
            if path not in self.parsed.keys:
                continue
            children = self._children(kind, path)
            name = str(_TITLES.get(key, key) if kind == "credential" else key)
            symbol_kind = S.Namespace if children else S.Field
            out.append(self.symbol(name, path, symbol_kind, _detail(data[key]), children))
        return out

    def _children(self, kind: str, path: YamlPath) -> list[types.DocumentSymbol]:
        if kind == "credential" and path == ("key_method",):
            return self._items(("key_method", "components"), "title", S.Method) + self._named(
                ("key_method", "research"), S.Constant
            )
        if kind == "credential" and path == ("rubric",):
            return self._items(("rubric", "criteria"), "id", S.Property)
        if kind == "credential" and path in (("evidence",), ("research",)):
            return self._items(path, _LISTS[path], S.Object)
        if kind == "stack" and path in (("credentials",), ("requires",)):
            return self._named(path, S.Constant)
        if kind == "config" and path == ("scales",):
            scales = value_at(self.parsed.data, path)
            return [
                self.symbol(str(name), (*path, name), S.Enum, None, [])
                for name in (scales if isinstance(scales, dict) else {})
            ]
        return []

    def _items(self, path: YamlPath, name_key: str, kind: S) -> list[types.DocumentSymbol]:
        """A symbol per mapping item of the list at ``path``, named by ``name_key``."""
        items = value_at(self.parsed.data, path)
        out = []
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or (*path, i) not in self.parsed.keys:
                continue
            name = item.get(name_key)
            title = item.get("title") if name_key != "title" else None
            label = (
                str(name) if name not in (None, "") else f"{path[-1] if path else 'item'} {i + 1}"
            )
            out.append(self.symbol(label, (*path, i), kind, _detail(title), []))
        return out

    def _named(self, path: YamlPath, kind: S) -> list[types.DocumentSymbol]:
        """A symbol per text item of the list at ``path`` (ids, keys)."""
        items = value_at(self.parsed.data, path)
        return [
            self.symbol(item, (*path, i), kind, None, [])
            for i, item in enumerate(items if isinstance(items, list) else [])
            if isinstance(item, str) and (*path, i) in self.parsed.keys
        ]

    def symbol(
        self,
        name: str,
        path: YamlPath,
        kind: S,
        detail: str | None,
        children: list[types.DocumentSymbol],
    ) -> types.DocumentSymbol:
        line, column = self.parsed.keys[path]
        selection = self.frame.span(line, column)
        end_line = self._last_line(path, line)
        end_text = self.frame.lines[end_line - 1] if end_line <= len(self.frame.lines) else ""
        whole = types.Range(
            start=selection.start, end=self.frame.position(end_line, len(end_text) + 1)
        )
        return types.DocumentSymbol(
            name=name or "(empty)",
            kind=kind,
            range=whole,
            selection_range=selection,
            detail=detail,
            children=children or None,
        )

    def _last_line(self, path: YamlPath, line: int) -> int:
        """The last line of the node at ``path``: the line before the next node that is
        not inside it, less blank and comment lines."""
        size = len(path)
        end = len(self.frame.lines)
        # From the first node below ``line`` (found by bisection): scanning from the top
        # for every symbol took minutes for a file of 100,000 research entries.
        order = self.order
        for i in range(bisect_right(self._lines, line), len(order)):
            (at_line, _), other = order[i]
            if other[:size] != path:
                end = at_line - 1
                break
        lines = self.frame.lines
        while end > line and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        return max(end, line)


def _detail(value: Any) -> str | None:
    if isinstance(value, str):
        flat = " ".join(value.split())
        return flat if len(flat) <= 80 else flat[:79] + "…"
    return None
