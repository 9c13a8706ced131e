"""The built website in a real browser (Playwright driving Debian's Chromium).

The sample catalog is built once per session, then served three ways: over http from
127.0.0.1 at the path of its base_url (/cce/), over http under another sub-path
(/sub/path/), and straight from disk (file://). The server answers a missing address
with the site's 404.html and status 404, as static hosts do.
What the filters should show is computed from the catalog's YAML (browser_support.Sample),
independently of the build.

No browser is ever downloaded. Without Chromium these tests skip, or fail when CI is set.
Screenshots go to /tmp/browser-shots/; the desktop home and credential shots are also
copied (clipped) to docs/screenshots/ for the README when MCAUTHOR_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit
from urllib.request import url2pathname

import pytest

from browser_support import (
    SHOTS,
    VIEWPORTS,
    Sample,
    browser_unavailable,
    count_message,
    launch_chromium,
    load_sample,
    serve,
    tag_label,
)
from mcauthor.build import build

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the chromium fixture skips, or fails in CI, with the reason
    expect = sync_playwright = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "catalog"
DOCS_SHOTS = REPO / "docs" / "screenshots"
ORIGINS = ["http", "sub-path", "file"]
TIMEOUT_MS = 5000

# The page of each type the per-page tests open (paths relative to the site root).
CREDENTIAL = "calibrating-scoring"
STACK = "basic-performance-assessment-design"
PAGES = {
    "home": "index.html",
    "credential": f"credentials/{CREDENTIAL}/index.html",
    "stack": f"stacks/{STACK}/index.html",
    "404": "404.html",
}

# A real browser takes seconds per test (over a minute in all): out of the quick loop.
pytestmark = pytest.mark.slow

# -- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample() -> Sample:
    return load_sample(SAMPLE)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, sample: Sample) -> Path:
    """Build the sample once: <tmp>/site (for file://) and <tmp>/hosted, which holds the
    site at the path of its base_url (cce/) and a second copy under sub/path/ (both
    served by one server)."""
    root = tmp_path_factory.mktemp("browser-site")
    site = root / "site"
    build(SAMPLE, site, incremental=False)
    shutil.copytree(site, root / "hosted" / sample.site_path.strip("/"))
    shutil.copytree(site, root / "hosted" / "sub" / "path")
    return root


@pytest.fixture(scope="module")
def server(built_site: Path, sample: Sample) -> Iterator[str]:
    hosted = built_site / "hosted"
    with serve(hosted, not_found=hosted / sample.site_path.strip("/") / "404.html") as origin:
        yield origin


@pytest.fixture(scope="module")
def bases(server: str, built_site: Path, sample: Sample) -> dict[str, str]:
    """Each origin's site root URL, ending in '/'."""
    return {
        "http": f"{server}{sample.site_path}",
        "sub-path": f"{server}/sub/path/",
        "file": (built_site / "site").as_uri() + "/",
    }


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if sync_playwright is None:
        browser_unavailable("the playwright package is not installed (pip install -e '.[test]')")
    try:
        manager = sync_playwright().start()
    except Exception as exc:
        browser_unavailable(f"Playwright did not start: {exc}")
    try:
        browser = launch_chromium(manager)
    except BaseException:
        manager.stop()
        raise
    yield browser
    browser.close()
    manager.stop()


class Tab:
    """A page in a fresh browser context that records its requests and console errors."""

    def __init__(self, browser: Any, viewport: str) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport])
        self.context.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("requestfailed", self._failed)
        self.context.on(
            "response",
            lambda r: r.status >= 400 and self.failed.append(f"{r.url}: HTTP {r.status}"),
        )
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda m: m.type == "error" and self.errors.append(f"console: {m.text} @ {m.location}"),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def _failed(self, request: Any) -> None:
        # Chromium loads the favicon after the page and drops it when the next page opens
        # first (net::ERR_ABORTED): a navigation, not a missing file.
        if request.url.endswith("/favicon.svg") and request.failure == "net::ERR_ABORTED":
            return
        self.failed.append(f"{request.url}: {request.failure}")

    def goto(self, url: str, wait_until: str = "load") -> Any:
        response = self.page.goto(url, wait_until=wait_until)
        if url.startswith("http"):
            assert response is not None and response.status == 200, (
                f"{url}: HTTP {response.status if response else 'no response'}"
            )
        return response


