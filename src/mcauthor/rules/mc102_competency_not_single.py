"""MC102 competency-not-single: The competency is a list, or more than one sentence."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.placeholders import is_placeholder
from mcauthor.rules._text import split_sentences
from mcauthor.rules._util import raw
from mcauthor.rules.base import CredentialRule, Example

HINT = (
    "Write the one competency as a single sentence; a second skill belongs in its own "
    "micro-credential, and the details of how belong in the key method."
)


class CompetencyNotSingle(CredentialRule):
    """
    Digital Promise's first criterion: a micro-credential focuses on ONE competency, stated
    once. A list, or several sentences, usually means several skills, each of which would
    need its own evidence and rubric. Sentence counting ignores abbreviations like "e.g."
    and decimals like "2.5".
    """

    code = "MC102"
    name = "competency-not-single"
    severity = Severity.ERROR
    criterion = Criterion.COMPETENCY
    summary = "The competency is a list, or more than one sentence."
    bad = Example.credential(
        "competency:\n"
        "  - The educator gives students descriptive feedback.\n"
        "  - The educator sets learning goals with students.\n"
    )
    good = Example.credential(
        "competency: The educator gives students descriptive feedback, e.g. comments that "
        "name the next step toward a learning goal.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        at = ("competency",)
        value = credential.competency
        written = raw(catalog, credential.file, at)
        if isinstance(written, dict):
            yield self.finding(
                credential.file,
                at,
                "the competency is written as a mapping of keys, not as one sentence",
                hint="Write the competency as one sentence after `competency:`; a colon "
                "followed by a space starts a mapping, so quote text that contains `: `.",
                value=True,
            )
        elif isinstance(value, tuple):
            items = [item for item in value if item.strip()]
            if not items:
                return  # an empty list: MC101
            message = (
                "the competency is written as a list"
                if len(items) == 1
                else f"the competency is a list of {len(items)} statements"
            )
            yield self.finding(credential.file, at, message, hint=HINT, value=True)
        elif isinstance(value, str) and value.strip() and not is_placeholder(value):
            sentences = split_sentences(value)
            if len(sentences) > 1:
                yield self.finding(
                    credential.file,
                    at,
                    f"the competency has {len(sentences)} sentences",
                    hint=HINT,
                    value=True,
                )
