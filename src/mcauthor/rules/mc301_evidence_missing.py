"""MC301 evidence-missing: The credential asks for no evidence."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import missing_list_at
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import EVIDENCE


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
    good = Example.credential(EVIDENCE)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.evidence:
            return
        at = missing_list_at(catalog, credential.file, (), "evidence")
        if at is None:
            return  # given but unusable: the schema step has already said why
        if at == ():
            message = f"the credential `{credential.id}` has no `evidence` list"
        else:
            message = f"the `evidence` list of the credential `{credential.id}` is empty"
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
