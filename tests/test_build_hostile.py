"""Hostile catalog text: every text field of a credential, a stack and the config carries
markup, script, template syntax and javascript: links. The site must show all of it as
literal text and contain nothing that runs.

Pages are parsed with the standard library's html.parser, so the checks are about tags,
attributes and text, not about the templates' markup (which is being redesigned).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mcauthor.build import build
from mcauthor.diagnostics import Severity
from mcauthor.lint import lint

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{# x #}",
    "]]>",
    '"><svg onload=alert(1)>',
)
HOSTILE = " ".join(PAYLOADS)
JS_LINK = "[click me](javascript:alert(1))"  # markdown: must stay text, never a link
JS_URL = "javascript:alert(1)"  # as a URL field: never an href, even with MC513 off
SAFE_URL = "https://example.org/page"
SAFE_LINK = "[safe link](https://example.org/safe)"  # control: links do work

CREDENTIAL = "credentials/hostile/index.html"
STACK = "stacks/hostile-stack/index.html"
HOME = "index.html"
NOT_FOUND = "404.html"
EVERY = (HOME, CREDENTIAL, STACK, NOT_FOUND)


@dataclass(frozen=True)
class Field:
    label: str  # a marker that starts the value, unique across the catalog
    markdown: bool  # markdown fields also carry the javascript: link
    pages: tuple[str, ...]  # pages that must show the value literally

    @property
    def value(self) -> str:
        return f"{self.label} {HOSTILE}" + (f" {JS_LINK}" if self.markdown else "")


def _f(label: str, *pages: str, markdown: bool = False) -> Field:
    return Field(label, markdown, pages)


FIELDS = {
    f.label: f
    for f in (
        # mcauthor.yaml
        _f("CATTITLE", *EVERY),
        _f("CATDESC", HOME, markdown=True),
        _f("ISSUER", *EVERY),
        # the credential
        _f("TITLE", CREDENTIAL, HOME, STACK),
        _f("SUMMARY", CREDENTIAL, HOME),
        _f("STATEMENT", CREDENTIAL),
        _f("COMPTITLE", CREDENTIAL),
        _f("COMPBODY", CREDENTIAL, markdown=True),
        _f("AUTHOR", CREDENTIAL),
        _f("RTITLE", CREDENTIAL),
        _f("RSOURCE", CREDENTIAL),
        _f("RNOTE", CREDENTIAL, markdown=True),
        _f("RESTITLE", CREDENTIAL),
        _f("RESNOTE", CREDENTIAL, markdown=True),
        _f("EVTITLE", CREDENTIAL),
        _f("EVINSTR", CREDENTIAL, markdown=True),
        _f("PROMPT", CREDENTIAL),
        _f("CRITTITLE", CREDENTIAL),
        _f("DESCA", CREDENTIAL),
        _f("DESCB", CREDENTIAL),
        _f("DESCC", CREDENTIAL),
        _f("EARN", CREDENTIAL, markdown=True),
        _f("TAG", CREDENTIAL, HOME),
        _f("AUDIENCE", CREDENTIAL),
        _f("ALIGNMENT", CREDENTIAL),
        # the stack
        _f("STITLE", STACK, HOME, CREDENTIAL),
        _f("SSUMMARY", STACK, HOME),
        _f("SDESC", STACK, markdown=True),
    )
}
# The competency must stay one sentence starting "The educator" to pass lint.
COMPETENCY = f"The educator designs a task that shows {HOSTILE} to students"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def v(label: str) -> str:
    return q(FIELDS[label].value)


def write_catalog(root: Path, url: str = SAFE_URL, lint: str = "") -> None:
    """The hostile catalog; ``url`` goes into every URL field, ``lint`` into the config."""
    (root / "credentials").mkdir(parents=True)
    (root / "stacks").mkdir()
    (root / "mcauthor.yaml").write_text(
        f"""catalog:
  id: hostile
  title: {v("CATTITLE")}
  description: {q(FIELDS["CATDESC"].value + " " + SAFE_LINK)}
  language: en
issuer:
  name: {v("ISSUER")}
  url: {q(url)}
scales:
  demonstrated:
    - {{id: demonstrated, label: Demonstrated, passing: true}}
    - {{id: progressing, label: Progressing}}
    - {{id: not-met, label: Not met}}
build:
  out: site
{lint}""",
        "utf-8",
    )
    (root / "credentials" / "hostile.yaml").write_text(
        f"""id: hostile
