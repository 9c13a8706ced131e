"""``mcauthor diff``: what a change to a catalog changes, in the terms of a micro-credential.

Two catalogs (two git revisions, or a revision and the working tree) are compared
credential by credential and stack by stack: added, removed, renamed (the same content
under a new id) and, for the rest, each part that changed. Every change is classed:

- **requirement**: it changes what an earner must do or how the work is scored: the
  competency, evidence parts, prompts, word limits, accepted formats, rubric levels,
  passing levels, criteria and descriptors, the earn rule, prerequisites; for an awarded
  stack, the credentials it takes;
- **content**: wording that changes no requirement: title, summary, key method,
  components, research, resources, a part's title and instructions;
- **metadata**: hours, credit, status, stacks, tags, audience, alignments, image, the file.

:mod:`mcauthor.diff.versions` checks that each published credential's ``version`` follows
its changes; :mod:`mcauthor.diff.formats` writes the result as text, markdown or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["requirement", "content", "metadata"]
KINDS: tuple[Kind, ...] = ("requirement", "content", "metadata")  # the most serious first
Status = Literal["added", "removed", "renamed", "changed"]


@dataclass(frozen=True)
class Change:
    """One thing that changed: where (``what``, like "evidence › overview › prompt 2"),
    its class, and the text before and after (None: it was not there)."""

    what: str
    kind: Kind
    before: str | None
    after: str | None


@dataclass
class ItemDiff:
    """What happened to one credential or stack."""

    item: Literal["credential", "stack"]
    id: str
    status: Status
    title: str
    old_id: str | None = None  # a renamed item's id before
    changes: list[Change] = field(default_factory=list)
    version_before: str | None = None
    version_after: str | None = None
    published: bool = False  # published in both catalogs: its version must follow

    @property
    def kind(self) -> Kind | None:
        """The most serious class of its changes (None: nothing changed)."""
        found = {c.kind for c in self.changes}
        return next((k for k in KINDS if k in found), None)


@dataclass
class CatalogDiff:
    base: str  # what the catalogs were read from: a commit, or "working tree"
    head: str
    items: list[ItemDiff] = field(default_factory=list)

    def changed(self) -> list[ItemDiff]:
        return [i for i in self.items if i.status != "changed" or i.changes]
