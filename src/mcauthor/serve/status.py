"""What the preview shows: the latest build attempt, the pages it serves and the file
each one shows, and the order in which findings are listed (the banner and the terminal
list them alike)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mcauthor import paths
from mcauthor.catalogfiles import KIND_DIRS
from mcauthor.diagnostics import Diagnostic
from mcauthor.lint import LintResult
from mcauthor.model import Catalog

# Findings listed in a page banner and in the terminal, errors first; past this,
# `mcauthor lint` lists them all (the terminal is capped too: a draft catalog has hundreds).
LISTED = 50


@dataclass(frozen=True)
class Status:
    """What the preview shows: which build, and what is wrong with the latest attempt."""

    version: int = 0  # every build attempt, good or not, counts: pages reload on each
    built: bool = False  # a build is being served
    failure: str | None = None  # why the latest attempt did not build; None: it built
    diagnostics: tuple[Diagnostic, ...] = ()  # the latest lint findings
    # The served build's pages ("credentials/x/index.html") and the file each one shows.
    pages: Mapping[str, str] = field(default_factory=dict)
    unreadable: frozenset[str] = frozenset()  # files the latest attempt could not parse


def unreadable(result: LintResult) -> frozenset[str]:
    """The catalog files that could not be parsed: the build leaves them out."""
    return frozenset(rel for rel, doc in result.documents.items() if doc.parsed.fatal)


def pages_of(catalog: Catalog) -> dict[str, str]:
    """Each credential and stack page the build writes, and the file it shows (the first
    of two files with one id, as the build does)."""
    pages: dict[str, str] = {}
    for credential in catalog.credentials:
        pages.setdefault(paths.credential_page(credential.id), credential.file)
    for stack in catalog.stacks:
        pages.setdefault(paths.stack_page(stack.id), stack.file)
    return pages


# The page of each kind of catalog file that has one (research entries have none).
_PAGE_OF_KIND = {"credential": paths.credential_page, "stack": paths.stack_page}


def page_of_file(rel: str) -> str | None:
    """The page a catalog file would have: its id is its file name (rule MC501)."""
    folder, _, name = rel.partition("/")
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    page = _PAGE_OF_KIND.get(KIND_DIRS.get(folder, ""))
    if page is None or not name.endswith((".yaml", ".yml")):
        return None
    return page(stem)


def ranked(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Errors first, then warnings, then info; each in file and line order."""
    return sorted(diagnostics, key=lambda d: (-d.severity.rank, d.sort_key()))


def where(d: Diagnostic, path: str | None = None) -> str:
    """``path:line:column``; the terminal passes the path as typed from the current folder
    (as lint and build print it), the banner keeps it relative to the catalog."""
    shown = d.path if path is None else path
    return f"{shown}:{d.line}:{d.column}" if d.line > 0 else shown
