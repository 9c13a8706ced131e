"""MC407 rubric-unscored-evidence: An evidence part that no rubric criterion scores."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import CRITERION_CONTEXT, CRITERION_FEEDBACK, RUBRIC


class RubricUnscoredEvidence(CredentialRule):
    """
    Every part an educator is asked to submit should count: if no rubric criterion
    scores a part, reviewers have no guidance for it and the educator's work on it is
    wasted. Score it with a criterion (`evidence: <part id>`), or stop asking for it.
    Checked once every criterion names an existing part.
    """

    code = "MC407"
    name = "rubric-unscored-evidence"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "An evidence part that no rubric criterion scores."
    bad = Example.credential(
        f"rubric:\n  scale: demonstrated\n  criteria:\n{CRITERION_CONTEXT}{CRITERION_FEEDBACK}"
    )
    good = Example.credential(RUBRIC)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        rubric = credential.rubric
        if rubric is None or not rubric.criteria:
            return  # rubric-missing or rubric-no-criteria says so
        ids = {part.id for part in credential.evidence}
        if any(c.evidence is None or c.evidence not in ids for c in rubric.criteria):
            # A criterion that names no part, or an unknown one (often a typo), may be
            # meant to score any part: rubric-unknown-evidence (or the schema step) says
            # so first, and this rule speaks once every criterion names a real part.
            return
        scored = {c.evidence for c in rubric.criteria}
        seen: set[str] = set()
        for part in credential.evidence:
            if not part.id or part.id in seen:
                continue  # no id, or a duplicate id: reported by other rules
            seen.add(part.id)
            if part.id in scored:
                continue
            yield self.finding(
                credential.file,
                part.at,
                f"no rubric criterion scores the evidence part `{part.id}`",
                hint=(
                    f"Add a rubric criterion with `evidence: {part.id}` that says what this "
                    "part must show at each level, or remove the part if educators need not "
                    "submit it."
                ),
            )
