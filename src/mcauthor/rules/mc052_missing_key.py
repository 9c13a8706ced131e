"""MC052 missing-key: A required key is missing."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class MissingKey(Rule):
    """
    Some keys identify a thing and nothing works without them: every credential and
    stack needs `id` and `title`, every evidence part an `id`. The diagnostic points at the
    mapping that lacks the key.
    """

    code = "MC052"
    name = "missing-key"
    severity = Severity.ERROR
    summary = "A required key is missing."
    phase = "load"
    bad = Example.credential(omit=("title",))
    good = Example.credential("title: Using Feedback\n")
