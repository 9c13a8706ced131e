"""`mcauthor lsp` end to end: a real client (pytest-lsp) starts the server as a user's
editor does (the `mcauthor` command, stdio) on a copy of the sample catalog, and drives
open/change/hover/completion/definition/references/code actions/symbols/shutdown.

One server serves the module (starting one takes about a second); each test edits its
own file and closes it again, so the catalog on disk never changes.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec
from pytest_lsp import ClientServerConfig, LanguageClient

from mcauthor.fixes import FixContext, apply
from mcauthor.lint import LintResult, lint
from mcauthor.lsp import actions, convert, names
from mcauthor.lsp.complete import complete
from mcauthor.lsp.convert import Frame
from mcauthor.lsp.cursor import Typing, pattern, spot_at, typing_at
from mcauthor.lsp.symbols import Outline
from mcauthor.rules import by_code
from mcauthor.yamlread import parse

from conftest import SAMPLE, copy_sample

_MCAUTHOR = shutil.which("mcauthor", path=str(Path(sys.executable).parent))
SERVER = [_MCAUTHOR, "lsp"] if _MCAUTHOR else [sys.executable, "-m", "mcauthor", "lsp"]
WAIT = 30.0  # seconds for findings to arrive (a shared, slow machine)

_T = TypeVar("_T")


def e2e(test: _T) -> _T:
    """A test that talks to the module's server: slow (it shares a server start)."""
    marked: _T = pytest.mark.slow(pytest.mark.asyncio(loop_scope="module")(test))
    return marked


CALIBRATING = "credentials/calibrating-scoring.yaml"
HABITS = "credentials/assessing-habits-and-dispositions.yaml"
BASIC_STACK = "stacks/basic-performance-assessment-design.yaml"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("lsp") / "catalog")


def _initialize(folder: Path) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
        root_uri=folder.as_uri(),
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, catalog: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(_initialize(catalog))
    yield
    await lsp_client.shutdown_session()


# -- helpers -------------------------------------------------------------------------------
def _uri(catalog: Path, rel: str) -> str:
    return (catalog / rel).as_uri()


