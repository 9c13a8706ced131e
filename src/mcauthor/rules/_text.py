"""Text helpers shared by the competency (MC1xx) and method (MC2xx) rules.

Sentence splitting that knows common abbreviations, finding the actor a competency starts
with ("The educator"), and the "verb slots" of a statement: the places where the actor's
own verbs stand (right after the actor, and after `and`/`or`/`as well as`/`;` in the main
clause). Helpers that read the catalog or its data are in ``_util``.

Everything here is a heuristic for plain English statements; it must never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# -- sentences ----------------------------------------------------------------------------

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

_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|[,;:]")


@dataclass(frozen=True, slots=True)
class Token:
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


def has_words(text: str | None) -> bool:
    return bool(text and text.strip())


def quote(text: str, limit: int = 40) -> str:
    """Text shortened for a message, without line breaks."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


# -- the actor ------------------------------------------------------------------------------

ACTOR_NOUNS = frozenset(
    {
        "educator", "teacher", "leader", "principal", "coach", "participant", "administrator",
        "counselor", "counsellor", "mentor", "facilitator", "librarian", "specialist",
        "paraprofessional", "paraeducator", "instructor", "learner", "earner", "candidate",
        "superintendent", "practitioner", "interventionist", "clinician", "director",
    }
)  # fmt: skip
# Words that may stand before the actor noun without an article ("School leaders ...").
ACTOR_MODIFIERS = frozenset(
    {
        "school", "district", "instructional", "classroom", "building", "teacher", "lead",
        "team", "novice", "new", "beginning", "early-career", "special", "general",
        "education", "literacy", "math", "mathematics", "science", "technology", "assistant",
        "student", "pre-service", "preservice", "in-service", "veteran", "experienced",
    }
)  # fmt: skip
_ARTICLES = frozenset({"the", "a", "an", "each", "every", "any"})
_NOT_IN_ACTOR = frozenset(
    {"that", "which", "who", "of", "for", "and", "or", "to", "in", "with", "on", "by", "as"}
)


def _actor_noun(word: str) -> bool:
    if word in ACTOR_NOUNS:
        return True
    return word.endswith("s") and word[:-1] in ACTOR_NOUNS  # plural: "Educators design"


@lru_cache(maxsize=4096)
def actor_end(text: str) -> int | None:
    """Where the actor that ``text`` starts with ends ("The educator" -> 12), or None.

    Accepted: an optional article (the, a, an, each, every), up to two modifiers and an
    actor noun (educator, teacher, leader, coach, participant, ...), singular or plural,
    not followed by a possessive `'s`. Without an article, the modifiers must be known ones
    ("School leaders", "Instructional coach").
    """
    toks = [t for t in tokens(text, 0, min(len(text), 200)) if t.is_word][:4]
    if not toks or text[: toks[0].start].strip(" \t\r\n\"'“‘*_"):
        return None
    i = 0
    article = toks[0].lower in _ARTICLES
    if article:
        i = 1
    for j in range(i, min(i + 3, len(toks))):
        word = toks[j].lower
        if _actor_noun(word):
            after = text[toks[j].end : toks[j].end + 1]
            return None if after in ("'", "’") else toks[j].end
        allowed = word not in _NOT_IN_ACTOR if article else word in ACTOR_MODIFIERS
        if not allowed:
            return None
    return None


# -- verb slots -------------------------------------------------------------------------------

