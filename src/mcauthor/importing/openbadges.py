"""``mcauthor import openbadges``: Open Badges 3.0 achievements and 2.0 BadgeClasses, as
badge platforms export them, become credentials (and an awarded stack's badge a stack).

What maps where (the inverse of :mod:`mcauthor.export.openbadges`):

- ``humanCode`` (else the last part of ``id``) → ``id``; ``name`` → ``title``;
  ``version``, ``tag`` → ``tags``, ``alignment`` → ``alignments``;
- ``description`` → ``summary``, and, where it has them, the ``Credit:``, ``Key method:``
  and ``Research:`` paragraphs that mcauthor writes → ``credit``, ``key_method.statement``
  and the research entries (matched to the catalog's research library when it holds the
  same reference);
- ``criteria.narrative`` → ``competency``, ``evidence`` (parts, prompts, word limits,
  formats) and ``rubric.earn`` (left out when it is what mcauthor would say anyway); a
  narrative in any other shape is kept in ``x-imported`` and the competency is left to
  write;
- ``resultDescription`` → ``rubric``: a criterion per result, its levels matched to one of
  the catalog's ``scales`` (else written inline), ``requiredLevel`` → the passing levels;
- ``creditsAvailable`` → ``ceu`` (or the credit's value);
- ``image`` → ``image`` when it is not the badge that mcauthor draws.

Everything else in the document is kept under ``x-imported``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from mcauthor.errors import CannotRun
from mcauthor.export.common import cite
from mcauthor.ids import ID_PATTERN, slug
from mcauthor.importing import (
    Imported,
    Names,
    Target,
    core_placeholders,
    placeholder,
    read_input,
)
from mcauthor.importing.citations import parse as parse_reference
from mcauthor.importing.linking import link_parts
from mcauthor.importing.narrative import criteria, description
from mcauthor.importing.rubrictable import Level
from mcauthor.model import Catalog, ResearchEntry
from mcauthor.present import default_earn

_UUID_OR_NUMBER = re.compile(r"[0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MAX_BYTES = 5_000_000  # a badge document larger than this is not one
MAX_FILES = 10_000

# Keys of an achievement that the mapping reads; any other is kept in x-imported.
_READ = {
    "@context", "id", "type", "achievementType", "name", "description", "criteria", "image",
    "creator", "issuer", "creditsAvailable", "fieldOfStudy", "humanCode", "inLanguage",
    "version", "tag", "tags", "alignment", "alignments", "resultDescription",
}  # fmt: skip


def read(inputs: Sequence[Path], target: Target) -> list[Imported]:
    """Every badge definition in the files and folders ``inputs``."""
    out = []
    for path in _files(inputs):
        document = _load(path)
        for badge in _badges(document, path):
            out.append(_imported(badge, path, target))
    if not out:
        raise CannotRun("no Open Badges achievement or BadgeClass found in " + _named(inputs))
    return out


def _named(inputs: Sequence[Path]) -> str:
    return ", ".join(str(p) for p in inputs[:3]) + (" ..." if len(inputs) > 3 else "")


def _files(inputs: Sequence[Path]) -> Iterator[Path]:
    count = 0
    for given in inputs:
        if given.is_dir():
            found = sorted(p for p in given.rglob("*.json") if p.is_file() and not p.is_symlink())
        elif given.is_file():
            found = [given]
        else:
            raise CannotRun(f"{given}: no such file or folder")
        for path in found:
            count += 1
            if count > MAX_FILES:
                raise CannotRun(f"more than {MAX_FILES:,} JSON files under {_named(inputs)}")
            yield path


def _load(path: Path) -> Any:
    data = read_input(path, MAX_BYTES, "a badge document")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise CannotRun(f"{path}: not a badge document (nested too deeply)") from None
    except UnicodeDecodeError:
        raise CannotRun(f"{path}: not a JSON document (not UTF-8 text)") from None
    except ValueError as exc:
        reason = str(exc).split("\n")[0]
        raise CannotRun(f"{path}: not a JSON document ({reason})") from None


def _badges(document: Any, path: Path, depth: int = 0) -> list[dict[str, Any]]:
    """The achievements and BadgeClasses in a document: itself, the achievement of a
    credential that wraps one, or a list of them. A profile or issuer is skipped."""
    if isinstance(document, list):
        if depth > 2:  # a list of lists of badges is as deep as exports go
            return []
        return [b for item in document for b in _badges(item, path, depth + 1)]
    if not isinstance(document, dict):
        raise CannotRun(f"{path}: not an Open Badges document (a JSON {type(document).__name__})")
    types = _types(document)
    if "Achievement" in types or "BadgeClass" in types:
        return [document]
    subject = document.get("credentialSubject")
    if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
        return [subject["achievement"]]
    badge = document.get("badge")  # an OB 2.0 assertion with its BadgeClass inside
    if "Assertion" in types and isinstance(badge, dict):
        return [badge]
    return []


def _types(document: dict[str, Any]) -> list[str]:
    found = document.get("type")
    if isinstance(found, str):
        return [found]
    return [t for t in found if isinstance(t, str)] if isinstance(found, list) else []


def _text(value: Any) -> str | None:
    """A text field: OB 3.0 allows a language map (``{"en": ...}``) as well as a string."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for text in value.values():
            if isinstance(text, str) and text.strip():
                return text.strip()
    return None


