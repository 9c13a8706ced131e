"""MC303 evidence-word-limits: A prompt's word limits are not positive or are inverted."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential, EvidencePart, Prompt
from mcauthor.rules._util import part_name, prompt_name
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import EVIDENCE_ARTIFACTS, EVIDENCE_OVERVIEW, EVIDENCE_REFLECTION


class EvidenceWordLimits(CredentialRule):
    """
    Word limits tell educators how long a written response should be. A limit of zero
    or less, or a minimum above the maximum, is a typo that no response can satisfy,
    and reviewers cannot apply it fairly. A minimum equal to the maximum is allowed.
    """

    code = "MC303"
    name = "evidence-word-limits"
    severity = Severity.ERROR
    criterion = Criterion.EVIDENCE
    summary = "A prompt's word limits are not positive or are inverted."
    bad = Example.credential(
        f"evidence:\n{EVIDENCE_OVERVIEW}"
        "        words: {min: 400, max: 200}\n"
        f"{EVIDENCE_ARTIFACTS}{EVIDENCE_REFLECTION}"
        "        words: {min: 0, max: 600}\n"
    )
    good = Example.credential(
        f"evidence:\n{EVIDENCE_OVERVIEW}"
        "        words: {min: 200, max: 400}\n"
        f"{EVIDENCE_ARTIFACTS}{EVIDENCE_REFLECTION}"
        "        words: {min: 500, max: 500}\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        for part in credential.evidence:
            for prompt in part.prompts:
                finding = self._check_prompt(credential, part, prompt)
                if finding is not None:
                    yield finding

    def _check_prompt(
        self, credential: Credential, part: EvidencePart, prompt: Prompt
    ) -> Finding | None:
        lo, hi = prompt.words_min, prompt.words_max
        where = f"{prompt_name(prompt)} of {part_name(part)}"
        bad = [f"`{k}: {v}`" for k, v in (("min", lo), ("max", hi)) if v is not None and v <= 0]
        if bad:
            limits = " and ".join(bad)
            verb = "is" if len(bad) == 1 else "are"
            message = (
                f"{where} has the word limit{'s' if len(bad) > 1 else ''} {limits}, "
                f"which {verb} not more than 0"
            )
            hint = (
                "Word limits count words, so they must be 1 or more; remove `min` or `max` "
                "if the response needs no such limit."
            )
        elif lo is not None and hi is not None and lo > hi:
            message = f"{where} asks for at least {lo} words but at most {hi}"
            hint = (
                "Swap the two numbers: `min` is the fewest words expected and `max` the most "
                "allowed (they may be equal)."
            )
        else:
            return None
        return self.finding(credential.file, (*prompt.at, "words"), message, hint=hint, value=True)
