"""Catalog markdown, re-written as safe markdown for other platforms to render.

Badge platforms render an Achievement's ``criteria.narrative`` as markdown, often with raw
HTML allowed, so catalog markdown cannot go there as written. It is parsed the way the
site parses it (CommonMark through markdown-it-py, raw HTML off, images off) and written
back from the tokens: paragraphs, headings (never above ``####``, below the narrative's
own), lists, quotes, code, emphasis, strong, inline code, and links whose URL
:func:`mcauthor.markdown.safe_url` allows (any other link keeps only its text). Every
piece of text is escaped, so raw HTML such as ``<script>`` comes out as literal text.

Soft line breaks become spaces: a paragraph is one line, so nothing but its first
character can start a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mcauthor.markdown import BLOCK_KINDS, safe_url
from mcauthor.words import line_start, markdown_inline


@cache
def _parser() -> MarkdownIt:
    # The site's settings (mcauthor.markdown), except that every link is parsed as one:
    # the writer decides with safe_url, and an unsafe link keeps its text, not its URL.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = _any_link  # type: ignore[method-assign]
    return md


def _any_link(url: str) -> bool:
    return True


@dataclass
class _Node:
    kind: str
    children: list[_Node] = field(default_factory=list)
    text: str = ""  # text, code, code-inline
    url: str = ""  # link
    level: int = 0  # heading
    ordered: bool = False  # list
    start: int = 1  # ordered list
    tight: bool = False  # list
    alt: bool = False  # list: written with the other marker


def rewrite(text: str) -> str:
    """Catalog markdown as safe, escaped markdown ("" for empty text)."""
    if not text or not text.strip():
        return ""
    return _blocks(_tree(_parser().parse(text))).strip("\n")


def ends_with_list(markdown: str, marker: str = "-") -> bool:
    """Whether ``markdown`` ends with a bullet list of ``marker``: another list written
    after it with the same marker would join it."""
    tokens = _parser().parse(markdown)
    return bool(tokens) and tokens[-1].type == "bullet_list_close" and tokens[-1].markup == marker


# -- tokens to a tree --------------------------------------------------------------------

_INLINES = {"strong_open": "strong", "em_open": "emphasis", "link_open": "link"}


def _tree(tokens: list[Token]) -> list[_Node]:
    root = _Node("root")
    stack = [root]
    for token in tokens:
        if token.type == "inline":
            stack[-1].children.extend(_inline(token.children or []))
        elif token.nesting == 1:
            node = _Node(BLOCK_KINDS.get(token.type, "block"))
            if token.type == "heading_open":
                node.level = int(token.tag[1:])
            elif node.kind == "list":
                node.ordered = token.type == "ordered_list_open"
                start = token.attrGet("start")
                node.start = int(start) if start is not None else 1
            stack[-1].children.append(node)
            stack.append(node)
        elif token.nesting == -1:
            stack.pop()
        elif token.type in ("fence", "code_block"):
            stack[-1].children.append(_Node("code", text=token.content))
        elif token.type == "hr":
            stack[-1].children.append(_Node("rule"))
        if token.type == "paragraph_open" and token.hidden:  # a paragraph of a tight list
            for node in reversed(stack[:-1]):
                if node.kind == "list":
                    node.tight = True
                    break
    return root.children


def _inline(tokens: list[Token]) -> list[_Node]:
    root = _Node("root")
    stack = [root]
    for token in tokens:
        if token.type in ("text", "text_special"):
            stack[-1].children.append(_Node("text", text=token.content))
        elif token.type == "code_inline":
            stack[-1].children.append(_Node("code-inline", text=token.content))
        elif token.type == "softbreak":
            stack[-1].children.append(_Node("text", text=" "))
        elif token.type == "hardbreak":
            stack[-1].children.append(_Node("break"))
        elif token.nesting == 1:
            node = _Node(_INLINES.get(token.type, "span"))
            if token.type == "link_open":
                node.url = str(token.attrGet("href") or "")
            stack[-1].children.append(node)
            stack.append(node)
        elif token.nesting == -1 and len(stack) > 1:
            stack.pop()
    return root.children


# -- the tree to markdown ----------------------------------------------------------------


def _blocks(nodes: list[_Node], tight: bool = False) -> str:
    out: list[str] = []
    previous: _Node | None = None
    for node in nodes:
        text = _block(node, previous)
        if text is not None:
            out.append(text)
            previous = node
    return ("\n" if tight else "\n\n").join(out)


def _block(node: _Node, previous: _Node | None) -> str | None:
    if node.kind == "paragraph":
        return line_start(_inlines(node.children))
    if node.kind == "heading":
        return "#" * max(node.level, 4) + " " + _inlines(node.children)
    if node.kind == "list":
        return _list(node, previous)
    if node.kind == "quote":
        return "\n".join(f"> {line}".rstrip() for line in _blocks(node.children).split("\n"))
    if node.kind == "code":
        fence = "`" * max(3, _longest_run(node.text, "`") + 1)
        return f"{fence}\n{node.text}{fence}"
    if node.kind == "rule":
        return "* * *"
    return _blocks(node.children) or None


def _list(node: _Node, previous: _Node | None) -> str:
    # Two lists in a row stay two lists only if their markers differ.
    node.alt = (
        previous is not None
        and previous.kind == "list"
        and previous.ordered == node.ordered
        and not previous.alt
    )
    items = []
    for number, item in enumerate(node.children, node.start):
        if node.ordered:
            marker = f"{number}{')' if node.alt else '.'} "
        else:
            marker = "* " if node.alt else "- "
        body = _blocks(item.children, node.tight)
        lines = body.split("\n") if body else [""]
        indent = " " * len(marker)
        rest = [indent + line if line else "" for line in lines[1:]]
        items.append("\n".join([(marker + lines[0]).rstrip(), *rest]))
    return ("\n" if node.tight else "\n\n").join(items)


def _inlines(nodes: list[_Node]) -> str:
    pieces = [_inline_md(node) for node in nodes]
    for i, piece in enumerate(pieces[:-1]):
        if piece.endswith("!") and pieces[i + 1].startswith("["):  # `![`: an image
            pieces[i] = piece[:-1] + "\\!"
    return "".join(pieces)


def _inline_md(node: _Node) -> str:
    if node.kind == "text":
        return markdown_inline(node.text)
    if node.kind == "code-inline":
        return _code_span(node.text)
    if node.kind == "break":
        return "\\\n"
    inner = _inlines(node.children)
    if node.kind == "strong":
        return f"**{inner}**" if inner else ""
    if node.kind == "emphasis":
        return f"*{inner}*" if inner else ""
    if node.kind == "link" and safe_url(node.url):
        return f"[{inner}]({_destination(node.url)})"
    return inner  # an unsafe link: its text only


def _code_span(text: str) -> str:
    text = " ".join(text.split("\n"))
    if "``" in text:  # a fence of three backticks could open a code block: plain text
        return markdown_inline(text)
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    if text.strip(" ") and text.startswith(" ") and text.endswith(" "):
        pad = " "  # CommonMark strips one space from each side of such a span
    return f"{fence}{pad}{text}{pad}{fence}"


def _destination(url: str) -> str:
    # markdown-it has already percent-encoded the URL; encode what still ends the link.
    return quote(url, safe="".join(chr(c) for c in range(33, 127) if chr(c) not in "()<>\\"))


def _longest_run(text: str, char: str) -> int:
    return max((len(m) for m in re.findall(f"{re.escape(char)}+", text)), default=0)