def _open(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=version, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


async def _until(
    client: LanguageClient,
    uri: str,
    check: Callable[[Sequence[types.Diagnostic]], bool],
) -> Sequence[types.Diagnostic]:
    """Wait for the findings of ``uri`` to pass ``check``."""

    async def wait() -> Sequence[types.Diagnostic]:
        while not check(client.diagnostics.get(uri, [])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics.get(uri, [])

    return await asyncio.wait_for(wait(), WAIT)


def _codes(diagnostics: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def _position(text: str, needle: str, offset: int = 0) -> types.Position:
    """The position of ``needle`` (plus ``offset`` characters) in ``text``."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return types.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


# -- diagnostics ---------------------------------------------------------------------------
@e2e
async def test_findings_follow_the_unsaved_buffer(client: LanguageClient, catalog: Path) -> None:
    uri = _uri(catalog, CALIBRATING)
    good = (catalog / CALIBRATING).read_text(encoding="utf-8")
    broken = good.replace("requires: [ensuring-technical-quality]", "requires: [nope]")
    _open(client, uri, broken)
    found = await _until(client, uri, lambda ds: "MC503" in _codes(ds))
    (d,) = [d for d in found if d.code == "MC503"]
    assert d.source == "mcauthor" and d.severity == types.DiagnosticSeverity.Error
    assert d.range.start == types.Position(line=143, character=11)
    assert d.range.end == types.Position(line=143, character=15)  # the id `nope`
    assert d.code_description is not None
    assert d.code_description.href.endswith("docs/rules.md#mc503-unknown-requires")
    assert "nope" in d.message

    _change(client, uri, "id: [unclosed\n", 2)  # not YAML at all: a finding, no crash
    await _until(client, uri, lambda ds: "MC001" in _codes(ds))
    _change(client, uri, good, 3)
    assert await _until(client, uri, lambda ds: not ds) == ()
    _close(client, uri)


@e2e
async def test_findings_in_files_that_are_not_open(client: LanguageClient, catalog: Path) -> None:
    """A buffer that renames a credential breaks the stack that lists it (not open) and
    duplicates another credential's id (related: the other file)."""
    uri = _uri(catalog, CALIBRATING)
    stack = _uri(catalog, BASIC_STACK)
    text = (catalog / CALIBRATING).read_text(encoding="utf-8")
    renamed = text.replace("id: calibrating-scoring", "id: designing-performance-tasks", 1)
    _open(client, uri, renamed)
    in_stack = await _until(client, stack, lambda ds: "MC505" in _codes(ds))
    assert all(d.source == "mcauthor" for d in in_stack)
    other = _uri(catalog, "credentials/designing-performance-tasks.yaml")
    found = await _until(client, other, lambda ds: "MC502" in _codes(ds))
    (duplicate,) = [d for d in found if d.code == "MC502"]
    (related,) = duplicate.related_information or []
    assert related.location.uri == uri
    assert related.location.range.start == types.Position(line=1, character=4)
    _close(client, uri)  # the file on disk counts again: the stack is fine
    assert await _until(client, stack, lambda ds: not ds) == ()


@e2e
async def test_a_config_that_stops_lint_is_shown_on_it(
    client: LanguageClient, catalog: Path
) -> None:
    uri = _uri(catalog, "mcauthor.yaml")
    text = (catalog / "mcauthor.yaml").read_text(encoding="utf-8")
    _open(client, uri, text)
    _change(client, uri, "catalog: [\n", 2)
    (d,) = await _until(client, uri, bool)
    assert d.message.startswith("mcauthor.yaml:") and d.source == "mcauthor"
    _change(client, uri, text, 3)
    await _until(client, uri, lambda ds: not ds)
    _close(client, uri)


async def _open_unknown_requires(
    client: LanguageClient, catalog: Path
) -> tuple[str, str, Sequence[types.Diagnostic]]:
    """Open the calibrating credential with `requires: [nope]` and wait for its MC503:
    (uri, the buffer's text, its diagnostics)."""
    uri = _uri(catalog, CALIBRATING)
    text = (catalog / CALIBRATING).read_text(encoding="utf-8")
    broken = text.replace("requires: [ensuring-technical-quality]", "requires: [nope]")
    _open(client, uri, broken)
    found = await _until(client, uri, lambda ds: "MC503" in _codes(ds))
    return uri, broken, found


# -- hover ---------------------------------------------------------------------------------
@e2e
async def test_hover_explains_a_finding_and_a_key(client: LanguageClient, catalog: Path) -> None:
    uri, broken, _ = await _open_unknown_requires(client, catalog)
    on_finding = await client.text_document_hover_async(
        types.HoverParams(text_document=_doc(uri), position=_position(broken, "[nope]", 2))
    )
    assert on_finding is not None and isinstance(on_finding.contents, types.MarkupContent)
    shown = on_finding.contents.value
    assert "MC503 unknown-requires" in shown and "**Fix:**" in shown and "rules.md#mc503" in shown

    on_key = await client.text_document_hover_async(
        types.HoverParams(text_document=_doc(uri), position=_position(broken, "competency:", 3))
    )
    assert on_key is not None and isinstance(on_key.contents, types.MarkupContent)
    assert on_key.contents.value.startswith("**competency**: ")

    on_id = await client.text_document_hover_async(
        types.HoverParams(text_document=_doc(uri), position=_position(broken, "    - brookhart", 8))
    )
    assert on_id is not None and isinstance(on_id.contents, types.MarkupContent)
    assert "**Research** `brookhart-2013`" in on_id.contents.value
    assert "`research/library.yaml`" in on_id.contents.value
    _close(client, uri)


# -- completion ----------------------------------------------------------------------------
async def _labels(client: LanguageClient, uri: str, position: types.Position) -> list[str]:
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=_doc(uri), position=position)
    )
    assert isinstance(found, types.CompletionList)
    return [item.label for item in found.items]


@e2e
async def test_completion_of_research_keys_and_credential_ids(
    client: LanguageClient, catalog: Path
) -> None:
    uri = _uri(catalog, HABITS)
    text = (catalog / HABITS).read_text(encoding="utf-8")
    _open(client, uri, text)
    typing = text.replace("    - sadler-1989\n", "    - sadler-1989\n    - \n", 1)
    _change(client, uri, typing, 2)
    research = await _labels(client, uri, _position(typing, "    - \n", 6))
    assert "duckworth-yeager-2015" in research  # the credential's own
    assert "linn-baker-dunbar-1991" in research  # the shared library's
    keys = await _labels(client, uri, types.Position(line=typing.count("\n"), character=0))
    assert "credit" in keys and "image" in keys  # top-level keys not written yet
    assert "title" not in keys and "rubric" not in keys

    typing = text.replace("requires: [embedding-habits-and-dispositions]", "requires: [", 1)
    _change(client, uri, typing, 3)  # `[` unclosed: the buffer does not read as YAML now
    ids = await _labels(client, uri, _position(typing, "requires: [", 11))
    assert "designing-performance-tasks" in ids and "assessing-habits-and-dispositions" not in ids
    _close(client, uri)


# -- definition and references -------------------------------------------------------------
@e2e
async def test_definition_and_references_of_a_credential_id(
    client: LanguageClient, catalog: Path
) -> None:
    uri = _uri(catalog, CALIBRATING)
    text = (catalog / CALIBRATING).read_text(encoding="utf-8")
    _open(client, uri, text)
    at = _position(text, "[ensuring-technical-quality]", 3)
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=_doc(uri), position=at)
    )
    assert isinstance(found, list) and len(found) == 1
    target = found[0]
    assert isinstance(target, types.Location)
    assert target.uri == _uri(catalog, "credentials/ensuring-technical-quality.yaml")
    assert target.range.start == types.Position(line=1, character=4)  # `id: ensuring-...`

    uses = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=_doc(uri),
            position=at,
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert uses is not None
    where = {u.uri.removeprefix(catalog.as_uri() + "/") for u in uses}
    assert {CALIBRATING, BASIC_STACK} <= where
    assert "credentials/ensuring-technical-quality.yaml" not in where  # no declaration
    _close(client, uri)


