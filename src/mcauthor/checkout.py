"""Where a catalog's files are in git: the work tree that holds them, and which
repository, commit and branch it is a checkout of (for ``lint --format sarif``).

The report renders what :func:`find` worked out here, and runs nothing itself. git runs
through :mod:`mcauthor.git`, so a repository committed into the catalog folder is never
taken for the catalog's own.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from mcauthor import git


@dataclass(frozen=True)
class Checkout:
    """The root a catalog's paths are given from, and in git, what it is a checkout of."""

    root: Path  # the git work tree that holds the catalog, or the catalog root outside git
    catalog: str  # the catalog root relative to ``root``, POSIX; "." when the same
    repository: str | None = None  # the repository's address; None outside git
    revision: str | None = None  # the commit checked out (None before the first)
    branch: str | None = None


def find(catalog_root: Path) -> Checkout:
    real = catalog_root.resolve()
    try:
        repo = git.find(real)
    except git.GitFailed:
        repo = None  # no git, or a repository git refuses: taken as not in git
    if repo is None:
        return Checkout(real, ".")
    revision = _git(repo, real, "rev-parse", "--verify", "--quiet", "HEAD")
    branch = _git(repo, real, "symbolic-ref", "--quiet", "--short", "HEAD")
    return Checkout(
        repo.tree,
        real.relative_to(repo.tree).as_posix(),
        _repository(repo, real),
        revision.strip() if revision else None,
        branch.strip() if branch and branch.strip() else None,
    )


def _git(repo: git.Repo, cwd: Path, *args: str) -> str | None:
    """git's output, or None when git fails. Only read-only plumbing that runs no hook,
    filter or fsmonitor."""
    try:
        return repo.run(cwd, *args)
    except git.GitFailed:
        return None


def _repository(repo: git.Repo, cwd: Path) -> str:
    """The repository's address: GitHub's own in GitHub Actions (from the runner's
    environment, when the catalog is in the checked-out repository), else the ``origin``
    remote without any user name or password in it, else the work tree itself."""
    tree = repo.tree
    server, name = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if server and name and workspace and Path(workspace).resolve() == tree:
        return _web(f"{server.rstrip('/')}/{name}") or tree.as_uri() + "/"
    remote = _git(repo, cwd, "config", "--get", "remote.origin.url")
    return (_web(remote.strip()) if remote else None) or tree.as_uri() + "/"


def _web(address: str) -> str | None:
    """A remote's address as a URI without credentials: https and ssh URLs keep their host
    and path; scp-like ``git@host:owner/repo.git`` becomes ``ssh://host/owner/repo.git``.
    Anything else (a local path) gives None."""
    scp = re.fullmatch(r"(?:[^@/:]+@)?([A-Za-z0-9.-]+):(?!//)([^\\]+)", address)
    if scp:
        address = f"ssh://{scp.group(1)}/{scp.group(2).lstrip('/')}"
    try:
        parts = urlsplit(address)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("https", "http", "ssh", "git") or not host:
        return None
    netloc = host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%"), "", ""))
