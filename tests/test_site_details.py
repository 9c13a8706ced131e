"""The site's details, from the built HTML: tag words, the favicon, Open Graph and Twitter
tags, and the 404 page's links from the site's path on its host. (The same details in a
real browser: tests/test_browser.py; Lighthouse's scores: tests/test_lighthouse.py.)

Every test builds a copy of the sample catalog for real; catalog text is hostile where it
can be (titles, tag words), and must come out escaped.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mcauthor.build import build
from mcauthor.lint import lint
from mcauthor.present import tag_words
from mcauthor.site.pages import favicon_svg, initials
from mcauthor.views import site_path

from conftest import codes, copy_sample, edit


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A real 1x1 PNG: the PDF guides embed the logo too.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + _chunk(b"IDAT", zlib.compress(b"\x00\x0c\x54\x65"))
    + _chunk(b"IEND", b"")
)
CREDENTIAL = "calibrating-scoring"
HOSTILE = "\"><script>alert('x')</script>&amp;"


class Head(HTMLParser):
    """The <meta>, <link> and every href/src of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, dict[str, str]] = {}
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        if tag == "link" and "rel" in values:
            self.links[values["rel"]] = values
        self.urls += [v for k, v in values.items() if k in ("href", "src")]


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def built(tmp_path: Path, config: dict[str, str] | None = None, **files: bytes) -> Path:
    """Build a copy of the sample with lines of mcauthor.yaml replaced (old -> new) and
    extra files; return the output folder."""
    root = copy_sample(tmp_path / "catalog")
    for old, new in (config or {}).items():
        edit(root / "mcauthor.yaml", old, new)
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return build(root, tmp_path / "out", incremental=False, guides=False).out


# -- the pieces --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "labels", "shown"),
    [
        ("formative-assessment", {}, "Formative assessment"),
        ("self-assessment", {"self-assessment": "Self-assessment"}, "Self-assessment"),
        ("k12", {"k12": "  K–12  "}, "K–12"),
        ("scoring", {"scoring": "   "}, "Scoring"),  # blank words: the slug's own
        ("K-12 teachers", {}, "K-12 teachers"),  # not a slug: as written
        ("über-mind", {}, "über-mind"),
    ],
)
def test_tag_words(tag: str, labels: dict[str, str], shown: str) -> None:
    assert tag_words(tag, labels) == shown


@pytest.mark.parametrize(
    ("base_url", "path"),
    [
        (None, "/"),
        ("https://credentials.example.org/cce/", "/cce/"),
        ("https://credentials.example.org/cce", "/cce/"),
        ("https://credentials.example.org", "/"),
        ("https://example.org/a/./b//c/", "/a/b/c/"),
        ("https://example.org//evil.example/", "/evil.example/"),  # never "//host"
        ('https://example.org/a\\b/"q"/', "/a%5Cb/%22q%22/"),
    ],
)
def test_site_path(base_url: str | None, path: str) -> None:
    assert site_path(base_url) == path


def test_favicon_initials_escaped_and_stable() -> None:
    assert initials("Performance Assessment for Learning") == "PA"
    assert initials("The Art of Feedback") == "AF"
    assert initials("École") == "É"
    assert initials("2025 — ???") == "MC"
    svg = favicon_svg("<Script> & Co")
    assert svg == favicon_svg("<Script> & Co")
    assert b"<Script" not in svg and b">S&amp;</text>" not in svg
    assert svg.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"') and b"href" not in svg


# -- the built site ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("site-details"))


