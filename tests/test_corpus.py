"""The competency rules against real statements: tests/corpus/statements.yaml.

Every statement there is quoted from a published educator micro-credential, with its
source, and with the verdict of each rule decided by reading it. This test runs the
rules' own judgements (the functions their checks call) on every statement and asserts
every verdict: a statement the rules get wrong must be listed in KNOWN_MISSES with why,
so that any change in what the rules say on real text shows up here. It also measures
precision and recall per rule, separately on the part the rules were tuned on and on the
held-out part (statements the rules were never tuned on), and asserts the goals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from mcauthor.rules.mc103_competency_compound import extra_skills
from mcauthor.rules.mc104_competency_no_actor import has_actor
from mcauthor.rules.mc105_competency_unobservable import unobservable
from mcauthor.rules.mc210_method_unrelated import unrelated

CORPUS = Path(__file__).parent / "corpus" / "statements.yaml"
STATEMENTS: list[dict[str, object]] = yaml.safe_load(CORPUS.read_text("utf-8"))
COMPETENCIES = [s for s in STATEMENTS if s["kind"] == "competency"]

# Each rule's finding as a yes/no: MC104 reports a statement *without* an actor.
FINDS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "compound": ("MC103", lambda text: bool(extra_skills(text))),
    "unobservable": ("MC105", lambda text: bool(unobservable(text))),
    "actor": ("MC104", lambda text: not has_actor(text)),
}

# Where the rules disagree with the reading, and why (statement id -> rule -> reason).
KNOWN_MISSES: dict[str, dict[str, str]] = {
    "nea-wea2-climate-learn-share": {
        "unobservable": "the source's typo 'willl earn about' hides 'will learn about'",
    },
    "eln-communication-standards-eo4": {
        "compound": "the second skill ('and demonstrates approachability') follows a "
        "that-clause and has no actor to agree with, so it reads as part of the clause",
    },
    "cc-media-literacy-reverse-image": {
        "unobservable": "'learns more about an image' is investigating with a tool here, "
        "not a learning activity; the rule reads 'learn about' as learning",
    },
    # From the fifth batch: what the changes made for it did not reach.
    "stl-focusing-on-student-learning": {
        "compound": "the second sentence restates the practice (running the inquiry "
        "cycles); a further sentence's verb counts as another skill",
    },
    "geeo-tech-adds-value": {
        "compound": "'and adds value' belongs to the how-clause (technology adds value), "
        "but a singular actor's third-person verb after 'and' reads as the educator's",
        "unobservable": "'is able to infer how' is understanding; 'infer' is not among "
        "the knowing verbs (an educator's inferences from data are observable analysis)",
    },
    "iccsd-crt-uncover-assumptions": {
        "unobservable": "uncovering one's own assumptions is self-awareness, which the "
        "rule does not list",
    },
    "iccsd-crt-sociopolitical-position": {
        "unobservable": "acknowledging one's own position is self-awareness; 'acknowledge' "
        "is also an observable act towards others, so it is not a knowing verb",
    },
    "dp-seeking-well-being": {
        "unobservable": "the object 'one's physical, mental, and spiritual well-being' is "
        "read up to its first comma, before 'well-being'",
    },
    # From the sixth batch, tuned on after its first run: what the changes did not reach.
    "hvcc-ec-human-development": {
        "compound": "'identify the stages ... and discuss developmental milestones' are two "
        "verbs on different objects, though both are about one topic",
    },
    "ul-language-fundamentals": {
        "unobservable": "a title after a dash, 'Understanding the Role of ...', is not read "
        "as a statement",
    },
    "excel-eeel-empowering": {
        "actor": "'English Learners' are the students here, but 'learner' names the actor "
        "in other statements",
    },
    # The seventh batch is held out: its misses stay until a rule changes for a reason of
    # its own, and a later unseen batch then says whether the change generalises.
    "aiu8-sor-reading-brain": {
        "compound": "the learning activities 'explore ..., explore ..., and identify ...' "
        "are on different objects, though they are facets of one topic",
    },
    "ieece-decision-making": {
        "compound": "a list of skill areas with no verb; the rules read skills from verbs",
        "unobservable": "'Core knowledge and skills in' has no verb; only a credential that "
        "'represents' knowledge is read without one",
    },
    "ieece-awareness-balance": {
        "unobservable": "'Knowledge and understanding of' has no verb; only a credential "
        "that 'represents' knowledge is read without one",
    },
    "ieece-lesson-planning": {
        "unobservable": "'Foundational knowledge and strategies in' has no verb; only a "
        "credential that 'represents' knowledge is read without one",
    },
}

# Which splits make each part: later batches were measured once as held-out parts
# (held-out-runs.yaml) and then tuned on.
PARTS = {
    "tuning": ("tune", "tune-2", "tune-3", "tune-4", "tune-5", "tune-6"),
    "held-out": ("held-out", "held-out-7"),
}
RUNS = yaml.safe_load((CORPUS.parent / "held-out-runs.yaml").read_text("utf-8"))

PRECISION, RECALL = 0.9, 0.85


def expected_finding(statement: dict[str, object], rule: str) -> bool:
    value = bool(statement["expected"][rule]["value"])  # type: ignore[index]
    return not value if rule == "actor" else value


@pytest.mark.parametrize("statement", COMPETENCIES, ids=[str(s["id"]) for s in COMPETENCIES])
def test_every_verdict(statement: dict[str, object]) -> None:
    misses = KNOWN_MISSES.get(str(statement["id"]), {})
    for rule, (_, finds) in FINDS.items():
        got = finds(str(statement["text"]))
        wanted = expected_finding(statement, rule)
        if rule in misses:
            assert got != wanted, f"{rule}: now right; remove it from KNOWN_MISSES"
        else:
            why = statement["expected"][rule]["why"]  # type: ignore[index]
            assert got == wanted, f"{rule}: expected {wanted} ({why})"


BY_ID = {str(s["id"]): s for s in STATEMENTS}
PAIRS = [s for s in STATEMENTS if s["kind"] == "method" and "expected" in s]


def method_unrelated(method: dict[str, object]) -> bool:
    """MC210's verdict on a key method beside its competency and the credential's title."""
    competency = BY_ID[str(method["pair"])]
    return unrelated(str(competency["text"]), str(competency["credential"]), [str(method["text"])])


@pytest.mark.parametrize("method", PAIRS, ids=[str(s["id"]) for s in PAIRS])
def test_every_method_verdict(method: dict[str, object]) -> None:
    expected = method["expected"]["unrelated"]  # type: ignore[index]
    assert method_unrelated(method) == expected["value"], expected["why"]


def test_the_method_rule_has_no_false_positive_on_real_pairs() -> None:
    wrongly = [
        s["id"] for s in PAIRS if method_unrelated(s) and not s["expected"]["unrelated"]["value"]
    ]  # type: ignore[index]
    assert wrongly == []
    assert len(PAIRS) >= 30


def test_the_corpus_is_real_and_large_enough() -> None:
    methods = [s for s in STATEMENTS if s["kind"] == "method"]
    assert len(COMPETENCIES) >= 80 and len(methods) >= 30
    assert sum(1 for s in STATEMENTS if s["split"] == "held-out") >= 20
    assert {s["split"] for s in STATEMENTS} == {x for part in PARTS.values() for x in part}
    assert len({s["issuer"] for s in STATEMENTS}) >= 7
    assert all(str(s["source"]).startswith(("http://", "https://")) for s in STATEMENTS)
    ids = [s["id"] for s in STATEMENTS]
    assert len(ids) == len(set(ids))


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(rule: str, part: str) -> Score:
    """The rule's figures on a part (several batches)."""
    return _score(rule, PARTS[part])


