"""The language layer: what a competency or key-method statement says, for every text rule.

:func:`analyze` reads a statement once (cached) into sentences, each with its **actor**
("The educator", "Educators", "Teacher leader", "The school leader", "Participants") and
the actor's own **verb phrases** in the main clause: the verb's lemma (``identifies`` ->
``identify``), the modal or periphrastic form before it ("will", "can", "is able to",
"demonstrates the ability to"), how it is joined to the phrase before ("and", "or", ",",
";", "then", a new sentence), and the words of its object. Word forms come from a real
lexicon (:mod:`mcauthor.lexicon`), so plural actors and bare verbs ("Educators identify
... and design ...") read like "The educator identifies ... and designs ...".

What counts as the main clause: after the actor (and an appositive "Educator, as a member
of the team, ..." or a relative clause "Teacher leaders who understand diversity use ..."),
up to a subordinating word (that, which, how, so, because ...) or a purpose ("to monitor
progress"). A later "and" returns to the main clause only when what follows is plainly
the actor's own finite verb: a modal ("and can identify"), "also", or, for a singular
actor, a verb in the third person ("..., and understands how ..."). A statement with no
actor ("Understand when and how to use assessments", "Developing a position by ...")
is read from its first word.

Everything here is a heuristic for plain English statements; it must never raise.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from mcauthor import lexicon

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


# -- word classes ----------------------------------------------------------------------------

# Who acts (lemmas). "esp": an education support professional, as NEA writes it.
ACTOR_NOUNS = frozenset(
    {
        "educator", "teacher", "leader", "principal", "coach", "participant", "administrator",
        "counselor", "counsellor", "mentor", "facilitator", "librarian", "specialist",
        "paraprofessional", "paraeducator", "instructor", "learner", "earner", "candidate",
        "superintendent", "practitioner", "interventionist", "clinician", "director", "esp",
        "professional", "faculty", "staff", "team", "member", "completer",
    }
)  # fmt: skip
PRONOUN_ACTORS = frozenset({"they", "he", "she", "we", "you"})
# Who may open a statement before the educator acts in a second clause.
SCENE_SUBJECTS = frozenset({"students", "children", "families", "parents", "youth"})
DETERMINERS = frozenset({"the", "a", "an", "each", "every", "all", "any", "our", "your"})
# Words that never belong to an actor phrase ("This micro-credential represents ...").
NOT_ACTOR = frozenset(
    {
        "this", "that", "these", "those", "of", "for", "in", "on", "with", "by", "to", "from",
        "and", "or", "who", "which", "as", "at", "about", "through", "using", "having",
    }
)  # fmt: skip
MODALS = frozenset(
    {"will", "would", "can", "could", "shall", "should", "must", "may", "might", "do", "does"}
)
NEGATIONS = frozenset({"not", "never"})
BE = frozenset({"is", "are", "be", "being", "been", "am", "was", "were"})
SUBORDINATORS = frozenset(
    {
        "that", "which", "who", "whom", "whose", "where", "when", "whenever", "while",
        "because", "so", "until", "unless", "if", "whether", "although", "though", "since",
        "once", "after", "before", "how", "what", "why", "whereby", "than", "including",
        "such", "e.g", "i.e",
    }
)  # fmt: skip
# Words that open a clause before the actor: "To understand gaps, teachers analyze ...".
INTRODUCERS = frozenset(
    {"to", "after", "before", "when", "while", "using", "by", "through", "in", "with", "as",
     "once", "upon", "following", "during", "given", "based", "having", "drawing"}
)  # fmt: skip
ADVERBS = frozenset(
    {"also", "then", "both", "either", "regularly", "often", "consistently", "intentionally",
     "independently", "collaboratively", "effectively", "deliberately", "routinely",
     "always", "further", "thereby", "thus", "still", "well", "jointly", "actively",
     "strategically", "successfully", "systematically", "explicitly", "thoughtfully",
     "purposefully", "continually", "continuously", "frequently", "first", "next", "finally"}
)  # fmt: skip
_LY_NOT_ADVERBS = frozenset(
    {"apply", "supply", "reply", "rely", "comply", "multiply", "ally", "family", "assembly",
     "early", "only", "daily", "weekly", "monthly", "yearly", "friendly", "likely", "holy"}
)  # fmt: skip
# Words that usually open the object of a verb: "and scores it", "and plans the unit".
OBJECT_STARTERS = frozenset(
    {
        "a", "an", "the", "it", "them", "this", "these", "that", "those", "their", "his",
        "her", "its", "our", "each", "every", "all", "both", "one", "two", "three", "several",
        "multiple", "student", "students", "peers", "colleagues", "how", "what", "whether",
        "next", "new", "his/her", "learners", "families", "evidence", "data", "feedback",
        "instruction", "lessons", "learning", "specific", "key", "effective", "appropriate",
        "relevant", "clear", "strategies",
    }
)  # fmt: skip
PREPOSITIONS = frozenset(
    {
        "of", "for", "to", "in", "on", "with", "about", "from", "by", "at", "into", "through",
        "across", "among", "between", "within", "without", "toward", "towards", "around",
    }
)  # fmt: skip
# "by planning and facilitating": gerunds after these are the means of the main verb.
MEANS = frozenset({"by", "through", "in", "for", "without", "while", "when", "after", "before"})
JOINERS = frozenset({"and", "or", ",", ";", "then"})


# -- results --------------------------------------------------------------------------------


class Phrase(NamedTuple):
    """One verb phrase of the actor's main clause (a named tuple: cheap to make)."""

    lemma: str  # the verb's lemma: "identify"
    head: Token  # the verb as written
    start: int  # where the phrase starts in the text, modals and adverbs included
    modal: str  # "" or the form before the verb: "will", "be able to", "demonstrate ability to"
    joiner: str  # "start", "and", "or", ",", ";", "then", "sentence"
    object: tuple[Token, ...]  # the words after the verb, up to the next phrase or clause
    sentence: int  # which sentence of the statement (0, 1, ...)

    @property
    def object_words(self) -> list[str]:
        return [t.lower for t in self.object if t.is_word]


