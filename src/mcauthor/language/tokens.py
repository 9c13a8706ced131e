"""Sentences and words: where the sentences of a text are, and its word tokens.

The text level of the language layer: regular expressions only, no lexicon, so the rules
that just need sentences or words (:mod:`mcauthor.rules._text`, MC210) use this alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Words that end with a full stop without ending the sentence (compared lowercased,
# without their final dot). Dotted forms like "e.g", "U.S" or "Ph.D" and single letters
# (initials) are recognised by shape as well.
ABBREVIATIONS = frozenset(
    {
        "e.g", "i.e", "etc", "cf", "vs", "viz", "al", "approx", "ca", "esp", "incl",
        "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "rev", "hon", "gov", "sen",
        "no", "nos", "vol", "vols", "pp", "p", "ch", "sec", "fig", "eq", "ed", "eds",
        "inc", "ltd", "co", "corp", "dept", "univ", "assn", "gr", "min", "max", "hr", "hrs",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]", re.IGNORECASE)
# A run of stops is matched from its first character only (the lookbehind): otherwise
# every position in a long run of dots starts a match that fails, quadratically.
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s|$)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]?[A-Z]")
_LAST_TOKEN = re.compile(r"(\S+)$")


def _is_abbreviation(before: str) -> bool:
    """Whether the text before a full stop ends with an abbreviation or an initial."""
    match = _LAST_TOKEN.search(before)
    if match is None:
        return False
    token = match.group(1).lstrip("\"'“‘([").lower()
    if not token:
        return False
    if token in ABBREVIATIONS or _DOTTED.fullmatch(token):
        return True
    return len(token) == 1 and token.isalpha()  # an initial, like "J. Dewey"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences of ``text`` are, as (start, end) offsets.

    A sentence ends at `.`, `!` or `?` (plus closing quotes or brackets) followed by the
    end of the text, or by white space and a capital letter. A full stop after an
    abbreviation ("e.g.", "etc.", "U.S.", "Dr.") or an initial does not end a sentence;
    "2.5" never does, as no space follows its dot.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    last = len(text.rstrip())  # past it, only white space is left
    for match in _END.finditer(text):
        end = match.end()
        more = end < last
        if more and not _NEXT_STARTS_SENTENCE.match(text, end):
            continue
        single_stop = match.group(0).rstrip("\"'”’)]") == "."
        before = text[max(start, match.start() - 40) : match.start()]
        if single_stop and more and _is_abbreviation(before):
            continue
        spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()
    ]


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped (see :func:`sentence_spans`)."""
    return [text[s:e].strip() for s, e in sentence_spans(text)]


# -- words --------------------------------------------------------------------------------

# Words in any alphabet ("café", "Señora"), with inner apostrophes and hyphens.
_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_TOKEN = re.compile(_WORD + r"|[,;:]")
_WORDS = re.compile(_WORD)


def words(text: str) -> list[str]:
    """The words of ``text`` as :func:`tokens` reads them, without positions (cheap for
    long text that needs no parsing)."""
    return _WORDS.findall(text)


class Token(NamedTuple):
    # A named tuple, not a dataclass: a catalog has tens of thousands of tokens, and a
    # frozen dataclass costs several times more to make.
    text: str
    lower: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words and the `,` `;` `:` marks of ``text[start:end]`` (offsets into ``text``)."""
    return list(_tokens(text, start, end))


@lru_cache(maxsize=8192)
def _tokens(text: str, start: int, end: int | None) -> tuple[Token, ...]:
    # Several competency rules tokenise the same sentence: compute it once.
    return tuple(
        Token(m.group(0), m.group(0).lower(), m.start(), m.end())
        for m in _TOKEN.finditer(text, start, len(text) if end is None else end)
    )
