"""MC410 rubric-no-criteria: A rubric has no criteria."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.yamlread import YamlPath


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
        rubric = credential.rubric
        if rubric is None or rubric.criteria:
            return
        doc = catalog.documents.get(credential.file)
        data: Any = doc.data if doc is not None else None
        raw = data.get("rubric") if isinstance(data, dict) else None
        criteria = raw.get("criteria") if isinstance(raw, dict) else None
        if isinstance(criteria, list) and not criteria:
            at: YamlPath = ("rubric", "criteria")
            message = "the rubric's `criteria` list is empty"
        elif catalog.given(credential.file, ("rubric", "criteria")):
            return  # given but unusable: the schema step has said why
        else:
            at = ("rubric",)
            message = "the rubric has no criteria"
        yield self.finding(
            credential.file,
            at,
            message,
            hint=(
                "Add `criteria:` to the rubric: for each evidence part, a criterion with "
                "`id`, `evidence` (the part it scores), `title` and one descriptor per level."
            ),
        )
