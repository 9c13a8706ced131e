"""Drawn badge images (mcauthor.badges): one SVG and one 600x600 PNG for each credential
and awarded stack without an image of its own, shown by the site and the Open Badges
exports, deterministic, readable, and safe with any title."""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mcauthor.badgedraw import PALETTE, WHITE, Badge, contrast, draw, ink
from mcauthor.badges.drawing import STORE
from mcauthor.build import build
from mcauthor.usercache import Store

from conftest import copy_sample, edit, invoke

CREDENTIAL = "calibrating-scoring"
BASE = "https://credentials.example.org/cce/"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _svg(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    return root


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("badges") / "catalog")
    return build(root, root.parent / "site", guides=False).out


def test_every_credential_and_awarded_stack_gets_a_badge(sample: Path) -> None:
    credentials = sorted(p.stem for p in (sample / "credentials").iterdir() if p.is_dir())
    stacks = ["advanced-performance-assessment-design", "basic-performance-assessment-design"]
    wanted = [f"badges/{c}" for c in credentials] + [f"badges/stacks/{s}" for s in stacks]
    for stem in wanted:
        assert _png_size((sample / f"{stem}.png").read_bytes()) == (600, 600), stem
        _svg((sample / f"{stem}.svg").read_bytes())
    assert not (sample / "badges/stacks/leading-a-performance-assessment-community.png").exists()


def test_the_site_and_both_open_badges_show_the_drawn_badge(sample: Path) -> None:
    page = (sample / "credentials" / CREDENTIAL / "index.html").read_text("utf-8")
    assert f'src="../../badges/{CREDENTIAL}.png"' in page
    assert f'<meta property="og:image" content="{BASE}badges/{CREDENTIAL}.png">' in page
    ob3 = json.loads((sample / f"data/openbadges/{CREDENTIAL}.json").read_text("utf-8"))
    assert ob3["image"]["id"] == f"{BASE}badges/{CREDENTIAL}.png"
    ob2 = json.loads((sample / f"data/openbadges-v2/{CREDENTIAL}.json").read_text("utf-8"))
    assert ob2["image"] == f"{BASE}badges/{CREDENTIAL}.png"
    stack_page = (sample / "stacks/basic-performance-assessment-design/index.html").read_text()
    assert 'src="../../badges/stacks/basic-performance-assessment-design.png"' in stack_page
    stack = "data/openbadges/stacks/basic-performance-assessment-design.json"
    assert json.loads((sample / stack).read_text("utf-8"))["image"]["id"].endswith(
        "badges/stacks/basic-performance-assessment-design.png"
    )


