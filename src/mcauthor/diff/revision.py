"""A catalog as it was at a git revision, read like any catalog.

The revision's files under the catalog's folder are taken out of git (``git archive``)
into a private temporary folder, keeping only regular files (no links, whatever the
commit holds), and the catalog is read from there with the usual loader. BASE defaults to
the merge base of HEAD with the default branch (``origin/HEAD``, else ``main``, else
``master``); HEAD to the working tree.
"""

from __future__ import annotations

import contextlib
import io
import os
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mcauthor import git
from mcauthor.errors import CannotRun
from mcauthor.model import Catalog

MAX_BYTES = 500_000_000  # the revision's catalog, packed: far above any real one
DEFAULTS = ("origin/HEAD", "main", "master")


def repository(root: Path) -> git.Repo:
    try:
        repo = git.find(root)
    except git.GitFailed as exc:
        raise CannotRun(f"diff: {exc}") from None
    if repo is None:
        raise CannotRun(f"diff compares git revisions, and {root} is not in a git repository")
    return repo


def _git(repo: git.Repo, root: Path, *args: str) -> str:
    try:
        return repo.run(root, *args)
    except git.GitFailed as exc:
        if exc.missing:
            raise CannotRun("diff needs git, and git is not installed") from None
        raise CannotRun(f"diff: {exc}") from None


def commit(repo: git.Repo, root: Path, ref: str) -> str:
    """The commit ``ref`` names, or a one-line CannotRun."""
    if not ref.strip() or ref.startswith("-"):
        raise CannotRun(f"diff: `{ref}` is not a git revision")
    try:
        return _git(repo, root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except CannotRun:
        shallow = _git(repo, root, "rev-parse", "--is-shallow-repository").strip() == "true"
        hint = (
            " (this is a shallow clone: fetch the history first, e.g. actions/checkout with "
            "fetch-depth: 0)"
            if shallow
            else ""
        )
        raise CannotRun(f"diff: `{ref}` is not a commit in this repository{hint}") from None


def merge_base(repo: git.Repo, root: Path, ref: str) -> tuple[str, str]:
    """(name, commit) of the merge base of ``ref`` and HEAD."""
    found = commit(repo, root, ref)
    try:
        base = _git(repo, root, "merge-base", found, "HEAD").strip()
    except CannotRun:
        raise CannotRun(
            f"diff: HEAD and `{ref}` have no common history (a shallow clone? fetch "
            "with fetch-depth: 0)"
        ) from None
    return f"merge base with {ref}", base


def default_base(repo: git.Repo, root: Path) -> tuple[str, str]:
    """(name, commit) of the merge base of HEAD with the default branch."""
    for ref in DEFAULTS:
        try:
            commit(repo, root, ref)
        except CannotRun:
            continue
        return merge_base(repo, root, ref)
    raise CannotRun(
        "diff: no default branch found (origin/HEAD, main, master); name the base: "
        "`mcauthor diff BASE`"
    )


@contextlib.contextmanager
def checked_out(repo: git.Repo, root: Path, sha: str) -> Iterator[Path]:
    """A private folder holding the catalog as it was at ``sha`` (deleted afterwards)."""
    real = root.resolve()
    inside = real.relative_to(repo.tree).as_posix()
    prefix = "" if inside == "." else inside + "/"
    try:
        listed = _git(
            repo, repo.tree, "ls-tree", "--name-only", sha, "--", f"{prefix}mcauthor.yaml"
        )
    except CannotRun:
        listed = ""
    if not listed.strip():
        raise CannotRun(f"diff: the catalog ({inside}/mcauthor.yaml) does not exist at {sha[:12]}")
    data = _archive(repo, real, sha, prefix)
    with tempfile.TemporaryDirectory(prefix="mcauthor-diff-") as tmp:
        target = Path(tmp) / "catalog"
        target.mkdir()
        _extract(data, target, prefix)
        yield target


def _archive(repo: git.Repo, root: Path, sha: str, prefix: str) -> bytes:
    text = _git(repo, repo.tree, "archive", "--format=tar", sha, "--", prefix or ".")
    data = os.fsencode(text)
    if len(data) > MAX_BYTES:
        raise CannotRun("diff: the catalog at that revision is larger than 500 MB")
    return data


def _extract(data: bytes, target: Path, prefix: str) -> None:
    """Only regular files, each below ``target``: links and anything else are left out."""
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith(prefix):
                continue
            rel = member.name[len(prefix) :]
            parts = Path(rel).parts
            if not parts or any(p in ("", ".", "..") for p in parts) or Path(rel).is_absolute():
                continue
            path = target.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is not None:
                path.write_bytes(source.read())


def read(root: Path) -> Catalog:
    """The catalog at ``root``, read as lint reads it (findings are not needed here)."""
    from mcauthor.lint import gather

    catalog, _, _ = gather(root, cache=False)
    return catalog
