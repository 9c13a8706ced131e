"""`mcauthor diff`: what a change to a catalog changes, classed, on real git repositories
built by the tests, and the versions that must follow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_sample, edit, git, invoke, one_line_error

CREDENTIAL = "credentials/calibrating-scoring.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The sample in a git repository (the catalog in a folder of it), one commit on
    `main`, and a branch `feature` checked out."""
    root = tmp_path / "repo"
    root.mkdir()
    copy_sample(root / "catalog")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the sample")
    git(root, "checkout", "-q", "-b", "feature")
    return root / "catalog"


def _diff(catalog: Path, *args: str) -> tuple[int, dict[str, Any]]:
    done = invoke("diff", *args, "--catalog", catalog, "--format", "json")
    assert done.exit_code in (0, 1), done.output
    return done.exit_code, json.loads(done.stdout)


def _changes(found: dict[str, Any], ident: str) -> dict[str, tuple[str, str | None, str | None]]:
    (item,) = [i for i in found["items"] if i["id"] == ident]
    return {c["what"]: (c["kind"], c["before"], c["after"]) for c in item["changes"]}


@pytest.mark.parametrize(
    ("old", "new", "what", "kind"),
    [
        ("title: Calibrating Scoring", "title: Calibrating Scores", "title", "content"),
        (
            "competency: The educator calibrates rubric scores",
            "competency: The educator calibrates all rubric scores",
            "competency",
            "requirement",
        ),
        (
            "  statement: The educator runs a calibration cycle",
            "  statement: The educator leads a calibration cycle",
            "key method",
            "content",
        ),
        ("words: {min: 400, max: 600}", "words: {min: 500, max: 700}",
         "evidence › reflection › prompt 1 › words", "requirement"),
        ("formats: [document, image, link]", "formats: [document, link]",
         "evidence › artifacts › formats", "requirement"),
        (
            "Explain how you chose the anchor papers",
            "Explain why you chose the anchor papers",
            "evidence › overview › prompt 2",
            "requirement",
        ),
        ("\nhours: 8", "\nhours: 10", "hours", "metadata"),
        ("Upload each artifact as a **PDF** where you can",
         "Upload each artifact as a **PDF**", "evidence › artifacts › instructions", "content"),
    ],
)  # fmt: skip
def test_each_kind_of_change_is_found_and_classed(
    repo: Path, old: str, new: str, what: str, kind: str
) -> None:
    edit(repo / CREDENTIAL, old, new)
    _, found = _diff(repo)
    changed = _changes(found, "calibrating-scoring")
    assert changed[what][0] == kind
    assert len(changed) == 1, changed


def test_rubric_changes_are_requirements(repo: Path) -> None:
    config = repo / "mcauthor.yaml"
    level = "- {id: progressing, label: Progressing"
    edit(config, level + "}", level + ", passing: true}")
    edit(
        repo / CREDENTIAL,
        "      progressing: The overview describes the session and the participants",
        "      progressing: The overview names the session and the participants",
    )
    _, found = _diff(repo)
    changed = _changes(found, "calibrating-scoring")
    assert changed["rubric › passing levels"] == (
        "requirement",
        "Demonstrated",
        "Demonstrated, Progressing",
    )
    descriptor = changed["rubric › calibration-purpose › Progressing"]
    assert descriptor[0] == "requirement" and descriptor[1] is not None


def test_added_removed_renamed_and_moved(repo: Path) -> None:
    credentials = repo / "credentials"
    (credentials / "facilitating-task-tuning.yaml").rename(credentials / "tuning.yaml")
    edit(credentials / "tuning.yaml", "\nid: facilitating-task-tuning", "\nid: task-tuning")
    (credentials / "habits").mkdir()
    (credentials / "embedding-habits-and-dispositions.yaml").rename(
        credentials / "habits" / "moved.yaml"
    )
    (credentials / "teaching-habits-and-dispositions.yaml").unlink()
    text = (credentials / "designing-performance-tasks.yaml").read_text("utf-8")
    new = (
        text.replace("id: designing-performance-tasks", "id: brand-new")
        .replace("title: Designing Performance Tasks", "title: A Brand New Credential")
        .replace("competency: The educator", "competency: A new educator")
    )
    (credentials / "brand-new.yaml").write_text(new, encoding="utf-8")
    _, found = _diff(repo)
    status = {i["id"]: (i["status"], i["old_id"]) for i in found["items"]}
    assert status["task-tuning"] == ("renamed", "facilitating-task-tuning")
    assert status["teaching-habits-and-dispositions"] == ("removed", None)
    assert status["brand-new"] == ("added", None)
    moved = _changes(found, "embedding-habits-and-dispositions")
    assert moved["file"][1:] == (
        "credentials/embedding-habits-and-dispositions.yaml", "credentials/habits/moved.yaml",
    )  # fmt: skip


def test_a_credential_moved_between_stacks_is_metadata_for_it(repo: Path) -> None:
    edit(
        repo / "stacks" / "basic-performance-assessment-design.yaml",
        "  - calibrating-scoring\n",
        "",
    )
    stack = repo / "stacks" / "leading-a-performance-assessment-community.yaml"
    edit(stack, "credentials:\n", "credentials:\n  - calibrating-scoring\n")
    _, found = _diff(repo)
    assert _changes(found, "calibrating-scoring")["stacks"][0] == "metadata"
    # The awarded stack's credentials are what earns its badge: a requirement.
    basic = _changes(found, "basic-performance-assessment-design")
    assert basic["credentials"][0] == "requirement"


