"""A rubric read from the tables of a document: criteria and their descriptors per level.

Rubric tables come both ways round: levels as columns (a header row "Criterion |
Passing | Not Yet", a criterion per row) or levels as rows (a header row of criteria, a
level per row). The axis whose cells read as level names (Passing, Not Yet, Exemplary,
Proficient, Developing, Meets, Demonstrated ...) is the levels. A level is passing when
its label says so ("Passing", "Pass", "(passing)", a ✓ or *); when no label does, the
levels that name success (Exemplary, Proficient, Meets, Demonstrated ...) pass, else the
first one; both guesses are noted. The levels are matched to one of the catalog's
``scales`` (by their labels), else written inline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mcauthor.ids import slug
from mcauthor.importing import Names, Target

_LEVEL_WORDS = re.compile(
    r"\b(?:pass(?:ing|ed)?|not yet|exemplary|proficient|developing|emerging|beginning|"
    r"meets|does not meet|exceeds|approaching|demonstrated|not met|partially|satisfactory|"
    r"unsatisfactory|distinguished|basic|novice|accomplished|mastery|level \d|incomplete|"
    r"complete|advanced|expert|needs improvement|insufficient|sufficient)\b|^\d$",
    re.I,
)
_PASSING = re.compile(r"(?<!not )(?<!no )\bpass(?:ing|ed)?\b|\(passing\)|✓|✔|\*$", re.I)
_SUCCESS = re.compile(
    r"\b(?:exemplary|proficient|meets|demonstrated|exceeds|accomplished|distinguished|"
    r"satisfactory|mastery|advanced|expert)\b",
    re.I,
)
_NOT = re.compile(r"\b(?:not|un|does not|doesn't|needs)\b", re.I)
_CRITERION_HEAD = re.compile(r"^(?:criteri(?:on|a)|component|element|indicator|)$", re.I)
Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    passing: bool


@dataclass
class Criterion:
    id: str
    title: str
    descriptors: dict[str, str]
    part: str | None


@dataclass
class Rubric:
    levels: list[Level]
    scale: str | None
    criteria: list[Criterion] = field(default_factory=list)


def _is_level(text: str) -> bool:
    return bool(text) and len(text.split()) <= 6 and _LEVEL_WORDS.search(text) is not None


def oriented(rows: Rows) -> tuple[list[str], list[tuple[str, list[str]]]] | None:
    """(level labels, [(criterion, descriptors by level)]) of a rubric table, whichever
    way round it is; None when it is not a rubric (no axis of level names)."""
    rows = tuple(r for r in rows if any(r))
    if len(rows) < 2 or min(len(r) for r in rows) < 2:
        return None
    header = list(rows[0])
    first = [r[0] for r in rows[1:]]
    across = sum(map(_is_level, header[1:]))
    down = sum(map(_is_level, first))
    if across and across >= down:
        return header[1:], [(r[0], list(r[1:])) for r in rows[1:]]
    if down:
        criteria = header[1:]
        return first, [
            (name, [r[i + 1] if i + 1 < len(r) else "" for r in rows[1:]])
            for i, name in enumerate(criteria)
        ]
    return None


def rubric_of(
    tables: Sequence[tuple[str | None, Rows]], target: Target, notes: dict[str, list[str]]
) -> Rubric | None:
    """The rubric of every table that is one, each criterion with the part its table
    sits under (None: not known)."""
    found: Rubric | None = None
    names = Names()
    for part, rows in tables:
        table = oriented(rows)
        if table is None:
            continue
        labels, criteria = table
        if found is None:
            levels = _levels(labels, notes)
            scale, levels = _scale(target, levels)
            found = Rubric(levels, scale)
        elif len(labels) != len(found.levels):
            notes.setdefault("rubric", []).append(
                f"a table with the levels {', '.join(labels)} is read by position"
            )
        for name, descriptors in criteria:
            title = name.strip() or f"Criterion {len(found.criteria) + 1}"
            ident = names.unique(slug(title))
            by_level = {
                lv.id: text for lv, text in zip(found.levels, descriptors, strict=False) if text
            }
            found.criteria.append(Criterion(ident, title, by_level, part))
    return found


def _levels(labels: list[str], notes: dict[str, list[str]]) -> list[Level]:
    clean = [re.sub(r"\s*(?:\(passing\)|[✓✔*])\s*", " ", label).strip() for label in labels]
    passing = [bool(_PASSING.search(label)) for label in labels]
    if not any(passing):
        passing = [bool(_SUCCESS.search(c)) and not _NOT.search(c) for c in clean]
        if not any(passing):
            passing = [i == 0 for i in range(len(clean))]
            notes.setdefault("rubric", []).append(
                f"no level is marked passing: {clean[0]} (the first) is taken as passing"
            )
        else:
            named = ", ".join(c for c, p in zip(clean, passing, strict=True) if p)
            notes.setdefault("rubric", []).append(
                f"passing levels inferred from their names: {named}"
            )
    out: list[Level] = []
    names = Names()
    for label, ok in zip(clean, passing, strict=True):
        ident = names.unique(slug(label) if label else f"level-{len(out) + 1}")
        out.append(Level(ident, label or ident, ok))
    return out


def _scale(target: Target, levels: list[Level]) -> tuple[str | None, list[Level]]:
    """The catalog's scale with the same labels and passing levels, and the levels with
    that scale's ids; else no scale and the levels as they are."""
    wanted = [(lv.label.lower(), lv.passing) for lv in levels]
    for name, scale in target.catalog.config.scales.items():
        if [(lv.label.lower(), lv.passing) for lv in scale] == wanted:
            return name, [Level(lv.id, lv.label, lv.passing) for lv in scale]
    return None, levels
