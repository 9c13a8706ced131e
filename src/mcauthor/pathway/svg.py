"""The pathway picture: a catalog's stacks and credentials as one standalone SVG.

:func:`render` draws a resolved :class:`~mcauthor.stacks.Pathway`, laid out by
:func:`mcauthor.pathway.layout.lay_out`:

- each stack is a band, top to bottom in pathway order (prerequisites first), with a header
  (title, ``N credentials · H hours · C CEUs`` and ``(draft)``/``(retired)``) and its
  credentials as numbered boxes, left to right in the declared earning order, chevrons
  between neighbours, wrapped onto more rows when a stack has more than fit the width;
- stack ``requires`` links are arrows in a gutter left of the bands, from the prerequisite
  stack to the stack that requires it, each in its own lane (non-overlapping arrows share
  one); links on a requires cycle are dashed;
- credentials in no stack sit in a last band, "Not in a stack".

The picture is meant for catalog pages and docs: fixed width, height from the content, no
scripts, fonts or external references, every word as real ``<text>``, an SVG ``<title>``
and a ``<desc>`` that tells the whole pathway in words, and a ``<title>`` tooltip on every
band, box and arrow. Output is a pure function of the pathway and the title:
byte-identical for the same input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from mcauthor.model import STATUS_LABELS, EffectiveStatus
from mcauthor.pathway.captions import (
    arrow_tooltip,
    band_tooltip,
    box_tooltip,
    describe,
    stack_names,
    totals,
)
from mcauthor.pathway.layout import (
    BAND_PAD,
    BOX_GAP,
    BOX_META_SIZE,
    BOX_PAD,
    BOX_TITLE_SIZE,
    DOC_SUB_SIZE,
    DOC_TITLE_SIZE,
    MARGIN,
    META_SIZE,
    STACK_TITLE_SIZE,
    STEP_SIZE,
    WIDTH,
    Box,
    Heading,
    Layout,
    PlacedBand,
    lay_out,
    line_height,
    pill_width,
)
from mcauthor.pathway.text import BOLD, hours_label, status_word, text_width
from mcauthor.stacks import Pathway

__all__ = ["FONT_FAMILY", "TEXT_COLOURS", "render"]

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# -- palette ----------------------------------------------------------------------------
PAGE = "#f5f7f9"
INK = "#1b2a33"  # main text
MUTED = "#4a5865"  # secondary text
ACCENT = "#0c5465"  # stack headers, step numbers, arrows
ACCENT_TINT = "#e6f0f3"  # stack header background
BAND = "#ffffff"
BAND_LINE = "#d3dae0"
BOX = "#fbfcfd"
BOX_LINE = "#b9c5ce"
CHEVRON = "#8697a3"
EDGE = "#4f7683"
NEUTRAL_TINT = "#eceff2"  # header of the "Not in a stack" band, retired stacks
DRAFT_FILL = "#fff6dc"
DRAFT_LINE = "#b8841c"
DRAFT_PILL = "#f6e0a6"
DRAFT_INK = "#5a3c00"
RETIRED_FILL = "#eef0f2"
RETIRED_LINE = "#9aa5ae"
RETIRED_PILL = "#dadfe4"
RETIRED_INK = "#38434c"
WHITE = "#ffffff"

# Every (text colour, background) pair the picture uses, for contrast checks (WCAG AA).
TEXT_COLOURS: tuple[tuple[str, str, str], ...] = (
    ("document title", INK, PAGE),
    ("document subtitle", MUTED, PAGE),
    ("stack title", ACCENT, ACCENT_TINT),
    ("stack meta", MUTED, ACCENT_TINT),
    ("retired stack title", RETIRED_INK, NEUTRAL_TINT),
    ("retired stack meta", MUTED, NEUTRAL_TINT),
    ("stack status", DRAFT_INK, ACCENT_TINT),
    ("retired stack status", RETIRED_INK, NEUTRAL_TINT),
    ("empty stack note", MUTED, BAND),
    ("credential title", INK, BOX),
    ("credential hours", MUTED, BOX),
    ("draft credential title", INK, DRAFT_FILL),
    ("draft credential hours", MUTED, DRAFT_FILL),
    ("draft label", DRAFT_INK, DRAFT_PILL),
    ("retired credential title", RETIRED_INK, RETIRED_FILL),
    ("retired credential hours", MUTED, RETIRED_FILL),
    ("retired label", RETIRED_INK, RETIRED_PILL),
    ("step number", WHITE, ACCENT),
)

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _esc(text: str) -> str:
    """Escape for XML text and double-quoted attributes; characters XML 1.0 forbids
    become U+FFFD."""
    return (
        _ILLEGAL_XML.sub("\ufffd", text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros, never ``-0``."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rtl(text: str) -> bool:
    """Whether the first strong character of ``text`` is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