# -- code action ---------------------------------------------------------------------------
@e2e
async def test_suppress_action_inserts_the_comment(client: LanguageClient, catalog: Path) -> None:
    uri, broken, found = await _open_unknown_requires(client, catalog)
    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=_doc(uri),
            range=found[0].range,
            context=types.CodeActionContext(diagnostics=list(found)),
        )
    )
    assert offered is not None
    (action,) = [a for a in offered if isinstance(a, types.CodeAction)]
    assert action.title == "Suppress MC503 on this line"
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri]
    assert edit.new_text == "  # mcauthor: disable=MC503 -- reason"
    assert edit.range.start == types.Position(line=143, character=len("requires: [nope]"))
    lines = broken.split("\n")
    lines[143] += edit.new_text
    _change(client, uri, "\n".join(lines), 2)
    assert await _until(client, uri, lambda ds: not ds) == ()  # suppressed, and used
    _close(client, uri)


@e2e
async def test_fix_actions_quote_a_value_and_add_a_credential_to_a_stack(
    client: LanguageClient, catalog: Path
) -> None:
    uri = _uri(catalog, HABITS)
    text = (catalog / HABITS).read_text(encoding="utf-8")
    typed = text.replace('version: "1.0.0"', "version: 1.10  # as people write it", 1)
    _open(client, uri, typed)
    found = [d for d in await _until(client, uri, lambda ds: "MC011" in _codes(ds))]
    quoting = [d for d in found if d.code == "MC011"]
    actions = await _actions(client, uri, quoting)
    assert [a.title for a in actions] == ["Quote `1.10`", "Suppress MC011 on this line"]
    assert actions[0].is_preferred and not actions[1].is_preferred
    assert actions[0].edit is not None and actions[0].edit.changes is not None
    (edit,) = actions[0].edit.changes[uri]
    fixed = _applied(typed, [edit])
    assert fixed == typed.replace("version: 1.10", 'version: "1.10"', 1)
    _change(client, uri, fixed, 2)
    await _until(client, uri, lambda ds: "MC011" not in _codes(ds))
    _close(client, uri)

    # A credential in no stack: one action per stack, each a change to the stack's file.
    stack_uri = _uri(catalog, BASIC_STACK)
    stack = (catalog / BASIC_STACK).read_text(encoding="utf-8")
    _open(client, stack_uri, stack.replace("  - calibrating-scoring\n", ""))
    uri = _uri(catalog, CALIBRATING)
    alone = [d for d in await _until(client, uri, lambda ds: "MC508" in _codes(ds))]
    alone = [d for d in alone if d.code == "MC508"]
    actions = await _actions(client, uri, alone)
    add = [a for a in actions if a.title == "Add to stack `basic-performance-assessment-design`"]
    assert len(actions) == 4 and len(add) == 1 and not add[0].is_preferred
    assert add[0].edit is not None and add[0].edit.changes is not None
    (edit,) = add[0].edit.changes[stack_uri]
    assert _applied(stack.replace("  - calibrating-scoring\n", ""), [edit]) == stack
    _close(client, stack_uri)


