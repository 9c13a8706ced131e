"""Hover: a finding's rule (summary, why, how to fix), a key's schema description, and
what a name (credential or stack id, research key, evidence part, level, scale) names."""

from __future__ import annotations

from mcauthor import schema
from mcauthor.diagnostics import Diagnostic
from mcauthor.lint import LintResult
from mcauthor.lsp.cursor import Spot
from mcauthor.lsp.names import describe, message_md, target_at, text_md
from mcauthor.report.sarif import help_uri
from mcauthor.rules import by_code


def finding_text(d: Diagnostic) -> str:
    """A finding explained: the rule, why it exists, the hint, the link to its docs."""
    rule = by_code().get(d.code)
    if rule is None:
        return f"**{text_md(d.code)}**: {message_md(d.message)}"
    parts = [
        f"**{rule.code} {rule.name}** ({d.severity.value}): {rule.summary}",
        message_md(d.message),  # catalog names and text: never markup
    ]
    if d.hint:
        parts.append(f"**Fix:** {message_md(d.hint)}")
    why = rule.why()
    if why:
        parts.append(why)
    parts.append(f"[{rule.code} in the rules reference]({help_uri(rule)})")
    return "\n\n".join(parts)


def key_text(kind: str, spot: Spot) -> str | None:
    """The schema's description of the key at ``spot`` (and its choices, if fixed)."""
    node = schema.field_schema(kind, spot.path)
    parent = schema.field_schema(kind, spot.path[:-1])
    raw = (parent or {}).get("properties", {}).get(spot.path[-1])
    description = raw.get("description") if isinstance(raw, dict) else None
    if not isinstance(description, str) and node is not None:
        description = node.get("description")
    if not isinstance(description, str):
        return None
    text = f"**{text_md(str(spot.path[-1]))}**: {description}"
    choices = (node or {}).get("enum")
    if isinstance(choices, list) and choices:
        text += "\n\nOne of: " + ", ".join(f"`{c}`" for c in choices)
    return text


def hover_text(
    result: LintResult, rel: str, kind: str, spot: Spot | None, findings: list[Diagnostic]
) -> str | None:
    """Everything worth saying about the cursor's place, joined by rules."""
    parts = [finding_text(d) for d in findings]
    if spot is not None:
        target = target_at(result, rel, spot)
        if target is not None:
            parts.append(describe(result, target))
        elif spot.is_key:
            text = key_text(kind, spot)
            if text:
                parts.append(text)
    return "\n\n---\n\n".join(parts) if parts else None
