"""MC403 rubric-unknown-scale: A rubric's `scale` names no scale in mcauthor.yaml."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example


class RubricUnknownScale(CredentialRule):
    """
    `scale:` names one of the scales under `scales:` in mcauthor.yaml; the rubric takes
    its levels from there. A name that matches no scale (often a typo) leaves the rubric
    without levels, so reviewers have nothing to score against.
    """

    code = "MC403"
    name = "rubric-unknown-scale"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "A rubric's `scale` names no scale in mcauthor.yaml."
    bad = Example.credential(
        "rubric:\n"
        "  scale: demonstrate\n"
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
        if rubric is None or rubric.scale is None:
            return
        name = rubric.scale
        config = catalog.config
        scales = [n for n in config.scales if not n.startswith("x-")]
        if name in scales:
            return
        if not name.startswith("x-") and catalog.given(config.file, ("scales", name)):
            return  # the scale exists but is unusable: reported in mcauthor.yaml
        doc = catalog.documents.get(config.file)
        data: Any = doc.data if doc is not None else None
        if catalog.given(config.file, ("scales",)) and not (
            isinstance(data, dict) and isinstance(data.get("scales"), dict)
        ):
            return  # `scales:` itself is unusable: reported in mcauthor.yaml
        close = difflib.get_close_matches(name, scales, n=1, cutoff=0.6)
        message = f"the rubric uses the scale `{name}`, which mcauthor.yaml does not define"
        if close:
            message += f"; did you mean `{close[0]}`?"
        if scales:
            listed = ", ".join(f"`{n}`" for n in scales)
            hint = (
                f"Scales defined in mcauthor.yaml: {listed}. Use one of them, or add "
                f"`{name}` under `scales:` in mcauthor.yaml."
            )
        else:
            hint = (
                "mcauthor.yaml defines no scales: add one under `scales:`, or list the "
                "rubric's levels under `levels:` instead of `scale:`."
            )
        yield self.finding(credential.file, ("rubric", "scale"), message, hint=hint, value=True)
