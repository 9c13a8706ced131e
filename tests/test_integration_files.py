"""The integrations, run for real: the pre-commit hook, the GitHub Action, shell completion.

* The pre-commit hook as `mcauthor init` writes it (`repo: local`, `language: system`:
  the mcauthor installed in this virtual environment, found on the PATH) runs on scratch
  catalog repositories with real git and pre-commit: nothing to install, offline.
  mcauthor's own hook manifest (.pre-commit-hooks.yaml, `language: python`, for when
  mcauthor is on PyPI) is validated by pre-commit, and one slow test installs it for
  real with `pre-commit try-repo` (pip taking the dependencies from the wheelhouse that
  scripts/dev-setup makes, offline).
* The composite action's shell steps run in bash exactly as a runner runs them (`bash
  --noprofile --norc -eo pipefail`), with the runner's files and variables; only
  `actions/setup-python` is left out: the Python running the tests stands in for it. The
  install step is preset to this virtual environment's mcauthor, except in one slow test
  that runs it (a pip install of the action's checkout, offline from the wheelhouse).
* Completion is asked of the installed `mcauthor` command the way the shells ask it.

The try-repo and install tests use a commit of this working tree (every file git does
not ignore), so that they check the code as it is now. `pre-commit try-repo` on the
working tree itself would not do: its shadow repository carries edits to tracked files
but leaves out new, untracked ones, so an uncommitted hook manifest would not be found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from mcauthor import scaffold
from mcauthor.cli import app
from mcauthor.lint import lint
from mcauthor.report import github, markdown, shown_path

from conftest import REPO, SAMPLE, add_unknown_key, copy_sample, edit, git, line_of

MANIFEST = REPO / ".pre-commit-hooks.yaml"
ACTION_FILE = REPO / "action.yml"
CREDENTIAL = "credentials/designing-performance-tasks.yaml"
STACK = "stacks/basic-performance-assessment-design.yaml"
# Where the stack lists the credential these tests delete (MC505 then points there).
LISTED = line_of(SAMPLE, STACK, "  - calibrating-scoring")
OTHER = "credentials/teaching-habits-and-dispositions.yaml"


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree committed as a git repository of its own (see the module)."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout
    snapshot = tmp_path_factory.mktemp("hook-repo") / "mcauthor"
    for rel in filter(None, os.fsdecode(listed).split("\0")):
        source = REPO / rel
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, snapshot / rel, follow_symlinks=False)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "working tree")
    return snapshot


# -- pre-commit --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the session: the hook's virtualenv is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


VENV_BIN = str(Path(sys.executable).parent)


def author_env(home: Path) -> dict[str, str]:
    """The author's shell: their virtual environment's `bin` on the PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    return {
        **env,
        "PRE_COMMIT_HOME": str(home),
        "NO_COLOR": "1",
        "PATH": VENV_BIN + os.pathsep + env.get("PATH", ""),
    }


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pre-commit as the author runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd,
        env=author_env(home),
        capture_output=True,
        text=True,
        check=False,
    )


GIT_IDENTITY = [
    *("git", "-c", "user.name=mcauthor tests", "-c", "user.email=tests@mcauthor.invalid"),
    *("-c", "commit.gpgsign=false"),
]


def commit(root: Path, home: Path, message: str) -> subprocess.CompletedProcess[str]:
    """`git commit` as the author runs it, so that the installed hook runs (or not)."""
    return subprocess.run(
        [*GIT_IDENTITY, "commit", "-m", message],
        cwd=root,
        env=author_env(home),
        capture_output=True,
        text=True,
        check=False,
    )


def init_hook() -> dict[str, Any]:
    """The hook in the `.pre-commit-config.yaml` that `mcauthor init` writes."""
    files = scaffold.init_files("Example Issuer", "Example")
    config = yaml.safe_load(files[".pre-commit-config.yaml"])
    ((repo),) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert isinstance(hook, dict)
    return hook


def write_hooks(root: Path, hooks: list[dict[str, Any]]) -> None:
    """A `.pre-commit-config.yaml` of `repo: local` hooks, staged with everything else."""
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    git(root, "add", "-A")


