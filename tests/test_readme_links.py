"""Every link in README.md, docs/*.md and bench/*.md leads somewhere a clone of the
repository has.

A relative link must name a file inside the repository, and a `#anchor` must name a
heading of its target, slugged the way GitHub slugs headings. Other links must be
ordinary web links: a clone cannot follow `../shared/...` or a `file:` address.
Pure text: no network, no git.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO

DOCUMENTS = [REPO / "README.md", *sorted([*REPO.glob("docs/*.md"), *REPO.glob("bench/*.md")])]

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# [text](target "title") and ![alt](target); the text may hold one level of brackets.
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
HTML_TARGET = re.compile(r"<(?:a|img)\b[^>]*?\b(?:href|src)=\"([^\"]*)\"", re.IGNORECASE)
HTML_ANCHOR = re.compile(r"<a\b[^>]*?\b(?:id|name)=\"([^\"]+)\"", re.IGNORECASE)
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of everything outside fenced code blocks."""
    fence = ""
    for number, line in enumerate(text.splitlines(), 1):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        yield number, line


def heading_text(markdown: str) -> str:
    """The text GitHub renders for a heading: markup gone, code and link text kept."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = CODE_SPAN.sub(lambda m: m.group(2).strip(), text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"(\*+|\b_+|_+\b)", "", text)


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation other than `-` and `_`
    removed, each space a hyphen (github-slugger)."""
    kept = "".join(c for c in text.lower() if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every `#anchor` GitHub gives the file: headings (duplicates get -1, -2 ...) and
    explicit `<a id=...>` / `<a name=...>`."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    text = path.read_text("utf-8")
    for _, line in prose_lines(text):
        found.update(HTML_ANCHOR.findall(line))
        heading = HEADING.match(line)
        if not heading:
            continue
        base = slug(heading_text(heading.group(2)))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, target) of every link outside code."""
    for number, line in prose_lines(path.read_text("utf-8")):
        prose = CODE_SPAN.sub("", line)
        for pattern in (INLINE_LINK, HTML_TARGET):
            for target in pattern.findall(prose):
                yield number, target
        definition = REFERENCE_DEFINITION.match(prose)
        if definition:
            yield number, definition.group(1)


def problem(source: Path, target: str) -> str | None:
    """Why ``target``, linked from ``source``, does not resolve in a clone; None if it does."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        if parts.scheme == "https" or parts.scheme == "mailto":
            return None
        if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
            return None
        return "not a relative link nor an https address"
    file = (source.parent / unquote(parts.path)).resolve() if parts.path else source
    if not file.is_relative_to(REPO):
        return "leads outside the repository (a clone does not have it)"
    if not file.exists():
        return f"{file.relative_to(REPO).as_posix()} does not exist"
    if parts.fragment and file.suffix == ".md":
        if unquote(parts.fragment) not in anchors(file):
            return f"no heading in {file.relative_to(REPO).as_posix()} has the anchor"
    elif parts.fragment and file.is_dir():
        return "an anchor on a folder"
    return None


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_link_resolves(document: Path) -> None:
    name = document.relative_to(REPO).as_posix()
    broken = [
        f"{name}:{number}: {target}: {reason}"
        for number, target in links(document)
        if (reason := problem(document, target))
    ]
    assert not broken, "broken links (fix the link or the heading):\n" + "\n".join(broken)


# The checker itself, on the cases GitHub's slugger is known to produce.
@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Start a catalog: `mcauthor init [DIR]`", "start-a-catalog-mcauthor-init-dir"),
        (
            "Add a credential or stack: `mcauthor new credential ID` / `mcauthor new stack ID`",
            "add-a-credential-or-stack-mcauthor-new-credential-id--mcauthor-new-stack-id",
        ),
        ("`mcauthor lint [PATHS]...`", "mcauthor-lint-paths"),
        ("MC000 internal-error", "mc000-internal-error"),
        ("The `catalog.json` file", "the-catalogjson-file"),
        ("Snake_case and **bold**", "snake_case-and-bold"),
        ("[Linked](https://example.org) heading", "linked-heading"),
        ("Écoles & élèves", "écoles--élèves"),
    ],
)
def test_slug_matches_github(heading: str, anchor: str) -> None:
    assert slug(heading_text(heading)) == anchor


def test_duplicate_headings_get_numbered_anchors(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Setup\n\n```\n# Setup\n```\n\n## Setup\n\n### Setup\n", "utf-8")
    assert anchors(page) == {"setup", "setup-1", "setup-2"}


def test_links_in_code_are_not_links(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("See [a](a.md) and `[b](b.md)`.\n\n```md\n[c](c.md)\n```\n[d]: d.md\n", "utf-8")
    assert [target for _, target in links(page)] == ["a.md", "d.md"]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("#no-such-heading", "no heading in README.md has the anchor"),
        ("docs/rules.md#mc999-no-such-rule", "no heading in docs/rules.md has the anchor"),
        ("docs/missing.md", "docs/missing.md does not exist"),
        ("../shared/catalog-format.md", "leads outside the repository"),
        ("http://example.org/", "not a relative link nor an https address"),
        ("file:///etc/passwd", "not a relative link nor an https address"),
    ],
)
def test_broken_links_are_found(target: str, reason: str) -> None:
    found = problem(REPO / "README.md", target)
    assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(
    "target",
    [
        "#rules",
        "docs/format.md#credentials",
        "docs/",
        "https://pre-commit.com",
        "http://127.0.0.1:8000/",
    ],
)
def test_good_links_pass(target: str) -> None:
    assert problem(REPO / "README.md", target) is None
