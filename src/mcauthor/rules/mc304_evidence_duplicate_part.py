"""MC304 evidence-duplicate-part: Two evidence parts of a credential have the same id."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.yamlread import YamlPath


class EvidenceDuplicatePart(CredentialRule):
    """
    Rubric criteria name the evidence part they score by its id. When two parts share an
    id, a criterion cannot say which one it scores, and one of the parts may never be
    scored at all. Give every part of a credential its own id.
    """

    code = "MC304"
    name = "evidence-duplicate-part"
    severity = Severity.ERROR
    criterion = Criterion.EVIDENCE
    summary = "Two evidence parts of a credential have the same id."
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
        "    prompts:\n"
        "      - text: Submit three samples of student work with the feedback you gave.\n"
        "  - id: overview\n"
        "    title: Reflection\n"
        "    kind: reflection\n"
        "    prompts:\n"
        "      - text: What did students do with the feedback, and what will you change?\n"
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
        "  - id: reflection\n"
        "    title: Reflection\n"
        "    kind: reflection\n"
        "    prompts:\n"
        "      - text: What did students do with the feedback, and what will you change?\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        first: dict[str, YamlPath] = {}
        for part in credential.evidence:
            if not part.id:
                continue  # a part without an id is reported by the schema step
            if part.id not in first:
                first[part.id] = part.at
                continue
            line = _line(catalog, credential.file, (*first[part.id], "id"))
            yield self.finding(
                credential.file,
                (*part.at, "id"),
                f"the evidence part id `{part.id}` is already used by the part at line {line}",
                hint=(
                    "Give each evidence part its own id; rubric criteria name the part they "
                    "score by its id."
                ),
                value=True,
            )


def _line(catalog: Catalog, file: str, path: YamlPath) -> int:
    doc = catalog.documents.get(file)
    if doc is None:
        return 1
    line, _ = doc.locate(path, value=True)
    return int(line)
