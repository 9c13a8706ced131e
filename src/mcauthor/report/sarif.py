"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from typing import Any

from mcauthor import __version__
from mcauthor.lint import LintResult
from mcauthor.report import workspace, workspace_path
from mcauthor.rules import all_rules
from mcauthor.rules.base import Rule
from mcauthor.rules.examples import describe

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
HELP_URI = "https://github.com/mcauthor/mcauthor#rules"


def _rule(rule: type[Rule]) -> dict[str, Any]:
    text = rule.why()
    markdown = f"{text}\n"
    if rule.bad is not None:
        markdown += f"\n**Failing example**\n\n```yaml\n{describe(rule.bad)}\n```\n"
    if rule.good is not None:
        markdown += f"\n**Passing example**\n\n```yaml\n{describe(rule.good)}\n```\n"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": markdown},
        "helpUri": f"{HELP_URI}-{rule.code.lower()}",
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {
            "criterion": rule.criterion.value if rule.criterion else None,
            "tags": ["micro-credential"] + ([rule.criterion.value] if rule.criterion else []),
        },
    }


def as_dict(result: LintResult) -> dict[str, Any]:
    base = workspace()
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for d in result.diagnostics:
        message = d.message + (f" ({d.hint})" if d.hint else "")
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _LEVEL[d.severity.value],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": workspace_path(result.root, d.path, base),
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": {"startLine": d.line, "startColumn": d.column},
                        }
                    }
                ],
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mcauthor",
                        "version": __version__,
                        "informationUri": HELP_URI.split("#")[0],
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": base.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(result: LintResult) -> str:
    return json.dumps(as_dict(result), indent=2, ensure_ascii=False) + "\n"