class _Svg:
    """An SVG document being written, one element (or a few) per part."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, text: str) -> None:
        self.parts.append(text)

    def text(
        self,
        lines: Sequence[str],
        x: float,
        y: float,
        *,
        size: float,
        fill: str,
        weight: str = "",
        line_height: float = 0,
        right: float | None = None,
        cls: str = "",
    ) -> None:
        """A ``<text>`` with a ``<tspan>`` per line; right-to-left text starts at ``right``."""
        if not lines:
            return
        rtl = right is not None and _rtl(" ".join(lines))
        at = right if rtl and right is not None else x
        attrs = f'x="{_n(at)}" y="{_n(y)}" font-size="{_n(size)}" fill="{fill}"'
        if weight:
            attrs += f' font-weight="{weight}"'
        if rtl:
            attrs += ' direction="rtl" unicode-bidi="embed"'
        if cls:
            attrs += f' class="{cls}"'
        if len(lines) == 1:
            self.add(f"<text {attrs}>{_esc(lines[0])}</text>")
            return
        spans = "".join(
            f'<tspan x="{_n(at)}" dy="{_n(line_height) if i else "0"}">{_esc(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.add(f"<text {attrs}>{spans}</text>")


def render(pathway: Pathway, *, title: str) -> str:
    """The pathway as a standalone SVG document (text that starts with ``<svg``).

    ``title`` names the picture (its ``<title>`` and heading), e.g. the catalog title.
    Prerequisite arrows are ``<path class="prereq" data-from=PREREQUISITE data-to=STACK>``
    (``class="prereq cycle"`` when the link is on a requires cycle); bands are
    ``<g class="stack" data-id=...>`` (``class="unstacked"`` for "Not in a stack") and boxes
    ``<g class="credential" data-id=...>`` holding ``<rect class="box">`` and
    ``<text class="credential-title">``.
    """
    layout = lay_out(pathway, title)
    svg = _Svg()
    _draw_start(svg, pathway, layout)
    _draw_heading(svg, layout.heading)
    names = stack_names(pathway)
    for placed in layout.bands:
        _draw_band(svg, placed, layout, pathway, names)
    _draw_arrows(svg, layout)
    svg.add("</svg>")
    return "\n".join(svg.parts) + "\n"


def _draw_start(svg: _Svg, pathway: Pathway, layout: Layout) -> None:
    """The root element, title and description, arrow markers and background."""
    height = _n(layout.height)
    heading = layout.heading.title
    svg.add(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="pw-title pw-desc"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' font-family="{FONT_FAMILY}">'
    )
    svg.add(f'<title id="pw-title">{_esc(heading)}</title>')
    bands = [placed.band for placed in layout.bands]
    svg.add(f'<desc id="pw-desc">{_esc(describe(pathway, bands, heading))}</desc>')
    svg.add(
        "<defs>"
        '<marker id="pw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8"'
        ' markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0 1 L9 5 L0 9 z" fill="{EDGE}"/></marker>'
        '<marker id="pw-dot" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6"'
        ' markerHeight="6" markerUnits="userSpaceOnUse">'
        f'<circle cx="5" cy="5" r="4" fill="{EDGE}"/></marker>'
        "</defs>"
    )
    svg.add(f'<rect class="background" width="{WIDTH}" height="{height}" fill="{PAGE}"/>')


def _draw_heading(svg: _Svg, heading: Heading) -> None:
    svg.add('<g class="heading">')
    svg.text(
        heading.title_lines,
        MARGIN,
        heading.title_y,
        size=DOC_TITLE_SIZE,
        fill=INK,
        weight="700",
        line_height=heading.title_leading,
        right=WIDTH - MARGIN,
    )
    sub_lh = heading.sub_leading
    svg.text(
        heading.sub_lines, MARGIN, heading.sub_y, size=DOC_SUB_SIZE, fill=MUTED, line_height=sub_lh
    )
    if heading.legend_lines:
        mid = heading.legend_y - DOC_SUB_SIZE * 0.33
        svg.add(
            f'<path d="M{_n(MARGIN + 2)} {_n(mid)} H{_n(MARGIN + 30)}" stroke="{EDGE}"'
            ' stroke-width="1.5" fill="none" marker-start="url(#pw-dot)"'
            ' marker-end="url(#pw-arrow)"/>'
        )
        svg.text(
            heading.legend_lines,
            MARGIN + 40,
            heading.legend_y,
            size=DOC_SUB_SIZE,
            fill=MUTED,
            line_height=sub_lh,
        )
    svg.add("</g>")


def _draw_band(
    svg: _Svg, p: PlacedBand, layout: Layout, pathway: Pathway, names: dict[str, str]
) -> None:
    band = p.band
    if band.resolved is not None:
        svg.add(f'<g class="stack" data-id="{_esc(band.key)}" data-status="{_esc(band.status)}">')
    else:
        svg.add('<g class="unstacked">')
    svg.add(f"<title>{_esc(band_tooltip(band, names))}</title>")
    _draw_header(svg, p, layout)
    _draw_boxes(svg, p, layout, pathway, names)
    svg.add("</g>")


def _draw_header(svg: _Svg, p: PlacedBand, layout: Layout) -> None:
    """The band's outline, and its header: title, totals and status."""
    band = p.band
    status = status_word(band.status)
    neutral = band.resolved is None or band.status == "retired"
    x, w = layout.band_x, layout.band_w
    dash = ' stroke-dasharray="6 4"' if band.status == "draft" else ""
    svg.add(
        f'<rect class="band" x="{_n(x)}" y="{_n(p.y)}" width="{_n(w)}"'
        f' height="{_n(p.height)}" rx="10" fill="{BAND}" stroke="{BAND_LINE}"{dash}/>'
    )
    # The header: the band's top, tinted, rounded like the band.
    top, bottom, left, right = p.y + 0.5, p.y + p.header_height, x + 0.5, x + w - 0.5
    svg.add(
        f'<path class="band-header" d="M{_n(left)} {_n(bottom)} V{_n(top + 9.5)}'
        f" Q{_n(left)} {_n(top)} {_n(left + 9.5)} {_n(top)} H{_n(right - 9.5)}"
        f' Q{_n(right)} {_n(top)} {_n(right)} {_n(top + 9.5)} V{_n(bottom)} Z"'
        f' fill="{NEUTRAL_TINT if neutral else ACCENT_TINT}"/>'
    )
    svg.add(f'<path d="M{_n(left)} {_n(bottom)} H{_n(right)}" stroke="{BAND_LINE}" fill="none"/>')
    text_x = x + BAND_PAD
    y = p.y + 14 + STACK_TITLE_SIZE
    svg.text(
        p.title_lines,
        text_x,
        y,
        size=STACK_TITLE_SIZE,
        fill=RETIRED_INK if neutral else ACCENT,
        weight="700",
        line_height=line_height(STACK_TITLE_SIZE),
        right=x + w - BAND_PAD,
        cls="stack-title",
    )
    y += (len(p.title_lines) - 1) * line_height(STACK_TITLE_SIZE) + 8 + META_SIZE
    meta = _esc(totals(band))
    if status:
        ink = RETIRED_INK if band.status == "retired" else DRAFT_INK
        meta += f' (<tspan font-weight="700" fill="{ink}">{status}</tspan>)'
    svg.add(
        f'<text class="stack-meta" x="{_n(text_x)}" y="{_n(y)}" font-size="{META_SIZE}"'
        f' fill="{MUTED}">{meta}</text>'
    )


