"""A warm `mcauthor lint` (mcauthor.resultcache): the kept report is given back only while
nothing it was computed from changed, and then it is exactly what a fresh lint says."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcauthor import resultcache
from mcauthor.catalogfiles import Files
from mcauthor.diagnostics import Reported
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.report import FORMATS, Options
from mcauthor.usercache import LINT, Store

from conftest import copy_sample, edit, invoke

CREDENTIAL = "credentials/calibrating-scoring.yaml"
IMAGE = "assets/new-badge.png"


def kept(root: Path, options: LintOptions | None = None) -> Reported:
    """A lint through the kept report, which must have been given back (not linted)."""
    report = resultcache.lint_report(root, options or LintOptions())
    assert not isinstance(report, LintResult), "the kept report was not given back"
    return report


def same_as_fresh(report: Reported, root: Path, options: LintOptions | None = None) -> None:
    fresh = lint(root, LintOptions(**{**vars(options or LintOptions()), "cache": False}))
    assert report.diagnostics == fresh.diagnostics
    assert (report.files, report.fail_on, report.hidden) == (
        fresh.files,
        fresh.fail_on,
        fresh.hidden,
    )
    for name, chosen in FORMATS.items():
        if not chosen.in_git:
            assert chosen.render(report, Options()) == chosen.render(fresh, Options()), name


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """The sample with findings of several kinds, and a badge image that is missing."""
    root = copy_sample(tmp_path / "catalog")
    edit(root / CREDENTIAL, "\ntitle: ", f"\nimage: {IMAGE}\nx-note: kept\ntitle: ")
    edit(root / CREDENTIAL, "\ncompetency: The educator", "\ncompetency: Educators understand and")
    return root


def test_a_warm_lint_gives_back_what_a_fresh_lint_says_in_every_format(catalog: Path) -> None:
    first = resultcache.lint_report(catalog, LintOptions())
    assert isinstance(first, LintResult)  # nothing kept yet: a lint
    assert {"MC511", "MC105"} <= {d.code for d in first.diagnostics}
    same_as_fresh(kept(catalog), catalog)
    for fmt in ("text", "json", "markdown", "github"):
        warm = invoke("lint", catalog, "--format", fmt)
        cold = invoke("lint", catalog, "--format", fmt, "--no-cache")
        assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout), fmt


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, "utf-8")


def _rename(root: Path, old: str, new: str) -> None:
    (root / old).rename(root / new)


# What may change between two lints, each by what it changes; every one must be seen.
CHANGES: dict[str, Callable[[Path], None]] = {
    "a credential's text": lambda r: edit(r / CREDENTIAL, "x-note: kept", "x-note: edited"),
    "a new credential": lambda r: shutil.copy(r / CREDENTIAL, r / "credentials/copy.yaml"),
    "a deleted credential": lambda r: (r / CREDENTIAL).unlink(),
    "a renamed credential": lambda r: _rename(r, CREDENTIAL, "credentials/renamed.yaml"),
    "a new research file": lambda r: _write(r, "research/more.yaml", "- key: x\n"),
    "the config": lambda r: edit(
        r / "mcauthor.yaml", "build:\n", "lint:\n  fail_on: info\nbuild:\n"
    ),
    "an exclude": lambda r: edit(
        r / "mcauthor.yaml", "build:\n", "lint:\n  exclude: ['credentials/c*']\nbuild:\n"
    ),
    "the missing image made": lambda r: _write(r, IMAGE, "png"),
    "a folder where the image is named": lambda r: (r / IMAGE).mkdir(parents=True),
    "the image made with other capitals": lambda r: _write(r, IMAGE.upper(), "png"),
    "a template link out of the catalog": lambda r: (
        (r / "templates").mkdir(),
        (r / "templates/base.html").symlink_to("/etc/hostname"),
    ),
    "a credential linked from outside": lambda r: (r / "credentials/x.yaml").symlink_to(
        r.parent / "elsewhere.yaml"
    ),
    "an unreadable character": lambda r: (r / CREDENTIAL).write_bytes(b"id: \xff\n"),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_each_change_is_seen_and_the_new_report_is_a_fresh_lints(
    catalog: Path, change: str
) -> None:
    (catalog.parent / "elsewhere.yaml").write_text("id: elsewhere\n", "utf-8")
    resultcache.lint_report(catalog, LintOptions())
    kept(catalog)
    CHANGES[change](catalog)
    again = resultcache.lint_report(catalog, LintOptions())
    assert isinstance(again, LintResult), "a kept report was given back after a change"
    same_as_fresh(again, catalog)
    same_as_fresh(resultcache.lint_report(catalog, LintOptions()), catalog)


def test_the_image_that_comes_back_is_seen_both_ways(catalog: Path) -> None:
    """The questions asked about assets are asked again: the answer may change back."""
    _write(catalog, IMAGE, "png")
    resultcache.lint_report(catalog, LintOptions())
    assert "MC511" not in {d.code for d in kept(catalog).diagnostics}
    (catalog / IMAGE).unlink()
    again = resultcache.lint_report(catalog, LintOptions())
    assert "MC511" in {d.code for d in again.diagnostics}
    same_as_fresh(again, catalog)


@pytest.mark.parametrize(
    "options",
    [
        LintOptions(select=("MC1",)),
        LintOptions(ignore=("MC511",)),
        LintOptions(fail_on="info"),
        LintOptions(changed=frozenset({CREDENTIAL})),
        LintOptions(changed=frozenset({"stacks/basic-performance-assessment-design.yaml"})),
    ],
    ids=["select", "ignore", "fail-on", "changed", "changed-elsewhere"],
)
def test_each_option_keeps_its_own_report(catalog: Path, options: LintOptions) -> None:
    resultcache.lint_report(catalog, LintOptions())
    kept(catalog)
    first = resultcache.lint_report(catalog, options)
    assert isinstance(first, LintResult)
    same_as_fresh(first, catalog, options)
    same_as_fresh(kept(catalog, options), catalog, options)


def _report_file(root: Path) -> Path:
    store = Store.open(LINT)
    assert store is not None
    return store.path(Store.name_for(root, resultcache.SUFFIX))


def test_a_report_with_a_valid_seal_is_what_a_warm_lint_shows(catalog: Path) -> None:
    """The control for the next test: a sealed report is believed, so the seal is what
    keeps a forged one out."""
    resultcache.lint_report(catalog, LintOptions())
    store = Store.open(LINT)
    assert store is not None
    body = json.loads(store.read(_report_file(catalog).name) or b"")
    body["diagnostics"][0]["message"] = "planted"
    store.write(_report_file(catalog).name, json.dumps(body).encode())
    assert "planted" in [d.message for d in kept(catalog).diagnostics]


def test_a_report_changed_by_hand_is_not_believed(catalog: Path) -> None:
    resultcache.lint_report(catalog, LintOptions())
    path = _report_file(catalog)
    path.write_bytes(path.read_bytes().replace(b'"message":"', b'"message":"planted ', 1))
    again = resultcache.lint_report(catalog, LintOptions())
    assert isinstance(again, LintResult)
    assert not any("planted" in d.message for d in again.diagnostics)


def test_a_report_of_another_catalog_is_not_given_back(catalog: Path, tmp_path: Path) -> None:
    """A copy of the catalog's report under another catalog's name (say, the same files
    with another image folder) does not serve: the key holds the catalog's real path."""
    other = tmp_path / "other"
    shutil.copytree(catalog, other)
    _write(other, IMAGE, "png")
    resultcache.lint_report(catalog, LintOptions())
    shutil.copy(_report_file(catalog), _report_file(other))
    again = resultcache.lint_report(other, LintOptions())
    assert isinstance(again, LintResult)
    assert "MC511" not in {d.code for d in again.diagnostics}


