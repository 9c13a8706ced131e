"""MC001 yaml-syntax: The file is not valid YAML."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import CREDENTIAL, Example, Rule


class YamlSyntax(Rule):
    """
    A file that is not valid YAML cannot be read at all, so none of its content can be
    checked or published. The diagnostic points at the line where the broken construct
    (an unclosed quote or bracket, a bad indent) starts; the hint says where it breaks.
    """

    code = "MC001"
    name = "yaml-syntax"
    severity = Severity.ERROR
    summary = "The file is not valid YAML."
    phase = "load"
    bad = Example(whole={CREDENTIAL: 'id: example\ntitle: "Unclosed quote\nhours: 10\n'})
    good = Example.credential('title: "Closed quote"\n')
