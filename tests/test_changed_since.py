"""`mcauthor lint --changed-since REF` on real git repositories.

Each test commits a copy of the sample catalog (in a `catalog/` sub-folder, as in most
issuers' repositories) with one pre-existing warning in a file the change never touches,
then changes the repository and checks which findings are reported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mcauthor.changed import changed_files
from mcauthor.loader import CannotRun

from conftest import add_unknown_key, copy_sample, edit, git, invoke

CHANGED = "credentials/designing-performance-tasks.yaml"
UNTOUCHED = "credentials/teaching-habits-and-dispositions.yaml"  # holds an old warning


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose one commit holds the sample catalog in `catalog/`."""
    root = tmp_path / "repo"
    copy_sample(root / "catalog")
    (root / "README.md").write_text("# Our catalog\n", "utf-8")
    edit(root / "catalog" / UNTOUCHED, 'version: "1.0.0"', "version: 1.10")  # MC011 warning
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "catalog")
    return root


def report(*args: str | Path) -> tuple[int, list[tuple[str, str]]]:
    result = invoke("lint", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    found = [(d["path"], d["code"]) for d in data["diagnostics"]]
    # The summary counts exactly what is listed.
    for level in ("error", "warning", "info"):
        assert data["summary"][level] == sum(d["severity"] == level for d in data["diagnostics"])
    return result.exit_code, found


# -- which findings are shown ------------------------------------------------------------


def test_only_findings_in_changed_files_are_shown(repo: Path) -> None:
    catalog = repo / "catalog"
    add_unknown_key(catalog / CHANGED)
    assert report(catalog)[1] == [(CHANGED, "MC050"), (UNTOUCHED, "MC011")]
    status, found = report(catalog, "--changed-since", "HEAD")
    assert (status, found) == (1, [(CHANGED, "MC050")])


def test_text_report_says_what_was_left_out(repo: Path) -> None:
    catalog = repo / "catalog"
    add_unknown_key(catalog / CHANGED)
    result = invoke("lint", catalog, "--changed-since", "HEAD")
    assert result.exit_code == 1
    assert "MC011" not in result.stdout and f"{CHANGED}:" in result.stdout
    lines = result.stdout.splitlines()
    assert lines[-2].startswith("Failed: 1 error, 0 warnings, 0 info in 14 files")
    assert lines[-1] == "Not shown: 1 finding in files unchanged since HEAD (--changed-since)."


def test_markdown_github_and_output_file_say_what_was_left_out(repo: Path, tmp_path: Path) -> None:
    catalog = repo / "catalog"
    add_unknown_key(catalog / CHANGED)
    markdown = invoke("lint", catalog, "--changed-since", "HEAD", "--format", "markdown").stdout
    assert "Failed: 1 error, 0 warnings" in markdown and "MC011" not in markdown
    assert "1 finding in files this change did not touch not shown" in markdown
    github = invoke(
        "lint", catalog, "--changed-since", "HEAD", "--format", "github"
    ).stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in github] == ["::error", "::notice"]
    assert github[1].endswith(
        "::1 finding in files this change did not touch not shown (--changed-since)"
    )
    out = tmp_path / "report.json"
    result = invoke("lint", catalog, "--changed-since", "HEAD", "--format", "json", "--output", out)
    assert "Not shown: 1 finding in files unchanged since HEAD" in result.stderr
    assert [d["code"] for d in json.loads(out.read_text("utf-8"))["diagnostics"]] == ["MC050"]


def test_exit_status_follows_what_is_shown(repo: Path) -> None:
    catalog = repo / "catalog"
    edit(catalog / CHANGED, "title: Designing Performance Tasks", "title: Designing Good Tasks")
    assert report(catalog, "--fail-on", "warning")[0] == 1  # the old warning fails the catalog
    assert report(catalog, "--fail-on", "warning", "--changed-since", "HEAD") == (0, [])


def test_untracked_new_file_counts_as_changed(repo: Path) -> None:
    catalog = repo / "catalog"
    new = catalog / "credentials/new-credential.yaml"
    shutil.copy(catalog / CHANGED, new)
    edit(new, "id: designing-performance-tasks", "id: new-credential")
    add_unknown_key(catalog / "credentials/new-credential.yaml")
    found = report(catalog, "--changed-since", "HEAD")[1]
    assert ("credentials/new-credential.yaml", "MC050") in found
    assert (UNTOUCHED, "MC011") not in found


def test_staged_and_committed_changes_count(repo: Path) -> None:
    catalog = repo / "catalog"
    git(repo, "switch", "-q", "-c", "topic")
    add_unknown_key(catalog / CHANGED)
    git(repo, "add", "-A")
    assert report(catalog, "--changed-since", "HEAD")[1] == [(CHANGED, "MC050")]  # staged
    git(repo, "commit", "-q", "-m", "typo")
    assert report(catalog, "--changed-since", "HEAD")[1] == []  # nothing since HEAD
    assert report(catalog, "--changed-since", "main")[1] == [(CHANGED, "MC050")]  # committed


def test_changes_on_the_ref_after_the_branch_started_do_not_count(repo: Path) -> None:
    """The merge base is the reference point: a moving `main` does not make files changed."""
    catalog = repo / "catalog"
    git(repo, "switch", "-q", "-c", "topic")
    add_unknown_key(catalog / CHANGED)
    git(repo, "commit", "-q", "-am", "typo")
    git(repo, "switch", "-q", "main")
    edit(catalog / UNTOUCHED, "version: 1.10", 'version: "1.1.0"')  # main fixes the warning
    git(repo, "commit", "-q", "-am", "fix")
    git(repo, "switch", "-q", "topic")
    # The topic branch still has the old warning; `git diff main` would call the file
    # changed (it differs from main), but the branch never touched it.
    assert report(catalog, "--changed-since", "main")[1] == [(CHANGED, "MC050")]


