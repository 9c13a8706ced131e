"""The command line: exit statuses, options, report formats and the other commands."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sarif_pydantic import Sarif

from mcauthor import __version__
from mcauthor.diagnostics import Severity
from mcauthor.rules import all_rules, by_code
from mcauthor.rules.examples import base_text

from conftest import add_unknown_key, edit, invoke, one_line_error

CREDENTIAL = "credentials/example.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture
def clean(make_catalog) -> Path:
    root: Path = make_catalog()
    return root


@pytest.fixture
def warning_only(clean: Path) -> Path:
    """One MC011 warning (version 1.10), nothing else."""
    edit(clean / CREDENTIAL, 'version: "1.0.0"', "version: 1.10")
    return clean


@pytest.fixture
def with_error(warning_only: Path) -> Path:
    """One MC011 warning and one MC050 error (unknown key `titel`)."""
    add_unknown_key(warning_only / CREDENTIAL)
    return warning_only


@pytest.fixture
def info_only(clean: Path) -> Path:
    """One MC900 info: a suppression that suppresses nothing."""
    edit(clean / CREDENTIAL, "hours: 10\n", "hours: 10  # mcauthor: disable=MC051\n")
    return clean


def json_report(*args: str | Path, env: dict[str, str | None] | None = None) -> dict:
    result = invoke("lint", *args, "--format", "json", env=env)
    assert result.exit_code in (0, 1), result.output
    data: dict = json.loads(result.stdout)
    return data


def codes_of(report: dict) -> list[str]:
    return [d["code"] for d in report["diagnostics"]]


# -- exit statuses -----------------------------------------------------------------------


def test_clean_catalog_exits_0(clean: Path) -> None:
    result = invoke("lint", clean)
    assert result.exit_code == 0, result.output
    assert result.stdout == "All good: 3 files checked, no problems found.\n"


def test_error_exits_1(with_error: Path) -> None:
    result = invoke("lint", with_error)
    assert result.exit_code == 1
    assert "Failed: 1 error, 1 warning, 0 info in 3 files (fails on error)." in result.stdout


def test_warning_passes_by_default_and_fails_with_fail_on_warning(warning_only: Path) -> None:
    assert invoke("lint", warning_only).exit_code == 0
    result = invoke("lint", warning_only, "--fail-on", "warning")
    assert result.exit_code == 1
    assert "Failed: 0 errors, 1 warning, 0 info in 3 files (fails on warning)." in result.stdout
    assert invoke("lint", warning_only, "--fail-on", "error").exit_code == 0


def test_fail_on_info(info_only: Path) -> None:
    assert invoke("lint", info_only).exit_code == 0
    assert invoke("lint", info_only, "--fail-on", "warning").exit_code == 0
    result = invoke("lint", info_only, "--fail-on", "info")
    assert result.exit_code == 1
    assert "MC900" in result.stdout


def test_fail_on_info_also_fails_on_warnings(warning_only: Path) -> None:
    assert invoke("lint", warning_only, "--fail-on", "info").exit_code == 1


def test_config_fail_on_and_the_option_overrides_it(warning_only: Path) -> None:
    config = warning_only / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8") + "lint:\n  fail_on: warning\n", "utf-8")
    assert invoke("lint", warning_only).exit_code == 1
    assert invoke("lint", warning_only, "--fail-on", "error").exit_code == 0


def test_config_rule_severity_changes_the_exit_status(warning_only: Path) -> None:
    config = warning_only / "mcauthor.yaml"
    text = config.read_text("utf-8")
    config.write_text(text + "lint:\n  rules:\n    MC011: error\n", "utf-8")
    result = invoke("lint", warning_only, "--format", "json")
    assert result.exit_code == 1
    assert [d["severity"] for d in json.loads(result.stdout)["diagnostics"]] == ["error"]
    config.write_text(text + "lint:\n  rules:\n    MC011: off\n", "utf-8")
    result = invoke("lint", warning_only, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["diagnostics"] == []


def test_no_catalog_exits_2(tmp_path: Path) -> None:
    line = one_line_error(invoke("lint", tmp_path))
    assert "no mcauthor.yaml found" in line


def test_missing_path_exits_2(tmp_path: Path) -> None:
    line = one_line_error(invoke("lint", tmp_path / "nope"))
    assert "no such file or folder" in line


def test_default_path_is_the_current_folder(
    with_error: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(with_error / "credentials")
    result = invoke("lint", "--format", "json")
    assert result.exit_code == 1
    assert codes_of(json.loads(result.stdout)) == ["MC011", "MC050"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('catalog:\n  title: "never closed\n', r"mcauthor\.yaml:2: .*YAML syntax error"),
        ("- a list\n", r"mcauthor\.yaml:1: .*must be a mapping"),
        ("", r"mcauthor\.yaml:1: .*must be a mapping"),
        ("catalog: [a, b\nissuer: {}\n", r"mcauthor\.yaml:1: .*YAML syntax error"),
    ],
)
def test_broken_config_exits_2(clean: Path, text: str, reason: str) -> None:
    (clean / "mcauthor.yaml").write_text(text, "utf-8")
    assert re.search(reason, one_line_error(invoke("lint", clean)))


def test_config_not_utf8_exits_2(clean: Path) -> None:
    (clean / "mcauthor.yaml").write_bytes(b"catalog:\n  title: Caf\xe9\n")
    assert "not valid UTF-8" in one_line_error(invoke("lint", clean))


def test_unreadable_config(clean: Path, unreadable: Callable[[Path], None]) -> None:
    unreadable(clean / "mcauthor.yaml")
    assert "cannot read the catalog config" in one_line_error(invoke("lint", clean))


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_exits_2(clean: Path, option: str) -> None:
    line = one_line_error(invoke("lint", clean, option, "MC0l1"))
    assert "`MC0l1` matches no rule code or name" in line
    line = one_line_error(invoke("lint", clean, option, "yaml11-valu"))
    assert "did you mean `yaml11-value`?" in line


def test_bad_format_exits_2(clean: Path) -> None:
    result = invoke("lint", clean, "--format", "yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    problem = [line for line in result.stderr.splitlines() if "Invalid value" in line]
    assert len(problem) == 1, result.stderr
    assert "--format" in problem[0] and "'yaml'" in problem[0]


def test_bad_fail_on_exits_2(clean: Path) -> None:
    result = invoke("lint", clean, "--fail-on", "never")
    assert result.exit_code == 2
    assert "--fail-on" in result.stderr


def test_paths_from_two_catalogs_exit_2(clean: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "mcauthor.yaml").write_text(base_text("mcauthor.yaml"), "utf-8")
    line = one_line_error(invoke("lint", clean, other))
    assert "different catalogs" in line


def test_several_paths_of_one_catalog(with_error: Path) -> None:
    result = invoke("lint", with_error / "stacks", with_error / CREDENTIAL, "-f", "json")
    assert result.exit_code == 1
    assert codes_of(json.loads(result.stdout)) == ["MC011", "MC050"]


# -- selecting rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected", "status"),
    [
        ((), ["MC011", "MC050"], 1),
        (("--select", "MC011"), ["MC011"], 0),
        (("--select", "mc011"), ["MC011"], 0),
        (("--select", "MC05"), ["MC050"], 1),
        (("--select", "unknown-key"), ["MC050"], 1),
        (("--select", "MC011,MC050"), ["MC011", "MC050"], 1),
        (("--select", "MC011", "--select", "unknown-key"), ["MC011", "MC050"], 1),
        (("--ignore", "MC050"), ["MC011"], 0),
        (("--ignore", "MC05"), ["MC011"], 0),
        (("--ignore", "yaml11-value"), ["MC050"], 1),
        (("--select", "MC0", "--ignore", "unknown-key"), ["MC011"], 0),
        (("--select", "MC1"), [], 0),
    ],
)
def test_select_and_ignore(
    with_error: Path, args: tuple[str, ...], expected: list[str], status: int
) -> None:
    result = invoke("lint", with_error, "--format", "json", *args)
    assert result.exit_code == status, result.output
    report = json.loads(result.stdout)
    assert codes_of(report) == expected
    assert report["summary"]["error"] == expected.count("MC050")


# -- --output ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github", "markdown"])
def test_output_file(with_error: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    to_file = invoke("lint", with_error, "--format", fmt, "--output", out)
    to_stdout = invoke("lint", with_error, "--format", fmt)
    assert to_file.exit_code == to_stdout.exit_code == 1
    assert to_file.stdout == ""
    assert out.read_text("utf-8") == to_stdout.stdout
    if fmt == "text":
        assert to_file.stderr == ""
    else:  # the summary still reaches the person running the command
        assert (
            to_file.stderr.strip()
            == "Failed: 1 error, 1 warning, 0 info in 3 files (fails on error)."
        )


def test_output_file_that_cannot_be_written(with_error: Path, tmp_path: Path) -> None:
    line = one_line_error(invoke("lint", with_error, "-o", tmp_path / "missing/dir/r.json"))
    assert "cannot write" in line


# -- JSON: the public contract -----------------------------------------------------------

REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "summary", "diagnostics"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": 1},
        "summary": {
            "type": "object",
            "required": ["files", "error", "warning", "info"],
            "additionalProperties": False,
            "properties": {
                k: {"type": "integer", "minimum": 0} for k in ("files", "error", "warning", "info")
            },
        },
        "diagnostics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "code",
                    "name",
                    "severity",
                    "criterion",
                    "message",
                    "hint",
                    "path",
                    "line",
                    "column",
                ],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string", "pattern": "^MC[0-9]{3}$"},
                    "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "criterion": {"enum": ["competency", "method", "evidence", "rubric", None]},
                    "message": {"type": "string", "minLength": 1},
                    "hint": {"type": ["string", "null"]},
                    "path": {
                        "type": "string",
                        "minLength": 1,
                        # POSIX, relative, inside the catalog
                        "pattern": r"^(?![/\\])(?!.*\\)(?!(.*/)?\.\.(/|$))(?![A-Za-z]:).+$",
                    },
                    "line": {"type": "integer", "minimum": 1},
                    "column": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
}


def test_report_schema_is_valid_and_strict() -> None:
    Draft202012Validator.check_schema(REPORT_SCHEMA)
    validator = Draft202012Validator(REPORT_SCHEMA)
    good = {"version": 1, "summary": {"files": 1, "error": 0, "warning": 0, "info": 0}}
    assert validator.is_valid({**good, "diagnostics": []})
    bad_paths = ["/abs.yaml", "credentials\\x.yaml", "../x.yaml", "a/../../x.yaml", "C:/x.yaml"]
    for path in bad_paths:
        d = {
            "code": "MC001",
            "name": "yaml-syntax",
            "severity": "error",
            "criterion": None,
            "message": "m",
            "hint": None,
            "path": path,
            "line": 1,
            "column": 1,
        }
        assert not validator.is_valid({**good, "diagnostics": [d]}), path
        assert validator.is_valid({**good, "diagnostics": [{**d, "path": "credentials/x.yaml"}]})
        assert not validator.is_valid({**good, "diagnostics": [{**d, "line": 0, "path": "a"}]})


def test_json_report_matches_the_contract(with_error: Path, info_only: Path) -> None:
    # info_only and with_error are the same catalog: warning + error + info together,
    # plus a finding in a sub-folder to check that paths are POSIX.
    (with_error / "credentials/archive").mkdir()
    (with_error / "credentials/archive/old.yaml").write_text('id: old\ntitle: "x\n', "utf-8")
    result = invoke("lint", with_error, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    errors = sorted(Draft202012Validator(REPORT_SCHEMA).iter_errors(report), key=str)
    assert not errors, errors[0].message

    diags = report["diagnostics"]
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in diags] == [
        ("credentials/archive/old.yaml", 2, 8, "MC001"),
        ("credentials/example.yaml", 4, 10, "MC011"),
        ("credentials/example.yaml", 6, 1, "MC050"),
        ("credentials/example.yaml", 71, 12, "MC900"),
    ]
    summary = report["summary"]
    assert summary == {"files": 4, "error": 2, "warning": 1, "info": 1}
    for severity in ("error", "warning", "info"):
        assert summary[severity] == sum(1 for d in diags if d["severity"] == severity)
    for d in diags:
        rule = by_code()[d["code"]]
        assert d["name"] == rule.name
        assert d["criterion"] == (rule.criterion.value if rule.criterion else None)
        assert (with_error / d["path"]).is_file()
        lines = (with_error / d["path"]).read_text("utf-8").splitlines()
        assert d["line"] <= len(lines)
    assert diags[2]["severity"] == "error" and diags[1]["severity"] == "warning"
    assert diags[2]["hint"].startswith("Allowed keys here:")
    # The report is the whole of stdout: one JSON document, nothing else.
    assert result.stdout.strip().startswith("{") and result.stdout.endswith("}\n")


def test_json_report_of_a_clean_catalog(clean: Path) -> None:
    report = json_report(clean)
    assert report == {
        "version": 1,
        "summary": {"files": 3, "error": 0, "warning": 0, "info": 0},
        "diagnostics": [],
    }


def test_json_keeps_non_ascii_text(clean: Path) -> None:
    edit(clean / CREDENTIAL, "status: published\n", "status: published\nrésumé: oui\n")
    report = json_report(clean)
    assert "unknown key `résumé`" in report["diagnostics"][0]["message"]


# -- GitHub workflow commands ------------------------------------------------------------

GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,:\n]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),title=(?P<title>[^,:\n]+)::(?P<message>[^\r\n]*)$"
)


def _escapes_ok(text: str) -> bool:
    """Every % starts one of the escapes GitHub decodes."""
    return re.search(r"%(?!25|0A|0D|3A|2C)", text) is None


def test_github_format(with_error: Path, info_only: Path, tmp_path: Path) -> None:
    weird = with_error / "credentials/odd,na:me%.yaml"
    weird.write_text('id: odd\ntitle: "x\n', "utf-8")
    edit(with_error / CREDENTIAL, "titel: Feedback\n", "titel: Feedback\n100%: sure\n")
    result = invoke(
        "lint", with_error, "--format", "github", env={"GITHUB_WORKSPACE": str(tmp_path)}
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert result.stdout.endswith("\n")
    parsed = []
    for line in lines:
        match = GITHUB_LINE.match(line)
        assert match, f"not a workflow command: {line!r}"
        assert _escapes_ok(match["file"]) and _escapes_ok(match["title"])
        assert _escapes_ok(match["message"])
        parsed.append(match)
    assert [(m["level"], m["file"], m["line"], m["col"], m["title"]) for m in parsed] == [
        ("warning", "catalog/credentials/example.yaml", "4", "10", "MC011 yaml11-value"),
        ("error", "catalog/credentials/example.yaml", "6", "1", "MC050 unknown-key"),
        ("error", "catalog/credentials/example.yaml", "7", "1", "MC050 unknown-key"),
        ("notice", "catalog/credentials/example.yaml", "72", "12", "MC900 unused-suppression"),
        ("error", "catalog/credentials/odd%2Cna%3Ame%25.yaml", "2", "8", "MC001 yaml-syntax"),
    ]
    messages = [m["message"] for m in parsed]
    # The hint follows the message after an escaped newline; % is escaped in messages.
    assert messages[1].startswith("unknown key `titel` in a credential file")
    assert "%0AAllowed keys here:" in messages[1]
    assert messages[2].startswith("unknown key `100%25` in a credential file")
    assert "%0AThe construct that starts here breaks at line 3." in messages[4]


def test_github_annotations_are_capped(clean: Path) -> None:
    keys = "".join(f"bad-key-{i}: x\n" for i in range(60))
    edit(clean / CREDENTIAL, "status: published\n", "status: published\n" + keys)
    result = invoke("lint", clean, "--format", "github")
    lines = result.stdout.splitlines()
    assert len(lines) == 51
    assert all(line.startswith("::error ") for line in lines[:50])
    assert lines[50].startswith("::notice title=mcauthor::10 more findings")


def test_auto_format_is_github_inside_github_actions(with_error: Path) -> None:
    result = invoke("lint", with_error, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines)


def test_auto_format_is_text_elsewhere(with_error: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(with_error)  # paths are relative to the current folder
    for env in ({}, {"GITHUB_ACTIONS": "false"}):
        result = invoke("lint", with_error, env=env)
        assert not result.stdout.startswith("::")
        assert result.stdout.startswith("credentials/example.yaml:4:10: warning MC011 ")


# -- SARIF -------------------------------------------------------------------------------

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def test_sarif_format(with_error: Path, info_only: Path, tmp_path: Path) -> None:
    # Outside git, %SRCROOT% is the catalog root (see tests/test_reports.py for git).
    result = invoke(
        "lint", with_error, "--format", "sarif", env={"GITHUB_WORKSPACE": str(tmp_path)}
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    sarif = Sarif.model_validate(data)
    assert sarif.version == "2.1.0"
    (run,) = sarif.runs
    rules = run.tool.driver.rules
    assert rules is not None
    assert run.tool.driver.name == "mcauthor" and run.tool.driver.version == __version__

    expected_rules = all_rules()
    assert [r.id for r in rules] == [r.code for r in expected_rules]
    for descriptor, rule in zip(rules, expected_rules, strict=True):
        assert descriptor.name == rule.name
        assert descriptor.short_description and descriptor.short_description.text == rule.summary
        assert descriptor.help and descriptor.help.text and len(descriptor.help.text) > 40
        assert descriptor.default_configuration is not None
        level = descriptor.default_configuration.level
        assert getattr(level, "value", level) == _SARIF_LEVEL[rule.severity.value]

    raw_results = data["runs"][0]["results"]
    assert [r["ruleId"] for r in raw_results] == ["MC011", "MC050", "MC900"]
    for raw, parsed in zip(raw_results, run.results or [], strict=True):
        assert rules[raw["ruleIndex"]].id == raw["ruleId"] == parsed.rule_id
        severity = {"MC011": "warning", "MC050": "error", "MC900": "info"}[raw["ruleId"]]
        assert raw["level"] == _SARIF_LEVEL[severity]
        location = raw["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "credentials/example.yaml"
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert raw_results[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 10,
    }
    base = data["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == with_error.resolve().as_uri() + "/"
    assert "versionControlProvenance" not in data["runs"][0]


def test_sarif_ruleindex_survives_a_changed_severity(warning_only: Path) -> None:
    config = warning_only / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8") + "lint:\n  rules:\n    MC011: error\n", "utf-8")
    data = json.loads(invoke("lint", warning_only, "-f", "sarif").stdout)
    (result,) = data["runs"][0]["results"]
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert result["level"] == "error"
    assert rules[result["ruleIndex"]]["id"] == "MC011"
    assert rules[result["ruleIndex"]]["defaultConfiguration"]["level"] == "warning"


# -- text --------------------------------------------------------------------------------


def test_text_report_has_code_frame_hint_and_summary(
    with_error: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(with_error)  # paths are relative to the current folder
    result = invoke("lint", with_error, "--format", "text")
    out = result.stdout
    assert not ANSI.search(out) and "\x1b" not in out
    assert out.startswith(
        "credentials/example.yaml:4:10: warning MC011 YAML reads unquoted `1.10` as the "
        'number 1.1; mcauthor keeps the text "1.10"  [yaml11-value]\n'
        "    3 | title: Using Feedback to Move Learning Forward\n"
        "  > 4 | version: 1.10\n"
        "                 ^\n"
        "    5 | status: published\n"
        '  hint: Quote it: `"1.10"`.\n'
    )
    assert "  > 6 | titel: Feedback\n        ^\n" in out
    assert out.endswith("\nFailed: 1 error, 1 warning, 0 info in 3 files (fails on error).\n")


def test_text_with_no_color_has_no_escapes(with_error: Path) -> None:
    result = invoke("lint", with_error, env={"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b" not in result.stdout
    assert "  > 4 | version: 1.10" in result.stdout


def _lint_on_a_terminal(root: Path, env: dict[str, str], *args: str) -> str:
    """Run `python -m mcauthor lint` with stdout on a pseudo-terminal; return what it shows."""
    master, slave = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    full.update(TERM="xterm-256color", **env)
    try:
        subprocess.run(
            [sys.executable, "-m", "mcauthor", "lint", str(root), "--format", "text", *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=full,
            timeout=120,
            check=False,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other side is closed: everything has been read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.slow
def test_terminal_gets_colour_unless_no_color(with_error: Path) -> None:
    coloured = _lint_on_a_terminal(with_error, {})
    assert ANSI.search(coloured), "a terminal should get colour"
    assert "version: 1.10" in coloured
    plain = _lint_on_a_terminal(with_error, {"NO_COLOR": "1"})
    assert "\x1b" not in plain
    assert "  > 4 | version: 1.10" in plain


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_report_file_gets_whole_lines_even_from_a_terminal(
    with_error: Path, tmp_path: Path
) -> None:
    """`-o FILE` on a narrow terminal: the file is not wrapped to the terminal's width."""
    report = tmp_path / "report.txt"
    _lint_on_a_terminal(with_error, {"COLUMNS": "30"}, "--output", str(report))
    text = report.read_text("utf-8")
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) > 30, text


