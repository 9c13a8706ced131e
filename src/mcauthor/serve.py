"""`mcauthor serve`: a live preview of the catalog website.

The site is built into a temporary folder (never the catalog's own ``site/``: a preview
must not overwrite the published build), served from 127.0.0.1, and rebuilt whenever a
catalog file changes. Rebuilds are incremental, so one edit re-renders only the pages
that show what changed. PDF guides are left out unless asked for: they are slow.

The server adds two things to every HTML response, never to the built files: a small
script that waits for the next build (a long poll, as ``mkdocs serve`` does) and reloads
the page, and a panel listing lint problems. When a rebuild fails, the last good build
stays up and the panel says why.
"""

from __future__ import annotations

import contextlib
import errno
import html
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from mcauthor.build import BuildError, BuildRefused, BuildResult, build
from mcauthor.build.pipeline import Output
from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.limits import Limits
from mcauthor.lint import LintResult
from mcauthor.loader import CannotRun, find_root
from mcauthor.report import printable

__all__ = ["Preview", "Status", "inject", "overlay", "serve"]

PREFIX = "/__mcauthor/"  # the preview's own URLs; no catalog page can live there
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WAIT_SECONDS = 20.0  # a long poll answers at least this often, so no request hangs forever
# ?wait=N of the long poll: ASCII digits only (str.isdigit() takes "²", which int() refuses),
# and few enough of them for int().
WAIT_VERSION = re.compile(r"-?[0-9]{1,20}")
LISTED = 50  # problems listed in the page; the terminal has them all
# Folders (anywhere in the catalog) whose changes never need a rebuild: mcauthor's own
# caches, version control, tool folders.
IGNORED_DIRS = frozenset(
    {
        ".mcauthor-cache",
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        "node_modules",
        ".venv",
        ".idea",
        ".vscode",
        ".mypy_cache",
        ".pytest_cache",
    }
)
# Editor temporary and backup files (vim, emacs, JetBrains, macOS), and the staging
# folders of a `mcauthor build` running next to the preview.
IGNORED_NAMES = re.compile(
    r"(\.sw.|~|\.tmp|___jb_...___)$|^(\.#|#.*#$|4913$|\.DS_Store$)|\.building-"
)


@dataclass(frozen=True)
class Status:
    """What the preview shows: which build, and what is wrong with the latest attempt."""

    version: int = 0  # every build attempt, good or not, counts: pages reload on each
    built: bool = False  # a good build is being served
    failure: str | None = None  # why the latest attempt did not build; None: it built
    diagnostics: tuple[Diagnostic, ...] = ()


