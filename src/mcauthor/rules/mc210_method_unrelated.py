"""MC210 method-unrelated: The key method shares no content with the competency."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mcauthor import lexicon
from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.language.tokens import words
from mcauthor.model import Catalog, Credential
from mcauthor.rules._text import quote
from mcauthor.rules._util import competency_text
from mcauthor.rules.base import CredentialRule, Example

# Words that carry no content of their own in these statements.
STOP = frozenset(
    {
        "a", "an", "the", "and", "or", "nor", "of", "to", "in", "on", "for", "with",
        "by", "as", "at", "from", "into", "through", "their", "his", "her", "its",
        "our", "your", "they", "them", "it", "this", "that", "these", "those", "which",
        "who", "whom", "whose", "what", "how", "why", "when", "where", "will", "can",
        "may", "must", "should", "would", "could", "shall", "be", "is", "are", "was",
        "were", "been", "being", "have", "has", "had", "do", "does", "did", "not",
        "also", "each", "every", "all", "any", "both", "either", "more", "most",
        "other", "such", "than", "then", "so", "very", "own", "same", "just", "only",
        "about", "across", "after", "before", "during", "while", "within", "without",
        "his/her", "one", "two", "three", "several", "many", "much", "well",
    }
)  # fmt: skip
# People and verbs every statement has: sharing them says nothing about the practice.
GENERIC = frozenset(
    {
        "educator", "teacher", "leader", "student", "learner", "learning",
        "participant", "earner", "colleague", "member", "staff", "school", "classroom",
        "use", "practice", "skill", "strategy", "able", "ability", "demonstrate",
        "provide", "include", "support", "make", "ensure", "way", "order", "time",
    }
)  # fmt: skip


MIN_CONTENT = 3  # word families a method needs before it can be judged unrelated


def _families(text: str) -> Iterator[tuple[str, str]]:
    """(lemma, word family) of each content word: the family is the lemma's first six
    letters, so that "reflection" meets "reflecting"."""
    for word in words(text):
        lower = word.lower()
        if lower in STOP:
            continue
        lemma = lexicon.lemma(lower)
        if lemma in GENERIC or len(lemma) < 3:
            continue
        yield lemma, lemma[:6] if len(lemma) >= 5 else lemma


def unrelated(competency: str, title: str, method: Iterable[str]) -> bool:
    """Whether the method's texts (its statement first, then its components) share no
    word family with the competency and the title. It stops at the first shared family
    once the method has enough content to judge, so a long method costs little."""
    wanted = _wanted(competency, title)
    if not wanted:
        return False
    offered: set[str] = set()
    met = False
    for text in method:
        for _, family in _families(text):
            offered.add(family)
            met = met or family in wanted
            if met and len(offered) >= MIN_CONTENT:
                return False
    return not met and len(offered) >= MIN_CONTENT


def _wanted(competency: str, title: str) -> set[str]:
    return {family for text in (competency, title) for _, family in _families(text)}


class MethodUnrelated(CredentialRule):
    """
    Digital Promise's second criterion asks for a key method that develops *the*
    competency. A method that speaks of a different practice than the competency (a
    growth-mindset competency with a method about coaching practice) does not show the
    competency, however good it is.

    Compared: the competency and the title, against the key method's statement and its
    components, as content words by word family (lemmas from the lexicon; "reflection"
    meets "reflecting"); words every statement has (educator, students, practice, use ...)
    do not count. The rule reports a method with enough content to judge (three word
    families) that shares none of them: a warning, as a method may use other words for
    the same practice. On the key methods of published micro-credentials in
    tests/corpus/ it is raised only where the method enacts another skill.
    """

    code = "MC210"
    name = "method-unrelated"
    severity = Severity.WARNING
    criterion = Criterion.METHOD
    summary = "The key method shares no content with the competency."
    bad = Example.credential(
        "key_method:\n"
        "  statement: The educator runs a weekly book club for colleagues on classroom "
        "management.\n"
        "  components:\n"
        "    - title: Choose a book\n"
        "      body: Pick a title on routines and procedures.\n"
        "  research: [black-wiliam-1998]\n"
    )
    good = Example()

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        text = competency_text(credential, catalog)
        method = credential.key_method
        if text is None or method is None or not method.statement:
            return
        parts = [method.statement]
        for component in method.components:
            parts += [component.title or "", component.body or ""]
        if not unrelated(text, credential.title or "", parts):
            return
        yield self.finding(
            credential.file,
            (*method.at, "statement"),
            f"the key method `{quote(method.statement, 60)}` shares no content with the "
            f"competency `{quote(text, 60)}`",
            hint="Make the key method the way the educator develops and shows this "
            "competency, or change the competency to what the method does.",
            value=True,
        )