def test_the_same_catalog_draws_the_same_bytes(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MCAUTHOR_CACHE_DIR", str(tmp_path / "cache"))  # drawn again, not kept
    again = build(copy_sample(tmp_path / "catalog"), tmp_path / "site", guides=False).out
    for path in sorted((sample / "badges").rglob("*")):
        if path.is_file():
            assert (again / path.relative_to(sample)).read_bytes() == path.read_bytes(), path


def test_an_edit_draws_only_the_badges_it_changes(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    build(root, tmp_path / "site", guides=False)
    edit(root / "credentials" / f"{CREDENTIAL}.yaml", "\ntitle: ", "\ntitle: Peer ")
    again = build(root, tmp_path / "site", guides=False)
    drawn = sorted(p for p in again.written.rendered_paths if p.startswith("badges/"))
    assert drawn == [f"badges/{CREDENTIAL}.png", f"badges/{CREDENTIAL}.svg"]


def _kept_images(cache: Path) -> dict[str, Path]:
    return {p.name: p for p in (cache / "badges").iterdir() if p.suffix in (".png", ".svg")}


def _first_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """A build of the sample into ``one`` with a user cache of its own: (catalog, output,
    cache)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("MCAUTHOR_CACHE_DIR", str(cache))
    root = copy_sample(tmp_path / "catalog")
    return root, build(root, tmp_path / "one", guides=False).out, cache


def test_a_badge_drawn_once_is_kept_in_the_user_cache_and_not_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, first, cache = _first_build(tmp_path, monkeypatch)
    drawn = sorted((first / "badges").rglob("*.png"))
    kept = _kept_images(cache)
    assert len(kept) == 2 * len(drawn) > 0
    png = (first / "badges" / f"{CREDENTIAL}.png").read_bytes()
    (name,) = [n for n, p in kept.items() if p.read_bytes().endswith(png)]
    # What the user's cache holds is what a build into another folder takes, unseen by
    # the engine: a sealed stand-in (written as mcauthor would) shows it was not redrawn.
    store = Store.open(STORE)
    assert store is not None
    store.write(name, b"stand-in")
    second = build(root, tmp_path / "two", guides=False).out
    assert (second / "badges" / f"{CREDENTIAL}.png").read_bytes() == b"stand-in"
    for path in drawn:
        if path.name != f"{CREDENTIAL}.png":
            assert (second / path.relative_to(first)).read_bytes() == path.read_bytes()


def test_a_kept_badge_that_fails_its_seal_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, first, cache = _first_build(tmp_path, monkeypatch)
    png = (first / "badges" / f"{CREDENTIAL}.png").read_bytes()
    for path in _kept_images(cache).values():  # forged: the old seal over other bytes
        mac = path.read_bytes().split(b"\n", 1)[0]
        path.write_bytes(mac + b"\nforged")
    second = build(root, tmp_path / "two", guides=False).out
    assert (second / "badges" / f"{CREDENTIAL}.png").read_bytes() == png


def test_an_image_of_its_own_is_kept_and_none_is_drawn(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    (root / "assets").mkdir()
    (root / "assets" / "own.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(
        root / "credentials" / f"{CREDENTIAL}.yaml", "\ntitle: ", "\nimage: assets/own.png\ntitle: "
    )
    out = build(root, tmp_path / "site", guides=False).out
    assert not (out / "badges" / f"{CREDENTIAL}.png").exists()
    ob3 = json.loads((out / f"data/openbadges/{CREDENTIAL}.json").read_text("utf-8"))
    assert ob3["image"]["id"] == f"{BASE}assets/own.png"


def test_with_generation_off_nothing_is_drawn_and_the_build_says_what_is_missing(
    tmp_path: Path,
) -> None:
    root = copy_sample(tmp_path / "catalog")
    with (root / "mcauthor.yaml").open("a", encoding="utf-8") as handle:
        handle.write("badges:\n  generate: false\n")
    result = build(root, tmp_path / "site", guides=False)
    assert not (result.out / "badges").exists()
    ob3 = json.loads((result.out / f"data/openbadges/{CREDENTIAL}.json").read_text("utf-8"))
    assert "image" not in ob3
    assert any("have no image" in note for note in result.notes)


def test_the_text_always_reads() -> None:
    for colour in PALETTE:
        assert ink(colour) == WHITE and contrast(colour, WHITE) >= 4.5, colour
    for colour in ("#ffff00", "#f0f0f0", "#7fbfff", "#000000", "#808080"):
        assert contrast(colour, ink(colour)) >= 4.5, colour


@pytest.mark.parametrize("shape", ["circle", "hexagon", "shield"])
def test_titles_of_any_length_script_and_markup_draw(shape: str) -> None:
    """Titles are data to the drawing, never Typst source: markup stays text."""
    titles = [
        "Go",
        "Designing Culturally Responsive Performance Tasks That Ask Students to Apply "
        "What They Learned Across Several Units of a Whole School Year, and More",
        "تصميم مهام الأداء",  # Arabic
        "Reflective Practice 🌱✨",  # emoji
        'Scoring #panic("no") $x$ <label> @ref ]) "quoted" \\ *bold* _em_',
        "評価の調整",  # Japanese: no font covers it; drawn as boxes, never an error
    ]
    badges = [
        Badge(t, "An Issuer", PALETTE[i % 8], shape, "credential") for i, t in enumerate(titles)
    ]  # type: ignore[arg-type]
    pngs = draw(badges, "png")
    assert [_png_size(p) for p in pngs] == [(600, 600)] * len(titles)
    assert len(set(pngs)) == len(titles)  # each title drawn, none dropped
    for svg in draw(badges, "svg"):
        _svg(svg)


def _cover_size(pdf: Path) -> int:
    """How much the cover page draws (the badge is vector paths: the page's content)."""
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages[0].get_contents().get_data())  # type: ignore[union-attr]


@pytest.mark.slow
def test_the_guide_cover_shows_the_drawn_badge_unless_drawing_is_off(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    drawn = tmp_path / "drawn.pdf"
    assert invoke("guide", CREDENTIAL, "--catalog", root, "-o", drawn).exit_code == 0
    with (root / "mcauthor.yaml").open("a", encoding="utf-8") as handle:
        handle.write("badges:\n  generate: false\n")
    plain = tmp_path / "plain.pdf"
    assert invoke("guide", CREDENTIAL, "--catalog", root, "-o", plain).exit_code == 0
    # The badge's ring, title and issuer: thousands of bytes of drawing on the cover.
    assert _cover_size(drawn) > _cover_size(plain) + 2000


def test_a_new_award_image_renders_the_stack_guide_again(tmp_path: Path) -> None:
    """The stack guide shows the stack's badge: its key follows the image's bytes."""
    from mcauthor import pdf
    from mcauthor.prepare import prepare

    root = copy_sample(tmp_path / "catalog")
    (root / "assets").mkdir()
    (root / "assets" / "stack.png").write_bytes(b"\x89PNG\r\n\x1a\n first")
    edit(
        root / "stacks/advanced-performance-assessment-design.yaml",
        "\naward: true\n",
        "\naward:\n  image: assets/stack.png\n",
    )

    def keys() -> dict[str, str]:
        return {job.path: job.key for job in pdf.OUTPUT.plan(prepare(root, guides=True))}

    before = keys()
    (root / "assets" / "stack.png").write_bytes(b"\x89PNG\r\n\x1a\n second")
    after = keys()
    changed = sorted(path for path in before if before[path] != after[path])
    assert changed == [
        "guides/catalog.pdf",
        "guides/stacks/advanced-performance-assessment-design.pdf",
    ]