def catalog_repo(
    root: Path, hooks: list[dict[str, Any]] | None = None, folder: str = "catalog"
) -> Path:
    """A git repository holding the sample catalog in `folder` ("" for the root)."""
    copy_sample(root / folder)
    (root / "README.md").write_text("# Our catalog\n", "utf-8")
    if hooks is None:  # init's hook; for a catalog in a sub-folder, as README says
        hooks = [{**init_hook(), "args": [folder]}] if folder else [init_hook()]
    git(root, "init", "-q")
    write_hooks(root, hooks)
    git(root, "commit", "-q", "-m", "catalog")
    return root


def test_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    done = pre_commit(REPO, tmp_path, "validate-manifest", str(MANIFEST))
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load(MANIFEST.read_text("utf-8"))
    assert hook["id"] == "mcauthor-lint" and hook["entry"] == "mcauthor lint --"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("mcauthor.yaml", True),
        ("credentials/designing-performance-tasks.yaml", True),
        ("credentials/archive/old.yml", True),
        ("stacks/basic.yaml", True),
        ("research/library.yaml", True),
        ("catalog/mcauthor.yaml", True),  # a catalog in a sub-folder of the repository
        ("catalog/credentials/x.yaml", True),
        ("README.md", False),
        ("credentials/notes.md", False),
        ("assets/logo.png", False),
        ("mcauthor.yaml.orig", False),
        ("my-credentials/x.yaml", False),
        ("credentials.yaml", False),
    ],
)
def test_hook_pattern(path: str, matches: bool) -> None:
    (hook,) = yaml.safe_load(MANIFEST.read_text("utf-8"))
    assert bool(re.search(hook["files"], path)) is matches  # pre-commit uses re.search


@pytest.mark.slow  # pre-commit pip-installs mcauthor's own hook: half a minute or more
def test_try_repo_fails_on_a_broken_catalog_and_passes_once_fixed(
    tmp_path: Path, hook_repo: Path, offline_pip: Path
) -> None:
    """`pre-commit try-repo`, as a hook developer runs it, on a catalog at the repo root
    (pip installs from the wheelhouse, offline)."""
    root = copy_sample(tmp_path / "catalog")
    add_unknown_key(root / CREDENTIAL)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "catalog")
    home = tmp_path / "home"  # try-repo installs into a store of its own anyway
    failed = pre_commit(root, home, "try-repo", str(hook_repo), "mcauthor-lint", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "mcauthor lint" in failed.stdout and "Failed" in failed.stdout
    assert f"{CREDENTIAL}:6:1: error MC050 unknown key `titel`" in failed.stdout
    edit(root / CREDENTIAL, "titel: Feedback\n", "")
    passed = pre_commit(root, home, "try-repo", str(hook_repo), "mcauthor-lint", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"mcauthor lint\.+Passed", passed.stdout)


def manifest_hook(**keys: Any) -> dict[str, Any]:
    """mcauthor's own hook as a `repo: local` hook on the installed mcauthor (no install)."""
    (hook,) = yaml.safe_load(MANIFEST.read_text("utf-8"))
    assert isinstance(hook, dict)
    return {**hook, "language": "system", **keys}


@pytest.mark.slow  # two pre-commit runs of the whole sample catalog: about 2.5 s
def test_hook_checks_the_whole_catalog_in_a_sub_folder(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    root = catalog_repo(tmp_path / "repo")  # init's hook with `args: [catalog]`
    catalog = root / "catalog"
    edit(catalog / CREDENTIAL, "title: Designing Performance Tasks", "title: Designing Tasks")
    edit(catalog / STACK, "title: Basic Performance", "title: Basic Perf.")
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"mcauthor lint\.+Passed", done.stdout)
    assert "All good: 14 files checked, no problems found." in done.stdout
    # A commit that breaks a file it does not touch: the stack still lists the deleted
    # credential. Paths are relative to the repository root, where pre-commit runs.
    (catalog / "credentials/calibrating-scoring.yaml").unlink()
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"mcauthor lint\.+Failed", done.stdout)
    assert f"\ncatalog/{STACK}:{LISTED}:5: error MC505" in done.stdout


