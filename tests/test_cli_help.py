"""Command-line help and errors that read like a person wrote them: metavars, whole
summaries, "did you mean" for rules, stacks and credentials, no pydantic wording."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from mcauthor.cli import app

from conftest import invoke


def _commands(group: object = None, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's path in the command tree: (), ("lint",), ("new", "credential") ..."""
    group = group or typer.main.get_command(app)
    found = [path]
    for name, command in getattr(group, "commands", {}).items():
        found += _commands(command, (*path, name))
    return found


def _help(*path: str) -> str:
    result = invoke(*path, "--help", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "mcauthor")
def test_help_shows_no_python_types_and_cuts_nothing(path: tuple[str, ...]) -> None:
    text = _help(*path)
    for leak in ("<list[", "<int", "<str>", "<path>", "<bool>", "{", "…", "<=x<=", "x<=", "x>="):
        assert leak not in text, f"`{leak}` in mcauthor {' '.join(path)} --help:\n{text}"


def test_command_summaries_are_whole() -> None:
    group = typer.main.get_command(app)
    text = _help()
    rows: dict[str, str] = {}  # command: its summary, continuation lines joined
    for line in text[text.index("Commands:") :].splitlines()[1:]:
        if line.startswith("  ") and not line.startswith("   "):
            name, _, summary = line.strip().partition(" ")
            rows[name] = summary.strip()
        elif line.strip():
            rows[name] += " " + line.strip()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        summary = " ".join((command.help or "").split("\n\n")[0].split())
        assert summary.endswith("."), name
        assert rows[name] == summary


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            ("lint",),
            [
                "Usage: mcauthor lint [OPTIONS] [PATH]...",
                "  PATH... ",
                "--output FILE",
                "--select CODES",
                "--format [auto|text|json|github|sarif|markdown]",
                "--rules-url URL",
            ],
        ),
        (
            ("build",),
            [
                "Usage: mcauthor build [OPTIONS] [PATH]",
                "--out DIR",
                "--no-bom",
                "--limit NAME=VALUE",
            ],
        ),
        (("export",), ["--out DIR", "--no-bom"]),
        (("serve",), ["--port PORT", "--host ADDRESS"]),
        (("guide",), ["Usage: mcauthor guide [OPTIONS] ID", "--catalog PATH", "--out FILE"]),
        (("stacks",), ["--stack ID", "--svg FILE"]),
        (("rules",), ["Usage: mcauthor rules [OPTIONS] [CODE]"]),
        (("schema",), ["Usage: mcauthor schema [OPTIONS] KIND", "config, credential, stack"]),
        (("init",), ["[DIR]", "--issuer NAME", "--title TITLE", "--base-url URL"]),
        (("new", "credential"), ["Usage: mcauthor new credential [OPTIONS] ID", "--stack STACK"]),
    ],
)
def test_help_names_its_values(path: tuple[str, ...], expected: list[str]) -> None:
    text = _help(*path)
    for part in expected:
        assert part in text, f"{part!r} not in:\n{text}"


