"""How ``mcauthor diff`` reports: a registry of formats (``text`` for the terminal,
``markdown`` for a pull-request comment or a job summary, ``json`` for tools).

Changed text is shown as a word-level diff of the two versions: removed words
``[-like this-]`` and added ones ``{+like this+}`` in text, ~~struck~~ and **bold** in
markdown. JSON (``schema_version`` 1): ``{"base", "head", "items": [{"item", "id",
"status", "title", "old_id", "kind", "version_before", "version_after", "changes":
[{"what", "kind", "before", "after"}]}], "versions": [{"id", "severity", "message",
"suggested"}]}``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import asdict

from mcauthor.diff import CatalogDiff, Change, ItemDiff
from mcauthor.diff.versions import VersionFinding
from mcauthor.words import markdown_inline

Render = Callable[[CatalogDiff, list[VersionFinding]], str]
LONG = 400  # characters of a text shown whole when it was added or removed
CONTEXT = 5  # unchanged words shown on each side of a change


def word_diff(before: str, after: str, marks: tuple[str, str, str, str]) -> str:
    """``after`` with the words that differ from ``before`` marked."""
    old, new = before.split(), after.split()
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            same = new[b1:b2]
            # Long unchanged runs shortened to their ends: the change is what matters.
            if len(same) > 2 * CONTEXT + 1:
                same = [*([] if b1 == 0 else same[:CONTEXT]), "…", *same[-CONTEXT:]]
                same = same if b2 < len(new) else same[: same.index("…") + 1]
            out += same
            continue
        if op in ("delete", "replace"):
            out.append(marks[0] + " ".join(old[a1:a2]) + marks[1])
        if op in ("insert", "replace"):
            out.append(marks[2] + " ".join(new[b1:b2]) + marks[3])
    return " ".join(out)


def _short(text: str) -> str:
    return text if len(text) <= LONG else text[: LONG - 1].rstrip() + "…"


def _summary(diff: CatalogDiff) -> str:
    items = diff.changed()
    if not items:
        return "No credential or stack changed."
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in counts.items()) + "."


def _label(item: ItemDiff) -> str:
    what = f"{item.item} `{item.id}`"
    if item.status == "renamed":
        return f"{what} (renamed from `{item.old_id}`)"
    return what


def _version(item: ItemDiff) -> str:
    if item.version_before and item.version_after and item.version_before != item.version_after:
        return f", version {item.version_before} → {item.version_after}"
    return ""


def text(diff: CatalogDiff, versions: list[VersionFinding]) -> str:
    lines = [f"Comparing {diff.base} with {diff.head}: {_summary(diff)}"]
    for item in diff.changed():
        kind = f" [{item.kind}]" if item.kind else ""
        lines.append(f"\n{item.status.upper()} {_label(item)}: {item.title}{kind}{_version(item)}")
        for change in item.changes:
            lines.append(f"  {change.kind:<11} {change.what}: {_change_text(change, TEXT_MARKS)}")
    lines += _version_lines(versions)
    return "\n".join(lines) + "\n"


TEXT_MARKS = ("[-", "-]", "{+", "+}")


def _change_text(change: Change, marks: tuple[str, str, str, str]) -> str:
    if change.before is None:
        return f"added: {_short(change.after or '')}"
    if change.after is None:
        return f"removed: {_short(change.before)}"
    return word_diff(change.before, change.after, marks)


def _version_lines(versions: list[VersionFinding]) -> list[str]:
    if not versions:
        return []
    return ["", *(f"{v.severity}: {v.message}" for v in versions)]


def markdown(diff: CatalogDiff, versions: list[VersionFinding]) -> str:
    lines = ["## Catalog changes", "", f"Comparing {diff.base} with {diff.head}: {_summary(diff)}"]
    if versions:
        lines += ["", "### Versions", ""]
        lines += [f"- **{v.severity}**: {markdown_inline(v.message)}" for v in versions]
    marks = ("~~", "~~", "**", "**")
    for item in diff.changed():
        kind = f" ({item.kind})" if item.kind else ""
        title = markdown_inline(item.title)
        lines += ["", f"### {item.status.capitalize()}: {title}{kind}", ""]
        lines.append(f"{_label(item)}{_version(item)}")
        if item.changes:
            lines += ["", "| change | class | what |", "|---|---|---|"]
            for change in item.changes:
                shown = _change_text(_escaped(change), marks).replace("|", "\\|")
                lines.append(f"| {markdown_inline(change.what)} | {change.kind} | {shown} |")
    return "\n".join(lines) + "\n"


def _escaped(change: Change) -> Change:
    def esc(value: str | None) -> str | None:
        return None if value is None else markdown_inline(value)

    return Change(change.what, change.kind, esc(change.before), esc(change.after))


def as_json(diff: CatalogDiff, versions: list[VersionFinding]) -> str:
    items = []
    for item in diff.changed():
        entry = asdict(item)
        entry["kind"] = item.kind
        entry.pop("published", None)
        items.append(entry)
    body = {
        "schema_version": 1,
        "base": diff.base,
        "head": diff.head,
        "items": items,
        "versions": [asdict(v) for v in versions],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Render] = {"text": text, "markdown": markdown, "json": as_json}
