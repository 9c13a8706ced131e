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

git is run through :mod:`mcauthor.git`, which finds the work tree itself and never
lets git take the catalog folder for a repository. Anything that stops it (no git, not a
repository, an unknown ref, no common history) raises :class:`CannotRun` with a one-line
reason.
"""

from __future__ import annotations

from pathlib import Path

from mcauthor import git
from mcauthor.loader import CannotRun

_FLAG = "--changed-since"


def changed_files(root: Path, ref: str) -> frozenset[str]:
    """Catalog-relative POSIX paths of the files changed since ``ref`` (see the module)."""
    _check_ref_text(ref)
    repo = _repository(root)
    real = root.resolve()
    commit = _resolve(repo, real, ref)
    base = _merge_base(repo, real, ref, commit)
    # --relative: paths relative to (and only under) the catalog root, which is git's cwd.
    diff = _git(repo, real, "diff", "--name-only", "--no-renames", "--relative", "-z", base, "--")
    new = _git(repo, real, "ls-files", "--others", "--exclude-standard", "-z", "--")
    return frozenset(_paths(diff) | _paths(new))


def _check_ref_text(ref: str) -> None:
    if not ref.strip():
        raise CannotRun(f"{_FLAG} needs a git ref, such as `origin/main` or `HEAD~1`")
    if ref.startswith("-"):  # would be read by git as an option
        raise CannotRun(f"{_FLAG}: `{ref}` is not a git ref")


def _repository(root: Path) -> git.Repo:
    try:
        repo = git.find(root)
    except git.GitFailed as exc:
        # e.g. git refusing a repository owned by someone else: git's own words
        raise _cannot_run(exc) from None
    if repo is None:
        raise CannotRun(f"{_FLAG} needs a git repository, and {root} is not in one")
    return repo


def _resolve(repo: git.Repo, root: Path, ref: str) -> str:
    try:
        return _git(repo, root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except CannotRun:
        raise CannotRun(
            f"{_FLAG}: `{ref}` is not a commit in this repository "
            "(in a shallow CI clone, fetch it first, e.g. actions/checkout with fetch-depth: 0)"
        ) from None


def _merge_base(repo: git.Repo, root: Path, ref: str, commit: str) -> str:
    try:
        return _git(repo, root, "merge-base", commit, "HEAD").strip()
    except CannotRun:
        raise CannotRun(
            f"{_FLAG}: `{ref}` and HEAD have no common history "
            "(no commit yet, unrelated histories, or a shallow clone)"
        ) from None


def _paths(output: str) -> set[str]:
    return {p for p in output.split("\0") if p}


def _git(repo: git.Repo, root: Path, *args: str) -> str:
    """Run git in the catalog root; its output, or CannotRun with git's first error line."""
    try:
        return repo.run(root, *args)
    except git.GitFailed as exc:
        raise _cannot_run(exc) from None


def _cannot_run(exc: git.GitFailed) -> CannotRun:
    if exc.missing:
        return CannotRun(f"{_FLAG} needs git, and git is not installed")
    return CannotRun(f"{_FLAG}: {exc}")
