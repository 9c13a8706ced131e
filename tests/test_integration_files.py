"""The integrations, run for real: the pre-commit hook, the GitHub Action, shell completion.

* pre-commit clones this repository, pip-installs it into a virtualenv of its own (from
  PyPI, like a user's machine) and runs the hook on scratch catalog repositories.
* The composite action's shell steps run in bash exactly as a runner runs them (`bash
  --noprofile --norc -eo pipefail`), with the runner's files and variables; only
  `actions/setup-python` is left out: the Python running the tests stands in for it.
* Completion is asked of the installed `mcauthor` command the way the shells ask it.

The hook repository is a commit of this working tree (every file git does not ignore),
so that the tests check the code as it is now. `pre-commit try-repo` on the working tree
itself would not do: its shadow repository carries edits to tracked files but leaves
out new, untracked ones, so an uncommitted hook manifest would not be found.
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

from mcauthor.cli import app
from mcauthor.lint import lint
from mcauthor.report import github, markdown

from conftest import REPO, copy_sample, edit, git

MANIFEST = REPO / ".pre-commit-hooks.yaml"
ACTION_FILE = REPO / "action.yml"
CREDENTIAL = "credentials/designing-performance-tasks.yaml"
STACK = "stacks/basic-performance-assessment-design.yaml"
OTHER = "credentials/teaching-habits-and-dispositions.yaml"


def break_credential(catalog: Path, rel: str = CREDENTIAL) -> None:
    """An MC050 error: the unknown key `titel`."""
    edit(catalog / rel, "status: published\n", "status: published\ntitel: Feedback\n")


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


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd,
        env={**env, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def catalog_repo(root: Path, hook_repo: Path, hooks: list[dict[str, Any]] | None = None) -> Path:
    """A git repository holding the sample catalog in `catalog/` and a pre-commit config."""
    copy_sample(root / "catalog")
    (root / "README.md").write_text("# Our catalog\n", "utf-8")
    config = {
        "repos": [
            {
                "repo": str(hook_repo),
                "rev": git(hook_repo, "rev-parse", "HEAD").strip(),
                "hooks": hooks or [{"id": "mcauthor-lint"}],
            }
        ]
    }
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
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


def test_try_repo_fails_on_a_broken_catalog_and_passes_once_fixed(
    tmp_path: Path, hook_repo: Path
) -> None:
    """`pre-commit try-repo`, as a hook developer runs it, on a catalog at the repo root."""
    root = copy_sample(tmp_path / "catalog")
    break_credential(root)
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


def test_hook_checks_the_whole_catalog_of_the_staged_files(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    root = catalog_repo(tmp_path / "repo", hook_repo)
    catalog = root / "catalog"
    # Files staged in two folders of the catalog: one run, and the whole catalog checked.
    edit(catalog / CREDENTIAL, "title: Designing Performance Tasks", "title: Designing Tasks")
    edit(catalog / STACK, "title: Basic Performance", "title: Basic Perf.")
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"mcauthor lint\.+Passed", done.stdout)
    assert "All good: 14 files checked, no problems found." in done.stdout
    # A commit that breaks a file it does not touch: the stack still lists the deleted
    # credential; the hook reports it in the stack, which pre-commit did not pass.
    (catalog / "credentials/calibrating-scoring.yaml").unlink()
    edit(catalog / CREDENTIAL, "title: Designing Tasks", "title: Designing Good Tasks")
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"mcauthor lint\.+Failed", done.stdout)
    assert f"catalog/{STACK}" not in done.stdout  # paths are the catalog's, as always
    assert f"{STACK}:24:5: error MC505" in done.stdout


def test_hook_fails_on_a_broken_catalog_and_skips_other_commits(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    root = catalog_repo(tmp_path / "repo", hook_repo)
    (root / "README.md").write_text("# Only the readme\n", "utf-8")
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"mcauthor lint\.+\(no files to check\)Skipped", done.stdout)
    break_credential(root / "catalog")
    done = pre_commit(root, pre_commit_home, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "error MC050 unknown key `titel`" in done.stdout
    assert "Failed: 1 error, 0 warnings, 0 info in 14 files" in done.stdout


def test_hook_per_catalog_in_a_repository_of_two(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    """The set-up docs/integration.md gives for a repository that holds two catalogs."""
    pattern = r"^{}/(mcauthor\.yaml|(credentials|stacks|research)/.+\.ya?ml)$"
    hooks = [
        {"id": "mcauthor-lint", "name": f"mcauthor lint {name}", "files": pattern.format(name)}
        for name in ("catalog", "second")
    ]
    root = catalog_repo(tmp_path / "repo", hook_repo, hooks)
    copy_sample(root / "second")
    break_credential(root / "second")
    git(root, "add", "-A")
    done = pre_commit(root, pre_commit_home, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"mcauthor lint catalog\.+Passed", done.stdout)
    assert re.search(r"mcauthor lint second\.+Failed", done.stdout)
    # Without the split, one run gets files of both catalogs and says why it cannot run.
    config_file = root / ".pre-commit-config.yaml"
    config = yaml.safe_load(config_file.read_text("utf-8"))
    config["repos"][0]["hooks"] = [{"id": "mcauthor-lint"}]
    config_file.write_text(yaml.safe_dump(config), "utf-8")
    git(root, "add", "-A")
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
def installed(hook_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The whole action, install step included, run once on a clean catalog.

    The install step pip-installs the action's own checkout (``version`` empty); later
    tests reuse what it installed instead of installing again.
    """
    workspace = copy_sample(tmp_path_factory.mktemp("action-install") / "workspace")
    runner = Runner(workspace, hook_repo, {})
    run = runner.run()
    assert run.status == {"install": 0, "lint": 0, "Build the catalog": None}, run.stdout
    assert re.search(r"^mcauthor \d", run.stdout["install"], re.M)  # its `--version`
    assert run.summary.startswith("## mcauthor lint\n\nAll good: 14 files checked")
    assert run.outputs == {"sarif": "mcauthor.sarif"}
    assert json.loads((workspace / "mcauthor.sarif").read_text("utf-8"))["version"] == "2.1.0"
    return runner.steps["install"]


