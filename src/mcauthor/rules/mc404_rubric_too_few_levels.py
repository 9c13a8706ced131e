"""MC404 rubric-too-few-levels: A rubric scale has fewer than two levels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Level
from mcauthor.rules.base import Example, Rule
from mcauthor.yamlread import YamlPath


class RubricTooFewLevels(Rule):
    """
    A rubric tells reviewers how to tell work that meets the competency from work that
    does not yet, so it needs at least two levels (like Demonstrated and Not met). A
    scale from mcauthor.yaml is reported once, at the scale, however many credentials
    use it; levels written in a rubric are reported at that rubric.
    """

    code = "MC404"
    name = "rubric-too-few-levels"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "A rubric scale has fewer than two levels."
    bad = Example(
        files={
            "mcauthor.yaml": (
                "scales:\n"
                "  demonstrated:\n"
                "    - {id: demonstrated, label: Demonstrated, passing: true}\n"
            )
        }
    )
    good = Example(
        files={
            "mcauthor.yaml": (
                "scales:\n"
                "  demonstrated:\n"
                "    - {id: demonstrated, label: Demonstrated, passing: true}\n"
                "    - {id: progressing, label: Progressing}\n"
                "    - {id: not-met, label: Not met}\n"
            )
        }
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        config = catalog.config
        for name, levels in config.scales.items():
            if name.startswith("x-"):
                continue
            at: YamlPath = ("scales", name)
            count = _count(catalog, config.file, at, levels)
            if count < 2:
                yield self._finding(config.file, at, f"the scale `{name}` has", count)
        for credential in catalog.credentials:
            rubric = credential.rubric
            if rubric is None or rubric.levels is None:
                continue
            at = ("rubric", "levels")
            count = _count(catalog, credential.file, at, rubric.levels)
            if count < 2:
                yield self._finding(credential.file, at, "the rubric lists", count)

    def _finding(self, file: str, at: YamlPath, subject: str, count: int) -> Finding:
        return self.finding(
            file,
            at,
            f"{subject} {'no levels' if count == 0 else 'only one level'}",
            hint=(
                "A rubric needs at least two levels: one that meets the criterion "
                "(`passing: true`) and one that does not yet, like `demonstrated` and "
                "`not-met`."
            ),
        )


def _count(catalog: Catalog, file: str, at: YamlPath, levels: tuple[Level, ...]) -> int:
    """How many levels the list has as written (a level with a bad id still counts)."""
    doc = catalog.documents.get(file)
    data: Any = doc.data if doc is not None else None
    for key in at:
        data = data.get(key) if isinstance(data, dict) else None
    if isinstance(data, list):
        return sum(1 for item in data if isinstance(item, dict))
    return len(levels)
