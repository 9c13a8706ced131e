"""MC408 rubric-descriptor-mismatch: A criterion's descriptors do not match the rubric's levels."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential, RubricCriterion
from mcauthor.rules.base import CredentialRule, Example


class RubricDescriptorMismatch(CredentialRule):
    """
    A descriptor says what work at one level looks like for one criterion; reviewers
    need one for every level to place a submission, and a descriptor keyed by an id
    that is not a level (a typo, or wrong capitals: level ids are case-sensitive) is
    never shown. Each criterion has exactly one descriptor per level of its scale.
    """

    code = "MC408"
    name = "rubric-descriptor-mismatch"
    severity = Severity.ERROR
    criterion = Criterion.RUBRIC
    summary = "A criterion's descriptors do not match the rubric's levels."
    bad = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        Demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal or the students are described only in general terms.\n"
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

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        rubric = credential.rubric
        if rubric is None:
            return
        if rubric.levels is None and (rubric.scale or "").startswith("x-"):
            return  # `x-` keys are not scales: rubric-unknown-scale says so
        levels = catalog.levels_of(rubric)
        if not levels:
            return  # no levels to match: rubric-scale-and-levels, -unknown-scale or -too-few
        source = "the rubric" if rubric.levels is not None else f"the scale `{rubric.scale}`"
        ids = list(dict.fromkeys(level.id for level in levels))
        for criterion in rubric.criteria:
            finding = self._check_criterion(credential, catalog, criterion, ids, source)
            if finding is not None:
                yield finding

    def _check_criterion(
        self,
        credential: Credential,
        catalog: Catalog,
        criterion: RubricCriterion,
        ids: list[str],
        source: str,
    ) -> Finding | None:
        file = credential.file
        at = (*criterion.at, "descriptors")
        if catalog.given(file, at) and not isinstance(_raw(catalog, file, at), dict):
            return None  # `descriptors` given but not a mapping: the schema step said why
        given = criterion.descriptors
        missing = [i for i in ids if i not in given and not catalog.given(file, (*at, i))]
        unknown = [key for key in given if key not in ids]
        if not missing and not unknown:
            return None
        problems = []
        if missing:
            noun = "descriptor" if len(missing) == 1 else "descriptors"
            problems.append(f"no {noun} for {_and(missing)}")
        if unknown:
            if len(unknown) == 1:
                problems.append(f"a descriptor for `{unknown[0]}`, which is not a level")
            else:
                problems.append(f"descriptors for {_and(unknown)}, which are not levels")
        name = (
            f"the criterion `{criterion.id}`"
            if criterion.id
            else f"criterion {_index(criterion) + 1}"
        )
        hint = f"Give one descriptor per level of {source}, keyed by its id: {_and(ids)}."
        for key in unknown:
            same = [i for i in missing if i.casefold() == key.casefold()]
            close = same or difflib.get_close_matches(key, missing, n=1, cutoff=0.6)
            if same:
                hint += f" Level ids are case-sensitive: write `{same[0]}`, not `{key}`."
            elif close:
                hint += f" Rename `{key}` to `{close[0]}` if that is the level it describes."
        return self.finding(
            file,
            at,
            f"{name} does not match the levels of {source}: " + "; ".join(problems),
            hint=hint,
        )


def _and(ids: list[str]) -> str:
    quoted = [f"`{i}`" for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _index(criterion: RubricCriterion) -> int:
    index = criterion.at[-1]
    return index if isinstance(index, int) else 0


def _raw(catalog: Catalog, file: str, path: tuple[str | int, ...]) -> Any:
    doc = catalog.documents.get(file)
    data: Any = doc.data if doc is not None else None
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data
