"""MC103 competency-compound: The competency joins two or more skills."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._text import OBJECT_STARTERS, Slot, verb_slots
from mcauthor.rules._util import comma_list, competency_text
from mcauthor.rules.base import CredentialRule, Example

# Observable actions a competency's actor does, in the third person.
ACTION_VERBS = frozenset(
    {
        "adapts", "adjusts", "administers", "aligns", "analyses", "analyzes", "annotates",
        "applies", "articulates", "assesses", "builds", "calibrates", "coaches",
        "collaborates", "collects", "communicates", "compares", "composes", "conducts",
        "confers", "constructs", "coordinates", "crafts", "creates", "critiques", "defines",
        "delivers", "demonstrates", "describes", "designs", "develops", "differentiates",
        "documents", "drafts", "elicits", "embeds", "engages", "establishes", "evaluates",
        "examines", "explains", "explores", "facilitates", "fosters", "gathers", "generates",
        "gives", "guides", "identifies", "implements", "instructs", "integrates",
        "interprets", "introduces", "leads", "manages", "measures", "mentors", "models",
        "modifies", "monitors", "moderates", "observes", "organises", "organizes", "plans",
        "prepares", "presents", "promotes", "provides", "records", "refines", "reflects",
        "reports", "responds", "revises", "reviews", "scores", "selects", "sets", "shares",
        "structures", "summarises", "summarizes", "supports", "synthesises", "synthesizes",
        "teaches", "tests", "tracks", "trains", "tunes", "uses", "validates", "writes",
    }
)  # fmt: skip
# Of those, the ones that are also common plural nouns ("scores and plans", "uses and
# models"): only flagged when something shows they are verbs.
AMBIGUOUS = frozenset(
    {
        "builds", "coaches", "designs", "documents", "drafts", "leads", "measures", "mentors",
        "models", "plans", "presents", "records", "reports", "reviews", "scores", "sets",
        "structures", "supports", "tests", "tracks", "trains", "tunes", "uses",
    }
)  # fmt: skip


def is_joined_verb(slot: Slot) -> bool:
    """Whether ``slot`` is a second action of the actor, joined by and/or/as well as/`;`."""
    if not slot.joined:
        return False
    if slot.also and slot.opener == "and":
        return True  # "and also ..." always adds something
    word = slot.word.lower
    if word not in ACTION_VERBS:
        return False
    if word not in AMBIGUOUS or slot.adjacent or slot.opener == ";":
        return True
    return slot.next is not None and slot.next.lower in OBJECT_STARTERS


class CompetencyCompound(CredentialRule):
    """
    Digital Promise's first criterion asks for a single competency. "Designs a task and
    scores it" is two skills: each needs its own evidence and rubric criteria, and an
    educator may have one without the other.

    Heuristic: after the actor, in the main clause (before any "that", "which", "so",
    "until" ...), an `and`, `or`, `as well as` or `;` followed by a third-person action
    verb (designs, analyzes, scores, ...), or any "and also". Nouns joined by "and"
    ("tasks and rubrics") are not flagged; words that are also nouns ("scores", "plans",
    "models") count only right after another verb ("designs and scores") or before an
    object ("and scores it", "and plans the next unit").
    """

    code = "MC103"
    name = "competency-compound"
    severity = Severity.WARNING
    criterion = Criterion.COMPETENCY
    summary = "The competency joins two or more skills, like `designs a task and scores it`."
    bad = Example.credential(
        "competency: The educator gives students descriptive feedback and plans the next unit "
        "with them.\n"
    )
    good = Example.credential(
        "competency: The educator gives students descriptive feedback and time to act on it.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        text = competency_text(credential, catalog)
        if text is None:
            return
        joins = []
        for slot in verb_slots(text):
            if is_joined_verb(slot):
                joins.append(f"{slot.opener} {text[slot.start : slot.word.end]}")
        if not joins:
            return
        listed = comma_list(joins)
        more = "another skill" if len(joins) == 1 else "more skills"
        yield self.finding(
            credential.file,
            ("competency",),
            f"the competency joins {more} with {listed}",
            hint="Keep one skill in the competency; give each other skill its own "
            "micro-credential, or describe it as a step of the key method.",
            value=True,
        )
