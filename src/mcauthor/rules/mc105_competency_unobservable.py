"""MC105 competency-unobservable: The competency names something a reviewer cannot observe."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mcauthor import lexicon
from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.language.reading import analyze
from mcauthor.language.statement import Phrase, object_nouns
from mcauthor.language.tokens import tokens
from mcauthor.language.vocabulary import PREPOSITIONS
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import competency_text, join_words
from mcauthor.rules.base import CredentialRule, Example

# States of mind: true or not, nobody can see them in a submission.
KNOWING = frozenset(
    {
        "understand", "know", "comprehend", "recognize", "recognise", "appreciate", "believe",
        "value", "feel", "realize", "realise", "grasp", "internalize", "empathize",
    }
)  # fmt: skip
# Learning activities: what the educator does to learn, not a competence to score.
LEARNING = frozenset({"explore", "learn"})
# "is aware of", "becomes familiar with", "being thoughtful", "is exposed to".
STATES = frozenset(
    {
        "aware", "familiar", "knowledgeable", "cognizant", "conscious", "comfortable",
        "confident", "thoughtful", "mindful", "exposed", "introduced", "trained",
    }
)  # fmt: skip
# Knowledge as an object: "demonstrates an understanding of", "has the knowledge".
KNOWLEDGE = frozenset(
    {"understanding", "knowledge", "awareness", "self-awareness", "comprehension", "command"}
)
SHOWING = frozenset(
    {
        "demonstrate", "show", "develop", "gain", "have", "possess", "build", "deepen",
        "expand", "acquire", "display", "exhibit", "increase", "strengthen", "grow",
    }
)  # fmt: skip
HAVING = frozenset({"have", "possess", "gain", "acquire"})  # states whatever follows
# What one has or gains as knowledge, though the words also name other things: "has a
# strong foundation in", "gains insight into" (but "builds a foundation for students").
HELD = frozenset({"foundation", "grounding", "background", "expertise", "insight", "familiarity"})
# What a learner builds when a course makes them: "helps educators develop the knowledge
# and skills", "activities that allow you to build the skills".
CAPACITIES = KNOWLEDGE | HELD | {"skill", "capacity", "competence", "competency", "ability"}
# Taking part in learning: "engage in professional learning", "complete a course".
TAKING_PART = frozenset({"engage", "participate", "attend", "complete", "take", "undertake"})
COURSES = frozenset(
    {"learning", "development", "self-development", "training", "coursework", "course",
     "workshop", "module", "session", "self-study", "study", "webinar"}
)  # fmt: skip
# "understanding and application": the object includes what the educator does.
BESIDES = frozenset(
    {"application", "use", "utilization", "skill", "ability", "practice", "implementation"}
)
# Dispositions and beliefs as what the educator develops, fosters or shows.
DISPOSITIONS = frozenset(
    {
        "mindset", "attitude", "belief", "value", "appreciation", "comfort", "confidence",
        "respect", "empathy", "disposition", "self-efficacy", "curiosity", "passion",
        "commitment", "willingness", "agency", "sensitivity", "openness", "lens", "well-being",
    }
)  # fmt: skip
FOSTERING = SHOWING | {"foster", "cultivate", "exemplify", "model", "nurture", "exercise"}
# Whose: "builds students' understanding", "fosters a growth mindset in students" are
# teaching practices, not the educator's own knowledge or disposition.
OTHERS = frozenset(
    {
        "student", "students", "learner", "learners", "child", "children", "youth", "peer",
        "peers", "colleague", "colleagues", "teacher", "teachers", "family", "families",
        "student's", "students'", "learners'", "children's", "colleagues'", "teachers'",
    }
)  # fmt: skip
_GAIN = frozenset(
    {"gain", "build", "develop", "deepen", "expand", "acquire", "increase", "broaden", "grow"}
)


@dataclass(frozen=True, slots=True)
class Unobservable:
    kind: str  # knowledge | learning | state | disposition
    phrase: str  # as written


def unobservable(text: str) -> list[Unobservable]:
    """What the competency names that a reviewer cannot observe (empty: nothing)."""
    statement = analyze(text)
    found = []
    for phrase in statement.phrases:
        judged = _kind(phrase)
        if judged is not None:
            kind, words, until = judged
            found.append(Unobservable(kind, statement.quote(phrase, words, until=until)))
    for sentence in statement.sentences:
        if sentence.actor is None and not sentence.phrases:
            named = _represents_knowledge(text, sentence.start, sentence.end)
            if named:
                found.append(Unobservable("knowledge", named))
    return found


# What a credential says it stands for: "This badge signifies knowledge of ...".
REPRESENTS = frozenset(
    {"represents", "validates", "recognizes", "recognises", "certifies", "signifies",
     "reflects", "indicates", "denotes", "documents", "verifies", "demonstrates", "shows"}
)  # fmt: skip


def _represents_knowledge(text: str, start: int, end: int) -> str:
    """ "This micro-credential represents the knowledge of how to teach ...": the
    credential itself names knowledge as what it stands for ("" when it does not)."""
    words = [t for t in tokens(text, start, end) if t.is_word][:12]
    for i, tok in enumerate(words[:-2]):
        if tok.lower not in REPRESENTS and not (tok.lower == "focuses" and i + 1 < len(words)):
            continue
        rest = words[i + 1 : i + 5]
        if rest and rest[0].lower == "on":
            rest = rest[1:]
        if rest and rest[0].lower in ("the", "an", "a"):
            rest = rest[1:]
        # past a possessive or a modifier: "a professional's understanding of", "deep"
        while len(rest) > 2 and rest[0].lower not in KNOWLEDGE and _modifier(rest[0].lower):
            rest = rest[1:]
        if len(rest) >= 2 and rest[0].lower in KNOWLEDGE and rest[1].lower in PREPOSITIONS:
            # "the knowledge of how to teach", not "knowledge, skills, and practices"
            listed = text[rest[0].end : rest[1].start].strip()
            return "" if listed else " ".join(text[tok.start : rest[1].end].split())
        return ""
    return ""


def _modifier(word: str) -> bool:
    """A possessive ("educator's") or an adjective that may come before a noun."""
    return word.endswith(("'s", "’s")) or lexicon.forms(word).adjective


def _kind(phrase: Phrase) -> tuple[str, int, str | None] | None:
    """(kind, object words to quote, or the noun to quote up to), or None."""
    lemma = phrase.lemma
    words = phrase.object_words
    if lemma in KNOWING:
        return "knowledge", 0, None
    if lemma in LEARNING:
        return "learning", 1 if words[:1] == ["about"] else 0, None
    if lemma in ("be", "become") and words and words[0] in STATES:
        return "state", 1, None
    first: dict[str, int] = {}  # each lemma's first place in the object, found once
    for i, word in enumerate(words):
        first.setdefault(lexicon.lemma(word), i)
    nouns = [n for n in object_nouns(phrase) if not _someone_elses(words, first.get(n))]
    known = next((n for n in nouns if n in KNOWLEDGE), None)
    shown = lemma in SHOWING and known and not _and_applies(words)
    if phrase.caused and lemma in _GAIN | HAVING and any(n in CAPACITIES for n in nouns):
        return "learning", 0, next(n for n in nouns if n in CAPACITIES)
    if shown and (lemma in HAVING or not any(n in BESIDES for n in nouns)):
        return "knowledge", 0, known
    evidenced = _evidence_of(words) if lemma in EVIDENCING else None
    if evidenced is not None:
        return "knowledge", 0, evidenced
    held = next((n for n in nouns if n in DISPOSITIONS), None)
    if lemma in FOSTERING and held:
        return "disposition", 0, held
    had = next((n for n in nouns[:3] if n in HELD), None)
    if lemma in HAVING and had and not _for_others(words, first.get(had)):
        return "knowledge" if lemma in ("have", "possess") else "learning", 0, had
    if lemma in TAKING_PART and _takes_part(words):
        return "learning", 4, None
    if _gains_understanding(words):
        return "learning", 0, None
    if lemma in HAVING and "experience" in nouns[:2]:
        return "learning", 0, "experience"  # "gain hands-on experience in ..."
    return None


# Verbs that offer evidence: "provide evidence of their understanding of ...".
EVIDENCING = SHOWING | {"provide", "give", "offer", "present", "submit", "produce"}


def _evidence_of(words: list[str]) -> str | None:
    """The knowledge noun in "(clear) evidence of (their) understanding of ...", or None."""
    if "evidence" not in words[:3]:
        return None
    at = words.index("evidence")
    if words[at + 1 : at + 2] != ["of"]:
        return None
    rest = words[at + 2 : at + 5]
    known = next((w for w in rest if lexicon.lemma(w) in KNOWLEDGE), None)
    if known is None or any(w in OTHERS for w in rest[: rest.index(known)]):
        return None  # "evidence of students' understanding" is what teaching gathers
    return lexicon.lemma(known)


def _for_others(words: list[str], at: int | None) -> bool:
    """ "a foundation for students' reading": what is held is built for someone else."""
    if at is None:
        return False
    return words[at + 1 : at + 2] == ["for"] or _someone_elses(words, at)


def _takes_part(words: list[str]) -> bool:
    """ "(engage) in professional learning", "(complete) a course on ...": taking part in
    learning, not a practice ("engage in inquiry with colleagues")."""
    head = words[:4]
    for i, word in enumerate(head):
        if word in PREPOSITIONS and i > 0:
            return False
        if word in ("learning", "development"):
            if i and head[i - 1] in ("professional", "self"):
                return True
        elif lexicon.lemma(word) in COURSES:
            return True
    return False


def _and_applies(words: list[str]) -> bool:
    """ "... an understanding of what collaboration is and use it with ...": the object
    goes on to apply what is understood, which a reviewer can see."""
    return any(
        word == "and" and verb in _APPLY and it in ("it", "them", "this", "these")
        for word, verb, it in zip(words, words[1:], words[2:], strict=False)
    )


_APPLY = frozenset({"use", "uses", "apply", "applies", "implement", "implements"})


def _someone_elses(words: list[str], at: int | None) -> bool:
    """Whether the object's noun at ``at`` belongs to someone else: "students'
    understanding", "a growth mindset in students" (a teaching practice, not the
    educator's own)."""
    if at is None:
        return False
    if at and words[at - 1] in OTHERS:
        return True  # "students' understanding" (the tokens drop a final apostrophe)
    after = words[at + 1 : at + 4]
    return any(w in ("in", "among", "within") for w in after[:2]) and any(
        w in OTHERS for w in after
    )


