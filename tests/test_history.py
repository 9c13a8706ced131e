"""Each credential's version history on its page, from git (mcauthor.history)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mcauthor.build import build
from mcauthor.history import histories

from conftest import copy_sample, edit, git

CREDENTIAL = "credentials/calibrating-scoring.yaml"
PAGE = "credentials/calibrating-scoring/index.html"


def _commit(top: Path, message: str, day: int, monkeypatch: pytest.MonkeyPatch) -> None:
    when = f"2026-03-{day:02d}T12:00:00+00:00"
    monkeypatch.setenv("GIT_AUTHOR_DATE", when)
    monkeypatch.setenv("GIT_COMMITTER_DATE", when)
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample in git, then three versions of one credential: a wording change
    (1.1.0), a requirement change committed before its version (2.0.0), and a change
    not yet given a version."""
    top = tmp_path / "repo"
    catalog = copy_sample(top / "catalog")
    git(top, "init", "-q")
    _commit(top, "the sample", 1, monkeypatch)
    edit(catalog / CREDENTIAL, "title: Calibrating Scoring", "title: Calibrating Scores")
    edit(catalog / CREDENTIAL, 'version: "1.0.0"', 'version: "1.1.0"')
    _commit(top, "wording", 5, monkeypatch)
    edit(catalog / CREDENTIAL, "words: {min: 400, max: 600}", "words: {min: 500, max: 700}")
    _commit(top, "longer reflection", 9, monkeypatch)
    edit(catalog / CREDENTIAL, "\nhours: 8", "\nhours: 9")
    edit(catalog / CREDENTIAL, 'version: "1.1.0"', 'version: "2.0.0"')
    _commit(top, "version 2", 12, monkeypatch)
    edit(catalog / CREDENTIAL, "title: Calibrating Scores", "title: Calibrating")
    _commit(top, "not released yet", 20, monkeypatch)
    return catalog


def _rows(page: str) -> list[tuple[str, str, str]]:
    body = page[page.index('id="history"') :]
    body = body[: body.index("</table>")]
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", body)
    return [(a, b, c) for a, b, c in cells]


def test_a_credential_page_lists_its_versions_with_what_changed(repo: Path) -> None:
    out = build(repo, repo.parent / "site", guides=False).out
    assert _rows((out / PAGE).read_text("utf-8")) == [
        ("2026-03-12", "2.0.0", "Requirements: evidence. Details: hours."),
        ("2026-03-05", "1.1.0", "Wording: title."),
        ("2026-03-01", "1.0.0", "First version."),
    ]
    other = (out / "credentials/designing-performance-tasks/index.html").read_text("utf-8")
    assert _rows(other) == [("2026-03-01", "1.0.0", "First version.")]


def test_the_history_is_the_commits_only(repo: Path) -> None:
    """Edits not committed and the clock change nothing: a build of a commit is always
    the same."""
    first = build(repo, repo.parent / "one", guides=False).out
    edit(repo / CREDENTIAL, 'version: "2.0.0"', 'version: "3.0.0"')
    second = build(repo, repo.parent / "two", guides=False).out
    assert _rows((first / PAGE).read_text("utf-8")) == _rows((second / PAGE).read_text("utf-8"))


def test_without_git_there_is_no_history(tmp_path: Path) -> None:
    catalog = copy_sample(tmp_path / "catalog")
    out = build(catalog, tmp_path / "site", guides=False).out
    assert 'id="history"' not in (out / PAGE).read_text("utf-8")
    assert histories(catalog) == {}


def test_no_git_at_all_is_no_history(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join(["/nonexistent"]))
    assert histories(repo) == {}