@dataclass(frozen=True, slots=True)
class Actor:
    start: int
    end: int
    noun: str  # the lemma of the actor noun: "educator", "leader"
    plural: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    actor: Actor | None
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    sentences: tuple[Sentence, ...]

    @property
    def actor(self) -> Actor | None:
        """The actor the statement starts with (its first sentence's), if any."""
        return self.sentences[0].actor if self.sentences else None

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return tuple(p for s in self.sentences for p in s.phrases)

    def quote(self, phrase: Phrase, words: int = 6, *, until: str | None = None) -> str:
        """The phrase as written, with the first ``words`` words of its object, or its
        object up to the word whose noun lemma is ``until``."""
        end = phrase.head.end
        shown = [t for t in phrase.object if t.is_word]
        if until is not None:
            stop = next((t for t in shown if lexicon.lemma(t.text) == until), None)
            shown = [t for t in shown if stop is not None and t.end <= stop.end]
        else:
            shown = shown[:words]
        if shown:
            end = shown[-1].end
        return " ".join(self.text[phrase.start : end].split())


# -- reading ------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def analyze(text: str) -> Statement:
    """The statement's sentences, actors and main-clause verb phrases (cached)."""
    sentences = []
    actor: Actor | None = None
    brackets = [m.span() for m in _BRACKETED.finditer(text)] if "(" in text or "[" in text else []
    for number, (start, end) in enumerate(sentence_spans(text)):
        toks = _outside(brackets, tokens(text, start, end))
        found, at = _find_actor(text, toks)
        if found is not None:
            actor = found
        else:
            at = _ability_at(toks)
        agrees = found if found is not None else (actor if number else None)
        phrases = _phrases(toks, at, number, agrees)
        sentences.append(Sentence(start, end, found, tuple(phrases)))
    return Statement(text, tuple(sentences))


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _outside(spans: list[tuple[int, int]], toks: list[Token]) -> list[Token]:
    """The tokens not inside the bracketed ``spans``: "(Engage, Explore, Explain)" names
    the stages of a framework, an aside, never the actor's verbs."""
    if not spans or not toks:
        return toks
    # Tokens and spans are both in text order: start at the first span that ends after
    # the first token (a bisection: a statement has many sentences), then one pass.
    at = bisect.bisect_right(spans, toks[0].start, key=lambda span: span[1])
    out = []
    for tok in toks:
        while at < len(spans) and spans[at][1] <= tok.start:
            at += 1
        if at == len(spans) or tok.start < spans[at][0]:
            out.append(tok)
    return out


