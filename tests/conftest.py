from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mcauthor.lint import LintResult, lint
from mcauthor.rules.base import Example
from mcauthor.rules.examples import materialize

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "catalog"


@pytest.fixture
def make_catalog(tmp_path: Path):
    """Write the base example catalog with an Example laid over it; return its root."""

    def make(example: Example | None = None, **files: str) -> Path:
        root = tmp_path / "catalog"
        if root.exists():
            shutil.rmtree(root)
        return materialize(example or Example(), root)

    return make


def codes(result: LintResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def lint_example(example: Example, root: Path) -> LintResult:
    materialize(example, root)
    return lint(root)
