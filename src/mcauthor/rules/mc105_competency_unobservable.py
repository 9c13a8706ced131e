"""MC105 competency-unobservable: The competency uses a verb a reviewer cannot observe."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._text import OBJECT_STARTERS, Slot, verb_slots
from mcauthor.rules._util import competency_text, join_words
from mcauthor.rules.base import CredentialRule, Example

# States of mind: true or not, nobody can see them in a submission.
UNOBSERVABLE = frozenset(
    {
        "understand", "understands", "know", "knows", "appreciate", "appreciates", "learn",
        "learns", "believe", "believes", "value", "values", "recognize", "recognizes",
        "recognise", "recognises", "feel", "feels", "comprehend", "comprehends",
    }
)  # fmt: skip
# "is aware of", "is familiar with", "becomes aware": after is/are/be/become.
STATES = frozenset({"aware", "familiar", "knowledgeable", "cognizant", "conscious"})
_BECOME = frozenset({"become", "becomes"})
_HAS_UNDERSTANDING = re.compile(
    r"(?:has|have|gains?|possess(?:es)?|develops?|builds?|deepens?)\s+"
    r"(?:(?:a|an)\s+)?(?:[a-z]+ly\s+)?(?:(?:deep|deeper|clear|strong|solid|thorough|working|"
    r"basic|good|broad|full|firm|sound|growing|better)\s+)?"
    r"(?:understanding|knowledge|awareness|appreciation)\b",
    re.IGNORECASE,
)


def unobservable_phrase(text: str, slot: Slot) -> str | None:
    """The unobservable verb phrase at ``slot``, like `understands` or `is aware`."""
    word = slot.word.lower
    if word in UNOBSERVABLE:
        # "cultures and values" is a noun: after "and", the verb needs an object
        noun = word in ("value", "values") and slot.opener != "actor" and not slot.adjacent
        if noun and (slot.next is None or slot.next.lower not in OBJECT_STARTERS):
            return None
        return text[slot.start : slot.word.end]
    if word in STATES and slot.modal:
        return text[slot.start : slot.word.end]
    if word in _BECOME and slot.next is not None and slot.next.lower in STATES:
        return text[slot.start : slot.next.end]
    match = _HAS_UNDERSTANDING.match(text, slot.word.start)
    if match:
        return text[slot.start : match.end()]
    return None


class CompetencyUnobservable(CredentialRule):
    """
    Reviewers score evidence, and evidence can only show what an educator does. A
    competency that the educator "understands", "knows" or "is aware of" something cannot
    be demonstrated or scored; name the action that shows it instead. Only the actor's own
    verbs count: "so that students understand the goal" is fine.
    """

    code = "MC105"
    name = "competency-unobservable"
    severity = Severity.WARNING
    criterion = Criterion.COMPETENCY
    summary = "The competency uses a verb a reviewer cannot observe, like `understands`."
    bad = Example.credential(
        "competency: The educator understands how descriptive feedback moves learning forward.\n"
    )
    good = Example.credential(
        "competency: The educator gives students descriptive feedback so that they understand "
        "the next step toward a learning goal.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        text = competency_text(credential, catalog)
        if text is None:
            return
        found: list[str] = []
        for slot in verb_slots(text):
            phrase = unobservable_phrase(text, slot)
            if phrase is not None:
                found.append(" ".join(phrase.split()))
        if not found:
            return
        words = join_words(list(dict.fromkeys(found)))
        yield self.finding(
            credential.file,
            ("competency",),
            f"the competency uses {words}, which a reviewer cannot observe",
            hint="Name what the educator does that shows it, like `designs`, `analyzes` or "
            "`gives feedback`: evidence and rubrics can only score actions.",
            value=True,
        )