def _ability_at(toks: list[Token]) -> int:
    """In a sentence without an actor, where the skill it names starts: "This
    micro-credential represents the teacher's ability to teach ..." reads from "teach",
    "... also asks teachers to demonstrate ..." from "demonstrate" (0: from the start)."""
    for i, tok in enumerate(toks[:30]):
        ability = tok.lower in ("ability", "abilities", "skill", "skills")
        if ability and i + 2 < len(toks) and toks[i + 1].lower == "to":
            return i + 2
        if tok.lower in ("ask", "asks", "requires", "require") and i + 3 < len(toks):
            # "this micro-credential also asks teachers to demonstrate ..."
            for k in range(i + 1, min(i + 4, len(toks) - 1)):
                if toks[k].lower == "to":
                    named = any(_is_actor_noun(t) for t in toks[i + 1 : k])
                    return k + 1 if named else 0
    return 0


def _is_actor_noun(tok: Token) -> tuple[str, bool] | None:
    """(lemma, plural) when ``tok`` names who acts."""
    lower = tok.lower
    if lower in ACTOR_NOUNS:
        return lower, False
    if lower.endswith("s") and lower[:-1] in ACTOR_NOUNS:
        return lower[:-1], True
    found = lexicon.noun(lower)
    if found in ACTOR_NOUNS:
        return found, found != lower
    return None


def _find_actor(text: str, toks: list[Token]) -> tuple[Actor | None, int]:
    """The actor at the start (or after an introductory clause) and the index of the
    first token after it; (None, 0) when the sentence has no actor."""
    words = [i for i, t in enumerate(toks) if t.is_word]
    if not words:
        return None, 0
    found = _actor_at(text, toks, 0)
    if found is not None:
        return found
    first = toks[0].lower
    is_gerund = first.endswith("ing") and lexicon.verb(first) is not None
    if first in INTRODUCERS or is_gerund or _adverb(first):  # "Additionally, earners ..."
        for i, tok in enumerate(toks[:40]):
            if tok.text == ",":
                after = _actor_at(text, toks, i + 1)
                if after is not None:
                    return after
                if i + 1 < len(toks) and toks[i + 1].lower in PRONOUN_ACTORS:
                    pronoun = toks[i + 1]
                    return Actor(pronoun.start, pronoun.end, pronoun.lower, True), i + 2
                break
    if first in PRONOUN_ACTORS:
        return Actor(toks[0].start, toks[0].end, first, True), 1
    if first in SCENE_SUBJECTS:  # "Students provide feedback ... and teachers analyze ..."
        for i, tok in enumerate(toks[:40]):
            if tok.lower == "and":
                after = _actor_at(text, toks, i + 1)
                if after is not None:
                    return after
    return None, 0


def _actor_at(text: str, toks: list[Token], at: int) -> tuple[Actor, int] | None:
    i = at
    if i < len(toks) and toks[i].lower in DETERMINERS:
        i += 1
    last: tuple[int, str, bool] | None = None
    for j in range(i, min(i + 6, len(toks))):
        tok = toks[j]
        if last is None and j > i and tok.lower in ("and", "or"):
            continue  # "The aspiring or current K-12 educator"
        if not tok.is_word or tok.lower in NOT_ACTOR:
            break
        named = _is_actor_noun(tok)
        if named is not None:
            last = (j, *named)
            continue
        if last is not None or _only_verb(tok.lower):
            break  # "Utilize professional ...": an imperative, not a modifier
    if last is None:
        return None
    j, noun, plural = last
    after = text[toks[j].end : toks[j].end + 1]
    if after in ("'", "’"):  # "the educator's practice": a possessive, not the actor
        return None
    if j + 1 < len(toks) and _modifies(toks[j + 1].lower):
        return None  # "The Professional Learning Micro-Credential involves ...": a name
    actor = Actor(toks[at].start, toks[j].end, noun, plural or toks[at].lower == "all")
    return actor, _past_insertions(toks, j + 1)