async def _actions(
    client: LanguageClient, uri: str, found: list[types.Diagnostic]
) -> list[types.CodeAction]:
    """The code actions offered for the findings ``found`` of ``uri``."""
    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=_doc(uri),
            range=found[0].range,
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    return [a for a in offered or [] if isinstance(a, types.CodeAction)]


def _applied(text: str, edits: Sequence[types.TextEdit]) -> str:
    """``text`` with the client's edits made (positions in UTF-16 units, as the client)."""
    lines = text.split("\n")
    codec = PositionCodec()

    def offset(position: types.Position) -> int:
        at = codec.position_from_client_units(lines, position)
        return sum(len(line) + 1 for line in lines[: at.line]) + at.character

    out = text
    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        out = out[:start] + edit.new_text + out[end:]
    return out


# -- symbols -------------------------------------------------------------------------------
@e2e
async def test_document_symbols_outline_a_credential(client: LanguageClient, catalog: Path) -> None:
    uri = _uri(catalog, HABITS)
    _open(client, uri, (catalog / HABITS).read_text(encoding="utf-8"))
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=_doc(uri))
    )
    assert found is not None
    symbols = {s.name: s for s in found if isinstance(s, types.DocumentSymbol)}
    assert {"Competency", "Key method", "Evidence", "Rubric"} <= set(symbols)
    evidence = [c.name for c in symbols["Evidence"].children or []]
    assert evidence == ["overview", "artifacts", "reflection"]
    criteria = [c.name for c in symbols["Rubric"].children or []]
    assert "purpose-and-reporting" in criteria
    method = [c.name for c in symbols["Key method"].children or []]
    assert "Write a developmental rubric" in method and "sadler-1989" in method
    _close(client, uri)


# -- a workspace without a catalog ---------------------------------------------------------
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), loop_scope="module")
async def stray(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(_initialize(tmp_path))
    yield


@e2e
async def test_no_catalog_says_so_once_and_stays_quiet(
    stray: LanguageClient, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.yaml"
    notes.write_text("a: [1\n", encoding="utf-8")
    _open(stray, notes.as_uri(), "a: [1\n")
    found = await stray.text_document_hover_async(
        types.HoverParams(
            text_document=_doc(notes.as_uri()), position=types.Position(line=0, character=0)
        )
    )
    assert found is None
    symbols = await stray.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=_doc(notes.as_uri()))
    )
    assert symbols is None
    assert [m.message for m in stray.messages] == [
        "mcauthor: no catalog (mcauthor.yaml) in this workspace; the language server stays "
        "quiet until you open a file of one."
    ]
    assert stray.diagnostics == {}
    await stray.shutdown_session()
    assert stray._server is not None and stray._server.returncode == 0


# -- in-process: the plain functions under the server ---------------------------------------
@pytest.fixture(scope="module")
def sample() -> LintResult:
    return lint(SAMPLE)


def _typing(text: str, needle: str, offset: int) -> Typing:
    at = _position(text, needle, offset)
    found = typing_at(text, at.line + 1, at.character + 1)
    assert found is not None
    return found


def test_completion_of_evidence_parts_levels_and_scales(sample: LintResult) -> None:
    text = (SAMPLE / HABITS).read_text(encoding="utf-8")
    typed = text.replace("      evidence: overview\n", "      evidence: \n", 1)
    labels = [
        i.label for i in complete(sample, HABITS, "credential", _typing(typed, "evidence: \n", 10))
    ]
    assert labels == ["overview", "artifacts", "reflection"]

    typed = text.replace(
        "        demonstrated: The overview", "        \n        demonstrated: The overview", 1
    )
    spot = _typing(typed, "        \n        demonstrated: The overview", 8)
    assert spot.is_key and pattern(spot.path) == ("rubric", "criteria", "*", "descriptors")
    labels = [i.label for i in complete(sample, HABITS, "credential", spot)]
    assert labels == []  # every level has its descriptor already

    typed = text.replace("  scale: demonstrated", "  scale: ", 1)
    labels = [i.label for i in complete(sample, HABITS, "credential", _typing(typed, "scale: ", 7))]
    assert labels == ["demonstrated"]

    typed = text.replace("status: published", "status: ", 1)
    labels = [
        i.label for i in complete(sample, HABITS, "credential", _typing(typed, "status: ", 8))
    ]
    assert sorted(labels) == ["draft", "published", "retired"]


