"""Markdown fields → safe HTML (site) and a small JSON tree (PDF guides).

Catalog text is untrusted. CommonMark through markdown-it-py with raw HTML disabled, so
`<script>` stays text; links are limited to http(s), mailto and relative URLs, so no
`javascript:` or `data:` link survives; images are not rendered (the site must work
offline and never load anything from elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

_SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_url(url: str) -> bool:
    """http(s), mailto, or relative (no scheme); never javascript:, data:, file: ..."""
    cleaned = _CONTROL.sub("", url).strip()
    if not cleaned:
        return False
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return False
    if parts.scheme:
        return parts.scheme.lower() in _SAFE_SCHEMES
    # No scheme: relative. A leading `//` would be protocol-relative (another host).
    return not cleaned.startswith("//") and not cleaned.startswith("\\\\")


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = safe_url  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    return md


def _link_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if href.startswith(("http://", "https://")):
        token.attrSet("rel", "noopener noreferrer")
    rendered: str = self.renderToken(tokens, idx, options, env)
    return rendered


# -- plain text: most fields are paragraphs of words, with nothing markdown reads ----------
# A character markdown gives a meaning anywhere in a line (emphasis, code, links, HTML,
# entities, escapes, tables), or that the parser rewrites (carriage return, NUL).
_SPECIAL = re.compile(r"[\\`*_\[\]<>&!#|~\r\x00]")
# How a line may not start: a list marker, a setext underline, an ordered list's number.
_BLOCK_START = re.compile(r"[-+=0-9]")


def plain_paragraphs(text: str) -> list[list[str]] | None:
    """The paragraphs of ``text`` as their lines, when markdown would read it as nothing but
    paragraphs of literal words; None when it might read anything else (then parse it).

    Deliberately narrow: no character markdown reads, every line without surrounding
    white space or a block marker at its start, paragraphs parted by exactly one empty
    line. Parsing is the expensive part of a build's pages, and most fields are plain;
    ``tests/test_markdown_plain.py`` checks the shortcut against the parser."""
    if _SPECIAL.search(text) or "\t" in text:
        return None
    paragraphs: list[list[str]] = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        for line in lines:
            if not line or line != line.strip() or _BLOCK_START.match(line):
                return None
        paragraphs.append(lines)
    return paragraphs


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Block-level HTML for a markdown field ("" for empty text)."""
    if not text or not text.strip():
        return ""
    plain = plain_paragraphs(text)
    if plain is not None:
        return "\n".join("<p>" + escapeHtml("\n".join(lines)) + "</p>" for lines in plain)
    html: str = _parser().render(text)
    return html.strip()


@lru_cache(maxsize=4096)
def to_inline_html(text: str) -> str:
    """Inline HTML (no wrapping paragraph), for short fields such as an earn rule."""
    if not text or not text.strip():
        return ""
    plain = plain_paragraphs(text)
    if plain is not None and len(plain) == 1:
        return escapeHtml("\n".join(plain[0]))
    html: str = _parser().renderInline(text)
    return html.strip()


# -- markdown as a tree of plain nodes ----------------------------------------------------
# One tree, two readers: the PDF guides get it as JSON (to_tree) and draw it node by node;
# the exports write it back as safe markdown (mcauthor.export.md).

Node = dict[str, Any]

# Opening tokens of the blocks a tree keeps, by node type.
BLOCK_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "list_item_open": "item",
    "blockquote_open": "quote",
}
_INLINE_KINDS = {"strong_open": "strong", "em_open": "emphasis", "link_open": "link"}


def parse_tree(text: str, parser: MarkdownIt | None = None) -> list[Node]:
    """Markdown as plain nodes: paragraph, heading, list, item, quote, code, rule, text,
    strong, emphasis, link, code-inline, break. Code keeps its text as written; a list
    says whether it is ``tight``. ``parser``: the site's (safe links only) by default."""
    plain = plain_paragraphs(text)
    if plain is not None:  # no link in it, so every parser reads it alike
        return [{"type": "paragraph", "children": _words(lines)} for lines in plain]
    return token_tree(_tokens(parser or _parser(), text))


@lru_cache(maxsize=256)
def _tokens(parser: MarkdownIt, text: str) -> tuple[Token, ...]:
    """``parser``'s tokens of ``text``, kept for a text that comes again: the default earn
    rule is the same sentence on every credential whose rubric has the same levels. Only
    :func:`token_tree` reads them, and never changes them."""
    return tuple(parser.parse(text))


def token_tree(tokens: Sequence[Token]) -> list[Node]:
    """The nodes of :func:`parse_tree` from the parser's tokens."""
    root: Node = {"type": "root", "children": []}
    stack = [root]
    for token in tokens:
        if token.type == "inline":
            stack[-1]["children"].extend(_inline(token.children or []))
        elif token.nesting == 1:
            node = _block_node(token)
            stack[-1]["children"].append(node)
            stack.append(node)
        elif token.nesting == -1:
            stack.pop()
        elif token.type in ("fence", "code_block"):
            stack[-1]["children"].append({"type": "code", "text": token.content})
        elif token.type == "hr":
            stack[-1]["children"].append({"type": "rule"})
        if token.type == "paragraph_open" and token.hidden:  # a paragraph of a tight list
            for node in reversed(stack[:-1]):
                if node["type"] == "list":
                    node["tight"] = True
                    break
    children: list[Node] = root["children"]
    return children


def _words(lines: list[str]) -> list[Node]:
    """A plain paragraph's inline nodes: its lines, a space between each (soft breaks)."""
    nodes: list[Node] = []
    for line in lines:
        if nodes:
            nodes.append({"type": "text", "text": " "})
        nodes.append({"type": "text", "text": line})
    return nodes


def to_tree(text: str) -> list[Node]:
    """A markdown field as the PDF guides' JSON nodes (see :func:`parse_tree`): code
    without its final newlines, lists without ``tight``. No text is markup."""
    if not text or not text.strip():
        return []
    nodes = parse_tree(text)
    _for_guides(nodes)
    return nodes


def _for_guides(nodes: list[Node]) -> None:
    for node in nodes:
        if node["type"] == "code":
            node["text"] = node["text"].rstrip("\n")
        node.pop("tight", None)
        _for_guides(node.get("children", []))


def _block_node(token: Token) -> Node:
    node: Node = {"type": BLOCK_KINDS.get(token.type, "block"), "children": []}
    if token.type == "heading_open":
        node["level"] = int(token.tag[1:])
    if token.type in ("bullet_list_open", "ordered_list_open"):
        node["ordered"] = token.type == "ordered_list_open"
        start = token.attrGet("start")
        node["start"] = int(start) if start is not None else 1
    return node


def _inline(tokens: list[Token]) -> list[Node]:
    root: Node = {"type": "root", "children": []}
    stack = [root]
    for token in tokens:
        if token.type in ("text", "text_special"):
            stack[-1]["children"].append({"type": "text", "text": token.content})
        elif token.type == "code_inline":
            stack[-1]["children"].append({"type": "code-inline", "text": token.content})
        elif token.type in ("softbreak", "hardbreak"):
            kind = "break" if token.type == "hardbreak" else "text"
            stack[-1]["children"].append({"type": kind, "text": " "})
        elif token.nesting == 1:
            node: Node = {"type": _INLINE_KINDS.get(token.type, "span"), "children": []}
            if token.type == "link_open":
                node["url"] = str(token.attrGet("href") or "")
            stack[-1]["children"].append(node)
            stack.append(node)
        elif token.nesting == -1 and len(stack) > 1:
            stack.pop()
    children: list[Node] = root["children"]
    return children
