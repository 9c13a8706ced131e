"""`mcauthor serve`: a live preview of the catalog website.

The site is built into a temporary folder (never the catalog's own ``site/``: a preview
must not overwrite the published build), served from 127.0.0.1, and rebuilt whenever a
catalog file changes. Rebuilds are incremental, so one edit re-renders only the pages
that show what changed. PDF guides are left out unless asked for: they are slow.

Unlike `mcauthor build`, the preview renders despite lint errors: drafts full of
placeholders are what one previews while writing. It only stops for a file that cannot be
read at all (a YAML syntax error, say): then the last good build stays up with the error
on top, as modern dev servers do. With no good build yet, it renders the rest, and the
pages of the unreadable file explain why they are missing.

The server adds two things to every HTML response, never to the built files: a small
script that waits for the next build (a long poll, as ``mkdocs serve`` does) and reloads
the page, and a banner listing that page's lint findings with the catalog's count.
"""

from __future__ import annotations

import contextlib
import errno
import html
import os
import posixpath
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from mcauthor import paths
from mcauthor.build import BuildError, BuildResult, build
from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.errors import WriteError
from mcauthor.limits import Limits
from mcauthor.lint import LintResult
from mcauthor.loader import KIND_DIRS, CannotRun, find_root
from mcauthor.model import Catalog
from mcauthor.output.writer import OutputFolder
from mcauthor.prepare import source_date_epoch
from mcauthor.report import left_out, printable, shown_path
from mcauthor.words import plural

__all__ = ["Preview", "Status", "banner", "inject", "serve"]

PREFIX = "/__mcauthor/"  # the preview's own URLs; no catalog page can live there
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WAIT_SECONDS = 20.0  # a long poll answers at least this often, so no request hangs forever
# ?wait=N of the long poll: ASCII digits only (str.isdigit() takes "²", which int() refuses),
# and few enough of them for int().
WAIT_VERSION = re.compile(r"-?[0-9]{1,20}")
# Findings listed in a page banner and in the terminal, errors first; past this,
# `mcauthor lint` lists them all (the terminal is capped too: a draft catalog has hundreds).
LISTED = 50
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
    built: bool = False  # a build is being served
    failure: str | None = None  # why the latest attempt did not build; None: it built
    diagnostics: tuple[Diagnostic, ...] = ()  # the latest lint findings
    # The served build's pages ("credentials/x/index.html") and the file each one shows.
    pages: Mapping[str, str] = field(default_factory=dict)
    unreadable: frozenset[str] = frozenset()  # files the latest attempt could not parse


class Unreadable(Exception):
    """The preview's build gate: files that cannot be parsed, and a build to keep."""

    def __init__(self, result: LintResult, files: frozenset[str]) -> None:
        super().__init__(f"cannot read {', '.join(sorted(files))}")
        self.result = result
        self.files = files


def unreadable(result: LintResult) -> frozenset[str]:
    """The catalog files that could not be parsed: the build leaves them out."""
    return frozenset(rel for rel, doc in result.documents.items() if doc.parsed.fatal)


def pages_of(catalog: Catalog) -> dict[str, str]:
    """Each credential and stack page the build writes, and the file it shows (the first
    of two files with one id, as the build does)."""
    pages: dict[str, str] = {}
    for credential in catalog.credentials:
        pages.setdefault(paths.credential_page(credential.id), credential.file)
    for stack in catalog.stacks:
        pages.setdefault(paths.stack_page(stack.id), stack.file)
    return pages


# The page of each kind of catalog file that has one (research entries have none).
_PAGE_OF_KIND = {"credential": paths.credential_page, "stack": paths.stack_page}