def test_integrity_errors_caused_elsewhere_are_kept(repo: Path) -> None:
    """Deleting a credential breaks the stack and the credential that list it."""
    catalog = repo / "catalog"
    (catalog / "credentials/calibrating-scoring.yaml").unlink()
    found = report(catalog, "--changed-since", "HEAD")[1]
    assert ("stacks/basic-performance-assessment-design.yaml", "MC505") in found
    assert ("credentials/leading-collaborative-analysis-of-student-work.yaml", "MC503") in found
    assert (UNTOUCHED, "MC011") not in found  # a warning, in a file nobody touched


def test_research_key_errors_caused_by_the_library_are_kept(repo: Path) -> None:
    library = repo / "catalog/research/library.yaml"
    text = library.read_text("utf-8")
    start = text.index("- key: linn-baker-dunbar-1991")
    library.write_text(text[:start] + text[text.index("- key:", start + 1) :], "utf-8")
    found = report(repo / "catalog", "--changed-since", "HEAD")[1]
    assert (CHANGED, "MC204") in found  # the credential cites the removed entry


def test_a_config_change_shows_everything(repo: Path) -> None:
    catalog = repo / "catalog"
    edit(catalog / "mcauthor.yaml", "  language: en\n", "  language: en-US\n")
    assert report(catalog, "--changed-since", "HEAD")[1] == [(UNTOUCHED, "MC011")]


def test_changes_outside_the_catalog_do_not_count(repo: Path) -> None:
    (repo / "README.md").write_text("# Changed\n", "utf-8")
    assert report(repo / "catalog", "--changed-since", "HEAD")[1] == []


# -- changed_files itself ----------------------------------------------------------------


def test_changed_files_lists_catalog_relative_paths(repo: Path) -> None:
    catalog = repo / "catalog"
    git(repo, "switch", "-q", "-c", "topic")
    edit(catalog / CHANGED, "title: Designing Performance Tasks", "title: Designing Tasks")
    git(repo, "commit", "-q", "-am", "committed")
    edit(catalog / UNTOUCHED, "version: 1.10", 'version: "1.1.0"')  # unstaged
    (catalog / "stacks/basic-performance-assessment-design.yaml").unlink()  # deleted
    odd = 'credentials/ünï cödé, "quoted".yaml'  # git quotes such names without -z
    shutil.copy(catalog / CHANGED, catalog / odd)  # untracked
    (repo / "README.md").write_text("# Changed\n", "utf-8")  # outside the catalog
    (catalog / "notes.tmp").write_text("x", "utf-8")
    (repo / ".gitignore").write_text("*.tmp\n", "utf-8")  # ignored: not a change
    assert changed_files(catalog, "main") == {
        CHANGED,
        UNTOUCHED,
        "stacks/basic-performance-assessment-design.yaml",
        odd,
    }


def test_a_catalog_at_the_repository_root(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    copy_sample(root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "catalog")
    add_unknown_key(root / CHANGED)
    assert changed_files(root, "HEAD") == {CHANGED}
    assert report(root, "--changed-since", "HEAD") == (1, [(CHANGED, "MC050")])


# -- when it cannot run: exit 2, one line ------------------------------------------------


def _fails(result, reason: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("mcauthor: error: --changed-since")
    assert reason in result.stderr


def test_unknown_ref_exits_2(repo: Path) -> None:
    _fails(
        invoke("lint", repo / "catalog", "--changed-since", "no-such-branch"),
        "`no-such-branch` is not a commit",
    )


@pytest.mark.parametrize("ref", ["", "  ", "--output=x"])
def test_refs_that_are_no_refs_exit_2(repo: Path, ref: str) -> None:
    result = invoke("lint", repo / "catalog", f"--changed-since={ref}")
    _fails(result, "ref")
    assert not (repo / "catalog/x").exists()


def test_not_a_repository_exits_2(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    copy_sample(catalog)
    _fails(invoke("lint", catalog, "--changed-since", "HEAD"), "needs a git repository")


def test_repository_without_commits_exits_2(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    copy_sample(catalog)
    git(catalog, "init", "-q")
    _fails(invoke("lint", catalog, "--changed-since", "HEAD"), "`HEAD` is not a commit")


def test_unrelated_histories_exit_2(repo: Path) -> None:
    git(repo, "switch", "-q", "--orphan", "other")
    git(repo, "commit", "-q", "--allow-empty", "-m", "unrelated")
    git(repo, "checkout", "-q", "main", "--", ".")
    _fails(invoke("lint", repo / "catalog", "--changed-since", "main"), "no common history")


def test_without_git_exits_2(repo: Path) -> None:
    """The real console command with a PATH that holds no git."""
    bare = repo.parent / "bin"
    bare.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", "lint", "catalog", "--changed-since", "HEAD"],
        cwd=repo,
        env={**os.environ, "PATH": str(bare)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "mcauthor: error: --changed-since needs git, and git is not installed\n"


def test_changed_files_raises_cannot_run(tmp_path: Path) -> None:
    with pytest.raises(CannotRun, match="needs a git repository"):
        changed_files(tmp_path, "HEAD")
