"""`mcauthor lsp`: the language server, on pygls. Each handler is thin: it finds the
catalog file, asks the engine for the catalog as it stands, and hands the work to the
modules beside this one (names, complete, hover, symbols, actions, convert).

No handler ever takes the server down: a failure is logged to standard error and the
request gets an empty answer.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from lsprotocol import types
from pygls import uris
from pygls.lsp.server import LanguageServer

from mcauthor import __version__
from mcauthor.errors import CannotRun
from mcauthor.lint import LintResult
from mcauthor.lsp import actions, convert, names
from mcauthor.lsp.catalogs import Catalogs, File, Outcome, catalogs_in
from mcauthor.lsp.complete import complete
from mcauthor.lsp.cursor import Spot, spot_at, typing_at
from mcauthor.lsp.hover import hover_text
from mcauthor.lsp.symbols import Outline
from mcauthor.yamlread import Parsed, parse

log = logging.getLogger(__name__)

NO_CATALOG = (
    "mcauthor: no catalog (mcauthor.yaml) in this workspace; the language server stays "
    "quiet until you open a file of one."
)
_CONFIG_LINE = re.compile(r"^mcauthor\.yaml:(\d+): ")

_R = TypeVar("_R")
_P = TypeVar("_P")


class Server(LanguageServer):
    """pygls's server with the catalogs it lints and what it last told the client."""

    def __init__(self) -> None:
        super().__init__("mcauthor", __version__)
        self.catalogs = Catalogs(self.publish)
        self.sent: dict[Path, dict[str, list[types.Diagnostic]]] = {}
        self.touched: set[str] = set()  # open files changed since their last publish
        self._parsed: dict[str, tuple[str, Parsed]] = {}
        self._good: dict[str, Any] = {}  # each buffer's data when it last read as YAML

    # -- diagnostics ---------------------------------------------------------------------
    def publish(self, root: Path, outcome: Outcome) -> None:
        """Send each file's findings when they changed (and to every file just edited);
        clear the files that no longer have any."""
        if isinstance(outcome, CannotRun):
            found = {(root / "mcauthor.yaml").as_uri(): [_cannot_run(outcome)]}
        else:
            found = self._by_file(root, outcome)
        before = self.sent.get(root, {})
        for uri, diagnostics in found.items():
            if before.get(uri) != diagnostics or uri in self.touched:
                self._send(uri, diagnostics)
        for uri in set(before) - set(found):
            self._send(uri, [])
        for uri in self.touched - set(found):
            if (file := self.catalogs.file(uri)) is not None and file.root == root:
                self._send(uri, [])
        self.sent[root] = found

    def _send(self, uri: str, diagnostics: list[types.Diagnostic]) -> None:
        self.touched.discard(uri)
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
        self.text_document_publish_diagnostics(params)

    def _by_file(self, root: Path, result: LintResult) -> dict[str, list[types.Diagnostic]]:
        frames = convert.FrameSource(root, result, self.workspace.position_codec)
        found: dict[str, list[types.Diagnostic]] = {}
        for d in result.diagnostics:
            related = convert.related(result, d, frames)
            item = convert.diagnostic(d, frames.frame(d.path), related)
            found.setdefault(frames.uri(d.path), []).append(item)
        return found

    # -- the open buffer -----------------------------------------------------------------
    def buffer(self, uri: str) -> tuple[str, Parsed, convert.Frame]:
        """The editor's text of ``uri``, read with positions (kept per version)."""
        text = self.workspace.get_text_document(uri).source
        kept = self._parsed.get(uri)
        if kept is None or kept[0] != text:
            kept = self._parsed[uri] = (text, parse(text))
            if not kept[1].fatal and kept[1].data is not None:
                self._good[uri] = kept[1].data
        lines = [line.rstrip("\r") for line in text.split("\n")]
        return text, kept[1], convert.Frame(lines, self.workspace.position_codec)

    def last_good(self, uri: str) -> Any:
        """The buffer's data when it last read as YAML (completion while it does not)."""
        return self._good.get(uri)

    def forget(self, uri: str) -> None:
        self._parsed.pop(uri, None)
        self._good.pop(uri, None)


