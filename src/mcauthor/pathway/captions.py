"""The words behind the pathway picture: band totals, tooltips and the description.

These are for people reading or listening rather than for the layout: every band, box and
arrow gets a ``<title>`` tooltip, and the SVG ``<desc>`` tells the whole pathway in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from mcauthor.model import Credential
from mcauthor.pathway.layout import Arrow, Band
from mcauthor.pathway.text import credential_title, hours_label, status_word
from mcauthor.stacks import Pathway, total
from mcauthor.words import plural, quantity


def totals(band: Band, sep: str = " · ") -> str:
    """``3 credentials · 30 hours · 3 CEUs`` (CEUs left out when none are given)."""
    count = len(band.credentials)
    parts = [plural(count, "credential", shown=quantity)]
    rs = band.resolved
    if rs is not None:
        hours, ceu, unknown = rs.hours, rs.ceu, not rs.hours_complete
    else:
        hours = total(c.hours for c in band.credentials)
        ceu = total(c.ceu for c in band.credentials)
        unknown = any(c.hours is None for c in band.credentials)
    if count:
        parts.append(("at least " if unknown else "") + plural(hours, "hour", shown=quantity))
        if ceu:
            parts.append(plural(ceu, "CEU", shown=quantity))
    return sep.join(parts)


def stack_names(pathway: Pathway) -> dict[str, str]:
    """Stack id -> the title people know it by."""
    return {rs.id: rs.stack.title.strip() or rs.id for rs in pathway.stacks}


def describe(pathway: Pathway, bands: Sequence[Band], title: str) -> str:
    """The whole pathway in words, for the SVG ``<desc>``."""
    names = stack_names(pathway)
    count = len(pathway.stacks)
    sentences = [" ".join(title.split()) + "."]
    if count:
        sentences.append(
            f"{plural(count, 'stack', shown=quantity)}, to be earned in this order;"
            " the credentials of a stack are earned in the order listed."
        )
    else:
        sentences.append("No stacks.")
    for number, band in enumerate(bands, start=1):
        rs = band.resolved
        head = band.title if rs is None else f"{number}. {band.title}"
        status = status_word(band.status)
        if status:
            head += f" ({status})"
        text = f"{head}: {totals(band, ', ')}"
        if band.credentials:
            text += ": " + "; ".join(
                credential_title(c)
                + (f" ({status_word(c.status)})" if status_word(c.status) else "")
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


def band_tooltip(band: Band, names: dict[str, str]) -> str:
    status = status_word(band.status)
    lines = [band.title, totals(band) + (f" ({status})" if status else "")]
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


def box_tooltip(
    credential: Credential, step: int | None, pathway: Pathway, names: dict[str, str]
) -> str:
    lines = [(f"{step}. " if step is not None else "") + credential_title(credential)]
    detail = [hours_label(credential)]
    if credential.ceu is not None:
        detail.append(plural(credential.ceu, "CEU", shown=quantity))
    if credential.credit is not None:
        detail.append(credential.credit.text())
    if status_word(credential.status):
        detail.append(credential.status)
    lines.append(" · ".join(detail))
    stacks = pathway.stacks_of.get(credential.id, ())
    if len(stacks) > 1:
        lines.append("In stacks: " + "; ".join(names.get(s, s) for s in stacks))
    if credential.summary:
        lines.append(" ".join(credential.summary.split()))
    return "\n".join(lines)


def arrow_tooltip(arrow: Arrow) -> str:
    note = " (requires cycle)" if arrow.cycle else ""
    return f"{arrow.source.title} comes before {arrow.target.title}{note}"