# Nouns that a credential's own name ends with ("The Teacher Leader Micro-Credential").
CREDENTIAL_NOUNS = frozenset(
    {"micro-credential", "microcredential", "credential", "badge", "program", "programme",
     "module", "course", "stack", "series", "pathway", "certificate"}
)  # fmt: skip


def _modifies(word: str) -> bool:
    """Whether ``word``, right after an actor noun, shows that the noun only modifies a
    later head: a noun in -ing ("professional learning") or a credential's name."""
    if word in CREDENTIAL_NOUNS:
        return True
    return word.endswith("ing") and lexicon.noun(word) == word


def _only_verb(word: str) -> bool:
    """A verb form that cannot modify a noun: "utilize", "uses" (not "cooperating",
    "trained", "team")."""
    forms = lexicon.forms(word)
    if forms.verb is None:
        return False
    if word.endswith("s") and word != forms.verb and not forms.adjective:
        return True  # third person: "Uses teacher feedback"
    if forms.noun is not None or forms.adjective:
        return False
    return not word.endswith(("ing", "ed"))


def _past_insertions(toks: list[Token], i: int) -> int:
    """Past an appositive (", as a member of the team,") or a relative clause ("who
    understand diversity") right after the actor: where the actor's verb should be."""
    appositive = ("as", "like", "in", "with", "through", "by")
    if i + 1 < len(toks) and toks[i].text == "," and toks[i + 1].lower in appositive:
        for k in range(i + 1, min(i + 40, len(toks))):
            if toks[k].text == ",":
                return k + 1
    word = toks[i].lower if i < len(toks) else ""
    if word in ("of", "in", "at", "from", "across"):
        # "Earners of the Science of Reading Fundamentals microcredential understand ..."
        for k in range(i + 2, min(i + 16, len(toks))):
            after = toks[k].lower
            forms = lexicon.forms(after)
            if after in MODALS or (
                forms.verb == after and forms.noun is None and not forms.adjective
            ):
                return k
    elif word in ("who", "that"):
        for k in range(i + 2, min(i + 16, len(toks))):
            if toks[k].lower in MODALS:  # "Teachers who design tasks can select ..."
                return k
    if word in ("who", "that", "of", "in", "at", "from", "across"):
        k = i + 1
        while k < len(toks) and lexicon.verb(toks[k].lower) is None:
            k += 1
        k += 1  # the relative clause's own verb
        while k < len(toks) and (not toks[k].is_word or lexicon.verb(toks[k].lower) is None):
            k += 1
        return k
    return i


def _adverb(word: str) -> bool:
    if word in ADVERBS:
        return True
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOT_ADVERBS


def _head(toks: list[Token], i: int) -> tuple[int, str, int] | None:
    """Read modals, adverbs and periphrases from ``i``: (index of the verb, the modal
    form, index where the phrase starts), or None when no verb follows."""
    modal: list[str] = []
    start = i
    while i < len(toks):
        tok = toks[i]
        word = tok.lower
        if not tok.is_word:
            return None
        nxt = [t.lower for t in toks[i + 1 : i + 4]]
        if word in MODALS or word in NEGATIONS:
            modal.append(word)
        elif _adverb(word) or (word == "only" and modal[-1:] == ["not"]):
            pass  # "regularly", "not only ... but also"
        elif word in BE and nxt[:2] == ["able", "to"]:
            modal.append("be able to")
            i += 2
        elif word in ("have", "has") and nxt[:3] == ["the", "ability", "to"]:
            modal.append("have the ability to")
            i += 3
        elif lexicon.verb(word) == "demonstrate" and _ability(nxt):
            modal.append("demonstrate the ability to")
            i += len(_ability(nxt))
        elif word in BE and nxt[:2] in (["skilled", "at"], ["skilled", "in"]):
            modal.append("be skilled at")
            i += 2
        elif word in ("need", "needs") and nxt[:1] == ["to"]:
            modal.append("need to")  # "will need to demonstrate"
            i += 1
        elif lexicon.verb(word) in ("demonstrate", "show") and _how(
            [t.lower for t in toks[i + 1 : i + 6]]
        ):
            modal.append(f"{lexicon.verb(word)} how")  # "show how they support", "... how to"
            i += 2
        elif lexicon.verb(word) is not None:
            return i, " ".join(modal), start
        else:
            return None
        i += 1
    return None