@pytest.mark.slow  # a real `git commit` with init's hook installed: about 2 s
def test_a_commit_that_only_deletes_a_credential_is_stopped(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    """init's `.pre-commit-config.yaml` as written, installed, and a plain `git commit`."""
    root = catalog_repo(tmp_path / "repo", folder="")
    config = scaffold.init_files("Example Issuer", "Example")[".pre-commit-config.yaml"]
    (root / ".pre-commit-config.yaml").write_text(config, "utf-8")
    git(root, "commit", "-q", "-am", "init's hook")
    done = pre_commit(root, pre_commit_home, "install")
    assert done.returncode == 0, done.stdout + done.stderr
    git(root, "rm", "-q", "credentials/calibrating-scoring.yaml")
    done = commit(root, pre_commit_home, "Drop calibrating scoring")
    output = done.stdout + done.stderr  # git shows the hook's output on stderr
    assert done.returncode == 1, output
    assert re.search(r"mcauthor lint\.+Failed", output), output
    assert f"\n{STACK}:{LISTED}:5: error MC505" in output
    assert git(root, "log", "--format=%s").splitlines() == ["init's hook", "catalog"]


@pytest.mark.slow  # three pre-commit runs: about 3 s
def test_hook_runs_on_every_commit_and_checks_what_is_committed(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    root = catalog_repo(tmp_path / "repo", folder="")
    (root / "README.md").write_text("# Only the readme\n", "utf-8")
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"mcauthor lint\.+Passed", done.stdout)  # run, not skipped
    # An unstaged edit is stashed while the hook runs: not part of the commit.
    add_unknown_key(root / CREDENTIAL)
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 0, done.stdout + done.stderr
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{CREDENTIAL}:6:1: error MC050 unknown key `titel`" in done.stdout
    assert "Failed: 1 error, 0 warnings, 0 info in 14 files" in done.stdout
    # Options go in `args`, as README says.
    write_hooks(root, [{**init_hook(), "args": ["--ignore", "MC050"]}])
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow  # four pre-commit runs: about 3 s
def test_manifest_hook_misses_a_deletion_only_commit_unless_told(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    """The gap README documents for mcauthor's own hook, and the keys that close it."""
    root = catalog_repo(tmp_path / "repo", [manifest_hook()])
    (root / "catalog/credentials/calibrating-scoring.yaml").unlink()
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"mcauthor lint\.+\(no files to check\)Skipped", done.stdout)
    closed = manifest_hook(always_run=True, pass_filenames=False, args=["catalog"])
    write_hooks(root, [closed])
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"\ncatalog/{STACK}:{LISTED}:5: error MC505" in done.stdout
    # Its `args` come after `--`: options go in the entry, as README says.
    write_hooks(root, [{**closed, "entry": "mcauthor lint --ignore MC503,MC505 --"}])
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow  # three catalogs linted in three pre-commit runs: about 3.5 s
def test_hook_per_catalog_in_a_repository_of_two(tmp_path: Path, pre_commit_home: Path) -> None:
    """The set-ups README gives for a repository that holds two catalogs."""
    names = ("catalog", "second")
    local = [{**init_hook(), "name": f"mcauthor lint {n}", "args": [n]} for n in names]
    root = catalog_repo(tmp_path / "repo", local)
    copy_sample(root / "second")
    add_unknown_key(root / "second" / CREDENTIAL)
    git(root, "add", "-A")
    pattern = r"^{}/(mcauthor\.yaml|(credentials|stacks|research)/.+\.ya?ml)$"
    remote = [manifest_hook(name=f"mcauthor lint {n}", files=pattern.format(n)) for n in names]
    for hooks in (local, remote):
        write_hooks(root, hooks)
        done = pre_commit(root, pre_commit_home, "run", "--all-files")
        assert done.returncode == 1, done.stdout + done.stderr
        assert re.search(r"mcauthor lint catalog\.+Passed", done.stdout)
        assert re.search(r"mcauthor lint second\.+Failed", done.stdout)
    # Without the split, one run gets files of both catalogs and says why it cannot run.
    write_hooks(root, [manifest_hook()])
    done = pre_commit(root, pre_commit_home, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "- exit code: 2" in done.stdout  # cannot run, rather than a lint failure
    assert "the paths belong to different catalogs" in done.stdout


# -- the GitHub Action -------------------------------------------------------------------

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION_FILE.read_text("utf-8"))
    return data


@dataclass
class ActionRun:
    status: dict[str, int | None] = field(default_factory=dict)  # by step id/name; None: skipped
    stdout: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""


class Runner:
    """Runs the composite action's steps the way a GitHub runner does, on this machine."""

    def __init__(self, workspace: Path, action_path: Path, inputs: dict[str, str]) -> None:
        spec = action()
        unknown = set(inputs) - set(spec["inputs"])
        assert not unknown, f"not inputs of the action: {unknown}"
        self.spec = spec
        self.inputs = {k: str(v.get("default", "")) for k, v in spec["inputs"].items()} | inputs
        self.workspace = workspace
        self.action_path = action_path
        self.temp = workspace.parent / "runner-temp"
        self.temp.mkdir(exist_ok=True)
        self.steps: dict[str, dict[str, str]] = {}

    def value(self, expression: str) -> str:
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return self.inputs[parts[1]]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return self.steps.get(parts[1], {}).get(parts[3], "")
        if expression == "github.action_path":
            return str(self.action_path)
        if expression == "runner.temp":
            return str(self.temp)
        pytest.fail(f"the test runner does not know the expression `{expression}`")

    def expand(self, text: str) -> str:
        return _EXPRESSION.sub(lambda m: self.value(m.group(1)), text)

    def should_run(self, condition: str | None, failed: bool) -> bool:
        if condition is None or condition == "success()":
            return not failed
        if condition == "always()":
            return True
        match = re.fullmatch(r"([\w.-]+) == '([^']*)'", condition.strip())
        assert match, f"the test runner does not understand `if: {condition}`"
        return not failed and self.value(match[1]) == match[2]

    def run(self, preset: dict[str, dict[str, str]] | None = None) -> ActionRun:
        result = ActionRun()
        self.steps.update(preset or {})
        failed = False
        for index, step in enumerate(self.spec["runs"]["steps"]):
            key = step.get("id") or step.get("name") or str(index)
            if "uses" in step and step["uses"].startswith("actions/cache/"):
                continue  # no cache service here: every run starts cold, as on a pull request
            if "uses" in step:
                assert step["uses"] == "actions/setup-python@v5", step["uses"]
                assert self.expand(step["with"]["python-version"]) == self.inputs["python-version"]
                continue  # the Python that runs the tests stands in for it
            if key in (preset or {}) or not self.should_run(step.get("if"), failed):
                result.status[key] = None
                continue
            status, stdout, summary = self._bash(key, step)
            result.status[key], result.stdout[key] = status, stdout
            result.summary += summary
            failed = failed or status != 0
        result.outputs = {k: self.expand(v["value"]) for k, v in self.spec["outputs"].items()}
        return result

    def _bash(self, key: str, step: dict[str, Any]) -> tuple[int, str, str]:
        assert step["shell"] == "bash"
        files = {name: self.temp / f"{key}.{name}" for name in ("script", "output", "summary")}
        # As GitHub does: expressions are pasted into the script before bash reads it.
        files["script"].write_text(self.expand(step["run"]), "utf-8")
        for name in ("output", "summary"):
            files[name].write_text("", "utf-8")
        base = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        env = {
            **base,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_ACTION_PATH": str(self.action_path),
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
            "RUNNER_TEMP": str(self.temp),
            **{k: self.expand(str(v)) for k, v in (step.get("env") or {}).items()},
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(files["script"])],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        outputs = {}
        for line in files["output"].read_text("utf-8").splitlines():
            name, sep, value = line.partition("=")
            assert sep, f"not a `name=value` output line: {line!r}"
            outputs[name] = value
        self.steps[key] = outputs
        return done.returncode, done.stdout + done.stderr, files["summary"].read_text("utf-8")


@pytest.fixture(scope="session")
def installed() -> dict[str, str]:
    """The install step's outputs, preset to this virtual environment's mcauthor, so that
    no test installs again (test_action_installs_its_own_checkout runs the step itself)."""
    return {"mcauthor": str(Path(VENV_BIN) / "mcauthor")}


@pytest.mark.slow  # pip builds and installs the action's checkout: a minute or more
def test_action_installs_its_own_checkout(
    hook_repo: Path, tmp_path: Path, offline_pip: Path
) -> None:
    """The whole action, install step included, on a clean catalog (``version`` empty:
    the action's own checkout). pip takes mcauthor's dependencies from the wheelhouse,
    offline, where a runner would take them from PyPI."""
    workspace = copy_sample(tmp_path / "workspace")
    run = Runner(workspace, hook_repo, {}).run()
    assert run.status == {"install": 0, "lint": 0, "diff": 0, "Build the catalog": None}, run.stdout
    assert re.search(r"^mcauthor \d", run.stdout["install"], re.M)  # its `--version`
    assert run.summary.startswith("## mcauthor lint\n\nAll good: 14 files checked")
    assert run.outputs == {"sarif": "mcauthor.sarif"}
    assert json.loads((workspace / "mcauthor.sarif").read_text("utf-8"))["version"] == "2.1.0"


@pytest.mark.slow  # builds a wheel and pip-installs it: half a minute or more
def test_action_installs_a_wheel_given_as_version(
    hook_repo: Path, tmp_path: Path, offline_pip: Path
) -> None:
    """``version: dist/mcauthor-...whl`` (a path in the workspace) installs that wheel:
    how a catalog's CI uses mcauthor before it is on PyPI."""
    workspace = copy_sample(tmp_path / "workspace")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", "dist", hook_repo],
        cwd=workspace,
        check=True,
        capture_output=True,
    )
    (wheel,) = (workspace / "dist").glob("mcauthor-*.whl")
    action_path = tmp_path / "empty-action"  # the action's own checkout is not installed
    action_path.mkdir()
    version = f"dist/{wheel.name}"
    run = Runner(workspace, action_path, {"version": version}).run()
    assert run.status == {"install": 0, "lint": 0, "diff": 0, "Build the catalog": None}, run.stdout
    assert re.search(r"^mcauthor \d", run.stdout["install"], re.M)
    assert run.summary.startswith("## mcauthor lint\n\nAll good: 14 files checked")