@pytest.fixture
def new_tab(chromium: Any) -> Iterator[Callable[..., Tab]]:
    tabs: list[Tab] = []

    def make(viewport: str = "desktop") -> Tab:
        tab = Tab(chromium, viewport)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.context.close()


# -- 1. the home page's search and filters -------------------------------------------------

VISIBLE_IDS = "els => els.filter(el => el.checkVisibility()).map(el => el.dataset.id)"


def visible_ids(page: Any) -> set[str]:
    return set(page.locator("#card-list [data-card]").evaluate_all(VISIBLE_IDS))


def assert_shown(page: Any, expected: set[str], total: int, what: str) -> None:
    """Wait (the search box is debounced) until the cards and the live count settle on
    `expected`; fail with what the page shows instead."""
    message = count_message(len(expected), total)
    count = page.locator("#result-count")
    deadline = time.monotonic() + 3
    while True:
        shown, text = visible_ids(page), count.text_content().strip()
        if shown == expected and text == message:
            break
        if time.monotonic() > deadline:
            pytest.fail(
                f"{what}: expected {sorted(expected)} and {message!r}; "
                f"the page shows {sorted(shown)} and {text!r}",
                pytrace=False,
            )
        page.wait_for_timeout(50)
    no_results = page.locator("#no-results")
    if expected:
        expect(no_results).to_be_hidden()
    else:
        expect(no_results).to_be_visible()
        expect(no_results).to_contain_text("No micro-credential matches these filters")


def search(page: Any, text: str) -> None:
    box = page.locator("#filter-q")
    box.fill("")
    box.press_sequentially(text)


def option_values(page: Any, select: str) -> list[str]:
    return page.locator(f"{select} option").evaluate_all("os => os.map(o => o.value)")


def test_search_and_filters(
    new_tab: Callable[..., Tab], bases: dict[str, str], sample: Sample
) -> None:
    """Every filter value over http; test_offline_and_quiet filters from file:// and the
    sub-path too."""
    page = new_tab().page
    page.goto(bases["http"] + "index.html")
    total = len(sample.creds)
    expect(page.locator("#filters")).to_be_visible()  # site.js un-hides the form
    expect(page.locator("#result-count")).to_have_attribute("aria-live", "polite")
    assert_shown(page, set(sample.creds), total, "on load")

    # Free text: the words of a title, a summary-only word, a tag, several words at once.
    calibrating = sample.expect(q="Calibrating")
    assert CREDENTIAL in calibrating and len(calibrating) < total
    queries = ["Calibrating", "anchor", "self-regulation", "HABITS teaching", "  dispositions  "]
    for q in queries:
        expected = sample.expect(q=q)
        assert expected, f"the sample no longer has a match for {q!r}: pick another word"
        search(page, q)
        assert_shown(page, expected, total, f"search {q!r}")
    search(page, "")
    assert_shown(page, set(sample.creds), total, "empty search")

    # Each select, every value it offers; the options themselves come from the catalog.
    tags = sorted({t for c in sample.creds.values() for t in c.tags})
    assert option_values(page, "#filter-tag") == ["", *tags]
    for tag in tags:
        page.select_option("#filter-tag", tag)
        assert_shown(page, sample.expect(tag=tag), total, f"tag {tag!r}")
    page.select_option("#filter-tag", "")

    stacks = option_values(page, "#filter-stack")
    unstacked = any(not c.stacks for c in sample.creds.values())
    assert sorted(stacks) == sorted(["", *sample.stacks, *(["-"] if unstacked else [])])
    for stack in stacks[1:]:
        page.select_option("#filter-stack", stack)
        assert_shown(page, sample.expect(stack=stack), total, f"stack {stack!r}")
    page.select_option("#filter-stack", "")

    offered = option_values(page, "#filter-hours")
    hours = sorted({c.hours for c in sample.creds.values() if c.hours is not None})
    assert [float(v) for v in offered[1:]] == hours and offered[0] == ""
    for value in offered[1:]:
        page.select_option("#filter-hours", value)
        assert_shown(page, sample.expect(hours=float(value)), total, f"up to {value} hours")
    page.select_option("#filter-hours", "")

    statuses = option_values(page, "#filter-status")
    assert sorted(statuses[1:]) == sorted({c.status for c in sample.creds.values()})
    for status in statuses[1:]:
        page.select_option("#filter-status", status)
        assert_shown(page, sample.expect(status=status), total, f"status {status!r}")

    # Filters combine; "Clear filters" resets every control and shows every card.
    search(page, "assessment")
    page.select_option("#filter-tag", "performance-assessment")
    page.select_option("#filter-hours", offered[-2])
    combined = sample.expect(
        q="assessment", tag="performance-assessment", hours=float(offered[-2]), status=statuses[-1]
    )
    assert combined and len(combined) < total
    assert_shown(page, combined, total, "search + tag + hours + status")
    page.locator("#filters").get_by_role("button", name="Clear filters").click()
    assert_shown(page, set(sample.creds), total, "after Clear filters")
    for control in ("#filter-q", "#filter-tag", "#filter-stack", "#filter-hours", "#filter-status"):
        expect(page.locator(control)).to_have_value("")

    # No match: the message shows, and its own button clears and returns to the search box.
    assert sample.expect(q="zebra quasar") == set()
    search(page, "zebra quasar")
    assert_shown(page, set(), total, "no-match search")
    page.locator("#no-results").get_by_role("button", name="Clear filters").click()
    assert_shown(page, set(sample.creds), total, "after the no-results Clear filters")
    expect(page.locator("#filter-q")).to_be_focused()
    expect(page.locator("#filter-q")).to_have_value("")


