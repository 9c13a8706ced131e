"""MC401 rubric-missing: The credential has no rubric."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import RUBRIC


class RubricMissing(CredentialRule):
    """
    Digital Promise's fourth criterion: a micro-credential includes a rubric or scoring
    guide. Without one, reviewers score submissions by their own standards and
    educators cannot see in advance what counts as meeting the competency.
    """

    code = "MC401"
    name = "rubric-missing"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "The credential has no rubric."
    bad = Example.credential(omit=("rubric",))
    good = Example.credential(RUBRIC)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.rubric is not None or catalog.given(credential.file, ("rubric",)):
            return  # a rubric given but unusable is reported by the schema step
        yield self.finding(
            credential.file,
            (),
            f"the credential `{credential.id}` has no rubric",
            hint=(
                "Add a `rubric:` with `scale:` (a scale from mcauthor.yaml) or `levels:`, and "
                "`criteria:` that say what each evidence part must show at each level."
            ),
        )