@pytest.mark.slow
def test_action_runs_on_a_clean_catalog(tmp_path: Path, installed: dict[str, str]) -> None:
    workspace = copy_sample(tmp_path / "workspace")
    run = run_action(workspace, REPO, installed)
    assert run.status == {"install": None, "lint": 0, "diff": 0, "Build the catalog": None}, (
        run.stdout
    )
    assert run.summary.startswith("## mcauthor lint\n\nAll good: 14 files checked")
    assert run.outputs == {"sarif": "mcauthor.sarif"}
    assert json.loads((workspace / "mcauthor.sarif").read_text("utf-8"))["version"] == "2.1.0"


def run_action(
    workspace: Path, action_path: Path, installed: dict[str, str], **inputs: str
) -> ActionRun:
    """Run the action after its install step (reusing the session's install)."""
    return Runner(workspace, action_path, inputs).run(preset={"install": installed})


def test_action_is_a_composite_action_with_the_documented_interface() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"path", "version", "build", "out", "sarif", "fail-on", "changed-since", "diff"} <= set(
        spec["inputs"]
    )
    assert spec["inputs"]["path"]["default"] == "."
    assert spec["inputs"]["sarif"]["default"] == "mcauthor.sarif"
    assert spec["inputs"]["build"]["default"] == "false"
    assert spec["inputs"]["version"]["default"] == ""
    assert all(i.get("description") for i in spec["inputs"].values())
    assert set(spec["outputs"]) == {"sarif"}
    for step in spec["runs"]["steps"]:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step  # composite steps must name their shell


