"""MC900 unused-suppression: A `# mcauthor: disable=...` comment suppresses nothing."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class UnusedSuppression(Rule):
    """
    Suppressions that no longer match anything hide nothing but still tell readers that
    something is wrong there; remove them when the problem is fixed.
    """

    code = "MC900"
    name = "unused-suppression"
    severity = Severity.INFO
    summary = "A `# mcauthor: disable=...` comment suppresses nothing."
    phase = "load"
    bad = Example.credential("hours: 10  # mcauthor: disable=MC509 -- hours are set\n")
    good = Example.credential("hours: 10\n")
