"""`mcauthor lsp` and files that change on disk, outside the editor's buffers: the server
asks the client to watch the catalog's YAML files, and a created or deleted file changes
the findings of files that are not open (a real client, pytest-lsp, and the installed
server, as in tests/test_lsp.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp import SERVER, WAIT

from conftest import copy_sample

SOURCE = "credentials/calibrating-scoring.yaml"
COPY = "credentials/calibrating-scoring-copy.yaml"

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("lsp-watch") / "catalog")


REGISTERED: list[types.Registration] = []


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, catalog: Path) -> AsyncIterator[None]:
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.extend(params.registrations)

    watching = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                workspace=types.WorkspaceClientCapabilities(did_change_watched_files=watching)
            ),
            workspace_folders=[types.WorkspaceFolder(uri=catalog.as_uri(), name="catalog")],
            root_uri=catalog.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


def _codes(client: LanguageClient, uri: str) -> set[str]:
    found: Sequence[types.Diagnostic] = client.diagnostics.get(uri, [])
    return {str(d.code) for d in found}


async def _until(client: LanguageClient, done: Callable[[], bool]) -> None:
    async def wait() -> None:
        while not done():
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(wait(), WAIT)


def _changed(client: LanguageClient, uri: str, kind: types.FileChangeType) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri, type=kind)])
    )


async def test_a_file_created_and_deleted_on_disk_changes_other_files_findings(
    client: LanguageClient, catalog: Path
) -> None:
    source, copy = (catalog / SOURCE), (catalog / COPY)
    # Open an unrelated file so that the server lints the catalog once.
    other = catalog / "credentials/designing-performance-tasks.yaml"
    item = types.TextDocumentItem(
        uri=other.as_uri(), language_id="yaml", version=1, text=other.read_text("utf-8")
    )
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    await _until(client, lambda: other.as_uri() in client.diagnostics)
    # The server asked, once it was initialized, to be told of the catalog's YAML files.
    for _ in range(int(WAIT * 10)):
        if REGISTERED:
            break
        await asyncio.sleep(0.1)
    assert [r.method for r in REGISTERED] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]

    copy.write_text(source.read_text("utf-8"), "utf-8")  # the same id twice
    _changed(client, copy.as_uri(), types.FileChangeType.Created)
    # The copy's id is not its file name, and the first file now shares its id.
    await _until(client, lambda: "MC501" in _codes(client, copy.as_uri()))
    await _until(client, lambda: "MC502" in _codes(client, source.as_uri()))

    copy.unlink()
    _changed(client, copy.as_uri(), types.FileChangeType.Deleted)
    await _until(client, lambda: not _codes(client, source.as_uri()))
    assert not _codes(client, copy.as_uri())
