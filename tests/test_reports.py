"""Lint reports people and tools can follow: text paths from the current folder and long
lines trimmed around the caret, a markdown summary whose code renders as code, SARIF that
the official schema and the SARIF Multitool accept (odd file names, inside and outside
git, from any folder), and hints that never propose an invalid value."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import jsonschema
import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len

from mcauthor import checkout
from mcauthor import git as mcauthor_git
from mcauthor.lint import lint
from mcauthor.report import FORMATS, Options, choose, markdown, sarif, shown_path, text
from mcauthor.rules import all_rules
from mcauthor.rules.base import Example
from mcauthor.rules.examples import materialize

from conftest import REPO, git, invoke, node_tool, unavailable

CREDENTIAL = "credentials/example.yaml"
SARIF_SCHEMA = REPO.parent / "shared" / "sarif" / "sarif-2.1.0-rtm.5.json"
# File names that a URI must percent-encode: a space, `%`, `#` and non-ASCII letters.
ODD = "peer feedback 50% #1 é"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """The example catalog with one MC050 error (`titel`) in credentials/example.yaml."""
    root = materialize(Example(), tmp_path / "catalog")
    path = root / CREDENTIAL
    path.write_text(path.read_text("utf-8") + "titel: Feedback\n", "utf-8")
    return root


# -- text: paths people can click ------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (".", "credentials/example.yaml"),
        ("..", "catalog/credentials/example.yaml"),
        ("../elsewhere", "../catalog/credentials/example.yaml"),
        ("credentials", "example.yaml"),
    ],
)
def test_text_paths_are_relative_to_the_current_folder(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, where: str, expected: str
) -> None:
    here = (catalog / where).resolve()
    here.mkdir(exist_ok=True)
    monkeypatch.chdir(here)
    out = invoke("lint", catalog, "-f", "text").stdout
    first = out.splitlines()[0]
    assert first.startswith(f"{expected}:"), first
    assert (here / expected).is_file()  # the printed path opens from where lint ran


def test_a_path_far_away_is_shown_absolute(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*"abcdefghijklmnopqrst")
    root = Path("/srv/catalog")
    assert shown_path(root, "credentials/x.yaml", deep) == "/srv/catalog/credentials/x.yaml"
    assert shown_path(root, "credentials/x.yaml", Path("/srv")) == "catalog/credentials/x.yaml"


def test_text_report_paths_are_printable(tmp_path: Path) -> None:
    assert shown_path(tmp_path, "credentials/a\x1b[2Jb.yaml", tmp_path) == (
        "credentials/a\\x1b[2Jb.yaml"
    )


# -- text: long lines ------------------------------------------------------------------------


def _long_line_catalog(tmp_path: Path, tag: str = "tag") -> tuple[Path, int]:
    """A credential whose `tags` line is 600+ characters with an MC011 value (`yes`) in
    the middle; returns the root and the column of `yes`."""
    tags = [f"{tag}-{i:03d}" for i in range(64)]
    line = f"tags: [{', '.join(tags[:32])}, yes, {', '.join(tags[32:])}]"
    root = materialize(Example.credential(line + "\n"), tmp_path / "catalog")
    return root, line.index("yes") + 1


def _frame(report: str) -> tuple[str, str]:
    """The offending line of the first code frame, and the caret line under it."""
    lines = report.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  > "))
    return lines[at], lines[at + 1]


@pytest.mark.parametrize("tag", ["tag", "札札"])  # ASCII, and letters two cells wide
@pytest.mark.parametrize("width", [None, 80, 120])
def test_long_lines_are_trimmed_around_the_caret(
    tmp_path: Path, width: int | None, tag: str
) -> None:
    root, column = _long_line_catalog(tmp_path, tag)
    result = lint(root)
    (finding,) = [d for d in result.diagnostics if d.code == "MC011"]
    assert finding.column == column > 200
    report = text.render(result, width=width, cwd=root)
    shown, caret = _frame(report)
    assert shown.count("…") == 2  # cut on both sides
    assert caret.strip() == "^"
    assert _caret_target(report).startswith("yes, ")
    limit = text.MAX_WIDTH + 12 if width is None else width
    for line in report.splitlines():
        if line.startswith(("  > ", "    ")):
            assert cell_len(line) <= limit, line


def _caret_target(report: str) -> str:
    """What the caret points at, counting terminal cells as a terminal shows them."""
    shown, caret = _frame(report)
    cells = 0
    for i, char in enumerate(shown):
        if cells == caret.index("^"):
            return shown[i:]
        cells += cell_len(char)
    pytest.fail(f"the caret points past the line: {shown!r} {caret!r}")


def test_the_caret_counts_wide_characters(tmp_path: Path) -> None:
    root = materialize(Example.credential("tags: [日本語の札, yes]\n"), tmp_path / "catalog")
    report = text.render(lint(root), cwd=root)
    assert _caret_target(report).startswith("yes]")


def test_the_caret_counts_escaped_control_characters(tmp_path: Path) -> None:
    root = materialize(Example(), tmp_path / "catalog")
    (root / "credentials/ctl.yaml").write_bytes("title: 日本 \x1b[2J x\n".encode())
    report = text.render(lint(root), cwd=root)
    assert "\x1b" not in report
    assert _caret_target(report).startswith("\\x1b[2J x")


def _near_the_end(tmp_path: Path) -> Path:
    """A 250-character `tags` line with an MC011 value (`yes`) at column 230 or so, a
    short line above it (`ceu: 1`) and a long one below it."""
    tags = ", ".join(f"tag-{i:03d}" for i in range(25))
    line = f"tags: [{tags}, yes, tag-025, tag-026]"
    below = "x-note: " + " ".join(f"w{i:03d}" for i in range(60))
    root = materialize(Example.credential(f"{line}\n{below}\n"), tmp_path / "catalog")
    assert len(line) > 240 and line.index("yes") > 220 and len(below) > 240
    return root


@pytest.mark.parametrize("width", [None, 70, 120])
def test_context_lines_are_shown_in_the_caret_lines_window(
    tmp_path: Path, width: int | None
) -> None:
    root = _near_the_end(tmp_path)
    source = (root / CREDENTIAL).read_text("utf-8").splitlines()
    report = text.render(lint(root), width=width, cwd=root)
    rows = report.splitlines()
    at = next(i for i, row in enumerate(rows) if row.startswith("  > "))
    above, here, below = rows[at - 1], rows[at], rows[at + 2]
    number = int(here.split()[1])
    # `ceu: 1` ends left of the window: an empty row, not a lone `…`.
    assert above.rstrip() == f"    {number - 1} |"
    # The long neighbour is cut at the same column as the offending line, as ruff does.
    here_text = here.split(" | ", 1)[1]
    below_text = below.split(" | ", 1)[1]
    assert here_text.startswith("…") and below_text.startswith("…")
    start = source[number - 1].index(here_text.strip("…"))
    assert source[number].index(below_text.strip("…")) == start > 0
    assert _caret_target(report).startswith("yes, ")


def test_a_wrapped_header_is_indented_under_itself(tmp_path: Path) -> None:
    root = _near_the_end(tmp_path)
    result = lint(root)
    (finding,) = [d for d in result.diagnostics if d.code == "MC011"]
    report = text.render(result, width=70, cwd=root)
    rows = report.splitlines()
    start = next(i for i, row in enumerate(rows) if row.startswith(CREDENTIAL))
    end = next(i for i, row in enumerate(rows) if row.startswith("  > ")) - 1  # the row above
    header = rows[start:end]
    assert len(header) > 1 and all(cell_len(row) <= 70 for row in header)
    assert all(row == row.rstrip() for row in header)
    assert all(row.startswith(text.HEADER_INDENT) and row[4] != " " for row in header[1:])
    assert " ".join(row.strip() for row in header).endswith(f"[{finding.name}]")
    assert finding.message.split()[-1] in " ".join(row.strip() for row in header)


def test_a_short_line_keeps_its_frame(catalog: Path) -> None:
    report = text.render(lint(catalog), cwd=catalog)
    assert re.search(r"\n  > \d+ \| titel: Feedback\n {9}\^\n", report), report
    assert "…" not in report.split("hint:")[0]


def test_wrapping_happens_between_words_on_a_terminal(catalog: Path) -> None:
    report = text.render(lint(catalog), width=60, cwd=catalog)
    hint = report[report.index("  hint: ") :].split("\n\n")[0].splitlines()
    assert len(hint) > 1
    words = set(" ".join(line.strip() for line in hint).split())
    assert {"alignments,", "competency,", "evidence,"} <= words  # no word cut in two
    assert all(line.startswith("        ") for line in hint[1:])  # a hanging indent


# -- markdown --------------------------------------------------------------------------------


def _html(report: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(report)


def test_markdown_summary_renders_code_as_code(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(catalog)  # paths are shown from the current folder, as in the text
    path = catalog / CREDENTIAL
    path.write_text(
        path.read_text("utf-8") + '"<b>x|y</b>": 1\n"*star*": 2\n',
        "utf-8",
    )
    html = _html(markdown.render(lint(catalog)))
    codes = re.findall(r"<code>(.*?)</code>", html)
    assert "titel" in codes and "title" in codes  # `unknown key `titel`; did you mean ...`
    assert "&lt;b&gt;x|y&lt;/b&gt;" in codes  # catalog text in code: shown, never HTML
    assert "*star*" in codes
    assert "<b>" not in html and "<em>" not in html
    assert "`" not in re.sub(r"<code>.*?</code>", "", html)  # no literal backticks left
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    assert all(row.count("<td>") == 4 for row in rows[1:])  # no pipe broke a row
    assert re.search(r"<code>credentials/example.yaml:\d+:1</code>", html)


def test_markdown_keeps_markup_outside_code_as_text() -> None:
    cell = markdown._cell("see [x](javascript:alert(1)) **b** <i>i</i> `co|de` & `<b>`")
    html = _html(f"| a |\n|---|\n| {cell} |\n")
    assert "<a " not in html and "<strong>" not in html and "<i>" not in html
    assert "<code>co|de</code>" in html and "<code>&lt;b&gt;</code>" in html
    assert "&lt;i&gt;" in html


def test_backticks_that_do_not_pair_up_are_shown_as_they_are() -> None:
    # A catalog value with backticks of its own inside the message's code span.
    for message in ("unknown key `a `b` c`", "odd ` count `x`", "cut short: `x` and `y…"):
        html = _html(f"| a |\n|---|\n| {markdown._cell(message)} |\n")
        assert "<code>" not in html
        assert html.count("`") == message.count("`")


# -- SARIF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> jsonschema.protocols.Validator:
    """The official SARIF 2.1.0 schema, with its `uri` and `uri-reference` formats checked
    (never skipped in CI)."""
    if not SARIF_SCHEMA.is_file():
        unavailable(f"the official SARIF schema is not at {SARIF_SCHEMA}")
    checker = jsonschema.FormatChecker()
    if "uri-reference" not in checker.checkers:  # needs rfc3986-validator (test extras)
        pytest.fail("jsonschema cannot check URIs: pip install -e '.[test]'")
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def _odd_catalog(root: Path) -> Path:
    """A catalog whose files' names need percent-encoding, each with findings."""
    materialize(Example(files={f"credentials/{ODD}.yaml": "title: Odd\n"}), root)
    (root / "stacks" / "100% #2 ü.yaml").write_text("credentials: [nope]\n", "utf-8")
    return root


