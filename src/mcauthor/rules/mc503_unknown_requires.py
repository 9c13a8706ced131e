"""MC503 unknown-requires: A `requires` entry names no credential (or, in a stack, no stack)."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import did_you_mean, known_ids, string_items
from mcauthor.rules.base import Example, Rule


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
                for i, name in string_items(catalog, file, ("requires",), requires):
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