# -- 2. following links by clicking ------------------------------------------------------


@pytest.mark.parametrize("origin", ORIGINS)
def test_follow_links(
    new_tab: Callable[..., Tab], bases: dict[str, str], sample: Sample, origin: str
) -> None:
    base = bases[origin]
    page = new_tab().page
    page.goto(base + "index.html")
    home_title = page.locator("h1").text_content().strip()

    cred = sample.creds[CREDENTIAL]
    page.locator("#card-list").get_by_role("link", name=cred.title, exact=True).click()
    expect(page).to_have_url(f"{base}credentials/{cred.id}/index.html")
    expect(page.locator("h1")).to_have_text(cred.title)

    stack = sample.stacks[cred.stacks[0]]
    page.locator("#related").get_by_role("link", name=stack.title, exact=True).click()
    expect(page).to_have_url(f"{base}stacks/{stack.id}/index.html")
    expect(page.locator("h1")).to_have_text(stack.title)
    # The stack page lists its credentials in the YAML's earning order.
    expect(page.locator("#credentials .card-title a")).to_have_text(
        [sample.creds[c].title for c in stack.credentials]
    )

    other = sample.creds[next(c for c in stack.credentials if c != cred.id)]
    page.locator("#credentials").get_by_role("link", name=other.title, exact=True).click()
    expect(page).to_have_url(f"{base}credentials/{other.id}/index.html")
    expect(page.locator("h1")).to_have_text(other.title)

    page.locator(".breadcrumb").get_by_role("link", name="Catalog home").click()
    expect(page).to_have_url(f"{base}index.html")
    expect(page.locator("h1")).to_have_text(home_title)


# -- 3. no link leads to a missing page ---------------------------------------------------

LINKS = r"""() => Array.from(
  document.querySelectorAll('a[href], link[href], script[src], img[src]'),
  el => {
    const attr = el.hasAttribute('href') ? 'href' : 'src';
    const raw = el.getAttribute(attr);
    return {tag: el.tagName.toLowerCase(), raw: raw, url: new URL(raw, document.baseURI).href,
            text: el.textContent.trim().replace(/\s+/g, ' ')};
  })"""
IDS = "() => Array.from(document.querySelectorAll('[id], a[name]'), e => e.id || e.name)"


def expected_pages(base: str, sample: Sample, not_found: bool) -> set[str]:
    return {
        base + "index.html",
        *([base + "404.html"] if not_found else []),
        *(f"{base}credentials/{c}/index.html" for c in sample.creds),
        *(f"{base}stacks/{s}/index.html" for s in sample.stacks),
    }


