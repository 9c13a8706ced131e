"""'Did you mean': the quick search for the closest name gives what difflib gives."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from mcauthor.suggest import CUTOFF, best_match

NAMES = st.text(alphabet="abcdes-", min_size=0, max_size=12)


@settings(max_examples=300, deadline=None)
@given(word=NAMES, choices=st.lists(NAMES, max_size=40))
def test_best_match_is_difflibs_closest_match(word: str, choices: list[str]) -> None:
    wanted = difflib.get_close_matches(word, choices, n=1, cutoff=CUTOFF)
    assert best_match(word, choices) == (wanted[0] if wanted else None)


def test_a_typo_finds_its_id_among_many() -> None:
    ids = [f"designing-task-{n}" for n in range(500)] + ["calibrating-scoring"]
    assert best_match("calibrating-scorng", ids) == "calibrating-scoring"
    assert best_match("nothing-like-it-at-all", ["x", "y"]) is None
