"""MC406 rubric-unknown-evidence: A rubric criterion scores no evidence part of the credential."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import comma_list, criterion_name, did_you_mean
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import CRITERION_CONTEXT, RUBRIC


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
        f"  criteria:\n{CRITERION_CONTEXT}"
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
    good = Example.credential(RUBRIC)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.rubric is None:
            return
        parts = [p.id for p in credential.evidence if p.id]
        listed = comma_list(parts)
        for criterion in credential.rubric.criteria:
            name = criterion_name(criterion)
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
                    "which this credential does not have" + did_you_mean(criterion.evidence, parts)
                )
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