def _draw_boxes(
    svg: _Svg, p: PlacedBand, layout: Layout, pathway: Pathway, names: dict[str, str]
) -> None:
    """The band's boxes with chevrons between them, or a note that it has none."""
    text_x = layout.band_x + BAND_PAD
    if not p.boxes:
        svg.add(
            f'<rect class="empty" x="{_n(text_x)}" y="{_n(p.body_y)}"'
            f' width="{_n(layout.band_w - 2 * BAND_PAD)}"'
            f' height="40" rx="7" fill="none" stroke="{BOX_LINE}" stroke-dasharray="4 4"/>'
        )
        svg.text(
            ["No credentials in this stack yet"],
            text_x + BOX_PAD,
            p.body_y + 20 + META_SIZE * 0.35,
            size=META_SIZE,
            fill=MUTED,
        )
    for box in p.boxes:
        tooltip = box_tooltip(box.credential, box.step, pathway, names)
        _draw_box(svg, box, tooltip, layout)
        if box.chevron_after:
            cx, cy = box.x + layout.box_w + BOX_GAP / 2, box.y + layout.box_h / 2
            svg.add(
                f'<path class="chevron" d="M{_n(cx - 3)} {_n(cy - 6)} L{_n(cx + 3)} {_n(cy)}'
                f' L{_n(cx - 3)} {_n(cy + 6)}" fill="none" stroke="{CHEVRON}"'
                ' stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>'
            )