def test_sample_head_tags(sample_out: Path) -> None:
    """Every page has the favicon, the Open Graph and Twitter tags of its own title and
    description; pages with a canonical address share it (absolute, from base_url)."""
    assert (sample_out / "favicon.svg").read_bytes() == favicon_svg(
        "Performance Assessment for Learning"
    )
    pages = sorted(p.relative_to(sample_out).as_posix() for p in sample_out.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        found = head(sample_out / page)
        depth = "../" * page.count("/")
        icon = "/cce/favicon.svg" if page == "404.html" else depth + "favicon.svg"
        assert found.links["icon"] == {"rel": "icon", "href": icon, "type": "image/svg+xml"}
        meta = found.meta
        for key in ("og:title", "og:description", "og:site_name", "twitter:title"):
            assert meta[key].strip(), f"{page}: empty {key}"
        assert meta["og:description"] == meta["description"] == meta["twitter:description"]
        assert meta["twitter:card"] == "summary" and meta["og:type"] == "website"
        canonical = found.links.get("canonical", {}).get("href")
        assert meta.get("og:url") == canonical, page
        if page != "404.html":
            assert canonical and canonical.startswith("https://credentials.example.org/cce/")


def test_not_found_page_links_from_the_base_path(sample_out: Path) -> None:
    """404.html may be shown at any address: every link and asset starts from the path
    of catalog.base_url (/cce/), except fragments and other hosts."""
    urls = head(sample_out / "404.html").urls
    local = [u for u in urls if not u.startswith(("#", "https://", "mailto:"))]
    assert local and all(u.startswith("/cce/") for u in local), local
    for url in local:
        assert (sample_out / url.split("#")[0].removeprefix("/cce/")).is_file(), url


def test_not_found_page_without_base_url_links_from_the_host_root(tmp_path: Path) -> None:
    out = built(tmp_path, {"  base_url: https://credentials.example.org/cce/\n": ""})
    found = head(out / "404.html")
    local = [u for u in found.urls if not u.startswith(("#", "https://", "mailto:"))]
    assert local and all(u.startswith("/") and not u.startswith("//") for u in local), local
    assert "og:url" not in found.meta and "canonical" not in found.links


def test_tag_words_from_the_config_escaped(tmp_path: Path) -> None:
    """`tags:` in mcauthor.yaml names what chips and the tag filter show; catalog text
    (here markup) is escaped wherever it lands."""
    words = f"Scoring {HOSTILE}"
    out = built(
        tmp_path,
        {"  self-regulation: Self-regulation\n": f"  scoring: {json.dumps(words)}\n"},
    )
    home = (out / "index.html").read_text("utf-8")
    page = (out / "credentials" / CREDENTIAL / "index.html").read_text("utf-8")
    escaped = "Scoring &#34;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;"
    assert f'<li class="tag">{escaped}</li>' in page
    assert f'<option value="scoring">{escaped} (1)</option>' in home
    assert "<script>alert" not in home + page
    # Tags the map does not name show their words; the filter still uses the slug.
    assert '<option value="task-design">Task design (3)</option>' in home


def test_tag_words_must_be_text(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    edit(root / "mcauthor.yaml", "  self-regulation: Self-regulation\n", "  scoring: [1, 2]\n")
    assert "MC051" in codes(lint(root))


def test_logo_and_badge_images_are_shared(tmp_path: Path) -> None:
    """With a logo it is the favicon (no generated one) and the pages' sharing image; a
    credential with a badge image shares the badge, absolute under base_url."""
    title = f"Performance {HOSTILE}"
    out = built(
        tmp_path,
        {
            "  name: Center for Collaborative Education\n": (
                "  name: Center for Collaborative Education\n  logo: assets/logo.png\n"
            ),
            "  title: Performance Assessment for Learning\n": f"  title: {json.dumps(title)}\n",
        },
        **{"assets/logo.png": PNG, "assets/badge.png": PNG},
    )
    assert not (out / "favicon.svg").exists()
    home = head(out / "index.html")
    assert home.links["icon"]["href"] == "assets/logo.png"
    assert home.links["icon"]["type"] == "image/png"
    logo = "https://credentials.example.org/cce/assets/logo.png"
    assert home.meta["og:image"] == home.meta["twitter:image"] == logo
    assert home.meta["og:site_name"] == title  # parsed back: it was escaped in the file
    text = (out / "index.html").read_text("utf-8")
    assert "<script>alert" not in text and "&#34;&gt;&lt;script&gt;" in text

    not_found = head(out / "404.html")
    assert not_found.links["icon"]["href"] == "/cce/assets/logo.png"
    assert not_found.meta["og:image"] == logo


def with_badge(tmp_path: Path, name: str) -> Path:
    """The sample catalog with a badge image `assets/<name>` on one credential."""
    root = copy_sample(tmp_path / "catalog")
    (root / "assets").mkdir()
    (root / "assets" / name).write_bytes(PNG)
    cred = root / "credentials" / f"{CREDENTIAL}.yaml"
    cred.write_text(cred.read_text("utf-8") + f'image: "./assets/{name}"\n', "utf-8")
    return root


def test_badge_image_is_the_credentials_sharing_image(tmp_path: Path) -> None:
    root = with_badge(tmp_path, "badge.png")
    out = build(root, tmp_path / "out", incremental=False, guides=False).out
    found = head(out / "credentials" / CREDENTIAL / "index.html")
    badge = "https://credentials.example.org/cce/assets/badge.png"
    assert found.meta["og:image"] == found.meta["twitter:image"] == badge
    assert re.fullmatch(r"Badge for .+", found.meta["og:image:alt"])
    # Without base_url the address is relative to the page.
    edit(root / "mcauthor.yaml", "  base_url: https://credentials.example.org/cce/\n", "")
    out = build(root, tmp_path / "out2", incremental=False, guides=False).out
    found = head(out / "credentials" / CREDENTIAL / "index.html")
    assert found.meta["og:image"] == "../../assets/badge.png"
    assert "og:image" not in head(out / "index.html").meta  # no logo


def test_a_sharing_image_address_is_percent_encoded(tmp_path: Path) -> None:
    root = with_badge(tmp_path, "my badge #1.png")
    out = build(root, tmp_path / "out", incremental=False, guides=False).out
    found = head(out / "credentials" / CREDENTIAL / "index.html")
    badge = "https://credentials.example.org/cce/assets/my%20badge%20%231.png"
    assert found.meta["og:image"] == found.meta["twitter:image"] == badge


def test_preview_not_found_page_links_from_the_preview_root(tmp_path: Path) -> None:
    """`mcauthor serve` serves the site at its own root, whatever base_url's path."""
    root = copy_sample(tmp_path / "catalog")
    out = build(root, tmp_path / "out", incremental=False, guides=False, preview=True).out
    local = [u for u in head(out / "404.html").urls if u.startswith("/")]
    assert "/index.html" in local and "/_static/site.css" in local
    assert not [u for u in local if u.startswith("/cce/")], local


@pytest.mark.parametrize(
    "template",
    [
        "{{ x }}",
        "{{ x|trim }}",
        "{{ x|trim|safe }}",
        "{{ x|string|safe }}",
        "{{ x|replace('b', 'c')|safe }}",
        "{{ (x ~ '')|safe }}",
        "{% autoescape false %}{{ x }}{% endautoescape %}",
    ],
)
def test_a_markdown_field_stays_html_whatever_an_override_does(template: str) -> None:
    """A catalog's own template (sandboxed) gets a markdown field as HTML, never as the
    catalog's raw text: HTML in the YAML stays escaped through any filter."""
    from jinja2.sandbox import SandboxedEnvironment

    from mcauthor.views import Markdown

    field = Markdown("<img src=x onerror=alert(1)> **bold**")
    shown = SandboxedEnvironment(autoescape=True).from_string(template).render(x=field)
    assert "<img" not in shown and "&lt;img" in shown
    assert "<strong>" in shown  # the markdown is rendered, not shown as source
