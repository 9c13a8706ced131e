"""MC207 research-bad-locator: A research entry's DOI, URL or ISBN is malformed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.placeholders import is_placeholder
from mcauthor.rules._text import quote
from mcauthor.rules._util import entry_name, url_problem
from mcauthor.rules.base import Example, FileRule

# A resolver prefix is accepted (`https://doi.org/10...`, `doi:10...`): the DOI is still right.
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")
_ISBN_PREFIX = re.compile(r"^ISBN(?:-1[03])?:?\s*", re.IGNORECASE)


def doi_problem(value: str) -> str | None:
    """Why ``value`` is not a DOI (`10.<registrant>/<suffix>`), or None if it is one."""
    doi = _DOI_PREFIX.sub("", value.strip())
    if _DOI.fullmatch(doi):
        return None
    if not doi.startswith("10."):
        return "does not start with `10.`"
    if "/" not in doi:
        return "has no `/` between its prefix and its suffix"
    if re.search(r"\s", doi):
        return "contains spaces"
    if not doi.split("/", 1)[1]:
        return "has nothing after the `/`"
    return "does not have 4 to 9 digits between `10.` and the `/`"


def isbn_problem(value: str) -> str | None:
    """Why ``value`` is not an ISBN-10 or ISBN-13 with a right check digit, or None."""
    text = _ISBN_PREFIX.sub("", value.strip())
    chars = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"\d+X?", chars):
        return "contains characters other than digits, hyphens and spaces"
    if len(chars) == 10:
        digits = [10 if c == "X" else int(c) for c in chars]
        if sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0:
            return None
        return "has a wrong check digit (the last one); a digit is probably mistyped"
    if "X" in chars:
        return "has an `X`, which only an ISBN-10 may end with"
    if len(chars) == 13:
        if not chars.startswith(("978", "979")):
            return "does not start with 978 or 979, as every ISBN-13 does"
        if sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(chars)) % 10 == 0:
            return None
        return "has a wrong check digit (the last one); a digit is probably mistyped"
    return f"has {len(chars)} digits; an ISBN has 10 or 13"


CHECKS: tuple[tuple[str, str, Callable[[str], str | None], str], ...] = (
    (
        "doi",
        "DOI",
        doi_problem,
        "A DOI looks like `10.1080/0969595980050102`: `10.`, 4 to 9 digits, `/` and the rest. "
        "A `https://doi.org/` or `doi:` prefix is fine.",
    ),
    (
        "url",
        "url",
        url_problem,
        "Write the full web address, starting with `https://`, with no spaces (write a space "
        "as `%20`).",
    ),
    (
        "isbn",
        "ISBN",
        isbn_problem,
        "Copy the ISBN from the book's copyright page or its publisher: 10 or 13 digits, "
        "with hyphens or spaces between them if you like.",
    ),
)


class ResearchBadLocator(FileRule):
    """
    A DOI, web address or ISBN with a typo sends readers to the wrong work or to nothing,
    so the research that backs the key method (Digital Promise's second criterion) cannot
    be checked. DOIs must look like `10.1080/...`, addresses must be absolute `http(s)`
    addresses, and ISBNs must have 10 or 13 digits with a right check digit.
    """

    code = "MC207"
    name = "research-bad-locator"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    summary = "A research entry's `doi`, `url` or `isbn` is malformed."
    bad = Example.credential(
        "research:\n"
        "  - key: black-wiliam-1998\n"
        '    authors: ["Black, P.", "Wiliam, D."]\n'
        "    year: 1998\n"
        "    title: Assessment and classroom learning\n"
        "    doi: 1080/0969595980050102\n"
        '    isbn: "978-1-4166-1507-2"\n'
    )
    good = Example.credential(
        "research:\n"
        "  - key: black-wiliam-1998\n"
        '    authors: ["Black, P.", "Wiliam, D."]\n'
        "    year: 1998\n"
        "    title: Assessment and classroom learning\n"
        "    doi: https://doi.org/10.1080/0969595980050102\n"
        '    isbn: "978-1-4166-1507-1"\n'
    )

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        for entry in catalog.research_in(file):
            for key, label, problem_of, hint in CHECKS:
                value = getattr(entry, key)
                if not isinstance(value, str) or is_placeholder(value):
                    continue  # a placeholder DOI or address is MC514's
                problem = problem_of(value)
                if problem is None:
                    continue
                yield self.finding(
                    entry.file,
                    (*entry.at, key),
                    f"the {label} `{quote(value, 60)}` of {entry_name(entry)} {problem}",
                    hint=hint,
                    value=True,
                )
