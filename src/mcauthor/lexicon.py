"""English word forms: whether a word can be a verb, a noun or an adjective, and its lemma.

The lexicon is LemmInflect's (https://github.com/bjascob/LemmInflect, MIT licence): about
80,000 English word forms with their part of speech and lemma, derived from the SPECIALIST
Lexicon and checked against corpora; it ships inside the wheel (``resources/
lemma_lu.csv.gz``), so nothing is downloaded. We read that table directly rather than
through ``lemminflect.getAllLemmas``: importing the package imports NumPy and loads its
out-of-vocabulary models, about 0.27 s before the first answer, where reading the table
takes about 0.02 s (words are then found in it by bisection). Alternatives weighed:
simplemma (a lemma per word, no part of speech, 19 MB wheel, its data unpickled on load),
NLTK's WordNet and spaCy (their data are downloaded at run time, which mcauthor never
does).
"""

from __future__ import annotations

import bisect
import gzip
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mcauthor.errors import CannotRun

TABLE = ("resources", "lemma_lu.csv.gz")


@dataclass(frozen=True, slots=True)
class Forms:
    """What one lower-case word can be; lemmas, or None where it cannot be that."""

    verb: str | None = None
    noun: str | None = None
    adjective: bool = False
    auxiliary: str | None = None  # "be", "have", "will", ... when it can be an auxiliary


NONE = Forms()


def _table_path() -> Path:
    spec = importlib.util.find_spec("lemminflect")  # finds it without importing it
    if spec is None or not spec.submodule_search_locations:
        raise CannotRun("the lemminflect package is missing: reinstall mcauthor")
    path = Path(next(iter(spec.submodule_search_locations)), *TABLE)
    if not path.is_file():
        raise CannotRun(f"lemminflect's lexicon is missing ({path}): reinstall mcauthor")
    return path


@lru_cache(maxsize=1)
def _lines() -> list[str]:
    """The table's lines ("identifies,verb,identify"), read once per process. They are
    sorted by their word, so a word is found by bisection: building a dictionary of all
    80,000 forms would cost more than the whole language pass of a large catalog."""
    return gzip.decompress(_table_path().read_bytes()).decode("utf-8").splitlines()


def _word(line: str) -> str:
    return line[: line.find(",")]


def _lookup(word: str) -> Forms | None:
    """The forms the table gives ``word``, or None when it lacks it."""
    lines = _lines()
    i = bisect.bisect_left(lines, word, key=_word)
    verb = noun = auxiliary = None
    adjective = found = False
    while i < len(lines) and _word(lines[i]) == word:
        _, pos, lemmas = lines[i].split(",", 2)
        lemma = lemmas.split("/", 1)[0]
        found = True
        if pos == "verb" and verb is None:
            verb = lemma
        elif pos == "noun" and noun is None:
            noun = lemma
        elif pos == "adj":
            adjective = True
        elif pos == "aux" and auxiliary is None:
            auxiliary = lemma
        i += 1
    return Forms(verb, noun, adjective, auxiliary) if found else None


@lru_cache(maxsize=16384)
def forms(word: str) -> Forms:
    """What ``word`` (any case) can be. A word the lexicon lacks is judged by its ending:
    ``-s`` after a known verb is that verb ("operationalizes" -> none, "co-plans" ->
    "co-plan" via its last part); everything else is unknown (no verb, no noun)."""
    lower = word.lower()
    found = _lookup(lower)
    if found is not None:
        return found
    if "-" in lower:  # "co-teaching", "re-designs": judge the last part
        head, _, last = lower.rpartition("-")
        inner = forms(last)
        if inner is not NONE:
            verb = f"{head}-{inner.verb}" if inner.verb else None
            noun = f"{head}-{inner.noun}" if inner.noun else None
            return Forms(verb, noun, inner.adjective, None)
    return NONE


def verb(word: str) -> str | None:
    """The verb lemma of ``word`` ("identifies" -> "identify"), or None."""
    return forms(word).verb


def noun(word: str) -> str | None:
    """The noun lemma of ``word`` ("mindsets" -> "mindset" when known), or None."""
    return forms(word).noun


def lemma(word: str) -> str:
    """A lemma for comparing content words: the noun's, else the verb's, else the word."""
    found = forms(word)
    return found.noun or found.verb or word.lower()
