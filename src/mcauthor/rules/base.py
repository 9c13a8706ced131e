"""What a lint rule is. One rule per module; ``mcauthor.rules`` lists them all.

A rule has a stable code (never reused once retired), a kebab-case name, a default
severity, the Digital Promise criterion it checks (or None), a one-line summary, and a
docstring that says why the rule exists. ``bad`` and ``good`` are runnable examples: YAML
fragments merged onto a small valid catalog (see ``mcauthor.rules.examples``). The test
suite checks that ``bad`` produces the rule's code and ``good`` does not.

Rules only yield findings. The engine applies configuration, suppressions and sorting.
A rule may also declare fixes for its findings (``fix_summary`` and ``fixes``): text edits
that `mcauthor lint --fix` (the safe ones) and the language server's code actions apply.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from mcauthor.diagnostics import Criterion, Diagnostic, Severity
from mcauthor.findings import Finding
from mcauthor.fixes import Fix, FixContext
from mcauthor.model import Catalog, Credential
from mcauthor.yamlread import YamlPath

CREDENTIAL = "credentials/example.yaml"


@dataclass(frozen=True)
class Example:
    """Files to lay over the base example catalog.

    ``files`` maps a catalog path to YAML text whose top-level keys replace the same keys
    of the base file (a new ``credentials/x.yaml`` starts from the base credential with
    ``id: x``); ``omit`` removes top-level keys; ``whole`` files are written verbatim and
    ``raw`` files as bytes.
    """

    files: Mapping[str, str] = field(default_factory=dict)
    omit: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    whole: Mapping[str, str] = field(default_factory=dict)
    raw: Mapping[str, bytes] = field(default_factory=dict)

    @classmethod
    def credential(cls, text: str = "", *, omit: tuple[str, ...] = ()) -> Example:
        """The common case: change the example credential's top-level keys."""
        return cls(files={CREDENTIAL: text} if text else {}, omit={CREDENTIAL: omit})


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    criterion: ClassVar[Criterion | None] = None
    summary: ClassVar[str]
    # "check" rules run on the model; "load" rules are reported by the loading layers
    # (YAML reading, schema, suppressions) and only carry metadata and examples here.
    phase: ClassVar[str] = "check"
    bad: ClassVar[Example | None] = None
    good: ClassVar[Example | None] = None
    # Why a rule has no runnable example (e.g. it needs a symlink or an unreadable file).
    no_example: ClassVar[str | None] = None
    # What the rule's fix does, for its documentation ("Fix: ..."); None: it has none.
    fix_summary: ClassVar[str | None] = None
    # Whether `mcauthor lint --fix` applies it; False: a choice, offered in the editor only.
    fix_safe: ClassVar[bool] = True

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        return iter(())

    def finding(
        self,
        file: str,
        at: YamlPath,
        message: str,
        *,
        hint: str | None = None,
        value: bool = False,
    ) -> Finding:
        return Finding(self.code, file, at, message, hint=hint, value=value)

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        """Ways to resolve one of this rule's findings, as text edits of the files in
        ``context``; none when the text is not as the lint read it or the fix would be
        a guess. At most one of them is safe (``Fix.safe``)."""
        return []

    @classmethod
    def why(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


class CredentialRule(Rule):
    """A rule that looks at one credential at a time."""

    # Whether a credential's findings depend only on its own file and the config (not on
    # other files): the lint engine then checks a credential again only when it changed.
    # A rule that looks at other credentials or the research library says False.
    local: ClassVar[bool] = True

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for credential in catalog.credentials:
            yield from self.check_credential(credential, catalog)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        raise NotImplementedError


class FileRule(Rule):
    """A rule that looks at one catalog file at a time, through what the catalog read
    from it. Its findings for a file depend only on that file and the config, so the
    lint engine checks a file again only when it changed."""

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        for file in catalog.files():
            yield from self.check_file(file, catalog)

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        raise NotImplementedError