def page_of_file(rel: str) -> str | None:
    """The page a catalog file would have: its id is its file name (rule MC501)."""
    folder, _, name = rel.partition("/")
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    page = _PAGE_OF_KIND.get(KIND_DIRS.get(folder, ""))
    if page is None or not name.endswith((".yaml", ".yml")):
        return None
    return page(stem)


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
        cannot be watched, SOURCE_DATE_EPOCH is not a number, or the first build cannot
        write. Whatever the catalog holds does not stop it: lint errors, unreadable files,
        template mistakes and an unreadable mcauthor.yaml are shown in the page.
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
        source_date_epoch()  # a mistake no edit of the catalog can fix: say it now
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
        # Polled this often for stop(): Ctrl-C (and each test) ends in a tenth of a second.
        self._spawn(partial(self._server.serve_forever, poll_interval=0.1), "mcauthor-http")

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
            OutputFolder(self.out).forget()  # the preview's build record: its folder goes now
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
                    self.root,
                    self.out,
                    incremental=True,
                    guides=self.guides,
                    limits=self.limits,
                    gate=self._gate,
                    preview=True,
                )
            except Unreadable as stop:
                self._unreadable(stop.result, stop.files)
            except BuildError as exc:
                self._failed(f"build failed: {exc}")
            except WriteError as exc:  # the machine's refusal (a full disk): say it now
                if first:
                    raise
                self._failed(str(exc))
            except CannotRun as exc:  # e.g. mcauthor.yaml cannot be read: fix and save
                self._failed(str(exc))
            except Exception as exc:  # a bug must not end the preview; say it in one line
                self._failed(f"internal error: {type(exc).__name__}: {exc}")
            else:
                self._built(result, first=first)

    def _gate(self, result: LintResult) -> None:
        """Build despite lint errors; stop only for files that cannot be parsed, and only
        when there is a build to keep (else render the rest)."""
        files = unreadable(result)
        if files and self.status.built:
            raise Unreadable(result, files)

    def _built(self, result: BuildResult, *, first: bool) -> None:
        self._ignore_out_folder(result.lint)
        diagnostics = result.lint.diagnostics
        files = unreadable(result.lint)
        pages = pages_of(result.lint.catalog)
        with self._changed:
            self._builds += 1
            self._last = result
            self._publish(Status(self._status.version + 1, True, None, diagnostics, pages, files))
        self._say(printable(result.summary() if first else _rebuilt_line(result)))
        if diagnostics and diagnostics != self._reported:
            self._list(diagnostics, self._reported)
        if diagnostics:
            from mcauthor.report.text import summary_line

            self._say(summary_line(result.lint))
        if files:
            self._say(printable(f"Left out until they can be read: {', '.join(sorted(files))}."))
        if result.lint.count(Severity.ERROR):
            self._say(
                "Built for the preview despite lint errors; each page lists its own. "
                "`mcauthor build` refuses until they are fixed."
            )
        self._reported = diagnostics

    def _list(
        self, diagnostics: Sequence[Diagnostic], before: Sequence[Diagnostic] | None = None
    ) -> None:
        """Print findings, errors first, at most LISTED of them. After a rebuild
        (``before``: the findings listed last time) only the new ones: a save that fixes
        one warning must not print fifty lines again."""
        assert self.root is not None
        if before is not None:
            seen = {_same(d) for d in before}
            diagnostics = [d for d in diagnostics if _same(d) not in seen]
            if diagnostics:
                self._say("New findings:")
        ranked = _ranked(diagnostics)
        for d in ranked[:LISTED]:
            where = _where(d, shown_path(self.root, d.path))
            self._say(printable(f"  {where}: {d.severity.value} {d.code} {d.message}"))
        if len(ranked) > LISTED:
            more = left_out(ranked[:LISTED], ranked)
            self._say(f"  ... and {len(ranked) - LISTED} more ({more}): `mcauthor lint` lists all.")

    def _unreadable(self, result: LintResult, files: frozenset[str]) -> None:
        self._ignore_out_folder(result)
        self._list([d for d in result.diagnostics if d.path in files])
        self._failed(f"cannot read {', '.join(sorted(files))}", result.diagnostics, files)

    def _failed(
        self,
        reason: str,
        diagnostics: tuple[Diagnostic, ...] | None = None,
        files: frozenset[str] | None = None,
    ) -> None:
        """The latest attempt did not build: the served build and its pages stay, and so
        do the latest lint findings when this attempt has none (a template mistake)."""
        with self._changed:
            was = self._status
            found = was.diagnostics if diagnostics is None else diagnostics
            unread = was.unreadable if files is None else files
            now = Status(was.version + 1, was.built, reason, found, was.pages, unread)
            self._publish(now)
        keeping = "the page keeps the last good build" if was.built else "nothing to show yet"
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


