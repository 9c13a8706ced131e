"""The catalog guide compiled in parts and joined (mcauthor.pdf.catalog, mcauthor.pdf.join)
is the guide one compile makes: the same pages, text and outline, every link resolving,
one consistent structure tree; the same bytes every time, and an edit recompiles only
the part it is in. Real compiles, real PDFs, read back with pypdf and pikepdf.

The sample catalog is changed so that every kind of part appears: a credential in two
stacks (the second shows a reference to the first), and credentials in no stack spread
over two parts (the second goes on under the first one's heading). Parts are made of two
credentials here, so that the small catalog splits.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from mcauthor.overrides import builtin_dir
from mcauthor.pdf import catalog
from mcauthor.pdf.data import catalog_guide
from mcauthor.pdf.jobs import one_guide
from mcauthor.pdf.render import GuideTask, render_tasks
from mcauthor.pdf.templates import template_dirs
from mcauthor.prepare import Prepared, prepare
from mcauthor.usercache import Store

from conftest import copy_sample, edit

SHARED = "designing-performance-tasks"  # also put into a second stack


def varied(root: Path) -> Path:
    copy_sample(root)
    (root / "stacks" / "leading-a-performance-assessment-community.yaml").unlink()
    advanced = root / "stacks" / "advanced-performance-assessment-design.yaml"
    edit(
        advanced,
        "  - assessing-habits-and-dispositions\n",
        f"  - assessing-habits-and-dispositions\n  - {SHARED}\n",
    )
    return root


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(catalog, "CHUNK", 2)
    monkeypatch.setenv("MCAUTHOR_CACHE_DIR", str(tmp_path / "cache"))
    return varied(tmp_path / "catalog")


def whole(prepared: Prepared) -> bytes:
    """The catalog guide from one compile of catalog-guide.typ."""
    dirs = tuple(str(d) for d in template_dirs(prepared.root))
    data = catalog_guide(prepared.context)
    task = GuideTask("guides/catalog.pdf", "catalog", data, dirs, "letter", prepared.epoch)
    return render_tasks([task], limits=prepared.limits)[0]


def joined(root: Path) -> bytes:
    pdf = one_guide(prepare(root, guides=True), "catalog")
    assert pdf is not None
    return pdf


def page_texts(pdf: bytes) -> list[str]:
    # The engine maps a hyphen's glyph to U+00AD or "-" by which use it met first.
    return [page.extract_text().replace("\xad", "-") for page in PdfReader(io.BytesIO(pdf)).pages]


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))  # type: ignore[attr-defined]

    walk(reader.outline, 0)  # type: ignore[arg-type]
    return found


@pytest.mark.slow
def test_the_joined_guide_is_the_one_compile_guide(small_parts: Path) -> None:
    prepared = prepare(small_parts, guides=True)
    pieces = list(catalog.split(catalog_guide(prepared.context)))
    assert len(pieces) >= 4 and any(p.continues for p in pieces)  # every kind of part
    one, parts = whole(prepared), joined(small_parts)
    assert page_texts(parts) == page_texts(one)
    assert outline(parts) == outline(one)
    assert len(outline(one)) > 20


@pytest.mark.slow
def test_links_tags_and_metadata_of_the_joined_guide_hold_together(small_parts: Path) -> None:
    pdf = pikepdf.open(io.BytesIO(joined(small_parts)))
    pages = {page.obj.objgen for page in pdf.pages}
    names = pdf.Root.Names.Dests.Names
    dests = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    assert all(dest[0].objgen in pages for dest in dests.values())
    links = [a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"]
    internal = [str(a.Dest) for a in links if "/Dest" in a and isinstance(a.Dest, pikepdf.String)]
    assert internal and set(internal) <= set(dests)  # every internal link lands on a page
    assert f"credential-{SHARED}" in internal  # the reference in the second stack
    tree = pdf.Root.StructTreeRoot
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert len(keys) == len(set(keys)) and max(keys) < int(tree.ParentTreeNextKey)
    for page in pdf.pages:
        assert int(page.obj.StructParents) in keys
        for annotation in page.obj.get("/Annots", []):
            assert int(annotation.StructParent) in keys
    ids = tree.IDTree.Names
    id_names = [str(ids[i]) for i in range(0, len(ids), 2)]
    assert len(id_names) == len(set(id_names))
    assert all(str(ids[i + 1].ID) == str(ids[i]) for i in range(0, len(ids), 2))
    metadata = pdf.Root.Metadata.read_bytes()
    assert f"<xmpTPg:NPages>{len(pdf.pages)}</xmpTPg:NPages>".encode() in metadata
    assert b"<pdfuaid:part>1</pdfuaid:part>" in metadata


def _no_reading(*args: object) -> None:
    raise AssertionError("a stored part or front was read again")


@pytest.mark.slow
def test_same_bytes_every_time_and_an_edit_recompiles_one_part(small_parts: Path) -> None:
    first = joined(small_parts)
    stored = small_parts.parent / "cache" / catalog.STORE
    before = set(os.listdir(stored))
    with pytest.MonkeyPatch.context() as patch:  # page counts and headings from the hints
        patch.setattr(catalog, "_read_part", _no_reading)
        patch.setattr(catalog, "_read_front", _no_reading)
        patch.setattr(catalog, "join", _no_reading)  # the same parts: the last joined file
        assert joined(small_parts) == first  # from the stored parts
    assert set(os.listdir(stored)) == before
    # Text only the credential's own chapter shows (a title would also be in the
    # contents and in its neighbours' chapters).
    edit(
        small_parts / "credentials" / "calibrating-scoring.yaml",
        "title: Prepare the rubric and anchor papers",
        "title: Prepare the rubric and the anchor papers",
    )
    again = joined(small_parts)
    added = {name for name in set(os.listdir(stored)) - before if name.endswith(".pdf")}
    assert [name.split("-")[1] for name in added] == ["part"]
    assert page_texts(again) == page_texts(whole(prepare(small_parts, guides=True)))


@pytest.mark.slow
def test_a_forged_stored_part_is_not_used(small_parts: Path) -> None:
    first = joined(small_parts)
    stored = small_parts.parent / "cache" / catalog.STORE
    for path in stored.glob("catalog-part-*.pdf"):
        path.write_bytes(b"0" * 64 + b"\n%PDF-1.7 forged")
    (last,) = stored.glob("joined-*.pdf")
    last.write_bytes(b"0" * 64 + b"\n%PDF-1.7 forged")
    assert joined(small_parts) == first
    # A build killed after it kept its joined file but before its hints: a sealed file
    # that is not the one the hints name is not used.
    store = Store.open(catalog.STORE)
    assert store is not None
    store.write(last.name, b"%PDF-1.7 another")
    assert joined(small_parts) == first


@pytest.mark.parametrize("name", catalog.OWN)
def test_a_catalog_with_its_own_page_templates_gets_one_compile(tmp_path: Path, name: str) -> None:
    builtin = str(builtin_dir() / "guide")
    own = tmp_path / "templates" / "guide"
    own.mkdir(parents=True)
    (own / "credential-guide.typ").write_text("// mine\n", "utf-8")

    def task(*dirs: str) -> GuideTask:
        return GuideTask("guides/catalog.pdf", "catalog", {}, dirs, "letter")

    assert catalog.splittable(task(builtin))
    assert catalog.splittable(task(str(own), builtin))  # another guide's template
    (own / name).write_text("// mine\n", "utf-8")
    assert not catalog.splittable(task(str(own), builtin))


@pytest.mark.slow
def test_a_catalog_with_its_own_parts_template_still_gets_the_catalog_guide(
    small_parts: Path,
) -> None:
    # A catalog's parts.typ need not know the catalog guide's pieces (catalog.typ has
    # them), so one copied before they existed keeps working, split or not.
    own = small_parts / "templates" / "guide"
    own.mkdir(parents=True)
    text = (builtin_dir() / "guide" / "parts.typ").read_text("utf-8")
    assert "catalog-stacks" not in text
    (own / "parts.typ").write_text(text, "utf-8")
    prepared = prepare(small_parts, guides=True)
    assert page_texts(joined(small_parts)) == page_texts(whole(prepared))
