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
    DETERMINERS,
    INTRODUCERS,
    MODALS,
    NOT_ACTOR,
    PRONOUN_ACTORS,
    SCENE_SUBJECTS,
    is_adverb,
)


def ability_at(toks: list[Token]) -> int:
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
