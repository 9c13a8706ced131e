"""mcauthor.words: counts in words, the same in reports, pages, pictures and guides."""

from __future__ import annotations

import pytest

from mcauthor.stacks_report import number
from mcauthor.words import plural


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (0, "error", "0 errors"),
        (1, "error", "1 error"),
        (2, "more finding", "2 more findings"),
        (1, "info", "1 info"),
        (3, "info", "3 info"),  # the lint summary's severity: no plural
        (1.0, "hour", "1.0 hour"),
    ],
)
def test_plural(count: float, word: str, expected: str) -> None:
    assert plural(count, word) == expected


def test_plural_writes_the_count_as_told() -> None:
    assert plural(30.0, "hour", shown=number) == "30 hours"
    assert plural(7.5, "hour", shown=number) == "7.5 hours"
    assert plural(1.0, "CEU", shown=number) == "1 CEU"
