"""MC408 rubric-descriptor-mismatch: A criterion's descriptors do not match the rubric's levels."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Diagnostic, Severity
from mcauthor.findings import Finding
from mcauthor.fixes import Fix, FixContext, add_entries, scalar
from mcauthor.model import Catalog, Credential, Rubric, RubricCriterion
from mcauthor.rules._util import closest, criterion_name, join_words, raw
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import CRITERION_FEEDBACK, CRITERION_REFLECTION, RUBRIC

# What the fix writes for a missing level: a placeholder, which MC514 then reports.
PLACEHOLDER = "TODO: describe this level"


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
        f"{CRITERION_FEEDBACK}{CRITERION_REFLECTION}"
    )
    good = Example.credential(RUBRIC)
    fix_summary = (
        "Adds each missing level to `descriptors`, in the mapping's own style, with the "
        f'text "{PLACEHOLDER}" for you to replace (MC514 reports it until you do). Not '
        "when a descriptor is keyed by an id that is no level: which level it meant is "
        "yours to say."
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        rubric = credential.rubric
        ids = _level_ids(rubric, catalog) if rubric is not None else None
        if rubric is None or ids is None:
            return
        source = "the rubric" if rubric.levels is not None else f"the scale `{rubric.scale}`"
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
        found = _mismatch(catalog, file, criterion, ids)
        if found is None:
            return None
        missing, unknown = found
        problems = []
        if missing:
            noun = "descriptor" if len(missing) == 1 else "descriptors"
            problems.append(f"no {noun} for {join_words(missing)}")
        if unknown:
            if len(unknown) == 1:
                problems.append(f"a descriptor for `{unknown[0]}`, which is not a level")
            else:
                problems.append(f"descriptors for {join_words(unknown)}, which are not levels")
        hint = f"Give one descriptor per level of {source}, keyed by its id: {join_words(ids)}."
        for key in unknown:
            same = [i for i in missing if i.casefold() == key.casefold()]
            close = closest(key, missing)
            if same:
                hint += f" Level ids are case-sensitive: write `{same[0]}`, not `{key}`."
            elif close is not None:
                hint += f" Rename `{key}` to `{close}` if that is the level it describes."
        return self.finding(
            file,
            at,
            f"{criterion_name(criterion)} does not match the levels of {source}: "
            + "; ".join(problems),
            hint=hint,
        )

    def fixes(self, diagnostic: Diagnostic, context: FixContext) -> list[Fix]:
        catalog = context.catalog
        for credential in catalog.credentials:
            rubric = credential.rubric
            if credential.file != diagnostic.path or rubric is None:
                continue
            ids = _level_ids(rubric, catalog)
            for criterion in rubric.criteria if ids is not None else ():
                at = (*criterion.at, "descriptors")
                if not context.points_at(diagnostic, at):
                    continue
                found = _mismatch(catalog, credential.file, criterion, ids or [])
                source = context.source(credential.file)
                if found is None or found[1] or source is None:
                    return []  # a descriptor for an unknown id: rename it, or remove it?
                added = [(scalar(i), scalar(PLACEHOLDER)) for i in found[0]]
                if catalog.given(credential.file, at):
                    edit = add_entries(source, at, added)
                else:
                    edit = add_entries(source, criterion.at, [("descriptors", added)])
                if edit is None:
                    return []
                noun = (
                    "a placeholder descriptor" if len(found[0]) == 1 else "placeholder descriptors"
                )
                title = (
                    f'Add placeholder {noun} for {join_words(found[0])} ("{PLACEHOLDER}"; '
                    "MC514 then asks for the text)"
                )
                return [Fix(title, (edit,))]
        return []


def _level_ids(rubric: Rubric, catalog: Catalog) -> list[str] | None:
    """The level ids a criterion's descriptors must match; None when there are none to
    match (another rule says why)."""
    if rubric.levels is None and (rubric.scale or "").startswith("x-"):
        return None  # `x-` keys are not scales: rubric-unknown-scale says so
    levels = catalog.levels_of(rubric)
    if not levels:
        return None  # no levels to match: rubric-scale-and-levels, -unknown-scale or -too-few
    return list(dict.fromkeys(level.id for level in levels))


def _mismatch(
    catalog: Catalog, file: str, criterion: RubricCriterion, ids: list[str]
) -> tuple[list[str], list[str]] | None:
    """The level ids that have no descriptor and the descriptor keys that are no level;
    None when they match (or `descriptors` is not a mapping: the schema step said why)."""
    at = (*criterion.at, "descriptors")
    if catalog.given(file, at) and not isinstance(raw(catalog, file, at), dict):
        return None
    given = criterion.descriptors
    missing = [i for i in ids if i not in given and not catalog.given(file, (*at, i))]
    unknown = [key for key in given if key not in ids]
    if not missing and not unknown:
        return None
    return missing, unknown
