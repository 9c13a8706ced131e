"""The pathway picture's text: estimated widths, line wrapping and the short labels.

Text widths are estimated from a small per-character table (no font metrics), on the wide
side, so text stays inside its box in common fonts. The labels (hours, status, a
credential's title) live here because the layout measures them as well as showing them.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from mcauthor.model import Credential, EffectiveStatus
from mcauthor.words import quantity

__all__ = [
    "BOLD",
    "credential_title",
    "hours_label",
    "status_word",
    "text_width",
    "wrap",
]

BOLD = 1.14  # estimated widening of bold text (DejaVu Sans Bold against Book)
ELLIPSIS = "…"

_NARROW = frozenset("iIjl.,'|!`ı")
_SEMI = frozenset('frt()[]{}-/\\"*°:;')
_WIDE = frozenset("wMæœÆŒ")
_WIDER = frozenset("mW@%—")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


@cache  # one entry per distinct character: bounded by the alphabet
def _char_em(ch: str) -> float:
    """Estimated advance of one character in em.

    Calibrated on DejaVu Sans (what the font stack falls back to on many Linux systems and
    one of the widest common sans fonts), rounded up: Segoe UI, Roboto, Helvetica and
    Arial are narrower, so text sized with this fits in all of them.
    """
    if ch in _ZERO_WIDTH or unicodedata.combining(ch):
        return 0.0
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return 0.0
    if 0x1F3FB <= code <= 0x1F3FF:  # skin tone modifiers
        return 0.0
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if code >= 0x1F000 or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.05  # emoji, CJK
    if ch == " ":
        return 0.32
    if ch in _NARROW:
        return 0.3
    if ch in _SEMI:
        return 0.42
    if ch in _WIDE:
        return 0.9
    if ch in _WIDER:
        return 1.0
    if ch.isdigit():
        return 0.64
    if ch.isupper():
        return 0.78
    if ch.islower():
        return 0.64
    return 0.66


@lru_cache(maxsize=16384)
def text_width(text: str, size: float, weight: float = 1.0) -> float:
    """Estimated width in px of ``text`` at font ``size`` (``weight``: 1.0, or BOLD...)."""
    return sum(_char_em(ch) for ch in text) * size * weight


def _breakable(text: str, i: int) -> bool:
    """Whether a line may break before ``text[i]`` (not inside a combining sequence)."""
    return 0 < i < len(text) and _char_em(text[i]) > 0 and text[i - 1] not in "\u200d"


def _fit(text: str, max_px: float, size: float, weight: float) -> int:
    """How many leading characters of ``text`` fit in ``max_px`` (at least one cluster)."""
    best = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and not _breakable(text, i):
            continue
        if text_width(text[:i], size, weight) > max_px and best:
            break
        best = i
    return best or len(text)


def wrap(
    text: str, max_px: float, size: float, *, weight: float = 1.0, max_lines: int = 3
) -> list[str]:
    """Break ``text`` into lines no wider than ``max_px`` (estimated).

    Breaks at spaces; a word wider than a line is split between characters. More lines
    than ``max_lines``: the last kept line ends with an ellipsis. Whitespace runs become
    single spaces. Empty text gives no lines.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, weight) <= max_px:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, weight) > max_px:
            cut = _fit(word, max_px, size, weight)
            if cut >= len(word):
                break
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], max_px, size, weight)
    return kept


def _with_ellipsis(line: str, max_px: float, size: float, weight: float) -> str:
    """``line`` cut short enough that it still fits with an ellipsis after it."""
    cut = len(line)
    while cut and text_width(line[:cut] + ELLIPSIS, size, weight) > max_px:
        cut -= 1
        while cut and not _breakable(line, cut):  # never cut a character sequence apart
            cut -= 1
    return line[:cut].rstrip() + ELLIPSIS


def status_word(status: EffectiveStatus) -> EffectiveStatus | None:
    """``draft``, ``retired`` or ``suspended``: the statuses a picture marks; None for
    published."""
    return None if status == "published" else status


def credential_title(credential: Credential) -> str:
    return " ".join(credential.title.split()) or credential.id


def hours_label(credential: Credential) -> str:
    return f"{quantity(credential.hours)} h" if credential.hours is not None else "no hours"
