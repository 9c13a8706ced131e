"""`mcauthor lsp` as an editor sees it: from a `didChange` to its `publishDiagnostics`.

    python bench/lsp_bench.py [--size 1000] [--edits 50] [--seed 1]

Generates a catalog, starts `mcauthor lsp` the way an editor does (the installed command,
stdio) with a real client (pytest-lsp's, on pygls), opens credentials and makes
``--edits`` edits of different kinds one at a time (the kinds of bench/engine_bench.py),
each waiting for the findings of the edited file to arrive. Prints the median and 95th
percentile from sending the change to receiving its findings, and the server's resident
memory at the end (from /proc). Goals (issue 16): median <= 50 ms, p95 <= 150 ms, server
under 300 MB. Not part of the test suite.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lsprotocol import types
from pytest_lsp.client import make_test_lsp_client

from catalog_gen import generate
from engine_bench import arguments, edits, spread


class _Counted(dict[str, object]):
    """The client's findings by file, counting each publication (an empty list of
    findings arrives as the same empty tuple every time, so identity cannot tell)."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[str, int] = {}

    def __setitem__(self, uri: str, found: object) -> None:
        self.count[uri] = self.count.get(uri, 0) + 1
        super().__setitem__(uri, found)


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(root: Path, count: int) -> tuple[list[float], float, float]:
    client = make_test_lsp_client()
    published = client.diagnostics = _Counted()
    command = shutil.which("mcauthor", path=str(Path(sys.executable).parent)) or "mcauthor"
    await client.start_io(command, "lsp")
    folder = types.WorkspaceFolder(uri=root.as_uri(), name=root.name)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[folder],
            root_uri=root.as_uri(),
        )
    )
    versions: dict[str, int] = {}

    async def send(rel: str, text: str) -> float:
        uri = (root / rel).as_uri()
        before = published.count.get(uri, 0)
        start = time.perf_counter()
        if uri not in versions:
            versions[uri] = 1
            item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
            client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        else:
            versions[uri] += 1
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(
                        uri=uri, version=versions[uri]
                    ),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        deadline = start + 120
        while published.count.get(uri, 0) == before:  # polled: a waiter made now can miss it
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no findings for {rel} in 120 s")
            await asyncio.sleep(0.0005)
        return time.perf_counter() - start

    plan = [(rel, text) for _, rel, text in edits(root, count) if text is not None]
    start = time.perf_counter()
    await send(plan[0][0], (root / plan[0][0]).read_text("utf-8"))  # the first lint
    first = time.perf_counter() - start
    for rel, _ in plan:  # open each file first, so that every timed message is a change
        if (root / rel).as_uri() not in versions:
            await send(rel, (root / rel).read_text("utf-8"))
    times = [await send(rel, text) for rel, text in plan]
    process = client._server  # the server's process (pygls keeps it)
    pid = getattr(process, "pid", None)
    memory = _resident_mb(pid) if isinstance(pid, int) else float("nan")
    await client.shutdown_session()
    return times, first, memory


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, argv)
    with tempfile.TemporaryDirectory(prefix="mcauthor-lsp-") as tmp:
        root = Path(tmp) / "catalog"
        generate(root, args.size, seed=args.seed)
        times, first, memory = asyncio.run(measure(root, args.edits))
    median, p95 = spread(times)
    print(f"{args.size:,} credentials, {len(times)} changes through `mcauthor lsp`")
    print(f"  first findings        {first * 1000:8.1f} ms (start-up lint)")
    print(f"  change -> findings    {median * 1000:8.1f} ms median, {p95 * 1000:.1f} ms p95")
    print(f"  server memory         {memory:8.0f} MB resident")
    met = median <= 0.05 and p95 <= 0.15 and memory <= 300
    print("goals (median <= 50 ms, p95 <= 150 ms, < 300 MB):", "met" if met else "missed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