@pytest.mark.parametrize("origin", ORIGINS)
def test_no_broken_links(
    new_tab: Callable[..., Tab], bases: dict[str, str], sample: Sample, origin: str
) -> None:
    base = bases[origin]
    tab = new_tab()
    site_origin = "file://" if origin == "file" else base[: base.index("/", len("http://"))]
    # Nothing links to the 404 page. Its links start from the site's path on its host
    # (/cce/), so it is crawled where the site is served at that path: test_not_found
    # checks it at a nested address.
    not_found = origin == "http"
    queue = deque([base + "index.html", *([base + "404.html"] if not_found else [])])
    pages: set[str] = set()
    assets: dict[str, str] = {}  # url -> the page that links to it
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (target page, #id, from page)
    problems: list[str] = []
    # A link that reads as a credential's or a stack's title must lead to that page.
    titled = {c.title: f"{base}credentials/{c.id}/index.html" for c in sample.creds.values()}
    titled |= {s.title: f"{base}stacks/{s.id}/index.html" for s in sample.stacks.values()}

    while queue:
        url = queue.popleft()
        if url in pages:
            continue
        pages.add(url)
        if origin == "file" and not Path(url2pathname(urlsplit(url).path)).is_file():
            problems.append(f"{url}: no such file")
            continue
        try:
            tab.goto(url, wait_until="domcontentloaded")
        except AssertionError as exc:
            problems.append(str(exc))
            continue
        ids[url] = set(tab.page.evaluate(IDS))
        for link in tab.page.evaluate(LINKS):
            target, fragment = urldefrag(link["url"])
            if not target.startswith(site_origin):
                continue  # another host (the issuer, the license): not crawled
            where = f"<{link['tag']} {link['raw']!r}> on {url}"
            if not target.startswith(base):
                problems.append(f"{where} leaves the site root {base}")
                continue
            if link["tag"] == "a" and target.endswith("/"):
                problems.append(f"{where} names a folder (breaks from file://)")
            if link["tag"] == "a" and titled.get(link["text"], target) != target:
                problems.append(f"{where} reads {link['text']!r} but does not lead to its page")
            if fragment:
                fragments.append((target, unquote(fragment), url))
            if target.endswith(".html"):
                queue.append(target)
            else:
                assets.setdefault(target, url)

    missing = expected_pages(base, sample, not_found) - pages
    assert not missing, f"pages not reachable from index.html: {sorted(missing)}"
    assert len(assets) >= 2, f"expected at least site.css and site.js, found {sorted(assets)}"
    for url, linked_from in sorted(assets.items()):
        if origin == "file":
            ok = Path(url2pathname(urlsplit(url).path)).is_file()
            status = "no such file"
        else:
            status = tab.page.request.get(url).status
            ok = status == 200
        if not ok:
            problems.append(f"{url} (linked from {linked_from}): {status}")
    for target, fragment, linked_from in fragments:
        if target in ids and fragment not in ids[target]:
            problems.append(f"#{fragment} on {linked_from}: no such id on {target}")
    assert not problems, "broken links:\n" + "\n".join(problems)


# -- 4. accessibility (axe-core) ------------------------------------------------------------


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGES)
def test_accessibility(
    new_tab: Callable[..., Tab], bases: dict[str, str], kind: str, viewport: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    tab = new_tab(viewport)
    tab.goto(bases["http"] + PAGES[kind])
    violations = Axe().run(tab.page).response["violations"]
    if violations:
        print(f"axe on {kind} at {viewport}:\n{describe(violations)}")
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, (
        f"axe found serious/critical violations on the {kind} page ({viewport}):\n"
        f"{describe(bad)}\n\nAll violations:\n{describe(violations)}"
    )
    # And nothing makes a phone (or desktop) scroll sideways.
    overflow = tab.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the {kind} page is {overflow}px wider than the {viewport} viewport"


# -- 5. screenshots ------------------------------------------------------------------------

DOCS_CLIPS = {"home": ("home.png", 1600), "credential": ("credential.png", 1800)}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots(new_tab: Callable[..., Tab], bases: dict[str, str], viewport: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab = new_tab(viewport)
    for kind, path in PAGES.items():
        tab.goto(bases["http"] + path)
        shot = SHOTS / f"{kind}-{viewport}.png"
        shot.unlink(missing_ok=True)
        tab.page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{shot} is not a PNG"
        # The README's screenshots are refreshed on request only, so that running the
        # tests never changes tracked files: MCAUTHOR_UPDATE_SCREENSHOTS=1 pytest ...
        refresh = os.environ.get("MCAUTHOR_UPDATE_SCREENSHOTS") == "1"
        if refresh and viewport == "desktop" and kind in DOCS_CLIPS:
            name, limit = DOCS_CLIPS[kind]
            height = tab.page.evaluate("() => document.documentElement.scrollHeight")
            width = VIEWPORTS[viewport]["width"]
            DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
            tab.page.screenshot(
                path=str(DOCS_SHOTS / name),
                full_page=True,
                clip={"x": 0, "y": 0, "width": width, "height": min(limit, height)},
            )
            assert (DOCS_SHOTS / name).stat().st_size > 0


# -- 6. no console errors, no request to another host --------------------------------------


@pytest.mark.parametrize("origin", ORIGINS)
def test_offline_and_quiet(
    new_tab: Callable[..., Tab], bases: dict[str, str], sample: Sample, origin: str
) -> None:
    base = bases[origin]
    local = "file://" if origin == "file" else base[: base.index("/", len("http://")) + 1]
    tab = new_tab("phone")
    total = len(sample.creds)
    for path in PAGES.values():
        if path == "404.html" and origin == "file":
            continue  # its links start from the host's /cce/, which file:// does not have
        tab.goto(base + path)
        if path == "index.html":  # the filters work from here too
            page = tab.page
            search(page, "habits")
            page.select_option("#filter-tag", "dispositions")
            expected = sample.expect(q="habits", tag="dispositions")
            assert 0 < len(expected) < total
            assert_shown(page, expected, total, f"search and tag from {base}")
            page.locator("#filters").get_by_role("button", name="Clear filters").click()
            assert_shown(page, set(sample.creds), total, f"Clear filters from {base}")
    assert any(u.endswith("_static/site.css") for u in tab.requests), tab.requests
    assert any(u.endswith("_static/site.js") for u in tab.requests), tab.requests
    foreign = [u for u in tab.requests if not u.startswith(local)]
    assert not foreign, f"requests that leave {local}: {foreign}"
    assert not tab.failed, f"failed requests: {tab.failed}"
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)


# -- 7. site details: the 404 page, favicon, sharing tags, filters in the address, the
#       pathway on a phone, tag words ---------------------------------------------------


def test_not_found_at_a_nested_address(
    new_tab: Callable[..., Tab], server: str, bases: dict[str, str], sample: Sample
) -> None:
    """A host shows 404.html at any missing address: deep down it still loads its
    stylesheet, script and icon, and its home link leads to the catalog's home page."""
    base = bases["http"]
    tab = new_tab("phone")
    missing = f"{base}no/such/credential/here/index.html"
    response = tab.page.goto(missing)
    assert response is not None and response.status == 404
    expect(tab.page.locator("h1")).to_have_text("Page not found")
    # Styled: the stylesheet's custom property and its layout are in force.
    accent = tab.page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"
    )
    assert accent == "#0c5465", "the 404 page loaded without its stylesheet"
    expect(tab.page.locator(".skip-link")).not_to_be_in_viewport()  # hidden until focused
    assert [u for u in tab.failed if not u.startswith(missing)] == []
    for asset in ("_static/site.css", "_static/site.js"):
        assert base + asset in tab.requests, f"{asset} not loaded: {tab.requests}"
    icon = tab.page.locator('link[rel="icon"]').evaluate("el => el.href")
    assert tab.page.request.get(icon).status == 200, icon
    # The one error the console may show: the missing page's own status.
    assert [e for e in tab.errors if f"'url': '{missing}'" not in e] == []

    tab.page.get_by_role("link", name="Go to the catalog home page").click()
    expect(tab.page).to_have_url(base + "index.html")
    expect(tab.page.locator("h1")).to_have_text(sample.title)
    # The same at a missing address outside any folder the site has.
    response = tab.page.goto(f"{server}/nowhere")
    assert response is not None and response.status == 404
    tab.page.locator("nav.site-nav").get_by_role("link", name="Home").click()
    expect(tab.page).to_have_url(base + "index.html")


