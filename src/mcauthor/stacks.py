"""Stacks resolved into a pathway: the one structure that lint, build and export all use.

A stack is an ordered set of credentials earned together; stacks may require other
stacks and credentials may require other credentials. :func:`resolve` turns the catalog
into a :class:`Pathway`: members in declared order, membership in both directions, totals,
both prerequisite graphs, a topological order and the cycles that prevent one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from mcauthor.graphs import find_cycles, topological_order
from mcauthor.model import Catalog, Credential, EffectiveStatus, Stack


@dataclass(frozen=True, slots=True)
class ResolvedStack:
    stack: Stack
    members: tuple[Credential, ...]  # declared order; unknown ids and repeats left out
    unknown: tuple[str, ...]  # listed ids that name no credential
    requires: tuple[str, ...]  # prerequisite stacks that exist, as declared
    required_by: tuple[str, ...]  # stacks that list this one in `requires`, pathway order
    hours: float  # sum over members that give hours
    ceu: float  # sum over members that give CEUs
    without_hours: tuple[str, ...]  # members whose hours are unknown

    @property
    def id(self) -> str:
        return self.stack.id

    @property
    def hours_complete(self) -> bool:
        return not self.without_hours

    @property
    def unpublished(self) -> tuple[Credential, ...]:
        """Members that educators cannot earn now: drafts and retired credentials."""
        return tuple(m for m in self.members if m.status != "published")

    @property
    def effective_status(self) -> EffectiveStatus:
        """The stack's status as offered; what every export and the site show.

        The stack's own ``status``, except ``"suspended"`` for a published stack that
        holds a draft or retired credential: nobody can complete it until that credential
        is published or replaced (lint reports it: MC606 for a draft, MC603 if retired).
        """
        if self.stack.status == "published" and self.unpublished:
            return "suspended"
        return self.stack.status


@dataclass(frozen=True, slots=True)
class Pathway:
    stacks: tuple[ResolvedStack, ...]  # pathway order: prerequisites first
    stacks_of: Mapping[str, tuple[str, ...]]  # credential id -> its stacks, pathway order
    unstacked: tuple[Credential, ...]  # credentials in no stack, by id
    stack_graph: Mapping[str, tuple[str, ...]]  # stack id -> stacks it requires
    credential_graph: Mapping[str, tuple[str, ...]]  # credential id -> credentials it requires
    credential_order: tuple[str, ...]  # every credential, prerequisites first
    stack_cycles: tuple[tuple[str, ...], ...]
    credential_cycles: tuple[tuple[str, ...], ...]

    by_id: Mapping[str, ResolvedStack] = field(default_factory=dict, compare=False, repr=False)

    def stack(self, sid: str) -> ResolvedStack | None:
        return self.by_id.get(sid)

    def only(self, sid: str) -> Pathway:
        """The pathway reduced to one stack (for a stack's own page or --stack)."""
        chosen = tuple(s for s in self.stacks if s.id == sid)
        return replace(self, stacks=chosen, unstacked=(), by_id={s.id: s for s in chosen})


def total(values: Iterable[float | None]) -> float:
    """Sum of the values that are given, rounded so 0.1 + 0.2 shows as 0.3."""
    return round(sum(v for v in values if v is not None), 6)


def _graph(items: Iterable[Credential | Stack], known: set[str]) -> dict[str, tuple[str, ...]]:
    """id -> the known ids it requires (first definition of an id wins, as in lookups)."""
    graph: dict[str, tuple[str, ...]] = {}
    for item in items:
        if item.id not in graph:
            graph[item.id] = tuple(dict.fromkeys(r for r in item.requires if r in known))
    return graph


def _order(graph: Mapping[str, tuple[str, ...]], cycles: list[list[str]]) -> list[str]:
    """Prerequisites first; links that close a cycle are left out so an order exists."""
    if cycles:
        on_cycle = {(c[i], c[(i + 1) % len(c)]) for c in cycles for i in range(len(c))}
        graph = {n: tuple(t for t in ts if (n, t) not in on_cycle) for n, ts in graph.items()}
    try:
        return topological_order(graph)
    except Exception:  # cycles beyond the listing bound: fall back to id order
        return sorted(graph)


def resolve(catalog: Catalog) -> Pathway:
    """The catalog's pathway; computed once per catalog and shared by every caller."""
    derived = catalog.derived
    if derived.pathway is None:
        derived.pathway = _resolve(catalog)
    return derived.pathway


def _resolve(catalog: Catalog) -> Pathway:
    credential_ids = {c.id for c in catalog.credentials}
    stack_ids = {s.id for s in catalog.stacks}
    stack_graph = _graph(catalog.stacks, stack_ids)
    credential_graph = _graph(catalog.credentials, credential_ids)
    stack_cycles = find_cycles(stack_graph)
    credential_cycles = find_cycles(credential_graph)
    stack_rank = {sid: i for i, sid in enumerate(_order(stack_graph, stack_cycles))}

    ordered = sorted(
        (s for s in catalog.stacks if catalog.stack(s.id) is s),  # one stack per id
        key=lambda s: stack_rank[s.id],
    )
    required_by: dict[str, list[str]] = {s.id: [] for s in ordered}
    for stack in ordered:
        for prerequisite in stack_graph[stack.id]:
            required_by[prerequisite].append(stack.id)

    resolved = []
    stacks_of: dict[str, list[str]] = {c: [] for c in sorted(credential_ids)}
    for stack in ordered:
        members = []
        for cid in dict.fromkeys(stack.credentials):
            credential = catalog.credential(cid)
            if credential is not None:
                members.append(credential)
                stacks_of[cid].append(stack.id)
        resolved.append(
            ResolvedStack(
                stack=stack,
                members=tuple(members),
                unknown=tuple(c for c in dict.fromkeys(stack.credentials) if c not in stacks_of),
                requires=stack_graph[stack.id],
                required_by=tuple(required_by[stack.id]),
                hours=total(m.hours for m in members),
                ceu=total(m.ceu for m in members),
                without_hours=tuple(m.id for m in members if m.hours is None),
            )
        )
    return Pathway(
        stacks=tuple(resolved),
        stacks_of={cid: tuple(sids) for cid, sids in stacks_of.items()},
        unstacked=tuple(
            sorted(
                (c for c in catalog.credentials if not stacks_of.get(c.id)),
                key=lambda c: (c.id, c.file),
            )
        ),
        stack_graph=stack_graph,
        credential_graph=credential_graph,
        credential_order=tuple(_order(credential_graph, credential_cycles)),
        stack_cycles=tuple(tuple(c) for c in stack_cycles),
        credential_cycles=tuple(tuple(c) for c in credential_cycles),
        by_id={s.id: s for s in resolved},
    )
