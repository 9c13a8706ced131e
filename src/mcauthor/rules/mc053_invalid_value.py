"""MC053 invalid-value: A value is outside what the format allows."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class InvalidValue(Rule):
    """
    Values such as `status`, evidence `kind` and ids come from a fixed set or pattern
    that the site, the guides and the exports depend on. Numbers must be finite: YAML
    reads `.inf`, `.nan` and literals too large for a number (`1e400`) as infinity or
    "not a number", which no hours total, duration or badge credit can use.
    """

    code = "MC053"
    name = "invalid-value"
    severity = Severity.ERROR
    summary = "A value is outside what the format allows (an unknown status, a malformed id...)."
    phase = "load"
    bad = Example.credential("status: publised\n")
    good = Example.credential("status: published\n")
