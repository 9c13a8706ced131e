"""MC054 unknown-rule: `lint.rules` in mcauthor.yaml names a rule that does not exist."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class UnknownRule(Rule):
    """
    A misspelt rule code in the config would silently fail to change anything.
    """

    code = "MC054"
    name = "unknown-rule"
    severity = Severity.WARNING
    summary = "`lint.rules` in mcauthor.yaml names a rule that does not exist."
    phase = "load"
    bad = Example(files={"mcauthor.yaml": 'lint:\n  rules: {MC999: "off"}\n'})
    good = Example(files={"mcauthor.yaml": 'lint:\n  rules: {MC011: "off"}\n'})
