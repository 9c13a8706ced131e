"""Catalog markdown, re-written as safe markdown for other platforms to render.

Badge platforms render an Achievement's ``criteria.narrative`` as markdown, often with raw
HTML allowed, so catalog markdown cannot go there as written. It is parsed the way the
site parses it (CommonMark through markdown-it-py, raw HTML off, images off), into the
tree that the PDF guides draw too (:func:`mcauthor.markdown.parse_tree`), and written back
from the tree: paragraphs, headings (never above ``####``, below the narrative's
own), lists, quotes, code, emphasis, strong, inline code, and links whose URL
:func:`mcauthor.markdown.safe_url` allows (any other link keeps only its text). Every
piece of text is escaped, so raw HTML such as ``<script>`` comes out as literal text.

Soft line breaks become spaces: a paragraph is one line, so nothing but its first
character can start a block.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote

from markdown_it import MarkdownIt

from mcauthor.markdown import Node, parse_tree, safe_url
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


def rewrite(text: str) -> str:
    """Catalog markdown as safe, escaped markdown ("" for empty text)."""
    if not text or not text.strip():
        return ""
    return _blocks(parse_tree(text, _parser())).strip("\n")


def ends_with_list(markdown: str, marker: str = "-") -> bool:
    """Whether ``markdown`` ends with a bullet list of ``marker``: another list written
    after it with the same marker would join it."""
    # A list's items start their lines with the marker: without one, no parse is needed.
    starts = (line.lstrip(" ") for line in markdown.split("\n"))
    if not any(line[:1] == marker and line[1:2] in ("", " ", "\t") for line in starts):
        return False
    tokens = _parser().parse(markdown)
    return bool(tokens) and tokens[-1].type == "bullet_list_close" and tokens[-1].markup == marker


# -- the tree to markdown ----------------------------------------------------------------


def _blocks(nodes: list[Node], tight: bool = False) -> str:
    out: list[str] = []
    previous: Node | None = None
    for node in nodes:
        text = _block(node, previous)
        if text is not None:
            out.append(text)
            previous = node
    return ("\n" if tight else "\n\n").join(out)


def _block(node: Node, previous: Node | None) -> str | None:
    kind = node["type"]
    if kind == "paragraph":
        return line_start(_inlines(node["children"]))
    if kind == "heading":
        return "#" * max(int(node["level"]), 4) + " " + _inlines(node["children"])
    if kind == "list":
        return _list(node, previous)
    if kind == "quote":
        return "\n".join(f"> {line}".rstrip() for line in _blocks(node["children"]).split("\n"))
    if kind == "code":
        fence = "`" * max(3, _longest_run(node["text"], "`") + 1)
        return f"{fence}\n{node['text']}{fence}"
    if kind == "rule":
        return "* * *"
    return _blocks(node["children"]) or None


def _list(node: Node, previous: Node | None) -> str:
    # Two lists in a row stay two lists only if their markers differ.
    alt = node["alt"] = (
        previous is not None
        and previous["type"] == "list"
        and previous["ordered"] == node["ordered"]
        and not previous["alt"]
    )
    tight = node.get("tight", False)
    items = []
    for number, item in enumerate(node["children"], node["start"]):
        marker = _marker(number, node["ordered"], alt)
        body = _blocks(item["children"], tight)
        lines = body.split("\n") if body else [""]
        indent = " " * len(marker)
        rest = [indent + line if line else "" for line in lines[1:]]
        items.append("\n".join([(marker + lines[0]).rstrip(), *rest]))
    return ("\n" if tight else "\n\n").join(items)


def _marker(number: int, ordered: bool, alt: bool) -> str:
    if ordered:
        return f"{number}{')' if alt else '.'} "
    return "* " if alt else "- "


def _inlines(nodes: list[Node]) -> str:
    pieces = [_inline_md(node) for node in nodes]
    for i, piece in enumerate(pieces[:-1]):
        if piece.endswith("!") and pieces[i + 1].startswith("["):  # `![`: an image
            pieces[i] = piece[:-1] + "\\!"
    return "".join(pieces)


def _inline_md(node: Node) -> str:
    kind = node["type"]
    if kind == "text":
        return markdown_inline(node["text"])
    if kind == "code-inline":
        return _code_span(node["text"])
    if kind == "break":
        return "\\\n"
    inner = _inlines(node["children"])
    if kind == "strong":
        return f"**{inner}**" if inner else ""
    if kind == "emphasis":
        return f"*{inner}*" if inner else ""
    if kind == "link" and safe_url(node["url"]):
        return f"[{inner}]({_destination(node['url'])})"
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
