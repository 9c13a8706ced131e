"""MC509 hours-missing: A credential does not say how many hours it takes to earn."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example


class HoursMissing(CredentialRule):
    """
    Educators plan their time by the estimated hours (5 to 15 is typical), districts
    grant continuing-education credit from them, and stack pages add them up. Without
    `hours`, the credential shows no effort estimate and its stacks' totals are wrong.
    """

    code = "MC509"
    name = "hours-missing"
    severity = Severity.WARNING
    summary = "A credential does not say how many hours it takes to earn."
    bad = Example.credential(omit=("hours",))
    good = Example.credential("hours: 10\n")

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.hours is not None or catalog.given(credential.file, ("hours",)):
            return  # present, or present but invalid (reported by the schema check)
        yield self.finding(
            credential.file,
            (),
            "the credential does not say how many hours it takes to earn",
            hint="Add `hours:` with your estimate of the hours an educator needs, "
            "like `hours: 10` (5 to 15 is typical).",
        )
