"""MC007 alias-bomb: Aliases expand the file beyond any sensible size, or refer to themselves."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import CREDENTIAL, Example, Rule


class AliasBomb(Rule):
    """
    YAML aliases (`*name`) repeat an anchored value (`&name`). Nested aliases can make a
    small file expand to billions of values (the "billion laughs" attack) and a recursive
    alias never ends, so such files are refused instead of exhausting memory.
    """

    code = "MC007"
    name = "alias-bomb"
    severity = Severity.ERROR
    summary = "Aliases expand the file beyond any sensible size, or refer to themselves."
    phase = "load"
    bad = Example(
        whole={
            CREDENTIAL: (
                "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            )
        }
    )
    good = Example.credential("tags: &t [feedback]\naudience: *t\n")
