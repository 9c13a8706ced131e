"""The plain-text shortcut of mcauthor.markdown gives what the parser gives.

Most markdown fields are paragraphs of words; for those, ``to_html``, ``to_inline_html``
and ``parse_tree`` skip the parser. These tests compare the shortcut with the parser on
generated text full of the characters markdown reads, and on every field of the sample,
a generated catalog and the corpus of published statements.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mcauthor import markdown
from mcauthor.export import md as export_md

ROOT = Path(__file__).resolve().parents[1]

# Words, and the characters that could make markdown read something else.
PIECES = [
    "word", "Each team", "é", "1.", "2)", "-", "+", "=", "*", "_", "#", ">", "<b>", "&amp;",
    "&", "`", "~", "[a](b)", "!", "|", "\\", ":", "'", '"', "%", "$", "@", "{", "}", "^",
    " ", "  ", "\t", "\n", "\n\n", "\n\n\n", "\n \n", "\r", "\x00", "\x0b", "\x0c", "\x85",
    "\u00a0", "\u2028", "\u3000", "---", "===", "    code",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
# Mostly what the shortcut takes, with the odd characters it lets through inside a line.
INSIDE = ["word", "Each team", "a-b", "x.", "1", ":", "'", '"', "%", "$", "@", "{", "}", "^"]
ODD = [" ", "\n", "\n\n", "\x0b", "\x0c", "\x85", "\u00a0", "\u2028", "\u3000", "é", "ẞ"]
plainish = st.lists(st.sampled_from(INSIDE * 3 + ODD), max_size=12).map("".join)


def parsed_html(text: str) -> str:
    return markdown._parser().render(text).strip() if text.strip() else ""


def parsed_inline(text: str) -> str:
    return markdown._parser().renderInline(text).strip() if text.strip() else ""


def same_as_the_parser(text: str) -> bool:
    """Whether the shortcut, when it applies, gives the parser's HTML and tree; True when
    it applies. (Called without the caches: they would hide the parser's answer.)"""
    plain = markdown.plain_paragraphs(text)
    if plain is None:
        return False
    assert markdown.to_html.__wrapped__(text) == parsed_html(text), repr(text)
    if len(plain) == 1:
        assert markdown.to_inline_html.__wrapped__(text) == parsed_inline(text), repr(text)
    for parser in (markdown._parser(), export_md._parser()):
        assert markdown.parse_tree(text, parser) == markdown.token_tree(parser.parse(text))
    return True


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(st.one_of(texts, plainish))
def test_the_shortcut_agrees_with_the_parser_on_tricky_text(text: str) -> None:
    same_as_the_parser(text)


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def field_texts(folder: Path) -> list[str]:
    return [
        text
        for path in sorted(folder.rglob("*.yaml"))
        for text in strings(yaml.safe_load(path.read_text("utf-8")))
    ]


@pytest.mark.slow
def test_the_shortcut_agrees_with_the_parser_on_real_and_generated_fields(
    tmp_path: Path,
) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from catalog_gen import generate

    generate(tmp_path / "generated", 100)
    fields = (
        field_texts(ROOT / "catalog")
        + field_texts(tmp_path / "generated")
        + field_texts(ROOT / "tests" / "corpus")
    )
    taken = sum(same_as_the_parser(text) for text in fields)
    # The shortcut must be taken often, or it is not worth having (and not being tested).
    assert taken > len(fields) / 2, (taken, len(fields))


def test_a_list_at_the_end_is_found_with_or_without_parsing() -> None:
    ends = export_md.ends_with_list
    assert ends("Intro\n\n- one\n- two")
    assert ends("Intro\n   - one")
    assert ends("- one\n-")
    assert not ends("Intro\n\n* one")
    assert ends("Intro\n\n* one", "*")
    assert not ends("No list - here\nat all")
    assert not ends("- one\n\nThen a paragraph.")
    assert not ends("\t- code, not a list")
