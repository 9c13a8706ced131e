"""MC404 rubric-too-few-levels: A rubric scale has fewer than two levels."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Level
from mcauthor.rules._util import level_lists, raw
from mcauthor.rules.base import Example, FileRule
from mcauthor.rules.examples import SCALES
from mcauthor.yamlread import YamlPath


class RubricTooFewLevels(FileRule):
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
    good = Example(files={"mcauthor.yaml": SCALES})

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        for found in level_lists(catalog, file):
            count = _count(catalog, found.file, found.at, found.levels)
            if count >= 2:
                continue
            subject = (
                "the rubric lists" if found.scale is None else f"the scale `{found.scale}` has"
            )
            yield self.finding(
                found.file,
                found.at,
                f"{subject} {'no levels' if count == 0 else 'only one level'}",
                hint=(
                    "A rubric needs at least two levels: one that meets the criterion "
                    "(`passing: true`) and one that does not yet, like `demonstrated` and "
                    "`not-met`."
                ),
            )


def _count(catalog: Catalog, file: str, at: YamlPath, levels: tuple[Level, ...]) -> int:
    """How many levels the list has as written (a level with a bad id still counts)."""
    data = raw(catalog, file, at)
    if isinstance(data, list):
        return sum(1 for item in data if isinstance(item, dict))
    return len(levels)
