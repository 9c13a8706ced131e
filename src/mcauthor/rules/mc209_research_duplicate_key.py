"""MC209 research-duplicate-key: Two research entries have the same key."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, ResearchEntry
from mcauthor.rules._util import firsts, repeats, where
from mcauthor.rules.base import Example, Rule

# The example credential's source, in the shared research library.
LIBRARY = (
    "- key: black-wiliam-1998\n"
    '  authors: ["Black, P.", "Wiliam, D."]\n'
    "  year: 1998\n"
    "  title: Assessment and classroom learning\n"
    "  doi: 10.1080/0969595980050102\n"
)


class ResearchDuplicateKey(Rule):
    """
    A key method cites research by key, so a key must name one source: within a
    credential and across the credential and the shared `research/` library. A
    credential's own entry hides a library entry with the same key, which is rarely
    what the author meant. The finding is at the second entry and says where the first is.
    """

    code = "MC209"
    name = "research-duplicate-key"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    summary = "Two research entries have the same key, in a credential or the library."
    bad = Example(
        files={
            "credentials/example.yaml": "research:\n"
            "  - key: black-wiliam-1998\n"
            '    authors: ["Black, P.", "Wiliam, D."]\n'
            "    year: 1998\n"
            "    title: Assessment and classroom learning\n"
            "    doi: 10.1080/0969595980050102\n"
        },
        whole={"research/library.yaml": LIBRARY},
    )
    good = Example(
        files={"credentials/example.yaml": "research: []\n"},
        whole={"research/library.yaml": LIBRARY},
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        shared = [(entry.key, entry) for entry in catalog.library if entry.key]
        for _, entry, first in repeats(shared):
            yield self.twice(catalog, entry, first, "in the research library")
        library = firsts(shared)
        for credential in catalog.credentials:
            own = [(entry.key, entry) for entry in credential.research if entry.key]
            for _, entry, first in repeats(own):
                yield self.twice(catalog, entry, first, "in this credential")
            for key, entry in firsts(own).items():
                if key in library:
                    hidden = library[key]
                    yield self.finding(
                        entry.file,
                        (*entry.at, "key"),
                        f"the research key `{entry.key}` is also in the research library "
                        f"({where(catalog, hidden.file, hidden.at)}); this entry hides it",
                        hint="Remove this entry to cite the library's, or give this entry "
                        "another key if it is a different source.",
                        value=True,
                    )

    def twice(
        self, catalog: Catalog, entry: ResearchEntry, first: ResearchEntry, scope: str
    ) -> Finding:
        return self.finding(
            entry.file,
            (*entry.at, "key"),
            f"the research key `{entry.key}` is used twice {scope}; the first is at "
            f"{where(catalog, first.file, first.at, here=entry.file)}",
            hint="Give each source one entry: remove the second one, or give it another key "
            "and cite that key in `key_method.research`.",
            value=True,
        )