def _gains_understanding(words: list[str]) -> bool:
    """ "... to gain a comprehensive understanding of ...": learning as the purpose."""
    for i, word in enumerate(words[:-1]):
        if word == "to" and lexicon.verb(words[i + 1]) in _GAIN:
            if any(w in OTHERS for w in words[max(0, i - 3) : i]):
                return False  # "provides students opportunities to build knowledge"
            rest = words[i + 2 : i + 6]
            return any(w in KNOWLEDGE for w in rest)
    return False


_HINTS = {
    "knowledge": "Name the action that shows it, which evidence and a rubric can score: "
    "rewrite `understands X` or `demonstrates an understanding of X` as `applies X to "
    "plan ...`, `analyzes ... using X` or `explains X to colleagues ...`.",
    "learning": "Name what the educator does with what they learn, not the learning: "
    "rewrite `explores co-teaching` or `learns about X` as `plans and co-teaches a lesson "
    "...` or `designs ... using X`.",
    "state": "Name what the educator does that shows it: rewrite `is aware of X` or "
    "`becomes familiar with X` as `identifies X in ...` or `uses X to ...`.",
    "disposition": "A disposition or belief cannot be scored; name the practice that "
    "shows it: rewrite `develops a growth mindset` as `uses growth-oriented feedback "
    "that ...`.",
}


