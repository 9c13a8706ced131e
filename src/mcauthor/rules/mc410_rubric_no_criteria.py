"""MC410 rubric-no-criteria: A rubric has no criteria."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import missing_list_at
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import RUBRIC


class RubricNoCriteria(CredentialRule):
    """
    The criteria are what reviewers actually score: each says what one evidence part
    must show at each level. A rubric with levels but no criteria gives reviewers
    nothing to look for, so it does not meet Digital Promise's fourth criterion.
    """

    code = "MC410"
    name = "rubric-no-criteria"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "A rubric has no criteria."
    bad = Example.credential("rubric:\n  scale: demonstrated\n  criteria: []\n")
    good = Example.credential(RUBRIC)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        rubric = credential.rubric
        if rubric is None or rubric.criteria:
            return
        at = missing_list_at(catalog, credential.file, ("rubric",), "criteria")
        if at is None:
            return  # given but unusable: the schema step has said why
        if at == ("rubric",):
            message = "the rubric has no criteria"
        else:
            message = "the rubric's `criteria` list is empty"
        yield self.finding(
            credential.file,
            at,
            message,
            hint=(
                "Add `criteria:` to the rubric: for each evidence part, a criterion with "
                "`id`, `evidence` (the part it scores), `title` and one descriptor per level."
            ),
        )
