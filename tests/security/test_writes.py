"""Attack classes 2, 5 and 6: nothing in a catalog makes mcauthor write or delete outside
the output folder (or the file the user named).

Before: a committed ``site/`` with mcauthor's marker and symbolic links made ``build``
write through the links and delete what its manifest listed; a pre-commit file name like
``--output=..`` became an option; ``build.out`` could point anywhere. Now every write goes
through ``mcauthor.files`` (no link is ever followed), the manifest is kept in the user's
cache, the hook ends its options with ``--``, and ``build.out`` must stay inside.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from attacker import MARKER, Victim, attack, run, snapshot, victim

from mcauthor.rules.base import CREDENTIAL, Example
from mcauthor.rules.examples import materialize

from conftest import REPO

LOGO = Example(
    files={"mcauthor.yaml": "issuer:\n  name: Example Issuer\n  logo: assets/logo.png\n"},
    raw={"assets/logo.png": b"\x89PNG\r\n\x1a\n" + MARKER.encode()},
)


def _committed_site(links: dict[str, str], stale: list[str]) -> object:
    """A pre-built site/ as a pull request can commit it: mcauthor's marker file, a
    manifest listing ``stale`` files, and symbolic links."""

    def setup(root: Path) -> None:
        site = root / "site"
        site.mkdir()
        files = {path: ["k", "0" * 64] for path in stale}
        (site / ".mcauthor-cache.json").write_text(
            json.dumps({"version": 1, "files": files}), "utf-8"
        )
        for name, target in links.items():
            link = site / name
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(target)

    return setup


@pytest.mark.parametrize(
    "links",
    [
        {"assets/logo.png": "{home}/.bashrc"},  # an absolute link at a file built
        {"assets": "{home}"},  # a linked folder on the way
        {"assets": "../../home"},  # relative: out of the clone, into the home
        {"credentials/example": "{home}/documents"},  # where a page goes
        {"index.html": "{home}/documents/thesis.txt"},
        {"ok/../x": "{home}"},  # an odd name is only a name
    ],
)
@pytest.mark.slow
def test_a_committed_site_with_links_is_refused(
    attack, victim: Victim, links: dict[str, str]
) -> None:
    home = str(victim.home)
    setup = _committed_site(
        {k: v.format(home=home) for k, v in links.items() if ".." not in k},
        stale=["documents/thesis.txt", "../home/documents/thesis.txt", ".bashrc"],
    )
    clone = attack(LOGO, setup=setup)
    if "ok/../x" in links:  # git cannot hold such a name: link the home instead
        (clone / "site" / "x").symlink_to(home)
    result = run(victim, clone, "build", "--no-guides")
    assert result.code == 2, result.output
    assert "symbolic link" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    victim.untouched()


@pytest.mark.slow
def test_a_committed_site_that_is_a_link_is_refused(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        (root / "site").symlink_to(victim.home / "documents")

    clone = attack(LOGO, setup=setup)
    for args in (["build", "--no-guides"], ["build", "--no-guides", "--out", "site"]):
        result = run(victim, clone, *args)
        assert result.code == 2, result.output
        assert "symbolic link" in result.stderr
    victim.untouched()


def test_a_dangling_output_link_is_refused(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        (root / "site").symlink_to(victim.home / "not-yet")

    clone = attack(setup=setup)
    result = run(victim, clone, "build", "--no-guides")
    assert result.code == 2 and "symbolic link" in result.stderr, result.output
    assert not (victim.home / "not-yet").exists()
    victim.untouched()


@pytest.mark.slow
def test_a_committed_manifest_deletes_nothing(attack, victim: Victim, tmp_path: Path) -> None:
    """The manifest in a committed site/ lists files to delete; none is deleted, inside
    the site or out of it, because only the user's own record of a build is trusted."""
    keep = ["CNAME", "documents/thesis.txt", "credentials/old/index.html"]

    def setup(root: Path) -> None:
        _committed_site({}, stale=[*keep, "../../home/documents/thesis.txt"])(root)
        for rel in keep:
            (root / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "site" / rel).write_text("keep me\n", "utf-8")

    clone = attack(setup=setup)
    result = run(victim, clone, "build", "--no-guides")
    assert result.code == 0, result.output
    for rel in keep:
        assert (clone / "site" / rel).read_text("utf-8") == "keep me\n"
    victim.untouched()


