"""MC202 method-statement-missing: There is no key method, or it has no statement."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import was_pruned
from mcauthor.rules.base import CredentialRule, Example

STATEMENT_HINT = (
    "Add `statement:` under `key_method`: one sentence on what the educator does and how, "
    "like `The educator uses a three-part feedback routine during a unit of study.`"
)


class MethodStatementMissing(CredentialRule):
    """
    Digital Promise's second criterion: each micro-credential has a key method. Its
    statement says in one sentence what the educator does to show the competency; the
    components then break it into steps, and the research backs it.
    """

    code = "MC202"
    name = "method-statement-missing"
    severity = Severity.ERROR
    criterion = Criterion.METHOD
    summary = "The credential has no key method, or its key method has no statement."
    bad = Example.credential(
        "key_method:\n"
        "  components:\n"
        "    - title: Name the next step\n"
        "      body: Give one concrete action and time to act on it.\n"
        "  research: [black-wiliam-1998]\n"
    )
    good = Example()

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        method = credential.key_method
        if method is None:
            if catalog.given(credential.file, ("key_method",)):
                return  # written, but not as a mapping: the schema step reported it
            yield self.finding(
                credential.file,
                (),
                "the credential has no key method",
                hint="Add `key_method:` with a `statement` (what the educator does and how), "
                "its `components` and the `research` that backs it.",
            )
            return
        at = (*method.at, "statement")
        if method.statement is None:
            if not was_pruned(catalog, credential.file, at):
                yield self.finding(
                    credential.file,
                    method.at,
                    "the key method has no statement",
                    hint=STATEMENT_HINT,
                )
        elif not method.statement.strip():
            yield self.finding(
                credential.file,
                at,
                "the key method statement is empty",
                hint=STATEMENT_HINT,
                value=True,
            )
