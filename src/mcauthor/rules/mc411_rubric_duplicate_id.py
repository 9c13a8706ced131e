"""MC411 rubric-duplicate-id: Two levels of a scale, or two criteria of a rubric, share an id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules._util import level_lists, line_of, repeats
from mcauthor.rules.base import Example, FileRule
from mcauthor.rules.examples import CRITERION_CONTEXT, CRITERION_FEEDBACK, RUBRIC
from mcauthor.yamlread import YamlPath


class RubricDuplicateId(FileRule):
    """
    Criteria key their descriptors by level id, and reports name criteria by their id.
    Two levels with one id make a descriptor ambiguous, and two criteria with one id
    cannot be told apart in scores. A scale from mcauthor.yaml is reported once, at the
    scale, however many credentials use it.
    """

    code = "MC411"
    name = "rubric-duplicate-id"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "Two levels of a scale, or two criteria of a rubric, share an id."
    bad = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        f"  criteria:\n{CRITERION_CONTEXT}{CRITERION_FEEDBACK}"
        "    - id: context\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
    )
    good = Example.credential(RUBRIC)

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        for found in level_lists(catalog, file):
            yield from self._duplicates(
                catalog,
                found.file,
                ((level.id, level.at) for level in found.levels),
                "level",
                "the rubric's levels" if found.scale is None else f"the scale `{found.scale}`",
                "Give each level its own id; criteria key their descriptors by level id.",
            )
        credential = catalog.credential_in(file)
        rubric = credential.rubric if credential is not None else None
        if credential is not None and rubric is not None:
            yield from self._duplicates(
                catalog,
                credential.file,
                ((c.id, c.at) for c in rubric.criteria),
                "criterion",
                "this rubric",
                "Give each criterion its own id.",
            )

    def _duplicates(
        self,
        catalog: Catalog,
        file: str,
        items: Iterable[tuple[str, YamlPath]],
        what: str,
        where: str,
        hint: str,
    ) -> Iterator[Finding]:
        # A missing id is reported by the schema step.
        for ident, at, first in repeats((ident, at) for ident, at in items if ident):
            line = line_of(catalog, file, (*first, "id"), value=True)
            yield self.finding(
                file,
                (*at, "id"),
                f"the {what} id `{ident}` is already used in {where} (at line {line})",
                hint=hint,
                value=True,
            )
