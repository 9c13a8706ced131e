"""The pathway picture (mcauthor.pathway): structure, text, layout, accessibility."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from mcauthor.lint import lint
from mcauthor.pathway.layout import BOX_PAD, BOX_TITLE_SIZE, GUTTER_MAX, TITLE_LINES, WIDTH
from mcauthor.pathway.svg import TEXT_COLOURS, render
from mcauthor.pathway.text import text_width, wrap
from mcauthor.rules.base import Example
from mcauthor.stacks import Pathway, resolve

from conftest import REPO, SAMPLE

NS = "{http://www.w3.org/2000/svg}"

LONG_TITLE = ("Designing and Scoring Interdisciplinary Performance Tasks " * 4)[:200].strip()
HOSTILE = '<script>alert("x")</script> & ]]> "quoted" \'single\''
RTL = "הערכת ביצוע בכיתה"
ARABIC = "تصميم مهام الأداء"
EMOJI = "Growth 🎓 mindset 👩🏽‍🏫 in class"
CYCLE_A, CYCLE_B = "Cycle <A> & Co", "Cycle B"

# -- helpers ----------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def lines_of(text: ET.Element) -> list[str]:
    """The lines of a <text>: its <tspan>s, or its own text when it has none."""
    spans = text.findall(f"{NS}tspan")
    return ["".join(s.itertext()) for s in spans] if spans else ["".join(text.itertext())]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if g.get("class") == cls]


def title_text(g: ET.Element, cls: str) -> ET.Element:
    found = [t for t in g.iter(f"{NS}text") if t.get("class") == cls]
    assert len(found) == 1, cls
    return found[0]


def rect(el: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(el.get(k, "0")) for k in ("x", "y", "width", "height"))
    return x, y, w, h


def outline(band: ET.Element) -> tuple[float, float, float, float]:
    (shape,) = [r for r in band.iter(f"{NS}rect") if r.get("class") == "band"]
    return rect(shape)


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def size_of(root: ET.Element) -> tuple[float, float]:
    return float(root.get("width", "0")), float(root.get("height", "0"))


def pathway_of(root: Path) -> Pathway:
    return resolve(lint(root).catalog)


def q(text: str) -> str:
    """A YAML scalar for any text: JSON strings are YAML double-quoted scalars."""
    return json.dumps(text, ensure_ascii=False)


def credential(title: str, hours: float = 5, status: str = "published") -> str:
    return f"title: {q(title)}\nstatus: {status}\nhours: {hours}\n"


def stack(
    title: str, members: tuple[str, ...], requires: tuple[str, ...] = (), status: str = ""
) -> str:
    text = f"title: {q(title)}\ncredentials: [{', '.join(members)}]\n"
    if requires:
        text += f"requires: [{', '.join(requires)}]\n"
    if status:
        text += f"status: {status}\n"
    return text


def edge_example() -> Example:
    """Every awkward case at once: empty and 12-member stacks, long and hostile titles,
    RTL and emoji, draft and retired, a requires cycle, credentials in no stack."""
    files: dict[str, str] = {
        "credentials/long-title.yaml": credential(LONG_TITLE, 12.5),
        "credentials/hostile.yaml": credential(HOSTILE, 7),
        "credentials/rtl.yaml": credential(RTL, 8),
        "credentials/arabic.yaml": credential(ARABIC, 9),
        "credentials/emoji.yaml": credential(EMOJI, 6, "draft"),
        "credentials/old.yaml": credential("Retired Practice", 4, "retired"),
        "credentials/loose-one.yaml": credential("Loose Credential One", 3),
        "credentials/loose-two.yaml": credential("Loose Credential Two", 2, "draft"),
        "stacks/empty.yaml": stack("Empty " + LONG_TITLE, ()),
        "stacks/weird.yaml": stack(
            HOSTILE, ("hostile", "rtl", "arabic", "emoji", "old", "long-title"), ("example-stack",)
        ),
        "stacks/twelve.yaml": stack(
            "Twelve Credentials", tuple(f"c{i:02d}" for i in range(12)), ("example-stack",), "draft"
        ),
        "stacks/cycle-a.yaml": stack(CYCLE_A, ("c00",), ("cycle-b", "weird")),
        "stacks/cycle-b.yaml": stack(CYCLE_B, ("c01",), ("cycle-a",), "retired"),
        "stacks/rtl-stack.yaml": stack(RTL, ("rtl",)),
    }
    for i in range(12):
        files[f"credentials/c{i:02d}.yaml"] = credential(f"Step {i} of the Twelve", i + 1)
    return Example(files=files)


@pytest.fixture
def edge(make_catalog: Callable[..., Path]) -> tuple[Pathway, str, ET.Element]:
    pathway = pathway_of(make_catalog(edge_example()))
    svg = render(pathway, title=f"Edge cases {HOSTILE}")
    return pathway, svg, parse(svg)


@pytest.fixture(scope="module")
def sample() -> tuple[Pathway, str, ET.Element]:
    pathway = pathway_of(SAMPLE)
    svg = render(pathway, title="Performance Assessment for Learning")
    return pathway, svg, parse(svg)


def _generate(root: Path, n: int) -> Pathway:
    spec = importlib.util.spec_from_file_location("catalog_gen", REPO / "bench" / "catalog_gen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(root, n, 1)
    return pathway_of(root)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Pathway, str]]:
    """Generated catalogs: 50 credentials (10 stacks) and 250 credentials (50 stacks)."""
    out = {}
    for n in (50, 250):
        pathway = _generate(tmp_path_factory.mktemp(f"gen{n}"), n)
        out[len(pathway.stacks)] = (pathway, render(pathway, title=f"Generated {n}"))
    return out


def check_titles(pathway: Pathway, root: ET.Element) -> None:
    """Every stack and credential title is on the picture, in pathway and earning order."""
    bands = groups(root, "stack")
    assert [g.get("data-id") for g in bands] == [rs.id for rs in pathway.stacks]
    for rs, band in zip(pathway.stacks, bands, strict=True):
        shown = squash(" ".join(lines_of(title_text(band, "stack-title"))))
        if shown.endswith("…"):
            assert squash(rs.stack.title).startswith(shown[:-1])
        else:
            assert shown == squash(rs.stack.title)
        boxes = groups(band, "credential")
        assert [b.get("data-id") for b in boxes] == [c.id for c in rs.members]
        for member, box in zip(rs.members, boxes, strict=True):
            lines = lines_of(title_text(box, "credential-title"))
            assert 1 <= len(lines) <= TITLE_LINES
            if lines[-1].endswith("…"):  # cut: what shows is the start of the title
                assert squash(member.title).startswith(squash("".join(lines))[:-1])
            else:
                assert squash("".join(lines)) == squash(member.title)
            tooltip = box.find(f"{NS}title")
            assert tooltip is not None and member.title in (tooltip.text or "")


def check_layout(root: ET.Element) -> None:
    """Bands and boxes inside the canvas, boxes inside their band, nothing overlapping,
    title lines (estimated) inside their box."""
    width, height = size_of(root)
    assert width == WIDTH
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    band_rects = []
    boxes = []
    for band in groups(root, "stack") + groups(root, "unstacked"):
        b = outline(band)
        assert b[0] >= 0 and b[0] + b[2] <= width and b[1] >= 0 and b[1] + b[3] <= height
        band_rects.append(b)
        for box in groups(band, "credential"):
            (shape,) = [r for r in box.iter(f"{NS}rect") if r.get("class") == "box"]
            r = rect(shape)
            assert b[0] < r[0] and r[0] + r[2] < b[0] + b[2], "box inside its band"
            assert b[1] < r[1] and r[1] + r[3] < b[1] + b[3], "box inside its band"
            text = title_text(box, "credential-title")
            x = float(text.get("x", "0"))
            assert r[0] < x < r[0] + r[2]
            for line in lines_of(text):
                if text.get("direction") == "rtl":
                    assert x - text_width(line, BOX_TITLE_SIZE) >= r[0] + BOX_PAD - 0.1
                else:
                    assert x + text_width(line, BOX_TITLE_SIZE) <= r[0] + r[2] - BOX_PAD + 0.1
            hours = title_text(box, "hours")
            hours_end = float(hours.get("x", "0")) + text_width(hours.text or "", 12)
            for pill in (p for p in box.iter(f"{NS}rect") if p.get("class") == "status"):
                s = rect(pill)
                assert hours_end < s[0] and s[0] + s[2] < r[0] + r[2], "label inside, apart"
            boxes.append(r)
    for a, b in itertools.combinations(band_rects, 2):
        assert not overlap(a, b)
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b)


def check_safe(svg: str, root: ET.Element) -> None:
    """Standalone and inert: no scripts, styles, foreign content or external references."""
    assert svg.startswith("<svg ")
    tags = {el.tag.removeprefix(NS) for el in root.iter()}
    assert not tags & {"script", "foreignObject", "style", "image", "a", "use", "iframe"}
    for el in root.iter():
        for name, value in el.attrib.items():
            assert "href" not in name
            assert not name.startswith("on")
            if value.startswith("url("):
                assert re.fullmatch(r"url\(#pw-[a-z]+\)", value), value
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in svg and "@import" not in svg


def edge_pairs(root: ET.Element) -> set[tuple[str | None, str | None]]:
    """The (prerequisite, stack) of every arrow; checks that arrows which overlap
    vertically run in different lanes, inside the canvas, left of the bands."""
    paths = [p for p in root.iter(f"{NS}path") if "prereq" in (p.get("class") or "").split()]
    bands = [outline(g) for g in groups(root, "stack")]
    spans = []
    for p in paths:
        assert p.get("marker-end") == "url(#pw-arrow)"
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", p.get("d", ""))]
        x, y1, lane, y2 = numbers[0], numbers[1], numbers[3], numbers[9]
        assert 0 < lane < x and all(x <= b[0] for b in bands)
        spans.append((lane, min(y1, y2), max(y1, y2)))
    for (lane_a, low_a, high_a), (lane_b, low_b, high_b) in itertools.combinations(spans, 2):
        if low_a <= high_b and low_b <= high_a:
            assert lane_a != lane_b
    return {(p.get("data-from"), p.get("data-to")) for p in paths}


# -- the sample catalog -----------------------------------------------------------------


def test_sample_is_accessible_standalone_svg(sample: tuple[Pathway, str, ET.Element]) -> None:
    pathway, svg, root = sample
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "pw-title pw-desc"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and title.get("id") == "pw-title"
    assert title.text == "Performance Assessment for Learning"
    assert desc is not None and desc.get("id") == "pw-desc"
    text = desc.text or ""
    for rs in pathway.stacks:
        assert rs.stack.title in text
        for member in rs.members:
            assert member.title in text
    assert (
        "Advanced Performance Assessment Design requires Basic Performance Assessment Design"
        in text
    )
    assert root.find(f"{NS}defs/{NS}marker[@id='pw-arrow']") is not None
    check_safe(svg, root)
    for g in groups(root, "stack") + groups(root, "credential"):
        assert g.find(f"{NS}title") is not None, "every band and box has a tooltip"


def test_sample_shows_every_title_in_order(sample: tuple[Pathway, str, ET.Element]) -> None:
    pathway, _, root = sample
    check_titles(pathway, root)
    check_layout(root)
    headers = [" ".join(lines_of(title_text(g, "stack-meta"))) for g in groups(root, "stack")]
    assert headers[0] == "3 credentials · 30 hours · 3 CEUs"
    hours = [lines_of(title_text(g, "hours"))[0] for g in groups(root, "credential")]
    assert hours[:3] == ["10 h", "12 h", "8 h"]


def test_sample_has_an_arrow_per_stack_requires(sample: tuple[Pathway, str, ET.Element]) -> None:
    pathway, _, root = sample
    expected = {(r, rs.id) for rs in pathway.stacks for r in rs.requires}
    assert expected == {
        ("basic-performance-assessment-design", "advanced-performance-assessment-design"),
        ("advanced-performance-assessment-design", "leading-a-performance-assessment-community"),
    }
    assert edge_pairs(root) == expected


def test_render_is_deterministic(sample: tuple[Pathway, str, ET.Element]) -> None:
    pathway, svg, _ = sample
    assert render(pathway, title="Performance Assessment for Learning") == svg
    assert render(pathway_of(SAMPLE), title="Performance Assessment for Learning") == svg


def test_coordinates_have_at_most_one_decimal(sample: tuple[Pathway, str, ET.Element]) -> None:
    _, svg, _ = sample
    assert not re.search(r"\d\.\d\d", svg.split("</desc>", 1)[1])


def test_text_is_large_enough_and_contrasted(sample: tuple[Pathway, str, ET.Element]) -> None:
    _, _, root = sample
    for text in root.iter(f"{NS}text"):
        assert float(text.get("font-size", "0")) >= 12

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for name, fg, bg in TEXT_COLOURS:
        light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, name
    inks = {fg for _, fg, _ in TEXT_COLOURS}
    for el in root.iter():
        if el.tag in (f"{NS}text", f"{NS}tspan") and el.get("fill"):
            assert el.get("fill") in inks


# -- awkward catalogs -------------------------------------------------------------------


def test_edge_cases_render(edge: tuple[Pathway, str, ET.Element]) -> None:
    pathway, svg, root = edge
    check_safe(svg, root)
    check_titles(pathway, root)
    check_layout(root)
    assert render(pathway, title=f"Edge cases {HOSTILE}") == svg
    by_id = {g.get("data-id"): g for g in groups(root, "stack")}

    empty = by_id["empty"]
    assert "No credentials in this stack yet" in "".join(empty.itertext())
    assert lines_of(title_text(empty, "stack-meta")) == ["0 credentials"]
    long_title = lines_of(title_text(empty, "stack-title"))
    assert len(long_title) == 2 and long_title[-1].endswith("…")

    twelve = by_id["twelve"]
    rows = {rect(r)[1] for r in twelve.iter(f"{NS}rect") if r.get("class") == "box"}
    assert len(groups(twelve, "credential")) == 12 and len(rows) == 3
    assert "(draft)" in "".join(title_text(twelve, "stack-meta").itertext())
    assert "(retired)" in "".join(title_text(by_id["cycle-b"], "stack-meta").itertext())

    long_box = next(g for g in groups(root, "credential") if g.get("data-id") == "long-title")
    lines = lines_of(title_text(long_box, "credential-title"))
    assert len(lines) == TITLE_LINES and lines[-1].endswith("…")

    labels = {
        g.get("data-id"): [t.text for t in g.iter(f"{NS}text") if t.get("class") == "status-label"]
        for g in groups(root, "credential")
    }
    assert labels["emoji"] == ["Draft"] and labels["old"] == ["Retired"]
    assert labels["hostile"] == []

    (unstacked,) = groups(root, "unstacked")
    assert lines_of(title_text(unstacked, "stack-title")) == ["Not in a stack"]
    assert [g.get("data-id") for g in groups(unstacked, "credential")] == [
        c.id for c in pathway.unstacked
    ]
    assert {c.id for c in pathway.unstacked} >= {"loose-one", "loose-two"}


def test_hostile_text_stays_text(edge: tuple[Pathway, str, ET.Element]) -> None:
    _, svg, root = edge
    assert "<script" not in svg and "]]>" not in svg
    title = root.find(f"{NS}title")
    assert title is not None and title.text == f"Edge cases {HOSTILE}"
    boxes = {g.get("data-id"): g for g in groups(root, "credential")}
    for cid, text in (("hostile", HOSTILE), ("rtl", RTL), ("arabic", ARABIC), ("emoji", EMOJI)):
        shown = " ".join(lines_of(title_text(boxes[cid], "credential-title")))
        assert squash(shown) == squash(text)
    (weird,) = [g for g in groups(root, "stack") if g.get("data-id") == "weird"]
    assert squash(" ".join(lines_of(title_text(weird, "stack-title")))) == squash(HOSTILE)
    desc = root.find(f"{NS}desc")
    assert desc is not None
    for text in (HOSTILE, RTL, ARABIC, EMOJI, CYCLE_A):
        assert text in (desc.text or "")
    rtl = title_text(boxes["rtl"], "credential-title")
    assert rtl.get("direction") == "rtl"


def test_cycles_are_drawn(edge: tuple[Pathway, str, ET.Element]) -> None:
    pathway, _, root = edge
    assert pathway.stack_cycles
    expected = {(r, rs.id) for rs in pathway.stacks for r in rs.requires}
    assert {("cycle-a", "cycle-b"), ("cycle-b", "cycle-a"), ("weird", "cycle-a")} <= expected
    assert edge_pairs(root) == expected
    cyclic = {
        (p.get("data-from"), p.get("data-to"))
        for p in root.iter(f"{NS}path")
        if p.get("class") == "prereq cycle"
    }
    assert cyclic == {("cycle-a", "cycle-b"), ("cycle-b", "cycle-a")}
    desc = root.find(f"{NS}desc")
    assert desc is not None and "Requires cycle:" in (desc.text or "")


def test_many_crossing_prerequisites(make_catalog: Callable[..., Path]) -> None:
    files = {}
    for i in range(15):
        status = ("published", "draft", "retired")[i % 3]
        files[f"credentials/k{i:02d}.yaml"] = credential(f"Credential {i}", 12.5, status)
        earlier = tuple(f"s{j:02d}" for j in range(i))
        files[f"stacks/s{i:02d}.yaml"] = stack(f"Stack {i}", (f"k{i:02d}",), earlier)
    pathway = pathway_of(make_catalog(Example(files=files)))
    svg = render(pathway, title="Tangled")
    root = parse(svg)
    expected = {(r, rs.id) for rs in pathway.stacks for r in rs.requires}
    assert len(expected) == 15 * 14 // 2
    assert edge_pairs(root) == expected
    check_titles(pathway, root)
    check_layout(root)
    assert min(outline(g)[0] for g in groups(root, "stack")) <= 24 + GUTTER_MAX


def test_catalog_without_stacks(make_catalog: Callable[..., Path]) -> None:
    root = make_catalog(Example(whole={"stacks/example-stack.yaml": ""}))
    pathway = pathway_of(root)
    svg = render(pathway, title="")
    tree = parse(svg)
    assert not groups(tree, "stack") and len(groups(tree, "unstacked")) == 1
    assert edge_pairs(tree) == set()


# -- a big catalog ----------------------------------------------------------------------


@pytest.mark.slow
def test_fifty_stacks(generated: dict[int, tuple[Pathway, str]]) -> None:
    pathway, svg = generated[50]
    root = parse(svg)
    check_safe(svg, root)
    check_titles(pathway, root)
    check_layout(root)
    assert edge_pairs(root) == {(r, rs.id) for rs in pathway.stacks for r in rs.requires}
    width, height = size_of(root)
    assert width == WIDTH
    assert 50 * 120 < height < 50 * 400
    # Linear: the same height for every stack of five, and nothing else grows.
    outlines = [
        rect(r)
        for g in groups(root, "stack")
        for r in g.iter(f"{NS}rect")
        if r.get("class") == "band"
    ]
    assert len({h for _, _, _, h in outlines}) == 1
    per_stack = (height - outlines[0][1]) / len(outlines)
    assert per_stack <= outlines[0][3] + 16 + 1
    small_pathway, small = generated[10]
    assert len(small_pathway.stacks) == 10
    small_height = size_of(parse(small))[1]
    assert 3.5 < height / small_height < 6
    desc = root.find(f"{NS}desc")
    assert desc is not None and all(rs.stack.title in (desc.text or "") for rs in pathway.stacks)


# -- text wrapping ----------------------------------------------------------------------


def test_wrap() -> None:
    assert wrap("", 100, 13) == []
    assert wrap("  Calibrating   Scoring ", 1000, 13) == ["Calibrating Scoring"]
    lines = wrap("one two three four five six seven eight nine ten", 60, 13, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line, 13) <= 60 for line in lines)
    split = wrap("Supercalifragilisticexpialidocious", 80, 13, max_lines=9)
    assert len(split) > 1 and "".join(split) == "Supercalifragilisticexpialidocious"
    assert text_width("👩🏽‍🏫", 13) == text_width("👩🏫", 13)  # modifier, ZWJ: no width
    assert wrap("👩🏽‍🏫" * 3, 30, 13, max_lines=9) == ["👩🏽‍🏫"] * 3  # clusters stay whole