def _sarif(root: Path, cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> dict:
    monkeypatch.chdir(cwd)
    result = invoke("lint", root, "-f", "sarif", *args)
    assert result.exit_code == 1, result.output
    data: dict = json.loads(result.stdout)
    return data


def _files_of(report: dict) -> list[Path]:
    """Every result's file, resolved as a SARIF consumer does."""
    run_ = report["runs"][0]
    bases = {k: v["uri"] for k, v in run_["originalUriBaseIds"].items()}
    found = []
    for result in run_["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        uri = urljoin(bases[location["uriBaseId"]], location["uri"])
        assert urlsplit(uri).scheme == "file"
        found.append(Path(unquote(urlsplit(uri).path)))
    return found


def _check(report: dict, validator: jsonschema.protocols.Validator) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(report)]
    assert not errors, errors[:5]
    files = _files_of(report)
    assert files and all(f.is_file() for f in files), files
    assert any(f.name == f"{ODD}.yaml" for f in files)


def test_sarif_outside_git_is_rooted_at_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_schema: jsonschema.protocols.Validator
) -> None:
    root = _odd_catalog(tmp_path / "my catalog")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    here, there = (_sarif(root, cwd, monkeypatch) for cwd in (root, elsewhere))
    assert here == there  # the same report from any folder
    _check(here, sarif_schema)
    run_ = here["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.resolve().as_uri() + "/"
    assert "versionControlProvenance" not in run_
    uris = _result_uris(run_)
    assert "credentials/peer%20feedback%2050%25%20%231%20%C3%A9.yaml" in uris
    assert not any(u.startswith("../") for u in uris)


def _result_uris(run_: dict[str, Any]) -> set[str]:
    """The file URI of each result of a SARIF run."""
    return {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]
    }


