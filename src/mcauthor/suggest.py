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
from functools import lru_cache

CUTOFF = 0.6  # difflib's default: how alike two spellings must be


def closest(word: str, choices: Iterable[str], *, loose: bool = False) -> str | None:
    """The choice most like ``word``, or None when none is close. ``loose`` also matches
    a different case and the shortest choice that contains ``word``."""
    if not loose:
        return best_match(word, choices)
    options = sorted(dict.fromkeys(choices))
    lowered = {c.lower(): c for c in options}
    key = word.strip().lower()
    if not key:
        return None
    if key in lowered:
        return lowered[key]
    near = best_match(key, lowered)
    if near is not None:
        return lowered[near]
    containing = [c for c in options if key in c.lower()]
    return min(containing, key=lambda c: (len(c), c)) if containing else None


def best_match(word: str, choices: Iterable[str]) -> str | None:
    """What ``difflib.get_close_matches(word, choices, n=1, cutoff=CUTOFF)`` gives, without
    its cost on a long list: the full ratio of each choice is computed best bound first,
    and only until no other choice can beat the best so far; the answer for the same word
    and choices is remembered (the lint engine asks again after every edit). An unknown
    id in a catalog of a thousand credentials took 0.1 s per finding."""
    # The answer is the largest (score, choice): it does not depend on the choices' order,
    # so rules that list the same names in another order share it.
    return _best_match(word, frozenset(choices))


@lru_cache(maxsize=256)
def _best_match(word: str, choices: frozenset[str]) -> str | None:
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounds = []
    for choice in choices:
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= CUTOFF:
            bound = matcher.quick_ratio()
            if bound >= CUTOFF:
                bounds.append((bound, choice))
    bounds.sort(reverse=True)
    best: tuple[float, str] | None = None
    for bound, choice in bounds:
        if best is not None and (bound, choice) < best:
            break  # the ratio is at most the bound: no later choice beats the best
        matcher.set_seq1(choice)
        score = matcher.ratio()
        if score >= CUTOFF and (best is None or (score, choice) > best):
            best = (score, choice)
    return best[1] if best is not None else None


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