def test_rich_markup_and_html_in_catalog_text_are_printed_literally(clean: Path) -> None:
    edit(
        clean / CREDENTIAL,
        "status: published\n",
        'status: published\n"[bold red]x[/]": 1\n"<script>alert(1)</script>": 2\n'
        'x-note: "[link=https://evil.example]click[/link] [oops"\n',
    )
    result = invoke("lint", clean, "--format", "text")
    out = result.stdout
    assert "unknown key `[bold red]x[/]` in a credential file" in out
    assert '  > 6 | "[bold red]x[/]": 1' in out
    assert "unknown key `<script>alert(1)</script>`" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("where", ["message", "code-frame"])
def test_escape_bytes_from_the_catalog_never_reach_the_terminal(clean: Path, where: str) -> None:
    if where == "message":
        # A double-quoted key with \e escapes: the key name is part of the message.
        edit(
            clean / CREDENTIAL, "status: published\n", 'status: published\n"\\e[31mred\\e[0m": 1\n'
        )
        marker = "red"
    else:
        # A raw ESC byte is a YAML syntax error, and its line is shown in the code frame.
        (clean / "credentials/esc.yaml").write_bytes(b"id: esc\ntitle: \x1b[31mred\x1b[2J\n")
        marker = "red"
    result = invoke("lint", clean, "--format", "text")
    assert result.exit_code == 1
    assert marker in result.stdout
    assert "\x1b" not in result.stdout


