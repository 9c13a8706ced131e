"""The one place mcauthor runs git: ``lint --format sarif`` (where the work tree starts,
which commit) and ``lint --changed-since`` (which files changed).

A catalog is untrusted, and git reads configuration from whatever repository its own
search finds. A pull request can commit ``HEAD``, ``objects/``, ``refs/heads/main`` and a
``config`` file into the catalog folder; git's search then takes the catalog folder for
a bare repository, reads that ``config`` (with its ``[include]`` paths and any
``core.fsmonitor`` command) and answers about the wrong repository. So mcauthor does not
let git search from the catalog:

* it finds the work tree itself, walking up from the catalog's real path to the first
  ``.git`` entry (looked at with ``lstat``): a folder, or a ``gitdir:`` file (a submodule
  or a linked work tree). A git folder inside the catalog that is not that work tree's
  own ``.git`` means "not in git";
* it asks git, from the work tree's top and no higher (``GIT_CEILING_DIRECTORIES``),
  to confirm that this is the repository (git's own ownership check, ``safe.directory``,
  applies there; it does not when the git folder is named explicitly);
* it runs every command with that git folder and work tree named explicitly, bare
  repositories only when named (``safe.bareRepository=explicit``), and ``GIT_DIR`` /
  ``GIT_WORK_TREE`` from the environment dropped. The user's own git configuration
  (``~/.gitconfig``, the repository's ``.git/config``) is still read; never a file from
  the catalog.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Environment variables that would point git at another repository than the one found.
_DROPPED = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES")
_SAFE = ("-c", "safe.bareRepository=explicit")
# A `gitdir:` file is one short line; anything longer is not one.
_GITDIR_FILE_MAX = 4096
TIMEOUT = 120  # seconds; a catalog's repository answers in well under one


class GitFailed(Exception):
    """git is missing, could not run, or said no; the message is one line."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.missing = missing


@dataclass(frozen=True)
class Repo:
    """A git work tree and its git folder (both real, absolute paths)."""

    tree: Path
    git_dir: Path

    def run(self, cwd: Path, *args: str) -> str:
        """git's output for ``args`` run in ``cwd`` (inside the work tree); GitFailed if not."""
        named = [f"--git-dir={self.git_dir}", f"--work-tree={self.tree}"]
        return _run(["git", "-C", str(cwd), *named, *_SAFE, *args], ceiling=None)


def find(start: Path) -> Repo | None:
    """The repository whose work tree holds ``start``; None when it is in none.

    GitFailed when git is missing or refuses the repository (owned by someone else).
    """
    real = start.resolve()
    found = _dot_git(real)
    if found is None:
        return None
    tree, git_dir = found
    if git_dir != tree / ".git" and git_dir.is_relative_to(real):
        return None  # a git folder inside the catalog, named by a `.git` file: not ours
    # git's own search, from the top of the work tree only: confirms the repository and
    # applies git's ownership check, which naming the git folder explicitly would skip.
    out = _run(
        ["git", "-C", str(tree), *_SAFE, "rev-parse", "--show-toplevel", "--absolute-git-dir"],
        ceiling=tree.parent if tree.parent != tree else None,
    )
    lines = out.splitlines()
    if len(lines) != 2 or Path(lines[0]).resolve() != tree:
        return None
    if Path(lines[1]).resolve() != git_dir:
        return None
    return Repo(tree, git_dir)


def _dot_git(real: Path) -> tuple[Path, Path] | None:
    """The nearest folder at or above ``real`` with a `.git` entry, and its git folder."""
    for folder in (real, *real.parents):
        entry = folder / ".git"
        try:
            mode = entry.lstat().st_mode
        except OSError:
            continue  # none here (or unreadable): look further up, as git does
        if stat.S_ISDIR(mode):
            return folder, entry
        if stat.S_ISREG(mode):
            target = _gitdir_file(entry)
            return (folder, target) if target is not None else None
        return None  # a link or anything else named `.git`: not followed
    return None


def _gitdir_file(entry: Path) -> Path | None:
    """The git folder a `.git` file names (`gitdir: PATH`, relative to its folder)."""
    try:
        with entry.open("rb") as handle:
            head = handle.read(_GITDIR_FILE_MAX + 1)
    except OSError:
        return None
    if len(head) > _GITDIR_FILE_MAX:
        return None
    text = os.fsdecode(head).strip()
    if not text.startswith("gitdir: ") or "\n" in text:
        return None
    target = (entry.parent / text.removeprefix("gitdir: ")).resolve()
    return target if target.is_dir() else None


def _run(command: list[str], *, ceiling: Path | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    # No optional locks: mcauthor must never block (or be blocked by) a concurrent git
    # command, such as a pre-commit hook or an editor refreshing the index.
    env |= {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    if ceiling is not None:
        env["GIT_CEILING_DIRECTORIES"] = str(ceiling)
    try:
        done = subprocess.run(command, capture_output=True, env=env, check=False, timeout=TIMEOUT)
    except FileNotFoundError:
        raise GitFailed("git is not installed", missing=True) from None
    except subprocess.TimeoutExpired:
        raise GitFailed(f"git did not answer within {TIMEOUT} seconds") from None
    except OSError as exc:
        raise GitFailed(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise GitFailed(_first_line(done.stderr) or "git failed")
    return os.fsdecode(done.stdout)


def _first_line(stderr: bytes) -> str:
    for line in os.fsdecode(stderr).splitlines():
        if line.strip():
            return line.strip().removeprefix("fatal: ")
    return ""
