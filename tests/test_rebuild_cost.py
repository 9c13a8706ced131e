"""Rebuilds cost what changed: outputs checked by their status before they are hashed, the
lint cache added to rather than written again, the collector off during big passes, and
no pydantic on the command line's way to a lint."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcauthor.files import Folder
from mcauthor.gctune import big_pass
from mcauthor.lint import LintOptions, lint
from mcauthor.output import Job
from mcauthor.output.writer import write
from mcauthor.report.json_report import render as json_report

from conftest import SAMPLE, cache_file, copy_sample

# -- the build's outputs ------------------------------------------------------------------


def _jobs(pages: dict[str, bytes]) -> list[Job]:
    return [Job(path, "key", lambda data=data: data) for path, data in pages.items()]


PAGES = {"index.html": b"<p>home</p>", "a/b.html": b"<p>b</p>", "a/c.html": b"<p>c</p>"}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The output files the writer reads (to hash them), as they are read."""
    seen: list[str] = []
    real = Folder.read

    def read(self: Folder, rel: str) -> bytes | None:
        if self.path == tmp_path / "out":
            seen.append(str(rel))
        return real(self, rel)

    monkeypatch.setattr(Folder, "read", read)
    return seen


def test_unchanged_outputs_are_kept_unread(tmp_path: Path, reads: list[str]) -> None:
    out = tmp_path / "out"
    write(out, _jobs(PAGES), epoch=1_700_000_000)
    again = write(out, _jobs(PAGES), epoch=1_700_000_000)
    assert again.reused == {"page": 3} and not again.written
    assert reads == []  # the status told: nothing was read, nothing hashed
    assert {(out / p).stat().st_mtime for p in PAGES} == {1_700_000_000}


def test_a_file_whose_status_changed_is_hashed_and_kept_if_same(
    tmp_path: Path, reads: list[str]
) -> None:
    out = tmp_path / "out"
    write(out, _jobs(PAGES))
    page = out / "a" / "b.html"
    info = page.stat()
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))  # same bytes, new change time
    again = write(out, _jobs(PAGES))
    assert reads == ["a/b.html"] and again.reused == {"page": 3}
    third = write(out, _jobs(PAGES))  # its new status was recorded
    assert reads == ["a/b.html"] and third.reused == {"page": 3}


@pytest.mark.parametrize("how", ["in place", "replaced"])
def test_bytes_swapped_with_size_and_time_kept_are_rendered_again(
    tmp_path: Path, reads: list[str], how: str
) -> None:
    """Only the system sets a change time (and a new file has a new inode), so a file
    whose bytes changed is read and hashed even when its size and modification time are
    the recorded ones."""
    out = tmp_path / "out"
    write(out, _jobs(PAGES))
    page = out / "index.html"
    info = page.stat()
    forged = b"<p>FORGED</p>"[: info.st_size].ljust(info.st_size, b" ")
    target = page if how == "in place" else out / "forged.tmp"
    target.write_bytes(forged)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    target.replace(page)
    now = page.stat()
    assert (now.st_size, now.st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    again = write(out, _jobs(PAGES))
    assert reads == ["index.html"] and again.rendered_paths == ["index.html"]
    assert page.read_bytes() == PAGES["index.html"]


def test_the_record_in_the_output_folder_is_the_same_as_before(tmp_path: Path) -> None:
    """The marker copy holds keys and hashes only: no status, so builds stay reproducible."""
    out = tmp_path / "out"
    write(out, _jobs(PAGES))
    marker = json.loads((out / ".mcauthor-cache.json").read_text("utf-8"))
    assert marker["version"] == 2
    assert all(len(row) == 2 for row in marker["files"].values())
    trusted = cache_file("builds", out).read_bytes().split(b"\n", 1)[1]
    assert all(len(row[2]) == 4 for row in json.loads(trusted)["files"].values())


# -- the lint cache -----------------------------------------------------------------------


def _report(root: Path, cache: bool = True) -> str:
    return json_report(lint(root, LintOptions(cache=cache)))


def test_an_edit_adds_one_line_to_the_lint_cache(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    _report(root)
    log = cache_file("lint", root)
    before = log.read_bytes()
    lines = before.count(b"\n")
    credential = sorted((root / "credentials").glob("*.yaml"))[0]
    credential.write_text(credential.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert _report(root) == _report(root, cache=False)
    after = log.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == lines + 1
    assert _report(root) == _report(root, cache=False)
    assert log.read_bytes() == after  # nothing new: nothing written


def test_a_torn_last_line_costs_one_entry(tmp_path: Path) -> None:
    """A lint killed while it added to the cache leaves half a line: that entry is a miss,
    the rest are hits, and what comes next starts on a line of its own."""
    root = copy_sample(tmp_path / "catalog")
    cold = _report(root, cache=False)
    _report(root)
    log = cache_file("lint", root)
    whole = log.read_bytes()
    log.write_bytes(whole[:-100])  # the last entry cut short
    assert _report(root) == cold
    mended = log.read_bytes()
    assert mended.startswith(whole[:-100] + b"\n")  # the half line ended, then the entry
    assert mended.count(b"\n") == whole.count(b"\n") + 1
    assert _report(root) == cold
    assert log.read_bytes() == mended  # every entry a hit now


def test_a_mostly_stale_lint_cache_is_written_again(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    _report(root)
    log = cache_file("lint", root)
    first = log.read_bytes()
    for path in sorted((root / "credentials").glob("*.yaml")):
        path.write_text(path.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert _report(root) == _report(root, cache=False)
    rewritten = log.read_bytes()
    assert not rewritten.startswith(first[:200])  # written again, not added to
    assert len(rewritten) < 1.5 * len(first)


# -- the garbage collector ----------------------------------------------------------------


def test_the_collector_is_off_during_a_big_pass_and_its_objects_frozen_after() -> None:
    try:
        with big_pass():
            assert not gc.isenabled()
            with big_pass():  # lint inside a build
                assert not gc.isenabled()
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
        with big_pass():  # a later pass gives them back to the collector first
            assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


# -- start-up -----------------------------------------------------------------------------


def test_a_lint_imports_neither_pydantic_nor_jsonschema(tmp_path: Path) -> None:
    """Typer's value converters (pydantic) and a jsonschema check of a valid config were
    most of a small lint's fixed cost; the command line converts plain values itself and
    checks a valid config with the compiled check. (Credentials and stacks, when a kind
    has few files, are still checked by jsonschema: this catalog has none.)"""
    root = tmp_path / "catalog"
    root.mkdir()
    (root / "mcauthor.yaml").write_bytes((SAMPLE / "mcauthor.yaml").read_bytes())
    script = (
        "import sys\n"
        "from mcauthor.cli import main\n"
        f"sys.argv = ['mcauthor', 'lint', {str(root)!r}, '-f', 'json', '--select', 'MC0',"
        " '--no-cache']\n"
        "try:\n    main()\n"
        "except SystemExit as done:\n"
        "    print(done.code, sorted({m.split('.')[0] for m in sys.modules}"
        " & {'pydantic', 'jsonschema'}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "0 []", done.stderr
