"""MC504 requires-cycle: Credentials (or stacks) require each other in a loop."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.graphs import find_cycles
from mcauthor.model import Catalog
from mcauthor.rules._util import string_items
from mcauthor.rules.base import Example, Rule


class RequiresCycle(Rule):
    """
    `requires` lists what to earn first. When credentials (or stacks) require each other
    in a loop, or one requires itself, no educator can ever start: whichever comes first
    still waits for another. Each loop is reported once, with all its members.
    """

    code = "MC504"
    name = "requires-cycle"
    severity = Severity.ERROR
    summary = "Credentials (or stacks) require each other in a loop."
    bad = Example(
        files={
            "credentials/example.yaml": "requires: [peer-feedback]\n",
            "credentials/peer-feedback.yaml": "requires: [example]\n",
            "stacks/example-stack.yaml": "credentials: [peer-feedback, example]\n",
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
        groups = (
            ("credential", [(c.file, c.id, c.requires) for c in catalog.credentials]),
            ("stack", [(s.file, s.id, s.requires) for s in catalog.stacks]),
        )
        for kind, items in groups:
            yield from self._cycles(catalog, kind, items)

    def _cycles(
        self,
        catalog: Catalog,
        kind: str,
        items: Sequence[tuple[str, str, tuple[str, ...]]],
    ) -> Iterator[Finding]:
        # file -> (id, [(index in the file, required id)])
        links = {
            file: (ident, string_items(catalog, file, ("requires",), requires))
            for file, ident, requires in items
        }
        edges: dict[str, set[str]] = {}
        for ident, required in links.values():
            edges.setdefault(ident, set()).update(name for _, name in required)
        for cycle in find_cycles(edges):
            following = {node: cycle[(i + 1) % len(cycle)] for i, node in enumerate(cycle)}
            # Report at the `requires` item of the member whose file sorts first.
            for file in sorted(links):
                ident, required = links[file]
                if ident not in following:
                    continue
                index = next((i for i, name in required if name == following[ident]), None)
                if index is None:
                    continue
                yield self._finding(kind, file, index, cycle, ident)
                break

    def _finding(self, kind: str, file: str, index: int, cycle: list[str], start: str) -> Finding:
        if len(cycle) == 1:
            return self.finding(
                file,
                ("requires", index),
                f"the {kind} `{start}` requires itself",
                hint=f"Remove `{start}` from its own `requires`.",
                value=True,
            )
        at = cycle.index(start)
        loop = [*cycle[at:], *cycle[:at], start]
        return self.finding(
            file,
            ("requires", index),
            f"these {kind}s require each other in a loop: " + " → ".join(loop),
            hint="Remove one `requires` entry of the loop: a prerequisite must be earnable "
            f"before the {kind}s that require it.",
            value=True,
        )