class Preview:
    """Build, serve and watch one catalog. ``start()`` returns once the site is served.

    Usable as a context manager; ``stop()`` is safe to call more than once and from any
    thread. Messages for the user go to ``say`` (nothing is printed without it).
    """

    def __init__(
        self,
        path: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        guides: bool = False,
        say: Callable[[str], None] | None = None,
        color: bool = False,
        limits: Limits | None = None,
    ) -> None:
        self.path = path
        self.host = host
        self.port = port
        self.guides = guides
        self.limits = limits
        self.color = color
        self._say = say or (lambda message: None)
        self.root: Path | None = None
        self.folder: Path | None = None  # the temporary folder; the site is in ./site
        self._server: _Server | None = None
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._watch_error: BaseException | None = None
        self._build_lock = threading.Lock()  # one build at a time
        self._changed = threading.Condition()  # guards the fields below; notifies waiters
        self._status = Status()
        self._builds = 0
        self._last: BuildResult | None = None
        self._reported: tuple[Diagnostic, ...] | None = None
        self._filter: ChangeFilter | None = None

    # -- what tests and the handler read -------------------------------------------------

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the preview is not started")
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self._server.server_address[1]}/"

    @property
    def out(self) -> Path:
        if self.folder is None:
            raise RuntimeError("the preview is not started")
        return self.folder / "site"

    @property
    def status(self) -> Status:
        with self._changed:
            return self._status

    @property
    def build_number(self) -> int:
        """How many good builds there have been (the first is 1)."""
        with self._changed:
            return self._builds

    @property
    def last_result(self) -> BuildResult | None:
        """The latest good build (what it wrote and reused, and its lint findings)."""
        with self._changed:
            return self._last

    def wait_for_change(self, version: int, timeout: float = WAIT_SECONDS) -> int:
        """Block until the status version differs from ``version`` (or timeout, or stop)."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._status.version != version or self._stop.is_set(), timeout
            )
            return self._status.version

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Bind the port, start watching, build once, then serve.

        Raises CannotRun when the path is not a catalog, the port is taken, the catalog
        cannot be watched, or the first build cannot run at all (lint problems and
        template mistakes do not stop it: the page shows them).
        """
        try:
            self._start()
        except BaseException:
            self.stop()  # nothing is left behind: no thread, no port, no folder
            raise

    def _start(self) -> None:
        if not self.host.strip():
            # An empty host listens on every interface, and skips the Host-header check.
            raise CannotRun(
                "the host is empty; give an address to listen on, like 127.0.0.1 "
                "(0.0.0.0 shares the preview on every interface)"
            )
        self.root = find_root(self.path).resolve()
        self.folder = Path(tempfile.mkdtemp(prefix="mcauthor-serve-"))
        self._server = _bind(self.host, self.port, partial(_Handler, directory=str(self.out)))
        self._server.preview = self
        self._filter = ChangeFilter(self.root, ignored=[self.folder])
        # Watch before the first build, so that an edit made during it is not missed.
        self._spawn(self._watch, "mcauthor-watch")
        self._watching.wait()
        if self._watch_error is not None:
            raise CannotRun(f"cannot watch {self.root} for changes: {self._watch_error}")
        self._build(first=True)
        self._spawn(self._server.serve_forever, "mcauthor-http")

    def wait(self) -> None:
        """Block until ``stop()``; Ctrl-C raises KeyboardInterrupt here as usual."""
        while not self._stop.wait(0.5):
            pass

    def stop(self) -> None:
        """Stop serving and watching, wait for a running build, delete the temporary folder."""
        self._stop.set()
        with self._changed:
            self._changed.notify_all()  # long polls answer now
        server, self._server = self._server, None
        if server is not None:
            if any(t.name == "mcauthor-http" for t in self._threads):
                server.shutdown()
            server.server_close()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join()
        self._threads.clear()
        if self.folder is not None:
            Output(self.out).forget()  # the preview's build record: its folder goes now
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Preview:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    # -- watching and building -----------------------------------------------------------

    def _watch(self) -> None:
        import watchfiles

        assert self.root is not None
        try:
            # Timeouts come back as empty sets: the first one says the watcher is ready.
            for changes in watchfiles.watch(
                self.root,
                watch_filter=self._filter,
                stop_event=self._stop,
                rust_timeout=200,
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                self._watching.set()
                if changes and not self._stop.is_set():
                    self._say(f"Changed: {self._describe(sorted({p for _, p in changes}))}")
                    self._build(first=False)
        except Exception as exc:  # e.g. the system's limit on watched folders
            self._watch_error = exc
            if self._watching.is_set():
                self._say(f"mcauthor: stopped watching for changes: {exc}")
        finally:
            self._watching.set()

    def _describe(self, paths: Sequence[str]) -> str:
        assert self.root is not None
        shown = [os.path.relpath(p, self.root) for p in paths[:3]]
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        return printable(", ".join(shown) + more)

    def _build(self, *, first: bool) -> None:
        assert self.root is not None
        with self._build_lock:
            if self._stop.is_set():
                return
            if first:
                extra = "" if self.guides else " (PDF guides left out; --guides adds them)"
                self._say(f"Building {self.root} into a temporary folder{extra} ...")
            try:
                result = build(
                    self.root, self.out, incremental=True, guides=self.guides, limits=self.limits
                )
            except BuildRefused as refused:
                self._refused(refused.result)
            except BuildError as exc:
                self._failed(f"build failed: {exc}")
            except CannotRun as exc:
                if first:
                    raise
                self._failed(str(exc))
            except Exception as exc:  # a bug must not end the preview; say it in one line
                self._failed(f"internal error: {type(exc).__name__}: {exc}")
            else:
                self._built(result, first=first)

    def _built(self, result: BuildResult, *, first: bool) -> None:
        self._ignore_out_folder(result.lint)
        diagnostics = result.lint.diagnostics
        with self._changed:
            self._builds += 1
            self._last = result
            self._publish(Status(self._status.version + 1, True, None, diagnostics))
        if first:
            self._say(result.summary())
        else:
            self._say(_rebuilt_line(result))
        if diagnostics and diagnostics != self._reported:
            for d in diagnostics[:LISTED]:
                line = f"  {_where(d)}: {d.severity.value} {d.code} {d.message}"
                self._say(printable(line))
            if len(diagnostics) > LISTED:
                self._say(f"  ... and {len(diagnostics) - LISTED} more (`mcauthor lint`)")
        if diagnostics:
            from mcauthor.report.text import summary_line

            self._say(summary_line(result.lint))
        self._reported = diagnostics

    def _refused(self, result: LintResult) -> None:
        from mcauthor.report import text

        self._ignore_out_folder(result)
        self._say(text.render(result, color=self.color).rstrip("\n"))
        errors = result.count(Severity.ERROR)
        reason = f"lint reports {errors} error{'s' if errors != 1 else ''}"
        self._failed(reason, result.diagnostics)

    def _failed(self, reason: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        with self._changed:
            built = self._status.built
            self._publish(Status(self._status.version + 1, built, reason, diagnostics))
        keeping = "the page keeps the last good build" if built else "nothing to show yet"
        self._say(printable(f"Not rebuilt: {reason}; {keeping}. Fix it and save."))
        self._reported = None  # after a fix, list the remaining warnings again

    def _publish(self, status: Status) -> None:
        """Replace the status and wake the long polls (call with ``_changed`` held)."""
        self._status = status
        self._changed.notify_all()

    def _ignore_out_folder(self, result: LintResult) -> None:
        """Changes in the catalog's own output folder (`mcauthor build`) are not edits."""
        if self._filter is not None:
            self._filter.out = (result.catalog.root / result.catalog.config.build.out).resolve()


def _rebuilt_line(result: BuildResult) -> str:
    written = result.written.rendered_paths
    reused = sum(result.written.reused.values())
    shown = ", ".join(written[:4]) + (f" and {len(written) - 4} more" if len(written) > 4 else "")
    what = f"{len(written)} written ({shown})" if written else "nothing changed"
    return f"Rebuilt in {result.seconds:.2f} s: {what}, {reused} unchanged."


def _where(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}" if d.line > 0 else d.path


class ChangeFilter:
    """Which changed paths need a rebuild (a ``watchfiles`` watch filter).

    Paths are judged relative to the catalog root, so a catalog that happens to live
    inside, say, a folder named ``site`` is still watched.
    """

    def __init__(self, root: Path, ignored: Sequence[Path] = ()) -> None:
        self.root = root.resolve()
        self.ignored = [p.resolve() for p in ignored]
        self.out: Path | None = self.root / "site"  # the default build.out until we know

    def __call__(self, change: object, path: str) -> bool:
        changed = Path(path)
        if any(changed == p or p in changed.parents for p in self._skipped()):
            return False
        try:
            parts = changed.relative_to(self.root).parts
        except ValueError:
            return False
        return bool(parts) and not any(
            part in IGNORED_DIRS or IGNORED_NAMES.search(part) for part in parts
        )

    def _skipped(self) -> Iterator[Path]:
        yield from self.ignored
        if self.out is not None and self.out != self.root:
            yield self.out


# -- HTTP ----------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a browser's open long poll never holds up Ctrl-C
    allow_reuse_port = False  # a port in use must be an error, never shared

    preview: Preview

    def server_bind(self) -> None:
        # HTTPServer looks up the host's full DNS name here, which can take seconds and
        # is not needed for a local preview.
        import socketserver

        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return  # the browser went away (reload, closed tab): nothing to report
        self.preview._say(f"mcauthor: request failed: {type(error).__name__}: {error}")


class _Server6(_Server):
    address_family = socket.AF_INET6


def _bind(host: str, port: int, handler: Callable[..., _Handler]) -> _Server:
    kind = _Server6 if ":" in host else _Server
    try:
        return kind((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CannotRun(
                f"port {port} on {host} is already in use; choose another with --port "
                "(--port 0 picks a free one)"
            ) from None
        raise CannotRun(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class _Handler(SimpleHTTPRequestHandler):
    """The built site, with the reload script and the problem panel added to HTML."""

    server: _Server

    @property
    def preview(self) -> Preview:
        return self.server.preview

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def end_headers(self) -> None:
        # The browser must ask again after every rebuild (it may get 304 Not Modified).
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury the build messages

    def _respond(self, *, head: bool) -> None:
        url = urlsplit(self.path)
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, b"unexpected Host header\n", "text/plain", head)
        elif url.path.startswith(PREFIX):
            self._internal(url.path[len(PREFIX) :], url.query, head)
        elif not self.preview.status.built:
            self._page(HTTPStatus.SERVICE_UNAVAILABLE, _problem_page(), head)
        else:
            self._site(url.path, head)

    def _host_allowed(self) -> bool:
        """On loopback, only local names: a web page cannot reach the preview by DNS
        rebinding. Bound to another address the user chose to share it."""
        if self.preview.host not in LOOPBACK:
            return True
        given = self.headers.get("Host")
        if not given:
            return True
        name = given.rsplit(":", 1)[0] if not given.endswith("]") else given
        name = name.strip("[]").lower()
        return name in LOOPBACK or name.endswith(".localhost")

    def _site(self, path: str, head: bool) -> None:
        if "\\" in unquote(path):  # no built page has one; browsers read "/\" like "//"
            self._not_found(head)
            return
        found = Path(self.translate_path(path))
        if found.is_dir():
            if not path.endswith("/"):
                # The folder's own, normalised address: never the raw request path, which
                # could make a redirect to another site ("//evil.example/..").
                rel = found.relative_to(self.directory).as_posix()
                location = "/" if rel == "." else f"/{quote(rel.strip('/'))}/"
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            found = found / "index.html"
        if found.is_file() and found.suffix != ".html":
            if head:
                super().do_HEAD()
            else:
                super().do_GET()
            return
        page = _read(found) if found.is_file() else None
        if page is not None:
            self._page(HTTPStatus.OK, page, head)
        else:
            self._not_found(head)

    def _not_found(self, head: bool) -> None:
        """The site's own 404 page, as a static host would answer."""
        page = _read(self.preview.out / "404.html") or NOT_FOUND
        self._page(HTTPStatus.NOT_FOUND, page, head)

    def _page(self, code: HTTPStatus, page: bytes, head: bool) -> None:
        body = inject(page, self.preview.status)
        self._send(code, body, "text/html; charset=utf-8", head)

    def _internal(self, name: str, query: str, head: bool) -> None:
        if name == "version":
            # ?wait=N answers when the version is no longer N: the reload script's long poll.
            wait = parse_qs(query).get("wait", [""])[0]
            if wait and not WAIT_VERSION.fullmatch(wait):
                body = b"wait must be a build version (a whole number)\n"
                self._send(HTTPStatus.BAD_REQUEST, body, "text/plain", head)
                return
            version = self.preview.status.version
            if wait and not head:
                version = self.preview.wait_for_change(int(wait))
            self._send(HTTPStatus.OK, f"{version}\n".encode(), "text/plain", head)
        elif name == "reload.js":
            self._send(HTTPStatus.OK, RELOAD_JS.encode(), "text/javascript", head)
        elif name == "preview.css":
            self._send(HTTPStatus.OK, PREVIEW_CSS.encode(), "text/css", head)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)

    def _send(self, code: HTTPStatus, body: bytes, kind: str, head: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


NOT_FOUND = b"<!doctype html><title>Not found</title><h1>Not found</h1>"


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:  # removed by a rebuild between the check and the read
        return None


# -- what the server adds to pages ---------------------------------------------------------


def inject(page: bytes, status: Status) -> bytes:
    """The page with the panel (if any) and the reload script added before ``</body>``."""
    added = (
        f'<link rel="stylesheet" href="{PREFIX}preview.css">'
        f"{overlay(status)}"
        f'<script src="{PREFIX}reload.js" data-version="{status.version}"></script>\n'
    ).encode()
    at = page.lower().rfind(b"</body>")
    if at < 0:
        return page + added
    return page[:at] + added + page[at:]


def overlay(status: Status) -> str:
    """The problem panel: open when the latest build failed, folded for warnings."""
    if status.failure is None and not status.diagnostics:
        return ""
    failed = status.failure is not None
    if failed:
        title = f"Not rebuilt: {status.failure}"
        note = (
            "The page shows the last good build. Fix the problem and save."
            if status.built
            else "There is no build to show yet. Fix the problem and save."
        )
    else:
        title = _counts(status.diagnostics)
        note = "The site was built; these are lint findings to look at."
    kind = "failed" if failed else "notes"
    items = "".join(_item(d) for d in _ranked(status.diagnostics)[:LISTED])
    more = len(status.diagnostics) - LISTED
    if more > 0:
        items += f"<li>... and {more} more: see the terminal.</li>"
    listing = f"<ul>{items}</ul>" if items else ""
    return (
        f'<aside id="mcauthor-overlay" class="mcauthor-overlay mcauthor-{kind}" '
        f'aria-label="mcauthor preview">'
        f"<details{' open' if failed else ''}><summary>{html.escape(title)}</summary>"
        f"<p>{note}</p>{listing}</details></aside>"
    )


def _ranked(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (-d.severity.rank, d.sort_key()))


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    parts = []
    for severity in Severity:
        n = sum(1 for d in diagnostics if d.severity is severity)
        if n:
            word = severity.value if n == 1 or severity is Severity.INFO else f"{severity}s"
            parts.append(f"{n} {word}")
    return "Lint: " + ", ".join(parts)


def _item(d: Diagnostic) -> str:
    hint = f'<br><span class="mcauthor-hint">{html.escape(d.hint)}</span>' if d.hint else ""
    return (
        f'<li class="mcauthor-{d.severity.value}"><code>{html.escape(_where(d))}</code> '
        f"<b>{d.severity.value} {html.escape(d.code)}</b> {html.escape(d.message)}{hint}</li>"
    )


def _problem_page() -> bytes:
    """What every URL shows while there has been no good build (the panel is added)."""
    return (
        b'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        b"<title>mcauthor preview: not built</title></head>"
        b"<body><h1>Not built yet</h1></body></html>"
    )


# Plain ES5, loaded from the preview itself (no inline code, so a catalog's Content
# Security Policy with script-src 'self' allows it). It asks the server to answer when the
# build changes, then reloads; when the server is gone it tries again every 2 seconds.
RELOAD_JS = """\
(function () {
  'use strict';
  var me = document.currentScript;
  var version = me ? me.getAttribute('data-version') : '';
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

PREVIEW_CSS = """\
.mcauthor-overlay {
  position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483647;
  max-width: min(46rem, calc(100vw - 2rem)); max-height: 60vh; overflow: auto;
  background: #fff; color: #1a1a1a; border: 2px solid #b00020; border-radius: 6px;
  box-shadow: 0 4px 18px rgba(0, 0, 0, .25); padding: .5rem 1rem;
  font: 14px/1.45 system-ui, sans-serif; text-align: left;
}
.mcauthor-notes { border-color: #946200; }
.mcauthor-overlay summary { cursor: pointer; font-weight: 600; }
.mcauthor-overlay p { margin: .4rem 0; }
.mcauthor-overlay ul { margin: .4rem 0; padding-left: 1.2rem; }
.mcauthor-overlay li { margin: .3rem 0; overflow-wrap: anywhere; }
.mcauthor-overlay code { font: 13px ui-monospace, monospace; }
.mcauthor-error b { color: #b00020; }
.mcauthor-warning b { color: #7a5100; }
.mcauthor-info b { color: #005a9c; }
.mcauthor-hint { color: #444; }
"""


# -- the command ---------------------------------------------------------------------------


def serve(
    path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    guides: bool = False,
    open_browser: bool = False,
    limits: Limits | None = None,
) -> None:
    """Run the preview until Ctrl-C (or SIGTERM). Raises CannotRun if it cannot start."""
    tty = sys.stdout.isatty()
    lock = threading.Lock()

    def say(message: str) -> None:
        with lock:
            sys.stdout.write(message + "\n")
            sys.stdout.flush()

    color = tty and "NO_COLOR" not in os.environ
    preview = Preview(
        path, host=host, port=port, guides=guides, say=say, color=color, limits=limits
    )
    with _sigterm_as_interrupt():
        try:
            preview.start()
            say(f"Serving {preview.url} ; watching {preview.root} for changes. Ctrl-C stops.")
            if open_browser:
                import webbrowser

                webbrowser.open(preview.url)
            preview.wait()
        except KeyboardInterrupt:
            pass
        finally:
            preview.stop()
    say(("\n" if tty else "") + "Stopped.")


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill` (SIGTERM) stops the preview as cleanly as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
