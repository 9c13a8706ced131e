"""MC601 stack-order-before-requirement: A stack lists a credential before one that it requires."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import firsts, join_words, string_items
from mcauthor.rules.base import Example, Rule
from mcauthor.stacks import resolve


class StackOrderBeforeRequirement(Rule):
    """
    A stack lists its micro-credentials in the order educators earn them. When a
    credential comes before one that it `requires`, the stack's page and guide send
    educators to it before its prerequisite. Loops of `requires` are left to MC504, and
    retired stacks, which nobody earns any more, are not checked.
    """

    code = "MC601"
    name = "stack-order-before-requirement"
    severity = Severity.WARNING
    summary = "A stack lists a credential before one that it requires."
    bad = Example(
        files={
            "credentials/example.yaml": "requires: [peer-feedback]\n",
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [example, peer-feedback]\n",
        }
    )
    good = Example(
        files={
            "credentials/example.yaml": "requires: [peer-feedback]\n",
            "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
            "stacks/example-stack.yaml": "credentials: [peer-feedback, example]\n",
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        pathway = resolve(catalog)
        graph = pathway.credential_graph
        component = _components(graph)
        for resolved in pathway.stacks:
            stack = resolved.stack
            if stack.status == "retired":
                continue
            items = string_items(catalog, stack.file, ("credentials",), stack.credentials)
            first = firsts((name, i) for i, name in items)
            position = {m.id: first[m.id] for m in resolved.members if m.id in first}
            for cid, here in position.items():
                later = sorted(
                    (position[r], r)
                    for r in graph.get(cid, ())
                    if position.get(r, -1) > here and component.get(r) != component.get(cid)
                )
                if later:
                    yield self._finding(stack.file, cid, here, later)

    def _finding(self, file: str, cid: str, here: int, later: list[tuple[int, str]]) -> Finding:
        names = [f"`{r}` (item {i + 1})" for i, r in later]
        return self.finding(
            file,
            ("credentials", here),
            f"`{cid}` (item {here + 1}) comes before "
            f"{join_words(names, code=False)}, which it requires",
            hint=f"Move {join_words([r for _, r in later])} above `{cid}`: a stack lists its "
            "credentials in the order educators earn them, prerequisites first.",
            value=True,
        )


def _components(graph: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """Each credential's strongly connected component (Tarjan's algorithm, iterative):
    two credentials share one exactly when each requires the other, directly or through
    others, so a `requires` link lies on a loop exactly when both ends share one.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    path: list[str] = []
    count = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = len(index)
        path.append(root)
        while work:
            node, targets = work[-1]
            nxt = next(targets, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    path.append(nxt)
                    work.append((nxt, iter(graph.get(nxt, ()))))
                elif nxt not in component:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = path.pop()
                    component[member] = count
                    if member == node:
                        break
                count += 1
    return component