def _cannot_run(exc: CannotRun) -> types.Diagnostic:
    """A config that stops every lint, shown where it is (its line, when it says one)."""
    message = str(exc)
    match = _CONFIG_LINE.match(message)
    line = int(match.group(1)) - 1 if match else 0
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=max(line, 0), character=0),
            end=types.Position(line=max(line, 0) + 1, character=0),
        ),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=convert.SOURCE,
    )


def _safe(
    handler: Callable[[Server, _P], Awaitable[_R]],
) -> Callable[[Server, _P], Awaitable[_R | None]]:
    """Log a handler's failure and answer nothing: a bad buffer never ends the server."""

    @functools.wraps(handler)
    async def run(ls: Server, params: _P) -> _R | None:
        try:
            return await handler(ls, params)
        except Exception:
            log.exception("mcauthor lsp: %s failed", handler.__name__)
            return None

    return run


class _At(Protocol):
    """Request parameters that name a place in a document (hover, definition ...)."""

    @property
    def text_document(self) -> types.TextDocumentIdentifier: ...

    @property
    def position(self) -> types.Position: ...


# -- lifecycle and document sync -----------------------------------------------------------
@_safe
async def initialized(ls: Server, params: types.InitializedParams) -> None:
    folders = [f.uri for f in ls.workspace.folders.values()] or (
        [ls.workspace.root_uri] if ls.workspace.root_uri else []
    )
    roots: list[Path] = []
    for uri in folders:
        path = _fs_path(uri)
        if path is not None:
            roots += catalogs_in(path)
    if not roots:
        ls.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Info, message=NO_CATALOG)
        )
    for root in dict.fromkeys(roots):
        ls.catalogs.schedule(root)
    await _watch_files(ls)


