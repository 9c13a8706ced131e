"""Break opportunities for very long words, so no line of a guide runs off the page.

A run of 31 or more non-space characters (a URL, a file name, a hostile string) gets
invisible zero-width spaces: after a separator (``/``, ``-``, ``?`` ...) once 12
characters have passed, and after 24 in any case, never inside a character (combining
marks, joiners, variation selectors, skin tones, emoji tags, surrogates).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_LONG_RUN = re.compile(r"\S{31,}")
_SOFT_AFTER = frozenset("/-_.?&=#:,;@")
_ZWSP = "\u200b"
_NO_BREAK_AROUND = frozenset("\u200d\u2060\ufeff")
# Keys whose values are identifiers, URLs or file names, never shown as running text.
_VERBATIM = frozenset(
    [
        "type",
        "id",
        "ref",
        "key",
        "url",
        "page",
        "guide",
        "path",
        "image",
        "site",
        "kind",
        "lang",
        "region",
        "paper",
        "status",
        "files",
        "date",
    ]
)


def _breakable_before(text: str, i: int) -> bool:
    """Whether a soft break may go before ``text[i]`` without splitting a character."""
    ch, prev = text[i], text[i - 1]
    if ch in _NO_BREAK_AROUND or prev in _NO_BREAK_AROUND:
        return False
    if unicodedata.category(ch).startswith("M") or unicodedata.category(ch) == "Cf":
        return False
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return False  # variation selectors, skin tones, tag characters
    return not 0xD800 <= code <= 0xDFFF


def _soft_run(match: re.Match[str]) -> str:
    run = match.group(0)
    out, since = [], 0
    for i, ch in enumerate(run):
        soft = since >= 24 or (since >= 12 and run[i - 1] in _SOFT_AFTER)
        if i and soft and _breakable_before(run, i):
            out.append(_ZWSP)
            since = 0
        out.append(ch)
        since += 1
    return "".join(out)


def soften(text: str) -> str:
    """Very long words get invisible break opportunities, so no line runs off the page."""
    return _LONG_RUN.sub(_soft_run, text) if len(text) > 30 else text


def soften_all(value: Any, key: str = "") -> Any:
    """Every string shown as running text in a piece of guide data, softened; the values
    of identifier, URL and file-name keys left as they are (a list's items take its key)."""
    if isinstance(value, str):
        return value if key in _VERBATIM else soften(value)
    if isinstance(value, list):
        return [soften_all(v, key) for v in value]
    if isinstance(value, dict):
        return {k: soften_all(v, k) for k, v in value.items()}
    return value