def _how(following: list[str]) -> bool:
    """ "how to support" or "how they support": the skill shown is the next verb."""
    if following[:1] != ["how"] or len(following) < 3:
        return False
    verb = next((w for w in following[2:] if not _adverb(w)), "")
    return following[1] in ("to", *PRONOUN_ACTORS) and lexicon.verb(verb) is not None


def _ability(following: list[str]) -> list[str]:
    """ "(the|their|an) ability to" after "demonstrate": the words to skip, or []."""
    if following[:2] == ["ability", "to"]:
        return following[:2]
    if (
        len(following) >= 3
        and following[0] in ("the", "their", "an", "his/her")
        and following[1:3] == ["ability", "to"]
    ):
        return following[:3]
    return []


PARTICLES = frozenset({"out", "up", "down", "off", "over", "away", "back", "forward"})


def _verb_here(
    toks: list[Token],
    i: int,
    previous: Phrase | None,
    pending: list[Token],
    how: str,
    actor: Actor | None,
) -> bool:
    """Whether the word at ``i``, after a joiner, is a new verb of the actor (and not a
    noun of the object list: "designs and scores", "tasks and rubrics"); ``pending`` is
    what the previous verb has of an object so far."""
    word = toks[i].lower
    forms = lexicon.forms(word)
    if forms.verb is None:
        return False
    gerunds = previous is not None and previous.head.lower.endswith("ing")
    if word != forms.verb and not word.endswith("s") and not (gerunds and word.endswith("ing")):
        return False  # "written", "designed", "using": no present-tense verb of the actor
    if forms.noun is None and not forms.adjective:
        return True
    if previous is not None and not any(t.is_word for t in pending):
        return True  # "models and supports ...": right after another verb
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if previous is not None and previous.head.lower.endswith("ing") and word.endswith("ing"):
        return True  # "Being thoughtful ... and using ...": parallel gerunds
    if nxt == "to":  # "and time to act" (an infinitive after a noun) or "and adapts to"
        after = toks[i + 2].lower if i + 2 < len(toks) else ""
        return lexicon.verb(after) is None or lexicon.noun(after) is not None
    if nxt in OBJECT_STARTERS:
        return True
    # "will understand the drivers and take action": a bare verb after "and"/"or" where
    # the previous verb is bare too, with a plain object after it (not in a list).
    plain = nxt and toks[i + 1].is_word and not nxt.endswith("ing")
    plain = plain and nxt not in PREPOSITIONS and nxt not in PARTICLES and nxt not in JOINERS
    listed = any(t.text == "," for t in pending)
    return (
        bool(plain)
        and how in ("and", "or")
        and not listed
        and word == forms.verb
        and _bare(previous)
    )


def _bare(previous: Phrase | None) -> bool:
    """Whether the previous verb stands in its bare form (after a modal or a plural)."""
    if previous is None:
        return False
    word = previous.head.lower
    return bool(previous.modal) or lexicon.verb(word) == word


def _finite(
    toks: list[Token], i: int, actor: Actor | None, gerund: bool, bare: bool = False
) -> bool:
    """After a joiner inside a subordinate or purpose clause: whether what follows is
    plainly the actor's own verb again (a modal, "also", a third-person verb, in a
    statement that starts with a gerund another gerund: "..., then acting ...", or, when
    the actor's verbs follow a modal (``bare``), a word that can only be a bare verb)."""
    word = toks[i].lower
    if gerund and word.endswith("ing") and lexicon.verb(word) is not None:
        return True
    if word in BE and i + 1 < len(toks):
        # "..., and is aware of ...", not a relative clause's "and is informed by ..."
        nxt = toks[i + 1].lower
        if actor is not None and word in (("is", "was") if actor.plural else ("are", "were")):
            return False  # does not agree with the actor
        if nxt.endswith("ed") and lexicon.verb(nxt) is not None:
            return False  # a passive
        return word != "be" or nxt == "able"
    if word in MODALS or word == "also":
        return True
    if actor is not None and not actor.plural and word.endswith("s"):
        found = lexicon.verb(word)
        return found is not None and found != word and lexicon.noun(word) is None
    if bare and word not in PARTICLES:  # "can select projects that use ..., customize ..."
        forms = lexicon.forms(word)
        return forms.verb == word and forms.noun is None and not forms.adjective
    return False


