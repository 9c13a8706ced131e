"""MC514 placeholder-text: A text value is still a TODO, FIXME or TBD placeholder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.placeholders import MARKERS, is_placeholder
from mcauthor.rules._text import quote
from mcauthor.rules.base import Example, FileRule
from mcauthor.yamlread import YamlPath

_HINT = "Replace the placeholder text before publishing."


class PlaceholderText(FileRule):
    """
    `mcauthor new` writes `"TODO: ..."` placeholders for the author to replace, and
    authors leave `TODO`, `FIXME` and `TBD` notes of their own. A placeholder title,
    summary or rubric descriptor would be published on the site, in the guides and in the
    badge data. Checked: every value (not key) in credential, stack, research and
    `mcauthor.yaml` files that starts with `TODO`, `FIXME` or `TBD` in capitals, as a
    whole word followed by a colon, a space or nothing; `Todo list`, `TODOS` and a
    `TODO` later in the text pass. That includes a placeholder where a number, id or
    address goes (`hours: TODO`, `year: TODO`, `doi: TODO`, a stack's
    `credentials: ["TODO: ..."]`). A placeholder is this rule's alone: the type and
    format checks, the competency, DOI and address rules and every rule that follows an
    id, research key or file path (`research: [TODO]`, `image: TODO`) leave it to MC514,
    so each placeholder is one finding, whose hint says what to write there. A warning, so
    `mcauthor build` still previews a draft (and says how many placeholders are left)
    and `mcauthor build --strict` refuses it. A value repeated by a YAML alias is
    reported once, where it is written.
    """

    code = "MC514"
    name = "placeholder-text"
    severity = Severity.WARNING
    summary = "A text value is still a TODO, FIXME or TBD placeholder."
    bad = Example.credential('summary: "TODO: One or two plain sentences for the catalog card."\n')
    good = Example.credential(
        "summary: The educator gives feedback that turns a to-do list into next steps.\n"
    )

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        doc = catalog.documents.get(file)
        if doc is None or doc.parsed.fatal or not isinstance(doc.data, dict | list):
            return
        pruned = doc.parsed.placeholders  # the schema check removed these from the data
        if not pruned and not any(doc.mentions(marker) for marker in MARKERS):
            return  # the common case, told from the text without walking the data
        lines = doc.text.splitlines()
        found = [*_placeholders(doc.data), *sorted(pruned.items(), key=_order)]
        # A YAML alias (`*name`) repeats its anchor's value: report the value once,
        # where it is written, unless only the alias' copy is left to report.
        written = [(at, text) for at, text in found if not _copied(doc, lines, at)]
        texts = {text for _, text in written}
        copies = [(at, text) for at, text in found if text not in texts]
        for at, text in [*written, *copies]:
            yield self.finding(
                file,
                at,
                f'`{_name(at)}` is still a placeholder: "{quote(text, 60)}"',
                hint=hint(doc.kind, at),
                value=True,
            )


def hint(kind: str, at: YamlPath) -> str:
    """What to write in place of the placeholder at ``at``: the schema's description of
    the field and, where it has one, an example of a finished line."""
    from mcauthor.schema import field_schema

    field = field_schema(kind, at) or {}
    if "description" not in field and at and isinstance(at[-1], int):
        field = field_schema(kind, at[:-1]) or {}  # an item of a list: what the list holds
    described = field.get("description")
    if not isinstance(described, str):
        return _HINT
    key = next((part for part in reversed(at) if isinstance(part, str)), "")
    examples = [e for e in field.get("examples", ()) if isinstance(e, str | int | float)]
    text = f"In place of the placeholder, write: {described}"
    if not examples or isinstance(at[-1], int):
        return text
    example = examples[0]
    shown = example if not isinstance(example, str) or _plain(example) else f'"{example}"'
    return f"{text} Example: `{key}: {shown}`."


def _plain(text: str) -> bool:
    """Whether an example reads back as the same text without quotes (words, ids, URLs)."""
    return all(c.isalnum() or c in " -./_" for c in text) and not text[:1].isdigit()


def _placeholders(data: dict[str, Any] | list[Any]) -> Iterator[tuple[YamlPath, str]]:
    """Every text value (at any depth) that starts with a marker, with its path; one pass."""
    pending: list[tuple[Any, YamlPath]] = [(data, ())]
    while pending:
        node, at = pending.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                if is_placeholder(value):
                    yield (*at, key), value
            elif isinstance(value, dict | list):
                pending.append((value, (*at, key)))


def _order(item: tuple[YamlPath, str]) -> list[str]:
    """Recorded placeholders in a fixed order (the engine sorts findings by position)."""
    return [str(part) for part in item[0]]


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