title: {v("TITLE")}
status: published
summary: {v("SUMMARY")}
competency: {q(COMPETENCY)}
key_method:
  statement: {v("STATEMENT")}
  components:
    - title: {v("COMPTITLE")}
      body: {v("COMPBODY")}
  research: [hostile-1998]
research:
  - key: hostile-1998
    authors: [{v("AUTHOR")}]
    year: 1998
    title: {v("RTITLE")}
    source: {v("RSOURCE")}
    doi: 10.1080/0969595980050102
    note: {v("RNOTE")}
resources:
  - title: {v("RESTITLE")}
    url: {q(url)}
    kind: article
    note: {v("RESNOTE")}
evidence:
  - id: overview
    title: {v("EVTITLE")}
    kind: overview
    instructions: {v("EVINSTR")}
    prompts:
      - text: {v("PROMPT")}
rubric:
  scale: demonstrated
  criteria:
    - id: criterion
      evidence: overview
      title: {v("CRITTITLE")}
      descriptors:
        demonstrated: {v("DESCA")}
        progressing: {v("DESCB")}
        not-met: {v("DESCC")}
  earn: {v("EARN")}
hours: 10
tags: [{v("TAG")}]
audience: [{v("AUDIENCE")}]
alignments:
  - {{name: {v("ALIGNMENT")}, url: {q(url)}, framework: InTASC, code: "6"}}
""",
        "utf-8",
    )
    (root / "stacks" / "hostile-stack.yaml").write_text(
        f"""id: hostile-stack
