"""MC411 rubric-duplicate-id: Two levels of a scale, or two criteria of a rubric, share an id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.rules.base import Example, Rule
from mcauthor.yamlread import YamlPath


class RubricDuplicateId(Rule):
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
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal or the students are described only in general terms.\n"
        "        not-met: The goal and the students are not described.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
        "    - id: context\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
    )
    good = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal or the students are described only in general terms.\n"
        "        not-met: The goal and the students are not described.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
        "    - id: reflection-depth\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
    )

    def check(self, catalog: Catalog) -> Iterator[Finding]:
        config = catalog.config
        level_hint = "Give each level its own id; criteria key their descriptors by level id."
        for name, levels in config.scales.items():
            if name.startswith("x-"):
                continue
            yield from self._duplicates(
                catalog,
                config.file,
                ((level.id, level.at) for level in levels),
                "level",
                f"the scale `{name}`",
                level_hint,
            )
        for credential in catalog.credentials:
            rubric = credential.rubric
            if rubric is None:
                continue
            if rubric.levels is not None:
                yield from self._duplicates(
                    catalog,
                    credential.file,
                    ((level.id, level.at) for level in rubric.levels),
                    "level",
                    "the rubric's levels",
                    level_hint,
                )
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
        first: dict[str, YamlPath] = {}
        for ident, at in items:
            if not ident:
                continue  # a missing id is reported by the schema step
            if ident not in first:
                first[ident] = at
                continue
            doc = catalog.documents.get(file)
            line = doc.locate((*first[ident], "id"), value=True)[0] if doc is not None else 1
            yield self.finding(
                file,
                (*at, "id"),
                f"the {what} id `{ident}` is already used in {where} (at line {line})",
                hint=hint,
                value=True,
            )
