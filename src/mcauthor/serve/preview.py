"""The preview controller: builds one catalog into a temporary folder, rebuilds it on
every change, and keeps the Status the server shows (a long poll waits on it)."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import TracebackType

from mcauthor.build import BuildError, BuildResult, build
from mcauthor.catalogfiles import find_root
from mcauthor.diagnostics import Diagnostic
from mcauthor.errors import WriteError
from mcauthor.limits import Limits
from mcauthor.lint import LintResult
from mcauthor.loader import CannotRun
from mcauthor.output.writer import OutputFolder
from mcauthor.prepare import source_date_epoch
from mcauthor.serve.server import Server, bind
from mcauthor.serve.status import Status, pages_of, unreadable
from mcauthor.serve.terminal import Terminal
from mcauthor.serve.watch import ChangeFilter, watch

WAIT_SECONDS = 20.0  # a long poll answers at least this often, so no request hangs forever


class Unreadable(Exception):
    """The preview's build gate: files that cannot be parsed, and a build to keep."""

    def __init__(self, result: LintResult, files: frozenset[str]) -> None:
        super().__init__(f"cannot read {', '.join(sorted(files))}")
        self.result = result
        self.files = files


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
        limits: Limits | None = None,
    ) -> None:
        self.path = path
        self.host = host
        self.port = port
        self.guides = guides
        self.limits = limits
        self.say = say or (lambda message: None)
        self.root: Path | None = None
        self.folder: Path | None = None  # the temporary folder; the site is in ./site
        self._server: Server | None = None
        self._terminal: Terminal | None = None
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._watch_error: BaseException | None = None
        self._build_lock = threading.Lock()  # one build at a time
        self._changed = threading.Condition()  # guards the fields below; notifies waiters
        self._status = Status()
        self._builds = 0
        self._last: BuildResult | None = None
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
        self._terminal = Terminal(self.root, self.say)
        source_date_epoch()  # a mistake no edit of the catalog can fix: say it now
        self.folder = Path(tempfile.mkdtemp(prefix="mcauthor-serve-"))
        self._server = bind(self)
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

    @property
    def _report(self) -> Terminal:
        """What the build prints (made by ``start()``, once the catalog root is known)."""
        if self._terminal is None:
            raise RuntimeError("the preview is not started")
        return self._terminal

    def _watch(self) -> None:
        assert self.root is not None and self._filter is not None
        try:
            watch(self.root, self._filter, self._stop, self._watching, self._rebuild)
        except Exception as exc:  # e.g. the system's limit on watched folders
            self._watch_error = exc
            if self._watching.is_set():
                self.say(f"mcauthor: stopped watching for changes: {exc}")
        finally:
            self._watching.set()

    def _rebuild(self, changed: list[str]) -> None:
        self._report.changed(changed)
        self._build(first=False)

    def _build(self, *, first: bool) -> None:
        assert self.root is not None
        with self._build_lock:
            if self._stop.is_set():
                return
            if first:
                self._report.building(guides=self.guides)
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
        self._report.built(result, files, first=first)

    def _unreadable(self, result: LintResult, files: frozenset[str]) -> None:
        self._ignore_out_folder(result)
        self._report.findings([d for d in result.diagnostics if d.path in files])
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
        self._report.not_rebuilt(reason, kept=was.built)

    def _publish(self, status: Status) -> None:
        """Replace the status and wake the long polls (call with ``_changed`` held)."""
        self._status = status
        self._changed.notify_all()

    def _ignore_out_folder(self, result: LintResult) -> None:
        """Changes in the catalog's own output folder (`mcauthor build`) are not edits."""
        if self._filter is not None:
            self._filter.out = (result.catalog.root / result.catalog.config.build.out).resolve()
