"""The loading layer: encodings, sizes, symbolic links, permissions and finding the root.

Byte-level content (BOM, Latin-1, NUL) cannot live in the text files of tests/cases, so
those catalogs are written here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mcauthor import loader
from mcauthor.catalogfiles import MAX_BYTES, find_root
from mcauthor.diagnostics import Severity
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.loader import CannotRun, Document, load, read_config
from mcauthor.rules.examples import base_text
from mcauthor.suppressions import PREFIX
from mcauthor.yamlread import parse

from conftest import cache_file, copy_sample, invoke

CREDENTIAL = "credentials/example.yaml"
BROKEN = b'id: broken\ntitle: "never closed\n'  # MC001 at 2:8 whenever it is read


def where(result: LintResult) -> list[str]:
    return [f"{d.path}:{d.line}:{d.column} {d.code}" for d in result.diagnostics]


def only_loading(result: LintResult) -> list[str]:
    """Diagnostics of the loading layer (MC0xx), whatever the content rules say."""
    return [
        w
        for w, d in zip(where(result), result.diagnostics, strict=True)
        if d.code.startswith("MC0")
    ]


@pytest.fixture
def catalog(make_catalog) -> Path:
    root: Path = make_catalog()
    assert lint(root).diagnostics == (), "the base catalog must be clean"
    return root


# -- encodings ---------------------------------------------------------------------------


def test_bom_is_a_warning_and_the_file_is_still_read(catalog: Path) -> None:
    path = catalog / CREDENTIAL
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = lint(catalog)
    assert where(result) == [f"{CREDENTIAL}:1:1 MC004"]
    assert result.diagnostics[0].severity is Severity.WARNING
    (credential,) = result.catalog.credentials
    assert credential.id == "example"
    assert credential.title == "Using Feedback to Move Learning Forward"
    assert not result.failed


def test_bom_in_config_is_reported_and_config_is_used(catalog: Path) -> None:
    path = catalog / "mcauthor.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = lint(catalog)
    assert where(result) == ["mcauthor.yaml:1:1 MC004"]
    assert result.catalog.config.title == "Example Micro-credentials"


def test_invalid_utf8_is_an_error_at_its_line_and_column(catalog: Path) -> None:
    text = "id: latin\n# résumé below\ntitle: Café Olé\n"
    # Line 2 is fine in Latin-1 too, but its bytes are not UTF-8: the first bad byte counts.
    (catalog / "credentials/latin.yaml").write_bytes(text.encode("latin-1"))
    result = lint(catalog)
    assert where(result) == ["credentials/latin.yaml:2:4 MC003"]
    d = result.diagnostics[0]
    assert d.severity is Severity.ERROR
    assert "0xe9" in d.message
    assert "credentials/latin.yaml" not in result.documents
    assert [c.id for c in result.catalog.credentials] == ["example"]


def test_invalid_utf8_column_counts_characters_not_bytes(catalog: Path) -> None:
    # Valid UTF-8 "ééé" (6 bytes) then a lone Latin-1 byte.
    raw = "id: mixed\ntitle: ééé".encode() + b"\xff\n"
    (catalog / "credentials/mixed.yaml").write_bytes(raw)
    assert where(lint(catalog)) == ["credentials/mixed.yaml:2:11 MC003"]


def test_bom_then_invalid_utf8_reports_both(catalog: Path) -> None:
    raw = b"\xef\xbb\xbfid: latin\ntitle: Caf\xe9\n"
    (catalog / "credentials/latin.yaml").write_bytes(raw)
    assert where(lint(catalog)) == [
        "credentials/latin.yaml:1:1 MC004",
        "credentials/latin.yaml:2:11 MC003",
    ]


def test_nul_byte_is_a_syntax_error_at_its_position(catalog: Path) -> None:
    (catalog / "credentials/nul.yaml").write_bytes(b"id: nul\ntitle: ab\x00c\n")
    result = lint(catalog)
    assert where(result) == ["credentials/nul.yaml:2:10 MC001"]
    assert "control characters" in result.diagnostics[0].message
    assert [c.id for c in result.catalog.credentials] == ["example"]


def test_nul_byte_at_the_start_of_a_file(catalog: Path) -> None:
    (catalog / "credentials/nul.yaml").write_bytes(b"\x00" * 64)
    assert where(lint(catalog)) == ["credentials/nul.yaml:1:1 MC001"]


def test_nul_byte_position_after_non_ascii_text(catalog: Path) -> None:
    (catalog / "credentials/nul.yaml").write_bytes("id: nul\ntitle: ééé\x00\n".encode())
    assert where(lint(catalog)) == ["credentials/nul.yaml:2:11 MC001"]


# -- size --------------------------------------------------------------------------------


def _big(size: int) -> bytes:
    head = b"id: big\ntitle: Big\nx-padding: "
    return head + b"x" * (size - len(head) - 1) + b"\n"


def test_file_over_one_mebibyte_is_refused_unread(catalog: Path) -> None:
    data = _big(MAX_BYTES + 1)
    assert len(data) == MAX_BYTES + 1 == 1024 * 1024 + 1
    (catalog / "credentials/big.yaml").write_bytes(data)
    result = lint(catalog)
    assert where(result) == ["credentials/big.yaml:1:1 MC008"]
    assert "1,048,577 bytes" in result.diagnostics[0].message
    assert "credentials/big.yaml" not in result.documents
    assert result.files == 4  # counted as looked at, though not read


def test_file_of_exactly_one_mebibyte_is_read(catalog: Path) -> None:
    (catalog / "credentials/big.yaml").write_bytes(_big(MAX_BYTES))
    result = lint(catalog)
    assert "credentials/big.yaml" in result.documents
    assert "MC008" not in [d.code for d in result.diagnostics]


# -- symbolic links ----------------------------------------------------------------------


def test_symlinked_file_pointing_outside_is_reported_and_not_read(
    catalog: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_bytes(BROKEN)
    (catalog / "credentials/secret.yaml").symlink_to(outside)
    result = lint(catalog)
    # MC010 only: the broken YAML behind the link was never read.
    assert where(result) == ["credentials/secret.yaml:1:1 MC010"]
    assert "credentials/secret.yaml" not in result.documents
    assert result.files == 3


def test_relative_symlink_escaping_the_catalog_is_reported(catalog: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_bytes(BROKEN)
    (catalog / "stacks/secret.yaml").symlink_to(Path("../../secret.yaml"))
    assert (catalog / "stacks/secret.yaml").resolve() == (tmp_path / "secret.yaml").resolve()
    assert where(lint(catalog)) == ["stacks/secret.yaml:1:1 MC010"]


def test_symlinked_file_pointing_inside_is_read_normally(catalog: Path) -> None:
    (catalog / "drafts").mkdir()
    (catalog / "drafts/inside.yaml").write_bytes(BROKEN)
    (catalog / "credentials/inside.yaml").symlink_to(catalog / "drafts/inside.yaml")
    result = lint(catalog)
    # Read under the link's own path: its syntax error is reported there.
    assert where(result) == ["credentials/inside.yaml:2:8 MC001"]
    assert "credentials/inside.yaml" in result.documents


def test_symlinked_valid_credential_inside_is_in_the_model(catalog: Path) -> None:
    (catalog / "drafts").mkdir()
    text = base_text(CREDENTIAL).replace("id: example\n", "id: linked\n")
    (catalog / "drafts/linked.yaml").write_text(text, "utf-8")
    (catalog / "credentials/linked.yaml").symlink_to(catalog / "drafts/linked.yaml")
    result = lint(catalog)
    assert sorted(c.id for c in result.catalog.credentials) == ["example", "linked"]
    assert not [w for w in only_loading(result) if "linked" in w]


def test_symlinked_folder_pointing_outside_is_reported_and_not_read(
    catalog: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_bytes(BROKEN)
    (catalog / "credentials/shared").symlink_to(outside, target_is_directory=True)
    result = lint(catalog)
    assert where(result) == ["credentials/shared:1:1 MC010"]
    assert not [p for p in result.documents if p.startswith("credentials/shared")]


def test_kind_folder_itself_symlinked_outside(catalog: Path, tmp_path: Path) -> None:
    outside = tmp_path / "stacks-elsewhere"
    (catalog / "stacks").rename(outside)
    (outside / "broken.yaml").write_bytes(BROKEN)
    (catalog / "stacks").symlink_to(outside, target_is_directory=True)
    result = lint(catalog)
    assert "stacks:1:1 MC010" in where(result)
    assert not [p for p in result.documents if p.startswith("stacks/")]
    assert result.catalog.stacks == ()


def test_symlink_loop_inside_the_catalog_ends(catalog: Path) -> None:
    (catalog / "credentials/loop").symlink_to(catalog / "credentials", target_is_directory=True)
    result = lint(catalog)
    assert result.diagnostics == ()
    assert [c.id for c in result.catalog.credentials] == ["example"]


def test_dangling_symlink_is_unreadable(catalog: Path) -> None:
    (catalog / "credentials/gone.yaml").symlink_to(catalog / "credentials/missing.yaml")
    result = lint(catalog)
    assert where(result) == ["credentials/gone.yaml:1:1 MC012"]


# -- permissions -------------------------------------------------------------------------


def test_unreadable_file(catalog: Path, unreadable: Callable[[Path], None]) -> None:
    path = catalog / "credentials/locked.yaml"
    path.write_bytes(BROKEN)
    unreadable(path)
    result = lint(catalog)
    assert where(result) == ["credentials/locked.yaml:1:1 MC012"]
    assert result.diagnostics[0].severity is Severity.ERROR
    assert result.diagnostics[0].message == "the file cannot be read: Permission denied"
    assert "credentials/locked.yaml" not in result.documents
    assert [c.id for c in result.catalog.credentials] == ["example"]


def test_unreadable_config_cannot_run(catalog: Path, unreadable: Callable[[Path], None]) -> None:
    unreadable(catalog / "mcauthor.yaml")
    with pytest.raises(CannotRun, match=r"cannot read the catalog config: .*Permission denied"):
        read_config(catalog)


# -- the config file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('catalog:\n  title: "never closed\n', r"^mcauthor\.yaml:2: .*YAML syntax error"),
        ("a: &a [*a]\n", r"^mcauthor\.yaml:1: .*refers to the value that contains it"),
        ("- catalog\n", r"^mcauthor\.yaml:1: .*must be a mapping"),
        ("", r"^mcauthor\.yaml:1: .*must be a mapping"),
    ],
)
def test_broken_config_cannot_run_with_a_one_line_reason(
    catalog: Path, text: str, message: str
) -> None:
    (catalog / "mcauthor.yaml").write_text(text, "utf-8")
    with pytest.raises(CannotRun, match=message) as info:
        read_config(catalog)
    assert "\n" not in str(info.value)


def test_config_not_utf8_cannot_run(catalog: Path) -> None:
    (catalog / "mcauthor.yaml").write_bytes(b"catalog:\n  title: Caf\xe9\n")
    with pytest.raises(CannotRun, match=r"^mcauthor\.yaml:2: .*not valid UTF-8"):
        read_config(catalog)


def test_yaml11_values_in_lint_rules_are_not_reported_elsewhere_they_are(catalog: Path) -> None:
    config = catalog / "mcauthor.yaml"
    config.write_text(
        config.read_text("utf-8").replace("language: en", "language: no")
        + "lint:\n  rules:\n    MC011: off\n",
        "utf-8",
    )
    doc = read_config(catalog)
    assert doc.data["lint"]["rules"] == {"MC011": "off"}
    assert [(p.kind, p.line) for p in doc.parsed.problems] == [("yaml11", 6)]


# -- exclusion ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "skipped"),
    [
        ("credentials/archive/**", {"credentials/archive/a.yaml", "credentials/archive/x/b.yaml"}),
        ("credentials/archive", {"credentials/archive/a.yaml", "credentials/archive/x/b.yaml"}),
        ("credentials/*.yaml", {"credentials/top.yaml", "credentials/example.yaml"}),
        ("**/b.yaml", {"credentials/archive/x/b.yaml"}),
        ("credentials/t?p.yaml", {"credentials/top.yaml"}),
    ],
)
def test_exclude_globs(catalog: Path, pattern: str, skipped: set[str]) -> None:
    for rel in (
        "credentials/archive/a.yaml",
        "credentials/archive/x/b.yaml",
        "credentials/top.yaml",
    ):
        (catalog / rel).parent.mkdir(parents=True, exist_ok=True)
        (catalog / rel).write_bytes(BROKEN)
    loaded = load(catalog, read_config(catalog), [pattern])
    read = {doc.relpath for doc in loaded.documents}
    every = {
        "mcauthor.yaml",
        "credentials/example.yaml",
        "stacks/example-stack.yaml",
        "credentials/archive/a.yaml",
        "credentials/archive/x/b.yaml",
        "credentials/top.yaml",
    }
    assert read == every - skipped
    assert loaded.files == len(every - skipped)
    assert {f.file for f in loaded.findings} == every - skipped - {
        "mcauthor.yaml",
        "credentials/example.yaml",
        "stacks/example-stack.yaml",
    }


def test_only_yaml_files_in_kind_folders_are_read(catalog: Path) -> None:
    (catalog / "credentials/notes.txt").write_bytes(BROKEN)
    (catalog / "credentials/.hidden.yaml").write_bytes(BROKEN)
    (catalog / "assets").mkdir()
    (catalog / "assets/stray.yaml").write_bytes(BROKEN)
    (catalog / "credentials/short.yml").write_bytes(BROKEN)
    result = lint(catalog)
    assert where(result) == ["credentials/short.yml:2:8 MC001"]


# -- finding the catalog root ------------------------------------------------------------


def test_root_from_the_root_a_nested_folder_and_a_file(catalog: Path) -> None:
    (catalog / "credentials/deep/er").mkdir(parents=True)
    assert find_root(catalog) == catalog
    assert find_root(catalog / "credentials/deep/er") == catalog
    assert find_root(catalog / CREDENTIAL) == catalog
    assert find_root(catalog / "mcauthor.yaml") == catalog


def test_lint_from_a_nested_folder_lints_the_whole_catalog(catalog: Path) -> None:
    (catalog / "credentials/broken.yaml").write_bytes(BROKEN)
    for start in (catalog / "stacks", catalog / "stacks/example-stack.yaml"):
        result = lint(start)
        assert result.root == catalog
        assert where(result) == ["credentials/broken.yaml:2:8 MC001"]


def test_relative_start_path(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(catalog / "credentials")
    assert find_root(Path(".")) == catalog
    assert find_root(Path("example.yaml")) == catalog


def test_nearest_catalog_wins(catalog: Path) -> None:
    inner = catalog / "credentials/nested-catalog"
    inner.mkdir()
    (inner / "mcauthor.yaml").write_text(base_text("mcauthor.yaml"), "utf-8")
    assert find_root(inner) == inner


def test_a_folder_named_mcauthor_yaml_is_no_config(tmp_path: Path) -> None:
    (tmp_path / "mcauthor.yaml").mkdir()
    with pytest.raises(CannotRun, match=r"no mcauthor\.yaml found"):
        find_root(tmp_path)


def test_no_catalog_cannot_run(tmp_path: Path) -> None:
    (tmp_path / "credentials").mkdir()
    with pytest.raises(CannotRun, match=r"no mcauthor\.yaml found") as info:
        lint(tmp_path / "credentials")
    assert "\n" not in str(info.value)


def test_missing_path_cannot_run(tmp_path: Path) -> None:
    with pytest.raises(CannotRun, match="no such file or folder"):
        find_root(tmp_path / "nope")


# -- numbers that are not finite -----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "at"),
    [
        ("hours: 10", "hours: .inf", "70:8"),
        ("hours: 10", "hours: 1e400", "70:8"),
        ("ceu: 1", "ceu: .nan", "71:6"),
        ("ceu: 1", "ceu: -.inf", "71:6"),
        ("words: {min: 200, max: 400}", "words: {min: .nan, max: 400}", "32:22"),
    ],
)
@pytest.mark.parametrize("credentials", [1, 50])
def test_numbers_that_are_not_finite_are_invalid_values(
    catalog: Path,
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    at: str,
    credentials: int,
) -> None:
    """The same finding whether jsonschema checks each file or fastjsonschema does (>= 40)."""
    from mcauthor import schema

    fast_checks: list[str] = []
    is_valid_fast = schema._is_valid_fast

    def spy(doc):  # type: ignore[no-untyped-def]
        fast_checks.append(doc.relpath)
        return is_valid_fast(doc)

    monkeypatch.setattr(schema, "_is_valid_fast", spy)
    text = base_text(CREDENTIAL)
    for n in range(1, credentials):
        copy = text.replace("id: example", f"id: copy-{n:02}", 1)
        (catalog / "credentials" / f"copy-{n:02}.yaml").write_text(copy, "utf-8")
    assert text.count(old) == 1
    (catalog / CREDENTIAL).write_text(text.replace(old, new), "utf-8")

    for cached in (False, True):  # a second run is served from the document cache
        result = lint(catalog)
        assert only_loading(result) == [f"{CREDENTIAL}:{at} MC053"]
        (diagnostic,) = (d for d in result.diagnostics if d.code == "MC053")
        value = new.split(": ", 1)[1].strip("{}").split(",")[0].removeprefix("min: ")
        assert diagnostic.message.endswith(f"number, not `{value}`")
        assert diagnostic.severity is Severity.ERROR
        assert diagnostic.name == "invalid-value"
        if not cached:
            assert (CREDENTIAL in fast_checks) == (credentials >= schema.FAST_MIN_DOCS)
    assert cache_file("lint", catalog).is_file()
    assert not (catalog / ".mcauthor-cache").exists()  # never in the catalog


@pytest.mark.parametrize(("command", "done"), [("export", "exported"), ("build", "built")])
def test_numbers_that_are_not_finite_refuse_export_and_build(
    catalog: Path, tmp_path: Path, command: str, done: str
) -> None:
    text = base_text(CREDENTIAL).replace("hours: 10", "hours: .inf").replace("ceu: 1", "ceu: .nan")
    (catalog / CREDENTIAL).write_text(text, "utf-8")
    out = tmp_path / "out"
    args = ["export", str(catalog), "-f", "all", "-o", str(out)]
    if command == "build":
        args = ["build", str(catalog), "--out", str(out)]
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "MC053" in result.stderr and "`hours` must be a finite number" in result.stderr
    assert "`ceu` must be a finite number" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"mcauthor: not {done}:")
    assert not out.exists() or not any(out.rglob("*.json"))


# -- texts kept plain or packed ----------------------------------------------------------


@pytest.mark.parametrize("pack", [False, True])
def test_a_document_gives_back_its_text_and_what_it_mentions(pack: bool) -> None:
    text = "title: TODO  # mcauthor: disable=MC514 -- café ☕\n"
    doc = Document("credentials/c.yaml", "credential", text, parse(text), pack)
    assert doc.text == text
    assert doc.mentions(PREFIX) and doc.mentions("TODO") and not doc.mentions("FIXME")


def test_packed_texts_lint_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a catalog of more than PLAIN_FILES files the loader keeps texts compressed;
    nothing a lint reports changes (lines, suppressions, placeholders)."""
    root = copy_sample(tmp_path / "catalog")
    path = next((root / "credentials").glob("*.yaml"))
    text = path.read_text("utf-8").replace("\nhours: ", "\nhours: -")
    text = text.replace("\ntitle: ", "\ntitle: TODO ", 1)
    path.write_text(text + "# mcauthor: disable=MC999 -- not a rule\n", "utf-8")
    plain = lint(root, LintOptions(cache=False))
    monkeypatch.setattr(loader, "PLAIN_FILES", 0)  # pack every file
    packed = lint(root, LintOptions(cache=False))
    assert isinstance(packed.documents[path.relative_to(root).as_posix()]._text, bytes)
    assert packed.diagnostics == plain.diagnostics
    assert {d.code for d in plain.diagnostics} >= {"MC053", "MC514", "MC900"}