def score_split(rule: str, split: str) -> Score:
    """The rule's figures on one batch."""
    return _score(rule, (split,))


def _score(rule: str, splits: tuple[str, ...]) -> Score:
    finds = FINDS[rule][1]
    tp = fp = fn = tn = 0
    for statement in COMPETENCIES:
        if statement["split"] not in splits:
            continue
        got, wanted = finds(str(statement["text"])), expected_finding(statement, rule)
        tp += got and wanted
        fp += got and not wanted
        fn += wanted and not got
        tn += not got and not wanted
    return Score(tp, fp, fn, tn)


@pytest.mark.parametrize("rule", FINDS)
def test_precision_and_recall_on_the_tuning_part(rule: str) -> None:
    result = score(rule, "tuning")
    assert result.precision >= PRECISION, result
    assert result.recall >= RECALL, result


def test_the_held_out_figures_are_as_recorded() -> None:
    """The held-out batches are never tuned on: a general change may move their figures,
    but only for the better (no more wrong findings, no more misses than their first run;
    docs/rules.md reports both)."""
    for split in PARTS["held-out"]:
        (first,) = [run for run in RUNS if run["part"] == split]
        for rule in FINDS:
            now = score_split(rule, split)
            was = first[rule]
            assert now.fp <= was["wrongly_found"], (split, rule)
            assert now.fn <= was["missed"], (split, rule)


def corpus_table() -> str:
    """Precision and recall per rule and part, as docs/rules.md reports them."""
    rows = _header("part")
    for rule, (code, _) in FINDS.items():
        for part in PARTS:
            rows.append(_row(code, part, score(rule, part)))
    return "\n".join(rows)


def first_runs_table() -> str:
    """Each held-out batch's first run, before any rule was changed for it."""
    rows = _header("batch")
    for rule, (code, _) in FINDS.items():
        for run in RUNS:
            c = run[rule]
            rows.append(
                _row(
                    code,
                    run["part"],
                    Score(c["found"], c["wrongly_found"], c["missed"], c["silent"]),
                )
            )
        pooled = Score(
            *(
                sum(run[rule][k] for run in RUNS)
                for k in ("found", "wrongly_found", "missed", "silent")
            )
        )
        rows.append(_row(code, "all first runs", pooled))
    return "\n".join(rows)


