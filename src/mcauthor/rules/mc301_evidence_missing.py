"""MC301 evidence-missing: The credential asks for no evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.yamlread import YamlPath


class EvidenceMissing(CredentialRule):
    """
    Digital Promise's third criterion: a micro-credential requires the submission of
    evidence. Without an `evidence` list, educators do not know what to submit and
    reviewers have nothing to score. Most credentials ask for overview questions, work
    examples (artifacts) and a reflection.
    """

    code = "MC301"
    name = "evidence-missing"
    severity = Severity.ERROR
    criterion = Criterion.EVIDENCE
    summary = "The credential asks for no evidence."
    bad = Example.credential("evidence: []\n")
    good = Example.credential(
        "evidence:\n"
        "  - id: overview\n"
        "    title: Overview questions\n"
        "    kind: overview\n"
        "    prompts:\n"
        "      - text: Describe your students and the learning goal of the unit.\n"
        "  - id: artifacts\n"
        "    title: Work examples\n"
        "    kind: artifact\n"
        "    prompts:\n"
        "      - text: Submit three samples of student work with the feedback you gave.\n"
        "  - id: reflection\n"
        "    title: Reflection\n"
        "    kind: reflection\n"
        "    prompts:\n"
        "      - text: What did students do with the feedback, and what will you change?\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.evidence:
            return
        doc = catalog.documents.get(credential.file)
        data: Any = doc.data if doc is not None else None
        if not isinstance(data, dict):
            return
        raw = data.get("evidence")
        if not catalog.given(credential.file, ("evidence",)):
            at: YamlPath = ()
            message = f"the credential `{credential.id}` has no `evidence` list"
        elif isinstance(raw, list) and not raw:
            at = ("evidence",)
            message = f"the `evidence` list of the credential `{credential.id}` is empty"
        else:
            return  # given but unusable: the schema step has already said why
        yield self.finding(
            credential.file,
            at,
            message,
            hint=(
                "Add an `evidence:` list with the parts educators submit, usually overview "
                "questions (`kind: overview`), work examples (`kind: artifact`) and a "
                "reflection (`kind: reflection`), each with its `prompts`."
            ),
        )