# -- did you mean ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog from `mcauthor init`: stack formative-assessment-basics, credential
    feedback-for-learning."""
    root = tmp_path_factory.mktemp("help") / "my-catalog"
    result = invoke("init", str(root), "--issuer", "X", "--title", "Y")
    assert result.exit_code == 0, result.output
    return root


def _error(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    return line


def test_rules_suggests_a_rule_by_name_or_code() -> None:
    assert _error("rules", "placeholder") == (
        "mcauthor: error: no rule `placeholder`; did you mean MC514 `placeholder-text`? "
        "(`mcauthor rules` lists them all)"
    )
    assert "did you mean MC501 `id-mismatch`?" in _error("rules", "id-mismatsh")
    assert "did you mean" not in _error("rules", "xyzzy")


def test_stacks_suggests_the_stack_id(started: Path) -> None:
    line = _error("stacks", str(started), "--stack", "formative")
    assert line.endswith("no stack `formative`; did you mean `formative-assessment-basics`?")


def test_guide_suggests_a_credential_or_stack_id(started: Path) -> None:
    line = _error("guide", "feedback", "-c", str(started))
    assert line.endswith("; did you mean `feedback-for-learning`?"), line
    line = _error("guide", "formative", "-c", str(started))
    assert line.endswith("; did you mean `formative-assessment-basics`?"), line


def test_stacks_lists_the_stacks_when_nothing_is_close(started: Path) -> None:
    line = _error("stacks", str(started), "--stack", "nope")
    assert line.endswith("no stack `nope`; the catalog's stacks: `formative-assessment-basics`")


def test_guide_says_how_to_list_the_ids_when_nothing_is_close(started: Path) -> None:
    line = _error("guide", "nope", "-c", str(started))
    assert line.endswith(
        "no credential or stack `nope`; `mcauthor stacks` lists the credential and stack "
        "ids, and `catalog` is the whole catalog's guide"
    ), line


def test_schema_suggests_the_kind() -> None:
    assert _error("schema", "credentia") == (
        "mcauthor: error: no schema kind `credentia`; did you mean `credential`?"
    )
    assert _error("schema", "widget") == (
        "mcauthor: error: no schema kind `widget`; KIND is one of config, credential, stack, "
        "research, catalog-json, ctdl"
    )
    assert invoke("schema", "catalog-json").exit_code == 0


def test_limit_suggests_the_budget_name(started: Path) -> None:
    line = _error("build", str(started), "--limit", "page_second=3")
    assert line.endswith(
        "--limit 'page_second=3': no limit `page_second`; did you mean `page_seconds`?"
    ), line
    line = _error("build", str(started), "--limit", "xyz=3")
    assert line.endswith(
        "no limit `xyz`; NAME is one of page_seconds, page_mb, "
        "page_memory_mb, guide_seconds, guide_mb, guide_memory_mb"
    ), line
    assert not (started / "site").exists()


def test_init_next_steps_install_pre_commit(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "c"), "--issuer", "X", "--title", "Y")
    assert result.exit_code == 0, result.output
    steps = result.stdout[result.stdout.index("Next steps:") :].splitlines()
    assert steps[-1] == "  git init && pip install pre-commit && pre-commit install"


def test_new_credential_suggests_the_stack_id(started: Path) -> None:
    line = _error("new", "credential", "peer-review", "-c", str(started), "-s", "formative")
    assert "no stack `formative`; did you mean `formative-assessment-basics`?" in line
    assert not (started / "credentials" / "peer-review.yaml").exists()


# -- usage errors, through the real entry point ------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lint", "--format", "yaml"], "'yaml' is not one of 'auto', 'text', 'json'"),
        (["lint", "--fail-on", "never"], "'never' is not one of 'error', 'warning', 'info'"),
        (["schema", "foo"], "no schema kind `foo`; KIND is one of config, credential, stack"),
        (["serve", "--port", "99999"], "--port must be between 0 and 65535, not 99999"),
        (["serve", "--port", "x"], "Invalid value for '--port' / '-p': not a whole number"),
    ],
)
def test_choice_errors_read_plainly(args: list[str], expected: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert "Value error" not in line
    assert expected in line, line


# -- build and export --strict: the publishing mode -------------------------------------------


@pytest.fixture(scope="module")
def drafted(started: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The init catalog plus a credential fresh from `mcauthor new`: placeholders only."""
    root = tmp_path_factory.mktemp("drafted") / "catalog"
    shutil.copytree(started, root)
    made = invoke("new", "credential", "peer-feedback", "-c", str(root))
    assert made.exit_code == 0, made.output
    return root


def test_strict_help_calls_it_the_publishing_mode() -> None:
    for command in ("build", "export"):
        text = " ".join(_help(command).split())
        assert "--strict The publishing mode: refuse to " in text, text


@pytest.mark.parametrize(("command", "verb"), [("build", "built"), ("export", "exported")])
def test_strict_fails_in_its_summary_and_says_why_once(
    drafted: Path, tmp_path: Path, command: str, verb: str
) -> None:
    out = tmp_path / "out"
    extra = ["--no-guides"] if command == "build" else ["--format", "all"]
    result = invoke(command, str(drafted), "--strict", "-o", str(out), *extra)
    assert result.exit_code == 1, result.output
    summary, message = result.stderr.strip().splitlines()[-2:]
    assert re.fullmatch(
        r"Failed: 0 errors, (\d+) warnings, \d+ info in \d+ files "
        r"\(fails on warning\)\.",
        summary,
    ), summary
    count = re.findall(r"\d+", summary)[1]
    assert message == (
        f"mcauthor: not {verb}: --strict refuses lint warnings as well as errors, and lint "
        f"reports {count} warnings, {count} of them placeholders left to fill in (MC514); "
        "fix them, then try again"
    )
    assert ") (" not in message and "Passed" not in result.stderr
    assert not out.exists()


def test_export_counts_the_placeholders_as_build_does(drafted: Path) -> None:
    result = invoke("export", str(drafted), "--format", "csv")
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stderr.splitlines() if "placeholders" in line]
    assert re.fullmatch(
        r"mcauthor: warning: \d+ placeholders left to fill in \(MC514\); `mcauthor lint` lists "
        r"them, and `mcauthor export --strict` refuses to export until they are filled in",
        line,
    ), line
    assert result.stdout.startswith("\ufeff")  # the CSV itself, on stdout