async def _watch_files(ls: Server) -> None:
    """Ask the client to report YAML files that change on disk (if it can)."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if watched is None or not watched.dynamic_registration:
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")]
    )
    registration = types.Registration(
        id="mcauthor-watch",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    await ls.client_register_capability_async(
        types.RegistrationParams(registrations=[registration])
    )


@_safe
async def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
    if ls.catalogs.file(params.text_document.uri) is not None:
        ls.buffer(params.text_document.uri)  # as it reads now, for completion while it does not
    _changed(ls, params.text_document.uri)


@_safe
async def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri)


def _changed(ls: Server, uri: str) -> None:
    file = ls.catalogs.file(uri)
    if file is None:
        return
    ls.catalogs.set_text(file, ls.workspace.get_text_document(uri).source)
    ls.touched.add(uri)
    ls.catalogs.schedule(file.root)


@_safe
async def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.forget(uri)
    file = ls.catalogs.file(uri)
    if file is not None:
        ls.catalogs.set_text(file, None)
        ls.catalogs.schedule(file.root)


@_safe
async def did_save(ls: Server, params: types.DidSaveTextDocumentParams) -> None:
    file = ls.catalogs.file(params.text_document.uri)
    if file is not None:  # the bytes on disk are new: read them when the buffer closes
        ls.catalogs.changed_on_disk(file.root, file.rel)
        ls.catalogs.schedule(file.root)


@_safe
async def did_change_watched(ls: Server, params: types.DidChangeWatchedFilesParams) -> None:
    roots: set[Path] = set()
    for change in params.changes:
        file = ls.catalogs.file(change.uri)
        if file is not None:
            ls.catalogs.changed_on_disk(file.root, file.rel)
            roots.add(file.root)
    for root in roots:
        ls.catalogs.schedule(root)


# -- features ------------------------------------------------------------------------------
async def _where(ls: Server, uri: str) -> tuple[File, LintResult] | None:
    file = ls.catalogs.file(uri)
    if file is None:
        return None
    result = await ls.catalogs.result(file.root)
    return (file, result) if result is not None else None


async def _spot(
    ls: Server, params: _At
) -> tuple[File, LintResult, Spot | None, convert.Frame, tuple[int, int]] | None:
    found = await _where(ls, params.text_document.uri)
    if found is None:
        return None
    _, parsed, frame = ls.buffer(params.text_document.uri)
    line, column = frame.cursor(params.position)
    spot = spot_at(parsed, list(frame.lines), line, column)
    return (*found, spot, frame, (line, column))


@_safe
async def hover(ls: Server, params: types.HoverParams) -> types.Hover | None:
    found = await _spot(ls, params)
    if found is None:
        return None
    file, result, spot, frame, _ = found
    findings = [
        d
        for d in result.diagnostics
        if d.path == file.rel and _covers(frame, d.line, d.column, params.position)
    ]
    text = hover_text(result, file.rel, file.kind, spot, findings)
    if text is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


def _covers(frame: convert.Frame, line: int, column: int, position: types.Position) -> bool:
    span = frame.span(max(line, 1), max(column, 1))
    if position.line != span.start.line:
        return False
    return span.start.character <= position.character <= span.end.character


@_safe
async def completion(ls: Server, params: types.CompletionParams) -> types.CompletionList | None:
    found = await _where(ls, params.text_document.uri)
    if found is None:
        return None
    file, result = found
    text, _, frame = ls.buffer(params.text_document.uri)
    line, column = frame.cursor(params.position)
    typing = typing_at(text, line, column)
    if typing is None:
        return None
    if typing.data is None:  # the rest of the buffer does not read either: as it last did
        typing = replace(typing, data=ls.last_good(params.text_document.uri))
    items = complete(result, file.rel, file.kind, typing)
    return types.CompletionList(is_incomplete=False, items=items)


@_safe
async def definition(ls: Server, params: types.DefinitionParams) -> list[types.Location] | None:
    return await _places(ls, params, declarations=True, uses=False)


@_safe
async def references(ls: Server, params: types.ReferenceParams) -> list[types.Location] | None:
    return await _places(ls, params, declarations=params.context.include_declaration, uses=True)


async def _places(
    ls: Server, params: _At, *, declarations: bool, uses: bool
) -> list[types.Location] | None:
    found = await _spot(ls, params)
    if found is None:
        return None
    file, result, spot, _, _ = found
    if spot is None:
        return None
    target = names.target_at(result, file.rel, spot)
    if target is None:
        return None
    places = names.definitions(result, target) if declarations else []
    if uses:
        places += names.references(result, target)
    frames = convert.FrameSource(file.root, result, ls.workspace.position_codec)
    return [convert.location(result, place, frames) for place in places]


@_safe
async def code_action(
    ls: Server, params: types.CodeActionParams
) -> list[types.CodeAction | types.Command]:
    uri = params.text_document.uri
    found = await _where(ls, uri)
    if found is None:
        return []
    file, result = found
    text, parsed, frame = ls.buffer(uri)
    diagnostics = list(params.context.diagnostics)
    codec = ls.workspace.position_codec
    fixes = actions.Fixes(uri, file.rel, file.root, result, text, codec).actions(diagnostics)
    return [*fixes, *actions.suppress_actions(uri, frame, parsed, diagnostics)]


@_safe
async def document_symbol(
    ls: Server, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | None:
    file = ls.catalogs.file(params.text_document.uri)
    if file is None:
        return None
    _, parsed, frame = ls.buffer(params.text_document.uri)
    if parsed.data is None:
        return []
    return Outline(parsed, frame).symbols(file.kind)


def _fs_path(uri: str) -> Path | None:
    path = uris.to_fs_path(uri)
    return Path(path) if path else None


# What the server answers, and with which options (registered in make_server).
FEATURES: list[tuple[str, Callable[..., Awaitable[Any]], Any]] = [
    (types.INITIALIZED, initialized, None),
    (types.TEXT_DOCUMENT_DID_OPEN, did_open, None),
    (types.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
    (types.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
    (types.TEXT_DOCUMENT_DID_SAVE, did_save, None),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, did_change_watched, None),
    (types.TEXT_DOCUMENT_HOVER, hover, None),
    (
        types.TEXT_DOCUMENT_COMPLETION,
        completion,
        types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"]),
    ),
    (types.TEXT_DOCUMENT_DEFINITION, definition, None),
    (types.TEXT_DOCUMENT_REFERENCES, references, None),
    (
        types.TEXT_DOCUMENT_CODE_ACTION,
        code_action,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    ),
    (types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, document_symbol, None),
]


def make_server() -> Server:
    server = Server()
    for method, handler, options in FEATURES:
        server.feature(method, options)(handler)
    return server


def run() -> int:
    """Serve on standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    server = make_server()
    try:
        server.start_io()
    finally:
        server.catalogs.close()
    return 0