def _header(what: str) -> list[str]:
    return [
        f"| rule | {what} | statements | precision | recall | found | wrongly found | missed |",
        "|---|---|---|---|---|---|---|---|",
    ]


def _row(code: str, part: str, s: Score) -> str:
    total = s.tp + s.fp + s.fn + s.tn
    return (
        f"| {code} | {part} | {total} | {s.precision:.2f} | {s.recall:.2f} | "
        f"{s.tp} | {s.fp} | {s.fn} |"
    )


MARKER = "\n<!-- generated by scripts/rules-doc from tests/corpus; do not edit by hand -->\n"


def _method_line() -> str:
    found = sum(1 for s in PAIRS if method_unrelated(s) and s["expected"]["unrelated"]["value"])  # type: ignore[index]
    wrong = sum(1 for s in PAIRS if method_unrelated(s) and not s["expected"]["unrelated"]["value"])  # type: ignore[index]
    missed = sum(
        1 for s in PAIRS if not method_unrelated(s) and s["expected"]["unrelated"]["value"]
    )  # type: ignore[index]
    return f"{found} found, {wrong} wrongly found, {missed} missed."


def corpus_section() -> str:
    """The part of docs/rules.md after the rule reference."""
    counts = {
        part: sum(1 for s in COMPETENCIES if s["split"] in splits) for part, splits in PARTS.items()
    }
    methods = sum(1 for s in STATEMENTS if s["kind"] == "method")
    issuers = len({s["issuer"] for s in STATEMENTS})
    actor = score("actor", "held-out")
    counts_7 = sum(1 for s in COMPETENCIES if s["split"] == "held-out-7")
    return f"""{MARKER}
## How the competency rules score on real statements

`tests/corpus/statements.yaml` holds {len(COMPETENCIES)} competency statements and {methods}
key-method statements quoted from published educator micro-credentials ({issuers} issuers;
`tests/corpus/SOURCES.md` lists every source). Each competency carries the verdict of
MC103 (compound), MC105 (unobservable) and MC104 (no actor), decided by reading it, with
a one-line reason, and `tests/test_corpus.py` asserts every verdict. A *finding* below is
the rule reporting the statement (for MC104: a statement without an actor).

The **held-out** part ({counts["held-out"]} statements) has never been tuned on: every
fifth statement of the first batch, set aside before any rule was written, and the seventh
batch ({counts_7} statements from 11 pages of 10 issuers), judged before the rules first
ran on it. Its misses are listed in `tests/test_corpus.py`, so a general reading rule may
later be written with them in view (one of the first batch's was: "engage in
self-development"); that is why each new batch is first run before anyone reads it.
The **tuning** part ({counts["tuning"]} statements) includes {len(PARTS["tuning"]) - 1}
later batches that were each first run as a held-out part and then tuned on (the sixth
was held out until its listed misses guided the changes for causative verbs, "evidence
of understanding" and what a credential says it signifies).
The second table gives every batch's first run.

{corpus_table()}

MC210 (a key method unrelated to its competency), on the {len(PAIRS)} key methods paired
with their competencies: {_method_line()} (These verdicts were written after the rule
had been run on the pairs, so they are not a blind test.)

First run on each batch the rules had not seen, before any rule was changed for it:

{first_runs_table()}

**The goal, precision 0.9 and recall 0.85 on every part, is met on unseen text only by
MC104** (no actor: precision {actor.precision:.2f} and recall {actor.recall:.2f} on the
held-out part). MC103 and MC105 miss phrasings they have not met: the first runs above
are the honest measure of how they do on new text. Knowledge, awareness and dispositions
are written in many ways ("is able to infer how", "acknowledge your own position",
"uncover assumptions"), and skills come after a second subject or restated in a further
sentence. Each batch that was tuned on afterwards got a general reading rule for what it
showed, never a list of its statements, and the misses left are listed with their
reasons in `tests/test_corpus.py`. Each batch comes from few pages, so one unusual page
moves its figures a lot: eight "To earn this micro-credential, you will ..." lines in the
fourth batch caused all nine of MC104's wrong findings there.

To add statements: quote them verbatim with their source, judge each rule by reading
(the reading rules are at the top of `statements.yaml`) before running the rules, add
them as a new batch, record the rules' first run in `tests/corpus/held-out-runs.yaml`,
and run `scripts/rules-doc`.
"""


def test_the_corpus_figures_in_the_docs_are_current() -> None:
    docs = (CORPUS.parent.parent.parent / "docs" / "rules.md").read_text("utf-8")
    assert MARKER in docs, "regenerate with: python scripts/rules-doc"
    assert docs[docs.index(MARKER) :] == corpus_section(), "regenerate: python scripts/rules-doc"
