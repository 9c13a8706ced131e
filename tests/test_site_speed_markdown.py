"""A markdown text that comes again is parsed once (mcauthor.markdown keeps its tokens),
and every reader still gets a tree of its own."""

from __future__ import annotations

from mcauthor import markdown
from mcauthor.export import md

EARN = "Earn this micro-credential by reaching **Proficient** on every criterion."


def test_a_text_that_comes_again_is_parsed_once() -> None:
    markdown._tokens.cache_clear()
    first = [md.rewrite(EARN) for _ in range(3)]
    assert markdown._tokens.cache_info().misses == 1
    assert first == [EARN] * 3  # written back as it came: words and bold only


def test_each_reader_gets_its_own_tree() -> None:
    text = "A [link](https://example.org) and `code`\n\n```\nblock\n```\n"
    guides = markdown.to_tree(text)  # changes its nodes (code without its final newline)
    again = markdown.parse_tree(text)
    assert again[-1] == {"type": "code", "text": "block\n"}
    assert guides[-1] == {"type": "code", "text": "block"}
    assert again is not guides and again[0] is not markdown.parse_tree(text)[0]


def test_the_parsers_do_not_share_tokens() -> None:
    text = "[x](javascript:alert(1)) **b**"
    site = markdown.parse_tree(text)
    export = markdown.parse_tree(text, md._parser())
    assert not any(node["type"] == "link" for node in site[0]["children"])
    assert export[0]["children"][0]["type"] == "link"
