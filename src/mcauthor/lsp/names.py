"""The names a catalog defines and uses: credential and stack ids, research keys,
evidence part ids, level ids and scale names. What a name at a YAML path refers to,
where it is defined, where it is used, and a line or two that says what it names.

Everything here reads a :class:`mcauthor.lint.LintResult`: the catalog as the engine
has it, open buffers included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mcauthor.lint import LintResult
from mcauthor.lsp.cursor import Spot, pattern
from mcauthor.model import ResearchEntry, value_at
from mcauthor.yamlread import YamlPath

CONFIG = "mcauthor.yaml"
# Catalog text goes into hover markdown as text: every ASCII punctuation character is
# escaped (a title could otherwise bring a link, an image that the editor fetches, raw
# HTML or a `command:` link), line breaks become spaces and control characters are shown
# as \xNN, as in the reports.
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")

# (file kind, path pattern, is the name a key) -> what the name is.
_NAMED: dict[tuple[str, tuple[str, ...], bool], str] = {
    ("credential", ("id",), False): "credential",
    ("credential", ("requires", "*"), False): "credential",
    ("credential", ("key_method", "research", "*"), False): "research",
    ("credential", ("research", "*", "key"), False): "research",
    ("credential", ("evidence", "*", "id"), False): "evidence",
    ("credential", ("rubric", "criteria", "*", "evidence"), False): "evidence",
    ("credential", ("rubric", "levels", "*", "id"), False): "level",
    ("credential", ("rubric", "scale"), False): "scale",
    ("stack", ("id",), False): "stack",
    ("stack", ("credentials", "*"), False): "credential",
    ("stack", ("requires", "*"), False): "stack",
    ("research", ("*", "key"), False): "research",
}


@dataclass(frozen=True)
class Target:
    """A name and what it names; ``file`` is where it was met (research keys, evidence
    parts and levels resolve per credential)."""

    kind: str  # credential | stack | research | evidence | level | scale
    name: str
    file: str
    scale: str | None = None  # for a level of a scale in mcauthor.yaml


@dataclass(frozen=True)
class Place:
    """A key (``value`` False) or value in a catalog file."""

    file: str
    path: YamlPath
    value: bool = True


def target_at(result: LintResult, rel: str, spot: Spot) -> Target | None:
    """What the name at ``spot`` in ``rel`` refers to, if it is a name."""
    doc = result.documents.get(rel)
    if doc is None:
        return None
    shape = pattern(spot.path)
    descriptor = shape[:4] == ("rubric", "criteria", "*", "descriptors") and len(shape) == 5
    if doc.kind == "credential" and descriptor and spot.is_key:
        return Target("level", str(spot.path[-1]), rel)
    if doc.kind == "config" and shape[:1] == ("scales",) and len(shape) >= 2:
        scale = str(spot.path[1])
        if spot.is_key and len(shape) == 2:
            return Target("scale", scale, rel)
        if not spot.is_key and shape[2:] == ("*", "id"):
            return Target("level", str(value_at(doc.data, spot.path)), rel, scale)
    kind = _NAMED.get((doc.kind, shape, spot.is_key))
    name = value_at(doc.data, spot.path)
    if kind is None or not isinstance(name, str):
        return None
    return Target(kind, name, rel)


def definitions(result: LintResult, target: Target) -> list[Place]:
    """Where the name is defined (more than one place for a duplicate)."""
    catalog = result.catalog
    if target.kind == "credential":
        return [Place(c.file, ("id",)) for c in catalog.credentials if c.id == target.name]
    if target.kind == "stack":
        return [Place(s.file, ("id",)) for s in catalog.stacks if s.id == target.name]
    if target.kind == "research":
        return [Place(e.file, (*e.at, "key")) for e in research_entries(result, target)]
    data = _data(result, target.file)
    if target.kind == "evidence":
        return [
            Place(target.file, ("evidence", i, "id"))
            for i, part in _items(data, ("evidence",))
            if part.get("id") == target.name
        ]
    if target.kind == "scale":
        found = CONFIG in result.documents and target.name in catalog.config.scales
        return [Place(CONFIG, ("scales", target.name), False)] if found else []
    return _level_definitions(result, target)


def _level_definitions(result: LintResult, target: Target) -> list[Place]:
    scale = target.scale
    if scale is None:
        rubric = value_at(_data(result, target.file), ("rubric",))
        if not isinstance(rubric, dict):
            return []
        if isinstance(rubric.get("levels"), list):
            return [
                Place(target.file, ("rubric", "levels", i, "id"))
                for i, level in _items(rubric, ("levels",))
                if level.get("id") == target.name
            ]
        scale = rubric.get("scale") if isinstance(rubric.get("scale"), str) else None
    if scale is None:
        return []
    return [
        Place(CONFIG, ("scales", scale, i, "id"))
        for i, level in _items(_data(result, CONFIG), ("scales", scale))
        if level.get("id") == target.name
    ]


def research_entries(result: LintResult, target: Target) -> list[ResearchEntry]:
    """The entries a research key names where it was met: the credential's own first,
    else the shared library's (as the build resolves them)."""
    catalog = result.catalog
    own = [
        e
        for c in catalog.credentials
        if c.file == target.file
        for e in c.research
        if e.key == target.name
    ]
    return own or [e for e in catalog.library if e.key == target.name]


def references(result: LintResult, target: Target) -> list[Place]:
    """Where the name is used (its definitions not included)."""
    return list(_uses(result, target))


