"""mcauthor.git on real repositories: which work tree holds a catalog, and when none does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mcauthor import git as mgit

from conftest import git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "catalog").mkdir(parents=True)
    (root / "catalog" / "mcauthor.yaml").write_text("catalog: {}\n", "utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "catalog")
    return root


def test_the_work_tree_above_the_catalog(repo: Path) -> None:
    found = mgit.find(repo / "catalog")
    assert found is not None
    assert found == mgit.Repo(repo.resolve(), (repo / ".git").resolve())
    assert found.run(repo / "catalog", "rev-parse", "--show-prefix").strip() == "catalog/"


def test_not_in_git(tmp_path: Path) -> None:
    assert mgit.find(tmp_path) is None


def test_a_linked_work_tree(repo: Path, tmp_path: Path) -> None:
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "-q", str(linked))
    found = mgit.find(linked / "catalog")
    assert found is not None
    assert found.tree == linked.resolve()
    assert found.git_dir == (repo / ".git" / "worktrees" / "linked").resolve()


def test_a_git_folder_inside_the_catalog_named_by_a_git_file_is_not_ours(repo: Path) -> None:
    catalog = repo / "catalog"
    shutil.copytree(repo / ".git", catalog / "elsewhere")
    (catalog / ".git").write_text("gitdir: elsewhere\n", "utf-8")
    assert mgit.find(catalog) is None


def test_a_link_named_git_is_not_followed(repo: Path) -> None:
    catalog = repo / "catalog"
    (catalog / ".git").symlink_to(repo / ".git")
    assert mgit.find(catalog) is None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the repository away")
def test_a_repository_owned_by_someone_else_is_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git's own ownership check (safe.directory) still applies: naming the git folder
    # explicitly would skip it, so mcauthor lets git confirm the repository first.
    for folder, dirs, files in os.walk(repo):
        for name in [*dirs, *files, "."]:
            os.chown(Path(folder) / name, 65534, 65534, follow_symlinks=False)
    monkeypatch.setenv("HOME", str(repo.parent))  # no safe.directory from the user's config
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    with pytest.raises(mgit.GitFailed, match="dubious ownership"):
        mgit.find(repo / "catalog")
