"""``data/credentials.csv``: one row per credential, for spreadsheets and LMS imports.

RFC 4180: UTF-8, CRLF line ends, fields quoted when needed. The file starts with a
byte-order mark by default, because Excel on Windows reads a CSV without one in the
machine's legacy code page and garbles every non-ASCII letter (`é` shows as `Ã©`);
``bom=False`` (``--no-bom``) leaves it out for tools that would read it as text.
Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe, as OWASP advises for CSV injection;
numbers are written as numbers and never altered.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from mcauthor import paths
from mcauthor.export.common import credential_url, version
from mcauthor.export.openbadges import competencies
from mcauthor.model import Catalog
from mcauthor.output import Job, key_of
from mcauthor.stacks import Pathway
from mcauthor.words import number

# New columns go at the end, so that imports that go by position keep working.
COLUMNS = (
    "id",
    "title",
    "competency",
    "hours",
    "ceu",
    "stacks",
    "status",
    "version",
    "url",
    "credit",
    "credit_unit",
)

if TYPE_CHECKING:  # only planned from: importing it would load the lint engine
    from mcauthor.prepare import Prepared
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff".encode()


def cell(value: str) -> str:
    """Text as a spreadsheet shows it, never as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def uncell(value: str) -> str:
    """The text that :func:`cell` wrote as ``value`` (``mcauthor import csv``)."""
    guarded = value.startswith("'") and value[1:].startswith(_FORMULA_START)
    return value[1:] if guarded else value


def _num(value: float | None) -> str:
    found = number(value)
    return "" if found is None else str(found)


def render(catalog: Catalog, pathway: Pathway, *, bom: bool = True) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in catalog.unique_credentials():
        url = credential_url(catalog.config, c.id) or paths.credential_page(c.id)
        writer.writerow(
            [
                cell(c.id),
                cell(c.title),
                cell(" | ".join(competencies(c))),
                _num(c.hours),
                _num(c.ceu),
                cell("; ".join(pathway.stacks_of.get(c.id, ()))),
                cell(c.status),
                cell(c.version),
                cell(url),
                c.credit.amount() if c.credit else "",
                cell(c.credit.unit if c.credit else ""),
            ]
        )
    return (BOM if bom else b"") + buffer.getvalue().encode("utf-8")


def plan(prepared: Prepared) -> list[Job]:
    """One file, which shows every catalog file."""
    key = key_of("csv", version(), prepared.all_docs(), prepared.csv_bom)

    def bytes_of() -> bytes:
        return render(prepared.catalog, prepared.pathway, bom=prepared.csv_bom)

    return [Job(paths.CSV, key, bytes_of, kind="data")]
