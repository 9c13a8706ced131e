"""MC302 evidence-part-without-prompts: An evidence part has no prompts."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import missing_list_at, part_name
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import EVIDENCE_ARTIFACTS, EVIDENCE_OVERVIEW, EVIDENCE_REFLECTION


class EvidencePartWithoutPrompts(CredentialRule):
    """
    The prompts are the questions or tasks that an educator answers in a part of the
    submission. A part without prompts leaves educators guessing what to submit, so
    submissions cannot be compared and the evidence requirement (Digital Promise's
    third criterion) is not really stated.
    """

    code = "MC302"
    name = "evidence-part-without-prompts"
    severity = Severity.ERROR
    criterion = Criterion.EVIDENCE
    summary = "An evidence part has no prompts."
    bad = Example.credential(
        f"evidence:\n{EVIDENCE_OVERVIEW}"
        "  - id: artifacts\n"
        "    title: Work examples\n"
        "    kind: artifact\n"
        "    formats: [document, image]\n"
        "  - id: reflection\n"
        "    title: Reflection\n"
        "    kind: reflection\n"
        "    prompts: []\n"
    )
    good = Example.credential(
        f"evidence:\n{EVIDENCE_OVERVIEW}{EVIDENCE_ARTIFACTS}"
        "    formats: [document, image]\n"
        f"{EVIDENCE_REFLECTION}"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        for part in credential.evidence:
            if part.prompts:
                continue
            at = missing_list_at(catalog, credential.file, part.at, "prompts")
            if at is None:
                continue  # given but unusable: the schema step has already said why
            if at == part.at:
                message = f"{part_name(part)} has no prompts"
            else:
                message = f"{part_name(part)} has an empty `prompts` list"
            yield self.finding(
                credential.file,
                at,
                message,
                hint=(
                    "Add `prompts:` with the questions or tasks educators respond to in this "
                    "part, like `- text: Describe your students and the learning goal.`"
                ),
            )
