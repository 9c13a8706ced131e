"""Inline suppressions: ``# mcauthor: disable=CODE[,CODE] -- reason``.

A comment alone on its line applies to the next line; a comment after a value applies to
its own line. ``# mcauthor: disable-file=CODE`` anywhere applies to the whole file.
Codes may also be rule names. A suppression that suppresses nothing is reported (MC900).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The comment's start; what follows `=` is split in Python (codes, then `-- reason`): a
# single pattern for both backtracks cubically on a long run of spaces.
_COMMENT = re.compile(r"(?:^|\s)#\s*mcauthor:\s*(disable-file|disable)\s*=(.*)$")
_CODES = re.compile(r"[A-Za-z0-9_,\- ]+")


@dataclass(slots=True)
class Suppression:
    line: int  # where the comment is
    column: int
    target: int | None  # the line it covers; None for the whole file
    codes: tuple[str, ...]
    used: set[str] = field(default_factory=set)


PREFIX = "mcauthor:"  # in every suppression comment


def parse(text: str) -> list[Suppression]:
    if PREFIX not in text:  # the common case: no suppressions at all
        return []
    found: list[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "mcauthor:" not in line:
            continue
        match = _COMMENT.search(line)
        if not match:
            continue
        kind = match.group(1)
        codes = match.group(2).split("--", 1)[0].strip()
        if not _CODES.fullmatch(codes):
            continue
        listed = tuple(c.strip() for c in codes.split(",") if c.strip())
        column = line.index("#", match.start()) + 1
        alone = line[: column - 1].strip() == ""
        target = None if kind == "disable-file" else (number + 1 if alone else number)
        found.append(Suppression(number, column, target, listed))
    return found


def covers(suppression: Suppression, code: str, name: str, line: int) -> str | None:
    """The listed code or name that suppresses a finding at ``line``, if any."""
    if suppression.target is not None and suppression.target != line:
        return None
    for listed in suppression.codes:
        if listed.upper() == code or listed == name or listed.lower() == "all":
            return listed
    return None
