"""`mcauthor init` and `mcauthor new`: the files they write lint clean, build, and are safe."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mcauthor import scaffold
from mcauthor.build import build
from mcauthor.lint import lint
from mcauthor.scaffold import add_to_stack, slug, yaml_id, yaml_str
from mcauthor.scaffold.listedit import CannotEdit
from mcauthor.schemakinds import FILE_KINDS
from mcauthor.yamlread import parse

from conftest import found, git, invoke, one_line_error

STACK = scaffold.EXAMPLE_STACK
STACK_FILE = f"stacks/{STACK}.yaml"


def init(root: Path, *extra: str, issuer: str = "Example Issuer", title: str = "Example") -> Path:
    result = invoke("init", root, "--issuer", issuer, "--title", title, *extra)
    assert result.exit_code == 0, result.output
    return root


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return init(tmp_path / "catalog", title="Performance Assessment for Learning")


# -- init -------------------------------------------------------------------------------


def test_init_writes_a_catalog_that_lints_clean_and_builds(catalog: Path, tmp_path: Path) -> None:
    assert files_under(catalog) == sorted(
        [
            ".github/workflows/catalog.yml",
            ".gitignore",
            ".pre-commit-config.yaml",
            *(f".schemas/{kind}.json" for kind in FILE_KINDS),
            "README.md",
            "credentials/feedback-for-learning.yaml",
            "mcauthor.yaml",
            STACK_FILE,
        ]
    )
    assert found(lint(catalog)) == []
    config = yaml.safe_load((catalog / "mcauthor.yaml").read_text("utf-8"))
    assert config["catalog"]["id"] == "performance-assessment-for-learning"
    assert config["issuer"] == {"name": "Example Issuer"}
    out = tmp_path / "out"
    build(catalog, out, guides=False)
    assert (out / "index.html").is_file()
    assert (out / "credentials/feedback-for-learning/index.html").is_file()
    assert (out / f"stacks/{STACK}/index.html").is_file()


def test_init_schemas_are_the_printed_ones_and_every_modeline_resolves(catalog: Path) -> None:
    for kind in FILE_KINDS:
        printed = invoke("schema", kind).stdout
        assert (catalog / ".schemas" / f"{kind}.json").read_text("utf-8") == printed
    yaml_files = [catalog / "mcauthor.yaml", *catalog.glob("credentials/*.yaml")]
    for path in [*yaml_files, *catalog.glob("stacks/*.yaml")]:
        first = path.read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), path


def test_init_ignores_the_output_and_the_cache(catalog: Path) -> None:
    ignored = (catalog / ".gitignore").read_text("utf-8").splitlines()
    assert "/site/" in ignored and ".mcauthor-cache/" in ignored


def test_init_prints_what_it_created_and_next_steps(tmp_path: Path) -> None:
    result = invoke("init", tmp_path / "new", "--issuer", "I", "--title", "T")
    assert result.exit_code == 0
    assert "Created 11 files" in result.stdout and "  mcauthor.yaml\n" in result.stdout
    assert f"mcauthor new credential my-credential --stack {STACK}" in result.stdout


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    root.mkdir()
    (root / "README.md").write_text("mine\n", "utf-8")
    error = one_line_error(invoke("init", root, "--issuer", "I", "--title", "T"))
    assert "README.md already exists" in error and "--force" in error
    assert files_under(root) == ["README.md"]
    (root / ".gitignore").write_text("mine\n", "utf-8")
    error = one_line_error(invoke("init", root, "--issuer", "I", "--title", "T"))
    assert ".gitignore already exists (and 1 more" in error
    assert files_under(root) == [".gitignore", "README.md"]
    init(root, "--force")
    assert (root / "README.md").read_text("utf-8") != "mine\n"
    assert found(lint(root)) == []


def test_init_refuses_a_file_where_a_folder_goes(tmp_path: Path) -> None:
    (tmp_path / ".github").write_text("not a folder", "utf-8")
    error = one_line_error(invoke("init", tmp_path, "--issuer", "I", "--title", "T", "--force"))
    assert ".github is a file" in error
    assert files_under(tmp_path) == [".github"]


@pytest.mark.parametrize("given", [(), ("--issuer", "I"), ("--title", "T")])
def test_init_outside_a_terminal_needs_issuer_and_title(tmp_path: Path, given) -> None:
    error = one_line_error(invoke("init", tmp_path / "c", *given))
    assert "--issuer" in error and "--title" in error
    assert not (tmp_path / "c").exists()


def test_init_asks_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mcauthor.cli._stdin_is_tty", lambda: True)
    result = invoke(
        "init", tmp_path, input="Acme Schools\nTeaching Well\nhttps://mc.example.org/\n"
    )
    assert result.exit_code == 0, result.output
    catalog = yaml.safe_load((tmp_path / "mcauthor.yaml").read_text("utf-8"))["catalog"]
    assert catalog["title"] == "Teaching Well" and catalog["id"] == "teaching-well"
    assert catalog["base_url"] == "https://mc.example.org/"
    assert found(lint(tmp_path)) == []


def test_init_id_and_base_url_options(tmp_path: Path) -> None:
    init(tmp_path, "--id", "acme-2025", "--base-url", "https://acme.example.org/mc/")
    config = yaml.safe_load((tmp_path / "mcauthor.yaml").read_text("utf-8"))
    assert config["catalog"]["id"] == "acme-2025"
    assert config["catalog"]["base_url"] == "https://acme.example.org/mc/"
    assert found(lint(tmp_path)) == []


@pytest.mark.parametrize(
    "option",
    [("--id", "Not An Id"), ("--base-url", "javascript:alert(1)"), ("--title", "  ")],
)
def test_init_rejects_bad_values_and_writes_nothing(tmp_path: Path, option) -> None:
    args = {"--issuer": "I", "--title": "T", **dict([option])}
    one_line_error(invoke("init", tmp_path / "c", *(x for kv in args.items() for x in kv)))
    assert not (tmp_path / "c").exists()


HOSTILE = [
    'Foo: "bar" # baz',
    "line one\nline two",
    "{{ title }} @@title@@ ${title} %(title)s",
    "Ünïcødé — 数学 🎓 café",
    "- [a] & *b !c %d @e `f` |g >h",
    "'single' \"double\" \\back\\slash",
    "odd\u2028separators\x85and\x7fcontrols\tand tabs",
    "---\n...\n# not a comment",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_title_and_issuer_round_trip(tmp_path: Path, text: str) -> None:
    init(tmp_path, title=text, issuer=text)
    written = (tmp_path / "mcauthor.yaml").read_text("utf-8")
    for data in (yaml.safe_load(written), parse(written).data):  # YAML 1.1 and mcauthor's 1.2
        assert data["catalog"]["title"] == text
        assert data["issuer"]["name"] == text
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug(text))
    errors = [d for d in lint(tmp_path).diagnostics if d.severity.value == "error"]
    assert errors == []
    assert "\n" not in (tmp_path / "README.md").read_text("utf-8").splitlines()[0]


def test_yaml_str_reads_back_every_character() -> None:
    text = "".join(chr(c) for c in range(1, 0x3000)) + "🎓\ufeff\ufffe"
    assert yaml.safe_load(f"k: {yaml_str(text)}")["k"] == text
    assert parse(f"k: {yaml_str(text)}").data["k"] == text


def test_slug() -> None:
    assert slug("Performance Assessment for Learning") == "performance-assessment-for-learning"
    assert slug("  Café: Über-Kurs #2!  ") == "cafe-uber-kurs-2"
    assert slug("数学") == "catalog"
    assert len(slug("word " * 40)) <= 60 and not slug("word " * 40).endswith("-")


@pytest.mark.parametrize("ident", ["123", "no", "on", "1e3", "0x1f", "2024-05-01", "null", "y"])
def test_yaml_id_quotes_what_yaml_would_not_read_as_text(ident: str) -> None:
    assert yaml.safe_load(f"k: {yaml_id(ident)}")["k"] == ident
    assert parse(f"k: {yaml_id(ident)}").data["k"] == ident
    assert yaml_id("task-design") == "task-design"


# -- the workflow and the pre-commit config ----------------------------------------------


@pytest.mark.slow  # builds the PDF guides: about 3 s
def test_workflow_is_valid_and_runs_real_commands(catalog: Path, tmp_path: Path) -> None:
    """Each `mcauthor` step of the workflow runs here as written (tests/test_ci_files.py
    checks the workflow itself with actionlint and GitHub's schema)."""
    workflow = yaml.safe_load((catalog / ".github/workflows/catalog.yml").read_text("utf-8"))
    steps = workflow["jobs"]["lint"]["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert "github/codeql-action/upload-sarif" in uses and "actions/upload-artifact" in uses
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[0].splitlines() == [
        'python -m pip install --disable-pip-version-check "$MCAUTHOR_INSTALL"',
        "mcauthor --version",
    ]
    lines = [line for run in runs[1:] for line in run.splitlines()]
    commands = [shlex.split(line.removesuffix(" || true")) for line in lines]
    assert all(c[0] in ("mcauthor", "rm") for c in commands)
    formats = {c[c.index("--format") + 1] for c in commands if "--format" in c}
    assert formats == {"github", "sarif", "markdown"}
    assert commands[-1][:2] == ["mcauthor", "build"]
    # A SARIF file committed in the pull request never reaches code scanning.
    forged = '{"forged": true}'
    (catalog / "mcauthor.sarif").write_text(forged, "utf-8")
    summary = tmp_path / "summary.md"
    git(catalog, "init", "-q")  # the checkout, its history fetched (fetch-depth: 0)
    git(catalog, "add", "-A")
    git(catalog, "commit", "-q", "-m", "the catalog")
    # The diff step's base: `origin/<base branch>` on a pull request, HEAD here.
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "BASE": "HEAD"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    for run in runs[1:]:  # each step's script as the runner runs it: bash -e
        done = subprocess.run(
            ["bash", "-e", "-c", run], cwd=catalog, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (run, done.stdout, done.stderr)
    sarif = (catalog / "mcauthor.sarif").read_text("utf-8")
    assert sarif != forged and json.loads(sarif)["version"] == "2.1.0"
    assert summary.read_text("utf-8")
    site = catalog / steps[-1]["with"]["path"]
    assert (site / "index.html").is_file()
    assert (site / "guides/credentials/feedback-for-learning.pdf").is_file()


# -- new credential / new stack ----------------------------------------------------------


def fill_placeholders(text: str) -> str:
    """Replace every TODO placeholder with text that passes lint, as an author would."""
    real = {
        "competency": yaml_str(
            "The educator gives students descriptive feedback that names the next step."
        ),
        "statement": yaml_str("The educator uses a three-part feedback routine in a unit."),
        "authors": '["Black, P.", "Wiliam, D."]',
        "year": "1998",
        "doi": "10.1080/0969595980050102",
        "url": "https://example.org/feedback-toolkit",
        "hours": "10",
    }
    placeholder = re.compile(r'^(\s*(?:- )?)([\w-]+): (\[?"TODO:[^"]*"\]?|TODO)(.*)$')
    out = []
    for number, line in enumerate(text.splitlines(keepends=True)):
        match = placeholder.match(line)
        if match:
            lead, key, _, rest = match.groups()
            value = real.get(key, yaml_str(f"Written {key} number {number}."))
            line = f"{lead}{key}: {value}{rest}\n"
        out.append(line)
    filled = "".join(out)
    assert "TODO" not in re.sub(r"#.*", "", filled)
    return filled


def fill_file(path: Path) -> None:
    path.write_text(fill_placeholders(path.read_text("utf-8")), "utf-8")


def placeholder_lines(text: str) -> list[int]:
    """The numbers of the lines that hold a TODO placeholder (outside comments)."""
    lines = text.splitlines()
    return [n for n, line in enumerate(lines, 1) if "TODO" in line.split("#", 1)[0]]


def test_new_credential_is_only_placeholders_and_lints_clean_when_filled(catalog: Path) -> None:
    stack = catalog / STACK_FILE
    before = stack.read_text("utf-8")
    result = invoke("new", "credential", "peer-feedback", "--stack", STACK, "-c", catalog)
    assert result.exit_code == 0, result.output
    path = catalog / "credentials/peer-feedback.yaml"
    expected = placeholder_lines(path.read_text("utf-8"))
    assert "Added peer-feedback to" in result.stdout
    assert f"fill in its {len(expected)} TODO placeholders" in result.stdout
    assert stack.read_text("utf-8").replace(", peer-feedback]", "]", 1) == before
    # One warning per placeholder and nothing else: no type, DOI, address or competency
    # error on top of one (hours: TODO, doi: TODO, url: TODO, "TODO: The educator ...").
    placeholders = lint(catalog).diagnostics
    assert {(d.code, d.path) for d in placeholders} == {("MC514", "credentials/peer-feedback.yaml")}
    assert [d.line for d in placeholders] == expected
    hints = {d.message.split("`")[1]: d.hint or "" for d in placeholders}
    assert "Example: `hours: 15`" in hints["hours"]
    assert "like `2010`" in hints["research[0].year"]
    assert "10." in hints["research[0].doi"]
    # Added to a published stack, it is published too: a published stack lists no draft.
    assert yaml.safe_load(path.read_text("utf-8"))["status"] == "published"
    fill_file(path)
    assert found(lint(catalog)) == []


def test_new_credential_outside_a_published_stack_is_a_draft(catalog: Path) -> None:
    invoke("new", "stack", "later", "-c", catalog)
    invoke("new", "credential", "in-draft", "--stack", "later", "-c", catalog)
    invoke("new", "credential", "alone", "-c", catalog)
    for ident in ("in-draft", "alone"):
        text = (catalog / f"credentials/{ident}.yaml").read_text("utf-8")
        assert yaml.safe_load(text)["status"] == "draft"


def test_new_credential_modeline_points_at_the_schema(catalog: Path) -> None:
    invoke("new", "credential", "peer-feedback", "-c", catalog / "credentials")
    first = (catalog / "credentials/peer-feedback.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.schemas/credential.json"
    invoke("new", "stack", "next-stack", "-c", catalog)
    first = (catalog / "stacks/next-stack.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.schemas/stack.json"


def test_new_stack_and_credentials_without_scales_lint_clean_when_filled(tmp_path: Path) -> None:
    (tmp_path / "mcauthor.yaml").write_text(
        "catalog: {id: bare, title: Bare}\nissuer: {name: Bare Issuer}\n", "utf-8"
    )
    assert invoke("new", "stack", "basics", "--title", "Basics", "-c", tmp_path).exit_code == 0
    stack = tmp_path / "stacks/basics.yaml"
    # The list holds a placeholder: one MC514 there, not "the stack lists no credentials".
    findings = found(lint(tmp_path))
    assert [code for code, _, _ in findings] == ["MC514"] * 3
    assert [line for _, _, line in findings] == placeholder_lines(stack.read_text("utf-8"))
    for ident in ("first-steps", "next-steps"):
        result = invoke("new", "credential", ident, "--stack", "basics", "-c", tmp_path)
        assert result.exit_code == 0, result.output
        fill_file(tmp_path / f"credentials/{ident}.yaml")
    assert "credentials: [first-steps, next-steps]\n" in stack.read_text("utf-8")
    assert "levels:" in (tmp_path / "credentials/first-steps.yaml").read_text("utf-8")
    fill_file(stack)
    assert found(lint(tmp_path)) == []
    assert yaml.safe_load(stack.read_text("utf-8"))["title"] == "Basics"


def placeholder_hints(root: Path) -> dict[str, str]:
    """Each MC514 finding's place (`file:line field`) and its hint."""
    found = [d for d in lint(root).diagnostics if d.code == "MC514"]
    return {f"{d.path}:{d.line} {d.message.split('`')[1]}": d.hint or "" for d in found}


def test_every_placeholder_that_init_and_new_write_has_a_specific_hint(tmp_path: Path) -> None:
    # A catalog from `init` (rubric scales in mcauthor.yaml) and a bare one (the new
    # credential writes its own levels): every placeholder says what to write there,
    # none falls back to the generic "replace the placeholder" hint.
    made = init(tmp_path / "made")
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "mcauthor.yaml").write_text("catalog: {id: bare, title: Bare}\nissuer: {name: I}\n")
    for root in (made, bare):
        assert invoke("new", "stack", "basics", "-c", root).exit_code == 0
        assert invoke("new", "credential", "one", "--stack", "basics", "-c", root).exit_code == 0
        assert invoke("new", "credential", "two", "-c", root).exit_code == 0
        hints = placeholder_hints(root)
        assert len(hints) > 60
        generic = {at: hint for at, hint in hints.items() if not hint.startswith("In place of")}
        assert generic == {}
        descriptor = next(hint for at, hint in hints.items() if ".descriptors." in at)
        assert "What work at this level looks like" in descriptor


def test_new_credential_title_is_quoted(catalog: Path) -> None:
    title = 'Feedback: "the next step" # really'
    invoke("new", "credential", "peer-feedback", "--title", title, "-c", catalog)
    text = (catalog / "credentials/peer-feedback.yaml").read_text("utf-8")
    assert yaml.safe_load(text)["title"] == title


@pytest.mark.parametrize("ident", ["Peer", "peer_feedback", "-peer", "peer--feedback", "a/b", ""])
def test_new_rejects_a_bad_id(catalog: Path, ident: str) -> None:
    before = files_under(catalog)
    one_line_error(invoke("new", "credential", "-c", catalog, "--", ident))
    one_line_error(invoke("new", "stack", "-c", catalog, "--", ident))
    assert files_under(catalog) == before


def test_new_refuses_an_existing_file_unless_forced(catalog: Path) -> None:
    path = catalog / "credentials/feedback-for-learning.yaml"
    before = path.read_text("utf-8")
    error = one_line_error(invoke("new", "credential", "feedback-for-learning", "-c", catalog))
    assert "already exists" in error
    assert path.read_text("utf-8") == before
    one_line_error(invoke("new", "stack", STACK, "-c", catalog))
    result = invoke("new", "credential", "feedback-for-learning", "--force", "-c", catalog)
    assert result.exit_code == 0 and "TODO" in path.read_text("utf-8")


def test_new_refuses_an_id_another_file_has(catalog: Path) -> None:
    (catalog / "credentials/archive").mkdir()
    (catalog / "credentials/archive/old-one.yaml").write_text("id: old-one\ntitle: Old\n", "utf-8")
    error = one_line_error(invoke("new", "credential", "old-one", "--force", "-c", catalog))
    assert "credentials/archive/old-one.yaml" in error
    assert not (catalog / "credentials/old-one.yaml").exists()


def test_new_outside_a_catalog(tmp_path: Path) -> None:
    error = one_line_error(invoke("new", "credential", "x", "-c", tmp_path))
    assert "no mcauthor.yaml" in error


def test_new_credential_with_an_unknown_stack_writes_nothing(catalog: Path) -> None:
    before = {p: (catalog / p).read_bytes() for p in files_under(catalog)}
    error = one_line_error(invoke("new", "credential", "x", "--stack", STACK[:-1], "-c", catalog))
    assert f"did you mean `{STACK}`" in error
    assert {p: (catalog / p).read_bytes() for p in files_under(catalog)} == before


def test_new_credential_with_a_stack_it_cannot_edit_writes_nothing(catalog: Path) -> None:
    stack = catalog / STACK_FILE
    text = stack.read_text("utf-8").replace(
        "credentials: [feedback-for-learning]", "credentials: [\n  feedback-for-learning\n]"
    )
    stack.write_text(text, "utf-8")
    error = one_line_error(invoke("new", "credential", "x", "--stack", STACK, "-c", catalog))
    assert "cannot add `x`" in error and "nothing written" in error
    assert stack.read_text("utf-8") == text
    assert not (catalog / "credentials/x.yaml").exists()


def test_new_credential_already_in_the_stack_is_not_added_twice(catalog: Path) -> None:
    stack = catalog / STACK_FILE
    before = stack.read_text("utf-8")
    result = invoke(
        "new", "credential", "feedback-for-learning", "--force", "--stack", STACK, "-c", catalog
    )
    assert result.exit_code == 0 and "already lists it" in result.stdout
    assert stack.read_text("utf-8") == before


# -- adding to a stack's list -----------------------------------------------------------

APPENDS = [
    ("credentials: [a, b]\n", "credentials: [a, b, new]\n"),
    ("credentials: [a,b]  # in order\n", "credentials: [a,b,new]  # in order\n"),
    ("credentials: [ a, 'b' ]\n", "credentials: [ a, 'b', new ]\n"),
    ('credentials: ["a"]', 'credentials: ["a", new]'),
    (
        "credentials: []  # none yet\nrequires: [x]\n",
        "credentials: [new]  # none yet\nrequires: [x]\n",
    ),
    (
        "credentials:  # in order\n  - a  # first\n\n  # the second:\n  - b # second\n"
        "# end\nrequires: []\n",
        "credentials:  # in order\n  - a  # first\n\n  # the second:\n  - b # second\n"
        "  - new\n# end\nrequires: []\n",
    ),
    ("credentials:\n- a\n- b\nrequires: []\n", "credentials:\n- a\n- b\n- new\nrequires: []\n"),
    ("credentials:\n    - a\n    - b", "credentials:\n    - a\n    - b\n    - new"),
    (
        "credentials:\r\n  - a\r\nrequires: []\r\n",
        "credentials:\r\n  - a\r\n  - new\r\nrequires: []\r\n",
    ),
    ("credentials:  # TODO\nrequires: []\n", "credentials:  # TODO\n  - new\nrequires: []\n"),
    ("credentials:\n", "credentials:\n  - new\n"),
    # The placeholder `new stack` writes gives way to the first id; a real id keeps it.
    ('credentials: ["TODO: the id of a credential"]\n', "credentials: [new]\n"),
    ("credentials: [ 'TBD', \"FIXME\" ]  # soon\n", "credentials: [ new ]  # soon\n"),
    ('credentials: ["TODO: an id", a]\n', 'credentials: ["TODO: an id", a, new]\n'),
]


@pytest.mark.parametrize(("before", "after"), APPENDS)
def test_add_to_stack_changes_only_the_list(before: str, after: str) -> None:
    head = "# yaml-language-server: $schema=../.schemas/stack.json\nid: s\ntitle: S  # the title\n"
    tail = "description: |\n  credentials: [not, this]\n  - nor this\n"
    if "\r\n" in before:
        head, tail = head.replace("\n", "\r\n"), tail.replace("\n", "\r\n")
    if not before.endswith("\n"):  # the list ends the file, without a final line break
        head, tail = tail + head, ""
    assert add_to_stack(head + before + tail, "new") == head + after + tail


def test_add_to_stack_quotes_an_id_yaml_would_misread() -> None:
    edited = add_to_stack("credentials: [a]\n", "2024")
    assert edited == 'credentials: [a, "2024"]\n'
    assert parse(edited).data == {"credentials": ["a", "2024"]}


REFUSED = [
    "credentials: [\n  a,\n  b\n]\n",
    "credentials: [a, [b]]\n",
    "credentials: [a, b,]\n",
    "credentials: *members\n",
    "credentials: !!seq [a]\n",
    "credentials: a\n",
    "credentials:\n  - {id: a}\n",
    "credentials:\n  - a\n    continued\n",
    "credentials:\n  - a\n  -\n",
    "credentials: [a]\ncredentials: [b]\n",
    "title: S\n",
    "credentials: {a: 1}\n",
    "- a\n",
    "credentials: [a\n",
]


@pytest.mark.parametrize("text", REFUSED)
def test_add_to_stack_refuses_what_it_cannot_edit_safely(text: str) -> None:
    with pytest.raises(CannotEdit):
        add_to_stack(text, "new")


def test_add_to_stack_leaves_a_listed_id_alone() -> None:
    text = "credentials:\n  - a  # here\n"
    assert add_to_stack(text, "a") == text


# -- never outside the catalog, never through a link --------------------------------------


def test_init_never_writes_through_a_linked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "t1"
    root.mkdir()
    (root / ".github").symlink_to("../outside")
    error = one_line_error(invoke("init", root, "--issuer", "I", "--title", "T"))
    assert ".github/workflows/catalog.yml would be written outside" in error
    assert list(outside.iterdir()) == []
    assert files_under(root) == []
    one_line_error(invoke("init", root, "--issuer", "I", "--title", "T", "--force"))
    assert list(outside.iterdir()) == []


def test_init_force_never_overwrites_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "outside2/victim"
    victim.parent.mkdir()
    victim.write_text("victim\n", "utf-8")
    root = tmp_path / "t2"
    root.mkdir()
    (root / "README.md").symlink_to("../outside2/victim")
    for extra in ((), ("--force",)):
        error = one_line_error(invoke("init", root, "--issuer", "I", "--title", "T", *extra))
        assert "README.md is a symbolic link" in error and "nothing written" in error
    assert victim.read_text("utf-8") == "victim\n"
    assert (root / "README.md").is_symlink()
    assert files_under(root) == ["README.md"]


def test_init_force_replaces_files_whole_and_keeps_their_permissions(tmp_path: Path) -> None:
    root = init(tmp_path / "catalog")
    readme = root / "README.md"
    readme.write_text("mine\n", "utf-8")
    readme.chmod(0o640)
    before = files_under(root)
    init(root, "--force")
    assert readme.read_text("utf-8") != "mine\n"
    assert readme.stat().st_mode & 0o777 == 0o640
    assert files_under(root) == before  # no temporary file left behind


def test_init_refuses_a_folder_inside_another_catalog(catalog: Path) -> None:
    before = files_under(catalog)
    for target in (catalog / "credentials/sub", catalog / "new/deeper"):
        error = one_line_error(invoke("init", target, "--issuer", "I", "--title", "T"))
        assert f"is inside the catalog at {catalog}" in error
        assert not target.exists()
    assert files_under(catalog) == before
    assert found(lint(catalog)) == []
    # The catalog's own root is not "inside another catalog": it is an overwrite.
    error = one_line_error(invoke("init", catalog, "--issuer", "I", "--title", "T"))
    assert "mcauthor.yaml already exists" in error


def test_new_credential_force_never_overwrites_a_link(catalog: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim2"
    victim.write_text("victim\n", "utf-8")
    link = catalog / "credentials/evil-link.yaml"
    link.symlink_to(victim)
    for extra in ((), ("--force",)):
        error = one_line_error(invoke("new", "credential", "evil-link", "-c", catalog, *extra))
        assert "credentials/evil-link.yaml is a symbolic link" in error
        assert "nothing written" in error
    assert victim.read_text("utf-8") == "victim\n" and link.is_symlink()


@pytest.mark.parametrize("kind", ["stack", "credential"])
def test_new_never_writes_through_a_linked_folder(catalog: Path, tmp_path: Path, kind: str) -> None:
    folder = catalog / f"{kind}s"
    outside = tmp_path / "outside"
    folder.rename(outside)
    folder.symlink_to(outside)
    before = sorted(p.name for p in outside.iterdir())
    error = one_line_error(invoke("new", kind, "zzz", "-c", catalog))
    assert f"{kind}s/zzz.yaml would be written outside {catalog}" in error
    assert sorted(p.name for p in outside.iterdir()) == before


def test_new_credential_never_rewrites_a_linked_stack(catalog: Path) -> None:
    real = catalog / "stacks/real.yaml"
    (catalog / STACK_FILE).rename(real)
    (catalog / STACK_FILE).symlink_to("real.yaml")
    text = real.read_text("utf-8")
    error = one_line_error(invoke("new", "credential", "x", "--stack", STACK, "-c", catalog))
    assert "is a symbolic link" in error and "nothing written" in error
    assert (catalog / STACK_FILE).is_symlink() and real.read_text("utf-8") == text
    assert not (catalog / "credentials/x.yaml").exists()


def test_new_stack_edit_leaves_no_temporary_file(catalog: Path) -> None:
    before = files_under(catalog)
    assert invoke("new", "credential", "x", "--stack", STACK, "-c", catalog).exit_code == 0
    assert files_under(catalog) == sorted([*before, "credentials/x.yaml"])
    assert "x" in yaml.safe_load((catalog / STACK_FILE).read_text("utf-8"))["credentials"]


def test_new_caps_the_id_length(catalog: Path) -> None:
    before = files_under(catalog)
    for kind in ("credential", "stack"):
        error = one_line_error(invoke("new", kind, "a" * 300, "-c", catalog))
        assert "300 characters" in error and "at most 100" in error and "a" * 30 not in error
    assert files_under(catalog) == before
    assert invoke("new", "credential", "b" * 100, "-c", catalog).exit_code == 0
    error = one_line_error(
        invoke("init", catalog.parent / "x", "--issuer", "I", "--title", "T", "--id", "c" * 101)
    )
    assert "at most 100" in error


def test_new_and_init_turn_file_system_errors_into_one_line(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mcauthor import files

    # A temporary name longer than any file system allows: the OS itself refuses it.
    monkeypatch.setattr(files, "_temporary_name", lambda name: "." + "x" * 300)
    error = one_line_error(invoke("new", "credential", "x", "-c", catalog))
    assert error.endswith("credentials/x.yaml: the name is too long for the file system")
    assert not (catalog / "credentials/x.yaml").exists()
    error = one_line_error(invoke("init", tmp_path / "other", "--issuer", "I", "--title", "T"))
    assert "the name is too long for the file system" in error


# -- build: placeholders are a preview's, refused by --strict -------------------------------


def test_build_counts_the_placeholders_and_strict_refuses_them(catalog: Path) -> None:
    invoke("new", "credential", "peer-feedback", "--stack", STACK, "-c", catalog)
    count = len(placeholder_lines((catalog / "credentials/peer-feedback.yaml").read_text("utf-8")))
    result = invoke("build", catalog, "--no-guides")
    assert result.exit_code == 0, result.output
    warning = (
        f"mcauthor: warning: {count} placeholders left to fill in (MC514); `mcauthor lint` "
        "lists them, and `mcauthor build --strict` refuses to build until they are filled in"
    )
    assert warning in result.stderr.splitlines()
    assert "TODO: The educator" in (
        catalog / "site/credentials/peer-feedback/index.html"
    ).read_text("utf-8")  # a preview shows them, as written
    out = catalog / "strict-site"
    result = invoke("build", catalog, "--no-guides", "--strict", "--out", out)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-2:] == [
        f"Failed: 0 errors, {count} warnings, 0 info in 4 files (fails on warning).",
        "mcauthor: not built: --strict refuses lint warnings as well as errors, and lint "
        f"reports {count} warnings, {count} of them placeholders left to fill in (MC514); "
        "fix them, then try again",
    ]
    assert not out.exists()
    fill_file(catalog / "credentials/peer-feedback.yaml")
    result = invoke("build", catalog, "--no-guides", "--strict", "--out", out)
    assert result.exit_code == 0, result.output
    assert "placeholders" not in result.stderr
