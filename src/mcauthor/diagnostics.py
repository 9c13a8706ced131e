"""The one diagnostic type that every layer (loader, schema, rules, engine) produces."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
