"""The PDF guides: real PDFs from the real engine, read back with pypdf (no mocks).

What any design must do: every section of a credential, in order; bookmarks; metadata
(/Title, /Author, /Lang); a tagged PDF; sane page counts; byte-identical output for the
same input; hostile catalog text shown literally and never run; Letter and A4; catalog
templates overriding the built-in ones; one-line errors; incremental job keys; the
process pool giving the same bytes as rendering in-process.

Text comparisons go through :func:`canon`: pypdf's extraction breaks lines, splits
hyphenated words and orders right-to-left runs visually, so both sides are compared
without whitespace, hyphens or invisible break opportunities.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from mcauthor.errors import BuildError
from mcauthor.lint import lint
from mcauthor.pdf.data import catalog_guide, credential_guide, find_guide, stack_guide
from mcauthor.pdf.jobs import plan, render_ahead
from mcauthor.pdf.parts import Parts
from mcauthor.pdf.render import GuideTask, render_guide, render_tasks
from mcauthor.pdf.templates import template_dirs, templates_fingerprint
from mcauthor.prepare import Prepared, prepare
from mcauthor.present import make_context
from mcauthor.stacks import resolve
from mcauthor.views import Context

from conftest import add_unknown_key, copy_sample, invoke

CREDENTIAL = "designing-performance-tasks"
SECTIONS = (
    "Competency",
    "Key method",
    "Research",
    "Resources",
    "Submission guidelines",
    "Rubric",
    "Stacks and prerequisites",
)

# Hostile text: Typst markup and code, math, labels, references, escapes.
HOSTILE = '#read("/etc/passwd") #import "x" $x$ *bold* _u_ <label> @ref \\\\ back\\slash ]['
LONG_WORD = "Q" + "w" * 298 + "Z"  # 300 characters, no break opportunity
RTL = "שלום עולם مرحبا بالعالم"
EMOJI = "🎓🎉👍🏽"
PASSWD = "root:x:0:0"  # what /etc/passwd would show if it were ever read


# -- helpers ---------------------------------------------------------------------------------


def canon(text: str) -> str:
    """Text without whitespace, hyphens, soft hyphens or zero-width spaces, casefolded
    (labels may be set in capitals)."""
    return re.sub(r"[\s\-\u00ad\u200b\u2010\u2011]+", "", text).casefold()


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(pdf).pages)


def outline_titles(pdf: bytes) -> list[str]:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader(pdf).outline)
    return titles


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle appears in ``haystack``, each after the one before."""
    text = canon(haystack)
    at = 0
    for needle in needles:
        found = text.find(canon(needle), at)
        assert found >= 0, f"not found after position {at}: {needle!r}"
        at = found + len(canon(needle))


