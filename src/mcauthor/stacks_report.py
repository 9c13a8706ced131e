"""`mcauthor stacks`: the pathway as tables for people and as JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text

from mcauthor.model import Catalog, Credential, EffectiveStatus
from mcauthor.report import console as make_console
from mcauthor.report import printable
from mcauthor.stacks import Pathway, ResolvedStack
from mcauthor.words import figure, number

JSON_VERSION = 1
_STATUS_STYLE: Mapping[EffectiveStatus, str] = {
    "published": "green",
    "draft": "yellow",
    "retired": "dim",
    "suspended": "red",
}


def focus(pathway: Pathway, stack_id: str) -> Pathway:
    """The pathway reduced to one stack (for --stack)."""
    return pathway.only(stack_id)


# -- JSON --------------------------------------------------------------------------------


def _credential(c: Credential, pathway: Pathway, position: int | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": c.id, "title": c.title, "status": c.status}
    if position is not None:
        entry["position"] = position
    entry |= {
        "hours": number(c.hours),
        "ceu": number(c.ceu),
        "requires": list(pathway.credential_graph.get(c.id, ())),
        "stacks": list(pathway.stacks_of.get(c.id, ())),
        "file": c.file,
    }
    return entry


def _stack(s: ResolvedStack, pathway: Pathway, position: int) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.stack.title,
        "status": s.stack.status,
        "effective_status": s.effective_status,
        "position": position,
        "file": s.stack.file,
        "requires": list(s.requires),
        "required_by": list(s.required_by),
        "totals": {
            "credentials": len(s.members),
            "hours": number(s.hours),
            "ceu": number(s.ceu),
            "hours_complete": s.hours_complete,
        },
        "credentials": [_credential(c, pathway, i) for i, c in enumerate(s.members, start=1)],
        "unknown": list(s.unknown),
    }


def as_dict(catalog: Catalog, pathway: Pathway) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "catalog": {"id": catalog.config.id, "title": catalog.config.title},
        "stacks": [_stack(s, pathway, i) for i, s in enumerate(pathway.stacks, start=1)],
        "unstacked": [_credential(c, pathway, None) for c in pathway.unstacked],
        "credential_order": list(pathway.credential_order),
        "cycles": {
            "stacks": [list(c) for c in pathway.stack_cycles],
            "credentials": [list(c) for c in pathway.credential_cycles],
        },
    }


def render_json(catalog: Catalog, pathway: Pathway) -> str:
    return json.dumps(as_dict(catalog, pathway), indent=2, ensure_ascii=False) + "\n"


# -- text --------------------------------------------------------------------------------


def _hours(value: float | None) -> str:
    shown = number(value)
    return "?" if shown is None else figure(shown)


def _members_table(s: ResolvedStack, pathway: Pathway, position: int) -> Table:
    title = Text(f"{position}. ", style="bold")
    title.append(printable(s.stack.title), style="bold")
    title.append(f"  ({printable(s.id)})", style="dim")
    shown = s.effective_status  # "suspended": published, but not every member is
    if shown != "published":
        title.append(f"  [{shown}]", style=_STATUS_STYLE[shown])
    table = Table(title=title, title_justify="left", expand=False, show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Credential")
    table.add_column("Hours", justify="right")
    table.add_column("CEUs", justify="right")
    table.add_column("Status")
    shared = any(len(pathway.stacks_of.get(c.id, ())) > 1 for c in s.members)
    if shared:
        table.add_column("Also in")
    for i, c in enumerate(s.members, start=1):
        name = Text(printable(c.title))
        name.append(f"\n{printable(c.id)}", style="dim")
        row: list[str | Text] = [
            str(i),
            name,
            _hours(c.hours),
            _hours(c.ceu) if c.ceu is not None else "",
            Text(c.status, style=_STATUS_STYLE[c.status]),
        ]
        if shared:
            others = [sid for sid in pathway.stacks_of.get(c.id, ()) if sid != s.id]
            row.append(printable(", ".join(others)))
        table.add_row(*row)
    hours = _hours(s.hours) + ("" if s.hours_complete else "+ (some hours unknown)")
    caption = f"Total: {len(s.members)} credentials, {hours} hours, {_hours(s.ceu)} CEUs"
    if s.requires:
        titles = [(p.stack.title if (p := pathway.stack(r)) else r) for r in s.requires]
        caption += "\nRequires: " + "; ".join(titles)
    if s.unknown:
        caption += "\nListed but not found: " + ", ".join(s.unknown)
    table.caption = printable(caption)
    table.caption_justify = "left"
    return table


def render_text(catalog: Catalog, pathway: Pathway, *, color: bool, width: int = 100) -> str:
    console, buffer = make_console(color, width)
    count = len({c.id for s in pathway.stacks for c in s.members})
    head = Text(printable(catalog.config.title), style="bold")
    head.append(f": {len(pathway.stacks)} stacks in pathway order, {count} credentials")
    console.print(head)
    console.print()
    for position, s in enumerate(pathway.stacks, start=1):
        console.print(_members_table(s, pathway, position))
        console.print()
    every = {c.id: c for st in pathway.stacks for c in st.members}
    if len(pathway.stacks) > 1:
        hours = _hours(sum(c.hours or 0 for c in every.values()))
        ceus = _hours(sum(c.ceu or 0 for c in every.values()))
        console.print(f"All stacks: {len(every)} credentials, {hours} hours, {ceus} CEUs")
        console.print()
    if pathway.unstacked:
        table = Table(title="Not in any stack", title_justify="left", show_edge=False)
        table.add_column("Credential")
        table.add_column("Hours", justify="right")
        table.add_column("Status")
        for c in pathway.unstacked:
            table.add_row(printable(f"{c.title} ({c.id})"), _hours(c.hours), c.status)
        console.print(table)
        console.print()
    loops = (("stacks", pathway.stack_cycles), ("credentials", pathway.credential_cycles))
    for kind, cycles in loops:
        for cycle in cycles:
            loop = " -> ".join((*cycle, cycle[0]))
            console.print(Text(f"Cycle among {kind}: {printable(loop)}", style="red"))
    return buffer.getvalue()
