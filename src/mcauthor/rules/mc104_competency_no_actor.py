"""MC104 competency-no-actor: The competency does not start with who acts."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.language.reading import analyze
from mcauthor.model import Catalog, Credential
from mcauthor.rules._text import quote
from mcauthor.rules._util import competency_text
from mcauthor.rules.base import CredentialRule, Example


def has_actor(text: str) -> bool:
    """Whether the statement starts with who acts (after an introductory clause)."""
    return analyze(text).actor is not None  # the same cached reading as MC103 and MC105


class CompetencyNoActor(CredentialRule):
    """
    A competency says what someone can do, so it starts with who acts: "The educator
    designs ...", "Educators identify ...", "Teacher leader coaches ...", "The school
    leader facilitates ...", "Participants will ...". Naming the actor first keeps the
    statement about the educator's practice, not about a topic, a micro-credential or
    students. Accepted: a role noun in any number with up to four words before it
    ("Cooperating teacher", "The rising educator", "Learning team leader", "The ESP"),
    after an introductory clause if there is one ("To understand gaps, teachers ...").
    Reported: a bare verb ("Plan formative assessments"), a gerund ("Using feedback ...")
    and "This micro-credential represents the teacher's ..." (a possessive is no actor).
    """

    code = "MC104"
    name = "competency-no-actor"
    severity = Severity.ERROR
    criterion = Criterion.COMPETENCY
    summary = "The competency does not start with who acts, like `The educator`."
    bad = Example.credential(
        "competency: This micro-credential represents the teacher's skill in giving "
        "students descriptive feedback.\n"
    )
    good = Example.credential(
        "competency: Teacher leaders give colleagues descriptive feedback that names the "
        "next step.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        text = competency_text(credential, catalog)
        if text is None or has_actor(text):
            return
        opening = " ".join(text.split()[:3])
        yield self.finding(
            credential.file,
            ("competency",),
            f"the competency does not start with who acts (it starts with `{quote(opening)}`)",
            hint="Start with who acts, like `The educator designs ...` or `Educators design ...`.",
            value=True,
        )
