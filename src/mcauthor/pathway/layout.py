"""Where everything on the pathway picture goes: positions, sizes and wrapped text.

:func:`lay_out` turns a resolved :class:`~mcauthor.stacks.Pathway` and a title into a
:class:`Layout`, plain frozen data that :mod:`mcauthor.pathway.svg` draws:

- a :class:`Heading`: the title, a line of totals and the arrow legend, wrapped;
- a :class:`PlacedBand` per stack, top to bottom in pathway order, and a last one for the
  credentials in no stack; each holds its credentials as :class:`Box` es, left to right
  in earning order, wrapped onto more (balanced) rows when a stack has more than fit;
- an :class:`Arrow` per stack ``requires`` link, routed through a lane in a gutter left of
  the bands, each arrow with its own slot at both ends.

The width is fixed (:data:`WIDTH`); the height follows from the content.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mcauthor.model import STATUS_LABELS, Credential, EffectiveStatus
from mcauthor.pathway.text import (
    BOLD,
    credential_title,
    hours_label,
    status_word,
    text_width,
    wrap,
)
from mcauthor.stacks import Pathway, ResolvedStack, total
from mcauthor.words import plural, quantity

WIDTH = 960  # px, the canvas width; the height follows from the content

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


@dataclass(frozen=True, slots=True)
class Band:
    """A stack (or the unstacked credentials) as it will be drawn."""

    key: str  # the stack id; "" for "Not in a stack"
    title: str
    status: EffectiveStatus
    credentials: tuple[Credential, ...]
    ordered: bool  # credentials have an earning order (chevrons, step numbers)
    resolved: ResolvedStack | None


@dataclass(frozen=True, slots=True)
class Box:
    """A credential's box: its top left corner and its title, wrapped."""

    credential: Credential
    step: int | None  # its number in the earning order; None in a band without one
    x: float
    y: float
    title_lines: tuple[str, ...]
    chevron_after: bool  # the next box follows in the same row, so a chevron leads to it


@dataclass(frozen=True, slots=True)
class PlacedBand:
    """A band's place: it spans the layout's band_x and band_w, from y down."""

    band: Band
    y: float
    height: float
    header_height: float
    title_lines: tuple[str, ...]
    body_y: float  # the top of its boxes (or of the "no credentials" note)
    boxes: tuple[Box, ...]


@dataclass(frozen=True, slots=True)
class Arrow:
    """A stack ``requires`` link: out of the prerequisite's band at y1, along the lane at
    lane_x, into the band of the stack that requires it at y2."""

    source: Band  # the prerequisite
    target: Band  # the stack that requires it
    cycle: bool  # the link is on a requires cycle
    y1: float
    y2: float
    lane_x: float


@dataclass(frozen=True, slots=True)
class Heading:
    """The picture's title, its line of totals and the arrow legend, wrapped; y are baselines."""

    title: str  # whitespace collapsed, never empty: the SVG <title> as well
    title_lines: tuple[str, ...]
    sub_lines: tuple[str, ...]
    legend_lines: tuple[str, ...]  # none when there are no arrows
    title_y: float
    sub_y: float
    legend_y: float
    title_leading: int
    sub_leading: int  # the subtitle's and the legend's
    bottom: float  # where the first band starts


@dataclass(frozen=True, slots=True)
class Layout:
    """The whole picture, ready to draw."""

    height: float
    heading: Heading
    band_x: float  # every band's left edge and width; the arrows' lanes are left of it
    band_w: float
    box_w: float  # every box's size
    box_h: float
    bands: tuple[PlacedBand, ...]
    arrows: tuple[Arrow, ...]


@dataclass(frozen=True, slots=True)
class _Edge:
    source: int  # band index of the prerequisite stack
    target: int  # band index of the stack that requires it
    cycle: bool


@dataclass(frozen=True, slots=True)
class _Frame:
    """The horizontal layout shared by all bands."""

    band_x: float
    band_w: float
    columns: int
    box_w: float
    box_h: float
    titles: dict[int, tuple[str, ...]]  # id() of a credential -> its title lines


def line_height(size: float) -> int:
    """Line height for a font size."""
    return round(size * 1.3)


def pill_width(label: str) -> float:
    """Width of a box's status label with its background."""
    return text_width(label, BOX_META_SIZE, BOLD) + 12


def lay_out(pathway: Pathway, title: str) -> Layout:
    """Where everything goes on the picture of ``pathway`` headed ``title``."""
    bands = _bands(pathway)
    edges = _edges(pathway)
    lane_of, slots = _lanes(edges, len(bands))
    lanes = max(lane_of, default=-1) + 1
    lane_gap = min(float(LANE_GAP), (GUTTER_MAX - LANE_INSET - 4) / lanes) if lanes else 0.0
    frame = _frame(bands, lanes, lane_gap)
    heading = _heading(pathway, bands, edges, title)
    placed: list[PlacedBand] = []
    y = float(heading.bottom)
    for band in bands:
        placed.append(_place(band, y, frame))
        y += placed[-1].height + BAND_GAP
    height = (y - BAND_GAP if bands else y) + MARGIN
    lanes_x = [frame.band_x - LANE_INSET - lane * lane_gap for lane in lane_of]
    return Layout(
        height=height,
        heading=heading,
        band_x=frame.band_x,
        band_w=frame.band_w,
        box_w=frame.box_w,
        box_h=frame.box_h,
        bands=tuple(placed),
        arrows=_arrows(placed, edges, slots, lanes_x),
    )