# -- other commands ----------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(all_rules())
    for line, rule in zip(lines, all_rules(), strict=True):
        assert line.startswith(f"{rule.code}  {rule.name} ")
        assert rule.severity.value in line and line.endswith(rule.summary)


def test_rules_json_listing() -> None:
    listed = json.loads(invoke("rules", "--format", "json").stdout)
    assert [r["code"] for r in listed] == [r.code for r in all_rules()]
    assert all(r["why"] and r["summary"] for r in listed)


@pytest.mark.parametrize("name", ["MC011", "mc011", "yaml11-value"])
def test_rules_shows_one_rule(name: str) -> None:
    result = invoke("rules", name)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("MC011 yaml11-value\n")
    assert "An unquoted value means something else to YAML 1.1 tools." in out
    assert "Severity: warning" in out
    assert "Failing example:" in out and "title: no" in out
    assert "Passing example:" in out
    assert 'MC011: "off"' in out


def test_rules_by_code_and_by_name_agree() -> None:
    assert invoke("rules", "MC011").stdout == invoke("rules", "yaml11-value").stdout


def test_rules_unknown_code_exits_2() -> None:
    line = one_line_error(invoke("rules", "MC999"))
    assert "no rule `MC999`" in line


@pytest.mark.parametrize("kind", ["credential", "config", "stack", "research"])
def test_schema_prints_a_valid_draft_2020_12_schema(kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["type"] == ("array" if kind == "research" else "object")


def test_schemas_accept_the_base_catalog(clean: Path) -> None:
    import yaml

    for kind, rel in [
        ("config", "mcauthor.yaml"),
        ("credential", CREDENTIAL),
        ("stack", "stacks/example-stack.yaml"),
    ]:
        schema = json.loads(invoke("schema", kind).stdout)
        data = yaml.safe_load((clean / rel).read_text("utf-8"))
        Draft202012Validator(schema).validate(data)


def test_schema_unknown_kind_exits_2() -> None:
    result = invoke("schema", "widget")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"mcauthor {__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_help_lists_the_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("lint", "rules", "schema"):
        assert command in result.stdout


def test_python_dash_m_mcauthor_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "lint" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_python_dash_m_mcauthor_lint_exit_status(with_error: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", "lint", str(with_error), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert codes_of(json.loads(done.stdout)) == ["MC011", "MC050"]
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", "lint", str(tmp_path / "nothing-here")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_severity_words_are_the_fail_on_choices() -> None:
    result = invoke("lint", "--help")
    assert all(s.value in result.stdout for s in Severity)
