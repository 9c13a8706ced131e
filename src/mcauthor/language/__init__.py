"""The language layer: what a competency or key-method statement says, for every text rule.

:func:`~.reading.analyze` reads a statement once (cached) into sentences, each with its
**actor** ("The educator", "Educators", "Teacher leader", "The school leader",
"Participants") and the actor's own **verb phrases** in the main clause: the verb's
lemma (``identifies`` -> ``identify``), the modal or periphrastic form before it
("will", "can", "is able to", "demonstrates the ability to"), how it is joined to the
phrase before ("and", "or", ",", ";", "then", a new sentence), and the words of its
object. Word forms come from a real lexicon (:mod:`mcauthor.lexicon`), so plural actors
and bare verbs ("Educators identify ... and design ...") read like "The educator
identifies ... and designs ...".

What counts as the main clause: after the actor (and an appositive "Educator, as a member
of the team, ..." or a relative clause "Teacher leaders who understand diversity use ..."),
up to a subordinating word (that, which, how, so, because ...) or a purpose ("to monitor
progress"). A later "and" returns to the main clause only when what follows is plainly
the actor's own finite verb: a modal ("and can identify"), "also", or, for a singular
actor, a verb in the third person ("..., and understands how ..."). A statement with no
actor ("Understand when and how to use assessments", "Developing a position by ...")
is read from its first word.

The package follows the order of a reading, each module depending only on those above it:

- :mod:`.tokens`: where the sentences of a text are and its word tokens (regular
  expressions only; the rules that need only sentences or words stop here);
- :mod:`.vocabulary`: the closed word classes (actor nouns, modals, joiners,
  prepositions, subordinators, ...);
- :mod:`.statement`: the result types (:class:`~.statement.Statement`, its sentences,
  actors and verb phrases) and the judgements on them that several rules share;
- :mod:`.actor`: who acts in a sentence, and where the actor's verb should come;
- :mod:`.reading`: :func:`~.reading.analyze`, and the verb phrases of the main clause.

Everything here is a heuristic for plain English statements; it must never raise.
"""
