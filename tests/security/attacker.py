"""The attacker's kit: a catalog committed with git by a contributor, cloned by a victim,
and a victim command run on the clone, as mcauthor's users do on pull requests.

The victim's home is a temporary folder with sacrificial files (a shell profile, a key,
a secret); every command runs as a real subprocess with that HOME and no cache setting
of the tests', so mcauthor uses its default cache folder under that home.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mcauthor.rules.base import Example
from mcauthor.rules.examples import materialize

from conftest import git

SECRET = "sk-mcauthor-SECRET-9f2c71"  # never to appear in any output
MARKER = "pwned-by-the-catalog"  # what an attack would write
BOUND_SECONDS = 120.0  # every victim command must end well within this


@dataclass
class Victim:
    home: Path
    files: dict[str, bytes]  # the sacrificial files as they were

    def untouched(self) -> None:
        """No file in the home changed, and no new file appeared outside its caches."""
        now = snapshot(self.home, skip=(".cache",))
        assert now == self.files, sorted(set(now.items()) ^ set(self.files.items()))
        assert not list(self.home.rglob(f"*{MARKER}*")), "a marker file was created"


def snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every regular file below ``root`` (links not followed): path -> bytes; links as
    b"-> target"."""
    out: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in [*names, *(d for d in dirs if (Path(folder) / d).is_symlink())]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = b"-> " + os.readlink(path).encode()
            elif path.is_file():
                out[rel] = path.read_bytes()
    return out


@pytest.fixture
def victim(tmp_path: Path) -> Victim:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".bashrc").write_text("# the victim's shell profile\n", "utf-8")
    (home / ".ssh" / "id_rsa").write_text(f"-----BEGIN KEY-----\n{SECRET}\n", "utf-8")
    (home / "secret.txt").write_text(SECRET + "\n", "utf-8")
    (home / "documents").mkdir()
    (home / "documents" / "thesis.txt").write_text("years of work\n", "utf-8")
    return Victim(home, snapshot(home))


Build = Callable[..., Path]


@pytest.fixture
def attack(tmp_path: Path) -> Build:
    """``attack(example, setup=fn)``: the base catalog with ``example`` laid over it,
    ``setup(root)`` run to add anything else (links, caches, odd names), committed by the
    attacker and cloned by the victim; returns the clone."""

    def make(example: Example | None = None, setup: Callable[[Path], None] | None = None) -> Path:
        origin = tmp_path / "attacker"
        materialize(example or Example(), origin)
        if setup is not None:
            setup(origin)
        git(origin, "init", "-q")
        git(origin, "add", "-A", "-f")  # -f: commit what a .gitignore would leave out
        git(origin, "commit", "-q", "-m", "a helpful contribution")
        clone = tmp_path / "clone"
        git(tmp_path, "clone", "-q", str(origin), str(clone))
        return clone

    return make


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(victim: Victim, cwd: Path, *args: str, env: dict[str, str] | None = None) -> Ran:
    """``mcauthor ARGS`` as the victim runs it: a subprocess, the victim's HOME, mcauthor's
    default cache folder (under that home), never a traceback, bounded time."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MCAUTHOR_CACHE_DIR", "XDG_CACHE_HOME", "SOURCE_DATE_EPOCH", "NO_COLOR")
    }
    clean.update(HOME=str(victim.home), **(env or {}))
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=BOUND_SECONDS,
        check=False,
    )
    ran = Ran(done.returncode, done.stdout, done.stderr, time.monotonic() - began)
    assert "Traceback" not in ran.output, ran.output
    assert "internal error" not in ran.output, ran.output
    return ran


def files_text(folder: Path) -> str:
    """Everything readable under ``folder`` as text, PDF text included."""
    from pypdf import PdfReader

    parts: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        data = path.read_bytes()
        parts.append(data.decode("utf-8", "replace"))
        if path.suffix == ".pdf":
            parts.extend(page.extract_text() or "" for page in PdfReader(path).pages)
    return "\n".join(parts)
