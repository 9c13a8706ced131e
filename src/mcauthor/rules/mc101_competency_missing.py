"""MC101 competency-missing: The credential has no competency, or it is empty."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example

HINT = (
    "Add `competency:` with one sentence that says what the educator can do, like "
    "`The educator designs a performance task that measures the targeted standards.`"
)


class CompetencyMissing(CredentialRule):
    """
    Digital Promise's first criterion: each micro-credential focuses on a single
    competency. Without one, educators cannot tell what they are being asked to show and
    reviewers cannot tell what the evidence and rubric are meant to measure.
    """

    code = "MC101"
    name = "competency-missing"
    severity = Severity.ERROR
    criterion = Criterion.COMPETENCY
    summary = "The credential has no competency, or it is empty."
    bad = Example.credential(omit=("competency",))
    good = Example.credential(
        "competency: The educator gives students descriptive feedback that names the next step.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        value = credential.competency
        if isinstance(value, tuple):
            blank = not any(item.strip() for item in value)
        else:
            blank = value is None or not value.strip()
        if not blank:
            return
        at = ("competency",)
        if catalog.given(credential.file, at):
            yield self.finding(credential.file, at, "the competency is empty", hint=HINT)
        else:
            yield self.finding(credential.file, (), "the credential has no competency", hint=HINT)
