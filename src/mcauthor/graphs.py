"""Small, deterministic graph helpers for `requires` links (credentials and stacks).

A graph is a mapping from a node to the nodes it depends on (its `requires`): exactly
the shape that :class:`graphlib.TopologicalSorter` takes. Nodes that appear only as
targets are nodes without dependencies. Every result is sorted or tie-broken by id, so
the same catalog always gives the same output.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Mapping
from graphlib import CycleError, TopologicalSorter

__all__ = ["CycleError", "find_cycles", "topological_order"]

# Bounds that keep cycle listing fast on any input: past them, each tangle of cycles
# (strongly connected component) is still reported with at least one of its cycles.
MAX_CYCLES_PER_COMPONENT = 20
MAX_STEPS_PER_COMPONENT = 20_000

Graph = dict[str, list[str]]


def _normalize(edges: Mapping[str, Iterable[str]]) -> Graph:
    """Every node (sources and targets) with its sorted, de-duplicated dependencies."""
    graph: Graph = {}
    for node, targets in edges.items():
        graph.setdefault(node, [])
        for target in targets:
            graph.setdefault(target, [])
    for node, targets in edges.items():
        graph[node] = sorted(set(targets))
    return graph


def topological_order(edges: Mapping[str, Iterable[str]]) -> list[str]:
    """Every node, dependencies first; among nodes that are ready, the smallest id first.

    Raises :class:`graphlib.CycleError` when the graph has a cycle (check with
    :func:`find_cycles` first when the input may be cyclic).
    """
    graph = _normalize(edges)
    sorter: TopologicalSorter[str] = TopologicalSorter(graph)
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
    return order


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The distinct simple cycles of the graph, each listed once.

    Each cycle is a list of its nodes in `requires` order, rotated to start at its
    smallest id and not repeating the first node at the end (a node that requires itself
    gives ``[node]``). The list is sorted. In a very tangled component the listing stops
    after a bound, but every component that has a cycle yields at least one.
    """
    graph = _normalize(edges)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError:
        pass
    else:
        return []
    cycles: list[list[str]] = []
    for component in _components(graph):
        members = set(component)
        if len(component) == 1 and component[0] not in graph[component[0]]:
            continue
        found = _simple_cycles(graph, members)
        cycles.extend(found or [_shortest_cycle(graph, members, min(members))])
    return sorted(cycles)


def _components(graph: Graph) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if i < len(targets):
                work.append((node, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(out)


def _simple_cycles(graph: Graph, members: set[str]) -> list[list[str]]:
    """Simple cycles inside one component, each found from its smallest node (bounded)."""
    cycles: list[list[str]] = []
    steps = 0
    for start in sorted(members):
        # Cycles whose smallest node is `start` use only nodes >= start.
        path = [start]
        on_path = {start}
        work: list[list[str]] = [[t for t in graph[start] if t in members and t >= start]]
        while work:
            steps += 1
            if steps > MAX_STEPS_PER_COMPONENT or len(cycles) >= MAX_CYCLES_PER_COMPONENT:
                return cycles
            if not work[-1]:
                work.pop()
                on_path.discard(path.pop())
                continue
            target = work[-1].pop(0)
            if target == start:
                cycles.append(list(path))
            elif target not in on_path:
                path.append(target)
                on_path.add(target)
                work.append([t for t in graph[target] if t in members and t >= start])
    return cycles


def _shortest_cycle(graph: Graph, members: set[str], start: str) -> list[str]:
    """A shortest cycle through ``start`` inside its component (breadth-first)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in graph[node]:
            if target not in members:
                continue
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if target not in parent:
                parent[target] = node
                queue.append(target)
    return [start]  # not reached: every node of a cyclic component is on a cycle
