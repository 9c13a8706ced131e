"""The pathway picture: a catalog's stacks and credentials as one standalone SVG.

:func:`render` draws a resolved :class:`~mcauthor.stacks.Pathway`:

- each stack is a band, top to bottom in pathway order (prerequisites first), with a header
  (title, ``N credentials · H hours · C CEUs`` and ``(draft)``/``(retired)``) and its
  credentials as numbered boxes, left to right in the declared earning order, chevrons
  between neighbours, wrapped onto more rows when a stack has more than fit the width;
- stack ``requires`` links are arrows in a gutter left of the bands, from the prerequisite
  stack to the stack that requires it, each in its own lane (non-overlapping arrows share
  one); links on a requires cycle are dashed;
- credentials in no stack sit in a last band, "Not in a stack".

The picture is meant for catalog pages and docs: fixed width (:data:`WIDTH`), height from the
content, no scripts, fonts or external references, every word as real ``<text>``, an SVG
``<title>`` and a ``<desc>`` that tells the whole pathway in words, and a ``<title>``
tooltip on every band, box and arrow. Text widths are estimated from a small per-character
table (no font metrics), on the wide side, so text stays inside its box in common fonts.
Output is a pure function of the pathway and the title: byte-identical for the same input.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from mcauthor.model import Credential
from mcauthor.stacks import Pathway, ResolvedStack, total
from mcauthor.words import plural

__all__ = ["FONT_FAMILY", "TEXT_COLOURS", "WIDTH", "render", "text_width", "wrap"]

WIDTH = 960  # px, the canvas width; the height follows from the content
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

# -- geometry (px) ----------------------------------------------------------------------
MARGIN = 24  # around everything
BAND_GAP = 16  # between bands
BAND_PAD = 16  # inside a band, around the boxes
BOX_GAP = 24  # between boxes in a row (the chevron sits in it)
ROW_GAP = 18  # between rows of boxes
BOX_PAD = 11  # inside a box, left and right of the text
LANE_GAP = 12  # between prerequisite lanes
LANE_INSET = 14  # from the bands to the nearest lane
GUTTER_MAX = 160  # the widest the lane gutter gets; lanes squeeze beyond that
MAX_COLUMNS = 5  # boxes per row, at most; fewer when titles need the width
MIN_COLUMNS = 3
TITLE_LINES = 3  # credential titles: at most this many lines, then an ellipsis
STACK_TITLE_LINES = 2
DOC_TITLE_LINES = 2

DOC_TITLE_SIZE = 20
DOC_SUB_SIZE = 13
STACK_TITLE_SIZE = 16
META_SIZE = 13
BOX_TITLE_SIZE = 13
BOX_META_SIZE = 12
STEP_SIZE = 12

BOLD = 1.14  # estimated widening of bold text (DejaVu Sans Bold against Book)
ELLIPSIS = "…"
STATUS_LABELS = {"draft": "Draft", "retired": "Retired", "suspended": "Unavailable"}

# -- text -------------------------------------------------------------------------------

_NARROW = frozenset("iIjl.,'|!`ı")
_SEMI = frozenset('frt()[]{}-/\\"*°:;')
_WIDE = frozenset("wMæœÆŒ")
_WIDER = frozenset("mW@%—")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@cache  # one entry per distinct character: bounded by the alphabet
def _char_em(ch: str) -> float:
    """Estimated advance of one character in em.

    Calibrated on DejaVu Sans (what the font stack falls back to on many Linux systems and
    one of the widest common sans fonts), rounded up: Segoe UI, Roboto, Helvetica and
    Arial are narrower, so text sized with this fits in all of them.
    """
    if ch in _ZERO_WIDTH or unicodedata.combining(ch):
        return 0.0
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return 0.0
    if 0x1F3FB <= code <= 0x1F3FF:  # skin tone modifiers
        return 0.0
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if code >= 0x1F000 or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.05  # emoji, CJK
    if ch == " ":
        return 0.32
    if ch in _NARROW:
        return 0.3
    if ch in _SEMI:
        return 0.42
    if ch in _WIDE:
        return 0.9
    if ch in _WIDER:
        return 1.0
    if ch.isdigit():
        return 0.64
    if ch.isupper():
        return 0.78
    if ch.islower():
        return 0.64
    return 0.66


@lru_cache(maxsize=16384)
def text_width(text: str, size: float, weight: float = 1.0) -> float:
    """Estimated width in px of ``text`` at font ``size`` (``weight``: 1.0, or BOLD...)."""
    return sum(_char_em(ch) for ch in text) * size * weight


def _clean(text: str) -> str:
    """Text that XML can carry: characters XML 1.0 forbids become U+FFFD."""
    return _ILLEGAL_XML.sub("\ufffd", text)


def _breakable(text: str, i: int) -> bool:
    """Whether a line may break before ``text[i]`` (not inside a combining sequence)."""
    return 0 < i < len(text) and _char_em(text[i]) > 0 and text[i - 1] not in "\u200d"


def _fit(text: str, max_px: float, size: float, weight: float) -> int:
    """How many leading characters of ``text`` fit in ``max_px`` (at least one cluster)."""
    best = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and not _breakable(text, i):
            continue
        if text_width(text[:i], size, weight) > max_px and best:
            break
        best = i
    return best or len(text)


def wrap(
    text: str, max_px: float, size: float, *, weight: float = 1.0, max_lines: int = 3
) -> list[str]:
    """Break ``text`` into lines no wider than ``max_px`` (estimated).

    Breaks at spaces; a word wider than a line is split between characters. More lines
    than ``max_lines``: the last kept line ends with an ellipsis. Whitespace runs become
    single spaces. Empty text gives no lines.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, weight) <= max_px:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, weight) > max_px:
            cut = _fit(word, max_px, size, weight)
            if cut >= len(word):
                break
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    cut = len(last)
    while cut and text_width(last[:cut] + ELLIPSIS, size, weight) > max_px:
        cut -= 1
        while cut and not _breakable(last, cut):  # never cut a character sequence apart
            cut -= 1
    kept[-1] = last[:cut].rstrip() + ELLIPSIS
    return kept


