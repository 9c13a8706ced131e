"""Reading a Word document (.docx, as Word and Google Docs save it) into a list of blocks:
headings, paragraphs, list items and tables, in the order of the body.

A .docx is a zip of XML parts, and it comes from elsewhere, so it is checked before
python-docx opens it:

- a zip at all, with at most :data:`MAX_MEMBERS` members and :data:`MAX_UNPACKED` bytes
  unpacked, no member unpacking to more than :data:`MAX_RATIO` times its packed size (a
  zip bomb), and a main part no larger than :data:`MAX_DOCUMENT`;
- no macros (a ``vbaProject`` part, or a macro-enabled document): they never run here,
  but a document that carries them is refused so that nobody passes it on as checked;
- no relationship to outside content that Word would fetch when it opens the file (a
  linked picture, template, frame, subdocument or data source). Hyperlinks are fine:
  their addresses are kept as text, and nothing is ever fetched;
- at most :data:`MAX_BLOCKS` paragraphs and table rows: a micro-credential is a few pages.

python-docx parses the XML with entities and network access turned off.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mcauthor.errors import CannotRun
from mcauthor.importing import read_input

MAX_FILE = 50_000_000
MAX_MEMBERS = 2_000
MAX_UNPACKED = 200_000_000
MAX_DOCUMENT = 50_000_000
MAX_RATIO = 200
MAX_BLOCKS = 20_000
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_RELS = re.compile(rb"<Relationship\b[^>]*>", re.S)
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_BLOCK = re.compile(rb"<(?:[\w.-]+:)?(?:p|tr)[\s>/]")  # any prefix: the namespace counts
_SPAN = re.compile(rb"gridSpan[^>]*?:?val=[\"'](\d{1,12})")
MAX_COLUMNS = 64
_HEADING = re.compile(r"^(?:Heading|heading) ?(\d)$")


@dataclass(frozen=True)
class Block:
    """One thing in the body of the document."""

    kind: Literal["heading", "para", "item", "table"]
    text: str = ""
    level: int = 0  # a heading's level (0 the title; 9 a bold paragraph), a list's depth
    numbered: bool = False  # a list item of a numbered list
    links: tuple[tuple[str, str], ...] = ()  # (text, address) of its hyperlinks
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, row by row


def blocks(path: Path) -> list[Block]:
    """The blocks of the document at ``path``; CannotRun (one line) when it is not a
    Word document that can be read safely."""
    data = read_input(path, MAX_FILE, "a Word document")
    _check_zip(path, data)
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise CannotRun(f"{path}: not a Word document that can be read ({_reason(exc)})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a broken part
        raise CannotRun(f"{path}: a damaged Word document ({_reason(exc)})") from None
    try:
        return list(_body(document))
    except Exception as exc:  # a part python-docx cannot follow: missing, misnamed, odd values
        raise CannotRun(f"{path}: a damaged Word document ({_reason(exc)})") from None


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _check_zip(path: Path, data: bytes) -> None:
    try:
        _check_archive(path, data)
    except CannotRun:
        raise
    except Exception as exc:  # a member that cannot be unpacked: corrupt, encrypted ...
        raise CannotRun(f"{path}: a damaged Word document ({_reason(exc)})") from None


def _check_archive(path: Path, data: bytes) -> None:
    import io

    if not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise CannotRun(f"{path}: an old Word document (.doc); save it as .docx first")
        raise CannotRun(f"{path}: not a Word document (a .docx file is a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CannotRun(f"{path}: not a Word document ({_reason(exc)})") from None
    if len(members) > MAX_MEMBERS:
        raise CannotRun(f"{path}: {len(members):,} parts in the archive; not a Word document")
    total = sum(m.file_size for m in members)
    bomb = [m for m in members if m.file_size > MAX_RATIO * max(m.compress_size, 1) > 0]
    if total > MAX_UNPACKED or any(m.file_size > 1_000_000 for m in bomb):
        raise CannotRun(
            f"{path}: unpacks to {total:,} bytes from {len(data):,} (a zip bomb?); not read"
        )
    names = {m.filename for m in members}
    if len(names) != len(members):  # two parts of one name: which one is read?
        raise CannotRun(f"{path}: the archive holds two parts of the same name; not read")
    main = next((m for m in members if m.filename == "word/document.xml"), None)
    if main is None:
        raise CannotRun(f"{path}: a zip archive without a Word document in it")
    if main.file_size > MAX_DOCUMENT:
        raise CannotRun(f"{path}: its text is larger than {MAX_DOCUMENT // 1_000_000} MB")
    # Counted in the XML before it is parsed: parsing 5,000 pages takes a while.
    xml = archive.read(main)
    count = len(_BLOCK.findall(xml))
    span = max((int(n) for n in _SPAN.findall(xml)), default=1)
    if span > MAX_COLUMNS:
        raise CannotRun(f"{path}: a table cell spans {span:,} columns; not read")
    if count > MAX_BLOCKS:
        raise CannotRun(
            f"{path}: {count:,} paragraphs and table rows, too long for one "
            f"micro-credential (at most {MAX_BLOCKS:,}); split it, one document each"
        )
    if any("vbaproject" in name.lower() for name in names) or _macro_type(archive):
        raise CannotRun(
            f"{path}: the document holds macros; mcauthor never runs them, but save it as a "
            "plain .docx (without macros) to import it"
        )
    for name in sorted(n for n in names if n.endswith(".rels")):
        outside = _outside(archive.read(name))
        if outside:
            raise CannotRun(
                f"{path}: the document links to outside content ({outside}); mcauthor never "
                "fetches it: embed it or remove the link, then import again"
            )


def _macro_type(archive: zipfile.ZipFile) -> bool:
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        return False
    return b"macroEnabled" in types


def _outside(rels: bytes) -> str | None:
    """The first relationship to outside content other than a hyperlink: its type and
    target, shortened."""
    for tag in _RELS.findall(rels):
        attrs = {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(tag)}
        if attrs.get("TargetMode") == "External" and attrs.get("Type") != _HYPERLINK:
            kind = attrs.get("Type", "").rsplit("/", 1)[-1] or "a link"
            return f"{kind} at {attrs.get('Target', '')[:80]}"
    return None


def _body(document: Any) -> Iterator[Block]:
    """Paragraphs and tables in body order (python-docx lists them apart)."""
    from docx.text.paragraph import Paragraph

    styles = _styles(document)
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            found = _paragraph(Paragraph(child, document), styles)
            if found is not None:
                yield found
        elif tag == "tbl":
            yield _table(child)


Styles = dict[str | None, tuple[str, bool]]  # style id (None: the default) -> name, bold


def _styles(document: Any) -> Styles:
    """Each paragraph style's name and whether it is bold, read once: python-docx finds
    a paragraph's style by going through all of them, for every paragraph."""
    from docx.enum.style import WD_STYLE_TYPE

    out: Styles = {}
    for style in document.styles.element.style_lst:
        ident = style.styleId
        bold = style.rPr is not None and style.rPr.b is not None and style.rPr.b.val is not False
        named = (str(style.name_val or ident or ""), bool(bold))
        out[ident] = named
        if style.default and style.type == WD_STYLE_TYPE.PARAGRAPH:
            out[None] = named
    out.setdefault(None, ("Normal", False))
    return out


def _paragraph(paragraph: Any, styles: Styles) -> Block | None:
    text = " ".join(paragraph.text.split())
    if not text:
        return None
    pr = paragraph._p.pPr
    ident = pr.pStyle.val if pr is not None and pr.pStyle is not None else None
    style, style_bold = styles.get(ident) or styles[None]
    links = tuple(_links(paragraph))
    heading = _HEADING.match(style)
    if style == "Title":
        return Block("heading", text, 0, links=links)
    if heading:
        return Block("heading", text, int(heading.group(1)), links=links)
    numbering = pr is not None and pr.numPr is not None
    if style.startswith("List") or numbering:
        numbered = "Number" in style or (numbering and _numbered(paragraph))
        return Block("item", text, _depth(paragraph, style), numbered=numbered, links=links)
    if _bold(paragraph, style_bold) and len(text) <= 90 and not text.endswith((".", "?")):
        return Block("heading", text.rstrip(":").strip(), 9, links=links)
    return Block("para", text, links=links)


def _links(paragraph: Any) -> Iterator[tuple[str, str]]:
    """Its hyperlinks with an address; one whose relationship is missing is left out."""
    for link in paragraph.hyperlinks:
        try:
            address = link.address
        except KeyError:
            continue
        if address:
            yield " ".join(link.text.split()), address


def _bold(paragraph: Any, style_bold: bool) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)


def _depth(paragraph: Any, style: str) -> int:
    found = re.search(r"(\d)$", style)
    if found:
        return int(found.group(1)) - 1
    pr = paragraph._p.pPr
    level = pr.numPr.ilvl if pr is not None and pr.numPr is not None else None
    return int(level.val) if level is not None else 0


def _numbered(paragraph: Any) -> bool:
    """Whether a list item's numbering is numbers or letters rather than bullets."""
    try:
        numbering = paragraph.part.numbering_part.element
    except (NotImplementedError, AttributeError, KeyError):
        return False
    pr = paragraph._p.pPr.numPr
    if pr.numId is None:
        return False
    ident = pr.numId.val
    level = pr.ilvl.val if pr.ilvl is not None else 0
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    abstract = numbering.xpath(
        f'w:num[@w:numId="{int(ident)}"]/w:abstractNumId/@w:val', namespaces=ns
    )
    if not abstract:
        return False
    formats = numbering.xpath(
        f'w:abstractNum[@w:abstractNumId="{int(abstract[0])}"]/w:lvl[@w:ilvl="{int(level)}"]'
        "/w:numFmt/@w:val",
        namespaces=ns,
    )
    return bool(formats) and formats[0] != "bullet"


def _table(table: Any) -> Block:
    """A table's text, row by row, read from its XML: python-docx's own cells expand
    merged cells one grid column at a time (a cell can claim millions)."""
    from docx.oxml.ns import qn

    rows = []
    for row in table.iterchildren(qn("w:tr")):
        cells = []
        for cell in row.iterchildren(qn("w:tc")):
            lines = (
                "".join(t.text or "" for t in p.iter(qn("w:t")))
                for p in cell.iterchildren(qn("w:p"))
            )
            cells.append(" ".join(" ".join(lines).split()))
            if len(cells) == MAX_COLUMNS:
                break
        rows.append(tuple(cells))
    return Block("table", rows=tuple(rows))
