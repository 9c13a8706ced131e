"""'Did you mean ...?': the one place that picks the closest of a set of names.

Lint messages (an unknown key, rule, scale or id) and the command line (a mistyped rule,
stack or credential id) both end with ``; did you mean `x`?``. Lint keeps to close
spellings, so its messages stay what they have always been; the command line also takes a
different case or a part of the name (``formative`` → ``formative-assessment-basics``),
because there the user types a name from memory.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

CUTOFF = 0.6  # difflib's default: how alike two spellings must be


def closest(word: str, choices: Iterable[str], *, loose: bool = False) -> str | None:
    """The choice most like ``word``, or None when none is close. ``loose`` also matches
    a different case and the shortest choice that contains ``word``."""
    if not loose:
        near = difflib.get_close_matches(word, list(choices), n=1, cutoff=CUTOFF)
        return near[0] if near else None
    options = sorted(dict.fromkeys(choices))
    lowered = {c.lower(): c for c in options}
    key = word.strip().lower()
    if not key:
        return None
    if key in lowered:
        return lowered[key]
    near = difflib.get_close_matches(key, list(lowered), n=1, cutoff=CUTOFF)
    if near:
        return lowered[near[0]]
    containing = [c for c in options if key in c.lower()]
    return min(containing, key=lambda c: (len(c), c)) if containing else None


def did_you_mean(word: str, choices: Iterable[str], *, loose: bool = False) -> str:
    """``; did you mean `x`?`` to end a message with, or "" when nothing is close."""
    found = closest(word, choices, loose=loose)
    return f"; did you mean `{found}`?" if found is not None else ""


def did_you_mean_or(word: str, choices: Iterable[str], otherwise: str) -> str:
    """For the command line: ``; did you mean `x`?``, or when nothing is close,
    ``; {otherwise}`` (the choices themselves, or how to list them)."""
    return did_you_mean(word, choices, loose=True) or f"; {otherwise}"


def some_of(choices: Sequence[str], shown: int = 5) -> str:
    """```a`, `b`, `c` and 4 more``: the first few of a list that may be long."""
    named = ", ".join(f"`{c}`" for c in choices[:shown])
    return named + (f" and {len(choices) - shown} more" if len(choices) > shown else "")