HEAD_TAGS = """() => {
  const meta = {};
  document.querySelectorAll('meta[property], meta[name]').forEach(m => {
    meta[m.getAttribute('property') || m.getAttribute('name')] = m.getAttribute('content');
  });
  const icon = document.querySelector('link[rel="icon"]');
  const canonical = document.querySelector('link[rel="canonical"]');
  return {meta: meta, title: document.title,
          description: document.querySelector('meta[name="description"]').content,
          icon: icon && icon.href, iconType: icon && icon.type,
          canonical: canonical && canonical.href};
}"""


@pytest.mark.parametrize("kind", PAGES)
def test_favicon_and_sharing_tags(
    new_tab: Callable[..., Tab], bases: dict[str, str], sample: Sample, kind: str
) -> None:
    tab = new_tab()
    tab.goto(bases["http"] + PAGES[kind])
    head = tab.page.evaluate(HEAD_TAGS)
    # The favicon: the catalog's own (generated, no logo in the sample), served as SVG.
    assert head["icon"] == bases["http"] + "favicon.svg" and head["iconType"] == "image/svg+xml"
    icon = tab.page.request.get(head["icon"])
    assert icon.status == 200 and icon.body().startswith(b"<svg"), head["icon"]
    assert b">PA</text>" in icon.body()  # Performance Assessment for Learning
    # Open Graph and Twitter: the page's own title and description.
    meta = head["meta"]
    assert meta["og:type"] == "website" and meta["twitter:card"] == "summary"
    assert meta["og:site_name"] == sample.title
    assert meta["og:title"] == meta["twitter:title"] == head["title"]
    assert meta["og:description"] == meta["twitter:description"] == head["description"]
    assert head["description"].strip()
    # og:url is the canonical address, absolute (the sample has a base_url); the 404
    # page has neither.
    if kind == "404":
        assert head["canonical"] is None and "og:url" not in meta
    else:
        assert meta["og:url"] == head["canonical"]
        assert meta["og:url"].startswith("https://credentials.example.org/cce/")
    if kind == "credential":  # its drawn badge (the sample gives no image of its own)
        badge = "https://credentials.example.org/cce/badges/" + PAGES[kind].split("/")[1] + ".png"
        assert meta["og:image"] == meta["twitter:image"] == badge
        served = tab.page.request.get(bases["http"] + badge.split("/cce/")[1])
        assert served.status == 200 and served.body().startswith(b"\x89PNG")
    else:
        assert "og:image" not in meta  # no logo in the sample


