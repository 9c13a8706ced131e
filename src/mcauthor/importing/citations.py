"""Reading a reference written out as text into a research entry.

Issuers cite in APA style, more or less: ``Black, P., & Wiliam, D. (1998). Inside the black
box. Phi Delta Kappan, 80(2), 139–148. https://doi.org/10.1177/003172171009200119``. The
parts are found in that order: the authors before the year in brackets, then the title up
to the first full stop, then the source, then any DOI, web address or ISBN at the end.
When the text does not follow that shape, :func:`parse` says it is unsure, and the caller
keeps the whole text in the entry's note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mcauthor.ids import slug

_YEAR = re.compile(r"^(?P<authors>.*?)\s*\((?P<year>\d{4})[a-z]?(?:, [^)]*)?\)\.?\s*(?P<rest>.*)$")
_NO_YEAR = re.compile(r"^(?P<authors>.*?)\s*\(n\.\s?d\.\)\.?\s*(?P<rest>.*)$")
_DOI = re.compile(r"\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(?P<doi>10\.\S+?)[.,;]?$", re.I)
_URL = re.compile(r"\s*(?:Retrieved from\s+|Available at:?\s+)?(?P<url>https?://\S+?)[.,;]?$", re.I)
_ISBN = re.compile(r"\s*ISBN:?\s*(?P<isbn>[0-9][0-9Xx -]{8,}[0-9Xx])\.?$")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.(?:\s?-?\s?|$))+$")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])[.?!]\s+(?=[A-Z0-9\"“(])")


@dataclass
class Reference:
    """What a reference's text says, field by field; ``sure`` when it had APA's shape."""

    authors: list[str] = field(default_factory=list)
    year: int | None = None
    title: str | None = None
    source: str | None = None
    doi: str | None = None
    url: str | None = None
    isbn: str | None = None
    sure: bool = True

    def key(self) -> str:
        """A research key like ``black-wiliam-1998``: the first authors' surnames, the year."""
        surnames = [name.split(",")[0] for name in self.authors[:3]]
        words = [*surnames, str(self.year) if self.year else "nd"]
        if not self.authors:
            words.insert(0, " ".join((self.title or "reference").split()[:4]))
        return slug(" ".join(words))

    def entry(self) -> dict[str, object]:
        """The research entry's fields, in the catalog's order, without empty ones."""
        out: dict[str, object] = {}
        if self.authors:
            out["authors"] = list(self.authors)
        if self.year is not None:
            out["year"] = self.year
        for name in ("title", "source", "doi", "url", "isbn"):
            value = getattr(self, name)
            if value:
                out[name] = value
        return out


def parse(text: str) -> Reference:
    """The fields of one reference written out as text."""
    rest = " ".join(text.split())
    found = Reference()
    rest = _links(rest, found)
    match = _YEAR.match(rest) or _NO_YEAR.match(rest)
    if match is None:
        found.sure = False
        found.title = rest.rstrip(".") or None
        return found
    if "year" in match.groupdict():
        found.year = int(match.group("year"))
    found.authors = authors(match.group("authors"))
    title, source = _title_and_source(match.group("rest"))
    found.title, found.source = title, source
    if found.title is None or (not found.authors and match.group("authors").strip()):
        found.sure = False
    return found


def _links(text: str, found: Reference) -> str:
    """``text`` without the DOI, web address and ISBN at its end (kept in ``found``)."""
    while True:
        for pattern, name in ((_DOI, "doi"), (_ISBN, "isbn"), (_URL, "url")):
            match = pattern.search(text)
            if match and getattr(found, name) is None:
                setattr(found, name, match.group(name))
                text = text[: match.start()].rstrip()
                break
        else:
            return text


def _title_and_source(text: str) -> tuple[str | None, str | None]:
    """The title (up to its first sentence end) and the source (the rest)."""
    text = text.strip()
    if not text:
        return None, None
    end = _SENTENCE_END.search(text)
    if end is None:
        return text.rstrip("."), None
    title = text[: end.start() + 1].rstrip(".")
    source = text[end.end() :].strip().rstrip(".")
    return title or None, source or None


def authors(text: str) -> list[str]:
    """``Dunbar, S. B., Koretz, D. M., & Hoover, H. D.`` as three names, each with its
    initials; an organisation (no initials) stays whole."""
    text = text.strip().rstrip(",")
    if not text:
        return []
    text = re.sub(r",?\s+(?:&|and)\s+", ", ", text)
    out: list[str] = []
    for token in (t.strip() for t in text.split(", ")):
        if not token:
            continue
        if out and _INITIALS.match(token) and "," not in out[-1]:
            out[-1] = f"{out[-1]}, {token}"
        else:
            out.append(token)
    return out
