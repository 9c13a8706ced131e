"""Which evidence part a rubric criterion scores, when the input does not say.

Open Badges has no field for it, and a document's rubric table often sits apart from the
parts. Rubrics name the part in their descriptors ("The overview explains ...", "The
reflection draws on ..."), and list their criteria in the order of the parts: a
criterion takes the part its descriptors name most, else the one part that fits between
the parts of the criteria around it.
"""

from __future__ import annotations

from typing import Any

# The words by which a rubric's descriptors name the part they score.
_PART_WORDS = {
    "overview": ("overview",),
    "artifact": ("artifact", "work example", "work sample", "upload"),
    "reflection": ("reflection", "reflect"),
}


def link_parts(
    criteria_: list[dict[str, Any]], parts: list[dict[str, Any]], notes: dict[str, list[str]]
) -> None:
    """Each criterion's ``evidence`` (Open Badges has no field for it): the part its
    descriptors name most, else the part that the criteria around it score, since rubrics
    list their criteria in the order of the parts."""
    order = [part["id"] for part in parts]
    found = [c.get("evidence") or _named_part(c, parts) for c in criteria_]
    found = [f if f in order else None for f in found]
    where = {ident: i for i, ident in enumerate(order)}
    known = [where[f] if f else None for f in found]
    before_of: list[int | None] = []  # the part of the nearest named criterion before each
    last: int | None = None
    for index in known:
        before_of.append(last)
        last = index if index is not None else last
    after_of: list[int | None] = [None] * len(known)
    following: int | None = None
    for i in range(len(known) - 1, -1, -1):
        after_of[i] = following
        following = known[i] if known[i] is not None else following
    for i, criterion in enumerate(criteria_):
        chosen = found[i] or _between(before_of[i], after_of[i], len(order))
        if chosen is None or criterion.get("evidence"):
            continue
        part = chosen if isinstance(chosen, str) else order[chosen]
        ordered = {"id": criterion["id"], "evidence": part}
        ordered.update((k, v) for k, v in criterion.items() if k != "id")
        criterion.clear()
        criterion.update(ordered)
    if any(c.get("evidence") for c in criteria_) and not all(found):
        notes.setdefault("rubric", []).append(
            "each criterion's `evidence` is inferred from its descriptors and its place: check"
        )


def _named_part(criterion: dict[str, Any], parts: list[dict[str, Any]]) -> str | None:
    said = [criterion.get("title") or "", *criterion.get("descriptors", {}).values()]
    text = " ".join(said).lower()
    counts = {
        part["id"]: sum(text.count(word) for word in _PART_WORDS.get(part.get("kind", ""), ()))
        for part in parts
    }
    best = max(counts.values(), default=0)
    chosen = [ident for ident, n in counts.items() if n == best]
    return chosen[0] if best and len(chosen) == 1 else None


def _between(before: int | None, after: int | None, count: int) -> int | None:
    """The one part index that fits between the parts of the criteria around."""
    low = 0 if before is None else before
    high = count - 1 if after is None else after
    if before is None and after is None:
        return None
    if low == high:
        return low
    return low + 1 if high - low == 2 else None
