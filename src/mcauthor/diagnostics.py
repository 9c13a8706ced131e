"""The one diagnostic type that every layer (loader, schema, rules, engine) produces."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


class Severity(str, enum.Enum):
    """How bad a finding is. Ordered: ``error > warning > info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Criterion(str, enum.Enum):
    """Digital Promise's four criteria that every micro-credential must meet."""

    COMPETENCY = "competency"
    METHOD = "method"
    EVIDENCE = "evidence"
    RUBRIC = "rubric"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding at a place in the catalog.

    ``path`` is POSIX and relative to the catalog root; ``line`` and ``column`` are 1-based.
    A finding about the catalog as a whole has ``path == "mcauthor.yaml"`` or ``line == 0``.
    """

    code: str
    name: str
    severity: Severity
    criterion: Criterion | None
    message: str
    path: str
    line: int
    column: int
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "criterion": self.criterion.value if self.criterion else None,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
            "line": self.line,
            "column": self.column,
        }


class Source(Protocol):
    """A catalog file's text as a report shows it: split into lines."""

    @property
    def lines(self) -> list[str]: ...


@dataclass(frozen=True)
class Reported:
    """What a lint report shows: the findings, and the texts it quotes them from. A lint
    gives a :class:`mcauthor.lint.LintResult`, which is one; a warm ``mcauthor lint``
    gives one kept from the lint before (:mod:`mcauthor.resultcache`)."""

    root: Path
    files: int
    diagnostics: tuple[Diagnostic, ...]
    fail_on: Severity
    documents: Mapping[str, Source] = field(default_factory=dict)
    hidden: int = 0  # findings in unchanged files left out by --changed-since

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def failed(self) -> bool:
        return any(d.severity.rank >= self.fail_on.rank for d in self.diagnostics)