def _uses(result: LintResult, target: Target) -> Iterator[Place]:
    name = target.name
    for rel, doc in result.documents.items():
        data = doc.data
        if target.kind == "credential":
            if doc.kind == "credential":
                yield from _listed(rel, data, ("requires",), name)
            elif doc.kind == "stack":
                yield from _listed(rel, data, ("credentials",), name)
        elif target.kind == "stack" and doc.kind == "stack":
            yield from _listed(rel, data, ("requires",), name)
        elif target.kind == "research" and doc.kind == "credential":
            if _cites_same(result, target, rel):
                yield from _listed(rel, data, ("key_method", "research"), name)
        elif target.kind == "evidence" and rel == target.file:
            for i, criterion in _items(data, ("rubric", "criteria")):
                if criterion.get("evidence") == name:
                    yield Place(rel, ("rubric", "criteria", i, "evidence"))
        elif target.kind in ("level", "scale") and doc.kind == "credential":
            yield from _scale_uses(result, target, rel, data)


def _cites_same(result: LintResult, target: Target, rel: str) -> bool:
    """Whether a key in ``rel`` names the same entry as the target's key does."""
    if rel == target.file:
        return True
    theirs = research_entries(result, Target("research", target.name, rel))
    return theirs == research_entries(result, target)


def _scale_uses(result: LintResult, target: Target, rel: str, data: Any) -> Iterator[Place]:
    """A scale's uses (`rubric.scale`), or a level's (the descriptor keys of criteria)."""
    rubric = value_at(data, ("rubric",))
    if not isinstance(rubric, dict):
        return
    uses_scale = target.scale is not None and rubric.get("scale") == target.scale
    if target.kind == "scale":
        if rubric.get("scale") == target.name:
            yield Place(rel, ("rubric", "scale"))
        return
    if not (uses_scale or (target.scale is None and rel == target.file)):
        return
    for i, criterion in _items(rubric, ("criteria",)):
        descriptors = criterion.get("descriptors")
        if isinstance(descriptors, dict) and target.name in descriptors:
            yield Place(rel, ("rubric", "criteria", i, "descriptors", target.name), False)


def _listed(rel: str, data: Any, path: YamlPath, name: str) -> Iterator[Place]:
    items = value_at(data, path)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if item == name:
                yield Place(rel, (*path, i))


def _items(data: Any, path: YamlPath) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mapping items of the list at ``path``, with their indexes."""
    items = value_at(data, path)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _data(result: LintResult, rel: str) -> Any:
    doc = result.documents.get(rel)
    return doc.data if doc is not None else None


def _visible(text: str) -> str:
    flat = _SPACES.sub(" ", text)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", flat)


def text_md(text: str) -> str:
    """Catalog text as markdown that shows exactly this text, on one line."""
    return _PUNCTUATION.sub(lambda m: "\\" + m.group(), _visible(text))


def code_md(text: str) -> str:
    """Catalog text as a markdown code span (nothing inside one is markup), with a fence
    longer than any run of backticks in it."""
    shown = _visible(text)
    fence = "`" * (max(map(len, re.findall("`+", shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def message_md(text: str) -> str:
    """A finding's message or hint (catalog names in backticks) as markdown: each quoted
    part a code span, the rest text. A name holding a backtick changes where the spans
    fall, never what is markup."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: the last stretch is text
        parts[-2:] = [parts[-2] + "`" + parts[-1]]
    return "".join(code_md(p) if i % 2 else text_md(p) for i, p in enumerate(parts))


def describe(result: LintResult, target: Target) -> str:
    """Markdown that says what the name names (or that it names nothing)."""
    catalog = result.catalog
    name = code_md(target.name)
    if target.kind == "credential":
        credential = catalog.credential(target.name)
        if credential is None:
            return f"No credential in this catalog has the id {name}."
        return _card("Credential", name, credential.title, credential.summary, credential.file)
    if target.kind == "stack":
        stack = catalog.stack(target.name)
        if stack is None:
            return f"No stack in this catalog has the id {name}."
        return _card("Stack", name, stack.title, stack.summary, stack.file)
    if target.kind == "research":
        entries = research_entries(result, target)
        if not entries:
            return f"No research entry has the key {name}, here or in `research/`."
        return _research(entries[0])
    places = definitions(result, target)
    if not places:
        return f"No {target.kind} {name} is defined for this file."
    return _local(result, target, places[0])


def _card(kind: str, name: str, title: str, summary: str | None, file: str) -> str:
    text = f"**{kind}** {name}: {text_md(title)}"
    if summary:
        text += f"\n\n{text_md(_short(summary))}"
    return f"{text}\n\n{code_md(file)}"


def _research(entry: ResearchEntry) -> str:
    authors = text_md("; ".join(entry.authors))
    year = f" ({text_md(str(entry.year))})" if entry.year else ""
    parts = [f"**Research** {code_md(entry.key)}: {authors}{year}".rstrip()]
    if entry.title:
        source = f", {text_md(entry.source)}" if entry.source else ""
        parts.append(f"*{text_md(entry.title)}*{source}")
    parts.append(code_md(entry.file))
    return "\n\n".join(parts)


def _local(result: LintResult, target: Target, place: Place) -> str:
    """An evidence part, a level or a scale, described from where it is defined."""
    found = value_at(_data(result, place.file), place.path[:-1] if place.value else place.path)
    words = {"evidence": "Evidence part", "level": "Level", "scale": "Scale"}[target.kind]
    text = f"**{words}** {code_md(target.name)}"
    if isinstance(found, dict):
        label = found.get("title") or found.get("label")
        if isinstance(label, str):
            text += f": {text_md(label)}"
        if found.get("passing") is True:
            text += " (passing)"
    elif isinstance(found, list):
        labels = [str(level.get("label")) for level in found if isinstance(level, dict)]
        text += ": " + " / ".join(map(text_md, labels))
    return f"{text}\n\n{code_md(place.file)}"


def _short(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
