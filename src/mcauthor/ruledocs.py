"""Rule documentation for ``mcauthor rules``, built from the rule classes themselves.

The examples shown here are the same objects the test suite runs, so the docs cannot
drift from what the rules do.
"""

from __future__ import annotations

import json

from mcauthor.rules import all_rules
from mcauthor.rules.base import Rule
from mcauthor.rules.examples import describe


def find(code_or_name: str) -> type[Rule] | None:
    for rule in all_rules():
        if code_or_name.upper() == rule.code or code_or_name == rule.name:
            return rule
    return None


def _criterion(rule: type[Rule]) -> str:
    return rule.criterion.value if rule.criterion else "-"


def listing(fmt: str = "text") -> str:
    rules = all_rules()
    if fmt == "json":
        return json.dumps([_as_dict(r) for r in rules], indent=2) + "\n"
    if fmt == "markdown":
        rows = ["| Code | Name | Severity | Criterion | What it finds |", "|---|---|---|---|---|"]
        rows += [
            f"| {r.code} | `{r.name}` | {r.severity.value} | {_criterion(r)} | {r.summary} |"
            for r in rules
        ]
        return "\n".join(rows) + "\n"
    width = max(len(r.name) for r in rules)
    lines = [
        f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {_criterion(r):<10}  {r.summary}"
        for r in rules
    ]
    return "\n".join(lines) + "\n"


def _as_dict(rule: type[Rule]) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "criterion": rule.criterion.value if rule.criterion else None,
        "summary": rule.summary,
        "why": rule.why(),
        "bad": describe(rule.bad) if rule.bad else None,
        "good": describe(rule.good) if rule.good else None,
    }


def document(rule: type[Rule], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(_as_dict(rule), indent=2) + "\n"
    fence = "```yaml\n" if fmt == "markdown" else ""
    end = "```\n" if fmt == "markdown" else ""
    title = f"## {rule.code} {rule.name}" if fmt == "markdown" else f"{rule.code} {rule.name}"
    parts = [
        title,
        "",
        rule.summary,
        "",
        f"Severity: {rule.severity.value}    Criterion: {_criterion(rule)}",
        "",
        rule.why(),
        "",
    ]
    if rule.bad is not None:
        parts += ["Failing example:", "", fence + describe(rule.bad) + "\n" + end]
    if rule.good is not None:
        parts += ["Passing example:", "", fence + describe(rule.good) + "\n" + end]
    if rule.no_example:
        parts += [f"No example: {rule.no_example}", ""]
    parts += [
        "Turn it off or change its severity in mcauthor.yaml:",
        "",
        fence + f'lint:\n  rules:\n    {rule.code}: "off"   # or error | warning | info\n' + end,
    ]
    return "\n".join(parts)
