"""MC403 rubric-unknown-scale: A rubric's `scale` names no scale in mcauthor.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import comma_list, did_you_mean, raw, scale_names
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import CRITERIA, RUBRIC


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
    bad = Example.credential(f"rubric:\n  scale: demonstrate\n{CRITERIA}")
    good = Example.credential(RUBRIC)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        rubric = credential.rubric
        if rubric is None or rubric.scale is None:
            return
        name = rubric.scale
        config = catalog.config
        scales = scale_names(catalog)
        if name in scales:
            return
        if not name.startswith("x-") and catalog.given(config.file, ("scales", name)):
            return  # the scale exists but is unusable: reported in mcauthor.yaml
        if catalog.given(config.file, ("scales",)) and not isinstance(
            raw(catalog, config.file, ("scales",)), dict
        ):
            return  # `scales:` itself is unusable: reported in mcauthor.yaml
        message = (
            f"the rubric uses the scale `{name}`, which mcauthor.yaml does not define"
            + did_you_mean(name, scales)
        )
        if scales:
            hint = (
                f"Scales defined in mcauthor.yaml: {comma_list(scales)}. Use one of them, or add "
                f"`{name}` under `scales:` in mcauthor.yaml."
            )
        else:
            hint = (
                "mcauthor.yaml defines no scales: add one under `scales:`, or list the "
                "rubric's levels under `levels:` instead of `scale:`."
            )
        yield self.finding(credential.file, ("rubric", "scale"), message, hint=hint, value=True)
