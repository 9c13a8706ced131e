"""MC407 rubric-unscored-evidence: An evidence part that no rubric criterion scores."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example


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
        "rubric:\n"
        "  scale: demonstrated\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal or the students are described only in general terms.\n"
        "        not-met: The goal and the students are not described.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
    )
    good = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal or the students are described only in general terms.\n"
        "        not-met: The goal and the students are not described.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
        "    - id: reflection-depth\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
    )

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
