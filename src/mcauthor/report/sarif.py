"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Where files are: every location is a percent-encoded URI relative to ``%SRCROOT%``, and
``%SRCROOT%`` is the root of the git work tree that holds the catalog (the repository
checkout, which is what code scanning maps results onto), or the catalog root when the
catalog is not in git. So the report is the same from whatever folder lint runs in.
Inside git, ``versionControlProvenance`` names the repository and the commit. The caller
finds all that (:func:`mcauthor.checkout.find`) and hands it in: the report runs nothing.

Each rule's ``helpUri`` is its section of docs/rules.md (the anchor GitHub gives the
rule's heading), under a base address the person running lint may change
(``--rules-url``), for a fork or a mirror of the documentation.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mcauthor import __version__
from mcauthor.checkout import Checkout
from mcauthor.diagnostics import Diagnostic, Reported
from mcauthor.report import Options
from mcauthor.rules import all_rules
from mcauthor.rules.base import Rule
from mcauthor.rules.examples import describe

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
HOME = "https://github.com/mcauthor/mcauthor"
# The rules' documentation on the main branch: the repository has no release tags yet, and
# a link to a tag that does not exist is a 404. `--rules-url` (MCAUTHOR_RULES_URL) pins a
# tag's copy, whose anchors stay as that version wrote them.
RULES_URL = f"{HOME}/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a markdown heading: lowercase, punctuation other than
    hyphens and underscores removed, spaces made hyphens (``MC501 id-mismatch`` →
    ``mc501-id-mismatch``)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def help_uri(rule: type[Rule], rules_url: str = RULES_URL) -> str:
    """The rule's section in docs/rules.md, whose headings are ``## CODE name``."""
    return f"{rules_url.split('#')[0]}#{anchor(f'{rule.code} {rule.name}')}"


def _rule(rule: type[Rule], rules_url: str) -> dict[str, Any]:
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
        "helpUri": help_uri(rule, rules_url),
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {
            "criterion": rule.criterion.value if rule.criterion else None,
            "tags": ["micro-credential"] + ([rule.criterion.value] if rule.criterion else []),
        },
    }


# -- where the files are ------------------------------------------------------------------


def _provenance(checkout: Checkout) -> dict[str, Any] | None:
    """``versionControlProvenance``: the repository, commit and branch; None outside git."""
    if checkout.repository is None:
        return None
    details: dict[str, Any] = {"repositoryUri": checkout.repository}
    if checkout.revision is not None:
        details["revisionId"] = checkout.revision
    if checkout.branch is not None:
        details["branch"] = checkout.branch
    details["mappedTo"] = {"uriBaseId": SRCROOT}
    return details


def _location(checkout: Checkout, d: Diagnostic) -> dict[str, Any]:
    path = os.path.normpath(os.path.join(checkout.catalog, d.path))
    physical: dict[str, Any] = {
        "artifactLocation": {
            # RFC 3986: spaces, `%`, `#`, `?` and non-ASCII letters are percent-encoded.
            "uri": quote(Path(path).as_posix(), safe="/"),
            "uriBaseId": SRCROOT,
        }
    }
    if d.line >= 1:  # line 0: the file (or the catalog) as a whole, no region
        region = {"startLine": d.line}
        if d.column >= 1:
            region["startColumn"] = d.column
        physical["region"] = region
    return {"physicalLocation": physical}


def as_dict(result: Reported, checkout: Checkout, rules_url: str = RULES_URL) -> dict[str, Any]:
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
                "locations": [_location(checkout, d)],
            }
        )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mcauthor",
                "version": __version__,
                "informationUri": HOME,
                "rules": [_rule(rule, rules_url) for rule in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": checkout.root.as_uri().rstrip("/") + "/"}},
    }
    provenance = _provenance(checkout)
    if provenance is not None:
        run["versionControlProvenance"] = [provenance]
    run |= {"columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def report(result: Reported, options: Options) -> str:
    # The registry marks sarif `in_git`: the caller has found the checkout.
    assert options.checkout is not None
    return render(result, options.checkout, options.rules_url or RULES_URL)


def render(result: Reported, checkout: Checkout, rules_url: str = RULES_URL) -> str:
    return json.dumps(as_dict(result, checkout, rules_url), indent=2, ensure_ascii=False) + "\n"