def _draw_box(svg: _Svg, box: Box, tooltip: str, layout: Layout) -> None:
    credential, x, y = box.credential, box.x, box.y
    w, h = layout.box_w, layout.box_h
    fill, line, ink, dash = BOX, BOX_LINE, INK, ""
    if credential.status == "draft":
        fill, line, dash = DRAFT_FILL, DRAFT_LINE, ' stroke-dasharray="5 3"'
    elif credential.status == "retired":
        fill, line, ink = RETIRED_FILL, RETIRED_LINE, RETIRED_INK
    svg.add(
        f'<g class="credential" data-id="{_esc(credential.id)}"'
        f' data-status="{_esc(credential.status)}">'
    )
    svg.add(f"<title>{_esc(tooltip)}</title>")
    svg.add(
        f'<rect class="box" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="7"'
        f' fill="{fill}" stroke="{line}"{dash}/>'
    )
    svg.text(
        box.title_lines,
        x + BOX_PAD,
        y + BOX_PAD + 6 + BOX_TITLE_SIZE * 0.8,
        size=BOX_TITLE_SIZE,
        fill=ink,
        weight="500",
        line_height=line_height(BOX_TITLE_SIZE),
        right=x + w - BOX_PAD,
        cls="credential-title",
    )
    base = y + h - BOX_PAD - 3
    svg.text(
        [hours_label(credential)], x + BOX_PAD, base, size=BOX_META_SIZE, fill=MUTED, cls="hours"
    )
    status = status_word(credential.status)
    if status:
        _draw_status(svg, status, x + w - BOX_PAD, base)
    if box.step is not None:
        _draw_step(svg, box.step, x - 6, y - 6)
    svg.add("</g>")


def _draw_status(svg: _Svg, status: EffectiveStatus, right: float, base: float) -> None:
    """A box's status label, ending at ``right``, on the baseline ``base``."""
    label = STATUS_LABELS[status]
    pill_w = pill_width(label)
    pill_fill, pill_ink = (
        (DRAFT_PILL, DRAFT_INK) if status == "draft" else (RETIRED_PILL, RETIRED_INK)
    )
    px = right - pill_w + 5
    svg.add(
        f'<rect class="status" x="{_n(px)}" y="{_n(base - BOX_META_SIZE - 1)}"'
        f' width="{_n(pill_w)}" height="{_n(BOX_META_SIZE + 6)}" rx="9" fill="{pill_fill}"/>'
    )
    svg.text(
        [label], px + 6, base, size=BOX_META_SIZE, fill=pill_ink, weight="700", cls="status-label"
    )


def _draw_step(svg: _Svg, step: int, x: float, y: float) -> None:
    """A box's step number: a badge over its top left corner at (``x``, ``y``)."""
    label = str(step)
    badge_w = max(20.0, text_width(label, STEP_SIZE, BOLD) + 10)
    svg.add(
        f'<rect class="step" x="{_n(x)}" y="{_n(y)}" width="{_n(badge_w)}" height="20"'
        f' rx="10" fill="{ACCENT}"/>'
    )
    svg.add(
        f'<text x="{_n(x + badge_w / 2)}" y="{_n(y + 14.3)}" font-size="{STEP_SIZE}"'
        f' font-weight="700" fill="{WHITE}" text-anchor="middle">{label}</text>'
    )


def _draw_arrows(svg: _Svg, layout: Layout) -> None:
    if not layout.arrows:
        return
    svg.add('<g class="prereqs" fill="none" stroke-width="1.5">')
    for arrow in layout.arrows:
        cls, dash = ("prereq cycle", ' stroke-dasharray="5 3"') if arrow.cycle else ("prereq", "")
        path = _edge_path(layout.band_x, arrow.y1, arrow.y2, arrow.lane_x)
        svg.add(
            f'<path class="{cls}" data-from="{_esc(arrow.source.key)}"'
            f' data-to="{_esc(arrow.target.key)}" d="{path}"'
            f' stroke="{EDGE}"{dash} marker-start="url(#pw-dot)" marker-end="url(#pw-arrow)">'
            f"<title>{_esc(arrow_tooltip(arrow))}</title>"
            "</path>"
        )
    svg.add("</g>")


def _edge_path(x: float, y1: float, y2: float, lane_x: float) -> str:
    """From the band edge at ``y1`` out to the lane, along it and back in at ``y2``."""
    r = min(6.0, abs(y2 - y1) / 2, (x - lane_x) / 2)
    down = 1 if y2 >= y1 else -1
    return (
        f"M{_n(x)} {_n(y1)} H{_n(lane_x + r)}"
        f" Q{_n(lane_x)} {_n(y1)} {_n(lane_x)} {_n(y1 + down * r)}"
        f" V{_n(y2 - down * r)}"
        f" Q{_n(lane_x)} {_n(y2)} {_n(lane_x + r)} {_n(y2)} H{_n(x - 1)}"
    )
