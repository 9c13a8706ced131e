"""`mcauthor lsp` and its lint engine on a contributor's catalog, open in a maintainer's
editor.

Before: catalog text reached hover markdown as markup (a title could show a link, an
image the editor fetches from anywhere, raw HTML); the suppress quick fix wrote its
comment into a quoted or plain text that goes on over lines; completion on a long line,
the outline of a long list and the related places of many files sharing an id each took
minutes; an editor buffer over the 1 MiB budget was read whole (lint says MC008); and a
file that became a link out of the catalog while its buffer was open was read through the
link once the buffer closed. The in-process tests drive the server's own functions on
real files; the end-to-end test drives the installed server as an editor does.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from markdown_it import MarkdownIt
from pygls.workspace.position_codec import PositionCodec
from pytest_lsp import ClientServerConfig, LanguageClient

from mcauthor.catalogfiles import MAX_BYTES
from mcauthor.engine import Engine
from mcauthor.lint import LintOptions, lint
from mcauthor.lsp import actions, convert
from mcauthor.lsp.convert import Frame
from mcauthor.lsp.cursor import spot_at, typing_at
from mcauthor.lsp.hover import hover_text
from mcauthor.lsp.symbols import Outline
from mcauthor.rules.base import Example
from mcauthor.rules.examples import base_text, materialize
from mcauthor.yamlread import parse

CREDENTIAL = "credentials/example.yaml"
STACK = "stacks/example-stack.yaml"
CODEC = PositionCodec()
# What a hostile title tries: a link, a command link, an image fetched from the network,
# raw HTML, a heading, a backtick that ends a code span early.
HOSTILE = (
    "Nice [click](command:workbench.action.terminal.new) ![x](https://evil.example/t.png) "
    "<img src=https://evil.example/i.png> <b>bold</b> `x` [y](https://evil.example)"
)


def _catalog(tmp_path: Path, files: dict[str, str]) -> Path:
    return materialize(Example(whole=files), tmp_path / "catalog")


def _where(lines: list[str], needle: str, offset: int = 0) -> tuple[int, int]:
    """The 1-based line and column of ``needle`` (plus ``offset``) in ``lines``."""
    line = next(i for i, text in enumerate(lines, 1) if needle in text)
    return line, lines[line - 1].index(needle) + offset + 1


def _rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


# -- hover --------------------------------------------------------------------------------
def test_hover_shows_catalog_text_as_text(tmp_path: Path) -> None:
    text = base_text(CREDENTIAL).replace(
        "title: Using Feedback to Move Learning Forward", f"title: '{HOSTILE}'"
    )
    text = re.sub("^summary: .*$", "summary: '# Heading <script>x</script>'", text, flags=re.M)
    root = _catalog(tmp_path, {CREDENTIAL: text})
    result = lint(root, LintOptions(cache=False))
    stack_text = (root / STACK).read_text("utf-8")
    lines = stack_text.split("\n")
    at, column = _where(lines, "[example]", 1)
    spot = spot_at(parse(stack_text), lines, at, column)
    shown = hover_text(result, STACK, "stack", spot, [])
    assert shown is not None and "Nice" in shown
    html = _rendered(shown)
    assert "<a " not in html and "<img" not in html and "<b>" not in html, html
    assert "<script" not in html and "<h1" not in html, html
    assert HOSTILE.replace("<", "&lt;").replace(">", "&gt;") in html  # shown as written


def test_hover_on_a_finding_keeps_its_names_as_code(tmp_path: Path) -> None:
    text = base_text(CREDENTIAL).replace(
        "  research: [black-wiliam-1998]",
        "  research: ['a` [link](https://evil.example) <img src=x> `b']",
    )
    root = _catalog(tmp_path, {CREDENTIAL: text})
    result = lint(root, LintOptions(cache=False))
    findings = [d for d in result.diagnostics if d.path == CREDENTIAL and "link" in d.message]
    assert findings, result.diagnostics
    html = _rendered(hover_text(result, CREDENTIAL, "credential", None, findings) or "")
    assert '<a href="https://evil' not in html and "<img" not in html, html


# -- the suppress quick fix -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        'title: "A title that\n  goes on"\nid: x\n',
        "title: 'A title that\n  goes on'\nid: x\n",
        "title: A title that\n  goes on\nid: x\n",
        'title: "A title \\\n  goes on"\nid: x\n',
    ],
)
def test_suppress_action_never_writes_into_a_text(text: str) -> None:
    frame = Frame(text.split("\n"), CODEC)
    start = types.Position(line=0, character=0)
    finding = types.Diagnostic(
        range=types.Range(start=start, end=start),
        message="a finding",
        code="MC103",
        source=convert.SOURCE,
    )
    offered = actions.suppress_actions("file:///x.yaml", frame, parse(text), [finding])
    assert offered == []  # the comment would be part of the title, or break it


def test_suppress_action_with_a_line_separator_edits_no_other_line() -> None:
    # YAML and Python count U+2028 as a line break, an editor does not: the finding on
    # `title` is on YAML's line 3, the editor's line 2.
    text = "summary: 'one\u2028two'\ntitle: A title\nid: x  # a note\n"
    assert parse(text).keys[("title",)] == (3, 1)
    frame = Frame(text.split("\n"), CODEC)
    start = types.Position(line=2, character=0)
    finding = types.Diagnostic(
        range=types.Range(start=start, end=start), message="m", code="MC103", source="mcauthor"
    )
    offered = actions.suppress_actions("file:///x.yaml", frame, parse(text), [finding])
    edits = [
        e for a in offered if a.edit and a.edit.changes for e in a.edit.changes["file:///x.yaml"]
    ]
    assert all(e.range.start.line == 1 for e in edits), edits  # not after `id: x`


# -- bounded time ---------------------------------------------------------------------------
def test_completion_on_a_long_line_is_fast() -> None:
    line = "a" + " " * 60_000
    text = f"title: x\n{line}\n"
    began = time.monotonic()
    typing_at(text, 2, len(line) + 1)
    assert time.monotonic() - began < 1.0  # quadratic before: seconds, minutes at 1 MiB


@pytest.mark.slow
def test_outline_of_a_long_list_is_fast() -> None:
    text = "".join(f"- key: k{i}\n" for i in range(20_000))
    parsed = parse(text)
    began = time.monotonic()
    symbols = Outline(parsed, Frame(text.split("\n"), CODEC)).symbols("research")
    assert len(symbols) == 20_000
    assert time.monotonic() - began < 5.0  # 15 s before, minutes for a 1 MiB file


@pytest.mark.slow
def test_related_places_of_many_files_sharing_an_id_are_bounded(tmp_path: Path) -> None:
    same = base_text(CREDENTIAL)
    root = _catalog(tmp_path, {f"credentials/c{i}.yaml": same for i in range(300)})
    result = lint(root, LintOptions(cache=False))
    frames = convert.FrameSource(root, result, CODEC)
    shared = [d for d in result.diagnostics if d.code == "MC502"]
    assert len(shared) >= 300
    began = time.monotonic()
    sizes = [len(convert.related(result, d, frames)) for d in shared]
    assert max(sizes) <= convert.RELATED_LIMIT
    assert time.monotonic() - began < 5.0


# -- the engine -----------------------------------------------------------------------------
def test_a_buffer_over_the_size_budget_reads_as_lint_reads_the_file(tmp_path: Path) -> None:
    root = _catalog(tmp_path, {})
    big = base_text(CREDENTIAL) + "# " + "x" * MAX_BYTES + "\n"
    engine = Engine(root)
    engine.set_text(CREDENTIAL, big)
    found = {d.code for d in engine.result().diagnostics}
    (root / CREDENTIAL).write_text(big, "utf-8")
    expected = {d.code for d in lint(root, LintOptions(cache=False)).diagnostics}
    assert "MC008" in expected and found == expected


def test_a_file_that_became_a_link_out_is_not_read_when_its_buffer_closes(
    tmp_path: Path,
) -> None:
    root = _catalog(tmp_path, {})
    secret = tmp_path / "home" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text('token: "sk-SECRET-from-home"\n', "utf-8")
    engine = Engine(root)
    engine.set_text(CREDENTIAL, (root / CREDENTIAL).read_text("utf-8"))
    engine.result()
    (root / CREDENTIAL).unlink()  # a checkout while the editor is open
    os.symlink(secret, root / CREDENTIAL)
    engine.set_text(CREDENTIAL, None)
    result = engine.result()
    assert CREDENTIAL not in result.documents
    codes = [d.code for d in result.diagnostics if d.path == CREDENTIAL]
    assert codes == ["MC010"], result.diagnostics
    assert all("SECRET" not in d.message for d in result.diagnostics)


# -- end to end: the installed server -------------------------------------------------------
_MCAUTHOR = shutil.which("mcauthor", path=str(Path(sys.executable).parent))
SERVER = [_MCAUTHOR, "lsp"] if _MCAUTHOR else [sys.executable, "-m", "mcauthor", "lsp"]
WAIT = 30.0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = base_text(CREDENTIAL).replace(
        "title: Using Feedback to Move Learning Forward", f"title: '{HOSTILE}'"
    )
    research = "".join(f"- key: k{i}\n  authors: [A]\n" for i in range(12_000))
    files = {CREDENTIAL: text, "research/many.yaml": research}
    return materialize(Example(whole=files), tmp_path_factory.mktemp("lsp") / "catalog")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, hostile: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=hostile.as_uri(), name="catalog")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, uri: str, text: str) -> None:
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))


@pytest.mark.slow
@pytest.mark.asyncio(loop_scope="module")
async def test_the_server_answers_hostile_requests_in_time(
    client: LanguageClient, hostile: Path
) -> None:
    stack = hostile / STACK
    stack_text = stack.read_text("utf-8")
    _open(client, stack.as_uri(), stack_text)
    line, column = _where(stack_text.split("\n"), "[example]", 1)
    at = types.Position(line=line - 1, character=column - 1)
    ident = types.TextDocumentIdentifier(uri=stack.as_uri())
    shown = await asyncio.wait_for(
        client.text_document_hover_async(types.HoverParams(text_document=ident, position=at)),
        WAIT,
    )
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    html = _rendered(shown.contents.value)
    assert "Nice" in html and "<a " not in html and "<img" not in html, html

    many = hostile / "research/many.yaml"
    _open(client, many.as_uri(), many.read_text("utf-8"))
    symbols = await asyncio.wait_for(
        client.text_document_document_symbol_async(
            types.DocumentSymbolParams(
                text_document=types.TextDocumentIdentifier(uri=many.as_uri())
            )
        ),
        WAIT,
    )
    assert symbols is not None and len(symbols) == 12_000

    long_line = "title: x\n" + "a" + " " * 200_000
    credential = (hostile / CREDENTIAL).as_uri()
    _open(client, credential, long_line)
    found = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=credential),
                position=types.Position(line=1, character=200_001),
            )
        ),
        WAIT,
    )
    assert found is None or isinstance(found, types.CompletionList)
    assert not re.search("Traceback", "".join(str(m) for m in client.log_messages))