def test_sarif_inside_git_is_rooted_at_the_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_schema: jsonschema.protocols.Validator
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    root = _odd_catalog(repo / "docs" / "my catalog")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "catalog")
    git(repo, "remote", "add", "origin", "https://someone:s3cret@git.example.org/org/repo.git")
    head = git(repo, "rev-parse", "HEAD").strip()
    reports = [_sarif(root, cwd, monkeypatch) for cwd in (root, repo, tmp_path)]
    assert reports[0] == reports[1] == reports[2]
    report = reports[0]
    _check(report, sarif_schema)
    run_ = report["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    (provenance,) = run_["versionControlProvenance"]
    assert provenance == {
        "repositoryUri": "https://git.example.org/org/repo.git",  # never the password
        "revisionId": head,
        "branch": "main",
        "mappedTo": {"uriBaseId": "%SRCROOT%"},
    }
    uris = _result_uris(run_)
    assert "docs/my%20catalog/credentials/peer%20feedback%2050%25%20%231%20%C3%A9.yaml" in uris
    assert "s3cret" not in json.dumps(report)


def test_sarif_in_a_new_repository_without_commits_or_remote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_schema: jsonschema.protocols.Validator
) -> None:
    repo = tmp_path / "new repo"
    repo.mkdir()
    git(repo, "init", "-q")
    root = _odd_catalog(repo / "catalog")
    report = _sarif(root, tmp_path, monkeypatch)
    _check(report, sarif_schema)
    (provenance,) = report["runs"][0]["versionControlProvenance"]
    assert provenance == {
        "repositoryUri": repo.resolve().as_uri() + "/",
        "branch": "main",
        "mappedTo": {"uriBaseId": "%SRCROOT%"},
    }


