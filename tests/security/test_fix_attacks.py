"""`mcauthor lint --fix` on a contributor's catalog: a fix edits only the place its
finding is about, and never changes what a file says beyond that.

Before: a `# mcauthor: disable=` text inside a block of text (a description that shows
the syntax) counted as an unused suppression, and --fix cut it out of the published
text; a control character that Python counts as a line break (form feed, vertical tab,
\\x1c-\\x1e) shifted the suppression's line, and --fix cut the end off another line; a key
written twice got placeholders in the copy the reader ignores, every round. Now a fix
that would change the data of a comment-only edit, a file with such a break, or a file
with a duplicate key gets no fix.
"""

from __future__ import annotations

import pytest
from attacker import Victim, attack, run, victim

from mcauthor.rules.base import Example
from mcauthor.rules.examples import base_text

__all__ = ["attack", "victim"]  # fixtures

CREDENTIAL = "credentials/example.yaml"


def _credential(old: str, new: str) -> str:
    text = base_text(CREDENTIAL)
    assert old in text
    return text.replace(old, new, 1)


def _fix(attack, victim: Victim, text: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The credential's text after `mcauthor lint --fix`, and what the command said."""
    clone = attack(Example(whole={CREDENTIAL: text}))
    ran = run(victim, clone, "lint", "--fix")
    victim.untouched()
    return (clone / CREDENTIAL).read_text("utf-8"), ran.output


@pytest.mark.slow
def test_fix_never_edits_a_suppression_inside_a_block_of_text(attack, victim: Victim) -> None:
    text = _credential(
        "      body: Show students the learning goal and what success looks like.\n",
        "      body: |\n"
        "        Show students the goal.\n"
        "        Write # mcauthor: disable=MC999 -- why, to keep a finding quiet.\n",
    )
    fixed, output = _fix(attack, victim, text)
    assert fixed == text, output


@pytest.mark.slow
@pytest.mark.parametrize("brk", ["\f", "\v", "\x1c", "\x1d", "\x1e"])
def test_fix_with_a_control_line_break_edits_no_other_line(
    attack, victim: Victim, brk: str
) -> None:
    text = _credential("title: ", f"#{brk} a note\ntitle: ")
    text = text.replace("status: published\n", "status: published  # mcauthor: disable=MC999\n")
    fixed, output = _fix(attack, victim, text)
    assert fixed == text, output  # the summary below lost its end


@pytest.mark.slow
def test_fix_on_a_key_written_twice_edits_nothing(attack, victim: Victim) -> None:
    text = _credential(
        "      title: Reflection on impact\n      descriptors:\n",
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: An older text.\n"
        "      descriptors:\n",
    ).replace("        not-met: The reflection does not address the effect of the feedback.\n", "")
    fixed, output = _fix(attack, victim, text)
    assert fixed == text, output  # placeholders went into the copy the reader ignores
