"""MC208 research-uncited: A research entry is never cited by a key method."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.placeholders import is_placeholder
from mcauthor.rules._util import citations, entry_name, raw, was_pruned
from mcauthor.rules.base import Example, Rule
from mcauthor.yamlread import YamlPath

# A library entry that the example credential does not cite.
LIBRARY = (
    "- key: hattie-timperley-2007\n"
    '  authors: ["Hattie, J.", "Timperley, H."]\n'
    "  year: 2007\n"
    "  title: The power of feedback\n"
    "  doi: 10.3102/003465430298487\n"
)


class ResearchUncited(Rule):
    """
    Research is listed to back a key method (Digital Promise's second criterion). An entry
    that no key method cites is either forgotten in `key_method.research`, where it would
    support the method, or left over from an earlier version and safe to remove.
    """

    code = "MC208"
    name = "research-uncited"
    severity = Severity.INFO
    criterion = Criterion.METHOD
    summary = "A research entry is never cited by a key method's `research` list."
    bad = Example(whole={"research/library.yaml": LIBRARY})
    good = Example(
        files={
            "credentials/example.yaml": "key_method:\n"
            "  statement: The educator uses a three-part feedback routine during a unit.\n"
            "  components:\n"
            "    - title: Name the next step\n"
            "      body: Give one concrete action and time to act on it.\n"
            "  research: [black-wiliam-1998, hattie-timperley-2007]\n"
        },
        whole={"research/library.yaml": LIBRARY},
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        cited_anywhere: set[str] = set()
        for credential in catalog.credentials:
            cited = {key for _, key in citations(credential, catalog)}
            cited_anywhere |= cited
            method = credential.key_method
            if method is None or self.unreadable(catalog, credential.file, method.at):
                continue  # no usable citation list: MC202 or the schema step says why
            for entry in credential.research:
                # A placeholder key (`key: TODO`) is MC514's: nothing can cite it yet.
                if _citable(entry.key) and entry.key not in cited:
                    yield self.finding(
                        entry.file,
                        entry.at,
                        f"{entry_name(entry)} is not cited by the key method",
                        hint=f"Add `{entry.key}` to `key_method.research` if it backs the "
                        "method, or remove the entry.",
                    )
        for entry in catalog.library:
            if _citable(entry.key) and entry.key not in cited_anywhere:
                yield self.finding(
                    entry.file,
                    entry.at,
                    f"{entry_name(entry)} is not cited by any credential",
                    hint=f"Cite `{entry.key}` in a credential's `key_method.research`, or remove "
                    "it from the library.",
                )

    @staticmethod
    def unreadable(catalog: Catalog, file: str, method_at: YamlPath) -> bool:
        """Whether the citation list, or one of its keys, was invalid and removed."""
        at = (*method_at, "research")
        items = raw(catalog, file, at)
        if was_pruned(catalog, file, at):
            return True
        return isinstance(items, list) and not all(isinstance(key, str) for key in items)


def _citable(key: str | None) -> bool:
    """Whether an entry's key is one a key method could cite: given, and not a placeholder."""
    return bool(key) and not is_placeholder(key)
