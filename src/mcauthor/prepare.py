"""Prepare a catalog for its outputs, once: lint → refuse → pathway → date → views.

Every command that writes something a reader sees starts here: ``build`` (the site, the
PDF guides and the data files), ``export``, ``guide`` and ``serve`` (through ``build``).
The outputs (:mod:`mcauthor.site`, :mod:`mcauthor.pdf`, :mod:`mcauthor.export`) each turn
the :class:`Prepared` catalog into jobs and never import one another.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from mcauthor import placeholders
from mcauthor.confine import Confinement
from mcauthor.diagnostics import Severity
from mcauthor.errors import CannotRun
from mcauthor.history import histories
from mcauthor.limits import Limits
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.model import Catalog, Credential
from mcauthor.present import make_context
from mcauthor.stacks import Pathway, ResolvedStack, resolve
from mcauthor.views import Context
from mcauthor.words import plural

# A gate sees the lint result and raises to stop (see BuildRefused.check).
Gate = Callable[[LintResult], None]


class BuildRefused(Exception):
    """Lint found problems at the refusing level; nothing was written."""

    def __init__(self, result: LintResult, strict: bool) -> None:
        super().__init__("lint found problems")
        # The report's verdict is the build's, not the config's lint.fail_on: under
        # --strict it must say "Failed ... (fails on warning)", never "Passed".
        self.result = replace(result, fail_on=self.level(strict))
        self.strict = strict

    @staticmethod
    def level(strict: bool) -> Severity:
        """The lowest severity that stops a build: warnings with ``strict``, else errors."""
        return Severity.WARNING if strict else Severity.ERROR

    def reason(self) -> str:
        """Why: "lint reports errors", or under --strict what it reports, with how many of
        them are placeholders left to fill in."""
        if not self.strict:
            return "lint reports errors"
        counts = [(self.result.count(s), s.value) for s in (Severity.ERROR, Severity.WARNING)]
        reason = "--strict refuses lint warnings as well as errors, and lint reports "
        reason += " and ".join(plural(n, word) for n, word in counts if n)
        number = placeholders.count(d.code for d in self.result.diagnostics)
        if number:
            reason += f", {number} of them placeholders left to fill in ({placeholders.CODE})"
        return reason

    @classmethod
    def check(cls, result: LintResult, strict: bool) -> None:
        """Raise when lint found errors (with ``strict``: errors or warnings)."""
        refuse = cls.level(strict)
        if any(d.severity.rank >= refuse.rank for d in result.diagnostics):
            raise cls(result, strict)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible builds): every date and file time comes from it."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise CannotRun(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}"
        ) from exc


def publication_date(epoch: int | None) -> str | None:
    """The date the outputs show (YYYY-MM-DD), from SOURCE_DATE_EPOCH; None without one."""
    if epoch is None:
        return None
    try:
        return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%d")
    except (ValueError, OverflowError, OSError):  # beyond the calendar's years
        return None


@dataclass(frozen=True)
class Prepared:
    """A linted catalog, its pathway and its views: what every output plans from."""

    lint: LintResult
    pathway: Pathway
    context: Context
    epoch: int | None = None
    limits: Limits = field(default_factory=Limits)
    out: Path | None = None  # the output folder, once chosen: never read from
    # The live preview (`mcauthor serve`, served at "/"): an asset that cannot be read is
    # left out (lint lists it), so a draft's missing badge image does not stop its page.
    preview: bool = False
    csv_bom: bool = True  # credentials.csv starts with a byte-order mark (for Excel)

    @property
    def catalog(self) -> Catalog:
        return self.lint.catalog

    @property
    def root(self) -> Path:
        return self.lint.catalog.root

    def doc(self, relpath: str) -> str:
        """Content hash of a catalog source file (computed once per catalog)."""
        return self.catalog.document_hash(relpath)

    @property
    def config(self) -> str:
        """Content hash of mcauthor.yaml."""
        return self.doc(self.catalog.config.file)

    def library(self) -> list[str]:
        return self.catalog.library_hashes()

    def all_docs(self) -> list[str]:
        """Content hashes of every catalog file, sorted: the key of whatever shows it all."""
        return sorted(self.doc(rel) for rel in self.catalog.documents)

    # What a credential's or a stack's page and guide show besides their own file: the
    # keys of both list these, so an edit re-renders every page and guide that shows it.

    def stack_docs(self, credential: Credential) -> list[str]:
        """Content hashes of the stacks a credential is in, in pathway order."""
        found = (self.pathway.stack(sid) for sid in self.pathway.stacks_of.get(credential.id, ()))
        return [self.doc(s.stack.file) for s in found if s is not None]

    def neighbour_docs(self, credential: Credential) -> list[str]:
        """Content hashes of the credentials that require it and that it requires, sorted."""
        catalog = self.catalog
        neighbours = list(catalog.required_by(credential.id))
        neighbours += [c for rid in credential.requires if (c := catalog.credential(rid))]
        return sorted(self.doc(c.file) for c in neighbours)

    def related_stack_docs(self, resolved: ResolvedStack) -> list[str]:
        """Content hashes of the stacks a stack requires and that require it."""
        related = (self.pathway.stack(s) for s in (*resolved.requires, *resolved.required_by))
        return [self.doc(r.stack.file) for r in related if r is not None]

    def credentials(self) -> tuple[Credential, ...]:
        """Each credential once (a duplicate id is a lint error; the first one wins)."""
        return self.catalog.unique_credentials()

    def confined(self) -> Confinement:
        """What may be read from the catalog (see :mod:`mcauthor.confine`)."""
        configured = self.root / self.catalog.config.build.out
        return Confinement.of(self.root, self.out, configured)


def prepare(
    start: Path,
    *,
    strict: bool = False,
    gate: Gate | None = None,
    cache: bool = True,
    guides: bool = False,
    data: bool = False,
    limits: Limits | None = None,
    history: bool = False,
) -> Prepared:
    """Lint the catalog at ``start``, refuse on errors (with ``strict``: on warnings too;
    ``gate`` replaces the refusal), then resolve the pathway and make the views.
    ``guides`` and ``data``: whether the PDF guides and data files are written too, so
    that pages link to them. ``limits`` is lowered by the catalog's ``build.limits``.
    ``history``: read each credential's versions from git, for the site's pages (the
    guides and the data files do not show them)."""
    epoch = source_date_epoch()
    result = lint(start, LintOptions(cache=cache))
    (gate or partial(BuildRefused.check, strict=strict))(result)
    catalog = result.catalog
    pathway = resolve(catalog)
    date = publication_date(epoch)
    versions = histories(catalog.root) if history else None
    context = make_context(catalog, pathway, date, guides=guides, data=data, history=versions)
    bounds = (limits or Limits()).lowered(catalog.config.build.limits)
    return Prepared(result, pathway, context, epoch, bounds)