def test_inputs_never_reach_a_script_unquoted() -> None:
    """`${{ }}` in `run:` is pasted into the script before bash reads it: injection."""
    spec = action()
    for step in spec["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    used = set()
    for text in re.findall(r"\$\{\{.*?\}\}", ACTION_FILE.read_text("utf-8")):
        used |= set(re.findall(r"inputs\.([\w-]+)", text))
    for step in spec["runs"]["steps"]:
        used |= set(re.findall(r"inputs\.([\w-]+)", step.get("if", "")))
    assert used == set(spec["inputs"]), "every input is used, and only declared ones"


# An mcauthor call in the action's scripts, and its arguments up to the end of the command.
_CALL = re.compile(r'"\$(?:MCAUTHOR|bin/mcauthor)"([^|;&>\n]*)')


def test_action_command_lines_use_options_that_exist() -> None:
    """Each `mcauthor` call's options, checked against the real command line."""
    root = typer.main.get_command(app)
    known: dict[str | None, set[str]] = {None: {o for p in root.params for o in p.opts}}
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        known[name] = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    options = re.compile(r"(?<![\w-])--?[a-z][\w-]*")
    called = []
    for step in action()["runs"]["steps"]:
        script = step.get("run", "")
        # Options collected in `args+=(...)` go to the calls that pass "${args[@]}".
        pushed = re.findall(r"args\+=\((.*?)\)", script)
        collected = [o for line in pushed for o in options.findall(line)]
        for arguments in _CALL.findall(script):
            words = arguments.split()
            command = words[0] if words and not words[0].startswith("-") else None
            given = options.findall(arguments)
            if '"${args[@]}"' in arguments:
                given += collected
            for option in given:
                assert option in known[command], f"mcauthor {command}: no option {option}"
            called.append((command, sorted(set(given))))
    assert sorted(called, key=str) == sorted(
        [
            (None, ["--version"]),
            ("lint", ["--changed-since", "--fail-on", "--format"]),
            ("lint", ["--changed-since", "--fail-on", "--format"]),
            ("lint", ["--format", "--output"]),
            ("build", ["--out"]),
            ("diff", ["--catalog", "--format"]),
        ],
        key=str,
    )


@pytest.mark.slow
def test_action_fails_on_errors_but_writes_summary_and_sarif(
    tmp_path: Path, installed: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    catalog = copy_sample(workspace / "catalog")
    add_unknown_key(catalog / CREDENTIAL)
    run = run_action(workspace, REPO, installed, path="catalog", build="true")
    assert run.status == {"install": None, "lint": 1, "diff": 0, "Build the catalog": None}
    annotations = [line for line in run.stdout["lint"].splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file=catalog/{CREDENTIAL},line=6,col=1,title=MC050 unknown-key::"
        + annotations[0].split("::", 2)[2]
    ]
    assert "Failed: 1 error, 0 warnings, 0 info in 14 files" in run.summary
    # The path as the job ran lint (from the workspace), as code.
    assert f"| ❌ | `catalog/{CREDENTIAL}:6:1` | MC050 unknown-key |" in run.summary
    assert run.outputs == {"sarif": "mcauthor.sarif"}
    sarif = json.loads((workspace / "mcauthor.sarif").read_text("utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["MC050"]
    assert not (catalog / "site").exists()  # no build after a failing lint


@pytest.mark.slow  # builds the site with its PDF guides: about 6 s
def test_action_builds_a_passing_catalog(tmp_path: Path, installed: dict[str, str]) -> None:
    workspace = tmp_path / "workspace"
    copy_sample(workspace / "cat alog")  # a space: inputs are quoted
    run = run_action(
        workspace,
        REPO,
        installed,
        path="cat alog",
        build="true",
        out="public site",
        sarif="lint results.sarif",
        **{"fail-on": "warning"},
    )
    assert run.status == {"install": None, "lint": 0, "diff": 0, "Build the catalog": 0}, run.stdout
    assert (workspace / "public site/index.html").is_file()
    assert (workspace / "lint results.sarif").is_file()
    assert run.outputs == {"sarif": "lint results.sarif"}


@pytest.mark.slow
def test_action_changed_since_annotates_only_the_change(
    tmp_path: Path, installed: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    catalog = copy_sample(workspace / "catalog")
    edit(catalog / OTHER, 'version: "1.0.0"', "version: 1.10")  # an old warning
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-q", "-m", "catalog")
    add_unknown_key(catalog / CREDENTIAL)
    run = run_action(
        workspace,
        REPO,
        installed,
        path="catalog",
        **{"changed-since": "HEAD", "fail-on": "warning"},
    )
    assert run.status["lint"] == 1
    annotations = [line for line in run.stdout["lint"].splitlines() if line.startswith("::")]
    assert [a.split(",")[0] for a in annotations] == [
        f"::error file=catalog/{CREDENTIAL}",
        "::notice title=mcauthor::1 finding in files this change did not touch not shown "
        "(--changed-since)",
    ]
    assert "MC011" not in run.summary and "1 finding in files this change" in run.summary
    # SARIF is the whole catalog: code scanning compares it with the base branch itself.
    sarif = json.loads((workspace / "mcauthor.sarif").read_text("utf-8"))
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == ["MC011", "MC050"]


def test_action_diff_writes_the_changes_into_the_summary(
    tmp_path: Path, installed: dict[str, str]
) -> None:
    """`diff: REF`: the markdown diff since the merge base goes into the job summary, and
    a requirement changed without a new version fails the step."""
    workspace = tmp_path / "workspace"
    catalog = copy_sample(workspace / "catalog")
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-q", "-m", "catalog")
    git(workspace, "checkout", "-q", "-b", "change")
    edit(catalog / CREDENTIAL, "words: {min: 200, max: 300}", "words: {min: 300, max: 400}")
    run = run_action(workspace, REPO, installed, path="catalog", diff="main")
    assert run.status["lint"] == 0 and run.status["diff"] == 1, run.stdout
    assert "## Catalog changes" in run.summary
    assert "| requirement | ~~200–300~~ **300–400** words |" in run.summary
    assert "its requirements changed and its version did not go up" in run.summary
    edit(catalog / CREDENTIAL, 'version: "1.0.0"', 'version: "2.0.0"')
    again = run_action(workspace, REPO, installed, path="catalog", diff="main")
    assert again.status["diff"] == 0, again.stdout


def test_action_that_cannot_run_says_so_and_exits_2(
    tmp_path: Path, installed: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    copy_sample(workspace / "catalog")
    run = run_action(
        workspace, REPO, installed, path="catalog", **{"changed-since": "HEAD"}
    )  # not a git repository
    assert run.status["lint"] == 2
    assert "needs a git repository" in run.stdout["lint"]
    assert "could not run" in run.summary
    assert run.outputs == {"sarif": ""}


@pytest.mark.parametrize(
    "hostile",
    [
        {"path": 'catalog"; touch pwned; echo "'},
        {"path": "$(touch pwned)"},
        {"fail-on": "`touch pwned`"},
        {"changed-since": "HEAD; touch pwned"},
        {"sarif": "a.sarif; touch pwned"},
        # Builds the site with its PDF guides: about 4 s.
        pytest.param({"out": "$(touch pwned)", "build": "true"}, marks=pytest.mark.slow),
    ],
)
@pytest.mark.slow
def test_inputs_cannot_inject_shell_commands(
    tmp_path: Path, installed: dict[str, str], hostile: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    copy_sample(workspace / "catalog")
    inputs = {"path": "catalog", **hostile}
    run = run_action(workspace, REPO, installed, **inputs)
    assert not (workspace / "pwned").exists()
    assert not list(workspace.rglob("pwned")), "a hostile input ran a command"
    assert any(status is not None for status in run.status.values())


@pytest.mark.slow  # builds the site with its PDF guides: about 4 s each
@pytest.mark.parametrize("path", ["--output=../outside.txt", "-o../outside.txt"])
def test_a_path_input_is_never_an_option(
    tmp_path: Path, installed: dict[str, str], path: str
) -> None:
    """The Action ends mcauthor's options with `--` before the path."""
    workspace = tmp_path / "workspace"
    copy_sample(workspace / path)
    run = run_action(workspace, REPO, installed, path=path, build="true")
    assert not (tmp_path / "outside.txt").exists()
    assert not (workspace.parent / "outside.txt").exists()
    assert "No such option" not in run.stdout.get("lint", "")
    assert run.status["lint"] == 0, run.stdout


# -- reports for CI: annotations and the job summary -------------------------------------

FIRST = "credentials/assessing-habits-and-dispositions.yaml"  # sorts before every other file


def many_warnings(root: Path, count: int) -> None:
    """``count`` MC050 findings made warnings, in the first file, and one error last."""
    with (root / "mcauthor.yaml").open("a", encoding="utf-8") as config:
        config.write("lint:\n  rules:\n    MC050: warning\n")
    keys = "".join(f"extra-{i:03}: x\n" for i in range(count))
    edit(root / FIRST, "status: published\n", "status: published\n" + keys)
    edit(root / STACK, "  - calibrating-scoring\n", "  - calibrating-scoring\n  - no-such-one\n")


def test_annotations_keep_the_errors_when_capped(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    many_warnings(root, 60)
    result = lint(root)
    assert [d.severity.value for d in result.diagnostics][-1] == "error"  # last in path order
    lines = github.render(result, base=root).splitlines()
    assert len(lines) == github.MAX_ANNOTATIONS + 1
    assert sum(line.startswith("::warning ") for line in lines) == 49
    assert lines[49].startswith(f"::error file={STACK},")  # kept, in path order
    assert lines[50] == (
        "::notice title=mcauthor::11 more findings not shown as annotations (11 warnings); "
        "run `mcauthor lint` locally or read the job summary for all of them"
    )


def _markdown_tokens(text: str) -> list[Any]:
    from markdown_it import MarkdownIt

    return list(MarkdownIt("commonmark").enable("table").parse(text))


def test_markdown_summary_is_capped_and_keeps_the_errors(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    many_warnings(root, 250)
    text = markdown.render(lint(root))
    assert text.startswith("## mcauthor lint\n\nFailed: 1 error, 250 warnings, 0 info in 14 files")
    assert "❌ 1 error · ⚠️ 250 warnings · ℹ️ 0 info" in text
    tokens = _markdown_tokens(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == markdown.MAX_ROWS + 1  # the header row, then the findings
    assert f"| ❌ | `{shown_path(root, STACK)}:" in text  # the path as code, from here
    assert text.endswith("… and 51 more (51 warnings): run `mcauthor lint` to see them all.\n")


def test_markdown_cells_stay_text(tmp_path: Path) -> None:
    """Catalog text in a finding cannot break the table or render as markup or HTML."""
    root = copy_sample(tmp_path / "catalog")
    hostile = [
        '"a|b `code` <script>x</script> **bold** [link](https://e.org) &amp; #x"',
        '"line\\nbreak\\r\\\\"',
        '"' + "y" * 800 + '"',
    ]
    keys = "".join(f"{key}: 1\n" for key in hostile)
    edit(root / CREDENTIAL, "status: published\n", "status: published\n" + keys)
    result = lint(root)
    assert len(result.diagnostics) == 3
    text = markdown.render(result)
    tokens = _markdown_tokens(text)
    assert sum(t.type == "tr_open" for t in tokens) == 4
    assert sum(t.type == "td_open" for t in tokens) == 3 * 4  # no pipe made a column
    inline = [child for t in tokens if t.type == "inline" for child in t.children or []]
    kinds = {child.type for child in inline}
    # No emphasis, links or HTML; code only for the paths and the messages' own code
    # spans (`line\nbreak...`), never for a value whose backticks would pair up wrongly.
    assert kinds <= {"text", "html_inline", "softbreak", "code_inline"}, kinds
    assert {c.content for c in inline if c.type == "html_inline"} == {"<br>"}  # the hints
    plain = "".join(c.content for c in inline if c.type in ("text", "code_inline"))
    assert "a|b `code` <script>x</script> **bold** [link](https://e.org) &amp; #x" in plain
    assert "y" * markdown.MAX_CELL not in plain and "y" * 400 in plain  # cut, with "…"


# -- shell completion --------------------------------------------------------------------

MCAUTHOR = Path(sys.executable).with_name("mcauthor")
_NO_DETECTION = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


def mcauthor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MCAUTHOR), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete_bash"),
        ("zsh", "complete_zsh"),
        ("fish", "complete_fish"),
        ("pwsh", "complete_powershell"),
    ],
)
def test_show_completion_prints_each_shells_script(shell: str, marker: str) -> None:
    done = mcauthor("--show-completion", shell, env=_NO_DETECTION)
    assert done.returncode == 0, done.stderr
    assert "_MCAUTHOR_COMPLETE" in done.stdout and marker in done.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("mcauthor li", ["lint"]),
        ("mcauthor lint --chan", ["--changed-since"]),
        ("mcauthor lint --format ", ["auto", "text", "json", "github", "sarif", "markdown"]),
        ("mcauthor lint --fail-on ", ["error", "warning", "info"]),
        ("mcauthor schema c", ["config", "credential", "catalog-json", "ctdl"]),
    ],
)
def test_installed_bash_completion_completes(
    tmp_path: Path, words: str, expected: list[str]
) -> None:
    """`--install-completion bash`, then a real bash sources it and asks for completions."""
    home = {"HOME": str(tmp_path)}
    done = mcauthor("--install-completion", "bash", env={**_NO_DETECTION, **home})
    assert done.returncode == 0, done.stderr
    assert "source" in (tmp_path / ".bashrc").read_text("utf-8")
    empty = "''" if words.endswith(" ") else ""  # the word being typed, still empty
    script = (
        "source ~/.bash_completions/mcauthor.sh\n"
        f"COMP_WORDS=({words}{empty})\n"
        "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
        "_mcauthor_completion mcauthor\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    path = f"{MCAUTHOR.parent}{os.pathsep}{os.environ['PATH']}"
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script],
        env={**os.environ, **home, "PATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected
