"""Words, numbers and tags as mcauthor writes them: the one home for small text helpers.

Counts in words ("1 error", "3 stacks"), numbers for people, catalog text escaped for
markdown, and BCP 47 language tags, so that the lint reports, the site, the pathway
pictures, the PDF guides and the exports all write them the same way. A low-level module
(it imports nothing of mcauthor's).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

# -- counts ---------------------------------------------------------------------------

# Words written the same for one and for many ("0 info", "2 info" in a lint summary).
_SAME_FOR_MANY = frozenset({"info"})


def plural(count: float, word: str, *, shown: Callable[[float], object] = str) -> str:
    """``count`` and ``word``, with an "s" unless the count is exactly one: "3 stacks".

    ``shown`` writes the count: `str` by default; the pictures and guides pass their own
    way of writing hours ("7.5", "30" rather than "30.0").
    """
    many = word if word in _SAME_FOR_MANY else word + "s"
    return f"{shown(count)} {word if count == 1 else many}"


# -- numbers --------------------------------------------------------------------------
# Hours and CEUs are written two ways, kept apart because outputs already show them so:
# `figure` (six significant digits) on the site, in the guides' tables and in the
# `stacks` tables; `quantity` (two decimals at most) in the pathway picture. They agree
# on every usual value ("30", "7.5", "1.25"); `stacks_report.number` is the JSON value.


def number(value: float | None) -> int | float | None:
    """10.0 -> 10, 1.25 -> 1.25: how hours and CEUs read best in text and JSON.

    None for `.inf` or `.nan` (the schema step removes them; never show or crash on one).
    """
    if value is None or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def figure(value: float) -> str:
    """A number in at most six significant digits, no trailing zeros: 30.0 -> "30",
    7.5 -> "7.5", 1.255 -> "1.255" (the site's and the guides' hours and CEUs)."""
    return f"{value:g}"


def quantity(value: float) -> str:
    """A quantity for the pathway picture: 30 rather than 30.0, 7.5 as is, at most two
    decimals (1.255 -> "1.25"); ``inf`` and ``nan`` as Python writes them."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:.2f}".rstrip("0").rstrip(".")


# -- markdown -------------------------------------------------------------------------
# Catalog text placed in markdown that badge platforms render (export/openbadges.py,
# export/md.py): two escapers, for two places in a line. And a third for the cells of the
# lint report's tables on GitHub (report/markdown.py).

_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)](?:[ \t]|$)))", re.MULTILINE)


def line_start(text: str) -> str:
    """Escape what would start a list or a setext underline at the start of each line."""

    def sub(match: re.Match[str]) -> str:
        found = match.group(1)
        return "\\" + found if found in "-+=" else found + "\\"

    return _LINE_START.sub(sub, text)


_MARKDOWN_LINE = re.compile(r"([\\`*_\[\]<>|~#!])")


def markdown_line(text: str) -> str:
    """Plain catalog text as a whole line of markdown (a list item, a heading): its
    punctuation stays literal, ``!`` included, and it does not start a list (``- x``,
    ``1. x``). Whitespace runs become one space and the ends are trimmed."""
    return line_start(_MARKDOWN_LINE.sub(r"\\\1", " ".join(text.split())))


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # `&amp;` would become `&`
_SPACE = re.compile(r"\s+")


def markdown_inline(text: str) -> str:
    """Text that stays literal wherever it is in a line of markdown (not only at its start).

    Whitespace runs become one space; unlike :func:`markdown_line`, the ends are kept,
    because the text sits between other inline markup, and ``!`` is left to the writer
    (only ``![`` opens an image). An entity (``&amp;``) stays literal.
    """
    text = _MARKDOWN_INLINE.sub(r"\\\1", _SPACE.sub(" ", text))
    return _ENTITY.sub(r"\\&", text)


# -- language tags --------------------------------------------------------------------

_BCP47_PART = re.compile(r"^[A-Za-z0-9]{1,8}$")


def language_tag(tag: str) -> str:
    """BCP 47 in its usual case: ``en-us`` -> ``en-US``, ``zh-hant-tw`` -> ``zh-Hant-TW``."""
    parts = tag.replace("_", "-").split("-")
    if not all(_BCP47_PART.match(p) for p in parts):
        return tag
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


# Every character CommonMark lets a backslash escape that could start markup, a link, an
# entity or HTML, or end a table cell.
_CELL_ESCAPED = "`*_[]<>#!|&~"


def markdown_cell(text: str) -> str:
    """Text in a cell of a GitHub markdown table: every such character escaped."""
    escaped = text.replace("\\", "\\\\")
    for char in _CELL_ESCAPED:
        escaped = escaped.replace(char, "\\" + char)
    return escaped


_LANG = re.compile(r"^[A-Za-z]{2,3}$")
_REGION = re.compile(r"^[A-Za-z]{2}$")


def language_parts(language: str) -> tuple[str, str | None]:
    """A BCP 47 tag as (ISO 639 language, ISO 3166 region), as the PDF engine takes it:
    ``en-us`` -> ("en", "US"); a tag that starts with no language -> ("en", None)."""
    parts = language.replace("_", "-").split("-")
    lang = parts[0].lower() if _LANG.match(parts[0]) else "en"
    region = next((p.upper() for p in parts[1:] if _REGION.match(p)), None)
    return lang, region
