"""What a placeholder is: text still to be written, like ``TODO: The educator ...``.

``mcauthor new`` writes placeholders for the author to replace, and authors leave
``TODO``, ``FIXME`` and ``TBD`` notes of their own. One rule reports them (MC514
placeholder-text, a warning); every other check leaves a placeholder alone, so that a
new file's ``hours: TODO`` or ``doi: TODO`` is one warning saying what to write there,
not a type or format error on top of it.

A placeholder starts with one of the markers in capitals, as a whole word (after any
spaces), followed by a colon, a space or nothing: ``TODO: ...``, ``TBD``, ``FIXME later``;
not ``Todo``, ``TODOS`` or ``TBD.``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mcauthor.words import plural

MARKERS = ("TODO", "FIXME", "TBD")
_MARKER = re.compile(r"\s*(?:TODO|FIXME|TBD)(?::|\s|$)")


def is_placeholder(value: object) -> bool:
    """Whether ``value`` is text that is still a placeholder."""
    if not isinstance(value, str):
        return False
    # The cheap test first: most text starts with neither a marker nor a space.
    return (value.startswith(MARKERS) or value[:1].isspace()) and _MARKER.match(value) is not None


CODE = "MC514"  # placeholder-text, the rule that reports them


def count(codes: Iterable[str]) -> int:
    """How many of the findings (given by their codes) are placeholders."""
    return sum(1 for code in codes if code == CODE)


def left(number: int, command: str = "build") -> str:
    """The line `build` (or `export`) prints when it published placeholders (not strict)."""
    return (
        f"{plural(number, 'placeholder')} left to fill in ({CODE}); `mcauthor lint` lists "
        f"them, and `mcauthor {command} --strict` refuses to {command} until they are filled in"
    )