def test_sarif_uses_github_s_repository_in_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    root = materialize(Example(), repo / "catalog")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "catalog")
    env = {
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "org/my-catalog",
        "GITHUB_WORKSPACE": str(repo),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(repo)
    report = json.loads(invoke("lint", root, "-f", "sarif").stdout)
    (provenance,) = report["runs"][0]["versionControlProvenance"]
    assert provenance["repositoryUri"] == "https://github.com/org/my-catalog"


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://github.com/org/repo.git", "https://github.com/org/repo.git"),
        ("https://x-access-token:ghs_abc@github.com/org/repo", "https://github.com/org/repo"),
        ("git@github.com:org/repo.git", "ssh://github.com/org/repo.git"),
        (
            "ssh://me:pw@host.example:2222/srv/my repo.git",
            "ssh://host.example:2222/srv/my%20repo.git",
        ),
        ("/srv/git/repo.git", None),
        ("file:///srv/git/repo.git", None),
        ("https://[::1", None),
    ],
)
def test_a_remote_becomes_a_repository_uri_without_credentials(
    remote: str, expected: str | None
) -> None:
    assert checkout._web(remote) == expected


def test_sarif_help_uris_point_at_real_anchors_in_docs_rules_md(catalog: Path) -> None:
    report = json.loads(invoke("lint", catalog, "-f", "sarif").stdout)
    rules = report["runs"][0]["tool"]["driver"]["rules"]
    anchors = _github_anchors((REPO / "docs" / "rules.md").read_text("utf-8"))
    assert len(rules) == len(all_rules())
    for rule in rules:
        base, _, fragment = rule["helpUri"].partition("#")
        # The main branch's copy: the repository has no release tags to link to.
        assert base == "https://github.com/mcauthor/mcauthor/blob/main/docs/rules.md"
        assert fragment in anchors, rule["helpUri"]
        assert fragment == f"{rule['id'].lower()}-{rule['name']}"


def _github_anchors(markdown_text: str) -> set[str]:
    """The anchors GitHub gives the headings of a markdown file (github-slugger: lowercase,
    drop punctuation but `-` and `_`, spaces to `-`, `-1`, `-2` ... for repeats)."""
    seen: dict[str, int] = {}
    found = set()
    in_fence = False
    for line in markdown_text.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        match = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if in_fence or not match:
            continue
        slug = "".join(c for c in match.group(2).lower() if c.isalnum() or c in " -_")
        slug = slug.replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def test_the_rules_url_can_be_changed(catalog: Path) -> None:
    url = "https://docs.example.org/mcauthor/rules.html"
    for args, env in (((f"--rules-url={url}",), {}), ((), {"MCAUTHOR_RULES_URL": url})):
        report = json.loads(invoke("lint", catalog, "-f", "sarif", *args, env=env).stdout)
        rule = report["runs"][0]["tool"]["driver"]["rules"][50]
        assert rule["helpUri"] == f"{url}#{rule['id'].lower()}-{rule['name']}"
    bad = invoke("lint", catalog, "-f", "sarif", "--rules-url", "javascript:alert(1)")
    assert bad.exit_code == 2 and "--rules-url must be an http(s) address" in bad.stderr


