"""What a reading gives: a statement's sentences, each with its actor and verb phrases.

The result types of :func:`mcauthor.language.reading.analyze`, and the judgements on them
that several rules share (:func:`object_nouns`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from mcauthor import lexicon
from mcauthor.language.tokens import Token
from mcauthor.language.vocabulary import CAUSATIVES, PREPOSITIONS, SUBORDINATORS


class Phrase(NamedTuple):
    """One verb phrase of the actor's main clause (a named tuple: cheap to make)."""

    lemma: str  # the verb's lemma: "identify"
    head: Token  # the verb as written
    start: int  # where the phrase starts in the text, modals and adverbs included
    # "" or the form before the verb: "will", "be able to", "demonstrate ability to", or
    # "help to" for a verb another verb makes the educator do ("help the educator plan")
    modal: str
    joiner: str  # "start", "and", "or", ",", ";", "then", "sentence"
    object: tuple[Token, ...]  # the words after the verb, up to the next phrase or clause
    sentence: int  # which sentence of the statement (0, 1, ...)

    @property
    def object_words(self) -> list[str]:
        return [t.lower for t in self.object if t.is_word]

    @property
    def caused(self) -> bool:
        """Whether another verb makes the educator do this: "helps educators develop"."""
        return self.modal.endswith(" to") and self.modal.split()[0] in CAUSATIVES


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
