"""MC501 id-mismatch: A credential's or stack's id differs from its file name."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.findings import Finding
from mcauthor.fixes import Fix, FixContext, scalar
from mcauthor.ids import ID_PATTERN, slug
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
    fix_summary = (
        "Changes the id to the file name, when that is a valid id no other credential or "
        "stack has (renaming the file instead may be what you meant)."
    )
    fix_safe = False

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        files = frozenset(catalog.documents)
        for items in (catalog.credentials, catalog.stacks):
            for item in items:
                # The model falls back to the stem when the id is absent or invalid.
                if item.id == item.stem:
                    continue
                name = item.file.rsplit("/", 1)[-1]
                suffix = name[len(item.stem) :] or ".yaml"
                free = _Free(files, item.file, suffix, {i.id for i in items} - {item.id})
                yield self.finding(
                    item.file,
                    ("id",),
                    f"the id `{item.id}` differs from the file name `{name}`",
                    hint=_hint(item.id, item.stem, suffix, free),
                    value=True,
                )

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        catalog = context.catalog
        for items in (catalog.credentials, catalog.stacks):
            for item in items:
                if item.file != diagnostic.path or item.id == item.stem:
                    continue
                taken = {i.id for i in items}
                source = context.source(item.file)
                node = source.node(("id",)) if source is not None else None
                if (
                    source is None
                    or node is None
                    or node.kind != "scalar"
                    or not ID_PATTERN.fullmatch(item.stem)
                    or item.stem in taken
                    or not context.points_at(diagnostic, ("id",), value=True)
                ):
                    return []
                edit = source.edit(node.start, node.end, scalar(item.stem))
                return [Fix(f"Change the id to `{item.stem}`", (edit,), safe=False)]
        return []


def _ends(suffix: str) -> tuple[str, ...]:
    return (suffix, ".yaml", ".yml")


@dataclass(frozen=True)
class _Free:
    """Which names the hint may propose for one file: no other file of the folder has the
    name (`solo.yaml` copied to `Solo Copy.yaml` must not be renamed back onto the
    original), and no other credential or stack of its kind has the id."""

    files: frozenset[str]  # the catalog's files, as read (relative paths)
    file: str
    suffix: str
    ids: set[str]

    def file_name(self, ident: str) -> bool:
        folder = posixpath.dirname(self.file)
        # `solo.yml` takes `solo.yaml` too: both would be the id `solo`.
        return not any(
            posixpath.join(folder, f"{ident}{end}") in self.files for end in _ends(self.suffix)
        )

    def id(self, ident: str) -> bool:
        return ident not in self.ids

    def new_id(self, stem: str) -> str:
        """A valid id made from the file name that neither a file nor an id has yet."""
        base = slug(stem)
        for number in range(1, 1000):
            ident = base if number == 1 else f"{base}-{number}"
            if self.file_name(ident) and self.id(ident):
                return ident
        return base  # a thousand taken names: say the rule, whatever the example


def _hint(ident: str, stem: str, suffix: str, free: _Free) -> str:
    """What to do, proposing only names that are valid ids and free: a file stem such as
    `Peer Feedback` can never be an id, and a file name another file has is taken."""
    rule = "the id must equal the file name without its extension."
    fixes = []
    if ID_PATTERN.fullmatch(ident) and free.file_name(ident):
        fixes.append(f"rename the file to `{ident}{suffix}`")
    if ID_PATTERN.fullmatch(stem) and free.id(stem):
        fixes.append(f"change the id to `{stem}`")
    if not fixes:
        new = free.new_id(stem)
        return (
            f"Choose a new id of lowercase letters, digits and single hyphens, like `{new}`, "
            f"for both the file and the id (rename the file to `{new}{suffix}` and change "
            f"the id to `{new}`): {rule}"
        )
    text = " or ".join(fixes)
    return text[0].upper() + text[1:] + f": {rule}"
