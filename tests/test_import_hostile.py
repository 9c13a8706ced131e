"""`mcauthor import` on inputs made to hurt: quick, one line or a file the catalog reads,
never a hang, a traceback or a file the loader refuses (from an attacker's review)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from mcauthor.lint import lint

from conftest import copy_sample, invoke, make_docx, one_line_error

FATAL = {"MC001", "MC002", "MC008", "MC010"}  # a file the catalog cannot read


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path / "catalog")
    for path in (root / "credentials").glob("*.yaml"):
        path.unlink()
    return root


def _imported_cleanly(catalog: Path, *args: str | Path) -> None:
    done = invoke("import", *args, "--catalog", catalog)
    assert done.exit_code == 0, done.output
    codes = {d.code for d in lint(catalog).diagnostics}
    assert not codes & FATAL, codes


def _badge(**fields: Any) -> dict[str, Any]:
    return {"type": ["Achievement"], "id": "https://x.example/a/reading", "name": "Reading",
            "description": "A summary.", **fields}  # fmt: skip


def test_a_reference_repeated_thousands_of_times_is_one_entry(
    catalog: Path, tmp_path: Path
) -> None:
    lines = "\n".join(["- Smith, J. (2001). Same reference. Journal, 1(1), 1–2."] * 4000)
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(_badge(description=f"Summary.\n\nResearch:\n{lines}")), "utf-8")
    _imported_cleanly(catalog, "openbadges", path)
    text = (catalog / "credentials" / "reading.yaml").read_text("utf-8")
    assert text.count("key: smith-2001") == 1 and len(text) < 5_000


@pytest.mark.parametrize(
    "badge",
    [
        _badge(type=5),
        _badge(creditsAvailable=10**400),
        _badge(name="A\ud800B \u2028 line \x01 control"),
        _badge(otherIdentifier=json.loads("[" * 60 + "]" * 60)),
        _badge(description="Text.\n\n" + "(9" + "9" * 5000 + " words)"),
    ],
    ids=["type-a-number", "huge-credits", "surrogate-and-controls", "deep", "huge-limit"],
)
def test_odd_badges_give_a_file_the_catalog_reads_or_one_line(
    catalog: Path, tmp_path: Path, badge: dict[str, Any]
) -> None:
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(badge), "utf-8")
    done = invoke("import", "openbadges", path, "--catalog", catalog)
    if done.exit_code == 2:
        one_line_error(done)
        return
    assert done.exit_code == 0, done.output
    codes = {d.code for d in lint(catalog).diagnostics}
    assert not codes & FATAL, codes


def test_nesting_too_deep_is_one_line(catalog: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 5000 + "]" * 5000, "utf-8")
    assert "nested too deeply" in one_line_error(
        invoke("import", "openbadges", path, "-c", catalog)
    )


def test_control_characters_in_a_table_never_reach_a_comment(catalog: Path, tmp_path: Path) -> None:
    table = tmp_path / "table.csv"
    table.write_bytes(b"id,title,status\nbad\x01id,Title \x02 here,bad\x01status\n")
    _imported_cleanly(catalog, "csv", table)


def test_text_reads_back_as_it_was_through_the_catalog(catalog: Path, tmp_path: Path) -> None:
    from mcauthor.lint import gather

    summary = "First line\nsecond line"  # no line break at its end
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(_badge(description=summary)), "utf-8")
    _imported_cleanly(catalog, "openbadges", path)
    loaded, _, _ = gather(catalog, cache=False)
    (credential,) = loaded.credentials
    assert credential.summary == summary


def test_nothing_is_written_when_a_later_file_cannot_be(catalog: Path, tmp_path: Path) -> None:
    (catalog / "stacks" / "basic-performance-assessment-design.yaml").unlink()
    for path in (catalog / "stacks").iterdir():
        path.unlink()
    (catalog / "stacks").rmdir()
    (catalog / "stacks").write_text("a file, not a folder", "utf-8")
    table = tmp_path / "table.csv"
    table.write_text("id,title,stacks\nps1,One,new-stack\n", "utf-8")
    line = one_line_error(invoke("import", "csv", table, "--catalog", catalog))
    assert "is not a folder; nothing written" in line
    assert not list((catalog / "credentials").iterdir())


def test_a_header_alone_is_one_line(catalog: Path, tmp_path: Path) -> None:
    table = tmp_path / "table.csv"
    table.write_text("id,title\n", "utf-8")
    assert "no rows below the header" in one_line_error(
        invoke("import", "csv", table, "-c", catalog)
    )


BASE = [
    ["title", "Reading"],
    ["heading1", "Competency"],
    ["para", "The educator reads."],
    ["table", [["Criterion", "Passing"], ["One", "Yes."]]],
]


def _members(tmp_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(make_docx(BASE, tmp_path / "base.docx")) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def _zipped(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _hostile(tmp_path: Path, edit: Any) -> Path:
    """The base document with its main part changed by ``edit``."""
    members = _members(tmp_path)
    members["word/document.xml"] = edit(members["word/document.xml"])
    path = tmp_path / "hostile.docx"
    path.write_bytes(_zipped(list(members.items())))
    return path


def _error(*args: str | Path) -> str:
    return one_line_error(invoke("import", *args))


@pytest.mark.filterwarnings("ignore::UserWarning")  # zipfile warns of the duplicate name
def test_a_second_part_of_the_same_name_is_refused(tmp_path: Path, catalog: Path) -> None:
    path = tmp_path / "twice.docx"
    members = list(_members(tmp_path).items())
    path.write_bytes(_zipped([*members, ("word/document.xml", b"<w:document/>")]))
    assert "two parts of the same name" in _error("docx", path, "-c", catalog)


def test_a_cell_spanning_millions_of_columns_is_refused(tmp_path: Path, catalog: Path) -> None:
    def span(xml: bytes) -> bytes:
        return xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="30000000"/>', 1)

    path = _hostile(tmp_path, span)
    assert "spans 30,000,000 columns" in _error("docx", path, "-c", catalog)


def test_paragraphs_under_another_prefix_are_counted(tmp_path: Path, catalog: Path) -> None:
    def many(xml: bytes) -> bytes:
        name = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        extra = b"".join(
            b"<x:p xmlns:x='%s'><x:r><x:t>Line %d, %x.</x:t></x:r></x:p>"
            % (name, i, i * 2654435761 % 2**32)
            for i in range(25_000)
        )
        return xml.replace(b"<w:body>", b"<w:body>" + extra, 1)

    path = _hostile(tmp_path, many)
    assert "too long for one micro-credential" in _error("docx", path, "-c", catalog)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'<w:pStyle w:val="Title"/>', b"<w:pStyle/>"),
        (b'<w:pStyle w:val="Title"/>', b'<w:pStyle w:val="NoSuchStyle"/>'),
        (b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="abc"/>'),
        (b"<w:r>", b'<w:r><w:rPr><w:b w:val="maybe"/></w:rPr>'),
    ],
    ids=["style-without-id", "unknown-style", "span-not-a-number", "bold-maybe"],
)
def test_odd_word_xml_is_imported_or_one_line(
    tmp_path: Path, catalog: Path, old: bytes, new: bytes
) -> None:
    path = _hostile(tmp_path, lambda xml: xml.replace(old, new, 1))
    done = invoke("import", "docx", path, "--catalog", catalog)
    if done.exit_code == 2:
        one_line_error(done)
    else:
        assert done.exit_code == 0, done.output
