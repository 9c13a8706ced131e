"""MC201 method-without-research: The key method cites no research."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import missing_list_at
from mcauthor.rules.base import CredentialRule, Example


class MethodWithoutResearch(CredentialRule):
    """
    Digital Promise's second criterion: the key method is backed by research. Citing the
    studies that support it tells educators why the method is worth learning and lets
    reviewers and partners check the claim.
    """

    code = "MC201"
    name = "method-without-research"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    summary = "The key method cites no research in `key_method.research`."
    bad = Example.credential(
        "key_method:\n"
        "  statement: The educator uses a three-part feedback routine during a unit of study.\n"
        "  components:\n"
        "    - title: Name the next step\n"
        "      body: Give one concrete action and time to act on it.\n"
        "research: []\n"
    )
    good = Example()

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        method = credential.key_method
        if method is None or method.research:
            return  # no key method at all: MC202
        at = missing_list_at(catalog, credential.file, method.at, "research")
        if at is None:
            return  # written, but not as a list of keys: the schema step reported it
        yield self.finding(
            credential.file,
            at,
            "the key method cites no research",
            hint="List the keys of the studies that back the method in `key_method.research`, "
            "like `research: [black-wiliam-1998]`, and describe each one under `research` or "
            "in the `research/` folder.",
        )
