"""Evidence (MC3xx) and rubric (MC4xx) rules: exact findings on small catalogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.lint import LintResult, lint
from mcauthor.rules.base import CREDENTIAL, Example

from conftest import col_of, found, line_of, one, only

MakeCatalog = Callable[..., Path]
CONFIG = "mcauthor.yaml"
STACK = "stacks/example-stack.yaml"
OTHER = "credentials/other.yaml"

EVIDENCE = """\
evidence:
  - id: overview
    title: Overview questions
    kind: overview
    prompts:
      - text: Describe your students and the learning goal of the unit.
        words: {min: 200, max: 400}
  - id: artifacts
    title: Work examples
    kind: artifact
    prompts:
      - text: Submit three samples of student work with the feedback you gave.
  - id: reflection
    title: Reflection
    kind: reflection
    prompts:
      - text: What did students do with the feedback, and what will you change?
"""

CRITERIA = """\
  criteria:
    - id: context
      evidence: overview
      title: Context and goal
      descriptors:
        demonstrated: The goal and the students are described clearly.
        progressing: The goal or the students are described only in general terms.
        not-met: The goal and the students are not described.
    - id: feedback-quality
      evidence: artifacts
      title: Quality of feedback
      descriptors:
        demonstrated: Every sample shows feedback that names a next step.
        progressing: Some samples show feedback that names a next step.
        not-met: The feedback gives grades or praise only.
    - id: reflection-depth
      evidence: reflection
      title: Reflection on impact
      descriptors:
        demonstrated: The reflection uses student work to explain the effect.
        progressing: The reflection describes the effect without evidence.
        not-met: The reflection does not address the effect of the feedback.
"""

RUBRIC = "rubric:\n  scale: demonstrated\n" + CRITERIA

INLINE_LEVELS = """\
  levels:
    - {id: demonstrated, label: Demonstrated, passing: true}
    - {id: progressing, label: Progressing}
    - {id: not-met, label: Not met}