def _ident(badge: dict[str, Any], notes: dict[str, list[str]]) -> str:
    code = _text(badge.get("humanCode"))
    if code and ID_PATTERN.fullmatch(code):
        return code
    where = str(badge.get("id") or "").rstrip("/").split("/")[-1].split("#")[0]
    stem = where.removesuffix(".json")
    # A platform's number or UUID is no name: the badge's name makes a better id.
    if stem and ID_PATTERN.fullmatch(stem) and not _UUID_OR_NUMBER.fullmatch(stem):
        notes.setdefault("id", []).append("from the last part of the badge's id")
        return stem
    made = slug(_text(badge.get("name")) or code or stem or "imported")
    notes.setdefault("id", []).append("made from the badge's name")
    return made


def _imported(badge: dict[str, Any], path: Path, target: Target) -> Imported:
    notes: dict[str, list[str]] = {}
    ident = _ident(badge, notes)
    if _is_stack(badge):
        return _stack(badge, ident, path, notes)
    title = _text(badge.get("name")) or placeholder("The credential's title")
    data: dict[str, Any] = {"id": ident, "title": title}
    version = badge.get("version")
    data["version"] = version if isinstance(version, str) and version else "1.0.0"
    data["status"] = "published"  # it was issued as a badge
    notes.setdefault("status", []).append("published: the badge was on offer")
    about = description(_text(badge.get("description")) or "")
    if about.summary and about.summary != title:
        data["summary"] = about.summary
    story = criteria(_narrative(badge))
    unknown = {k: v for k, v in badge.items() if k not in _READ}
    if story.rest:
        unknown["criteria"] = "\n\n".join(story.rest)
    competency = _one_or_many(story.competencies)
    if competency:
        data["competency"] = competency
    method: dict[str, Any] = {"statement": about.statement} if about.statement else {}
    research, keys = _research(about.references, target, notes)
    if keys:
        method["research"] = keys
    data["key_method"] = method
    core_placeholders(data)
    if research:
        data["research"] = research
    if story.evidence:
        data["evidence"] = _unique_ids(story.evidence)
    rubric = _rubric(badge, target, story.earn, notes)
    if rubric:
        link_parts(rubric["criteria"], data.get("evidence", []), notes)
        data["rubric"] = rubric
    _credits(badge, about.credit, data)
    tags = badge.get("tag") or badge.get("tags")
    if isinstance(tags, list) and all(isinstance(t, str) for t in tags) and tags:
        data["tags"] = list(tags)
    alignments = [_alignment(a) for a in _list(badge.get("alignment") or badge.get("alignments"))]
    if any(alignments):
        data["alignments"] = [a for a in alignments if a]
    image = _image(badge, ident, target)
    if image:
        data["image"] = image
    return Imported("credential", ident, data, str(path), notes, unknown)