def test_a_finding_about_a_whole_file_has_no_region(tmp_path: Path) -> None:
    root = materialize(Example(), tmp_path / "catalog")
    (root / "credentials/empty.yaml").write_text("", "utf-8")
    data = sarif.as_dict(lint(root), checkout.find(root))
    for result in data["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"].get("region", {})
        assert region.get("startLine", 1) >= 1 and region.get("startColumn", 1) >= 1


@pytest.mark.slow
def test_sarif_multitool_accepts_the_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SARIF Multitool checks what the schema cannot (SARIF1002: URIs must be valid and
    percent-encoded). A control file with a raw file name proves the check is live."""
    tool = node_tool(".bin/sarif-multitool")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    in_git = _odd_catalog(repo / "my catalog")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "catalog")
    outside = _odd_catalog(tmp_path / "plain")
    folder = tmp_path / "reports"
    folder.mkdir()
    reports = {
        "in-git.sarif": _sarif(in_git, tmp_path, monkeypatch),
        "outside.sarif": _sarif(outside, folder, monkeypatch),
    }
    control = json.loads(json.dumps(reports["outside.sarif"]))
    for result in control["runs"][0]["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        artifact["uri"] = unquote(artifact["uri"])  # `peer feedback 50% #1 é.yaml`, raw
    reports["control.sarif"] = control
    for name, report in reports.items():
        (folder / name).write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    log = folder / "validation.sarif"
    done = subprocess.run(
        [str(tool), "validate", *(str(folder / n) for n in sorted(reports)), "-o", str(log)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=_offline(),
    )
    assert log.is_file(), done.stdout + done.stderr
    problems = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in json.loads(log.read_text("utf-8"))["runs"][0].get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]
    assert problems, "the control file should fail SARIF1002"
    assert all(rule == "SARIF1002" and uri.endswith("/control.sarif") for rule, uri in problems), (
        problems
    )


def _offline() -> dict[str, str]:
    """The environment with every proxy at a closed local port: the Multitool looks up the
    `$schema` and help addresses on the network, and no test may reach it (this also
    spares it the DNS time-outs)."""
    closed = "http://127.0.0.1:9"
    env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = env[name.lower()] = closed
    return env


# -- hints -----------------------------------------------------------------------------------


def test_mc501_never_proposes_an_invalid_id(tmp_path: Path) -> None:
    root = materialize(Example(), tmp_path / "catalog")
    shutil.copy(root / CREDENTIAL, root / "credentials" / "Peer Feedback.yaml")
    (found,) = [d for d in lint(root).diagnostics if d.code == "MC501"]
    assert found.hint is not None
    assert "`Peer Feedback`" not in found.hint
    # Not back onto `example.yaml`: that file is the original, still there.
    assert "`example.yaml`" not in found.hint
    assert "like `peer-feedback`" in found.hint
    id_pattern = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
    for proposal in re.findall(r"change the id to `([^`]*)`", found.hint):
        assert id_pattern.fullmatch(proposal)


def test_markdown_paths_are_relative_to_the_folder_given_as_in_text(tmp_path: Path) -> None:
    root = materialize(Example(files={"credentials/x.yaml": "title: X\n"}), tmp_path / "catalog")
    result = lint(root)
    for cwd in (root, tmp_path):
        where = shown_path(root, "credentials/x.yaml", cwd)
        assert f"`{where}:" in markdown.render(result, cwd)
        assert f"{where}:" in text.render(result, cwd=cwd)


def test_every_report_format_renders_through_the_registry_without_running_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = materialize(Example(files={"credentials/x.yaml": "title: X\n"}), tmp_path / "catalog")
    result = lint(root)
    monkeypatch.setattr(mcauthor_git, "_run", lambda *a, **k: pytest.fail("a report ran git"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    options = Options(checkout=checkout.Checkout(root, "."))
    for fmt in FORMATS.values():
        assert "x.yaml" in fmt.render(result, options), fmt.name
    assert choose("auto").name == "text"
