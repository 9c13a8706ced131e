"""MC005 multiple-documents: The file holds more than one YAML document."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule
from mcauthor.rules.examples import base_text

STACK = "stacks/example-stack.yaml"


class MultipleDocuments(Rule):
    """
    Each credential and stack lives in a file of its own. A second document after `---`
    would be ignored, which is almost never what the author meant.
    """

    code = "MC005"
    name = "multiple-documents"
    severity = Severity.ERROR
    summary = "The file holds more than one YAML document."
    phase = "load"
    bad = Example(whole={STACK: base_text(STACK) + "---\nid: second\n"})
    good = Example(whole={STACK: "---\n" + base_text(STACK)})
