"""What a lint is asked to do, apart from the catalog: kept apart from :mod:`mcauthor.lint`
so that a warm ``mcauthor lint`` (:mod:`mcauthor.resultcache`) need not import the rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LintOptions:
    select: tuple[str, ...] = ()  # codes, code prefixes (MC2) or names; empty: all
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None  # overrides lint.fail_on from the config
    files: frozenset[str] | None = None  # report only these catalog paths
    cache: bool = True  # reuse what reading unchanged files gave last time
    # Changed files (--changed-since): report findings in these, plus integrity errors
    # anywhere; see ``only_changed``. None: report everything.
    changed: frozenset[str] | None = None