title: {v("STITLE")}
summary: {v("SSUMMARY")}
description: {v("SDESC")}
credentials: [hostile]
""",
        "utf-8",
    )


@dataclass
class Page:
    """A page as html.parser sees it."""

    raw: str
    tags: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    text: str = ""  # all text outside <script>/<style>, character references resolved
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)  # attrs, body


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.chunks: list[str] = []
        self.raw_tag: str | None = None  # inside <script> or <style>
        self.raw_attrs: dict[str, str] = {}
        self.raw_body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = [(name, value or "") for name, value in attrs]
        self.page.tags.append((tag, pairs))
        if tag in ("script", "style"):
            self.raw_tag, self.raw_attrs, self.raw_body = tag, dict(pairs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == self.raw_tag:
            if tag == "script":
                self.page.scripts.append((self.raw_attrs, "".join(self.raw_body)))
            self.raw_tag = None

    def handle_data(self, data: str) -> None:
        if self.raw_tag:
            self.raw_body.append(data)
        else:
            self.chunks.append(data)


def parse(raw: str) -> Page:
    page = Page(raw)
    parser = _Parser(page)
    parser.feed(raw)
    parser.close()
    page.text = "".join(parser.chunks)
    return page


@dataclass(frozen=True)
class Site:
    root: Path
    out: Path
    pages: dict[str, Page]


def _build(base: Path, **catalog: str) -> Site:
    root = base / "catalog"
    write_catalog(root, **catalog)
    out = base / "out"
    build(root, out)
    pages = {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.html"))}
    return Site(root, out, {rel: parse(p.read_text("utf-8")) for rel, p in pages.items()})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def js_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """javascript: in every URL field. Lint refuses that (MC513), unless the catalog turns
    the rule off; the pages must still never link to it."""
    lint = 'lint:\n  rules: {MC513: "off"}\n'
    return _build(tmp_path_factory.mktemp("hostile-js"), url=JS_URL, lint=lint)


@pytest.mark.slow
def test_the_hostile_catalog_passes_lint(site: Site) -> None:
    """Otherwise the build would be refused and the other tests would test nothing."""
    result = lint(site.root)
    refusing = [d for d in result.diagnostics if d.severity.rank >= Severity.WARNING.rank]
    assert refusing == [], [f"{d.code} {d.message}" for d in refusing]
    assert set(EVERY) <= set(site.pages), sorted(site.pages)


@pytest.mark.parametrize("label", list(FIELDS))
def test_every_field_shows_literally(site: Site, label: str) -> None:
    f = FIELDS[label]
    for rel in f.pages:
        text = site.pages[rel].text
        assert f.value in text, f"{rel} does not show {label} literally"


def test_competency_shows_literally(site: Site) -> None:
    assert COMPETENCY in site.pages[CREDENTIAL].text


def _is_own_script(attrs: dict[str, str]) -> bool:
    return attrs.get("src", "").endswith("_static/site.js")


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@pytest.mark.parametrize("rel", EVERY)
def test_no_executable_markup(site: Site, rel: str) -> None:
    page = site.pages[rel]
    problems = []
    scripts = [dict(attrs) for tag, attrs in page.tags if tag == "script"]
    for attrs in scripts:
        if not _is_own_script(attrs) and attrs.get("type") not in (
            "application/json",
            "application/ld+json",
        ):
            problems.append(f"a script that is not the site's own: {attrs}")
    for attrs, body in page.scripts:
        if _is_own_script(attrs):
            if body.strip():
                problems.append(f"the site's script tag has a body: {body[:80]!r}")
        elif body.strip():
            json.loads(body)  # a data block must be plain JSON, nothing that broke out
    # Raw text: every "<script" is one of the tags above (none hides in text or comments).
    assert len(re.findall(r"<script", page.raw, flags=re.I)) == len(scripts)
    for tag, attrs in page.tags:
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}={value!r}>: inline event handler")
            if name in URL_ATTRIBUTES:
                cleaned = _CONTROL.sub("", value).lower()
                if cleaned.startswith(("javascript:", "vbscript:", "data:text/html")):
                    problems.append(f"<{tag} {name}={value!r}>: script URL")
        if tag in ("iframe", "object", "embed", "base"):
            problems.append(f"<{tag}> from catalog text")
        if tag == "img" and dict(attrs).get("src") == "x":
            problems.append("<img src=x> from catalog text")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
    lowered = page.raw.lower()
    for needle in ('href="javascript:', "href='javascript:", "href=javascript:"):
        if needle in lowered:
            problems.append(f"{needle!r} in the page source")
    for payload in PAYLOADS:
        if payload.startswith(("<", '"')) and payload in page.raw:
            problems.append(f"unescaped {payload!r}")
    assert not problems, f"{rel}:\n" + "\n".join(problems)


@pytest.mark.parametrize("rel", EVERY)
def test_template_syntax_in_catalog_text_is_not_evaluated(site: Site, rel: str) -> None:
    text = site.pages[rel].text
    for payload in ("{{ 7*7 }}", "{% raw %}", "{# x #}"):
        assert payload in text, f"{rel}: {payload!r} is not shown literally"
    assert "49" not in text, f"{rel}: {{{{ 7*7 }}}} became 49"


def test_javascript_markdown_links_stay_text(site: Site) -> None:
    for rel in EVERY:
        page = site.pages[rel]
        hrefs = [value for _, attrs in page.tags for name, value in attrs if name == "href"]
        assert not [h for h in hrefs if "alert" in h], rel
    assert JS_LINK in site.pages[CREDENTIAL].text  # shown as its source text


def test_javascript_url_fields_never_become_links(js_site: Site) -> None:
    """Resource, alignment and issuer URLs of javascript:alert(1), with MC513 off."""
    assert not lint(js_site.root).diagnostics  # only because MC513 is off
    for rel in EVERY:
        page = js_site.pages[rel]
        bad = [
            f"<{tag} {name}={value!r}>"
            for tag, attrs in page.tags
            for name, value in attrs
            if name in URL_ATTRIBUTES and "alert" in value
        ]
        assert not bad, f"{rel}: {bad}"
    credential = js_site.pages[CREDENTIAL]
    # The resource and the alignment are still listed, as text.
    assert FIELDS["RESTITLE"].value in credential.text
    assert FIELDS["ALIGNMENT"].value in credential.text
    assert FIELDS["ISSUER"].value in js_site.pages[HOME].text


@pytest.mark.parametrize("rel", EVERY)
def test_no_executable_markup_with_javascript_urls(js_site: Site, rel: str) -> None:
    test_no_executable_markup(js_site, rel)


def test_safe_links_still_work(site: Site) -> None:
    """Control: the checks above would see a link if there was one."""
    hrefs = [value for _, attrs in site.pages[HOME].tags for name, value in attrs if name == "href"]
    assert "https://example.org/safe" in hrefs
    assert any(_is_own_script(dict(attrs)) for tag, attrs in site.pages[HOME].tags)


def test_the_site_script_never_turns_text_into_html(site: Site) -> None:
    """The pages' data-* attributes hold catalog text; site.js must treat it as text."""
    script = (site.out / "_static" / "site.js").read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, f"site.js uses {sink}"
    assert "new Function" not in script
