"""Deterministic helpers over `requires` graphs, built on the standard library's graphlib.

A graph maps a node to the nodes it requires (its prerequisites): exactly the shape that
:class:`graphlib.TopologicalSorter` takes. Nodes that only appear as targets are nodes
without prerequisites. Results are tie-broken by id, so the same catalog always gives the
same output.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from functools import lru_cache
from graphlib import CycleError, TopologicalSorter

__all__ = ["CycleError", "find_cycles", "topological_order"]

# A tangled graph can hold very many cycles; listing this many is plenty to act on.
MAX_CYCLES = 20


def _normalize(edges: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Every node (sources and targets) with its sorted, de-duplicated prerequisites."""
    graph: dict[str, list[str]] = {}
    for node in sorted(edges):
        targets = sorted(set(edges[node]))
        graph[node] = targets
        for target in targets:
            graph.setdefault(target, [])
    return dict(sorted(graph.items()))


def topological_order(edges: Mapping[str, Iterable[str]]) -> list[str]:
    """Every node, prerequisites first; among the nodes that are ready, the smallest id.

    Raises :class:`graphlib.CycleError` when the graph has a cycle.
    """
    graph = _normalize(edges)
    return list(_order_of(tuple((node, tuple(targets)) for node, targets in graph.items())))


@lru_cache(maxsize=8)
def _order_of(frozen: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    """topological_order of a graph given by its content (see find_cycles)."""
    sorter: TopologicalSorter[str] = TopologicalSorter(dict(frozen))
    sorter.prepare()
    ready = list(sorter.get_ready())
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        sorter.done(node)
        for nxt in sorter.get_ready():
            heapq.heappush(ready, nxt)
    return tuple(order)


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The cycles of the graph, each once, in `requires` order, sorted.

    Each cycle starts at its smallest id and does not repeat it at the end (a node that
    requires itself gives ``[node]``). graphlib reports one cycle at a time; after each,
    one of its links is set aside and the search goes on, so every tangle of cycles
    yields at least one (at most ``MAX_CYCLES`` in all).
    """
    graph = _normalize(edges)
    # The same graph is asked about several times (the pathway, MC504, and each lint of
    # an editing session, where most edits leave it as it was): answer from its content.
    frozen = tuple((node, tuple(targets)) for node, targets in graph.items())
    return [list(cycle) for cycle in _cycles_of(frozen)]


@lru_cache(maxsize=8)
def _cycles_of(frozen: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, ...], ...]:
    graph = {node: list(targets) for node, targets in frozen}
    cycles: list[list[str]] = []
    while len(cycles) < MAX_CYCLES:
        try:
            TopologicalSorter(graph).prepare()
        except CycleError as error:
            found: list[str] = error.args[1][:-1]
            # graphlib lists each node before the one that requires it; reverse that.
            cycle = found[::-1]
            start = cycle.index(min(cycle))
            cycle = cycle[start:] + cycle[:start]
            cycles.append(cycle)
            graph[cycle[0]].remove(cycle[1] if len(cycle) > 1 else cycle[0])
        else:
            break
    return tuple(tuple(cycle) for cycle in sorted(cycles))
