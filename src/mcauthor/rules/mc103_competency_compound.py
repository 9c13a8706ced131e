"""MC103 competency-compound: The competency joins two or more skills."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

import yaml

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.language.reading import analyze
from mcauthor.language.statement import Phrase, Statement
from mcauthor.language.vocabulary import PREPOSITIONS
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import comma_list, competency_text
from mcauthor.rules.base import CredentialRule, Example

# How a later phrase joins the statement when it adds a skill of its own.
_SEPARATE = frozenset({"and", "or", ",", ";", "then", "sentence"})


@cache
def doublets() -> frozenset[frozenset[str]]:
    """Verb pairs that name one practice (``rules/data/doublets.yaml``, with sources)."""
    text = resources.files("mcauthor.rules").joinpath("data/doublets.yaml").read_text("utf-8")
    entries = yaml.safe_load(text) or []
    return frozenset(frozenset(entry["pair"]) for entry in entries)


def skills(statement: Statement) -> list[list[Phrase]]:
    """The actor's verb phrases grouped into skills: verbs that share one object
    ("identify and implement the key elements") and doublets ("develops and fosters")
    are one skill; a verb with an object of its own, joined by and/or/a comma/`;`/then
    or in a further sentence, starts another."""
    groups: list[list[Phrase]] = []
    for phrase in statement.phrases:
        if groups:
            last = groups[-1][-1]
            words = last.object_words
            # "understand the perspective of and empathize with others": a dangling
            # preposition shares the object too.
            dangling = bool(words) and words[-1] in PREPOSITIONS
            shares = (not words or dangling) and phrase.joiner not in (";", "sentence")
            pair = frozenset({last.lemma, phrase.lemma}) in doublets()
            if shares or pair or phrase.lemma == last.lemma:
                groups[-1].append(phrase)
                continue
        groups.append([phrase])
    return [g for g in groups if g[0].joiner == "start" or g[0].joiner in _SEPARATE]


_SHOWN = {"and": "and ", "or": "or ", "then": "then ", ";": "; ", ",": "", "sentence": ""}


def extra_skills(text: str) -> list[str]:
    """Each skill after the first, as written, like `and scores it` (empty: the
    competency is one skill)."""
    statement = analyze(text)
    found = skills(statement)
    return [_SHOWN.get(g[0].joiner, "") + statement.quote(g[0], 3) for g in found[1:]]


class CompetencyCompound(CredentialRule):
    """
    Digital Promise's first criterion asks for a single competency. "Identifies the key
    elements of trauma-informed pedagogy and designs a healing-centered environment" is
    two skills: each needs its own evidence and rubric criteria, and an educator may have
    one without the other.

    Read with mcauthor's language layer: the actor's own verbs in the main clause, in
    any form (`designs`, `design` after "Educators", `will design`, `is able to design`),
    joined by `and`, `or`, a comma, `;` or `then`, or added in a further sentence
    ("Educators will also ..."). Verbs that share one object are stages of one practice
    ("identify, implement, and analyze co-teaching models"); so are near-synonym
    doublets ("develops and fosters", "plans and prepares", "models and supports"),
    listed with their sources in `rules/data/doublets.yaml` (add a pair there, with a
    source, to teach the rule another one). The verbs of a purpose ("uses data to
    monitor progress and adjust instruction") or of a relative clause are not the
    actor's skills, and nouns joined by "and" ("tasks and rubrics") are not verbs.
    """

    code = "MC103"
    name = "competency-compound"
    severity = Severity.WARNING
    criterion = Criterion.COMPETENCY
    summary = "The competency joins two or more skills, like `designs a task and scores it`."
    bad = Example.credential(
        "competency: Educators identify key elements of trauma-informed pedagogy and design a "
        "healing-centered learning environment.\n"
    )
    good = Example.credential(
        "competency: The educator develops and fosters a growth-oriented feedback routine "
        "that students use to plan their next step.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        text = competency_text(credential, catalog)
        if text is None:
            return
        extra = extra_skills(text)
        if not extra:
            return
        listed = comma_list(extra)
        more = "another skill" if len(extra) == 1 else "more skills"
        yield self.finding(
            credential.file,
            ("competency",),
            f"the competency joins {more} with {listed}",
            hint="Keep one skill in the competency; give each other skill its own "
            "micro-credential, or describe it as a step of the key method.",
            value=True,
        )
