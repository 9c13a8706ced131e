"""What the server adds to every HTML page it serves (never to the built files): the
banner of the page's lint findings, and the script that reloads the page after the next
build. Both are served from the preview's own URLs under PREFIX."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from mcauthor import paths
from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.report import left_out
from mcauthor.serve.status import LISTED, Status, ranked, where
from mcauthor.words import plural

PREFIX = "/__mcauthor/"  # the preview's own URLs; no catalog page can live there


def inject(page: bytes, status: Status, rel: str = "") -> bytes:
    """The page with the banner of its findings (``rel``: the page's path in the site)
    before ``<main>`` and the reload script before ``</body>``.

    Before ``<main>``, the banner pushes the content down instead of covering it, and
    comes after the site's skip link and header, so "Skip to main content" still works.
    """
    shown = banner(status, rel)
    if shown:
        shown = f'<link rel="stylesheet" href="{PREFIX}preview.css">{shown}\n'
    script = f'<script src="{PREFIX}reload.js" data-version="{status.version}"></script>\n'
    return _before(_before(page, MAIN, shown.encode()), END, script.encode(), last=True)


MAIN = re.compile(rb"<main[\s>]", re.IGNORECASE)
BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
END = re.compile(rb"</body>", re.IGNORECASE)


def _before(page: bytes, mark: re.Pattern[bytes], added: bytes, last: bool = False) -> bytes:
    """``added`` before the (first, or last) match of ``mark``; else after ``<body>``
    (for the banner) or at the end."""
    if not added:
        return page
    found = list(mark.finditer(page))
    if found:
        at = found[-1 if last else 0].start()
        return page[:at] + added + page[at:]
    body = BODY.search(page) if not last else None
    if body is not None:
        return page[: body.end()] + added + page[body.end() :]
    return page + added


def banner(status: Status, rel: str) -> str:
    """The preview's banner for the page at ``rel``: why the latest build did not replace
    the page (open), then the page's own lint findings and the catalog's count (folded).

    Credential and stack pages list the findings in their file; the home page lists those
    in files without a page of their own (mcauthor.yaml, research/) and links the pages
    that have findings. Every word from the catalog is escaped."""
    parts = _blocking(status) + _findings(status, rel)
    if not parts:
        return ""
    stopped = status.failure is not None or bool(status.unreadable)
    errors = stopped or any(d.severity is Severity.ERROR for d in status.diagnostics)
    kind = "mcauthor-errors" if errors else "mcauthor-notes"
    return (
        f'<aside id="mcauthor-banner" class="mcauthor-banner {kind}" '
        f'aria-label="Preview: lint findings">{parts}</aside>'
    )


def _blocking(status: Status) -> str:
    """What stopped the latest build (or left files out of it): open, on top."""
    if status.failure is None and not status.unreadable:
        return ""
    if status.failure is not None:
        title = f"Not rebuilt: {status.failure}"
        note = (
            "The page shows the last good build. Fix the problem and save."
            if status.built
            else "There is nothing to show yet. Fix the problem and save."
        )
    else:
        title = f"Cannot read {', '.join(sorted(status.unreadable))}"
        note = "The rest of the catalog is shown; its pages appear once it can be read."
    unread = [d for d in status.diagnostics if d.path in status.unreadable]
    listing = _listing(unread)
    return (
        f'<div class="mcauthor-failure" role="alert"><p><strong>{html.escape(title)}</strong>'
        f"</p><p>{note}</p>{listing}</div>"
    )


def _findings(status: Status, rel: str) -> str:
    """The page's findings under a summary with its counts and the catalog's."""
    every = status.diagnostics
    if not every:
        return ""
    files = len({d.path for d in every})
    summary = f"Catalog: {_counts(every)} in {plural(files, 'file')}"
    file = status.pages.get(rel)
    if file is not None:
        mine = [d for d in every if d.path == file]
        summary = f"This page: {_counts(mine) or 'no findings'} ({file}) · {summary}"
        listing = _listing(mine)
    elif rel in ("", "index.html"):
        paged = set(status.pages.values()) | status.unreadable
        listing = _listing([d for d in every if d.path not in paged])
        if listing:
            listing = "<p>In files without a page of their own:</p>" + listing
        listing += _pages_with_findings(status)
    else:
        listing = ""
    note = (
        "<p>The preview renders despite lint errors; <code>mcauthor build</code> "
        "refuses until they are fixed.</p>"
        if any(d.severity is Severity.ERROR for d in every)
        else ""
    )
    return (
        f'<details id="mcauthor-findings" class="mcauthor-findings">'
        f"<summary>{html.escape(summary)}</summary>{listing}{note}</details>"
    )


def _pages_with_findings(status: Status) -> str:
    """Links to each page whose file has findings, with its counts (for the home page)."""
    by_file: dict[str, list[Diagnostic]] = {}
    for d in status.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    items = []
    for page, file in sorted(status.pages.items(), key=lambda item: item[1]):
        found = by_file.get(file)
        if found:
            href = html.escape("/" + quote(paths.address(page)), quote=True)
            items.append(
                f'<li><a href="{href}">{html.escape(file)}</a>: {html.escape(_counts(found))}</li>'
            )
    if not items:
        return ""
    return f"<p>Pages with findings:</p><ul>{''.join(items)}</ul>"


def _listing(diagnostics: Sequence[Diagnostic]) -> str:
    items = "".join(_item(d) for d in ranked(diagnostics)[:LISTED])
    more = len(diagnostics) - LISTED
    if more > 0:  # the terminal is capped at LISTED too
        items += f"<li>... and {more} more: <code>mcauthor lint</code> lists them all.</li>"
    return f"<ul>{items}</ul>" if items else ""


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    """ "2 errors, 1 warning"; empty for none."""
    return left_out((), diagnostics)  # all of them: none shown


def _item(d: Diagnostic) -> str:
    hint = f'<br><span class="mcauthor-hint">{html.escape(d.hint)}</span>' if d.hint else ""
    return (
        f'<li class="mcauthor-{d.severity.value}"><code>{html.escape(where(d))}</code> '
        f"<b>{d.severity.value} {html.escape(d.code)}</b> {html.escape(d.message)}{hint}</li>"
    )


# Plain ES5, loaded from the preview itself (no inline code, so a catalog's Content
# Security Policy with script-src 'self' allows it). It asks the server to answer when the
# build changes, then reloads; when the server is gone it tries again every 2 seconds.
# The findings list stays open or folded across reloads (one save, one reload).
RELOAD_JS = """\
(function () {
  'use strict';
  var me = document.currentScript;
  var version = me ? me.getAttribute('data-version') : '';
  var findings = document.getElementById('mcauthor-findings');
  if (findings) {
    try {
      findings.open = window.sessionStorage.getItem('mcauthor-findings') === 'open';
      findings.addEventListener('toggle', function () {
        window.sessionStorage.setItem('mcauthor-findings', findings.open ? 'open' : '');
      });
    } catch (e) { /* storage may be off: the list starts folded */ }
  }
  function poll() {
    fetch('/__mcauthor/version?wait=' + encodeURIComponent(version), {cache: 'no-store'})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (text) {
        if (text.trim() !== version) { window.location.reload(); } else { poll(); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
"""

# In the page's flow (never over it): it pushes the content down. Colours keep a contrast
# of at least 4.5:1 on the banner's backgrounds.
PREVIEW_CSS = """\
.mcauthor-banner {
  display: block; margin: 0; padding: .5rem 1rem; text-align: left;
  background: #fffbeb; color: #1a1a1a; border-bottom: 3px solid #946200;
  font: 15px/1.45 system-ui, sans-serif; overflow-wrap: anywhere;
}
.mcauthor-banner.mcauthor-errors { background: #fff5f5; border-color: #b00020; }
.mcauthor-banner p { margin: .3rem 0; }
.mcauthor-banner ul { margin: .3rem 0; padding-left: 1.2rem; }
.mcauthor-banner li { margin: .2rem 0; }
.mcauthor-banner code { font: 14px ui-monospace, monospace; }
.mcauthor-banner a { color: #0b4f9c; text-decoration: underline; }
.mcauthor-banner summary { cursor: pointer; font-weight: 600; }
.mcauthor-banner :focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.mcauthor-failure { border-left: 4px solid #b00020; padding-left: .75rem; margin: .2rem 0; }
.mcauthor-error b { color: #a0001c; }
.mcauthor-warning b { color: #6b4700; }
.mcauthor-info b { color: #00508a; }
.mcauthor-hint { color: #3d3d3d; }
"""
