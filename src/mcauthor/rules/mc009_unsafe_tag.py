"""MC009 unsafe-tag: A value carries a YAML tag such as `!!python/object`."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class UnsafeTag(Rule):
    """
    Tags like `!!python/object/apply` make some YAML readers run code. mcauthor never
    does, but a catalog may be read by other tools too, and plain data never needs a tag.
    """

    code = "MC009"
    name = "unsafe-tag"
    severity = Severity.ERROR
    summary = "A value carries a YAML tag such as `!!python/object`."
    phase = "load"
    bad = Example.credential("summary: !!python/object/apply:os.system [echo hi]\n")
    good = Example.credential("summary: A plain summary.\n")
