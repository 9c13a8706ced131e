"""MC405 rubric-passing-levels: No level of a scale is passing, or every level is."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import LevelList, level_lists, was_pruned
from mcauthor.rules.base import Example, FileRule
from mcauthor.rules.examples import SCALES


class RubricPassingLevels(FileRule):
    """
    `passing: true` marks the levels that meet a criterion; by default an educator earns
    the credential when every criterion reaches a passing level. With no passing level
    nobody can earn it, and with every level passing everybody does. A scale from
    mcauthor.yaml is reported once, at the scale; inline levels at their rubric.
    """

    code = "MC405"
    name = "rubric-passing-levels"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "No level of a scale is passing, or every level is."
    bad = Example(
        files={
            "mcauthor.yaml": (
                "scales:\n"
                "  demonstrated:\n"
                "    - {id: demonstrated, label: Demonstrated}\n"
                "    - {id: progressing, label: Progressing}\n"
                "    - {id: not-met, label: Not met}\n"
            )
        }
    )
    good = Example(files={"mcauthor.yaml": SCALES})

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        for found in level_lists(catalog, file):
            yield from self._check(catalog, found)

    def _check(self, catalog: Catalog, found: LevelList) -> Iterator[Finding]:
        file, at, levels, scale = found.file, found.at, found.levels, found.scale
        if not levels:
            return  # no levels at all: rubric-too-few-levels says so
        if any(was_pruned(catalog, file, (*level.at, "passing")) for level in levels):
            return  # a `passing` value the schema step removed: it has said why
        owner = f"the scale `{scale}`" if scale is not None else "the rubric's `levels`"
        passing = [level for level in levels if level.passing]
        if not passing:
            yield self.finding(
                file,
                at,
                f"no level of {owner} is passing",
                hint=(
                    "Add `passing: true` to the level (or levels) that meet the criterion, "
                    "like `{id: demonstrated, label: Demonstrated, passing: true}`; without "
                    "one, no submission can earn the credential."
                ),
            )
        elif len(levels) >= 2 and len(passing) == len(levels):
            yield self.finding(
                file,
                at,
                f"every level of {owner} is passing",
                hint=(
                    "Keep `passing: true` only on the levels that meet the criterion and "
                    "remove it from the levels that do not yet; as it is, every submission "
                    "earns the credential."
                ),
            )
