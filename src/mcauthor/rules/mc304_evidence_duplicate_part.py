"""MC304 evidence-duplicate-part: Two evidence parts of a credential have the same id."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import line_of, repeats
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import EVIDENCE, EVIDENCE_ARTIFACTS, EVIDENCE_OVERVIEW


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
        f"evidence:\n{EVIDENCE_OVERVIEW}{EVIDENCE_ARTIFACTS}"
        "  - id: overview\n"
        "    title: Reflection\n"
        "    kind: reflection\n"
        "    prompts:\n"
        "      - text: What did students do with the feedback, and what will you change?\n"
    )
    good = Example.credential(EVIDENCE)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        # A part without an id is reported by the schema step.
        ids = [(part.id, part.at) for part in credential.evidence if part.id]
        for ident, at, first in repeats(ids):
            line = line_of(catalog, credential.file, (*first, "id"), value=True)
            yield self.finding(
                credential.file,
                (*at, "id"),
                f"the evidence part id `{ident}` is already used by the part at line {line}",
                hint=(
                    "Give each evidence part its own id; rubric criteria name the part they "
                    "score by its id."
                ),
                value=True,
            )
