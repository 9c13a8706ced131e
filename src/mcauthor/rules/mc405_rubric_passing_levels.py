"""MC405 rubric-passing-levels: No level of a scale is passing, or every level is."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Level
from mcauthor.rules.base import Example, Rule
from mcauthor.yamlread import YamlPath


class RubricPassingLevels(Rule):
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
            if not name.startswith("x-"):
                yield from self._check(catalog, config.file, ("scales", name), levels, name)
        for credential in catalog.credentials:
            rubric = credential.rubric
            if rubric is not None and rubric.levels is not None:
                yield from self._check(
                    catalog, credential.file, ("rubric", "levels"), rubric.levels, None
                )

    def _check(
        self,
        catalog: Catalog,
        file: str,
        at: YamlPath,
        levels: tuple[Level, ...],
        scale: str | None,
    ) -> Iterator[Finding]:
        if not levels:
            return  # no levels at all: rubric-too-few-levels says so
        if any(
            catalog.given(file, (*level.at, "passing")) and not _has_passing(catalog, file, level)
            for level in levels
        ):
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


def _has_passing(catalog: Catalog, file: str, level: Level) -> bool:
    """Whether the level still has its `passing` key after the schema step."""
    doc = catalog.documents.get(file)
    data = doc.data if doc is not None else None
    for key in level.at:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return False
    return isinstance(data, dict) and "passing" in data
