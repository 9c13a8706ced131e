"""MC402 rubric-scale-and-levels: A rubric gives both `scale` and `levels`, or neither."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import comma_list, scale_names
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import CRITERIA


class RubricScaleAndLevels(CredentialRule):
    """
    A rubric's levels (like Demonstrated / Progressing / Not met) come either from a
    named scale in mcauthor.yaml (`scale:`) or from the rubric itself (`levels:`).
    With both, it is unclear which levels reviewers use; with neither, the rubric has
    no levels to score against.
    """

    code = "MC402"
    name = "rubric-scale-and-levels"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "A rubric gives both `scale` and `levels`, or neither."
    bad = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        "  levels:\n"
        "    - {id: demonstrated, label: Demonstrated, passing: true}\n"
        "    - {id: progressing, label: Progressing}\n"
        "    - {id: not-met, label: Not met}\n"
        f"{CRITERIA}"
    )
    good = Example.credential(
        "rubric:\n"
        "  levels:\n"
        "    - {id: met, label: Met, passing: true}\n"
        "    - {id: not-yet, label: Not yet}\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        met: The goal and the students are described clearly.\n"
        "        not-yet: The goal or the students are not described clearly.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        met: Every sample shows feedback that names a next step.\n"
        "        not-yet: Some samples show grades or praise only.\n"
        "    - id: reflection-depth\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        met: The reflection uses student work to explain the effect.\n"
        "        not-yet: The reflection does not use student work.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.rubric is None:
            return
        file = credential.file
        has_scale = catalog.given(file, ("rubric", "scale"))
        has_levels = catalog.given(file, ("rubric", "levels"))
        if has_scale and has_levels:
            yield self.finding(
                file,
                ("rubric", "levels"),
                "the rubric has both `scale` and `levels`",
                hint=(
                    "Keep `scale:` to use a scale from mcauthor.yaml, or `levels:` to list "
                    "this rubric's own levels, not both."
                ),
            )
        elif not has_scale and not has_levels:
            names = scale_names(catalog)
            if names:
                where = f"a scale from mcauthor.yaml ({comma_list(names)})"
            else:
                where = "a scale defined under `scales:` in mcauthor.yaml"
            yield self.finding(
                file,
                ("rubric",),
                "the rubric has neither `scale` nor `levels`",
                hint=(
                    f"Add `scale:` naming {where}, or list the rubric's levels under "
                    "`levels:`, like `- {id: met, label: Met, passing: true}`."
                ),
            )
