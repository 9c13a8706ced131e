"""MC050 unknown-key: A key that the format does not define (often a typo)."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class UnknownKey(Rule):
    """
    A misspelt key (`titel:`) is otherwise silently ignored and its content never published.
    The message suggests the nearest known key. Keys starting with `x-` are yours to use.
    """

    code = "MC050"
    name = "unknown-key"
    severity = Severity.ERROR
    summary = "A key that the format does not define (often a typo)."
    phase = "load"
    bad = Example.credential("titel: Feedback\n")
    good = Example.credential("x-internal-note: Reviewed in May.\n")
