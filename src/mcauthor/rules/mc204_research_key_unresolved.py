"""MC204 research-key-unresolved: The key method cites a research key that has no entry."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import citations, did_you_mean
from mcauthor.rules.base import CredentialRule, Example


class ResearchKeyUnresolved(CredentialRule):
    """
    Every key in `key_method.research` must name a research entry, in the credential's own
    `research` list or in the shared `research/` folder; otherwise the method's research
    backing (Digital Promise's second criterion) points at nothing and the published page
    cannot show the source.
    """

    code = "MC204"
    name = "research-key-unresolved"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    local = False  # keys resolve against the research library
    summary = "The key method cites a research key that matches no research entry."
    bad = Example.credential(
        "key_method:\n"
        "  statement: The educator uses a three-part feedback routine during a unit of study.\n"
        "  components:\n"
        "    - title: Name the next step\n"
        "      body: Give one concrete action and time to act on it.\n"
        "  research: [black-william-1998]\n"
    )
    good = Example()

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        cited = citations(credential, catalog)
        if not cited:
            return
        known = {e.key for e in (*credential.research, *catalog.library) if e.key}
        for at, key in cited:
            if catalog.research_for(credential, key) is not None:
                continue
            yield self.finding(
                credential.file,
                at,
                f"the research key `{key}` matches no research entry" + did_you_mean(key, known),
                hint=f"Add an entry with `key: {key}` to this credential's `research` list or "
                "to a file in the `research/` folder, or correct the key.",
                value=True,
            )