def run_action(
    workspace: Path, action_path: Path, installed: dict[str, str], **inputs: str
) -> ActionRun:
    """Run the action after its install step (reusing the session's install)."""
    return Runner(workspace, action_path, inputs).run(preset={"install": installed})


def test_action_is_a_composite_action_with_the_documented_interface() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"path", "version", "build", "out", "sarif", "fail-on", "changed-since"} <= set(
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
        ],
        key=str,
    )


def test_action_fails_on_errors_but_writes_summary_and_sarif(
    tmp_path: Path, hook_repo: Path, installed: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    catalog = copy_sample(workspace / "catalog")
    break_credential(catalog)
    run = run_action(workspace, hook_repo, installed, path="catalog", build="true")
    assert run.status == {"install": None, "lint": 1, "Build the catalog": None}
    annotations = [line for line in run.stdout["lint"].splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file=catalog/{CREDENTIAL},line=6,col=1,title=MC050 unknown-key::"
        + annotations[0].split("::", 2)[2]
    ]
    assert "Failed: 1 error, 0 warnings, 0 info in 14 files" in run.summary
    assert f"| ❌ | {CREDENTIAL}:6:1 | MC050 unknown-key |" in run.summary
    assert run.outputs == {"sarif": "mcauthor.sarif"}
    sarif = json.loads((workspace / "mcauthor.sarif").read_text("utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["MC050"]
    assert not (catalog / "site").exists()  # no build after a failing lint


def test_action_builds_a_passing_catalog(
    tmp_path: Path, hook_repo: Path, installed: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    copy_sample(workspace / "cat alog")  # a space: inputs are quoted
    run = run_action(
        workspace,
        hook_repo,
        installed,
        path="cat alog",
        build="true",
        out="public site",
        sarif="lint results.sarif",
        **{"fail-on": "warning"},
    )
    assert run.status == {"install": None, "lint": 0, "Build the catalog": 0}, run.stdout
    assert (workspace / "public site/index.html").is_file()
    assert (workspace / "lint results.sarif").is_file()
    assert run.outputs == {"sarif": "lint results.sarif"}


def test_action_changed_since_annotates_only_the_change(
    tmp_path: Path, hook_repo: Path, installed: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    catalog = copy_sample(workspace / "catalog")
    edit(catalog / OTHER, 'version: "1.0.0"', "version: 1.10")  # an old warning
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-q", "-m", "catalog")
    break_credential(catalog)
    run = run_action(
        workspace,
        hook_repo,
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


def test_action_that_cannot_run_says_so_and_exits_2(
    tmp_path: Path, hook_repo: Path, installed: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    copy_sample(workspace / "catalog")
    run = run_action(
        workspace, hook_repo, installed, path="catalog", **{"changed-since": "HEAD"}
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
        {"out": "$(touch pwned)", "build": "true"},
    ],
)
def test_inputs_cannot_inject_shell_commands(
    tmp_path: Path, hook_repo: Path, installed: dict[str, str], hostile: dict[str, str]
) -> None:
    workspace = tmp_path / "workspace"
    copy_sample(workspace / "catalog")
    inputs = {"path": "catalog", **hostile}
    run = run_action(workspace, hook_repo, installed, **inputs)
    assert not (workspace / "pwned").exists()
    assert not list(workspace.rglob("pwned")), "a hostile input ran a command"
    assert any(status is not None for status in run.status.values())


@pytest.mark.parametrize("path", ["--output=../outside.txt", "-o../outside.txt"])
def test_a_path_input_is_never_an_option(
    tmp_path: Path, hook_repo: Path, installed: dict[str, str], path: str
) -> None:
    """The Action ends mcauthor's options with `--` before the path."""
    workspace = tmp_path / "workspace"
    copy_sample(workspace / path)
    run = run_action(workspace, hook_repo, installed, path=path, build="true")
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
    assert f"| ❌ | {STACK}:" in text
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
    assert kinds <= {"text", "html_inline", "softbreak"}, kinds  # no code, emphasis, links
    assert {c.content for c in inline if c.type == "html_inline"} == {"<br>"}  # the hints
    plain = "".join(c.content for c in inline if c.type == "text")
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
