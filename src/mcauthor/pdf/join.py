"""Joining the catalog guide's parts into one PDF.

The catalog guide is compiled in parts (see :mod:`mcauthor.pdf.catalog`): a front (cover,
about, contents, then stand-in pages that only exist so the contents can number them)
and runs of chapters. Joining keeps what one compile would have made:

- **pages**: the front's own pages, then every part's, in order;
- **tags** (PDF/UA): one structure tree. Each part's Document element becomes a Part
  element under the front's Document; the parent-tree numbers that tie a page's marked
  content and links to elements move past the ones before; element IDs (table cells name
  their header cells by ID) get the part's number, so no two parts' IDs meet;
- **links**: a named destination comes from the part that holds its heading (a part names
  the headings it links to in other parts only so that it compiles);
- **outline** (bookmarks): the front's own entries, then each part's;
- **metadata**: the front's, with the page count of the whole.

The stand-in pages, and what the front's tags, outline and destinations say of them, are
dropped. pikepdf (qpdf) does the object work, one copy per part: qpdf maps every page,
link and element a part refers to onto its copy. The result is written deterministically.
"""

from __future__ import annotations

import io
import itertools
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

_PAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")

Page = tuple[int, int]  # a page object's number and generation
Obj = pikepdf.Object  # pikepdf types every PDF object as one class
K = TypeVar("K")


@dataclass(frozen=True)
class Part:
    """A compiled part and the names of the headings it holds (its own destinations).
    A part that ``continues`` goes on under the last top-level heading of the part before
    (more credentials in no stack): its outline goes under that heading's."""

    pdf: bytes
    owns: frozenset[str]
    continues: bool = False


def join(front: bytes, stand_ins: int, parts: Sequence[Part]) -> bytes:
    """The front without its last ``stand_ins`` pages, then every part, as one PDF."""
    out = Pdf.open(io.BytesIO(front))
    pages = list(out.pages)
    keep = len(pages) - stand_ins
    dropped = {page.obj.objgen for page in pages[keep:]}
    tree = _Tree(out, dropped, [page.obj for page in pages[keep:]])
    del out.pages[keep:]
    dests = {k: v for k, v in _names(_dests_of(out)) if not _on(v, dropped)}
    outline = [item for item in _top_items(out) if not _on(item.Dest, dropped)]
    for number, part in enumerate(parts, start=1):
        source = Pdf.open(io.BytesIO(part.pdf))
        tree.add(source, f"p{number}-")
        own = [(k, v) for k, v in _names(_dests_of(source)) if k in part.owns]
        dests.update(_copied(out, source, own))
        top = _top_items(source)
        if top:
            items = [v for _, v in _copied(out, source, list(enumerate(top)))]
            if part.continues and outline:
                _adopt(outline[-1], items)
            else:
                outline += items
    tree.finish()
    if "/Names" not in out.Root:
        out.Root.Names = Dictionary()
    out.Root.Names.Dests = Dictionary(Names=_flat(sorted(dests.items())))
    _link_outline(out, outline)
    _count_pages(out)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


class _Tree:
    """The joined structure tree: the front's without the stand-ins, the parts' added."""

    def __init__(self, out: Pdf, dropped: set[Page], dropped_pages: list[Obj]) -> None:
        self.out = out
        self.root = out.Root.StructTreeRoot
        self.document = _document(self.root)
        gone: set[int] = set()
        for page in dropped_pages:
            gone.add(int(page.get("/StructParents", -1)))
            for annotation in page.get("/Annots", Array()):
                gone.add(int(annotation.get("/StructParent", -1)))
        self.nums = {k: v for k, v in _numbers(self.root.ParentTree) if k not in gone}
        self.next_key = int(self.root.ParentTreeNextKey)
        kids = [kid for kid in self.document.K if not _only_on(kid, dropped)]
        self.document.K = Array(kids)
        found = _names(self.root.IDTree) if "/IDTree" in self.root else ()
        self.ids = {k: v for k, v in found if not _only_on(v, dropped)}
        self.roles = dict(self.root.RoleMap.items()) if "/RoleMap" in self.root else {}

    def add(self, source: Pdf, prefix: str) -> None:
        """Append ``source``'s pages and its tags, its Document element as a Part."""
        root = source.Root.StructTreeRoot
        document = _document(root)
        ids = list(_names(root.IDTree)) if "/IDTree" in root else []
        for _, element in ids:
            _rename(element, prefix)
        del document["/P"]  # else the copy would bring the part's tree root along
        with warnings.catch_warnings():  # named destinations are joined by hand (join)
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            self.out.pages.extend(source.pages)
        part = self.out.copy_foreign(document)
        part.S = Name.Part
        part.P = self.document
        self.document.K.append(part)
        shift = self.next_key
        entries = _copied(self.out, source, list(_numbers(root.ParentTree)))
        self.nums.update((k + shift, v) for k, v in entries)
        for page in source.pages:  # the copies: qpdf hands back the same objects
            copy = self.out.copy_foreign(page.obj)
            _shift(copy, "/StructParents", shift)
            for annotation in copy.get("/Annots", Array()):
                _shift(annotation, "/StructParent", shift)
        self.next_key += int(root.ParentTreeNextKey)
        self.ids.update((prefix + n, e) for n, e in _copied(self.out, source, ids))
        if "/RoleMap" in root:
            self.roles.update(dict(root.RoleMap.items()))

    def finish(self) -> None:
        tree = Dictionary(Nums=_flat(sorted(self.nums.items())))
        self.root.ParentTree = self.out.make_indirect(tree)
        self.root.ParentTreeNextKey = self.next_key
        if self.ids:
            ids = Dictionary(Names=_flat(sorted(self.ids.items())))
            self.root.IDTree = self.out.make_indirect(ids)
        if self.roles:
            self.root.RoleMap = Dictionary(self.roles)


def _copied(out: Pdf, source: Pdf, entries: list[tuple[K, Obj]]) -> list[tuple[K, Obj]]:
    """``entries`` with their objects copied from ``source`` into ``out``, in one copy
    (qpdf maps what they refer to, pages and elements, onto the copies made before)."""
    copies = out.copy_foreign(source.make_indirect(Array([v for _, v in entries])))
    return [(k, v) for (k, _), v in zip(entries, copies, strict=True)]


def _document(root: Obj) -> Obj:
    """The one element at the top of a structure tree (Typst makes a Document)."""
    top = root.K
    if isinstance(top, Array):
        (top,) = list(top)
    assert isinstance(top, Dictionary)
    return top


def _rename(element: Obj, prefix: str) -> None:
    """Give an element's ID, and the header IDs its attributes name, the ``prefix``."""
    element.ID = pikepdf.String(prefix + str(element.ID))
    found = element.get("/A")
    for attributes in found if isinstance(found, Array) else [found]:
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            named = [pikepdf.String(prefix + str(h)) for h in attributes.Headers]
            attributes.Headers = Array(named)


def _shift(holder: Obj, key: str, by: int) -> None:
    if key in holder:
        holder[key] = int(holder[key]) + by


def _only_on(element: Obj | None, dropped: set[Page]) -> bool:
    """Whether ``element``'s content is all on dropped pages (and on some page)."""
    pages = {page.objgen for page in _pages_of(element)}
    return bool(pages) and pages <= dropped


def _pages_of(element: Obj | None) -> Iterator[pikepdf.Object]:
    if isinstance(element, Dictionary):
        if "/Pg" in element:
            yield element.Pg
        kids = element.get("/K")
        for kid in kids if isinstance(kids, Array) else [kids]:
            yield from _pages_of(kid)


def _on(dest: pikepdf.Object, dropped: set[Page]) -> bool:
    """Whether a destination points at a dropped page."""
    array = dest.D if isinstance(dest, Dictionary) and "/D" in dest else dest
    return isinstance(array, Array) and len(array) > 0 and array[0].objgen in dropped


def _dests_of(pdf: Pdf) -> Obj:
    names = pdf.Root.get("/Names")
    if isinstance(names, Dictionary) and "/Dests" in names:
        return names.Dests
    return Dictionary()


def _numbers(tree: Obj) -> Iterator[tuple[int, Obj]]:
    """A number tree's entries, kids included."""
    return ((int(key), value) for key, value in _leaves(tree, "/Nums"))


def _names(tree: Obj) -> Iterator[tuple[str, Obj]]:
    """A name tree's entries, kids included."""
    return ((str(key), value) for key, value in _leaves(tree, "/Names"))


def _leaves(tree: Obj, key: str) -> Iterator[tuple[Obj, Obj]]:
    pairs = list(tree.get(key, Array()))  # one call, not one per item
    yield from zip(pairs[0 : len(pairs) - 1 : 2], pairs[1::2], strict=True)
    for kid in tree.get("/Kids", Array()):
        yield from _leaves(kid, key)


def _flat(entries: Sequence[tuple[object, pikepdf.Object]]) -> Array:
    flat: list[object] = []
    for key, value in entries:
        flat.append(key if isinstance(key, int) else pikepdf.String(str(key)))
        flat.append(value)
    return Array(flat)  # one call, not one per item


def _top_items(pdf: Pdf) -> list[Obj]:
    """The outline's top-level items, in order."""
    outlines = pdf.Root.get("/Outlines")
    items: list[Obj] = []
    item = outlines.get("/First") if isinstance(outlines, Dictionary) else None
    while isinstance(item, Dictionary):
        items.append(item)
        item = item.get("/Next")
    return items


def _link_outline(out: Pdf, items: list[Obj]) -> None:
    """Make ``items`` the outline's top level: chained in order, counted."""
    outlines = out.Root.Outlines
    for before, after in itertools.pairwise(items):
        before.Next, after.Prev = after, before
    count = 0
    for i, item in enumerate(items):
        item.Parent = outlines
        if i == 0 and "/Prev" in item:
            del item["/Prev"]
        if i == len(items) - 1 and "/Next" in item:
            del item["/Next"]
        count += 1 + max(0, int(item.get("/Count", 0)))
    if items:
        outlines.First, outlines.Last, outlines.Count = items[0], items[-1], count
    else:
        for key in ("/First", "/Last"):
            if key in outlines:
                del outlines[key]
        outlines.Count = 0


def _adopt(parent: Obj, items: list[Obj]) -> None:
    """Put outline ``items`` after ``parent``'s children."""
    children: list[Obj] = []
    child = parent.get("/First")
    while isinstance(child, Dictionary):
        children.append(child)
        child = child.get("/Next")
    children += items
    for before, after in itertools.pairwise(children):
        before.Next, after.Prev = after, before
    for item in items:
        item.Parent = parent
    if "/Next" in children[-1]:
        del children[-1]["/Next"]
    parent.First, parent.Last = children[0], children[-1]
    visible = sum(1 + max(0, int(c.get("/Count", 0))) for c in children)
    count = int(parent.get("/Count", 0))
    parent.Count = visible if count >= 0 else -visible


def _count_pages(out: Pdf) -> None:
    """The XMP metadata's page count: the whole document's, not the front's."""
    if "/Metadata" not in out.Root:
        return
    stream = out.Root.Metadata
    data = _PAGES.sub(
        b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(out.pages), stream.read_bytes(), count=1
    )
    stream.write(data)