def _phrases(toks: list[Token], at: int, sentence: int, actor: Actor | None) -> list[Phrase]:
    out: list[Phrase] = []
    i = at
    joiner = "start" if sentence == 0 else "sentence"
    main = True
    current: Phrase | None = None
    obj: list[Token] = []

    def close() -> None:
        nonlocal current, obj
        if current is not None:
            out.append(_with_object(current, obj))
        current, obj = None, []

    def begin(index: int, how: str) -> int | None:
        """Start a phrase at ``index`` when a verb is there; the index after its verb."""
        nonlocal current
        found = _head(toks, index)
        if found is None:
            return None
        verb_at, modal, start = found
        previous = current if current is not None else (out[-1] if out else None)
        # What the previous verb has of an object so far (a window: the checks on it
        # look for any word or comma, and a long prefix must not cost its length each time).
        pending = obj if current is not None else toks[max(0, index - 40) : index]
        checked = how in ("start", "sentence", ";") or bool(modal)
        if not checked and not _verb_here(toks, verb_at, previous, pending, how, actor):
            return None
        lemma = lexicon.verb(toks[verb_at].lower) or toks[verb_at].lower
        close()
        current = Phrase(lemma, toks[verb_at], toks[start].start, modal, how, (), sentence)
        return verb_at + 1

    nxt = begin(i, joiner)
    if nxt is None:
        return out
    i = nxt
    while i < len(toks):
        tok = toks[i]
        word = tok.lower
        if word == ";":
            close()
            main = True
            started = begin(i + 1, ";")
            i = started if started is not None else i + 1
            continue
        if word in JOINERS or (word == "as" and _well_as(toks, i)):
            how, skip = (word, 1)
            if word == "as":
                how, skip = "and", 3
            if word == "," and i + 1 < len(toks) and toks[i + 1].lower in ("and", "or", "then"):
                how, skip = toks[i + 1].lower, 2
            if word == "," and [t.lower for t in toks[i + 1 : i + 3]] == ["but", "also"]:
                how, skip = "and", 2  # "..., but also leverage it": "also" is read as an adverb
            target = i + skip
            first = out[0] if out else current
            gerund = first is not None and first.head.lower.endswith("ing")
            bare = first is not None and bool(first.modal)
            if target < len(toks) and (main or _finite(toks, target, actor, gerund, bare)):
                started = begin(target, how)
                if started is not None:
                    main = True
                    i = started
                    continue
            obj.append(tok)
            i += 1
            continue
        if main and _ends_main(toks, i):
            main = False
        obj.append(tok)
        i += 1
    close()
    return out


def _well_as(toks: list[Token], i: int) -> bool:
    return [t.lower for t in toks[i + 1 : i + 3]] == ["well", "as"]


def _ends_main(toks: list[Token], i: int) -> bool:
    """Whether the word at ``i`` ends the main clause: a subordinator, a purpose ("to
    monitor"), or a gerund of means ("by planning", "for listening")."""
    word = toks[i].lower
    if word in SUBORDINATORS or (word == "to" and _purpose(toks, i)):
        return True
    return word in MEANS and i + 1 < len(toks) and toks[i + 1].lower.endswith("ing")


def _purpose(toks: list[Token], i: int) -> bool:
    """Whether "to" at ``i`` opens a purpose ("to monitor progress"), not a place."""
    if i + 1 >= len(toks):
        return False
    following = toks[i + 1].lower
    forms = lexicon.forms(following)
    return forms.verb is not None and (forms.noun is None or following == forms.verb)


def _with_object(phrase: Phrase, obj: list[Token]) -> Phrase:
    return phrase._replace(object=tuple(obj))


# -- shared judgements ------------------------------------------------------------------------


def object_nouns(phrase: Phrase) -> list[str]:
    """The noun lemmas of the phrase's object, up to its first preposition or clause
    (a word the lexicon lacks, like "mindset", counts as a noun)."""
    out = []
    for tok in phrase.object:
        if not tok.is_word:
            break
        word = tok.lower
        if word in PREPOSITIONS or word in SUBORDINATORS:
            break
        forms = lexicon.forms(word)
        if forms.noun is not None:
            out.append(forms.noun)
        elif forms is lexicon.NONE:
            out.append(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return out