def _esc(text: str) -> str:
    """Escape for XML text and double-quoted attributes."""
    return (
        _clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros, never ``-0``."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _num(value: float) -> str:
    """A quantity for people: 30 rather than 30.0, 7.5 as is, at most two decimals."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _rtl(text: str) -> bool:
    """Whether the first strong character of ``text`` is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


# -- model of the picture ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Band:
    """A stack (or the unstacked credentials) as it will be drawn."""

    key: str  # the stack id; "" for "Not in a stack"
    title: str
    status: str
    credentials: tuple[Credential, ...]
    ordered: bool  # credentials have an earning order (chevrons, step numbers)
    resolved: ResolvedStack | None


@dataclass(frozen=True, slots=True)
class _Edge:
    source: int  # band index of the prerequisite stack
    target: int  # band index of the stack that requires it
    cycle: bool


@dataclass(slots=True)
class _Placed:
    """A band's computed geometry."""

    y: float
    height: float
    title_lines: list[str]
    header_height: float
    per_row: int  # boxes per row: the rows of a wrapped stack are balanced


@dataclass(frozen=True, slots=True)
class _Frame:
    """The horizontal layout shared by all bands."""

    band_x: float
    band_w: float
    columns: int
    box_w: float
    box_h: float
    titles: dict[int, list[str]]  # id() of a credential -> its title lines


def _bands(pathway: Pathway) -> list[_Band]:
    bands = [
        _Band(
            key=rs.id,
            title=rs.stack.title.strip() or rs.id,
            status=rs.effective_status,  # "suspended" when it cannot be earned now
            credentials=rs.members,
            ordered=True,
            resolved=rs,
        )
        for rs in pathway.stacks
    ]
    if pathway.unstacked:
        bands.append(
            _Band(
                key="",
                title="Not in a stack",
                status="published",
                credentials=pathway.unstacked,
                ordered=False,
                resolved=None,
            )
        )
    return bands


def _edges(pathway: Pathway) -> list[_Edge]:
    index = {rs.id: i for i, rs in enumerate(pathway.stacks)}
    on_cycle: set[tuple[str, str]] = set()
    for cycle in pathway.stack_cycles:
        for i, node in enumerate(cycle):
            on_cycle.add((node, cycle[(i + 1) % len(cycle)]))
    edges = []
    for target, rs in enumerate(pathway.stacks):
        for prerequisite in rs.requires:
            if prerequisite in index:
                edges.append(_Edge(index[prerequisite], target, (rs.id, prerequisite) in on_cycle))
    return edges


def _lanes(edges: Sequence[_Edge], n_bands: int) -> tuple[list[int], list[tuple[int, int]]]:
    """A lane for every edge, and its slot on the source and target band.

    Each band gives every arrow that enters it a slot near its top (ordered by source) and
    every arrow that leaves it a slot near its bottom (ordered by target), so no two arrows
    share an end. Slots are ordered top to bottom by (band, in/out, rank), which is the
    order of their y coordinates whatever the band heights turn out to be, so lanes can be
    assigned before the layout: greedily, edges sorted by their upper end, each to the
    first lane (nearest the bands) that is free over its whole span.
    """
    incoming: list[list[int]] = [[] for _ in range(n_bands)]
    outgoing: list[list[int]] = [[] for _ in range(n_bands)]
    for i, edge in enumerate(edges):
        incoming[edge.target].append(i)
        outgoing[edge.source].append(i)
    slot_in = [0] * len(edges)
    slot_out = [0] * len(edges)
    for band in range(n_bands):
        for rank, i in enumerate(sorted(incoming[band], key=lambda i: (edges[i].source, i))):
            slot_in[i] = rank
        for rank, i in enumerate(sorted(outgoing[band], key=lambda i: (edges[i].target, i))):
            slot_out[i] = rank

    def span(i: int) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        a = (edges[i].source, 1, slot_out[i])
        b = (edges[i].target, 0, slot_in[i])
        return (a, b) if a < b else (b, a)

    lane_of = [0] * len(edges)
    lane_end: list[tuple[int, int, int]] = []
    for i in sorted(range(len(edges)), key=lambda i: (*span(i), i)):
        low, high = span(i)
        for lane, end in enumerate(lane_end):
            if end < low:
                lane_of[i] = lane
                lane_end[lane] = high
                break
        else:
            lane_of[i] = len(lane_end)
            lane_end.append(high)
    return lane_of, list(zip(slot_out, slot_in, strict=True))


# -- rendering --------------------------------------------------------------------------


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


def _totals(band: _Band, sep: str = " · ") -> str:
    """``3 credentials · 30 hours · 3 CEUs`` (CEUs left out when none are given)."""
    count = len(band.credentials)
    parts = [plural(count, "credential", shown=_num)]
    rs = band.resolved
    if rs is not None:
        hours, ceu, unknown = rs.hours, rs.ceu, not rs.hours_complete
    else:
        hours = total(c.hours for c in band.credentials)
        ceu = total(c.ceu for c in band.credentials)
        unknown = any(c.hours is None for c in band.credentials)
    if count:
        parts.append(("at least " if unknown else "") + plural(hours, "hour", shown=_num))
        if ceu:
            parts.append(plural(ceu, "CEU", shown=_num))
    return sep.join(parts)


def _stack_names(pathway: Pathway) -> dict[str, str]:
    return {rs.id: rs.stack.title.strip() or rs.id for rs in pathway.stacks}


def _status_word(status: str) -> str | None:
    """``draft`` or ``retired``; None for published (and anything unexpected)."""
    return status if status in STATUS_LABELS else None


def _credential_title(credential: Credential) -> str:
    return " ".join(credential.title.split()) or credential.id


def _hours_label(credential: Credential) -> str:
    return f"{_num(credential.hours)} h" if credential.hours is not None else "no hours"


def _describe(pathway: Pathway, bands: Sequence[_Band], title: str) -> str:
    """The whole pathway in words, for the SVG ``<desc>``."""
    names = _stack_names(pathway)
    count = len(pathway.stacks)
    sentences = [" ".join(title.split()) + "."]
    if count:
        sentences.append(
            f"{plural(count, 'stack', shown=_num)}, to be earned in this order;"
            " the credentials of a stack are earned in the order listed."
        )
    else:
        sentences.append("No stacks.")
    for number, band in enumerate(bands, start=1):
        rs = band.resolved
        head = band.title if rs is None else f"{number}. {band.title}"
        status = _status_word(band.status)
        if status:
            head += f" ({status})"
        text = f"{head}: {_totals(band, ', ')}"
        if band.credentials:
            text += ": " + "; ".join(
                _credential_title(c)
                + (f" ({_status_word(c.status)})" if _status_word(c.status) else "")
                for c in band.credentials
            )
        sentences.append(text + ".")
        if rs is not None and rs.requires:
            sentences.append(
                f"{band.title} requires " + " and ".join(names.get(r, r) for r in rs.requires) + "."
            )
    for cycle in pathway.stack_cycles:
        loop = [names.get(s, s) for s in (*cycle, cycle[0])]
        sentences.append("Requires cycle: " + " requires ".join(loop) + ".")
    return " ".join(sentences)


def _band_tooltip(band: _Band, names: dict[str, str]) -> str:
    status = _status_word(band.status)
    lines = [band.title, _totals(band) + (f" ({status})" if status else "")]
    rs = band.resolved
    if rs is not None:
        if rs.requires:
            lines.append("Requires: " + "; ".join(names.get(s, s) for s in rs.requires))
        if rs.required_by:
            lines.append("Required by: " + "; ".join(names.get(s, s) for s in rs.required_by))
        if rs.unknown:
            lines.append("Unknown credential ids: " + ", ".join(rs.unknown))
        if rs.stack.summary:
            lines.append(" ".join(rs.stack.summary.split()))
    return "\n".join(lines)


def _box_tooltip(
    credential: Credential, step: int | None, pathway: Pathway, names: dict[str, str]
) -> str:
    lines = [(f"{step}. " if step is not None else "") + _credential_title(credential)]
    detail = [_hours_label(credential)]
    if credential.ceu is not None:
        detail.append(plural(credential.ceu, "CEU", shown=_num))
    if credential.credit is not None:
        detail.append(credential.credit.text())
    if _status_word(credential.status):
        detail.append(credential.status)
    lines.append(" · ".join(detail))
    stacks = pathway.stacks_of.get(credential.id, ())
    if len(stacks) > 1:
        lines.append("In stacks: " + "; ".join(names.get(s, s) for s in stacks))
    if credential.summary:
        lines.append(" ".join(credential.summary.split()))
    return "\n".join(lines)


def _box_title(credential: Credential, box_w: float, max_lines: int) -> list[str]:
    return wrap(
        _credential_title(credential),
        box_w - 2 * BOX_PAD,
        BOX_TITLE_SIZE,
        max_lines=max_lines,
    )


def _pill_width(label: str) -> float:
    return text_width(label, BOX_META_SIZE, BOLD) + 12


def _bottom_width(credential: Credential) -> float:
    """Width of a box's bottom line: hours, and the status label if any."""
    width = text_width(_hours_label(credential), BOX_META_SIZE)
    status = _status_word(credential.status)
    return width + (_pill_width(STATUS_LABELS[status]) + 8 if status else 0)


def _frame(bands: Sequence[_Band], lanes: int, lane_gap: float) -> _Frame:
    """Band position and width, columns of boxes, box size and the wrapped titles.

    Columns: as many as :data:`MAX_COLUMNS` allows, unless that cuts a title (more than
    :data:`TITLE_LINES` lines) that :data:`MIN_COLUMNS` would show whole, or leaves no
    room for a box's hours and status label.
    """
    gutter = LANE_INSET + lanes * lane_gap + 4 if lanes else 0.0
    band_x = MARGIN + gutter
    band_w = WIDTH - MARGIN - band_x
    inner_w = band_w - 2 * BAND_PAD

    def box_width(columns: int) -> float:
        return (inner_w - (columns - 1) * BOX_GAP) / columns

    every = list({id(c): c for b in bands for c in b.credentials}.values())
    wide = box_width(MIN_COLUMNS)
    whole_when_wide = [c for c in every if len(_box_title(c, wide, 99)) <= TITLE_LINES]
    bottom = max((_bottom_width(c) for c in every), default=0.0)
    columns = MIN_COLUMNS
    for candidate in range(MAX_COLUMNS, MIN_COLUMNS, -1):
        width = box_width(candidate)
        if bottom <= width - 2 * BOX_PAD and all(
            len(_box_title(c, width, 99)) <= TITLE_LINES for c in whole_when_wide
        ):
            columns = candidate
            break
    box_w = box_width(columns)
    titles = {id(c): _box_title(c, box_w, TITLE_LINES) for c in every}
    lines = max((len(t) for t in titles.values()), default=1) or 1
    box_h = BOX_PAD + 4 + lines * _line(BOX_TITLE_SIZE) + 8 + BOX_META_SIZE + 4 + BOX_PAD
    return _Frame(band_x, band_w, columns, box_w, box_h, titles)


def _line(size: float) -> int:
    """Line height for a font size."""
    return round(size * 1.3)


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


def render(pathway: Pathway, *, title: str) -> str:
    """The pathway as a standalone SVG document (text that starts with ``<svg``).

    ``title`` names the picture (its ``<title>`` and heading), e.g. the catalog title.
    Prerequisite arrows are ``<path class="prereq" data-from=PREREQUISITE data-to=STACK>``
    (``class="prereq cycle"`` when the link is on a requires cycle); bands are
    ``<g class="stack" data-id=...>`` (``class="unstacked"`` for "Not in a stack") and boxes
    ``<g class="credential" data-id=...>`` holding ``<rect class="box">`` and
    ``<text class="credential-title">``.
    """
    bands = _bands(pathway)
    edges = _edges(pathway)
    lane_of, slots = _lanes(edges, len(bands))
    lanes = max(lane_of, default=-1) + 1
    lane_gap = min(float(LANE_GAP), (GUTTER_MAX - LANE_INSET - 4) / lanes) if lanes else 0.0
    frame = _frame(bands, lanes, lane_gap)
    heading = " ".join(title.split()) or "Pathway"

    # The heading: title, a line of totals and how to read the picture, the arrow legend.
    text_w = WIDTH - 2 * MARGIN
    doc_lines = wrap(heading, text_w, DOC_TITLE_SIZE, weight=BOLD, max_lines=DOC_TITLE_LINES)
    unique = {c.id: c for b in bands for c in b.credentials}
    subtitle = (
        f"{plural(len(pathway.stacks), 'stack', shown=_num)} · "
        f"{plural(len(unique), 'credential', shown=_num)} · "
        f"{plural(total(c.hours for c in unique.values()), 'hour', shown=_num)}. "
        "Earn the stacks from top to bottom, and the credentials of a stack in numbered order."
    )
    sub_lines = wrap(subtitle, text_w, DOC_SUB_SIZE, max_lines=3)
    legend_lines: list[str] = []
    if edges:
        legend = "Prerequisite: complete the stack an arrow starts from before the one it points to"
        if any(e.cycle for e in edges):
            legend += " (dashed: the requires links form a cycle)"
        legend_lines = wrap(legend + ".", text_w - 40, DOC_SUB_SIZE, max_lines=3)
    doc_lh, sub_lh = _line(DOC_TITLE_SIZE), _line(DOC_SUB_SIZE) + 2
    title_y = MARGIN + DOC_TITLE_SIZE
    sub_y = title_y + (len(doc_lines) - 1) * doc_lh + 10 + DOC_SUB_SIZE
    legend_y = sub_y + len(sub_lines) * sub_lh
    top = legend_y + (len(legend_lines) - 1) * sub_lh + 18 if legend_lines else legend_y + 4

    # The bands, top to bottom.
    placed: list[_Placed] = []
    y = float(top)
    stack_lh = _line(STACK_TITLE_SIZE)
    inner_w = frame.band_w - 2 * BAND_PAD
    for band in bands:
        lines = wrap(
            band.title, inner_w, STACK_TITLE_SIZE, weight=BOLD, max_lines=STACK_TITLE_LINES
        )
        header_h = 14 + STACK_TITLE_SIZE + (len(lines) - 1) * stack_lh + 8 + META_SIZE + 13
        count = len(band.credentials)
        rows = math.ceil(count / frame.columns)
        per_row = math.ceil(count / rows) if rows else 0
        body = rows * frame.box_h + (rows - 1) * ROW_GAP if rows else 40
        height = header_h + BAND_PAD + 4 + body + BAND_PAD
        placed.append(_Placed(y, height, lines, header_h, per_row))
        y += height + BAND_GAP
    height = (y - BAND_GAP if bands else y) + MARGIN

    svg = _Svg()
    svg.add(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="pw-title pw-desc"'
        f' viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" height="{_n(height)}"'
        f' font-family="{FONT_FAMILY}">'
    )
    svg.add(f'<title id="pw-title">{_esc(heading)}</title>')
    svg.add(f'<desc id="pw-desc">{_esc(_describe(pathway, bands, heading))}</desc>')
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
    svg.add(f'<rect class="background" width="{WIDTH}" height="{_n(height)}" fill="{PAGE}"/>')

    svg.add('<g class="heading">')
    svg.text(
        doc_lines,
        MARGIN,
        title_y,
        size=DOC_TITLE_SIZE,
        fill=INK,
        weight="700",
        line_height=doc_lh,
        right=WIDTH - MARGIN,
    )
    svg.text(sub_lines, MARGIN, sub_y, size=DOC_SUB_SIZE, fill=MUTED, line_height=sub_lh)
    if legend_lines:
        mid = legend_y - DOC_SUB_SIZE * 0.33
        svg.add(
            f'<path d="M{_n(MARGIN + 2)} {_n(mid)} H{_n(MARGIN + 30)}" stroke="{EDGE}"'
            ' stroke-width="1.5" fill="none" marker-start="url(#pw-dot)"'
            ' marker-end="url(#pw-arrow)"/>'
        )
        svg.text(
            legend_lines,
            MARGIN + 40,
            legend_y,
            size=DOC_SUB_SIZE,
            fill=MUTED,
            line_height=sub_lh,
        )
    svg.add("</g>")

    names = _stack_names(pathway)
    for band, p in zip(bands, placed, strict=True):
        _draw_band(svg, pathway, names, band, p, frame)

    if edges:
        n_in = [0] * len(bands)
        n_out = [0] * len(bands)
        for edge in edges:
            n_in[edge.target] += 1
            n_out[edge.source] += 1

        def attach(band: int, outgoing: bool, rank: int) -> float:
            """Arrows leave a band near its bottom and enter it near its top."""
            p = placed[band]
            step = min(8.0, (p.height - 40) / (n_in[band] + n_out[band]))
            if outgoing:
                return p.y + p.height - 20 - (n_out[band] - 1 - rank) * step
            return p.y + 20 + rank * step

        svg.add('<g class="prereqs" fill="none" stroke-width="1.5">')
        for i, edge in enumerate(edges):
            out_rank, in_rank = slots[i]
            y1 = attach(edge.source, True, out_rank)
            y2 = attach(edge.target, False, in_rank)
            lane_x = frame.band_x - LANE_INSET - lane_of[i] * lane_gap
            source, target = bands[edge.source], bands[edge.target]
            cls, dash = (
                ("prereq cycle", ' stroke-dasharray="5 3"') if edge.cycle else ("prereq", "")
            )
            note = " (requires cycle)" if edge.cycle else ""
            svg.add(
                f'<path class="{cls}" data-from="{_esc(source.key)}"'
                f' data-to="{_esc(target.key)}" d="{_edge_path(frame.band_x, y1, y2, lane_x)}"'
                f' stroke="{EDGE}"{dash} marker-start="url(#pw-dot)" marker-end="url(#pw-arrow)">'
                f"<title>{_esc(source.title)} comes before {_esc(target.title)}{note}</title>"
                "</path>"
            )
        svg.add("</g>")
    svg.add("</svg>")
    return "\n".join(svg.parts) + "\n"


def _draw_band(
    svg: _Svg,
    pathway: Pathway,
    names: dict[str, str],
    band: _Band,
    p: _Placed,
    frame: _Frame,
) -> None:
    status = _status_word(band.status)
    neutral = band.resolved is None or band.status == "retired"
    x, w = frame.band_x, frame.band_w
    if band.resolved is not None:
        svg.add(f'<g class="stack" data-id="{_esc(band.key)}" data-status="{_esc(band.status)}">')
    else:
        svg.add('<g class="unstacked">')
    svg.add(f"<title>{_esc(_band_tooltip(band, names))}</title>")
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
        line_height=_line(STACK_TITLE_SIZE),
        right=x + w - BAND_PAD,
        cls="stack-title",
    )
    y += (len(p.title_lines) - 1) * _line(STACK_TITLE_SIZE) + 8 + META_SIZE
    meta = _esc(_totals(band))
    if status:
        ink = RETIRED_INK if band.status == "retired" else DRAFT_INK
        meta += f' (<tspan font-weight="700" fill="{ink}">{status}</tspan>)'
    svg.add(
        f'<text class="stack-meta" x="{_n(text_x)}" y="{_n(y)}" font-size="{META_SIZE}"'
        f' fill="{MUTED}">{meta}</text>'
    )

    top = p.y + p.header_height + BAND_PAD + 4
    if not band.credentials:
        svg.add(
            f'<rect class="empty" x="{_n(text_x)}" y="{_n(top)}" width="{_n(w - 2 * BAND_PAD)}"'
            f' height="40" rx="7" fill="none" stroke="{BOX_LINE}" stroke-dasharray="4 4"/>'
        )
        svg.text(
            ["No credentials in this stack yet"],
            text_x + BOX_PAD,
            top + 20 + META_SIZE * 0.35,
            size=META_SIZE,
            fill=MUTED,
        )
    ordered = band.ordered
    count = len(band.credentials)
    for i, credential in enumerate(band.credentials):
        row, col = divmod(i, p.per_row)
        bx = text_x + col * (frame.box_w + BOX_GAP)
        by = top + row * (frame.box_h + ROW_GAP)
        step = i + 1 if ordered else None
        tooltip = _box_tooltip(credential, step, pathway, names)
        _draw_box(svg, credential, tooltip, step, bx, by, frame)
        if ordered and col < p.per_row - 1 and i + 1 < count:
            cx, cy = bx + frame.box_w + BOX_GAP / 2, by + frame.box_h / 2
            svg.add(
                f'<path class="chevron" d="M{_n(cx - 3)} {_n(cy - 6)} L{_n(cx + 3)} {_n(cy)}'
                f' L{_n(cx - 3)} {_n(cy + 6)}" fill="none" stroke="{CHEVRON}"'
                ' stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>'
            )
    svg.add("</g>")


