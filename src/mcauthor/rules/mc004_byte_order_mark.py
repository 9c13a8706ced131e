"""MC004 byte-order-mark: The file starts with a byte-order mark."""

from __future__ import annotations

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.fixes import Fix, FixContext
from mcauthor.rules.base import Example, Rule
from mcauthor.rules.examples import base_text


class ByteOrderMark(Rule):
    """
    A byte-order mark is an invisible character some editors put at the start of a file.
    mcauthor skips it, but other YAML tools may read it as part of the first key.
    """

    code = "MC004"
    name = "byte-order-mark"
    severity = Severity.WARNING
    summary = "The file starts with a byte-order mark."
    phase = "load"
    bad = Example(raw={"mcauthor.yaml": b"\xef\xbb\xbf" + base_text("mcauthor.yaml").encode()})
    good = Example(raw={"mcauthor.yaml": base_text("mcauthor.yaml").encode()})
    fix_summary = "Removes the byte-order mark."

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        source = context.source(diagnostic.path)
        if source is None or not source.bom:
            return []  # an editor keeps the mark out of its buffer: nothing to remove there
        return [Fix("Remove the byte-order mark", (source.edit(0, 1, ""),))]
