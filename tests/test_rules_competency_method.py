"""Competency (MC1xx) and method (MC2xx) rules: exact findings on small catalogs, and the
text, DOI, URL and ISBN helpers they rely on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mcauthor.language.reading import analyze
from mcauthor.lint import lint
from mcauthor.rules._text import split_sentences
from mcauthor.rules.base import CREDENTIAL, Example
from mcauthor.rules.mc207_research_bad_locator import doi_problem, isbn_problem, url_problem

from conftest import found, one

MakeCatalog = Callable[..., Path]
LIBRARY = "research/library.yaml"
OTHER = "credentials/other.yaml"

# The base credential's key method without its research list (append one).
METHOD = """\
key_method:
  statement: The educator uses a three-part feedback routine during a unit of study.
  components:
    - title: Name the next step
      body: Give one concrete action and time to act on it.
"""  # key_method at line 8, statement 9, components 10, research (if added) 13

ENTRY = """\
  - key: {key}
    authors: ["Black, P.", "Wiliam, D."]
    year: 1998
    title: Assessment and classroom learning
    doi: 10.1080/0969595980050102
"""


def competency(text: str) -> Example:
    return Example.credential(f"competency: {json.dumps(text)}\n")


# -- text helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The educator designs a task.", 1),
        ("The educator designs a task", 1),
        ("The educator designs tasks, e.g. essays and labs, for students.", 1),
        ("The educator designs tasks, i.e. Essays, for students.", 1),
        ("The educator uses rubrics, exemplars, etc. For each task the educator scores.", 1),
        ("The educator aligns tasks to U.S. Common Core standards.", 1),
        ("The educator meets Dr. Smith to calibrate scores.", 1),
        ("The educator reads J. Dewey with colleagues.", 1),
        ("The educator gives 2.5 hours of feedback a week.", 1),
        ("The educator designs a task. The educator scores it.", 2),
        ("The educator designs a task! Then it is scored?", 2),
        ('The educator says "Revise it." Then students revise.', 2),
        ("The educator designs a task.\nThe educator scores it.\nThe educator reports.", 3),
        ("The educator designs a task. then scores it.", 1),  # no capital: not a new sentence
        ("   ", 0),
    ],
)
def test_split_sentences(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The educator designs", "The educator"),
        ("educator designs", "educator"),
        ("THE TEACHER plans", "THE TEACHER"),
        ("The school leader facilitates", "The school leader"),
        ("School leaders facilitate", "School leaders"),
        ("The special education teacher adapts", "The special education teacher"),
        ("The coach models", "The coach"),
        ("Each participant submits", "Each participant"),
        ("Educators design", "Educators"),
    ],
)
def test_actor_is_found(text: str, actor: str) -> None:
    found = analyze(text).actor
    assert found is not None and text[found.start : found.end] == actor


@pytest.mark.parametrize(
    "text",
    [
        "Designs performance tasks",
        "Students design tasks with the educator",
        "The educator's students design tasks",
        "Giving feedback that the teacher designs",
        "The task that teacher designs",
        "Uses teacher feedback",
        "",
    ],
)
def test_no_actor(text: str) -> None:
    assert analyze(text).actor is None


# -- MC101 competency-missing ----------------------------------------------------------


def test_missing_competency_points_at_the_credential(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential(omit=("competency",))))
    assert found(result) == [("MC101", CREDENTIAL, 2)]
    assert result.diagnostics[0].message == "the credential has no competency"


@pytest.mark.parametrize("value", ["", '"   "', "[]", '["", " "]', "~"])
def test_empty_competency(make_catalog: MakeCatalog, value: str) -> None:
    result = lint(make_catalog(Example.credential(f"competency: {value}\n")))
    assert found(result) == [("MC101", CREDENTIAL, 7)]
    assert result.diagnostics[0].message == "the competency is empty"


# -- MC102 competency-not-single ---------------------------------------------------------


def test_competency_list(make_catalog: MakeCatalog) -> None:
    result = lint(
        make_catalog(
            Example.credential(
                "competency:\n  - The educator designs a task.\n  - The educator scores it.\n"
            )
        )
    )
    assert found(result) == [("MC102", CREDENTIAL, 8)]  # the value: the first item
    assert result.diagnostics[0].message == "the competency is a list of 2 statements"


def test_competency_list_of_one(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential("competency: [The educator designs a task.]\n")))
    assert one(result, "MC102").message == "the competency is written as a list"


def test_competency_mapping(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential("competency:\n  The educator: designs\n")))
    message = one(result, "MC102").message
    assert "mapping" in message
    assert result.diagnostics[0].line == 8


@pytest.mark.parametrize(
    ("text", "sentences", "codes"),
    [
        # A second sentence of the actor's that adds a skill is also a compound (MC103).
        (
            "The educator designs a task. The educator scores it with colleagues.",
            2,
            ["MC102", "MC103"],
        ),
        (
            "The educator designs a task! Students complete it? Colleagues score it.",
            3,
            ["MC102"],
        ),
    ],
)
def test_several_sentences(
    make_catalog: MakeCatalog, text: str, sentences: int, codes: list[str]
) -> None:
    result = lint(make_catalog(competency(text)))
    assert found(result) == [(code, CREDENTIAL, 7) for code in codes]
    assert result.diagnostics[0].message == f"the competency has {sentences} sentences"


@pytest.mark.parametrize(
    "text",
    [
        "The educator gives feedback, e.g. comments, to students in the U.S. Virgin Islands.",
        "The educator gives feedback on work worth 2.5 points, as Dr. Wiliam describes.",
        "The educator gives students feedback (oral, written, etc.) that names the next step.",
    ],
)
def test_abbreviations_and_decimals_are_one_sentence(make_catalog: MakeCatalog, text: str) -> None:
    assert found(lint(make_catalog(competency(text)))) == []


# -- MC103 competency-compound -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("The educator designs a performance task and scores it.", "`and scores it`"),
        ("The educator analyzes student work; plans next steps.", "`; plans next steps`"),
        ("The educator analyzes scores and plans the next unit.", "`and plans the next unit`"),
        ("The educator calibrates scores as well as facilitates a protocol.", "`and facilitates"),
        ("The educator gives feedback and also reflects with students.", "`and also reflects"),
        ("The educator gives feedback and consistently revises tasks.", "`and consistently"),
        (
            "Educators identify key elements of trauma-informed pedagogy and design a "
            "healing-centered environment.",
            "`and design a healing-centered environment`",
        ),
        (
            "The educator will plan a lesson with colleagues, and will reflect on how it "
            "shapes their teaching.",
            "`and will reflect on how it`",
        ),
        (
            "Educators will analyze the drivers of emissions and take action to reduce them.",
            "`and take action to reduce`",
        ),
        # The clause's subject takes "relates", so the bare "develop" is the educators'.
        (
            "Educators explain how the English language relates to spelling and develop a "
            "phonics lesson plan.",
            "`and develop a phonics lesson`",
        ),
    ],
)
def test_compound_competency(make_catalog: MakeCatalog, text: str, joined: str) -> None:
    result = lint(make_catalog(competency(text)))
    assert found(result) == [("MC103", CREDENTIAL, 7)]
    assert joined in result.diagnostics[0].message


def test_compound_lists_every_joined_skill_once(make_catalog: MakeCatalog) -> None:
    text = "The educator designs a task, administers it and scores it; reports the results."
    message = one(lint(make_catalog(competency(text))), "MC103").message
    assert message == (
        "the competency joins more skills with `administers it`, `and scores it`, "
        "`; reports the results`"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The educator designs performance tasks and rubrics for a unit.",
        "The educator develops habits and dispositions in students.",
        "The educator analyzes scores and plans.",  # "plans" could be a noun: not sure
        "The educator uses data and models to predict outcomes.",
        "The educator selects a strategy that engages students and supports their learning.",
        "The educator designs a task so that students apply and transfer the standards.",
        "The educator designs a task that measures standards and yields evidence.",
        "The educator gives feedback to students and families.",
        "The educator calibrates scores with colleagues until their scores agree.",
        # Verbs on one object are stages of one practice; doublets name one practice.
        "The educator designs and scores a performance task.",
        "The educator designs or selects a performance task.",
        "Teacher leader develops and fosters a growth-oriented feedback routine.",
        "Educator models and supports students to use affective language.",
        "The educator will identify, implement, and analyze co-teaching models.",
        # The last item of a list of nouns, not a verb: "word learning strategies".
        "Educators will use phonics routines, spelling patterns, and word learning strategies.",
        # The verbs of a purpose or of a means are not the actor's skills.
        "Educator uses data to monitor student progress and adjust instruction.",
        "The educator plans a unit by selecting texts and designing tasks.",
    ],
)
def test_not_compound(make_catalog: MakeCatalog, text: str) -> None:
    assert found(lint(make_catalog(competency(text)))) == []


# -- MC104 competency-no-actor ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("Designs performance tasks that measure standards.", "Designs performance tasks"),
        ("Students receive descriptive feedback.", "Students receive descriptive"),
        ("I can give descriptive feedback.", "I can give"),
    ],
)
def test_no_actor_rule(make_catalog: MakeCatalog, text: str, opening: str) -> None:
    result = lint(make_catalog(competency(text)))
    assert found(result) == [("MC104", CREDENTIAL, 7)]
    diagnostic = result.diagnostics[0]
    assert diagnostic.message == (
        f"the competency does not start with who acts (it starts with `{opening}`)"
    )
    assert diagnostic.hint == (
        "Start with who acts, like `The educator designs ...` or `Educators design ...`."
    )
    assert diagnostic.column == 13  # the value


@pytest.mark.parametrize(
    "text",
    [
        "the teacher gives descriptive feedback.",
        "Educator gives descriptive feedback.",
        "The instructional coach models descriptive feedback.",
        "The school leader facilitates a feedback protocol.",
        "The participant gives descriptive feedback.",
    ],
)
def test_actor_accepted(make_catalog: MakeCatalog, text: str) -> None:
    assert found(lint(make_catalog(competency(text)))) == []


def test_list_competency_only_reports_the_list(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential("competency: [Understands feedback]\n")))
    assert [d.code for d in result.diagnostics] == ["MC102"]


# -- MC105 competency-unobservable -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The educator understands how feedback moves learning forward.", "`understands`"),
        ("The educator knows the learning goals of the unit.", "`knows`"),
        ("The educator deeply appreciates student voice.", "`deeply appreciates`"),
        ("The educator is aware of bias in scoring.", "`is aware`"),
        ("The educator is familiar with the rubric.", "`is familiar`"),
        ("The educator values student voice.", "`values`"),
        ("The educator recognises misconceptions in student work.", "`recognises`"),
        ("Teachers can recognize misconceptions in student work.", "`can recognize`"),
        ("The educator believes all students can learn.", "`believes`"),
        ("The educator has a deep understanding of rubrics.", "`has a deep understanding`"),
        ("The educator learns from student responses.", "`learns`"),
        ("Educators will learn about restorative practices.", "`will learn about`"),
        ("The educator will explore the use of co-teaching.", "`will explore`"),
        (
            "Educators will demonstrate their understanding of learner variability.",
            "`will demonstrate their understanding`",
        ),
        ("Teacher leader develops and fosters a growth mindset.", "`fosters a growth mindset`"),
        ("The educator is able to understand student perspectives.", "`is able to understand`"),
        (
            "The educator will demonstrate the ability to understand the perspective of others.",
            "`will demonstrate the ability to understand`",
        ),
        ("The educator exemplifies respect for all stakeholders.", "`exemplifies respect`"),
        (
            "Educators will provide evidence of their understanding of the standards.",
            "`will provide evidence of their understanding`",
        ),
        ("The educator has a strong foundation in phonics.", "`has a strong foundation`"),
        ("Teachers gain insight into how students use technology.", "`gain insight`"),
        (
            "Participants engage in professional learning about coaching cycles.",
            "`engage in professional learning about`",
        ),
        ("Educators will be introduced to project-based learning.", "`will be introduced`"),
    ],
)
def test_unobservable(make_catalog: MakeCatalog, text: str, word: str) -> None:
    result = lint(make_catalog(competency(text)))
    assert found(result) == [("MC105", CREDENTIAL, 7)]
    assert result.diagnostics[0].message == (
        f"the competency uses {word}, which a reviewer cannot observe"
    )


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # Another verb makes the educator know: "help", "prepare", "allow".
        ("This course will help educators understand universal design.", "`understand`"),
        ("The course prepares participants to recognize signs of trauma.", "`recognize`"),
        ("Activities allow you to build the skills of facilitation.", "`build the skills`"),
        # The credential says it stands for knowledge.
        ("This badge signifies knowledge of early literacy.", "`signifies knowledge of`"),
        (
            "The micro-credential reflects the educator's understanding of restorative practices.",
            "`reflects the educator's understanding of`",
        ),
        (
            "This micro-credential means that our educators have a foundation in phonics.",
            "`have a foundation`",
        ),
    ],
)
def test_unobservable_without_actor(make_catalog: MakeCatalog, text: str, word: str) -> None:
    result = lint(make_catalog(competency(text)))
    messages = {d.code: d.message for d in result.diagnostics}
    assert list(messages) == ["MC104", "MC105"]
    assert messages["MC105"] == f"the competency uses {word}, which a reviewer cannot observe"


def test_unobservable_lists_each_word(make_catalog: MakeCatalog) -> None:
    text = "The educator knows and values the goals of the unit."
    message = one(lint(make_catalog(competency(text))), "MC105").message
    assert message == "the competency uses `knows` and `values`, which a reviewer cannot observe"


@pytest.mark.parametrize(
    "text",
    [
        "The educator gives feedback so that students understand the next step.",
        "The educator designs tasks that students know how to start.",
        "The educator respects the cultures and values of families.",
        "The educator designs tasks that reflect community values.",
        "The educator builds students' understanding of the goal.",
        "The educator gives feedback that each student recognizes as fair.",
        "The educator applies an understanding of adult learning theory to address a need.",
        "The educator demonstrates an understanding and application of the principles.",
        "Educator checks for understanding throughout lessons.",
        "Educator facilitates learners' understanding of language proficiency.",
        "The educator builds a foundation for students' reading.",
        "The educator provides evidence of students' understanding of the goal.",
        "The educator engages in inquiry with colleagues.",
        "The educator completes a lesson plan for the unit.",
        "Educators will demonstrate proficiency in the use of rubrics.",
    ],
)
def test_observable(make_catalog: MakeCatalog, text: str) -> None:
    assert found(lint(make_catalog(competency(text)))) == []


# -- MC201, MC202, MC203: the key method ---------------------------------------------------------


def test_method_without_research_key(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential(METHOD + "research: []\n")))
    assert found(result) == [("MC201", CREDENTIAL, 8)]
    assert result.diagnostics[0].message == "the key method cites no research"


def test_method_with_empty_research_list(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential(METHOD + "  research: []\nresearch: []\n")))
    assert found(result) == [("MC201", CREDENTIAL, 13)]


def test_method_research_of_the_wrong_type_is_the_schema_step_s(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential(METHOD + "  research:\nresearch: []\n")))
    assert [d.code for d in result.diagnostics] == ["MC051"]


def test_invalid_research_keys_are_reported_once(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential(METHOD + "  research: [bad key]\n")))
    assert [d.code for d in result.diagnostics] == ["MC053"]  # no MC201, MC204 or MC208


def test_no_key_method(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential(omit=("key_method",))))
    # only MC202: no MC201/MC203 on top, and the own research is not "uncited" noise
    assert found(result) == [("MC202", CREDENTIAL, 2)]
    assert result.diagnostics[0].message == "the credential has no key method"


def test_key_method_of_the_wrong_type(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential("key_method: use feedback\n")))
    assert [d.code for d in result.diagnostics] == ["MC051"]


def test_no_statement(make_catalog: MakeCatalog) -> None:
    text = METHOD.replace(
        "  statement: The educator uses a three-part feedback routine during a unit of study.\n",
        "",
    )
    result = lint(make_catalog(Example.credential(text + "  research: [black-wiliam-1998]\n")))
    assert found(result) == [("MC202", CREDENTIAL, 8)]
    assert result.diagnostics[0].message == "the key method has no statement"


@pytest.mark.parametrize("statement", ["", '"  "'])
def test_empty_statement(make_catalog: MakeCatalog, statement: str) -> None:
    text = METHOD.replace(
        "The educator uses a three-part feedback routine during a unit of study.", statement
    )
    result = lint(make_catalog(Example.credential(text + "  research: [black-wiliam-1998]\n")))
    assert found(result) == [("MC202", CREDENTIAL, 9)]
    assert result.diagnostics[0].message == "the key method statement is empty"


def test_no_components(make_catalog: MakeCatalog) -> None:
    result = lint(
        make_catalog(
            Example.credential(
                "key_method:\n  statement: The educator uses a routine.\n"
                "  research: [black-wiliam-1998]\n"
            )
        )
    )
    assert found(result) == [("MC203", CREDENTIAL, 8)]


def test_empty_components(make_catalog: MakeCatalog) -> None:
    result = lint(
        make_catalog(
            Example.credential(
                "key_method:\n  statement: The educator uses a routine.\n  components: []\n"
                "  research: [black-wiliam-1998]\n"
            )
        )
    )
    assert found(result) == [("MC203", CREDENTIAL, 10)]
    assert result.diagnostics[0].message == "the key method has no components"


# -- MC204 research-key-unresolved -----------------------------------------------------------------


def test_unresolved_key_suggests_a_close_one(make_catalog: MakeCatalog) -> None:
    result = lint(
        make_catalog(
            Example.credential(METHOD + "  research: [black-wiliam-1998, black-william-1998]\n")
        )
    )
    assert found(result) == [("MC204", CREDENTIAL, 13)]
    diagnostic = result.diagnostics[0]
    assert diagnostic.column == 33  # the second key
    assert diagnostic.message == (
        "the research key `black-william-1998` matches no research entry; "
        "did you mean `black-wiliam-1998`?"
    )


def test_unresolved_key_without_a_close_one(make_catalog: MakeCatalog) -> None:
    result = lint(make_catalog(Example.credential(METHOD + "  research: [zzz]\nresearch: []\n")))
    assert one(result, "MC204").message == "the research key `zzz` matches no research entry"


def test_key_resolves_in_the_library(make_catalog: MakeCatalog) -> None:
    example = Example(
        files={CREDENTIAL: METHOD + "  research: [hattie-2007]\nresearch: []\n"},
        whole={LIBRARY: ENTRY.format(key="hattie-2007").replace("\n  ", "\n")[2:]},
    )
    assert found(lint(make_catalog(example))) == []


def test_library_key_suggested(make_catalog: MakeCatalog) -> None:
    example = Example(
        files={CREDENTIAL: METHOD + "  research: [hattie-2070]\nresearch: []\n"},
        whole={
            LIBRARY: "- key: hattie-2007\n  authors: [a]\n  year: 2007\n  title: t\n"
            "  url: https://example.org\n"
        },
    )
    result = lint(make_catalog(example))
    assert found(result) == [("MC204", CREDENTIAL, 13), ("MC208", LIBRARY, 1)]
    assert result.diagnostics[0].message.endswith("did you mean `hattie-2007`?")


def test_other_credentials_research_does_not_resolve(make_catalog: MakeCatalog) -> None:
    other = METHOD + "  research: [only-mine]\n" + "research:\n" + ENTRY.format(key="only-mine")
    mine = METHOD + "  research: [only-mine]\nresearch: []\n"
    example = Example(
        files={
            CREDENTIAL: mine,
            OTHER: other,
            "stacks/example-stack.yaml": "credentials: [example, other]\n",
        }
    )
    assert found(lint(make_catalog(example))) == [("MC204", CREDENTIAL, 13)]


# -- MC205 research-incomplete, MC206 research-without-locator -----------------------------------


def test_incomplete_entry_names_what_is_missing(make_catalog: MakeCatalog) -> None:
    result = lint(
        make_catalog(
            Example.credential(
                "research:\n  - key: black-wiliam-1998\n    title: Assessment\n"
                "    doi: 10.1080/0969595980050102\n"
            )
        )
    )
    assert found(result) == [("MC205", CREDENTIAL, 19)]
    assert result.diagnostics[0].message == (
        "the research entry `black-wiliam-1998` has no authors or year"
    )
    assert result.diagnostics[0].hint == (
        "Add `authors` and `year` so that readers can find the source and judge it. "
        "When an organisation wrote it, its name is the author: "
        '`authors: ["National Science Board"]`.'
    )


def test_blank_title_counts_as_missing(make_catalog: MakeCatalog) -> None:
    entry = ENTRY.format(key="black-wiliam-1998").replace(
        "title: Assessment and classroom learning", 'title: "  "'
    )
    result = lint(make_catalog(Example.credential("research:\n" + entry)))
    assert one(result, "MC205").message == "the research entry `black-wiliam-1998` has no title"


def test_invalid_year_is_not_also_missing(make_catalog: MakeCatalog) -> None:
    entry = ENTRY.format(key="black-wiliam-1998").replace("year: 1998", "year: soon")
    result = lint(make_catalog(Example.credential("research:\n" + entry)))
    assert [d.code for d in result.diagnostics] == ["MC051"]


def test_library_entries_are_checked_once(make_catalog: MakeCatalog) -> None:
    library = "- key: lib-entry\n  title: A book\n"
    cited = METHOD + "  research: [black-wiliam-1998, lib-entry]\n"
    example = Example(
        files={
            CREDENTIAL: cited,
            OTHER: cited,
            "stacks/example-stack.yaml": "credentials: [example, other]\n",
        },
        whole={LIBRARY: library},
    )
    result = lint(make_catalog(example))
    assert found(result) == [("MC205", LIBRARY, 1), ("MC206", LIBRARY, 1)]
    assert result.diagnostics[0].message == "the research entry `lib-entry` has no authors or year"
    assert result.diagnostics[1].message == "the research entry `lib-entry` has no doi, url or isbn"


def test_no_locator(make_catalog: MakeCatalog) -> None:
    entry = ENTRY.format(key="black-wiliam-1998").replace("    doi: 10.1080/0969595980050102\n", "")
    result = lint(make_catalog(Example.credential("research:\n" + entry)))
    assert found(result) == [("MC206", CREDENTIAL, 19)]


@pytest.mark.parametrize("locator", ["url: https://example.org/paper", "isbn: 0-306-40615-2"])
def test_any_locator_is_enough(make_catalog: MakeCatalog, locator: str) -> None:
    entry = ENTRY.format(key="black-wiliam-1998").replace("doi: 10.1080/0969595980050102", locator)
    assert found(lint(make_catalog(Example.credential("research:\n" + entry)))) == []


# -- MC207 research-bad-locator -----------------------------------------------------------------


@pytest.mark.parametrize(
    "isbn",
    [
        "0-306-40615-2",
        "0306406152",
        "080442957X",
        "0-8044-2957-x",
        "978-0-306-40615-7",
        "978 0 306 40615 7",
        "9780306406157",
        "ISBN 978-1-4166-1507-1",
        "ISBN-10: 0-306-40615-2",
        "979-10-90636-07-1",
    ],
)
def test_good_isbn(isbn: str) -> None:
    assert isbn_problem(isbn) is None


@pytest.mark.parametrize(
    ("isbn", "problem"),
    [
        ("0-306-40615-3", "wrong check digit"),
        ("978-0-306-40615-8", "wrong check digit"),
        ("978-1-4166-1507-2", "wrong check digit"),
        ("977-0-306-40615-7", "978 or 979"),
        ("12345", "has 5 digits"),
        ("97803064061X7", "other than digits"),
        ("978030640615X", "only an ISBN-10"),
        ("0-306-4O615-2", "other than digits"),  # a letter O
    ],
)
def test_bad_isbn(isbn: str, problem: str) -> None:
    assert problem in (isbn_problem(isbn) or "")


@pytest.mark.parametrize(
    "doi",
    [
        "10.1080/0969595980050102",
        "10.3102/0013189X020008015",
        "https://doi.org/10.1080/0969595980050102",
        "http://dx.doi.org/10.1000/182",
        "doi:10.1000/182",
        "DOI: 10.1000/182",
        "10.1000.10/abc(1)",
    ],
)
def test_good_doi(doi: str) -> None:
    assert doi_problem(doi) is None


@pytest.mark.parametrize(
    ("doi", "problem"),
    [
        ("1080/0969595980050102", "does not start with `10.`"),
        ("10.1080", "no `/`"),
        ("10.12/abc", "4 to 9 digits"),
        ("10.1080/ab cd", "spaces"),
        ("10.1080/", "nothing after"),
        ("https://example.org/10.1080/x", "does not start with `10.`"),
    ],
)
def test_bad_doi(doi: str, problem: str) -> None:
    assert problem in (doi_problem(doi) or "")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=c#d",
        "http://localhost:8000/x",
        "HTTPS://EXAMPLE.ORG",
        "https://münchen.de/",
        "http://[::1]/x",
    ],
)
def test_good_url(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("www.example.org", "does not start with `https://`"),
        ("example.org/paper", "does not start with `https://`"),
        ("ftp://example.org", "starts with `ftp:`"),
        ("https:/example.org", "does not have `//`"),
        ("https://", "no host"),
        ("https://exa mple.org", "spaces"),
        ("http://[::1", "cannot be read"),
        ("https://-bad-.org", "invalid host"),
    ],
)
def test_bad_url(url: str, problem: str) -> None:
    assert problem in (url_problem(url) or "")


def test_bad_locators_point_at_each_value(make_catalog: MakeCatalog) -> None:
    entry = ENTRY.format(key="black-wiliam-1998").replace(
        "doi: 10.1080/0969595980050102",
        "doi: 1080/0969595980050102\n    url: www.example.org\n    isbn: 978-1-4166-1507-2",
    )
    result = lint(make_catalog(Example.credential("research:\n" + entry)))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("MC207", 23, 10),
        ("MC207", 24, 10),
        ("MC207", 25, 11),
    ]
    assert result.diagnostics[0].message == (
        "the DOI `1080/0969595980050102` of the research entry `black-wiliam-1998` "
        "does not start with `10.`"
    )


def test_doi_with_resolver_prefix_is_accepted(make_catalog: MakeCatalog) -> None:
    entry = ENTRY.format(key="black-wiliam-1998").replace(
        "doi: 10.1080", "doi: https://doi.org/10.1080"
    )
    assert found(lint(make_catalog(Example.credential("research:\n" + entry)))) == []


# -- MC208 research-uncited ---------------------------------------------------------------------


def test_own_entry_not_cited(make_catalog: MakeCatalog) -> None:
    research = "research:\n" + ENTRY.format(key="black-wiliam-1998") + ENTRY.format(key="extra")
    result = lint(make_catalog(Example.credential(research)))
    assert found(result) == [("MC208", CREDENTIAL, 24)]
    diagnostic = result.diagnostics[0]
    assert diagnostic.message == "the research entry `extra` is not cited by the key method"
    assert diagnostic.severity.value == "info"


def test_library_entry_cited_by_one_credential_is_cited(make_catalog: MakeCatalog) -> None:
    library = (
        "- key: cited\n  authors: [a]\n  year: 2000\n  title: t\n  url: https://example.org\n"
        "- key: unused\n  authors: [a]\n  year: 2000\n  title: t\n  url: https://example.org\n"
    )
    example = Example(
        files={
            OTHER: METHOD + "  research: [black-wiliam-1998, cited]\n",
            "stacks/example-stack.yaml": "credentials: [example, other]\n",
        },
        whole={LIBRARY: library},
    )
    result = lint(make_catalog(example))
    assert found(result) == [("MC208", LIBRARY, 6)]
    assert (
        result.diagnostics[0].message
        == "the research entry `unused` is not cited by any credential"
    )


# -- MC209 research-duplicate-key -----------------------------------------------------------


def test_duplicate_key_in_a_credential(make_catalog: MakeCatalog) -> None:
    research = "research:\n" + ENTRY.format(key="black-wiliam-1998") * 2
    result = lint(make_catalog(Example.credential(research)))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("MC209", 24, 10)]
    assert result.diagnostics[0].message == (
        "the research key `black-wiliam-1998` is used twice in this credential; "
        "the first is at line 19"
    )


def test_duplicate_key_in_credential_and_library(make_catalog: MakeCatalog) -> None:
    example = Example(
        whole={
            LIBRARY: "# shared\n" + ENTRY.format(key="black-wiliam-1998").replace("\n  ", "\n")[2:]
        }
    )
    result = lint(make_catalog(example))
    # reported at the credential's entry, which hides the library's; the library's entry
    # counts as cited, since a key method cites its key
    assert found(result) == [("MC209", CREDENTIAL, 19)]
    assert result.diagnostics[0].message == (
        "the research key `black-wiliam-1998` is also in the research library "
        f"({LIBRARY} line 2); this entry hides it"
    )


def test_duplicate_key_across_library_files(make_catalog: MakeCatalog) -> None:
    entry = "- key: shared\n  authors: [a]\n  year: 2000\n  title: t\n  url: https://example.org\n"
    example = Example(
        files={CREDENTIAL: METHOD + "  research: [black-wiliam-1998, shared]\n"},
        whole={"research/a.yaml": entry, "research/b.yaml": entry},
    )
    result = lint(make_catalog(example))
    assert found(result) == [("MC209", "research/b.yaml", 1)]
    assert result.diagnostics[0].message == (
        "the research key `shared` is used twice in the research library; "
        "the first is at research/a.yaml line 1"
    )


def test_duplicate_key_in_each_of_two_credentials_is_fine(make_catalog: MakeCatalog) -> None:
    example = Example(
        files={
            OTHER: "title: Other\n",
            "stacks/example-stack.yaml": "credentials: [example, other]\n",
        }
    )
    assert found(lint(make_catalog(example))) == []
