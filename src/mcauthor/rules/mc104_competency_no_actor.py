"""MC104 competency-no-actor: The competency does not start with who acts."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._text import actor_end, quote
from mcauthor.rules._util import competency_text
from mcauthor.rules.base import CredentialRule, Example


class CompetencyNoActor(CredentialRule):
    """
    A competency says what someone can do, so it starts with who acts: "The educator
    designs ...", "The school leader facilitates ...". Naming the actor first keeps the
    statement about the educator's practice, not about a topic or about students.
    """

    code = "MC104"
    name = "competency-no-actor"
    severity = Severity.ERROR
    criterion = Criterion.COMPETENCY
    summary = "The competency does not start with who acts, like `The educator`."
    bad = Example.credential(
        "competency: Giving students descriptive feedback that names the next step.\n"
    )
    good = Example.credential(
        "competency: The teacher gives students descriptive feedback that names the next step.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        text = competency_text(credential, catalog)
        if text is None or actor_end(text.strip()) is not None:
            return
        opening = " ".join(text.split()[:3])
        yield self.finding(
            credential.file,
            ("competency",),
            f"the competency does not start with who acts (it starts with `{quote(opening)}`)",
            hint="Start with who acts, like `The educator designs ...`.",
            value=True,
        )