def _bands(pathway: Pathway) -> list[Band]:
    bands = [
        Band(
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
            Band(
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


def _frame(bands: Sequence[Band], lanes: int, lane_gap: float) -> _Frame:
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
    titles = {id(c): tuple(_box_title(c, box_w, TITLE_LINES)) for c in every}
    lines = max((len(t) for t in titles.values()), default=1) or 1
    box_h = BOX_PAD + 4 + lines * line_height(BOX_TITLE_SIZE) + 8 + BOX_META_SIZE + 4 + BOX_PAD
    return _Frame(band_x, band_w, columns, box_w, box_h, titles)


def _box_title(credential: Credential, box_w: float, max_lines: int) -> list[str]:
    return wrap(
        credential_title(credential),
        box_w - 2 * BOX_PAD,
        BOX_TITLE_SIZE,
        max_lines=max_lines,
    )


def _bottom_width(credential: Credential) -> float:
    """Width of a box's bottom line: hours, and the status label if any."""
    width = text_width(hours_label(credential), BOX_META_SIZE)
    status = status_word(credential.status)
    return width + (pill_width(STATUS_LABELS[status]) + 8 if status else 0)


def _heading(
    pathway: Pathway, bands: Sequence[Band], edges: Sequence[_Edge], title: str
) -> Heading:
    """The title, a line of totals and how to read the picture, the arrow legend."""
    text = " ".join(title.split()) or "Pathway"
    text_w = WIDTH - 2 * MARGIN
    title_lines = wrap(text, text_w, DOC_TITLE_SIZE, weight=BOLD, max_lines=DOC_TITLE_LINES)
    sub_lines = wrap(_subtitle(pathway, bands), text_w, DOC_SUB_SIZE, max_lines=3)
    legend_lines: list[str] = []
    if edges:
        legend = "Prerequisite: complete the stack an arrow starts from before the one it points to"
        if any(e.cycle for e in edges):
            legend += " (dashed: the requires links form a cycle)"
        legend_lines = wrap(legend + ".", text_w - 40, DOC_SUB_SIZE, max_lines=3)
    doc_lh, sub_lh = line_height(DOC_TITLE_SIZE), line_height(DOC_SUB_SIZE) + 2
    title_y = MARGIN + DOC_TITLE_SIZE
    sub_y = title_y + (len(title_lines) - 1) * doc_lh + 10 + DOC_SUB_SIZE
    legend_y = sub_y + len(sub_lines) * sub_lh
    bottom = legend_y + (len(legend_lines) - 1) * sub_lh + 18 if legend_lines else legend_y + 4
    return Heading(
        title=text,
        title_lines=tuple(title_lines),
        sub_lines=tuple(sub_lines),
        legend_lines=tuple(legend_lines),
        title_y=title_y,
        sub_y=sub_y,
        legend_y=legend_y,
        title_leading=doc_lh,
        sub_leading=sub_lh,
        bottom=bottom,
    )


def _subtitle(pathway: Pathway, bands: Sequence[Band]) -> str:
    unique = {c.id: c for b in bands for c in b.credentials}
    return (
        f"{plural(len(pathway.stacks), 'stack', shown=quantity)} · "
        f"{plural(len(unique), 'credential', shown=quantity)} · "
        f"{plural(total(c.hours for c in unique.values()), 'hour', shown=quantity)}. "
        "Earn the stacks from top to bottom, and the credentials of a stack in numbered order."
    )


def _place(band: Band, y: float, frame: _Frame) -> PlacedBand:
    """``band`` from ``y`` down: its header, then its boxes in balanced rows."""
    inner_w = frame.band_w - 2 * BAND_PAD
    lines = wrap(band.title, inner_w, STACK_TITLE_SIZE, weight=BOLD, max_lines=STACK_TITLE_LINES)
    stack_lh = line_height(STACK_TITLE_SIZE)
    header_h = 14 + STACK_TITLE_SIZE + (len(lines) - 1) * stack_lh + 8 + META_SIZE + 13
    count = len(band.credentials)
    rows = math.ceil(count / frame.columns)
    per_row = math.ceil(count / rows) if rows else 0
    body = rows * frame.box_h + (rows - 1) * ROW_GAP if rows else 40
    body_y = y + header_h + BAND_PAD + 4
    left = frame.band_x + BAND_PAD
    boxes = []
    for i, credential in enumerate(band.credentials):
        row, col = divmod(i, per_row)
        box = Box(
            credential=credential,
            step=i + 1 if band.ordered else None,
            x=left + col * (frame.box_w + BOX_GAP),
            y=body_y + row * (frame.box_h + ROW_GAP),
            title_lines=frame.titles[id(credential)],
            chevron_after=band.ordered and col < per_row - 1 and i + 1 < count,
        )
        boxes.append(box)
    return PlacedBand(
        band=band,
        y=y,
        height=header_h + BAND_PAD + 4 + body + BAND_PAD,
        header_height=header_h,
        title_lines=tuple(lines),
        body_y=body_y,
        boxes=tuple(boxes),
    )


def _arrows(
    placed: Sequence[PlacedBand],
    edges: Sequence[_Edge],
    slots: Sequence[tuple[int, int]],
    lanes_x: Sequence[float],
) -> tuple[Arrow, ...]:
    """The edges routed: each along its lane, between its slots on the two bands."""
    n_in = [0] * len(placed)
    n_out = [0] * len(placed)
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

    return tuple(
        Arrow(
            source=placed[edge.source].band,
            target=placed[edge.target].band,
            cycle=edge.cycle,
            y1=attach(edge.source, True, out_rank),
            y2=attach(edge.target, False, in_rank),
            lane_x=lane_x,
        )
        for edge, (out_rank, in_rank), lane_x in zip(edges, slots, lanes_x, strict=True)
    )
