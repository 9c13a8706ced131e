"""Helpers for tests/test_browser.py: the browser, a local static server, and what the
home page's filters should show, computed from the sample catalog's YAML (not from the
built site, so a bug in the build or in site.js cannot hide itself).

Nothing here downloads a browser: the tests drive Debian's Chromium at /usr/bin/chromium
(or $MCAUTHOR_CHROMIUM) through Playwright's Python API.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import yaml

from conftest import unavailable

CHROMIUM = Path(os.environ.get("MCAUTHOR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SHOTS = Path("/tmp/browser-shots")


def browser_unavailable(reason: str) -> NoReturn:
    """Fail in CI (a missing browser must not pass silently there), skip elsewhere."""
    unavailable(
        f"browser tests cannot run: {reason}. Install Debian's chromium (apt-get install "
        "chromium) or point $MCAUTHOR_CHROMIUM at a Chromium binary; browsers are never "
        "downloaded"
    )


def launch_chromium(playwright: Any) -> Any:
    """Launch the system Chromium, or fail/skip (see browser_unavailable) with the reason."""
    if not CHROMIUM.exists():
        browser_unavailable(f"no Chromium at {CHROMIUM}")
    try:
        return playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
    except Exception as exc:  # playwright.sync_api.Error, or OSError from the driver
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        browser_unavailable(f"Chromium at {CHROMIUM} did not start: {first}")
        raise  # not reached: browser_unavailable always raises


# -- a static server ----------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, and for a missing path the site's 404 page (when
    given) with status 404, the way GitHub Pages, Netlify and most hosts answer."""

    not_found: Path | None = None

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found
        if code != 404 or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path, not_found: Path | None = None) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) in a thread; yield 'http://host:port'.
    A missing path gets `not_found` (a 404.html) with status 404, when given."""
    handler_class = type("Handler", (QuietHandler,), {"not_found": not_found})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="browser-site", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- what the sample catalog says --------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, as the filters compare text."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tag_label(tag: str, labels: dict[str, str]) -> str:
    """The words a tag's chip should show: the config's `tags` map, else a slug's words
    ("formative-assessment" is "Formative assessment"), else the tag as written."""
    if labels.get(tag, "").strip():
        return labels[tag].strip()
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", tag):
        return tag[0].upper() + tag[1:].replace("-", " ")
    return tag


@dataclass(frozen=True)
class Cred:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    hours: float | None
    status: str
    stacks: tuple[str, ...]
    labels: tuple[str, ...] = ()  # what each tag's chip shows

    @property
    def text(self) -> str:
        return fold(" ".join([self.title, self.summary, *self.tags, *self.labels]))


@dataclass(frozen=True)
class Stack:
    id: str
    title: str
    credentials: tuple[str, ...]


@dataclass(frozen=True)
class Sample:
    creds: dict[str, Cred]
    stacks: dict[str, Stack]
    title: str = ""
    site_path: str = "/"  # the path of catalog.base_url: where the 404 page links to
    tag_labels: dict[str, str] | None = None  # the config's `tags` map

    def expect(
        self,
        q: str = "",
        tag: str = "",
        stack: str = "",
        hours: float | None = None,
        status: str = "",
    ) -> set[str]:
        """The ids of the cards the filters should show."""
        words = fold(q).split()
        shown = set()
        for c in self.creds.values():
            if not all(w in c.text for w in words):
                continue
            if tag and tag not in c.tags:
                continue
            if stack == "-" and c.stacks:
                continue
            if stack and stack != "-" and stack not in c.stacks:
                continue
            if hours is not None and (c.hours is None or c.hours > hours):
                continue
            if status and c.status != status:
                continue
            shown.add(c.id)
        return shown


def load_sample(root: Path) -> Sample:
    config = yaml.safe_load((root / "mcauthor.yaml").read_text(encoding="utf-8"))
    labels = {str(k): str(v) for k, v in (config.get("tags") or {}).items()}
    stacks = {}
    for path in sorted((root / "stacks").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        stacks[data["id"]] = Stack(data["id"], data["title"], tuple(data["credentials"]))
    creds = {}
    for path in sorted((root / "credentials").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        hours = data.get("hours")
        tags = tuple(data.get("tags") or ())
        creds[data["id"]] = Cred(
            id=data["id"],
            title=data["title"],
            summary=data.get("summary") or "",
            tags=tags,
            hours=None if hours is None else float(hours),
            status=data.get("status", "draft"),
            stacks=tuple(s.id for s in stacks.values() if data["id"] in s.credentials),
            labels=tuple(tag_label(t, labels) for t in tags),
        )
    path = urlsplit(config["catalog"].get("base_url") or "/").path or "/"
    return Sample(creds, stacks, config["catalog"]["title"], path, labels)


def count_message(shown: int, total: int) -> str:
    noun = "micro-credential" if total == 1 else "micro-credentials"
    return f"Showing all {total} {noun}" if shown == total else f"Showing {shown} of {total} {noun}"