class CompetencyUnobservable(CredentialRule):
    """
    Reviewers score evidence, and evidence can only show what an educator does. A
    competency whose target a reviewer cannot see cannot be demonstrated or scored:

    - knowledge and awareness, in any form: "understands", "will understand", "knows",
      "recognizes", "values", "demonstrates (their) understanding of", "has the knowledge",
      "provides evidence of their understanding", "has a strong foundation in";
    - states: "is aware of", "becomes familiar with", "is exposed to", "is introduced to",
      "being thoughtful";
    - dispositions and beliefs as the target: "develops a growth mindset", "exemplifies
      respect", "shows confidence";
    - learning activities instead of a competence: "explores", "learns about", "to gain an
      understanding of", "to increase their knowledge", "gains insight into", "engages in
      professional learning";
    - a course that makes the educator know or learn: "will help educators understand",
      "prepares participants to recognize", "allows you to build the skills";
    - a credential that says it stands for knowledge: "This micro-credential represents
      the knowledge of how to teach ...", "This badge signifies knowledge of ...".

    Only the actor's own verbs count ("so that students understand the goal" is fine),
    and "applies an understanding of" or "demonstrates an understanding and application
    of" name something a reviewer can see. The hint proposes an observable rewrite.
    """

    code = "MC105"
    name = "competency-unobservable"
    severity = Severity.WARNING
    criterion = Criterion.COMPETENCY
    summary = "The competency names something a reviewer cannot observe, like `understands`."
    bad = Example.credential(
        "competency: Educators will demonstrate their understanding of how descriptive "
        "feedback moves learning forward.\n"
    )
    good = Example.credential(
        "competency: Educators apply their understanding of descriptive feedback to give "
        "students feedback that names the next step, so that students understand the goal.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        text = competency_text(credential, catalog)
        if text is None:
            return
        found = unobservable(text)
        if not found:
            return
        words = join_words(list(dict.fromkeys(f.phrase for f in found)))
        yield self.finding(
            credential.file,
            ("competency",),
            f"the competency uses {words}, which a reviewer cannot observe",
            hint=_HINTS[found[0].kind],
            value=True,
        )