def _narrative(badge: dict[str, Any]) -> str:
    found = badge.get("criteria")
    if isinstance(found, dict):
        return _text(found.get("narrative")) or ""
    return _text(found) or ""


def _one_or_many(values: list[str]) -> str | list[str] | None:
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def _unique_ids(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = Names()
    for part in parts:
        part["id"] = names.unique(part["id"])
    return parts


def _research(
    references: list[str], target: Target, notes: dict[str, list[str]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The credential's own research entries and the keys the key method cites: a
    reference that the catalog's library holds is cited by its key, not copied."""
    library = {cite(e): e.key for e in target.catalog.library}
    own: list[dict[str, Any]] = []
    keys: list[str] = []
    names = Names(library.values())
    for text in references:
        if text in library:
            if library[text] not in keys:
                keys.append(library[text])
            continue
        found = parse_reference(text)
        key = names.unique(found.key())
        library[text] = key  # the same reference again is cited by this key
        entry: dict[str, Any] = {"key": key, **found.entry()}
        if not found.sure or written_as(entry) != text:
            entry["note"] = f"Imported citation, check the fields above: {text}"
            notes.setdefault("research", []).append(
                f"{key}: parsed with doubt, the text is in its note"
            )
        own.append(entry)
        keys.append(key)
    return own, keys


def written_as(entry: dict[str, Any]) -> str:
    """How mcauthor writes ``entry`` out: parsing lost nothing when it is the text read."""
    made = ResearchEntry(
        key=str(entry["key"]),
        authors=tuple(entry.get("authors") or ()),
        year=entry.get("year"),
        title=entry.get("title"),
        source=entry.get("source"),
        doi=entry.get("doi"),
        url=entry.get("url"),
        isbn=entry.get("isbn"),
        note=None,
        file="",
        at=(),
    )
    return cite(made)


def _rubric(
    badge: dict[str, Any], target: Target, earn: str | None, notes: dict[str, list[str]]
) -> dict[str, Any] | None:
    results = [r for r in _list(badge.get("resultDescription")) if isinstance(r, dict)]
    criteria_: list[dict[str, Any]] = []
    levels: list[Level] = []
    required: str | None = None
    for number, result in enumerate(results, 1):
        rows = [r for r in _list(result.get("rubricCriterionLevel")) if isinstance(r, dict)]
        if not rows:
            continue
        these = [_level(row) for row in rows]
        if not levels:
            levels = these
            required = _fragment(result.get("requiredLevel"))
        name = _text(result.get("name"))
        ident = _fragment(result.get("id")) or slug(name or f"criterion {number}")
        criterion: dict[str, Any] = {"id": ident}
        if name and name != ident:
            criterion["title"] = name
        criterion["descriptors"] = {
            lv.id: text
            for lv, row in zip(these, rows, strict=True)
            if (text := _text(row.get("description")))
        }
        criteria_.append(criterion)
    if not criteria_:
        return None
    passing = _passing(levels, required)
    rubric: dict[str, Any] = {}
    scale = _scale(target.catalog, passing)
    if scale is not None:
        rubric["scale"] = scale
    else:
        rubric["levels"] = [
            {"id": lv.id, "label": lv.label, **({"passing": True} if lv.passing else {})}
            for lv in passing
        ]
        notes.setdefault("rubric", []).append(
            "levels written inline: no scale in mcauthor.yaml has them"
        )
    rubric["criteria"] = criteria_
    if earn and earn != default_earn(lv.label for lv in passing if lv.passing):
        rubric["earn"] = earn
    return rubric


def _level(row: dict[str, Any]) -> Level:
    label = _text(row.get("name")) or _text(row.get("level")) or "Level"
    ident = _text(row.get("level")) or _fragment(row.get("id")) or slug(label)
    return Level(ident if ID_PATTERN.fullmatch(ident) else slug(ident), label, False)


def _passing(levels: list[Level], required: str | None) -> list[Level]:
    """The levels with ``passing`` set: the required level and those listed before it
    (scales list the highest level first, as Digital Promise's do)."""
    ids = [lv.id for lv in levels]
    last = ids.index(required) if required in ids else 0
    return [Level(lv.id, lv.label, i <= last) for i, lv in enumerate(levels)]


def _scale(catalog: Catalog, levels: list[Level]) -> str | None:
    """The name of the catalog's scale with these levels (ids, labels, passing)."""
    wanted = [(lv.id, lv.label, lv.passing) for lv in levels]
    for name, scale in catalog.config.scales.items():
        if [(lv.id, lv.label, lv.passing) for lv in scale] == wanted:
            return name
    return None


def _fragment(value: Any) -> str | None:
    """The last part of an id like ``...#rubric/criterion/level``."""
    if not isinstance(value, str) or "#" not in value:
        return None
    last = value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return last if ID_PATTERN.fullmatch(last) else None


def _credits(badge: dict[str, Any], credit: tuple[float, str] | None, data: dict[str, Any]) -> None:
    available = badge.get("creditsAvailable")
    number = None
    if isinstance(available, int | float) and not isinstance(available, bool):
        number = available if _finite(available) else None
    if credit is not None:
        value, unit = credit
        data["credit"] = {"value": _number(value), "unit": unit}
        if number is not None and number != value:
            data["ceu"] = _number(number)
    elif number is not None:
        data["ceu"] = _number(number)


def _number(value: float) -> int | float:
    if isinstance(value, int):
        return value
    return int(value) if math.isfinite(value) and value.is_integer() else value


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        return False


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _alignment(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    name = _text(value.get("targetName"))
    if not name:
        return None
    out: dict[str, Any] = {"name": name}
    for key, field in (
        ("url", "targetUrl"),
        ("framework", "targetFramework"),
        ("code", "targetCode"),
    ):
        text = _text(value.get(field))
        if text:
            out[key] = text
    return out


def _image(badge: dict[str, Any], ident: str, target: Target) -> str | None:
    """The badge's image, unless it is the one mcauthor draws (it is drawn again)."""
    from mcauthor import paths

    found = badge.get("image")
    url = _text(found.get("id")) if isinstance(found, dict) else _text(found)
    if not url:
        return None
    base = target.catalog.config.base_url or ""
    drawn = {paths.drawn_badge("credential", ident, fmt) for fmt in ("png", "svg")}
    if base and url.startswith(base):
        local = url.removeprefix(base)
        return None if local in drawn else local
    return url


STACK_CRITERIA = "Earn every micro-credential of this stack:"
_MEMBER = re.compile(r"\(`([a-z0-9-]+)`\)$")


def _is_stack(badge: dict[str, Any]) -> bool:
    """An awarded stack's badge as mcauthor exports it: a ``Badge`` aligned to the
    credentials it is earned with (3.0), or criteria that list them (2.0)."""
    aligned = [a for a in _list(badge.get("alignment")) if isinstance(a, dict)]
    if badge.get("achievementType") == "Badge" and aligned:
        return all(a.get("targetType") == "ceterms:Credential" for a in aligned)
    return _narrative(badge).startswith(STACK_CRITERIA)


def _members(badge: dict[str, Any]) -> list[str]:
    """The stack's credentials: from its alignments, else its criteria's list."""
    alignments = [a for a in _list(badge.get("alignment")) if isinstance(a, dict)]
    aligned = [_text(a.get("targetCode")) for a in alignments]
    found = [a for a in aligned if a]
    if found:
        return found
    lines = _narrative(badge).split("\n")
    return [m.group(1) for line in lines if (m := _MEMBER.search(line.strip()))]


def _stack(badge: dict[str, Any], ident: str, path: Path, notes: dict[str, list[str]]) -> Imported:
    members = _members(badge)
    name = _text(badge.get("name")) or ident
    data: dict[str, Any] = {"id": ident, "title": name}
    summary = _text(badge.get("description"))
    if summary and summary != name:
        data["summary"] = summary
    data["credentials"] = members
    data["award"] = True
    notes.setdefault("award", []).append("the badge is earned with every credential it names")
    unknown = {k: v for k, v in badge.items() if k not in _READ}
    return Imported("stack", ident, data, str(path), notes, unknown)
