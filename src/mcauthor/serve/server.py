"""The preview's HTTP server: the built site, with the banner and reload script added to
each HTML page, the preview's own URLs (the long poll, the script, the style sheet), and
a page saying why a page cannot be shown yet."""

from __future__ import annotations

import errno
import html
import os
import posixpath
import re
import socket
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from mcauthor.loader import CannotRun
from mcauthor.serve.banner import PREFIX, PREVIEW_CSS, RELOAD_JS, inject
from mcauthor.serve.status import page_of_file

if TYPE_CHECKING:
    from mcauthor.serve.preview import Preview

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# ?wait=N of the long poll: ASCII digits only (str.isdigit() takes "²", which int() refuses),
# and few enough of them for int().
WAIT_VERSION = re.compile(r"-?[0-9]{1,20}")


class Server(ThreadingHTTPServer):
    """Serves one preview (``bind`` makes it), a thread per request."""

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
        self.preview.say(f"mcauthor: request failed: {type(error).__name__}: {error}")


class _Server6(Server):
    address_family = socket.AF_INET6


def bind(preview: Preview) -> Server:
    """Listen on the preview's host and port, to serve the site it builds."""
    host, port = preview.host, preview.port
    kind = _Server6 if ":" in host else Server
    try:
        server = kind((host, port), partial(_Handler, directory=str(preview.out)))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CannotRun(
                f"port {port} on {host} is already in use; choose another with --port "
                "(--port 0 picks a free one)"
            ) from None
        raise CannotRun(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    server.preview = preview
    return server


class _Handler(SimpleHTTPRequestHandler):
    """The built site, with the reload script and the problem panel added to HTML."""

    server: Server

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