def png(width: int = 4, height: int = 4) -> bytes:
    """A small valid PNG (solid teal), made here so the tests need no image files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x0c\x54\x65" * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def context_of(root: Path, date: str | None = None) -> Context:
    result = lint(root)
    assert not [d for d in result.diagnostics if d.severity.name == "ERROR"], [
        (d.code, d.message) for d in result.diagnostics
    ]
    catalog = result.catalog
    return make_context(catalog, resolve(catalog), date)


def render(context: Context, kind: str, ident: str = "", paper: str = "letter") -> bytes:
    catalog = context.catalog
    if kind == "credential":
        credential = catalog.credential(ident)
        assert credential is not None
        data = credential_guide(context, credential)
    elif kind == "stack":
        resolved = context.pathway.stack(ident)
        assert resolved is not None
        data = stack_guide(context, resolved)
    else:
        data = catalog_guide(context)
    return render_guide(kind, data, template_dirs(catalog.root), paper)


# -- the sample catalog ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Context:
    root = tmp_path_factory.mktemp("sample") / "catalog"
    copy_sample(root)
    return context_of(root)


@pytest.fixture(scope="module")
def credential_pdf(sample: Context) -> bytes:
    return render(sample, "credential", CREDENTIAL)


@pytest.fixture(scope="module")
def first_stack(sample: Context) -> str:
    return sample.pathway.stacks[0].id


@pytest.fixture(scope="module")
def stack_pdf(sample: Context, first_stack: str) -> bytes:
    return render(sample, "stack", first_stack)


@pytest.fixture(scope="module")
def catalog_pdf(sample: Context) -> bytes:
    return render(sample, "catalog")


def test_credential_guide_shows_every_section_in_order(
    sample: Context, credential_pdf: bytes
) -> None:
    credential = sample.catalog.credential(CREDENTIAL)
    assert credential is not None and credential.key_method and credential.rubric
    levels = sample.catalog.levels_of(credential.rubric) or ()
    assert canon(sample.catalog.config.issuer.name) in canon(text_of(credential_pdf))
    needles = [
        credential.title,
        "Hours",
        "Version",
        credential.version,
        "Competency",
        str(credential.competency),
        "Key method",
        credential.key_method.statement or "",
        *[c.title or "" for c in credential.key_method.components],
        "Research",
        *[
            (sample.catalog.research_for(credential, k) or credential.research[0]).title or ""
            for k in credential.key_method.research
        ],
        "Resources",
        *[r.title for r in credential.resources],
        "Submission guidelines",
    ]
    for part in credential.evidence:
        needles += [part.title or part.id, *[p.text for p in part.prompts]]
    needles += [
        "Rubric",
        "Criterion",
        *[level.label for level in levels],
        *[c.title or c.id for c in credential.rubric.criteria],
        "How to earn it",
        "Stacks and prerequisites",
        sample.pathway.stacks[0].stack.title,
    ]
    assert_in_order(text_of(credential_pdf), needles)
    text = canon(text_of(credential_pdf))
    assert canon("200–300 words") in text  # word limits
    assert canon("Accepted formats") in text
    assert canon("Demonstrated passing") in text  # the passing level is marked
    assert canon("https://doi.org/10.1177/003172170208301010") in text  # research link


def test_outline_has_the_credential_and_every_section(credential_pdf: bytes) -> None:
    titles = outline_titles(credential_pdf)
    assert titles[0] == "Designing Performance Tasks"
    sections = [t for t in titles if t in SECTIONS]
    assert sections == list(SECTIONS)
    assert "Part 1: Overview questions" in titles  # submission parts are bookmarked too


def test_stack_and_catalog_outlines_list_every_credential(
    sample: Context, first_stack: str, stack_pdf: bytes, catalog_pdf: bytes
) -> None:
    resolved = sample.pathway.stack(first_stack)
    assert resolved is not None
    stack_titles = outline_titles(stack_pdf)
    members = [m.title for m in resolved.members]
    assert [t for t in stack_titles if t in members] == members
    assert stack_titles[0] == "Overview"
    catalog_titles = outline_titles(catalog_pdf)
    for s in sample.pathway.stacks:
        assert s.stack.title in catalog_titles
        assert [t for t in catalog_titles if t in {m.title for m in s.members}][: len(s.members)]
    every = [c.title for c in sample.catalog.credentials]
    assert all(title in catalog_titles for title in every)


def test_metadata_and_language(sample: Context, credential_pdf: bytes, stack_pdf: bytes) -> None:
    meta = reader(credential_pdf).metadata
    assert meta is not None
    assert meta["/Title"] == "Designing Performance Tasks"
    assert meta["/Author"] == sample.catalog.config.issuer.name
    root = reader(credential_pdf).trailer["/Root"]
    assert root["/Lang"] == sample.catalog.config.language == "en"
    assert reader(stack_pdf).metadata["/Title"] == sample.pathway.stacks[0].stack.title


def test_guides_are_tagged_pdfs_and_claim_pdf_ua(
    credential_pdf: bytes, stack_pdf: bytes, catalog_pdf: bytes
) -> None:
    for pdf in (credential_pdf, stack_pdf, catalog_pdf):
        root = reader(pdf).trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        # The engine accepted PDF/UA-1 for the sample's content (it says so in the XMP).
        assert b"<pdfuaid:part>1</pdfuaid:part>" in pdf


def test_page_counts_are_sane(
    sample: Context, first_stack: str, credential_pdf: bytes, stack_pdf: bytes, catalog_pdf: bytes
) -> None:
    credential_pages = len(reader(credential_pdf).pages)
    assert 2 <= credential_pages <= 8
    resolved = sample.pathway.stack(first_stack)
    assert resolved is not None
    per_member = [len(reader(render(sample, "credential", m.id)).pages) for m in resolved.members]
    for pages in per_member:
        assert 2 <= pages <= 8
    stack_pages = len(reader(stack_pdf).pages)
    # Each member's guide less its cover, plus the stack's cover, overview and contents.
    assert sum(per_member) - len(per_member) <= stack_pages <= sum(per_member) + 6
    catalog_pages = len(reader(catalog_pdf).pages)
    credentials = len(sample.catalog.credentials)
    assert credentials * 2 < catalog_pages < credentials * 8 + 20
    assert catalog_pages > stack_pages


def test_links_are_clickable(stack_pdf: bytes, credential_pdf: bytes) -> None:
    def annotations(pdf: bytes) -> list[dict[str, Any]]:
        found = []
        for page in reader(pdf).pages:
            for ref in page.get("/Annots") or []:
                found.append(ref.get_object())
        return found

    uris = [a["/A"]["/URI"] for a in annotations(credential_pdf) if "/A" in a and "/URI" in a["/A"]]
    assert "https://doi.org/10.1177/003172170208301010" in uris
    assert all(str(u).startswith(("https://", "http://", "mailto:")) for u in uris)
    internal = [
        a
        for a in annotations(stack_pdf)
        if "/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo")
    ]
    assert internal, "the stack guide links its contents and members table to the credentials"


def test_same_input_gives_the_same_bytes(sample: Context, credential_pdf: bytes) -> None:
    assert render(sample, "credential", CREDENTIAL) == credential_pdf
    assert b"D:20000101000000" in credential_pdf  # no clock: a fixed creation date


def test_source_date_epoch_sets_the_creation_date(
    sample: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = render(sample, "credential", CREDENTIAL)
    assert b"D:20231114221320" in pdf
    assert render(sample, "credential", CREDENTIAL) == pdf


def test_letter_and_a4(sample: Context, credential_pdf: bytes) -> None:
    letter = reader(credential_pdf).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    a4 = reader(render(sample, "credential", CREDENTIAL, paper="a4")).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    with pytest.raises(BuildError, match="letter or a4"):
        render(sample, "credential", CREDENTIAL, paper="legal")


def test_render_many_in_a_pool_gives_the_same_bytes(
    sample: Context, credential_pdf: bytes, stack_pdf: bytes, first_stack: str
) -> None:
    credential = sample.catalog.credential(CREDENTIAL)
    resolved = sample.pathway.stack(first_stack)
    assert credential is not None and resolved is not None
    items = [
        ("guides/credentials/a.pdf", credential_guide(sample, credential)),
        ("guides/stacks/b.pdf", stack_guide(sample, resolved)),
    ]
    dirs = tuple(str(d) for d in template_dirs(sample.catalog.root))
    tasks = [GuideTask(path, str(data["kind"]), data, dirs, "letter") for path, data in items]
    assert render_tasks(tasks, max_workers=2) == [credential_pdf, stack_pdf]


# -- hostile text --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Context:
    root = tmp_path_factory.mktemp("hostile") / "catalog"
    copy_sample(root)
    (root / "assets").mkdir()
    (root / "assets" / "logo.png").write_bytes(png())
    config_path = root / "mcauthor.yaml"
    config = yaml.safe_load(config_path.read_text("utf-8"))
    config["issuer"]["logo"] = "assets/logo.png"
    config["issuer"]["name"] = f"Issuer {HOSTILE}"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")

    path = root / "credentials" / f"{CREDENTIAL}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["title"] = f"Title {HOSTILE} {EMOJI}"
    data["summary"] = f"Summary {HOSTILE}"
    data["competency"] = f"The educator {HOSTILE} {RTL} {EMOJI} {LONG_WORD}"
    data["key_method"]["statement"] = f"Statement {HOSTILE}"
    data["key_method"]["components"][0]["body"] = (
        f'Body `#read("/etc/passwd")` {HOSTILE} {RTL} {EMOJI}\n\n'
        "[js](javascript:alert(1)) and [safe](https://example.org/safe)\n\n"
        '```\n#import "x": *\n```\n'
    )
    data["rubric"]["criteria"][0]["descriptors"]["demonstrated"] = (
        f"Descriptor {HOSTILE} {RTL} {EMOJI}"
    )
    data["evidence"][0]["prompts"][0]["text"] = f"Prompt {HOSTILE}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    stack_path = root / "stacks" / "basic-performance-assessment-design.yaml"
    stack = yaml.safe_load(stack_path.read_text("utf-8"))
    stack["title"] = f"Stack {HOSTILE} {EMOJI}"
    stack_path.write_text(yaml.safe_dump(stack, allow_unicode=True, sort_keys=False), "utf-8")
    return context_of(root)


@pytest.fixture(scope="module")
def hostile_pdfs(hostile: Context) -> dict[str, bytes]:
    return {
        "credential": render(hostile, "credential", CREDENTIAL),
        "stack": render(hostile, "stack", "basic-performance-assessment-design"),
    }


@pytest.mark.slow
def test_hostile_text_is_shown_literally(hostile_pdfs: dict[str, bytes]) -> None:
    for kind, pdf in hostile_pdfs.items():
        text = canon(text_of(pdf))
        for label in ("Title", "Summary", "The educator", "Statement", "Descriptor", "Prompt"):
            assert canon(f"{label} {HOSTILE}") in text, (kind, label)
        assert canon('Body #read("/etc/passwd")') in text, kind
        assert canon('#import "x": *') in text, kind  # a code block, shown as code
        assert canon("[js](javascript:alert(1))") in text, kind  # not a link: text
        assert canon(LONG_WORD) in text, kind
        for word in RTL.split():  # right-to-left runs come out in visual order
            assert canon(word) in text, (kind, word)
        for emoji in ("🎓", "🎉", "👍🏽"):
            assert emoji in text, (kind, emoji)
        assert PASSWD not in text_of(pdf), kind


def test_hostile_guides_contain_nothing_that_runs(hostile_pdfs: dict[str, bytes]) -> None:
    for kind, pdf in hostile_pdfs.items():
        assert b"/JavaScript" not in pdf and b"/JS " not in pdf, kind
        assert b"javascript:" not in pdf.lower().replace(b"javascript:alert", b""), kind
        for page in reader(pdf).pages:
            for ref in page.get("/Annots") or []:
                action = ref.get_object().get("/A") or {}
                if "/URI" in action:
                    assert str(action["/URI"]).startswith(("https://", "http://", "mailto:"))


def test_hostile_metadata_is_literal(hostile_pdfs: dict[str, bytes]) -> None:
    meta = reader(hostile_pdfs["credential"]).metadata
    assert meta is not None
    assert meta["/Title"] == f"Title {HOSTILE} {EMOJI}"
    assert meta["/Author"] == f"Issuer {HOSTILE}"


def test_logo_is_embedded_from_inside_the_catalog_only(
    hostile: Context, hostile_pdfs: dict[str, bytes], credential_pdf: bytes, tmp_path: Path
) -> None:
    credential = hostile.catalog.credential(CREDENTIAL)
    assert credential is not None
    data = credential_guide(hostile, credential)
    assert data["issuer"]["logo"] == "img/logo.png"
    assert "img/logo.png" in data["files"]
    image = re.compile(rb"/Subtype\s*/Image\b")
    assert image.search(hostile_pdfs["credential"])
    assert not image.search(credential_pdf)  # the sample has no logo: no image at all
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    parts = Parts(hostile)
    files: dict[str, dict[str, str]] = {}
    assert parts.image(files, "logo", "../../" + outside.name) is None
    assert parts.image(files, "logo", str(outside)) is None
    assert parts.image(files, "logo", "mcauthor.yaml") is None  # not an image
    assert files == {}


# -- templates, errors, jobs -------------------------------------------------------------------


def test_a_catalog_template_overrides_the_builtin_one(sample: Context, tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(sample.catalog.root, root)
    own = root / "templates" / "guide"
    own.mkdir(parents=True)
    builtin = template_dirs(None)[0] / "style.typ"
    (own / "style.typ").write_text(
        builtin.read_text("utf-8").replace('key-method: "Key method"', 'key-method: "Méthode clé"'),
        "utf-8",
    )
    context = context_of(root)
    dirs = template_dirs(root)
    assert dirs[0] == own
    assert templates_fingerprint(dirs) != templates_fingerprint(dirs[1:])
    text = text_of(render(context, "credential", CREDENTIAL))
    assert "Méthode clé" in text and "Key method" not in text


def test_template_errors_are_one_line(sample: Context, tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(sample.catalog.root, root)
    own = root / "templates" / "guide"
    own.mkdir(parents=True)
    (own / "credential-guide.typ").write_text("#let x = (\n#undefined-thing\n", "utf-8")
    context = context_of(root)
    with pytest.raises(BuildError) as caught:
        render(context, "credential", CREDENTIAL)
    message = str(caught.value)
    assert "\n" not in message
    assert "credential-guide.typ:" in message


def _prepared(root: Path) -> Prepared:
    """What `mcauthor build` plans the guides from (it refuses lint errors first)."""
    return prepare(root, guides=True)


def _keys(root: Path) -> dict[str, str]:
    return {job.path: job.key for job in plan(_prepared(root))}


@pytest.fixture
def editable(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "catalog"
    copy_sample(root)
    yield root


def test_jobs_plan_every_guide_with_its_path(sample: Context) -> None:
    jobs = plan(_prepared(sample.catalog.root))
    paths = [job.path for job in jobs]
    expected = {f"guides/credentials/{c.id}.pdf" for c in sample.catalog.credentials}
    expected |= {f"guides/stacks/{s.id}.pdf" for s in sample.pathway.stacks}
    expected.add("guides/catalog.pdf")
    assert set(paths) == expected and len(paths) == len(expected)
    assert {job.kind for job in jobs} == {"guide"}
    job = next(j for j in jobs if j.path == f"guides/credentials/{CREDENTIAL}.pdf")
    assert job.render().startswith(b"%PDF-")


def test_editing_a_credential_changes_only_the_guides_that_show_it(editable: Path) -> None:
    before = _keys(editable)
    path = editable / "credentials" / "calibrating-scoring.yaml"
    path.write_text(path.read_text("utf-8").replace("Calibrating Scoring", "Calibrated Scoring", 1))
    after = _keys(editable)
    changed = {p for p in before if before[p] != after[p]}
    context = context_of(editable)
    credential = context.catalog.credential("calibrating-scoring")
    assert credential is not None
    shows = {f"guides/credentials/{credential.id}.pdf", "guides/catalog.pdf"}
    shows |= {f"guides/stacks/{s}.pdf" for s in context.pathway.stacks_of[credential.id]}
    neighbours = set(credential.requires) | {
        c.id for c in context.catalog.credentials if credential.id in c.requires
    }
    shows |= {f"guides/credentials/{n}.pdf" for n in neighbours}
    for n in neighbours:  # a stack guide shows its members' neighbours' titles too
        shows |= {f"guides/stacks/{s}.pdf" for s in context.pathway.stacks_of.get(n, ())}
    assert f"guides/credentials/{credential.id}.pdf" in changed
    assert changed <= shows
    untouched = set(before) - shows
    assert untouched and not (untouched & changed)


def test_paper_and_templates_are_part_of_every_key(editable: Path) -> None:
    before = _keys(editable)
    config = editable / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8") + "  paper: a4\n", "utf-8")
    assert "paper: a4" in config.read_text("utf-8")
    after = _keys(editable)
    assert all(before[p] != after[p] for p in before)


# -- the engine --------------------------------------------------------------------------------


def test_engine_falls_back_from_pdf_ua_and_reports_one_line(tmp_path: Path) -> None:
    from mcauthor import typeset as engine

    # No document title: PDF/UA-1 refuses it; the plain tagged PDF is still made.
    (tmp_path / "main.typ").write_text('#set text(lang: "en")\nHello', "utf-8")
    pdf = engine.compile_pdf(tmp_path, "main.typ")
    assert pdf.startswith(b"%PDF-") and b"pdfuaid" not in pdf
    assert "/StructTreeRoot" in reader(pdf).trailer["/Root"]
    reason = engine.conforms(tmp_path, "main.typ")
    assert reason is not None and "\n" not in reason
    with pytest.raises(engine.EngineError):
        engine.compile_pdf(tmp_path, "main.typ", strict=True)
    # Nothing outside the compile root can be read, whatever the template asks.
    (tmp_path / "main.typ").write_text('#read("/etc/passwd")', "utf-8")
    with pytest.raises(engine.EngineError) as caught:
        engine.compile_pdf(tmp_path, "main.typ")
    assert "\n" not in str(caught.value) and str(caught.value).startswith("main.typ:1:")


@pytest.mark.slow
def test_find_guide_for_the_guide_command(sample: Context, credential_pdf: bytes) -> None:
    found = find_guide(sample, CREDENTIAL)
    assert found is not None and found[0] == f"guides/credentials/{CREDENTIAL}.pdf"
    dirs = template_dirs(sample.catalog.root)
    assert render_guide("credential", found[1], dirs, "letter") == credential_pdf
    stack = find_guide(sample, sample.pathway.stacks[0].id)
    assert stack is not None and stack[0].startswith("guides/stacks/")
    whole = find_guide(sample, "catalog")
    assert whole is not None and whole[0] == "guides/catalog.pdf"
    assert find_guide(sample, "no-such-id") is None


@pytest.mark.slow
def test_parallel_rendering_plugs_into_the_writer(editable: Path, tmp_path: Path) -> None:
    """What `mcauthor build` will do: plan, render the stale guides in a pool, write."""
    from mcauthor.output import Progress
    from mcauthor.output.writer import OutputFolder

    out = tmp_path / "site"
    planned = plan(_prepared(editable))
    with OutputFolder.open(out) as folder:
        ready = render_ahead(planned, lambda job: not folder.is_current(job), Progress())
        first = folder.write(ready)
    assert first.written == {"guide": len(planned)}
    for job in planned[:2]:  # the pool's bytes are the in-process bytes
        assert (out / job.path).read_bytes() == job.render()
    again = plan(_prepared(editable))
    with OutputFolder.open(out) as folder:
        stale = [job.path for job in again if not folder.is_current(job)]
        assert not stale  # nothing changed: nothing to render
        second = folder.write(render_ahead(again, lambda j: j.path in stale, Progress()))
    assert second.reused == {"guide": len(planned)} and not second.written


@pytest.mark.slow
def test_a_credential_in_two_stacks_is_shown_once_in_the_catalog_guide(editable: Path) -> None:
    path = editable / "stacks" / "advanced-performance-assessment-design.yaml"
    stack = yaml.safe_load(path.read_text("utf-8"))
    stack["credentials"].append("calibrating-scoring")
    path.write_text(yaml.safe_dump(stack, sort_keys=False), "utf-8")
    context = context_of(editable)
    assert len(context.pathway.stacks_of["calibrating-scoring"]) == 2
    pdf = render(context, "catalog")
    titles = outline_titles(pdf)
    assert titles.count("Calibrating Scoring") == 1
    assert canon("Described in full under Calibrating Scoring") in canon(text_of(pdf))


@pytest.mark.slow
def test_the_guide_command_writes_the_guide_that_build_writes(
    editable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mcauthor guide ID` starts from the same preparation as `mcauthor build`."""
    from mcauthor.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(editable, tmp_path / "site")
    for ident, built in (
        ("calibrating-scoring", "guides/credentials/calibrating-scoring.pdf"),
        (
            "basic-performance-assessment-design",
            "guides/stacks/basic-performance-assessment-design.pdf",
        ),
        ("catalog", "guides/catalog.pdf"),
    ):
        target = tmp_path / f"{ident}.pdf"
        result = invoke("guide", ident, "-c", editable, "-o", target)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"Wrote {target} (")
        assert target.read_bytes() == (tmp_path / "site" / built).read_bytes(), ident


def test_the_guide_command_refuses_a_catalog_with_lint_errors(
    editable: Path, tmp_path: Path
) -> None:
    add_unknown_key(editable / "credentials" / "calibrating-scoring.yaml")
    target = tmp_path / "guide.pdf"
    result = invoke("guide", "calibrating-scoring", "-c", editable, "-o", target)
    assert result.exit_code == 1
    assert "MC050" in result.stderr  # the report that stopped it
    assert "mcauthor: not rendered: lint reports errors" in result.stderr
    assert not target.exists()