@pytest.mark.parametrize("undone", [False, True], ids=["edited", "edited-and-undone"])
def test_a_lint_whose_files_change_while_it_runs_keeps_nothing(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, undone: bool
) -> None:
    """An editor saving while the lint reads: the report is of what the lint read, which
    is not what the files hold after it (even when the edit is undone by then)."""
    path = catalog / CREDENTIAL
    before = path.read_text("utf-8")

    def edited_while_read(root: Path, options: LintOptions, files: Files) -> LintResult:
        if undone:  # the lint reads an edit that is undone before it ends
            edit(path, "x-note: kept", "x-note: edited meanwhile")
        result = lint(root, options, files=files)
        if undone:
            path.write_text(before, "utf-8")
        else:  # saved after the lint read the file
            edit(path, "x-note: kept", "x-note: edited meanwhile")
        return result

    monkeypatch.setattr("mcauthor.lint.lint", edited_while_read)
    resultcache.lint_report(catalog, LintOptions())
    assert not _report_file(catalog).exists()
    monkeypatch.undo()
    same_as_fresh(resultcache.lint_report(catalog, LintOptions()), catalog)


def test_an_asset_path_of_a_nul_is_asked_again_as_it_was(catalog: Path) -> None:
    """A path that is one NUL character is kept as text, not mistaken for no value."""
    edit(catalog / CREDENTIAL, f"image: {IMAGE}", 'image: "\\0"')
    resultcache.lint_report(catalog, LintOptions())
    same_as_fresh(kept(catalog), catalog)