"""

ARTIFACT_PROMPTS = (
    "    prompts:\n      - text: Submit three samples of student work with the feedback you gave.\n"
)
REFLECTION_PROMPTS = (
    "    prompts:\n"
    "      - text: What did students do with the feedback, and what will you change?\n"
)
MET_LEVELS = (
    "  levels:\n    - {id: met, label: Met, passing: true}\n    - {id: not-yet, label: Not yet}\n"
)

TWO_CREDENTIALS = {OTHER: "title: Feedback in Writing\n", STACK: "credentials: [example, other]\n"}


def ours(result: LintResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code[2] in "34"]


def credential(make_catalog: MakeCatalog, text: str = "", **omit: bool) -> Path:
    root: Path = make_catalog(Example.credential(text, omit=tuple(omit)))
    return root


def test_the_shared_fragments_are_clean(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, EVIDENCE + RUBRIC)
    assert found(lint(root)) == []


# -- MC301 evidence-missing -----------------------------------------------------------


def test_mc301_absent_points_at_the_credential(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, evidence=True)
    result = lint(root)
    # the criteria name parts that do not exist, but MC301 says it all
    assert found(result) == [("MC301", CREDENTIAL, line_of(root, CREDENTIAL, "id: example"))]
    assert one(result, "MC301").message == "the credential `example` has no `evidence` list"


def test_mc301_empty_list_points_at_the_key(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, "evidence: []\n")
    result = lint(root)
    assert found(result) == [("MC301", CREDENTIAL, line_of(root, CREDENTIAL, "evidence: []"))]
    assert (
        one(result, "MC301").message == "the `evidence` list of the credential `example` is empty"
    )


@pytest.mark.parametrize("text", ["evidence:\n", "evidence: overview\n", "evidence: [overview]\n"])
def test_mc301_leaves_unusable_values_to_the_schema(make_catalog: MakeCatalog, text: str) -> None:
    result = lint(credential(make_catalog, text))
    assert [code for code, _, _ in found(result)] == ["MC051"]


# -- MC302 evidence-part-without-prompts ----------------------------------------------


def test_mc302_absent_and_empty_prompts(make_catalog: MakeCatalog) -> None:
    text = EVIDENCE.replace(
        ARTIFACT_PROMPTS,
        "",
    ).replace(
        REFLECTION_PROMPTS,
        "    prompts: []\n",
    )
    root = credential(make_catalog, text)
    result = lint(root)
    assert found(result) == [
        ("MC302", CREDENTIAL, line_of(root, CREDENTIAL, "id: artifacts")),
        ("MC302", CREDENTIAL, line_of(root, CREDENTIAL, "prompts: []")),
    ]
    assert [d.message for d in ours(result)] == [
        "the evidence part `artifacts` has no prompts",
        "the evidence part `reflection` has an empty `prompts` list",
    ]


def test_mc302_names_a_part_without_id_by_position(make_catalog: MakeCatalog) -> None:
    text = EVIDENCE + "  - title: Extra\n    kind: artifact\n"
    result = lint(credential(make_catalog, text))
    (diagnostic,) = only(result, "MC302")
    assert diagnostic.message == "evidence part 4 has no prompts"
    assert sorted(code for code, _, _ in found(result)) == ["MC052", "MC302"]


def test_mc302_leaves_a_wrongly_typed_list_to_the_schema(make_catalog: MakeCatalog) -> None:
    text = EVIDENCE.replace(
        ARTIFACT_PROMPTS,
        "    prompts: Submit three samples.\n",
    )
    assert [code for code, _, _ in found(lint(credential(make_catalog, text)))] == ["MC051"]


# -- MC303 evidence-word-limits --------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("{min: 400, max: 200}", "asks for at least 400 words but at most 200"),
        ("{min: 0, max: 200}", "has the word limit `min: 0`, which is not more than 0"),
        ("{max: -5}", "has the word limit `max: -5`, which is not more than 0"),
        (
            "{min: 0, max: -5}",
            "has the word limits `min: 0` and `max: -5`, which are not more than 0",
        ),
        ("{min: 10, max: 0}", "has the word limit `max: 0`, which is not more than 0"),
    ],
)
def test_mc303_messages_point_at_the_value(
    make_catalog: MakeCatalog, words: str, message: str
) -> None:
    root = credential(make_catalog, EVIDENCE.replace("{min: 200, max: 400}", words))
    result = lint(root)
    diagnostic = one(result, "MC303")
    assert diagnostic.message == "prompt 1 of the evidence part `overview` " + message
    assert (diagnostic.line, diagnostic.column) == (
        line_of(root, CREDENTIAL, words),
        col_of(root, CREDENTIAL, words),
    )
    assert found(result) == [("MC303", CREDENTIAL, diagnostic.line)]


@pytest.mark.parametrize("words", ["{min: 300, max: 300}", "{min: 1}", "{max: 1}", "{}"])
def test_mc303_allows_equal_and_single_limits(make_catalog: MakeCatalog, words: str) -> None:
    root = credential(make_catalog, EVIDENCE.replace("{min: 200, max: 400}", words))
    assert found(lint(root)) == []


def test_mc303_counts_prompts_per_part(make_catalog: MakeCatalog) -> None:
    text = EVIDENCE.replace(
        "      - text: What did students do with the feedback, and what will you change?\n",
        "      - text: What did students do with the feedback?\n"
        "      - text: What will you change?\n"
        "        words: {min: 50, max: 10}\n",
    )
    result = lint(credential(make_catalog, text))
    assert one(result, "MC303").message == (
        "prompt 2 of the evidence part `reflection` asks for at least 50 words but at most 10"
    )


# -- MC304 evidence-duplicate-part ------------------------------------------------------


def test_mc304_reports_each_later_duplicate_with_the_first_line(
    make_catalog: MakeCatalog,
) -> None:
    text = EVIDENCE.replace("id: artifacts", "id: overview").replace(
        "id: reflection", "id: overview"
    )
    root = credential(make_catalog, text)
    result = lint(root)
    first = line_of(root, CREDENTIAL, "id: overview")
    dupes = [d for d in result.diagnostics if d.code == "MC304"]
    assert [(d.line, d.column) for d in dupes] == [
        (
            line_of(root, CREDENTIAL, "id: overview", n),
            col_of(root, CREDENTIAL, "id: overview", n) + 4,
        )
        for n in (2, 3)
    ]
    assert {d.message for d in dupes} == {
        f"the evidence part id `overview` is already used by the part at line {first}"
    }
    # the criteria for `artifacts` and `reflection` now name missing parts
    assert sorted(d.code for d in result.diagnostics) == ["MC304", "MC304", "MC406", "MC406"]


def test_mc304_ignores_parts_without_id(make_catalog: MakeCatalog) -> None:
    text = (
        EVIDENCE
        + "  - title: A\n    prompts: [{text: a}]\n  - title: B\n    prompts: [{text: b}]\n"
    )
    result = lint(credential(make_catalog, text))
    assert sorted(code for code, _, _ in found(result)) == ["MC052", "MC052"]


# -- MC401 rubric-missing --------------------------------------------------------------


def test_mc401_absent_rubric_only(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, rubric=True)
    result = lint(root)
    assert found(result) == [("MC401", CREDENTIAL, line_of(root, CREDENTIAL, "id: example"))]
    assert one(result, "MC401").message == "the credential `example` has no rubric"


def test_mc401_leaves_an_empty_rubric_key_to_the_schema(make_catalog: MakeCatalog) -> None:
    result = lint(credential(make_catalog, "rubric:\n"))
    assert [code for code, _, _ in found(result)] == ["MC051"]


# -- MC402 rubric-scale-and-levels --------------------------------------------------------


def test_mc402_both_points_at_levels(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, "rubric:\n  scale: demonstrated\n" + INLINE_LEVELS + CRITERIA)
    result = lint(root)
    assert found(result) == [("MC402", CREDENTIAL, line_of(root, CREDENTIAL, "  levels:"))]
    assert one(result, "MC402").message == "the rubric has both `scale` and `levels`"


def test_mc402_neither_points_at_rubric_and_lists_scales(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, "rubric:\n" + CRITERIA)
    result = lint(root)
    # descriptors cannot be checked without levels: no MC408
    assert found(result) == [("MC402", CREDENTIAL, line_of(root, CREDENTIAL, "rubric:"))]
    diagnostic = one(result, "MC402")
    assert diagnostic.message == "the rubric has neither `scale` nor `levels`"
    assert "a scale from mcauthor.yaml (`demonstrated`)" in (diagnostic.hint or "")


def test_mc402_inline_levels_alone_are_fine(make_catalog: MakeCatalog) -> None:
    assert found(lint(credential(make_catalog, "rubric:\n" + INLINE_LEVELS + CRITERIA))) == []


def test_mc402_an_invalid_scale_still_counts_as_given(make_catalog: MakeCatalog) -> None:
    result = lint(
        credential(make_catalog, RUBRIC.replace("scale: demonstrated", "scale: Bad Name"))
    )
    assert [code for code, _, _ in found(result)] == ["MC053"]


# -- MC403 rubric-unknown-scale -----------------------------------------------------------


def test_mc403_suggests_a_close_name(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, RUBRIC.replace("scale: demonstrated", "scale: demonstrate"))
    result = lint(root)
    diagnostic = one(result, "MC403")
    assert diagnostic.message == (
        "the rubric uses the scale `demonstrate`, which mcauthor.yaml does not define; "
        "did you mean `demonstrated`?"
    )
    assert diagnostic.hint is not None and "Scales defined in mcauthor.yaml: `demonstrated`." in (
        diagnostic.hint
    )
    assert (diagnostic.line, diagnostic.column) == (
        line_of(root, CREDENTIAL, "scale: demonstrate"),
        col_of(root, CREDENTIAL, "demonstrate"),
    )
    assert found(result) == [("MC403", CREDENTIAL, diagnostic.line)]  # no MC408


def test_mc403_without_a_close_name(make_catalog: MakeCatalog) -> None:
    result = lint(credential(make_catalog, RUBRIC.replace("scale: demonstrated", "scale: stars")))
    assert one(result, "MC403").message == (
        "the rubric uses the scale `stars`, which mcauthor.yaml does not define"
    )


def test_mc403_says_when_no_scale_is_defined(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example(omit={CONFIG: ("scales",)})))
    diagnostic = one(result, "MC403")
    assert diagnostic.hint is not None and diagnostic.hint.startswith(
        "mcauthor.yaml defines no scales"
    )
    assert [code for code, _, _ in found(result)] == ["MC403"]


def test_mc403_not_for_a_scale_that_is_defined_but_invalid(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example(files={CONFIG: "scales:\n  demonstrated: three\n"})))
    assert [(code, path) for code, path, _ in found(result)] == [("MC051", CONFIG)]


# -- MC404 rubric-too-few-levels ----------------------------------------------------------

ONE_LEVEL_SCALE = (
    "scales:\n  demonstrated:\n    - {id: demonstrated, label: Demonstrated, passing: true}\n"
)


def test_mc404_reported_once_at_the_scale_for_two_credentials(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example(files={CONFIG: ONE_LEVEL_SCALE, **TWO_CREDENTIALS}))
    result = lint(root)
    assert [(d.code, d.path, d.line) for d in result.diagnostics if d.code == "MC404"] == [
        ("MC404", CONFIG, line_of(root, CONFIG, "  demonstrated:"))
    ]
    (diagnostic,) = only(result, "MC404")
    assert diagnostic.message == "the scale `demonstrated` has only one level"
    # the descriptors of the missing levels are still reported, per criterion
    assert sorted({d.path for d in result.diagnostics if d.code == "MC408"}) == [CREDENTIAL, OTHER]
    assert not [d for d in result.diagnostics if d.code == "MC405"]


def test_mc404_reports_an_unused_scale(make_catalog: MakeCatalog) -> None:
    config = (
        "scales:\n"
        "  demonstrated:\n"
        "    - {id: demonstrated, label: Demonstrated, passing: true}\n"
        "    - {id: not-met, label: Not met}\n"
        "  empty: []\n"
    )
    text = RUBRIC.replace("        progressing: ", "        x-progressing: ")
    root = make_catalog(Example(files={CONFIG: config, CREDENTIAL: text}))
    result = lint(root)
    assert found(result) == [("MC404", CONFIG, line_of(root, CONFIG, "empty: []"))]
    assert one(result, "MC404").message == "the scale `empty` has no levels"


def test_mc404_inline_levels_at_the_rubric(make_catalog: MakeCatalog) -> None:
    levels = "  levels:\n    - {id: demonstrated, label: Demonstrated}\n"
    root = credential(make_catalog, "rubric:\n" + levels + CRITERIA)
    result = lint(root)
    (diagnostic,) = only(result, "MC404")
    assert (diagnostic.path, diagnostic.line) == (CREDENTIAL, line_of(root, CREDENTIAL, "levels:"))
    assert diagnostic.message == "the rubric lists only one level"
    # one non-passing level: there is also no passing level
    (no_passing,) = only(result, "MC405")
    assert no_passing.message == "no level of the rubric's `levels` is passing"


def test_mc404_counts_a_level_with_an_invalid_id(make_catalog: MakeCatalog) -> None:
    config = (
        "scales:\n"
        "  demonstrated:\n"
        "    - {id: demonstrated, label: Demonstrated, passing: true}\n"
        "    - {id: Not Met, label: Not met}\n"
    )
    text = RUBRIC.replace("        progressing: ", "        x-progressing: ").replace(
        "        not-met: ", "        x-not-met: "
    )
    result = lint(make_catalog(Example(files={CONFIG: config, CREDENTIAL: text})))
    assert [code for code, _, _ in found(result)] == ["MC053"]


# -- MC405 rubric-passing-levels ---------------------------------------------------------


def test_mc405_no_passing_level_reported_once_at_the_scale(make_catalog: MakeCatalog) -> None:
    config = (
        "scales:\n"
        "  demonstrated:\n"
        "    - {id: demonstrated, label: Demonstrated}\n"
        "    - {id: progressing, label: Progressing}\n"
        "    - {id: not-met, label: Not met}\n"
    )
    root = make_catalog(Example(files={CONFIG: config, **TWO_CREDENTIALS}))
    result = lint(root)
    assert found(result) == [("MC405", CONFIG, line_of(root, CONFIG, "  demonstrated:"))]
    assert one(result, "MC405").message == "no level of the scale `demonstrated` is passing"


def test_mc405_every_level_passing_inline(make_catalog: MakeCatalog) -> None:
    levels = INLINE_LEVELS.replace("label: Progressing}", "label: Progressing, passing: true}")
    levels = levels.replace("label: Not met}", "label: Not met, passing: true}")
    root = credential(make_catalog, "rubric:\n" + levels + CRITERIA)
    result = lint(root)
    assert found(result) == [("MC405", CREDENTIAL, line_of(root, CREDENTIAL, "levels:"))]
    assert one(result, "MC405").message == "every level of the rubric's `levels` is passing"


def test_mc405_one_passing_level_is_only_too_few(make_catalog: MakeCatalog) -> None:
    levels = "  levels:\n    - {id: demonstrated, label: Demonstrated, passing: true}\n"
    result = lint(credential(make_catalog, "rubric:\n" + levels + CRITERIA))
    assert sorted({d.code for d in result.diagnostics}) == ["MC404", "MC408"]


def test_mc405_leaves_an_invalid_passing_value_to_the_schema(make_catalog: MakeCatalog) -> None:
    config = (
        "scales:\n"
        "  demonstrated:\n"
        '    - {id: demonstrated, label: Demonstrated, passing: "true"}\n'
        "    - {id: progressing, label: Progressing}\n"
        "    - {id: not-met, label: Not met}\n"
    )
    result = lint(make_catalog(Example(files={CONFIG: config})))
    assert [code for code, _, _ in found(result)] == ["MC051"]


# -- MC406 rubric-unknown-evidence --------------------------------------------------------


def test_mc406_typo_and_missing_key(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace("evidence: artifacts", "evidence: artefacts").replace(
        "      evidence: reflection\n", ""
    )
    root = credential(make_catalog, text)
    result = lint(root)
    # no MC407: the unscored parts are what the broken criteria were meant to score
    assert found(result) == [
        ("MC406", CREDENTIAL, line_of(root, CREDENTIAL, "evidence: artefacts")),
        ("MC406", CREDENTIAL, line_of(root, CREDENTIAL, "id: reflection-depth")),
    ]
    typo, missing = ours(result)
    assert typo.message == (
        "the criterion `feedback-quality` scores the evidence part `artefacts`, "
        "which this credential does not have; did you mean `artifacts`?"
    )
    assert typo.column == col_of(root, CREDENTIAL, "artefacts")
    assert missing.message == (
        "the criterion `reflection-depth` does not say which evidence part it scores"
    )
    assert missing.hint == (
        "Add `evidence:` with the id of the part it scores: `overview`, `artifacts`, `reflection`."
    )


def test_mc406_without_close_match(make_catalog: MakeCatalog) -> None:
    result = lint(credential(make_catalog, RUBRIC.replace("evidence: overview", "evidence: zzz")))
    assert one(result, "MC406").message == (
        "the criterion `context` scores the evidence part `zzz`, "
        "which this credential does not have"
    )


def test_mc406_not_when_the_credential_has_no_evidence(make_catalog: MakeCatalog) -> None:
    result = lint(credential(make_catalog, "evidence: []\n"))
    assert [code for code, _, _ in found(result)] == ["MC301"]


# -- MC407 rubric-unscored-evidence --------------------------------------------------------


def test_mc407_points_at_the_unscored_part(make_catalog: MakeCatalog) -> None:
    text = EVIDENCE + "  - id: lesson-plan\n    prompts:\n      - text: Attach the lesson plan.\n"
    root = credential(make_catalog, text + RUBRIC)
    result = lint(root)
    assert found(result) == [("MC407", CREDENTIAL, line_of(root, CREDENTIAL, "id: lesson-plan"))]
    assert one(result, "MC407").message == (
        "no rubric criterion scores the evidence part `lesson-plan`"
    )


def test_mc407_two_criteria_may_score_one_part(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace("evidence: artifacts", "evidence: overview")
    root = credential(make_catalog, text)
    result = lint(root)
    assert found(result) == [("MC407", CREDENTIAL, line_of(root, CREDENTIAL, "id: artifacts"))]


def test_mc407_not_without_rubric_or_criteria(make_catalog: MakeCatalog) -> None:
    assert [c for c, _, _ in found(lint(credential(make_catalog, rubric=True)))] == ["MC401"]
    result = lint(credential(make_catalog, "rubric:\n  scale: demonstrated\n"))
    assert [c for c, _, _ in found(result)] == ["MC410"]


# -- MC408 rubric-descriptor-mismatch -----------------------------------------------------


def test_mc408_missing_and_unknown_levels_in_one_finding(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace(
        "        demonstrated: The goal and the students are described clearly.\n",
        "        Demonstrated: The goal and the students are described clearly.\n",
    ).replace("        not-met: The goal and the students are not described.\n", "")
    root = credential(make_catalog, text)
    result = lint(root)
    diagnostic = one(result, "MC408")
    assert diagnostic.message == (
        "the criterion `context` does not match the levels of the scale `demonstrated`: "
        "no descriptors for `demonstrated` and `not-met`; "
        "a descriptor for `Demonstrated`, which is not a level"
    )
    assert diagnostic.hint == (
        "Give one descriptor per level of the scale `demonstrated`, keyed by its id: "
        "`demonstrated`, `progressing` and `not-met`. "
        "Level ids are case-sensitive: write `demonstrated`, not `Demonstrated`."
    )
    assert found(result) == [("MC408", CREDENTIAL, line_of(root, CREDENTIAL, "descriptors:"))]


def test_mc408_one_missing_and_a_close_unknown(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace(
        "        not-met: The feedback gives grades or praise only.\n",
        "        not-mett: The feedback gives grades or praise only.\n",
    )
    root = credential(make_catalog, text)
    diagnostic = one(lint(root), "MC408")
    assert diagnostic.message == (
        "the criterion `feedback-quality` does not match the levels of the scale "
        "`demonstrated`: no descriptor for `not-met`; "
        "a descriptor for `not-mett`, which is not a level"
    )
    assert (diagnostic.hint or "").endswith(
        "Rename `not-mett` to `not-met` if that is the level it describes."
    )
    assert diagnostic.line == line_of(root, CREDENTIAL, "descriptors:", 2)


def test_mc408_inline_levels_and_absent_descriptors(make_catalog: MakeCatalog) -> None:
    levels = MET_LEVELS
    criteria = "  criteria:\n    - id: context\n      evidence: overview\n"
    text = EVIDENCE.split("  - id: artifacts")[0] + "rubric:\n" + levels + criteria
    root = credential(make_catalog, text)
    result = lint(root)
    diagnostic = one(result, "MC408")
    assert diagnostic.message == (
        "the criterion `context` does not match the levels of the rubric: "
        "no descriptors for `met` and `not-yet`"
    )
    assert diagnostic.line == line_of(root, CREDENTIAL, "- id: context")
    assert [c for c, _, _ in found(result)] == ["MC408"]


def test_mc408_several_unknown_levels(make_catalog: MakeCatalog) -> None:
    levels = MET_LEVELS
    text = (
        "rubric:\n"
        + levels
        + CRITERIA.replace("not-met:", "not-yet:").replace("demonstrated:", "met:")
    )
    result = lint(credential(make_catalog, text))
    messages = [d.message for d in result.diagnostics if d.code == "MC408"]
    assert messages == [
        f"the criterion `{c}` does not match the levels of the rubric: "
        "a descriptor for `progressing`, which is not a level"
        for c in ("context", "feedback-quality", "reflection-depth")
    ]


def test_mc408_leaves_invalid_descriptors_to_the_schema(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace(
        "        not-met: The goal and the students are not described.\n",
        "        not-met: [The goal, the students]\n",
    )
    assert [c for c, _, _ in found(lint(credential(make_catalog, text)))] == ["MC051"]


def test_mc408_x_keys_are_not_descriptors(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace(
        "        not-met: The goal and the students are not described.\n",
        "        not-met: The goal and the students are not described.\n"
        "        x-reviewer-note: Check the unit plan.\n",
    )
    assert found(lint(credential(make_catalog, text))) == []


# -- MC409 rubric-identical-descriptors ----------------------------------------------------


def test_mc409_compares_normalised_text(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace(
        "progressing: Some samples show feedback that names a next step.",
        "progressing: every  SAMPLE shows feedback that names a next step.",
    )
    root = credential(make_catalog, text)
    result = lint(root)
    diagnostic = one(result, "MC409")
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.message == (
        "the criterion `feedback-quality` has the same descriptor for the levels "
        "`demonstrated` and `progressing`"
    )
    assert diagnostic.line == line_of(root, CREDENTIAL, "every  SAMPLE")
    assert found(result) == [("MC409", CREDENTIAL, diagnostic.line)]


def test_mc409_one_finding_for_three_levels(make_catalog: MakeCatalog) -> None:
    same = "The reflection uses student work to explain the effect."
    text = RUBRIC.replace(
        "progressing: The reflection describes the effect without evidence.",
        f"progressing: {same}",
    ).replace(
        "not-met: The reflection does not address the effect of the feedback.", f"not-met: {same}"
    )
    result = lint(credential(make_catalog, text))
    assert one(result, "MC409").message == (
        "the criterion `reflection-depth` has the same descriptor for the levels "
        "`demonstrated`, `progressing` and `not-met`"
    )


def test_mc409_ignores_empty_descriptors(make_catalog: MakeCatalog) -> None:
    text = RUBRIC.replace(
        "progressing: Some samples show feedback that names a next step.", 'progressing: ""'
    ).replace("not-met: The feedback gives grades or praise only.", 'not-met: "  "')
    assert not [d for d in lint(credential(make_catalog, text)).diagnostics if d.code == "MC409"]


# -- MC410 rubric-no-criteria --------------------------------------------------------------


def test_mc410_absent_and_empty(make_catalog: MakeCatalog) -> None:
    root = credential(make_catalog, "rubric:\n  scale: demonstrated\n")
    result = lint(root)
    assert found(result) == [("MC410", CREDENTIAL, line_of(root, CREDENTIAL, "rubric:"))]
    assert one(result, "MC410").message == "the rubric has no criteria"
    root = credential(make_catalog, "rubric:\n  scale: demonstrated\n  criteria: []\n")
    result = lint(root)
    assert found(result) == [("MC410", CREDENTIAL, line_of(root, CREDENTIAL, "criteria: []"))]
    assert one(result, "MC410").message == "the rubric's `criteria` list is empty"


def test_mc410_leaves_a_wrongly_typed_list_to_the_schema(make_catalog: MakeCatalog) -> None:
    result = lint(credential(make_catalog, "rubric:\n  scale: demonstrated\n  criteria: none\n"))
    assert [c for c, _, _ in found(result)] == ["MC051"]


# -- MC411 rubric-duplicate-id ----------------------------------------------------------------


def test_mc411_scale_levels_once_for_two_credentials(make_catalog: MakeCatalog) -> None:
    config = (
        "scales:\n"
        "  demonstrated:\n"
        "    - {id: demonstrated, label: Demonstrated, passing: true}\n"
        "    - {id: progressing, label: Progressing}\n"
        "    - {id: progressing, label: Nearly there}\n"
        "    - {id: not-met, label: Not met}\n"
    )
    root = make_catalog(Example(files={CONFIG: config, **TWO_CREDENTIALS}))
    result = lint(root)
    first = line_of(root, CONFIG, "id: progressing")
    assert found(result) == [("MC411", CONFIG, line_of(root, CONFIG, "Nearly there"))]
    assert one(result, "MC411").message == (
        f"the level id `progressing` is already used in the scale `demonstrated` (at line {first})"
    )


def test_mc411_inline_levels_and_criteria(make_catalog: MakeCatalog) -> None:
    levels = INLINE_LEVELS + "    - {id: not-met, label: Missing}\n"
    criteria = CRITERIA.replace("id: reflection-depth", "id: context")
    root = credential(make_catalog, "rubric:\n" + levels + criteria)
    result = lint(root)
    assert found(result) == [
        ("MC411", CREDENTIAL, line_of(root, CREDENTIAL, "label: Missing")),
        ("MC411", CREDENTIAL, line_of(root, CREDENTIAL, "id: context", 2)),
    ]
    level, criterion = ours(result)
    assert level.message == (
        "the level id `not-met` is already used in the rubric's levels "
        f"(at line {line_of(root, CREDENTIAL, 'id: not-met')})"
    )
    assert criterion.message == (
        "the criterion id `context` is already used in this rubric "
        f"(at line {line_of(root, CREDENTIAL, 'id: context')})"
    )
    assert criterion.column == col_of(root, CREDENTIAL, "context", 2)


# -- robustness --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "evidence: [{}]\nrubric: {criteria: [{}]}\n",
        "evidence: [{id: a, prompts: [{}]}]\nrubric: {levels: [], criteria: [{id: c}]}\n",
        "evidence: [{id: a, prompts: [{text: t, words: {min: x}}]}]\nrubric: {scale: x-y}\n",
        "rubric: {scale: demonstrated, levels: [{}], criteria: [{descriptors: {a: b}}]}\n",
        "evidence: [null, 3, {id: a}]\nrubric: {criteria: [null, {evidence: a}]}\n",
    ],
)
def test_odd_data_never_breaks_a_rule(make_catalog: MakeCatalog, text: str) -> None:
    result = lint(credential(make_catalog, text))
    assert "MC000" not in [d.code for d in result.diagnostics]
