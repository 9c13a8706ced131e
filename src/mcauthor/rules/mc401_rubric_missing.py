"""MC401 rubric-missing: The credential has no rubric."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example


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
    good = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal or the students are described only in general terms.\n"
        "        not-met: The goal and the students are not described.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
        "    - id: reflection-depth\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
    )

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
