"""MC509 hours-missing: A credential states neither its hours nor the credit it gives."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example


class HoursMissing(CredentialRule):
    """
    Educators plan their time by the size of a credential, and districts grant credit for
    it. Most credentials state their size as estimated `hours` (5 to 15 is typical), which
    stack pages add up; some state it as credit instead, in CEUs (`ceu: 1.5`) or in another
    unit (`credit: {value: 0.5, unit: state credit}`). A credential that gives none of
    `hours`, `ceu` or `credit` shows no size at all, and its stacks' totals are wrong.
    """

    code = "MC509"
    name = "hours-missing"
    severity = Severity.WARNING
    summary = "A credential states neither its hours nor the credit it gives (`ceu` or `credit`)."
    bad = Example.credential(omit=("hours", "ceu"))
    good = Example.credential("credit: {value: 0.5, unit: state credit}\n", omit=("hours", "ceu"))

    # Any of these states the credential's size; one that is present but invalid is
    # reported by the schema check instead.
    SIZE_KEYS = ("hours", "ceu", "credit")

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.hours is not None or credential.ceu is not None or credential.credit:
            return
        if any(catalog.given(credential.file, (key,)) for key in self.SIZE_KEYS):
            return
        yield self.finding(
            credential.file,
            (),
            "the credential states neither the hours it takes to earn nor the credit it gives",
            hint="Add `hours:` with your estimate of the hours an educator needs, "
            "like `hours: 10` (5 to 15 is typical), or the credit it gives, "
            "like `ceu: 1` or `credit: {value: 0.5, unit: state credit}`.",
        )
