"""Who acts: the actor a sentence starts with, and where the actor's own verb comes.

"The educator", "Educators", "Teacher leader", "All participants", after an introductory
clause ("To understand gaps, teachers ...") or a second subject ("Students ... and teachers
..."); past an appositive or a relative clause after it. A sentence with no actor may still
name the skill it is about ("the teacher's ability to teach ...").
"""

from __future__ import annotations

from mcauthor import lexicon
from mcauthor.language.statement import Actor
from mcauthor.language.tokens import Token
from mcauthor.language.vocabulary import (
    ACTOR_NOUNS,
    CAUSATIVES,
    DETERMINERS,
    INTRODUCERS,
    MODALS,
    NOT_ACTOR,
    PRONOUN_ACTORS,
    SCENE_SUBJECTS,
    is_adverb,
)

# Who may be made to act besides an actor noun: "allow you to", "help them to".
_CAUSED = frozenset({"you", "them", "yourself", "themselves"})


def ability_at(toks: list[Token]) -> tuple[int, str]:
    """In a sentence without an actor, where the skill it names starts, and the verb that
    makes the educator act, if any: "This micro-credential represents the teacher's
    ability to teach ..." reads from "teach", "... also asks teachers to demonstrate ..."
    from "demonstrate" ("ask"), "will help the educator understand ..." from "understand"
    ("help"); (0, "") reads from the start."""
    for i, tok in enumerate(toks[:30]):
        ability = tok.lower in ("ability", "abilities", "skill", "skills")
        if ability and i + 2 < len(toks) and toks[i + 1].lower == "to":
            return i + 2, ""
        cause = lexicon.verb(tok.lower)
        if cause in CAUSATIVES and i + 2 < len(toks):
            at = _caused_verb(toks, i + 1)
            if at:
                return at, cause
        if cause in REPORTING and i + 3 < len(toks) and toks[i + 1].lower == "that":
            # "... means that our educators have ...": the educator's verbs follow
            for k in range(i + 2, min(i + 6, len(toks) - 1)):
                if _is_actor_noun(toks[k]) is not None:
                    return k + 1, ""
    return 0, ""


# What a credential says of the educator who earns it: "means that our educators ...".
REPORTING = frozenset(
    {"mean", "ensure", "show", "indicate", "certify", "signify", "confirm", "verify",
     "demonstrate", "recognize", "attest"}
)  # fmt: skip


def _caused_verb(toks: list[Token], i: int) -> int:
    """After a causative verb: where the verb of the educator it names starts ("teachers
    to demonstrate", "the educator understand", "you to"), or 0 when it names no actor
    ("helps students to read" is about students)."""
    for k in range(i, min(i + 5, len(toks))):
        tok = toks[k]
        if not tok.is_word:
            return 0
        if _is_actor_noun(tok) is not None or tok.lower in _CAUSED:
            after = k + 1
            if after < len(toks) and toks[after].lower == "to":
                after += 1
            is_verb = after < len(toks) and lexicon.verb(toks[after].lower) is not None
            return after if is_verb else 0
        if tok.lower in SCENE_SUBJECTS or tok.lower in NOT_ACTOR:
            return 0  # "helps students ...", "guides the design of ..."
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


def find_actor(text: str, toks: list[Token]) -> tuple[Actor | None, int]:
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
    if first in INTRODUCERS or is_gerund or is_adverb(first):  # "Additionally, earners ..."
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