def _draw_box(
    svg: _Svg,
    credential: Credential,
    tooltip: str,
    step: int | None,
    x: float,
    y: float,
    frame: _Frame,
) -> None:
    w, h = frame.box_w, frame.box_h
    status = _status_word(credential.status)
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
        frame.titles[id(credential)],
        x + BOX_PAD,
        y + BOX_PAD + 6 + BOX_TITLE_SIZE * 0.8,
        size=BOX_TITLE_SIZE,
        fill=ink,
        weight="500",
        line_height=_line(BOX_TITLE_SIZE),
        right=x + w - BOX_PAD,
        cls="credential-title",
    )
    base = y + h - BOX_PAD - 3
    svg.text(
        [_hours_label(credential)], x + BOX_PAD, base, size=BOX_META_SIZE, fill=MUTED, cls="hours"
    )
    if status:
        label = STATUS_LABELS[status]
        pill_w = _pill_width(label)
        pill_fill, pill_ink = (
            (DRAFT_PILL, DRAFT_INK) if status == "draft" else (RETIRED_PILL, RETIRED_INK)
        )
        px = x + w - BOX_PAD - pill_w + 5
        svg.add(
            f'<rect class="status" x="{_n(px)}" y="{_n(base - BOX_META_SIZE - 1)}"'
            f' width="{_n(pill_w)}" height="{_n(BOX_META_SIZE + 6)}" rx="9" fill="{pill_fill}"/>'
        )
        svg.text(
            [label],
            px + 6,
            base,
            size=BOX_META_SIZE,
            fill=pill_ink,
            weight="700",
            cls="status-label",
        )
    if step is not None:
        label = str(step)
        badge_w = max(20.0, text_width(label, STEP_SIZE, BOLD) + 10)
        bx, by = x - 6, y - 6
        svg.add(
            f'<rect class="step" x="{_n(bx)}" y="{_n(by)}" width="{_n(badge_w)}" height="20"'
            f' rx="10" fill="{ACCENT}"/>'
        )
        svg.add(
            f'<text x="{_n(bx + badge_w / 2)}" y="{_n(by + 14.3)}" font-size="{STEP_SIZE}"'
            f' font-weight="700" fill="{WHITE}" text-anchor="middle">{label}</text>'
        )
    svg.add("</g>")
