"""Reading a statement: :func:`analyze`, and the verb phrases of the actor's main clause.

:func:`analyze` reads each sentence's tokens (bracketed asides left out), finds its actor
(:mod:`.actor`), then reads the phrases from the actor's verb on: the modals and
periphrases before each verb, how it is joined to the phrase before, and its object, up to
where the main clause ends.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from mcauthor import lexicon
from mcauthor.language.actor import ability_at, find_actor
from mcauthor.language.statement import Actor, Phrase, Sentence, Statement
from mcauthor.language.tokens import Token, sentence_spans, tokens
from mcauthor.language.vocabulary import (
    BE,
    DETERMINERS,
    JOINERS,
    MEANS,
    MODALS,
    NEGATIONS,
    OBJECT_STARTERS,
    PREPOSITIONS,
    PRONOUN_ACTORS,
    SUBORDINATORS,
    is_adverb,
)


@lru_cache(maxsize=8192)
def analyze(text: str) -> Statement:
    """The statement's sentences, actors and main-clause verb phrases (cached)."""
    sentences = []
    actor: Actor | None = None
    brackets = [m.span() for m in _BRACKETED.finditer(text)] if "(" in text or "[" in text else []
    for number, (start, end) in enumerate(sentence_spans(text)):
        toks = _outside(brackets, tokens(text, start, end))
        found, at = find_actor(text, toks)
        cause = ""
        if found is not None:
            actor = found
        else:
            at, cause = ability_at(toks)
        agrees = found if found is not None else (actor if number else None)
        phrases = _phrases(toks, at, number, agrees, f"{cause} to" if cause else "")
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
        elif is_adverb(word) or (word == "only" and modal[-1:] == ["not"]):
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
    verb = next((w for w in following[2:] if not is_adverb(w)), "")
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
    listed = any(t.text == "," for t in pending)
    if nxt in OBJECT_STARTERS:
        # At the end of a list ("A, B, and word learning strategies") a word that can be
        # a noun is the list's last item unless a determiner opens an object after it.
        return not listed or nxt in DETERMINERS or lexicon.forms(nxt).verb is None
    # "will understand the drivers and take action": a bare verb after "and"/"or" where
    # the previous verb is bare too, with a plain object after it (not in a list).
    plain = nxt and toks[i + 1].is_word and not nxt.endswith("ing")
    plain = plain and nxt not in PREPOSITIONS and nxt not in PARTICLES and nxt not in JOINERS
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
    forms = lexicon.forms(word)
    only_bare = forms.verb == word and forms.noun is None and not forms.adjective
    if bare and word not in PARTICLES:  # "can select projects that use ..., customize ..."
        return only_bare
    if actor is not None and actor.plural and only_bare and word not in PARTICLES:
        # "Earners ... understand how the language relates to spelling and develop a
        # plan": the clause's subject takes "relates", so a bare verb is the actor's again
        return _singular_clause(toks, i)
    return False


def _singular_clause(toks: list[Token], i: int) -> bool:
    """Whether the clause before ``i`` (back to its subordinator) has a third-person
    verb, so that its subject cannot take a bare verb."""
    for k in range(i - 1, max(-1, i - 15), -1):
        word = toks[k].lower
        if word in SUBORDINATORS:
            return False
        forms = lexicon.forms(word)
        if word.endswith("s") and forms.verb not in (None, word) and forms.noun is None:
            return True
    return False


def _phrases(
    toks: list[Token], at: int, sentence: int, actor: Actor | None, caused: str = ""
) -> list[Phrase]:
    """The actor's verb phrases from ``at``; ``caused`` ("help to") is the modal form of
    verbs that another verb makes the educator do ("will help the educator understand")."""
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
        modal = modal or caused
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
