"""The safe writer against the machine: a killed build, a second build at the same time,
and a write the system refuses. Each leaves usable output, no litter once the next run is
done, and one line with exit status 2."""

from __future__ import annotations

import fcntl
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attacker import snapshot

from mcauthor.files import TEMP_SUFFIX
from mcauthor.usercache import Store

from conftest import copy_sample

BUILD = [sys.executable, "-m", "mcauthor", "build", "--no-guides"]


def _build(root: Path, out: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*BUILD, str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done


def _litter(out: Path) -> list[str]:
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    inside = [p.name for p in out.rglob(f"*{TEMP_SUFFIX}")] if out.exists() else []
    return beside + inside


def _retitle(root: Path, title: str) -> None:
    path = root / "credentials" / "designing-performance-tasks.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines = [f"title: {title}\n" if line.startswith("title:") else line for line in lines]
    path.write_text("".join(lines), "utf-8")


@pytest.mark.slow
def test_a_killed_build_leaves_a_usable_site_and_the_next_run_tidies(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    out = tmp_path / "site"
    assert _build(root, out).returncode == 0
    old = snapshot(out)
    _retitle(root, "Designing Valid Performance Tasks, Edited")
    fresh = tmp_path / "fresh"
    assert _build(root, fresh).returncode == 0
    new = snapshot(fresh)
    for delay in (0.2, 0.5, 0.8, 1.1, 1.5):
        process = subprocess.Popen(
            [*BUILD, str(root), "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(out)
        # Every file is whole: the previous build's or this one's, never a torn one.
        for rel, data in now.items():
            assert data in (old.get(rel), new.get(rel)), rel
        assert set(old) - {".mcauthor-cache.json"} <= set(now)  # nothing went missing
    done = _build(root, out)
    assert done.returncode == 0, done.stderr
    assert snapshot(out) == new
    assert _litter(out) == []


@pytest.mark.slow
def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    out = tmp_path / "site"
    assert _build(root, out).returncode == 0
    staging = tmp_path / ".site.building-k1ll3d"
    (staging / "credentials").mkdir(parents=True)
    (staging / "credentials" / "half.html").write_text("<p>half", "utf-8")
    temporary = out / "credentials" / f".index.html.1a2b3c4d{TEMP_SUFFIX}"
    temporary.parent.mkdir(parents=True, exist_ok=True)
    temporary.write_text("<p>half", "utf-8")
    assert _litter(out)
    assert _build(root, out).returncode == 0
    assert _litter(out) == []


@pytest.mark.slow
def test_a_second_build_into_the_same_folder_stops(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    out = tmp_path / "site"
    assert _build(root, out).returncode == 0
    before = snapshot(out)
    store = Store.open("builds")
    assert store is not None
    lock = store.path(Store.name_for(out, ".lock"))
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another build holds the folder
        done = _build(root, out)
    finally:
        os.close(fd)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"mcauthor: error: another mcauthor build is writing to {out} right now; wait for "
        "it to finish, or build into another folder with --out"
    ]
    assert snapshot(out) == before


def _small_files() -> None:
    """In the child: files may not grow past 1 KiB, and going past fails the write
    (EFBIG) instead of killing the process: a write the system refuses, even for root."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


@pytest.mark.parametrize("first", [True, False])
@pytest.mark.slow
def test_a_write_the_system_refuses_is_one_line_and_loses_nothing(
    tmp_path: Path, first: bool
) -> None:
    root = copy_sample(tmp_path / "catalog")
    out = tmp_path / "site"
    if not first:
        assert _build(root, out).returncode == 0
        _retitle(root, "A title that changes the pages")
    before = snapshot(out) if out.exists() else None
    done = _build(root, out, preexec_fn=_small_files)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"mcauthor: error: cannot write {out}/")
    assert line.endswith("the file is larger than this system allows (ulimit -f): raise the limit")
    assert (snapshot(out) if out.exists() else None) == before
    assert _litter(out) == []


def test_lint_output_the_system_refuses(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    report = tmp_path / "report.sarif"
    report.write_text("the previous report\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", "lint", str(root), "-f", "sarif", "-o", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=_small_files,
    )
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"mcauthor: error: cannot write {report}: the file is larger")
    assert report.read_text("utf-8") == "the previous report\n"
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))


def _few_descriptors() -> None:
    """In the child: at most 128 open files (macOS's default is 256, Linux's 1,024)."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))


@pytest.mark.slow
def test_a_large_build_stays_within_the_open_file_limit(make_catalog, tmp_path: Path) -> None:
    """Hundreds of output folders, each entered without following links, never hold
    hundreds of descriptors at once."""
    from mcauthor.rules.examples import base_text

    root: Path = make_catalog()
    text = base_text("credentials/example.yaml")
    ids = [f"credential-{n:03}" for n in range(300)]
    for ident in ids:
        (root / "credentials" / f"{ident}.yaml").write_text(
            text.replace("id: example", f"id: {ident}", 1), "utf-8"
        )
    stack = root / "stacks" / "example-stack.yaml"
    stack_text = stack.read_text("utf-8")
    assert "credentials: [example]\n" in stack_text
    listed = ", ".join(["example", *ids])
    stack.write_text(stack_text.replace("credentials: [example]\n", f"credentials: [{listed}]\n"))
    out = tmp_path / "site"
    for _ in range(2):  # a first build, then one that reads and moves through every folder
        done = _build(root, out, preexec_fn=_few_descriptors)
        assert done.returncode == 0, done.stderr
    assert len(list((out / "credentials").iterdir())) == 301
