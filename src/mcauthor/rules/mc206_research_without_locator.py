"""MC206 research-without-locator: A research entry has no DOI, URL or ISBN."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import entry_name
from mcauthor.rules.base import Example, FileRule

LOCATORS = ("doi", "url", "isbn")


class ResearchWithoutLocator(FileRule):
    """
    A citation that nobody can look up does not show that the key method is backed by
    research (Digital Promise's second criterion). A DOI, a web address or, for books, an
    ISBN lets reviewers and educators read the source itself.
    """

    code = "MC206"
    name = "research-without-locator"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    summary = "A research entry has no `doi`, `url` or `isbn` to find it by."
    bad = Example.credential(
        "research:\n"
        "  - key: black-wiliam-1998\n"
        '    authors: ["Black, P.", "Wiliam, D."]\n'
        "    year: 1998\n"
        "    title: Assessment and classroom learning\n"
    )
    good = Example.credential(
        "research:\n"
        "  - key: black-wiliam-1998\n"
        '    authors: ["Black, P.", "Wiliam, D."]\n'
        "    year: 1998\n"
        "    title: Assessment and classroom learning\n"
        "    url: https://www.tandfonline.com/doi/abs/10.1080/0969595980050102\n"
    )

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        for entry in catalog.research_in(file):
            if any(catalog.given(entry.file, (*entry.at, key)) for key in LOCATORS):
                continue  # one was written (a malformed one is MC207's or the schema's)
            if entry.doi or entry.url or entry.isbn:
                continue  # a catalog built without its documents
            yield self.finding(
                entry.file,
                entry.at,
                f"{entry_name(entry)} has no doi, url or isbn",
                hint="Add a `doi` (like `10.1080/0969595980050102`), a `url` or, for a book, "
                "an `isbn`, so that readers can find the source.",
            )