def control_values(page: Any) -> dict[str, str]:
    return {
        name: page.locator(f"#filter-{name}").input_value()
        for name in ("q", "tag", "stack", "hours", "status")
    }


@pytest.mark.parametrize("origin", ["http", "file"])
def test_filters_kept_in_the_address(
    new_tab: Callable[..., Tab], bases: dict[str, str], sample: Sample, origin: str
) -> None:
    """Filtering writes the filters into the address without adding history entries;
    opening that address (a shared link, a reload) shows the same filtered view."""
    base = bases[origin]
    total = len(sample.creds)
    tab = new_tab()
    page = tab.page
    tab.goto(base + "index.html#credentials")
    history = page.evaluate("() => history.length")
    search(page, "assessment")
    page.select_option("#filter-tag", "performance-assessment")
    offered = option_values(page, "#filter-hours")
    page.select_option("#filter-hours", offered[-2])
    expected = sample.expect(q="assessment", tag="performance-assessment", hours=float(offered[-2]))
    assert 0 < len(expected) < total
    assert_shown(page, expected, total, "filtered")
    wanted = f"q=assessment&tag=performance-assessment&hours={offered[-2]}"
    expect(page).to_have_url(f"{base}index.html?{wanted}#credentials")
    assert page.evaluate("() => history.length") == history, "filtering added history entries"

    # A shared link, opened in a fresh tab.
    shared = page.url
    other = new_tab().page
    other.goto(shared)
    assert_shown(other, expected, total, f"opening {shared}")
    assert control_values(other) == {
        "q": "assessment",
        "tag": "performance-assessment",
        "stack": "",
        "hours": offered[-2],
        "status": "",
    }
    page.reload()
    assert_shown(page, expected, total, "after a reload")

    # Words with spaces and symbols survive the round trip; values no select offers do not
    # select nothing; other parameters are left alone.
    odd = "?q=habits%20%26%20minds&tag=no-such-tag&stack=basic-performance-assessment-design&ref=x"
    other.goto(base + "index.html" + odd)
    values = control_values(other)
    assert values["q"] == "habits & minds" and values["tag"] == ""
    assert values["stack"] == "basic-performance-assessment-design"
    assert_shown(
        other,
        sample.expect(q="habits & minds", stack="basic-performance-assessment-design"),
        total,
        f"opening {odd}",
    )
    other.locator("#filters").get_by_role("button", name="Clear filters").click()
    assert_shown(other, set(sample.creds), total, "Clear filters")
    expect(other).to_have_url(base + "index.html?ref=x")
    assert not tab.errors, tab.errors


