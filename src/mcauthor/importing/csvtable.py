"""``mcauthor import csv``: a table with one row per credential, as a spreadsheet keeps it.

The header names the columns of ``data/credentials.csv`` (:data:`COLUMNS`), in any order;
only ``id`` or ``title`` is needed. So the table the build writes comes back as the same
credentials, and a spreadsheet that an issuer keeps can be brought in:

- ``id`` (else made from ``title``), ``title``, ``status`` (else ``draft``), ``version``
  (else ``1.0.0``), ``hours``, ``ceu``;
- ``competency``: several competencies are separated by `` | ``;
- ``stacks``: stack ids separated by ``;``. A stack the catalog has gets the credential
  added to its list; one it does not have is written as a new stack file;
- ``credit`` and ``credit_unit``: the credit, like ``0.5`` and ``state credit``;
- ``url`` is what the build makes of ``base_url``, so it is not read back; a column of any
  other name is kept under ``x-imported``.

Cells that the export protected from spreadsheets (a leading apostrophe before ``=``,
``+``, ``-``, ``@``) are read without it. The file may start with a byte-order mark and may
be separated by commas, semicolons or tabs (Excel's choice depends on the language).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mcauthor.errors import CannotRun
from mcauthor.export.csv_table import COLUMNS, uncell
from mcauthor.ids import ID_PATTERN, slug
from mcauthor.importing import Imported, Target, core_placeholders, read_input

MAX_BYTES = 20_000_000
MAX_ROWS = 20_000
STATUSES = ("draft", "published", "retired")


def read(inputs: Sequence[Path], target: Target) -> list[Imported]:
    out: list[Imported] = []
    for path in inputs:
        out += _rows(path, target)
    if not out:
        raise CannotRun(
            f"{', '.join(map(str, inputs))}: no rows below the header; nothing to import"
        )
    return _with_new_stacks(out, target)


def _text(path: Path) -> str:
    data = read_input(path, MAX_BYTES, "a table")
    if b"\0" in data[:4096]:
        raise CannotRun(f"{path}: not a CSV file (it holds binary data; save it as CSV UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CannotRun(
            f'{path}: not UTF-8 text; in Excel, save it as "CSV UTF-8 (Comma delimited)"'
        ) from None


def _rows(path: Path, target: Target) -> list[Imported]:
    text = _text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "id" not in header and "title" not in header:
        raise CannotRun(
            f"{path}: the first row must name the columns, with `id` or `title` among them "
            f"(the columns of data/credentials.csv: {', '.join(COLUMNS)})"
        )
    reader.fieldnames = header
    out = []
    try:
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                raise CannotRun(f"{path}: more than {MAX_ROWS:,} rows")
            cells = {k: _cell(v) for k, v in row.items() if k}
            if not any(cells.values()):
                continue
            out.append(_credential(cells, f"{path}:{number}", target))
    except csv.Error as exc:
        raise CannotRun(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    return out


def _cell(value: str | list[str] | None) -> str:
    if isinstance(value, list):  # more cells than the header names
        value = ",".join(value)
    text = (value or "").strip()
    return uncell(text)


def _credential(cells: dict[str, str], where: str, target: Target) -> Imported:
    notes: dict[str, list[str]] = {}
    title = cells.get("title", "")
    ident = cells.get("id", "")
    if not ident or not ID_PATTERN.fullmatch(ident):
        made = slug(title or ident or "credential")
        reason = "made from the title" if not ident else f"`{ident}` is not a valid id"
        notes.setdefault("id", []).append(f"{reason}: {made}")
        ident = made
    data: dict[str, Any] = {"id": ident, "title": title or ident}
    if not title:
        notes.setdefault("title", []).append("no title in the row: the id stands in")
    data["version"] = cells.get("version") or "1.0.0"
    status = cells.get("status", "").lower()
    if status not in STATUSES:
        if status:
            notes.setdefault("status", []).append(f"`{status}` is not a status: draft")
        status = "draft"
    data["status"] = status
    competencies = [c.strip() for c in cells.get("competency", "").split(" | ") if c.strip()]
    if competencies:
        data["competency"] = competencies[0] if len(competencies) == 1 else competencies
    unknown: dict[str, Any] = {}
    for name in ("hours", "ceu"):
        _number(cells.get(name, ""), name, data, unknown, notes)
    credit = cells.get("credit", "")
    if credit:
        holder: dict[str, Any] = {}
        _number(credit, "value", holder, unknown, notes)
        if "value" in holder:
            data["credit"] = {
                "value": holder["value"],
                "unit": cells.get("credit_unit") or "credit",
            }
    core_placeholders(data)
    known = set(COLUMNS)
    unknown.update({k: v for k, v in cells.items() if k not in known and v})
    stacks = [s.strip() for s in cells.get("stacks", "").split(";") if s.strip()]
    return Imported("credential", ident, data, where, notes, unknown, stacks=stacks)


def _number(
    text: str,
    name: str,
    data: dict[str, Any],
    unknown: dict[str, Any],
    notes: dict[str, list[str]],
) -> None:
    if not text:
        return
    try:
        value = float(_decimal_point(text))
    except ValueError:
        unknown[name] = text
        notes.setdefault(name if name != "value" else "credit", []).append(
            f"`{text}` is not a number: kept under x-imported"
        )
        return
    data[name] = int(value) if value.is_integer() else value


def _decimal_point(text: str) -> str:
    """``0,5`` (a decimal comma, as many spreadsheets write) as ``0.5``."""
    return text.replace(",", ".") if text.count(",") == 1 and "." not in text else text


def _with_new_stacks(items: list[Imported], target: Target) -> list[Imported]:
    """The credentials, then a new stack file for each stack the rows name that the
    catalog does not have (listing those rows' credentials)."""
    known = {s.id for s in target.catalog.stacks}
    new: dict[str, list[str]] = {}
    for item in items:
        for stack in item.stacks:
            if stack not in known:
                new.setdefault(stack, []).append(item.ident)
        item.stacks = [s for s in item.stacks if s in known]
    out = list(items)
    for stack, members in new.items():
        ident = stack if ID_PATTERN.fullmatch(stack) else slug(stack)
        data = {"id": ident, "title": stack.replace("-", " ").capitalize(), "credentials": members}
        notes = {"title": ["made from the stack's id: write its real name"]}
        out.append(Imported("stack", ident, data, items[0].source.rsplit(":", 1)[0], notes))
    return out