@pytest.mark.parametrize(
    ("version", "status", "severity"),
    [("1.0.0", 1, "error"), ("1.1.0", 0, "warning"), ("2.0.0", 0, None), ("0.9.0", 1, "error")],
)
def test_the_version_must_follow_a_requirement_change(
    repo: Path, version: str, status: int, severity: str | None
) -> None:
    edit(repo / CREDENTIAL, "words: {min: 400, max: 600}", "words: {min: 500, max: 700}")
    edit(repo / CREDENTIAL, 'version: "1.0.0"', f'version: "{version}"')
    code, found = _diff(repo)
    assert code == status
    assert [v["severity"] for v in found["versions"]] == ([severity] if severity else [])


@pytest.mark.parametrize(
    ("version", "severity"), [("1.0.0", "warning"), ("1.0.1", None), ("1.1.0", None)]
)
def test_a_wording_change_asks_for_a_minor_version(
    repo: Path, version: str, severity: str | None
) -> None:
    edit(repo / CREDENTIAL, "title: Calibrating Scoring", "title: Calibrating Scores")
    edit(repo / CREDENTIAL, 'version: "1.0.0"', f'version: "{version}"')
    code, found = _diff(repo)
    assert code == 0
    assert [v["severity"] for v in found["versions"]] == ([severity] if severity else [])


def test_metadata_and_drafts_need_no_new_version(repo: Path) -> None:
    edit(repo / CREDENTIAL, "\nhours: 8", "\nhours: 10")
    other = repo / "credentials" / "ensuring-technical-quality.yaml"
    edit(other, "status: published", "status: draft")
    code, found = _diff(repo)
    assert code == 0 and found["versions"] == []


def test_bump_writes_the_suggested_versions(repo: Path) -> None:
    edit(repo / CREDENTIAL, "words: {min: 400, max: 600}", "words: {min: 500, max: 700}")
    done = invoke("diff", "--catalog", repo, "--bump")
    assert done.exit_code == 0, done.output
    assert 'version: "2.0.0"' in (repo / CREDENTIAL).read_text("utf-8")
    code, found = _diff(repo)
    assert code == 0 and found["versions"] == []


def test_two_commits_and_a_merge(repo: Path) -> None:
    """After `main` moves on and is merged into the branch, the default base is the
    merge base: only the branch's own change is shown."""
    top = repo.parent
    edit(repo / CREDENTIAL, "title: Calibrating Scoring", "title: Calibrating Scores")
    git(top, "commit", "-qam", "branch change")
    git(top, "checkout", "-q", "main")
    edit(repo / "credentials" / "ensuring-technical-quality.yaml", "\nhours: ", "\nhours: 1")
    git(top, "commit", "-qam", "main change")
    git(top, "checkout", "-q", "feature")
    git(top, "merge", "-q", "--no-edit", "main")
    _, found = _diff(repo)
    assert [i["id"] for i in found["items"]] == ["calibrating-scoring"]
    _, between = _diff(repo, "main~1", "main")
    assert [i["id"] for i in between["items"]] == ["ensuring-technical-quality"]


def test_markdown_is_a_pull_request_comment(repo: Path) -> None:
    edit(repo / CREDENTIAL, "words: {min: 400, max: 600}", "words: {min: 500, max: 700}")
    done = invoke("diff", "--catalog", repo, "--format", "markdown")
    assert done.exit_code == 1
    text = done.stdout
    assert text.startswith("## Catalog changes\n")
    assert (
        "| evidence › reflection › prompt 1 › words | requirement | ~~400–600~~ **500–700** words |"
        in text
    )
    assert "- **error**:" in text


def test_a_shallow_clone_says_what_to_do(repo: Path, tmp_path: Path) -> None:
    top = repo.parent
    edit(repo / CREDENTIAL, "title: Calibrating Scoring", "title: Calibrating Scores")
    git(top, "commit", "-qam", "second")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{top}", "shallow")
    line = one_line_error(invoke("diff", "HEAD~1", "--catalog", tmp_path / "shallow" / "catalog"))
    assert "shallow clone" in line and "fetch-depth: 0" in line


def test_outside_git_is_one_line(tmp_path: Path) -> None:
    catalog = copy_sample(tmp_path / "catalog")
    assert "not in a git repository" in one_line_error(invoke("diff", "--catalog", catalog))


def test_a_link_in_the_base_revision_is_not_followed(repo: Path, tmp_path: Path) -> None:
    """A commit can hold a symbolic link named like a catalog file: the base is read
    from git without it, so the file it points to is never read."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\ntitle: Secret\n", encoding="utf-8")
    (repo / "credentials" / "linked.yaml").symlink_to(secret)
    git(repo.parent, "add", "-A")
    git(repo.parent, "commit", "-qm", "a link")
    (repo / "credentials" / "linked.yaml").unlink()
    _, found = _diff(repo, "HEAD")
    assert all(i["id"] != "secret" for i in found["items"])
