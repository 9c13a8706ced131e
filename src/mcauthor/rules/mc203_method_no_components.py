"""MC203 method-no-components: The key method lists no method components."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import missing_list_at
from mcauthor.rules.base import CredentialRule, Example


class MethodNoComponents(CredentialRule):
    """
    A Digital Promise key method is broken into method components: the steps or parts an
    educator works through. Without them the method is a slogan, and educators cannot
    tell what to do or what their evidence should show.
    """

    code = "MC203"
    name = "method-no-components"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    summary = "The key method lists no method components."
    bad = Example.credential(
        "key_method:\n"
        "  statement: The educator uses a three-part feedback routine during a unit of study.\n"
        "  research: [black-wiliam-1998]\n"
    )
    good = Example()

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        method = credential.key_method
        if method is None or method.components:
            return  # no key method at all: MC202
        at = missing_list_at(catalog, credential.file, method.at, "components")
        if at is None:
            return  # written, but not as a list of components: the schema step reported it
        yield self.finding(
            credential.file,
            at,
            "the key method has no components",
            hint="List the steps or parts of the method under `key_method.components`, each "
            "with a `title` and a `body` that says what the educator does.",
        )
