"""MC502 duplicate-id: Two credentials, or two stacks, have the same id."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import repeats
from mcauthor.rules.base import Example, Rule


class DuplicateId(Rule):
    """
    Each micro-credential and each stack gets its own page, guide and Open Badges
    achievement under its id, and `requires` and stacks name credentials by id. Two files
    with one id (easy with subfolders) would overwrite each other's pages and make every
    reference to that id ambiguous.
    """

    code = "MC502"
    name = "duplicate-id"
    severity = Severity.ERROR
    summary = "Two credentials, or two stacks, have the same id."
    bad = Example(files={"credentials/archive/example.yaml": "title: An Older Copy\n"})
    good = Example(
        files={
            "credentials/archive/feedback-loops.yaml": "title: Feedback Loops\n",
            "stacks/example-stack.yaml": "credentials: [example, feedback-loops]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        kinds = (
            ("credential", [(c.file, c.id) for c in catalog.credentials]),
            ("stack", [(s.file, s.id) for s in catalog.stacks]),
        )
        for kind, items in kinds:
            for ident, file, first in repeats((ident, file) for file, ident in sorted(items)):
                yield self.finding(
                    file,
                    ("id",),
                    f"the {kind} id `{ident}` is already used by {first}",
                    hint=f"Give this {kind} its own id (and rename its file to match), "
                    "or remove one of the two files.",
                    value=True,
                )