# Start a clause with its own subject; "and" after one of these no longer joins the
# actor's verbs (until a `;`).
SUBORDINATORS = frozenset(
    {
        "that", "which", "who", "whom", "whose", "where", "when", "whenever", "while",
        "because", "so", "until", "unless", "if", "whether", "although", "though", "since",
        "once", "after", "before", "as", "how", "what", "why", "whereby", "than",
    }
)  # fmt: skip
MODALS = frozenset(
    {"can", "will", "shall", "should", "must", "may", "might", "could", "would", "does",
     "do", "not", "is", "are", "be", "able", "to"}
)  # fmt: skip
ADVERBS = frozenset(
    {"also", "then", "both", "either", "regularly", "often", "consistently", "intentionally",
     "independently", "collaboratively", "effectively", "deliberately", "routinely",
     "always", "further", "thereby", "thus", "still", "well", "jointly"}
)  # fmt: skip
_LY_VERBS = frozenset(
    {"apply", "supply", "reply", "rely", "comply", "multiply", "ally", "fly", "family", "assembly"}
)
# Words that usually open the object of a verb: "and scores it", "and plans the next unit".
OBJECT_STARTERS = frozenset(
    {
        "a", "an", "the", "it", "them", "this", "these", "that", "those", "their", "his",
        "her", "its", "our", "each", "every", "all", "both", "one", "two", "three", "several",
        "multiple", "student", "students", "peers", "colleagues", "how", "what", "whether",
        "next", "new", "his/her", "learners", "families", "evidence", "data", "feedback",
        "instruction", "lessons", "learning",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Slot:
    """A word where the actor's verb stands, and what came before it."""

    word: Token
    opener: str  # "actor" (first word of a statement), "and", "or", "as well as", ";", ","
    also: bool  # "also" came between the opener and the word ("and also scores")
    modal: bool  # after can, will, is able to, ...
    start: int  # where the verb phrase starts, with the modals and adverbs before the word
    adjacent: bool  # the opener directly follows the previous slot's word ("designs and")
    next: Token | None  # the word after it

    @property
    def joined(self) -> bool:
        """Whether this slot joins a further verb with `and`, `or`, `as well as` or `;`."""
        return self.opener in ("and", "or", "as well as", ";")


def _adverb(word: str) -> bool:
    return word in ADVERBS or (word.endswith("ly") and len(word) > 4 and word not in _LY_VERBS)


def verb_slots(text: str) -> list[Slot]:
    return list(_verb_slots(text))


@lru_cache(maxsize=4096)
def _verb_slots(text: str) -> tuple[Slot, ...]:
    """The places in ``text`` where the actor's verbs stand.

    In each sentence, after the actor ("The educator") if there is one: the first word
    (skipping adverbs and modals), and the first word after each `and`, `or`, `as well as`,
    `,` or `;` while still in the main clause. A subordinating word (that, which, who, so,
    until, ...) ends the main clause until the next `;`, so the verbs of a relative clause
    ("a task that engages students and supports ...") are not the actor's.
    """
    slots: list[Slot] = []
    for start, end in sentence_spans(text):
        toks = tokens(text, start, end)
        actor = actor_end(text[start:end])
        if actor is not None:
            toks = [t for t in toks if t.start >= start + actor]
        main = True
        opener: str | None = "actor"
        also = modal = False
        first: Token | None = None  # the first adverb or modal skipped before the word
        previous: Token | None = None  # the last slot's word
        opened_after: Token | None = None  # the token before the opener
        last: Token | None = None
        i = 0
        while i < len(toks):
            tok = toks[i]
            word = tok.lower
            if word == ";":
                main, opener, also, modal, opened_after = True, ";", False, False, last
                first = None
            elif word == ":":
                opener = None
            elif not main:
                pass
            elif word in ("and", "or", ",") or (
                word == "as" and [t.lower for t in toks[i + 1 : i + 3]] == ["well", "as"]
            ):
                if word == "as":
                    word = "as well as"
                    i += 2
                    tok = toks[i]
                if opener is None:
                    opened_after = last
                if opener is None or opener == ",":
                    opener, also, modal, first = word, False, False, None
            elif word in SUBORDINATORS:
                main, opener = False, None
            elif opener is not None and _adverb(word):
                also = also or word == "also"
                first = first or tok
            elif opener is not None and word in MODALS:
                modal = True
                first = first or tok
            elif opener is not None:
                slots.append(
                    Slot(
                        word=tok,
                        opener=opener,
                        also=also,
                        modal=modal,
                        start=(first or tok).start,
                        adjacent=previous is not None and opened_after is previous,
                        next=next(
                            (toks[j] for j in range(i + 1, len(toks)) if toks[j].is_word), None
                        ),
                    )
                )
                previous, opener = tok, None
            last = tok
            i += 1
    return tuple(slots)
