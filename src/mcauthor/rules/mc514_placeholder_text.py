"""MC514 placeholder-text: A text value is still a TODO, FIXME or TBD placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._text import quote
from mcauthor.rules.base import Example, Rule
from mcauthor.yamlread import YamlPath

# A marker in capitals, as a whole word at the start of the text (after any spaces), then a
# colon, a space or the end: "TODO: ...", "TBD", "FIXME later"; not "Todo", "TODOS", "TBD.".
_MARKERS = ("TODO", "FIXME", "TBD")
_MARKER = re.compile(r"\s*(?:TODO|FIXME|TBD)(?::|\s|$)")
_HINT = "Replace the placeholder text before publishing."


class PlaceholderText(Rule):
    """
    `mcauthor new` writes `"TODO: ..."` placeholders for the author to replace, and
    authors leave `TODO`, `FIXME` and `TBD` notes of their own. Other rules catch a
    placeholder only where it happens to break them (a `TODO` address, a competency that
    does not start with who acts); a placeholder title, summary or rubric descriptor
    passes them and would be published on the site, in the guides and in the badge data.
    Checked: every text value (not key) in credential, stack, research and
    `mcauthor.yaml` files that starts with `TODO`, `FIXME` or `TBD` in capitals, as a
    whole word followed by a colon, a space or nothing; `Todo list`, `TODOS` and a
    `TODO` later in the text pass. A warning, so `mcauthor build` still previews a draft
    and `mcauthor build --strict` refuses it. A value repeated by a YAML alias is
    reported once, where it is written; a value the schema check removed as the wrong
    type (like `hours: TODO`) is reported by MC051 instead.
    """

    code = "MC514"
    name = "placeholder-text"
    severity = Severity.WARNING
    summary = "A text value is still a TODO, FIXME or TBD placeholder."
    bad = Example.credential('summary: "TODO: One or two plain sentences for the catalog card."\n')
    good = Example.credential(
        "summary: The educator gives feedback that turns a to-do list into next steps.\n"
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for file, doc in catalog.documents.items():
            if doc.parsed.fatal or not isinstance(doc.data, dict | list):
                continue
            if not any(marker in doc.text for marker in _MARKERS):
                continue  # the common case, told from the text without walking the data
            found = list(_placeholders(doc.data))
            if not found:
                continue
            # A YAML alias (`*name`) repeats its anchor's value: report the value once,
            # where it is written, unless only the alias' copy is left to report.
            lines = doc.text.splitlines()
            written = [(at, text) for at, text in found if not _copied(doc, lines, at)]
            texts = {text for _, text in written}
            copies = [(at, text) for at, text in found if text not in texts]
            for at, text in [*written, *copies]:
                yield self.finding(
                    file,
                    at,
                    f'`{_name(at)}` is still a placeholder: "{quote(text, 60)}"',
                    hint=_HINT,
                    value=True,
                )


def _placeholders(data: dict[str, Any] | list[Any]) -> Iterator[tuple[YamlPath, str]]:
    """Every text value (at any depth) that starts with a marker, with its path; one pass."""
    pending: list[tuple[Any, YamlPath]] = [(data, ())]
    while pending:
        node, at = pending.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                if (value.startswith(_MARKERS) or value[:1].isspace()) and _MARKER.match(value):
                    yield (*at, key), value
            elif isinstance(value, dict | list):
                pending.append((value, (*at, key)))


def _copied(doc: Any, lines: list[str], at: YamlPath) -> bool:
    """Whether the value at ``at`` was put there by an alias rather than written there."""
    line: int
    column: int
    line, column = doc.locate(at, value=True)  # also reads positions for a cached document
    values: dict[YamlPath, tuple[int, int]] = doc.parsed.values
    if at not in values:
        return True  # inside a list or mapping that an alias repeats
    return 0 < line <= len(lines) and lines[line - 1][column - 1 : column] == "*"


def _name(at: YamlPath) -> str:
    """A readable path: `title`, `rubric.criteria[0].descriptors.demonstrated`, `[2].note`."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