PATHWAY_STATE = """box => {
  const view = box.parentElement;
  const cue = box.closest('.pathway').querySelector('.pathway-cue');
  return {scrollable: box.scrollWidth > box.clientWidth,
          overflowX: getComputedStyle(box).overflowX,
          more: view.getAttribute('data-more'),
          leftFade: getComputedStyle(view, '::before').opacity,
          rightFade: getComputedStyle(view, '::after').opacity,
          cue: cue.checkVisibility() ? cue.textContent.trim() : null,
          tabindex: box.getAttribute('tabindex')};
}"""


@pytest.mark.parametrize("kind", ["home", "stack"])
def test_pathway_on_a_phone(new_tab: Callable[..., Tab], bases: dict[str, str], kind: str) -> None:
    """At 375px the pathway picture keeps its size and scrolls sideways, with a fade at
    the edge that has more to see and a line of text saying so; the page itself does not
    scroll sideways."""
    tab = new_tab("phone")
    tab.goto(bases["http"] + PAGES[kind])
    box = tab.page.locator(".pathway-scroll").first
    box.scroll_into_view_if_needed()
    state = box.evaluate(PATHWAY_STATE)
    assert state["scrollable"] and state["overflowX"] in ("auto", "scroll"), state
    assert state["more"] == "right" and state["rightFade"] == "1" and state["leftFade"] == "0"
    assert state["cue"] and "scroll sideways" in state["cue"], state
    assert state["tabindex"] == "0", "keyboard users cannot reach the scrolling picture"
    overflow = tab.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    # Keyboard scrolling moves the picture; at the far end the fade moves to the left.
    box.focus()
    box.press("ArrowRight")
    tab.page.wait_for_function(
        "el => el.scrollLeft > 0", arg=box.element_handle(), timeout=TIMEOUT_MS
    )
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    tab.page.wait_for_function(
        "el => el.parentElement.getAttribute('data-more') === 'left'",
        arg=box.element_handle(),
        timeout=TIMEOUT_MS,
    )
    state = box.evaluate(PATHWAY_STATE)
    assert state["leftFade"] == "1" and state["rightFade"] == "0", state
    # On a desktop the picture fits: no cue, no fade, no tab stop.
    wide = new_tab("desktop")
    wide.goto(bases["http"] + PAGES[kind])
    state = wide.page.locator(".pathway-scroll").first.evaluate(PATHWAY_STATE)
    assert not state["scrollable"] and state["cue"] is None and state["more"] is None, state
    assert state["tabindex"] is None


def test_tag_chips_show_words(
    new_tab: Callable[..., Tab], bases: dict[str, str], sample: Sample
) -> None:
    """Chips and the tag filter show the config's words for a tag (`tags:` in
    mcauthor.yaml), else the slug's words; the filter still works on the slugs."""
    assert sample.tag_labels, "the sample's mcauthor.yaml no longer has a `tags` map"
    page = new_tab().page
    page.goto(bases["http"] + "index.html")
    for cred in sample.creds.values():
        chips = page.locator(f'#card-list [data-id="{cred.id}"] .tag')
        expect(chips).to_have_text(list(cred.labels))
    assert any(
        label in cred.labels
        for cred in sample.creds.values()
        for label in sample.tag_labels.values()
    )
    labels = page.locator("#filter-tag option").evaluate_all("os => os.map(o => o.textContent)")
    tags = sorted({t for c in sample.creds.values() for t in c.tags})
    counts = {t: sum(t in c.tags for c in sample.creds.values()) for t in tags}
    words = {t: tag_label(t, sample.tag_labels) for t in tags}
    assert labels == ["All tags", *(f"{words[t]} ({counts[t]})" for t in tags)]
    # Search finds a tag by its words too ("habits of mind" is only in the tag's words).
    expected = sample.expect(q="habits of mind")
    assert expected and expected == sample.expect(tag="habits-of-mind")
    search(page, "habits of mind")
    assert_shown(page, expected, len(sample.creds), "search 'habits of mind'")

    cred = sample.creds[CREDENTIAL]
    page.goto(bases["http"] + PAGES["credential"])
    expect(page.locator(".facts .tag")).to_have_text(list(cred.labels))