def test_keys_of_a_new_list_item_and_a_nested_mapping(sample: LintResult) -> None:
    text = (SAMPLE / HABITS).read_text(encoding="utf-8")
    typed = text.replace("  - id: artifacts\n", "  - \n  - id: artifacts\n", 1)
    spot = _typing(typed, "  - \n", 4)
    labels = [i.label for i in complete(sample, HABITS, "credential", spot)]
    assert {"id", "title", "prompts"} <= set(labels)
    typed = text.replace(
        "  statement: The educator writes", "  sta\n  statement: The educator writes", 1
    )
    spot = _typing(typed, "  sta\n", 5)
    assert spot.is_key and spot.path == ("key_method",) and spot.prefix == "sta"
    labels = [i.label for i in complete(sample, HABITS, "credential", spot)]
    assert "statement" not in labels and "components" not in labels  # both written


def test_research_key_in_the_library_is_defined_once_and_cited_widely(sample: LintResult) -> None:
    library = "research/library.yaml"
    text = (SAMPLE / library).read_text(encoding="utf-8")
    parsed = parse(text)
    at = _position(text, "- key: brookhart-2013", 8)
    spot = spot_at(parsed, text.split("\n"), at.line + 1, at.character + 1)
    assert spot is not None
    target = names.target_at(sample, library, spot)
    assert target == names.Target("research", "brookhart-2013", library)
    (defined,) = names.definitions(sample, target)
    assert defined.file == library
    citing = {place.file for place in names.references(sample, target)}
    assert CALIBRATING in citing and HABITS in citing


def test_a_stack_outline_lists_its_credentials(sample: LintResult) -> None:
    text = (SAMPLE / BASIC_STACK).read_text(encoding="utf-8")
    lines = text.split("\n")
    frame = Frame(lines, PositionCodec())
    symbols = {s.name: s for s in Outline(parse(text), frame).symbols("stack")}
    assert [c.name for c in symbols["credentials"].children or []] == [
        "designing-performance-tasks",
        "ensuring-technical-quality",
        "calibrating-scoring",
    ]
    assert symbols["description"].range.end.line == 19  # the block ends before `credentials:`


@pytest.mark.parametrize(
    ("code", "rel", "old", "new"),
    [
        ("MC011", CALIBRATING, 'version: "1.0.0"', "version: 1.10  # 😀 stays"),
        (
            "MC408",
            CALIBRATING,
            "      descriptors:\n        demonstrated: Every score point",
            "      descriptors: {demonstrated: Très bien 😀, progressing: Some}\n"
            "      x-old:\n        demonstrated: Every score point",
        ),
        ("MC900", CALIBRATING, "status: published", "status: published  # mcauthor: disable=MC509"),
        ("MC004", CALIBRATING, "# yaml-language-server", "\ufeff# yaml-language-server"),
        ("MC508", BASIC_STACK, "  - calibrating-scoring\n", "  # 😀 later\n"),
    ],
)
def test_a_code_action_edits_as_lint_fix_does(
    tmp_path: Path, code: str, rel: str, old: str, new: str
) -> None:
    root = copy_sample(tmp_path / "catalog")
    text = (root / rel).read_text(encoding="utf-8").replace(old, new, 1)
    (root / rel).write_bytes(text.encode("utf-8"))
    result = lint(root)
    (finding,) = [d for d in result.diagnostics if d.code == code]
    read = (root / finding.path).read_bytes().decode("utf-8")
    context = FixContext(result.catalog, lambda f: (root / f).read_bytes().decode("utf-8"))
    cli = by_code()[code]().fixes(finding, context)
    assert cli, code

    frame = Frame(read.split("\n"), PositionCodec())
    uri = (root / finding.path).as_uri()
    shown = convert.diagnostic(finding, frame, [])
    fixes = actions.Fixes(uri, finding.path, root, result, read, PositionCodec())
    offered = fixes.actions([shown])
    assert [a.title for a in offered] == [f.title for f in cli]
    assert [bool(a.is_preferred) for a in offered] == [f.safe for f in cli]
    for fix, action in zip(cli, offered, strict=True):
        assert action.edit is not None and action.edit.changes is not None
        for file in {e.file for e in fix.edits}:
            disk = (root / file).read_bytes().decode("utf-8")
            want = apply(disk, [e for e in fix.edits if e.file == file])
            assert _applied(disk, action.edit.changes[(root / file).as_uri()]) == want
