"""The registry of every lint rule, in code order. Codes are stable: a retired rule keeps
its number in ``RETIRED`` and the number is never given to another rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mcauthor.rules.base import CredentialRule, Example, Rule


@dataclass(frozen=True)
class Retired:
    """A rule that is gone. Its code and name stay known, so that a suppression, a
    `lint.rules` entry or `--select` that names it is explained, not taken for a typo."""

    name: str
    summary: str  # what it found
    replaced_by: str | None  # the code that reports its case now, if any
    note: str  # why it went, for `mcauthor rules CODE`

    def replacement(self) -> str | None:
        """The rule that replaces it, as ``MC606 (stack-draft-credential)``."""
        if not self.replaced_by:
            return None
        new = by_code().get(self.replaced_by)
        return f"{self.replaced_by} ({new.name})" if new else self.replaced_by

    def explain(self, code: str) -> str:
        """One clause for messages: what became of the rule."""
        new = self.replacement()
        return f"{code} ({self.name}) was retired" + (f"; {new} replaces it" if new else "")


# Retired codes and what they were. Never reuse one.
RETIRED: dict[str, Retired] = {
    "MC604": Retired(
        name="stack-all-drafts",
        summary="A published stack holds only draft credentials.",
        replaced_by="MC606",
        note="MC606 reports every draft credential in a published stack, as an error, "
        "whether or not the stack's other credentials are drafts too.",
    ),
}


def retired(code_or_name: str) -> tuple[str, Retired] | None:
    """The retired rule that a code (any case) or name refers to, with its code."""
    for code, gone in RETIRED.items():
        if code_or_name.upper() == code or code_or_name == gone.name:
            return code, gone
    return None


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, in code order (the table is :data:`.registry.RULES`)."""
    # Imported here so that `mcauthor --help` does not pay for importing every rule.
    from mcauthor.rules.registry import RULES

    return tuple(sorted(RULES, key=lambda r: r.code))


@cache
def by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in all_rules()}


__all__ = [
    "RETIRED",
    "CredentialRule",
    "Example",
    "Retired",
    "Rule",
    "all_rules",
    "by_code",
    "retired",
]
