"""Which catalog files changed since a git ref, for ``mcauthor lint --changed-since REF``.

"Changed" means what a pull request changes, as the working tree shows it now:

* every file that differs between the merge base of ``REF`` and ``HEAD`` and the working
  tree: commits on this branch, plus staged and unstaged edits (``git diff <merge-base>``);
* every untracked file that git does not ignore (a new credential not yet added).

The merge base, not ``REF`` itself, so that commits made on ``REF`` after the branch
started (a moving ``main``) do not count as this branch's changes. Renames count as a
deletion plus an addition, so a renamed file is a changed file. Deleted files are listed
too; they simply have no findings. Paths are POSIX and relative to the catalog root; files
outside the catalog (the catalog may be a sub-folder of the repository) are left out.

git is run as a subprocess; anything that stops it (no git, not a repository, an unknown
ref, no common history) raises :class:`CannotRun` with a one-line reason.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mcauthor.loader import CannotRun

_FLAG = "--changed-since"


def changed_files(root: Path, ref: str) -> frozenset[str]:
    """Catalog-relative POSIX paths of the files changed since ``ref`` (see the module)."""
    _check_ref_text(ref)
    _check_repository(root)
    commit = _resolve(root, ref)
    base = _merge_base(root, ref, commit)
    # --relative: paths relative to (and only under) the catalog root, which is git's cwd.
    diff = _git(root, "diff", "--name-only", "--no-renames", "--relative", "-z", base, "--")
    new = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--")
    return frozenset(_paths(diff) | _paths(new))


def _check_ref_text(ref: str) -> None:
    if not ref.strip():
        raise CannotRun(f"{_FLAG} needs a git ref, such as `origin/main` or `HEAD~1`")
    if ref.startswith("-"):  # would be read by git as an option
        raise CannotRun(f"{_FLAG}: `{ref}` is not a git ref")


def _check_repository(root: Path) -> None:
    try:
        _git(root, "rev-parse", "--show-toplevel")
    except CannotRun as exc:
        if "not a git repository" not in str(exc):
            raise  # e.g. git refusing a repository owned by someone else: git's own words
        raise CannotRun(f"{_FLAG} needs a git repository, and {root} is not in one") from None


def _resolve(root: Path, ref: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except CannotRun:
        raise CannotRun(
            f"{_FLAG}: `{ref}` is not a commit in this repository "
            "(in a shallow CI clone, fetch it first, e.g. actions/checkout with fetch-depth: 0)"
        ) from None


def _merge_base(root: Path, ref: str, commit: str) -> str:
    try:
        return _git(root, "merge-base", commit, "HEAD").strip()
    except CannotRun:
        raise CannotRun(
            f"{_FLAG}: `{ref}` and HEAD have no common history "
            "(no commit yet, unrelated histories, or a shallow clone)"
        ) from None


def _paths(output: str) -> set[str]:
    return {p for p in output.split("\0") if p}


def _git(root: Path, *args: str) -> str:
    """Run git in the catalog root; its output, or CannotRun with git's first error line."""
    # No optional locks: linting must never block (or be blocked by) a concurrent git
    # command, e.g. a pre-commit hook or an editor refreshing the index.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise CannotRun(f"{_FLAG} needs git, and git is not installed") from None
    except OSError as exc:
        raise CannotRun(f"{_FLAG}: cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise CannotRun(f"{_FLAG}: {_first_line(done.stderr) or 'git failed'}")
    return os.fsdecode(done.stdout)


def _first_line(stderr: bytes) -> str:
    for line in os.fsdecode(stderr).splitlines():
        if line.strip():
            return line.strip().removeprefix("fatal: ")
    return ""
