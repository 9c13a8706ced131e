"""MC501 id-mismatch: A credential's or stack's id differs from its file name."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules.base import Example, Rule


class IdMismatch(Rule):
    """
    The id is how other files, web addresses and Open Badges refer to a micro-credential
    or a stack, and the file name is how people find it in the repository. When the two
    differ, links and `requires` entries written from one of them break.
    """

    code = "MC501"
    name = "id-mismatch"
    severity = Severity.ERROR
    summary = "A credential's or stack's id differs from its file name."
    bad = Example(
        files={
            "credentials/example.yaml": "id: feedback-basics\n",
            "stacks/example-stack.yaml": "credentials: [feedback-basics]\n",
        }
    )
    good = Example.credential("id: example\n")

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        items = [(c.file, c.id, c.stem) for c in catalog.credentials]
        items += [(s.file, s.id, s.stem) for s in catalog.stacks]
        for file, ident, stem in items:
            # The model falls back to the stem when the id is absent or invalid.
            if ident == stem:
                continue
            name = file.rsplit("/", 1)[-1]
            suffix = name[len(stem) :] or ".yaml"
            yield self.finding(
                file,
                ("id",),
                f"the id `{ident}` differs from the file name `{name}`",
                hint=f"Rename the file to `{ident}{suffix}` or change the id to `{stem}`: "
                "the id must equal the file name without its extension.",
                value=True,
            )
