"""A bare repository committed into the catalog folder.

Before: when the catalog is a sub-folder of a repository, a pull request could commit
``HEAD``, ``objects/``, ``refs/heads/main`` and a ``config`` into the catalog folder. git,
asked from the catalog folder, took it for a bare repository: it read the committed
``config`` (a ``core.fsmonitor`` command, an ``origin`` remote of the attacker's choosing,
``[include]`` paths), ``lint --format sarif`` rooted ``%SRCROOT%`` at the catalog and
named the attacker's repository, and ``--changed-since`` asked the wrong repository.
Now mcauthor finds the work tree itself and names it to git (see mcauthor.git).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from attacker import MARKER, Victim, run, victim

from mcauthor.rules.base import CREDENTIAL, Example
from mcauthor.rules.examples import materialize

from conftest import git

__all__ = ["victim"]

EVIL = "https://evil.example/attacker/fake.git"


def _fake_bare_repository(folder: Path, marker: Path, outside: Path) -> None:
    """What git's search takes for a bare repository, with a config that runs a command."""
    (folder / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    (folder / "objects" / "info").mkdir(parents=True)
    (folder / "objects" / "info" / "keep").write_text("", "utf-8")
    (folder / "refs" / "heads").mkdir(parents=True)
    (folder / "refs" / "heads" / "main").write_text("0" * 40 + "\n", "utf-8")
    (folder / "config").write_text(
        "[core]\n\trepositoryformatversion = 0\n\tbare = true\n"
        f"\tfsmonitor = touch {marker}\n"
        f'[remote "origin"]\n\turl = {EVIL}\n'
        f"[include]\n\tpath = {outside}\n",
        "utf-8",
    )


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """The victim's clone of a repository whose `catalog/` holds a fake bare repository."""
    origin = tmp_path / "attacker"
    catalog = origin / "catalog"
    materialize(Example(), catalog)
    (origin / "README.md").write_text("# Our catalog\n", "utf-8")
    outside = tmp_path / "outside.gitconfig"
    outside.write_text(f"[core]\n\thooksPath = {tmp_path / MARKER}-hooks\n", "utf-8")
    _fake_bare_repository(catalog, tmp_path / MARKER, outside)
    git(origin, "init", "-q")
    git(origin, "add", "-A", "-f")
    git(origin, "commit", "-q", "-m", "a helpful contribution")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    # The premise: git's own search from the catalog folder finds the committed one.
    found = subprocess.run(
        ["git", "-C", str(clone / "catalog"), "config", "--get", "remote.origin.url"],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    )
    assert found.stdout.strip() == EVIL, found
    return clone


def test_sarif_is_rooted_at_the_real_work_tree(clone: Path, victim: Victim) -> None:
    ran = run(victim, clone, "lint", "catalog", "--format", "sarif", "--fail-on", "error")
    assert ran.code in (0, 1), ran.output
    report = json.loads(ran.stdout)
    run_ = report["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == clone.resolve().as_uri() + "/"
    (provenance,) = run_["versionControlProvenance"]
    assert provenance["revisionId"] == git(clone, "rev-parse", "HEAD").strip()
    assert provenance["branch"] == "main"
    assert "evil.example" not in ran.stdout
    assert not (clone.parent / MARKER).exists(), "the committed core.fsmonitor ran"
    victim.untouched()


def test_changed_since_asks_the_real_repository(clone: Path, victim: Victim) -> None:
    credential = clone / "catalog" / CREDENTIAL
    credential.write_text(credential.read_text("utf-8") + "titel: Feedback\n", "utf-8")
    ran = run(victim, clone, "lint", "catalog", "--changed-since", "HEAD", "--format", "json")
    assert ran.code == 1, ran.output
    found = {(d["path"], d["code"]) for d in json.loads(ran.stdout)["diagnostics"]}
    assert (CREDENTIAL, "MC050") in found
    assert not (clone.parent / MARKER).exists(), "the committed core.fsmonitor ran"
    assert not list(clone.parent.glob(f"{MARKER}*")), "the included config was used"
    victim.untouched()