def _where(d: Diagnostic, path: str | None = None) -> str:
    """``path:line:column``; the terminal passes the path as typed from the current folder
    (as lint and build print it), the banner keeps it relative to the catalog."""
    shown = d.path if path is None else path
    return f"{shown}:{d.line}:{d.column}" if d.line > 0 else shown


def _same(d: Diagnostic) -> tuple[str, str, str, str]:
    """A finding without its position: an edit above it moves it, but it is not new."""
    return (d.path, d.code, d.severity.value, d.message)


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
        elif not self.preview.status.built:  # e.g. mcauthor.yaml cannot be read
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
        rel = os.path.relpath(found, self.directory).replace(os.sep, "/")
        if page is not None:
            self._page(HTTPStatus.OK, page, head, rel)
        else:
            self._not_found(head, rel)

    def _not_found(self, head: bool, rel: str = "") -> None:
        """The site's own 404 page, as a static host would answer; but the page of a file
        that cannot be read (and was never built) says so."""
        status = self.preview.status
        asked = {rel, posixpath.join(rel, "index.html")}  # a missing folder stays bare
        missing = [f for f in sorted(status.unreadable) if page_of_file(f) in asked]
        if missing:
            self._page(HTTPStatus.SERVICE_UNAVAILABLE, _problem_page(missing[0]), head, rel)
            return
        page = _read(self.preview.out / "404.html") or NOT_FOUND
        self._page(HTTPStatus.NOT_FOUND, page, head, "404.html")

    def _page(self, code: HTTPStatus, page: bytes, head: bool, rel: str = "") -> None:
        body = inject(page, self.preview.status, rel)
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


def _before(page: bytes, where: re.Pattern[bytes], added: bytes, last: bool = False) -> bytes:
    """``added`` before the (first, or last) match of ``where``; else after ``<body>``
    (for the banner) or at the end."""
    if not added:
        return page
    found = list(where.finditer(page))
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
    items = "".join(_item(d) for d in _ranked(diagnostics)[:LISTED])
    more = len(diagnostics) - LISTED
    if more > 0:  # the terminal is capped at LISTED too
        items += f"<li>... and {more} more: <code>mcauthor lint</code> lists them all.</li>"
    return f"<ul>{items}</ul>" if items else ""


def _ranked(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (-d.severity.rank, d.sort_key()))


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    """ "2 errors, 1 warning"; empty for none."""
    return left_out((), diagnostics)  # all of them: none shown


def _item(d: Diagnostic) -> str:
    hint = f'<br><span class="mcauthor-hint">{html.escape(d.hint)}</span>' if d.hint else ""
    return (
        f'<li class="mcauthor-{d.severity.value}"><code>{html.escape(_where(d))}</code> '
        f"<b>{d.severity.value} {html.escape(d.code)}</b> {html.escape(d.message)}{hint}</li>"
    )


def _problem_page(file: str | None = None) -> bytes:
    """A page that cannot be rendered: ``file`` cannot be read, or (None) nothing has
    been built yet. The banner on top says why."""
    if file is None:
        why = "The preview has not been built yet"
    else:
        why = f"It is made from <code>{html.escape(file)}</code>, which cannot be read"
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>mcauthor preview: this page cannot be shown yet</title></head><body>"
        '<main style="font: 16px/1.5 system-ui, sans-serif; margin: 1rem">'
        f"<h1>This page cannot be shown yet</h1><p>{why}: the message above says where "
        "and why. Fix it and save; this page reloads by itself.</p></main></body></html>"
    ).encode()


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
