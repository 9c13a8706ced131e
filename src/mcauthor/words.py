"""Counts in words, for every message, report and page mcauthor writes.

A low-level module (it imports nothing of mcauthor's), so that the lint reports, the
site's templates, the pathway pictures and the PDF guides all say "1 error", "3 errors",
"2 info" the same way.
"""

from __future__ import annotations

from collections.abc import Callable

# Words written the same for one and for many ("0 info", "2 info" in a lint summary).
_SAME_FOR_MANY = frozenset({"info"})


def plural(count: float, word: str, *, shown: Callable[[float], object] = str) -> str:
    """``count`` and ``word``, with an "s" unless the count is exactly one: "3 stacks".

    ``shown`` writes the count: `str` by default; the pictures and guides pass their own
    way of writing hours ("7.5", "30" rather than "30.0").
    """
    many = word if word in _SAME_FOR_MANY else word + "s"
    return f"{shown(count)} {word if count == 1 else many}"
