"""MC302 evidence-part-without-prompts: An evidence part has no prompts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential, EvidencePart
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.yamlread import YamlPath


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
        "evidence:\n"
        "  - id: overview\n"
        "    title: Overview questions\n"
        "    kind: overview\n"
        "    prompts:\n"
        "      - text: Describe your students and the learning goal of the unit.\n"
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
        "    formats: [document, image]\n"
        "  - id: reflection\n"
        "    title: Reflection\n"
        "    kind: reflection\n"
        "    prompts:\n"
        "      - text: What did students do with the feedback, and what will you change?\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        for part in credential.evidence:
            if part.prompts:
                continue
            raw = _raw(catalog, credential.file, (*part.at, "prompts"))
            if isinstance(raw, list) and not raw:
                at: YamlPath = (*part.at, "prompts")
                message = f"{_part_name(part)} has an empty `prompts` list"
            elif catalog.given(credential.file, (*part.at, "prompts")):
                continue  # given but unusable: the schema step has already said why
            else:
                at = part.at
                message = f"{_part_name(part)} has no prompts"
            yield self.finding(
                credential.file,
                at,
                message,
                hint=(
                    "Add `prompts:` with the questions or tasks educators respond to in this "
                    "part, like `- text: Describe your students and the learning goal.`"
                ),
            )


def _part_name(part: EvidencePart) -> str:
    if part.id:
        return f"the evidence part `{part.id}`"
    index = part.at[-1]
    return f"evidence part {index + 1}" if isinstance(index, int) else "an evidence part"


def _raw(catalog: Catalog, file: str, path: YamlPath) -> Any:
    """The checked data at ``path`` in ``file``, or None."""
    doc = catalog.documents.get(file)
    data: Any = doc.data if doc is not None else None
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data
