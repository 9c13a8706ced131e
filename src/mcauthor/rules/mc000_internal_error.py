"""MC000 internal-error: A rule failed on this catalog; the other rules still ran."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Rule


class InternalError(Rule):
    """
    A bug in mcauthor, not in your catalog. mcauthor never stops with a Python traceback:
    if one rule fails, the failure is reported here and every other rule still runs.
    Please report it with the file that triggers it.
    """

    code = "MC000"
    name = "internal-error"
    severity = Severity.ERROR
    summary = "A rule failed on this catalog; the other rules still ran."
    phase = "load"
    no_example = "It reports a bug in mcauthor itself, so no catalog can be written to trigger it."