def test_questions_are_asked_again_of_the_catalog_however_it_is_reached(tmp_path: Path) -> None:
    """The catalog first linted through a link above it that later leads elsewhere: its
    kept questions are about the catalog, not about the way it was first written."""
    one = copy_sample(tmp_path / "one" / "catalog")
    edit(one / CREDENTIAL, "\ntitle: ", f"\nimage: {IMAGE}\ntitle: ")
    _write(one, IMAGE, "png")
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "one")
    resultcache.lint_report(link / "catalog", LintOptions())
    (one / IMAGE).unlink()
    link.unlink()
    link.symlink_to(tmp_path / "two")  # the first spelling now reaches the copy
    report = resultcache.lint_report(one, LintOptions())
    assert "MC511" in {d.code for d in report.diagnostics}
    same_as_fresh(report, one)


def test_a_warm_lint_without_a_cache_folder_lints(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("MCAUTHOR_CACHE_DIR", str(tmp_path / "file"))
    for _ in range(2):
        report = resultcache.lint_report(catalog, LintOptions())
        assert isinstance(report, LintResult)
        same_as_fresh(report, catalog)


def test_mcauthor_itself_is_part_of_the_key(tmp_path: Path) -> None:
    """A rule edited during development (the version unchanged) makes a new key."""
    package = tmp_path / "package"
    (package / "rules").mkdir(parents=True)
    (package / "rules" / "mc103.py").write_text("old = 1\n")
    before = resultcache.stamps(package)
    (package / "rules" / "mc103.py").write_text("new = 2\n")
    os.utime(package / "rules" / "mc103.py", ns=(1, 1))
    assert resultcache.stamps(package) != before


# -- random sequences of changes ----------------------------------------------------------------

STEPS = sorted(set(CHANGES) - {"a credential linked from outside"})


def _sequences(tmp_path_factory: pytest.TempPathFactory, examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        derandomize=True,
    )
    @given(steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=5))
    def sequences(steps: list[str]) -> None:
        root = copy_sample(tmp_path_factory.mktemp("warm") / "catalog")
        edit(root / CREDENTIAL, "\ntitle: ", f"\nimage: {IMAGE}\nx-note: kept\ntitle: ")
        for step in steps:
            try:
                CHANGES[step](root)
            except (AssertionError, OSError, UnicodeDecodeError):
                continue  # the change no longer applies (a file already gone, made)
            same_as_fresh(resultcache.lint_report(root, LintOptions()), root)
            same_as_fresh(kept(root), root)

    sequences()


def test_a_warm_lint_equals_a_fresh_lint_after_random_changes(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _sequences(tmp_path_factory, 12)


@pytest.mark.slow
def test_a_warm_lint_equals_a_fresh_lint_after_200_random_change_sequences(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _sequences(tmp_path_factory, 200)
