"""Glob patterns (``lint.exclude``) matched in time that grows with the pattern times the
path, never exponentially.

A pattern comes from ``mcauthor.yaml``, which a pull request may change, so a pattern
such as ``**/**/**/**/**/x`` must not make a regular expression backtrack for minutes.
Nothing here uses backtracking: folder parts are matched by dynamic programming over
(pattern part, path part), and ``*`` within a part by the two-pointer wildcard match.

The meaning is gitignore's, on POSIX paths relative to the catalog root:

- ``*`` matches any run of characters within one folder or file name, ``?`` one character;
- a part that is exactly ``**`` matches any number of folders, none included
  (``**/drafts`` is ``drafts`` at any depth); at the end, ``archive/**`` is everything
  inside ``archive``;
  ``**`` inside a longer part is the same as ``*``;
- a pattern that names a folder excludes everything below it;
- a leading ``/`` is ignored (patterns always start at the catalog root).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_PATTERN = 1000  # characters; a longer pattern is cut (nobody writes one)
# Cells of the matching tables (pattern parts x path parts) all paths of one catalog may
# take together: each match is bounded, and so is their sum, so that many long patterns
# against deep folders cannot add up to minutes. Real patterns use a few hundred per file.
WORK_LIMIT = 5_000_000


class TooComplex(Exception):
    """The patterns would take too long to match against the catalog's files."""


def part_matches(pattern: str, name: str) -> bool:
    """Whether one path part matches one pattern part (``*`` and ``?``, no slashes).

    The classic greedy match with one remembered star: at worst the product of the two
    lengths, never exponential.
    """
    p = t = 0
    star, mark = -1, 0
    while t < len(name):
        if p < len(pattern) and pattern[p] in ("?", name[t]) and pattern[p] != "*":
            p += 1
            t += 1
        elif p < len(pattern) and pattern[p] == "*":
            star, mark = p, t
            p += 1
        elif star >= 0:
            p = star + 1
            mark += 1
            t = mark
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


@dataclass(frozen=True)
class Glob:
    """One compiled pattern."""

    parts: tuple[str, ...]

    @classmethod
    def compile(cls, pattern: str) -> Glob | None:
        """The pattern, or None for one that matches nothing (empty)."""
        text = pattern.strip()[:MAX_PATTERN].strip("/")
        if not text:
            return None
        parts: list[str] = []
        for part in text.split("/"):
            if part in ("", "."):
                continue
            if part == "**" and parts and parts[-1] == "**":
                continue  # **/** is **
            parts.append(part)
        return cls(tuple(parts)) if parts else None

    def matches(self, path: str) -> bool:
        """Whether ``path`` (or a folder above it) matches."""
        names = path.split("/")
        count = len(names)
        # below[n]: whether the pattern parts after the current one match names[n:]
        # (or a folder above it); filled from the last pattern part to the first.
        below = [True] * (count + 1)
        for i in range(len(self.parts) - 1, -1, -1):
            part = self.parts[i]
            here = [False] * (count + 1)
            for n in range(count, -1, -1):
                if part == "**" and i == len(self.parts) - 1:
                    here[n] = n < count  # a trailing ** is everything inside, not the folder
                elif part == "**":
                    here[n] = below[n] or (n < count and here[n + 1])
                else:
                    here[n] = n < count and below[n + 1] and part_matches(part, names[n])
            below = here
        return below[0]


@dataclass
class Globs:
    """Several patterns: a path matches when any of them does. All matches together may
    fill at most :data:`WORK_LIMIT` table cells; past it, :class:`TooComplex`."""

    patterns: Sequence[Glob]
    work: int = 0

    @classmethod
    def compile(cls, patterns: Iterable[str]) -> Globs | None:
        compiled = [g for g in (Glob.compile(p) for p in patterns if p) if g is not None]
        return cls(tuple(compiled)) if compiled else None

    def match(self, path: str) -> bool:
        names = path.count("/") + 2
        for glob in self.patterns:
            self.work += len(glob.parts) * names
            if self.work > WORK_LIMIT:
                raise TooComplex(path)
            if glob.matches(path):
                return True
        return False