@pytest.mark.slow
def test_staging_leftovers_with_links_are_removed_without_following(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        leftover = root / ".site.building-abc123"
        leftover.mkdir()
        (leftover / "home").symlink_to(victim.home)
        (leftover / "notes.txt").write_text("left over\n", "utf-8")

    clone = attack(setup=setup)
    result = run(victim, clone, "build", "--no-guides")
    assert result.code == 0, result.output
    assert not (clone / ".site.building-abc123").exists()
    victim.untouched()


@pytest.mark.parametrize(
    "out", ["../../home/documents", "/{home}/documents", "site/../../../home", "..\\\\..\\\\x"]
)
@pytest.mark.slow
def test_build_out_cannot_leave_the_catalog(attack, victim: Victim, out: str) -> None:
    value = out.format(home=str(victim.home).lstrip("/"))
    clone = attack(Example(files={"mcauthor.yaml": f'build:\n  out: "{value}"\n'}))
    result = run(victim, clone, "build", "--no-guides")
    assert result.code == 1, result.output
    assert "MC053" in result.stderr and "build.out" in result.stderr
    victim.untouched()
    # Turning the rule off does not help: the value is never used.
    config = clone / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8") + "lint:\n  rules: {MC053: 'off'}\n", "utf-8")
    result = run(victim, clone, "build", "--no-guides")
    assert result.code in (0, 2), result.output
    victim.untouched()


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "--format", "sarif", "--output", "mcauthor.sarif"],
        ["lint", "--format", "json", "-o", "reports/lint.json"],
        ["stacks", "--svg", "pathway.svg"],
        ["export", "-f", "all", "--out", "exports"],
        ["export", "-f", "all", "--out", "exports/data"],
        ["build", "--no-guides", "--out", "exports/site"],
    ],
)
@pytest.mark.slow
def test_committed_links_at_named_outputs_are_refused(
    attack, victim: Victim, args: list[str]
) -> None:
    """The workflow names an output file inside the checkout; the pull request made that
    name (or a folder on its way) a link into the victim's home."""

    def setup(root: Path) -> None:
        (root / "mcauthor.sarif").symlink_to(victim.home / ".bashrc")
        (root / "pathway.svg").symlink_to(victim.home / ".bashrc")
        (root / "reports").symlink_to(victim.home)
        (root / "exports").symlink_to(victim.home / "documents")

    clone = attack(setup=setup)
    result = run(victim, clone, *args)
    assert result.code == 2, result.output
    assert "link" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    victim.untouched()


@pytest.mark.slow
def test_guide_output_link_is_refused(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        (root / "example.pdf").symlink_to(victim.home / ".bashrc")

    clone = attack(setup=setup)
    result = run(victim, clone, "guide", "example")
    assert result.code == 2 and "symbolic link" in result.stderr, result.output
    victim.untouched()


def _hook_entry() -> list[str]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "mcauthor-lint"]
    return shlex.split(hook["entry"])


@pytest.mark.parametrize("name", ["--output=..", "-o..", "--format=sarif", "--select=MC9"])
@pytest.mark.slow
def test_file_names_are_never_options_to_the_hook(attack, victim: Victim, name: str) -> None:
    """pre-commit appends the staged file names to the hook's entry. A committed folder
    named ``--output=..`` holding ``credentials/x.yaml`` is staged as
    ``--output=../credentials/x.yaml``: without ``--`` that is an option, and lint
    writes its report outside the repository."""
    rel = f"{name}/credentials/x.yaml"

    def setup(root: Path) -> None:
        folder = root / name / "credentials"
        folder.mkdir(parents=True)
        text = (root / CREDENTIAL).read_text("utf-8").replace("id: example", "id: x")
        (folder / "x.yaml").write_text(text, "utf-8")

    clone = attack(setup=setup)
    entry = _hook_entry()
    assert entry[0] == "mcauthor"
    env = {k: v for k, v in os.environ.items() if k != "MCAUTHOR_CACHE_DIR"}
    env["HOME"] = str(victim.home)
    outside = sorted(p.name for p in clone.parent.iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", *entry[1:], rel, CREDENTIAL],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert "No such option" not in done.stderr and "Invalid value" not in done.stderr
    assert done.returncode in (0, 1), done.stderr  # a lint result, never an option error
    assert "x.yaml" in done.stdout or done.returncode == 0
    assert sorted(p.name for p in clone.parent.iterdir()) == outside  # nothing written
    assert snapshot(victim.home, skip=(".cache",)) == victim.files


@pytest.mark.slow
def test_a_catalog_path_that_is_a_link_is_refused(attack, victim: Victim) -> None:
    """The workflow says `path: catalog`; the pull request made `catalog` a link to a
    folder elsewhere that holds an mcauthor.yaml (mcauthor's own package has one)."""
    elsewhere = victim.home / "private-catalog"

    def setup(root: Path) -> None:
        materialize(Example(), elsewhere)
        (root / "catalog").symlink_to(elsewhere)

    clone = attack(setup=setup)
    before = snapshot(victim.home)
    for args in (["lint", "--", "catalog"], ["build", "--no-guides", "--", "catalog"]):
        result = run(victim, clone, *args)
        assert result.code == 2, result.output
        assert "symbolic link" in result.stderr
    assert snapshot(victim.home) == before


def test_new_credential_writes_nothing_when_the_stack_cannot_be_edited(
    attack, victim: Victim
) -> None:
    def setup(root: Path) -> None:
        (root / "more").mkdir()
        (root / "stacks" / "example-stack.yaml").rename(root / "more" / "example-stack.yaml")
        (root / "stacks" / "sub").symlink_to("../more")

    clone = attack(setup=setup)
    result = run(victim, clone, "new", "credential", "newone", "--stack", "example-stack")
    assert result.code == 2, result.output
    assert "symbolic link" in result.stderr
    assert not (clone / "credentials" / "newone.yaml").exists()
