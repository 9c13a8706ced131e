"""README's "Start your own catalog", run as written: real shell, git and pre-commit, offline.

The commands come from the README's code block itself, so the test breaks when the
README and mcauthor drift apart. Three lines are not run as written: the virtual
environment and `pip install` (the tests' own virtual environment is the user's, with
mcauthor and pre-commit installed in it: its `bin` is first on the PATH, and nothing is
downloaded) and `mcauthor serve` (it runs until stopped; tests/test_serve.py covers it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mcauthor import scaffold

from conftest import REPO, unavailable

CREDENTIAL = "credentials/peer-feedback.yaml"


def readme_commands() -> list[str]:
    """The commands of the README's "Start your own catalog" block, comments removed."""
    text = (REPO / "README.md").read_text("utf-8")
    section = text.split("## Start your own catalog", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines() if line.strip()]


def needed(tool: str) -> None:
    if shutil.which(tool) is None:
        unavailable(f"{tool} is not installed (run scripts/dev-setup)")


def environment(home: Path) -> dict[str, str]:
    """The user's shell: the virtual environment active, a home of its own, no network."""
    config = home / ".gitconfig"
    config.write_text(
        "[user]\n\tname = Test Author\n\temail = author@example.invalid\n"
        "[commit]\n\tgpgsign = false\n",
        "utf-8",
    )
    kept = {
        k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT", "GIT_"))
    }
    venv_bin = str(Path(sys.executable).parent)
    return {
        **kept,
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(config),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
        "VIRTUAL_ENV": str(Path(sys.executable).parent.parent),
        "NO_COLOR": "1",
        "TERM": "dumb",
        # Any attempt to reach the network fails at once instead of waiting.
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "PIP_NO_INDEX": "1",
    }


class Shell:
    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.cwd = cwd
        self.env = env

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        if command.startswith("cd "):
            self.cwd = self.cwd / command.removeprefix("cd ")
            return subprocess.CompletedProcess(command, 0, "", "")
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-c", command],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )


def test_readme_lists_the_steps_this_test_runs() -> None:
    commands = readme_commands()
    assert commands[0] == "python3 -m venv .venv && . .venv/bin/activate"
    assert commands[1] == "pip install /path/to/mcauthor"
    assert "pip install mcauthor" not in commands  # not published yet
    assert "mcauthor serve" in commands
    assert commands[-2] == "git init && pip install pre-commit && pre-commit install"


@pytest.mark.slow  # about 15 s: several mcauthor runs, a build with PDF guides, 3 commits
def test_start_your_own_catalog_as_the_readme_says(tmp_path: Path) -> None:
    needed("git")
    home = tmp_path / "home"
    home.mkdir()
    shell = Shell(tmp_path, environment(home))
    # The user's installed mcauthor and pre-commit: the virtual environment's commands.
    for tool in ("mcauthor", "pre-commit"):
        assert shutil.which(tool, path=shell.env["PATH"]), f"{tool} is not in the venv"
    commands = readme_commands()[2:]  # after creating the venv and installing (see above)
    lints = 0
    for command in commands:
        if command == "mcauthor serve":
            continue
        command = command.replace("pip install pre-commit && ", "")  # installed already
        done = shell.run(command)
        output = done.stdout + done.stderr
        assert "Traceback" not in output, (command, output)
        if command == "mcauthor build --strict":
            # Publishing refuses the placeholders, in one line that says so.
            assert done.returncode == 1, (command, output)
            assert re.search(r"not built: .*\d+ of them placeholders left to fill in", output)
            continue
        assert done.returncode == 0, (command, output)
        if command == "mcauthor lint":
            lints += 1
            check_lint(output, first=lints == 1, catalog=shell.cwd)
        elif command == "mcauthor build":
            placeholders = count_placeholders(shell.cwd / CREDENTIAL)
            assert f"{placeholders} placeholders left to fill in (MC514)" in output
        elif command.startswith("git add"):
            assert re.search(r"mcauthor lint\.+Passed", output), output  # the hook ran
    assert lints == 2
    catalog = shell.cwd
    assert catalog.name == "my-catalog" and (catalog / ".git").is_dir()

    # A broken credential: the hook stops the commit and says why.
    path = catalog / CREDENTIAL
    good = path.read_text("utf-8")
    path.write_text(good + "titel: Peer Feedback\n", "utf-8")
    done = shell.run("git add . && git commit -m 'A typo'")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert re.search(r"mcauthor lint\.+Failed", output), output
    assert f"{CREDENTIAL}:{good.count(chr(10)) + 1}:1: error MC050 unknown key `titel`" in output
    log = shell.run("git log --format=%s")
    assert log.stdout.splitlines() == ["New catalog"]
    # Fixed (the title written where the typo was): the commit goes through.
    fixed = good.replace('title: "TODO: The credential\'s name"', "title: Peer Feedback", 1)
    assert fixed != good
    path.write_text(fixed, "utf-8")
    done = shell.run("git add . && git commit -m 'Peer feedback, started'")
    assert done.returncode == 0, done.stdout + done.stderr
    assert shell.run("git log --format=%s").stdout.splitlines()[0] == "Peer feedback, started"


def check_lint(output: str, *, first: bool, catalog: Path) -> None:
    if first:  # straight after init: the example credential and stack are complete
        assert "All good" in output and "no problems found" in output, output
        return
    # After `new credential`: one warning per placeholder line, and nothing else.
    codes = re.findall(r": (?:error|warning|info) (MC\d+) ", output)
    assert codes and set(codes) == {"MC514"}, output
    assert len(codes) == count_placeholders(catalog / CREDENTIAL)
    assert re.search(r"Passed: 0 errors, \d+ warnings, 0 info", output), output


def count_placeholders(path: Path) -> int:
    text = path.read_text("utf-8")
    return sum(1 for line in text.splitlines() if "TODO" in line.split("#", 1)[0])


def test_the_scaffold_names_the_example_stack_the_readme_uses() -> None:
    assert "--stack " + scaffold.EXAMPLE_STACK in "\n".join(readme_commands())
