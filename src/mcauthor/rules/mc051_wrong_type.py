"""MC051 wrong-type: A value has the wrong type, e.g. text where a number is expected."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class WrongType(Rule):
    """
    Hours must be a number to add up stack totals; a title must be text, not a list.
    The message names the type that was expected.
    """

    code = "MC051"
    name = "wrong-type"
    severity = Severity.ERROR
    summary = "A value has the wrong type, e.g. text where a number is expected."
    phase = "load"
    bad = Example.credential('hours: "ten"\n')
    good = Example.credential("hours: 10\n")
