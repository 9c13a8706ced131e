"""The closed word classes the reader tells apart: actors, modals, joiners, prepositions ...

Plain sets of lowercased words (lemmas for the actor nouns), shared by the actor finder
(:mod:`.actor`), the verb-phrase reader (:mod:`.reading`) and the rules; open classes
(verbs, nouns, adjectives) come from the lexicon (:mod:`mcauthor.lexicon`) instead.
"""

from __future__ import annotations

# Who acts (lemmas). "esp": an education support professional, as NEA writes it.
ACTOR_NOUNS = frozenset(
    {
        "educator", "teacher", "leader", "principal", "coach", "participant", "administrator",
        "counselor", "counsellor", "mentor", "facilitator", "librarian", "specialist",
        "paraprofessional", "paraeducator", "instructor", "learner", "earner", "candidate",
        "superintendent", "practitioner", "interventionist", "clinician", "director", "esp",
        "professional", "faculty", "staff", "team", "member", "completer",
    }
)  # fmt: skip
# Verbs that make someone else act: "asks teachers to demonstrate", "will help the
# educator understand", "prepares participants to recognize", "guide you to perceive".
CAUSATIVES = frozenset(
    {"ask", "require", "help", "enable", "allow", "prepare", "equip", "empower", "guide",
     "assist", "invite", "encourage", "challenge", "train", "teach", "support", "let"}
)  # fmt: skip
PRONOUN_ACTORS = frozenset({"they", "he", "she", "we", "you"})
# Who may open a statement before the educator acts in a second clause.
SCENE_SUBJECTS = frozenset({"students", "children", "families", "parents", "youth"})
DETERMINERS = frozenset({"the", "a", "an", "each", "every", "all", "any", "our", "your"})
# Words that never belong to an actor phrase ("This micro-credential represents ...").
NOT_ACTOR = frozenset(
    {
        "this", "that", "these", "those", "of", "for", "in", "on", "with", "by", "to", "from",
        "and", "or", "who", "which", "as", "at", "about", "through", "using", "having",
    }
)  # fmt: skip
MODALS = frozenset(
    {"will", "would", "can", "could", "shall", "should", "must", "may", "might", "do", "does"}
)
NEGATIONS = frozenset({"not", "never"})
BE = frozenset({"is", "are", "be", "being", "been", "am", "was", "were"})
SUBORDINATORS = frozenset(
    {
        "that", "which", "who", "whom", "whose", "where", "when", "whenever", "while",
        "because", "so", "until", "unless", "if", "whether", "although", "though", "since",
        "once", "after", "before", "how", "what", "why", "whereby", "than", "including",
        "such", "e.g", "i.e",
    }
)  # fmt: skip
# Words that open a clause before the actor: "To understand gaps, teachers analyze ...".
INTRODUCERS = frozenset(
    {"to", "after", "before", "when", "while", "using", "by", "through", "in", "with", "as",
     "once", "upon", "following", "during", "given", "based", "having", "drawing"}
)  # fmt: skip
ADVERBS = frozenset(
    {"also", "then", "both", "either", "regularly", "often", "consistently", "intentionally",
     "independently", "collaboratively", "effectively", "deliberately", "routinely",
     "always", "further", "thereby", "thus", "still", "well", "jointly", "actively",
     "strategically", "successfully", "systematically", "explicitly", "thoughtfully",
     "purposefully", "continually", "continuously", "frequently", "first", "next", "finally"}
)  # fmt: skip
_LY_NOT_ADVERBS = frozenset(
    {"apply", "supply", "reply", "rely", "comply", "multiply", "ally", "family", "assembly",
     "early", "only", "daily", "weekly", "monthly", "yearly", "friendly", "likely", "holy"}
)  # fmt: skip
# Words that usually open the object of a verb: "and scores it", "and plans the unit".
OBJECT_STARTERS = frozenset(
    {
        "a", "an", "the", "it", "them", "this", "these", "that", "those", "their", "his",
        "her", "its", "our", "each", "every", "all", "both", "one", "two", "three", "several",
        "multiple", "student", "students", "peers", "colleagues", "how", "what", "whether",
        "next", "new", "his/her", "learners", "families", "evidence", "data", "feedback",
        "instruction", "lessons", "learning", "specific", "key", "effective", "appropriate",
        "relevant", "clear", "strategies",
    }
)  # fmt: skip
PREPOSITIONS = frozenset(
    {
        "of", "for", "to", "in", "on", "with", "about", "from", "by", "at", "into", "through",
        "across", "among", "between", "within", "without", "toward", "towards", "around",
    }
)  # fmt: skip
# "by planning and facilitating": gerunds after these are the means of the main verb.
MEANS = frozenset({"by", "through", "in", "for", "without", "while", "when", "after", "before"})
JOINERS = frozenset({"and", "or", ",", ";", "then"})


def is_adverb(word: str) -> bool:
    """A listed adverb, or a word in -ly that the list of exceptions does not name."""
    if word in ADVERBS:
        return True
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOT_ADVERBS
