"""MC205 research-incomplete: A research entry has no authors, year or title."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, ResearchEntry
from mcauthor.rules._text import has_words
from mcauthor.rules._util import entry_name, join_words
from mcauthor.rules.base import Example, FileRule

_ORGANIZATION = (
    ' When an organisation wrote it, its name is the author: `authors: ["National Science Board"]`.'
)


class ResearchIncomplete(FileRule):
    """
    Digital Promise's second criterion asks for research that backs the key method.
    Reviewers, educators and partners can only find and judge a source with its authors,
    its year and its title. Shared `research/` entries are checked once, not per credential.

    An organisation can be the author of a report: give its full name as the one author,
    `authors: ["National Science Board"]`, and the report's own number as `number:
    NSB 99-31`; the citation then reads "National Science Board (1999). Title (NSB 99-31)."
    """

    code = "MC205"
    name = "research-incomplete"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    summary = "A research entry has no authors, year or title."
    bad = Example.credential(
        "research:\n"
        "  - key: black-wiliam-1998\n"
        "    title: Assessment and classroom learning\n"
        "    doi: 10.1080/0969595980050102\n"
    )
    good = Example()

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        for entry in catalog.research_in(file):
            missing = self.missing(entry, catalog)
            if not missing:
                continue
            yield self.finding(
                entry.file,
                entry.at,
                f"{entry_name(entry)} has no {join_words(missing, 'or', code=False)}",
                hint=f"Add {join_words(missing)} so that readers can find the source and judge it."
                + (_ORGANIZATION if "authors" in missing else ""),
            )

    @staticmethod
    def missing(entry: ResearchEntry, catalog: Catalog) -> list[str]:
        """The fields that were not written at all, or written blank."""

        def absent(key: str) -> bool:
            if entry.file not in catalog.documents:  # a catalog built in code
                return getattr(entry, key) in (None, (), "")
            return not catalog.given(entry.file, (*entry.at, key))

        out = []
        if absent("authors") or (entry.authors and not any(map(has_words, entry.authors))):
            out.append("authors")
        if absent("year"):
            out.append("year")
        if absent("title") or (entry.title is not None and not has_words(entry.title)):
            out.append("title")
        return out
