"""MC406 rubric-unknown-evidence: A rubric criterion scores no evidence part of the credential."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential, RubricCriterion
from mcauthor.rules.base import CredentialRule, Example


class RubricUnknownEvidence(CredentialRule):
    """
    Each rubric criterion says, with `evidence:`, which part of the submission reviewers
    look at to score it. A criterion without it, or naming a part the credential does not
    ask for (often a typo), cannot be scored: the rubric and the submission guidelines
    must fit together.
    """

    code = "MC406"
    name = "rubric-unknown-evidence"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "A rubric criterion scores no evidence part of the credential."
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
        "      evidence: artefacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
        "    - id: reflection-depth\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
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
        if credential.rubric is None:
            return
        parts = [p.id for p in credential.evidence if p.id]
        listed = ", ".join(f"`{p}`" for p in dict.fromkeys(parts))
        for criterion in credential.rubric.criteria:
            name = _criterion_name(criterion)
            if criterion.evidence is None:
                if catalog.given(credential.file, (*criterion.at, "evidence")):
                    continue  # given but invalid: the schema step has said why
                hint = (
                    f"Add `evidence:` with the id of the part it scores: {listed}."
                    if listed
                    else "Add `evidence:` with the id of the evidence part it scores."
                )
                yield self.finding(
                    credential.file,
                    criterion.at,
                    f"{name} does not say which evidence part it scores",
                    hint=hint,
                )
            elif criterion.evidence not in parts and credential.evidence:
                message = (
                    f"{name} scores the evidence part `{criterion.evidence}`, "
                    "which this credential does not have"
                )
                close = difflib.get_close_matches(criterion.evidence, parts, n=1, cutoff=0.6)
                if close:
                    message += f"; did you mean `{close[0]}`?"
                hint = (
                    f"Use the id of one of the credential's evidence parts: {listed}."
                    if listed
                    else "Give the evidence parts ids and use one of them here."
                )
                yield self.finding(
                    credential.file,
                    (*criterion.at, "evidence"),
                    message,
                    hint=hint,
                    value=True,
                )


def _criterion_name(criterion: RubricCriterion) -> str:
    if criterion.id:
        return f"the criterion `{criterion.id}`"
    index = criterion.at[-1]
    return f"criterion {index + 1}" if isinstance(index, int) else "a criterion"
