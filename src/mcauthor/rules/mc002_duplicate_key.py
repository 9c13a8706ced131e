"""MC002 duplicate-key: A key appears twice in the same mapping."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class DuplicateKey(Rule):
    """
    YAML readers keep only the last of two equal keys and drop the first without a word,
    so text you wrote would silently disappear from the published credential.
    """

    code = "MC002"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "A key appears twice in the same mapping."
    phase = "load"
    bad = Example.credential("hours: 10\nhours: 12\n")
    good = Example.credential("hours: 12\n")
