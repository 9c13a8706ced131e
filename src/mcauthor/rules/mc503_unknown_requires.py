"""MC503 unknown-requires: A `requires` entry names no credential (or, in a stack, no stack)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules.base import Example, Rule


def raw_strings(
    catalog: Catalog, file: str, key: str, fallback: Iterable[str] = ()
) -> list[tuple[int, str]]:
    """The text items of the list at top-level ``key`` of ``file``, with their indexes.

    Indexes are those of the file (the schema step blanks invalid items but keeps the
    positions), so findings can point at the very item. Without the document (a catalog
    built by hand), the model's values are used.
    """
    doc = catalog.documents.get(file)
    if doc is None:
        return list(enumerate(fallback))
    data = getattr(doc, "data", None)
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)]


def known_ids(catalog: Catalog, kind: str) -> set[str]:
    """Ids of every credential (or stack), plus the file stems of those files of that kind
    that could not be read at all (already reported; naming them is not a second problem).
    """
    items = catalog.credentials if kind == "credential" else catalog.stacks
    ids = {item.id for item in items}
    for doc in catalog.documents.values():
        if getattr(doc, "kind", None) != kind:
            continue
        if doc.data is None or doc.parsed.fatal:
            ids.add(doc.stem)
    return ids


def did_you_mean(name: str, ids: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(ids), n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


class UnknownRequires(Rule):
    """
    `requires` tells educators which micro-credentials (or stacks) to earn first. An entry
    that names nothing in the catalog, usually a typo or a renamed id, leaves a dead link on
    the published page and hides the real prerequisite.
    """

    code = "MC503"
    name = "unknown-requires"
    severity = Severity.ERROR
    summary = "A `requires` entry names no credential (or, in a stack, no stack)."
    bad = Example(
        files={
            "credentials/example.yaml": "requires: [peer-feedbak]\n",
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [peer-feedback, example]\n",
        }
    )
    good = Example(
        files={
            "credentials/example.yaml": "requires: [peer-feedback]\n",
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [peer-feedback, example]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        groups = (
            ("credential", [(c.file, c.requires) for c in catalog.credentials]),
            ("stack", [(s.file, s.requires) for s in catalog.stacks]),
        )
        for kind, items in groups:
            ids = known_ids(catalog, kind)
            for file, requires in items:
                for i, name in raw_strings(catalog, file, "requires", requires):
                    if name in ids:
                        continue
                    yield self.finding(
                        file,
                        ("requires", i),
                        f"`requires` names `{name}`, which is no {kind} in this catalog"
                        + did_you_mean(name, ids),
                        hint=f"Use the id of a {kind} in {kind}s/, or remove the entry.",
                        value=True,
                    )
