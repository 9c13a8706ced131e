"""MC011 yaml11-value: An unquoted value means something else to YAML 1.1 tools."""

from __future__ import annotations

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.fixes import Fix, FixContext, scalar
from mcauthor.rules.base import Example, Rule


class Yaml11Value(Rule):
    """
    In YAML 1.1, which PyYAML and many tools still use, unquoted `no`, `off` and `yes`
    are booleans, `2024-05-01` is a date, `010` is octal 8 and `1.10` is the number 1.1.
    mcauthor reads YAML 1.2 and keeps your text, but other tools would not: quote it.
    (Unquoted `off` in `lint.rules` is fine: it means off.)
    """

    code = "MC011"
    name = "yaml11-value"
    severity = Severity.WARNING
    summary = "An unquoted value means something else to YAML 1.1 tools."
    phase = "load"
    bad = Example.credential("title: no\nversion: 1.10\n")
    good = Example.credential('title: "no"\nversion: "1.10"\n')
    fix_summary = "Quotes the value as written, so that every tool reads the same text."

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        source = context.source(diagnostic.path)
        if source is None:
            return []
        parsed = source.parsed
        where = (diagnostic.line, diagnostic.column)
        for path, text in parsed.plain.items():
            if parsed.values.get(path) != where:
                continue
            node = source.node(path)
            if node is None or source.text[node.start : node.end] != text:
                return []  # a tag or an anchor before it, or a plain text over lines
            return [Fix(f"Quote `{text}`", (source.edit(node.start, node.end, scalar(text)),))]
        return []
