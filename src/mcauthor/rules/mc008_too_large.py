"""MC008 too-large: The file is absurdly large or nested too deeply."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import CREDENTIAL, Example, Rule


class TooLarge(Rule):
    """
    Credential files are a few kilobytes with a handful of levels. A file over 1 MiB or
    nested more than 48 levels deep is broken or hostile, and reading it could exhaust
    memory or the stack, so it is refused.
    """

    code = "MC008"
    name = "too-large"
    severity = Severity.ERROR
    summary = "The file is absurdly large or nested too deeply."
    phase = "load"
    bad = Example(whole={CREDENTIAL: "id: example\ntitle: " + "[" * 60 + "]" * 60 + "\n"})
    good = Example()  # the example catalog nests a few levels deep, as real ones do
