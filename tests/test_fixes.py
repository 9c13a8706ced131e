"""The rules' fixes (mcauthor.fixes) and `mcauthor lint --fix` (mcauthor.autofix).

Each fix runs on a copy of the sample catalog with comments around the place it fixes,
and must change exactly the bytes it says (the whole text after it is spelled out), keep
the comments, and leave a file that lints without the finding it fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mcauthor import autofix
from mcauthor.diagnostics import Diagnostic
from mcauthor.fixes import Fix, FixContext, apply
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.rules import by_code

from conftest import copy_sample, git, invoke, only

CALIBRATING = "credentials/calibrating-scoring.yaml"
BASIC_STACK = "stacks/basic-performance-assessment-design.yaml"
TODO = '"TODO: describe this level"'
NOT_MET = (
    "        not-met: The overview does not describe the task, the participants or how the "
    "samples were chosen.\n"
)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "catalog")


def _edit(root: Path, rel: str, old: str, new: str) -> str:
    """Replace ``old`` (once, and it must be there) in a catalog file; its new text."""
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_bytes(text.encode("utf-8"))
    return text


def _read(root: Path) -> FixContext:
    return FixContext(lint(root).catalog, lambda rel: (root / rel).read_bytes().decode("utf-8"))


def _fixes(root: Path, code: str, nth: int = 0) -> tuple[Diagnostic, list[Fix]]:
    """The fixes of the nth finding of ``code``, as the CLI reads the files."""
    result = lint(root)
    finding = only(result, code)[nth]
    context = FixContext(result.catalog, lambda rel: (root / rel).read_bytes().decode("utf-8"))
    return finding, by_code()[code]().fixes(finding, context)


def _apply(root: Path, fix: Fix) -> None:
    for file in {e.file for e in fix.edits}:
        path = root / file
        text = path.read_bytes().decode("utf-8")
        path.write_bytes(apply(text, [e for e in fix.edits if e.file == file]).encode("utf-8"))


def _fix_one(root: Path, code: str, nth: int = 0) -> tuple[Fix, LintResult]:
    """Apply the safe fix of the nth finding of ``code``; the fix and the lint after it."""
    _, fixes = _fixes(root, code, nth)
    (fix,) = fixes
    assert fix.safe
    _apply(root, fix)
    return fix, lint(root)


# -- MC011 -------------------------------------------------------------------------------
def test_mc011_quotes_the_value_as_written(catalog: Path) -> None:
    before = _edit(
        catalog,
        CALIBRATING,
        'version: "1.0.0"\n',
        "# the version, as people write it\nversion: 1.10  # not 1.1\n",
    )
    before = _edit(catalog, CALIBRATING, "tags: [performance-assessment,", "tags: [on,")
    fix, after = _fix_one(catalog, "MC011")
    assert fix.title == "Quote `1.10`"
    text = (catalog / CALIBRATING).read_text("utf-8")
    assert text == before.replace("version: 1.10  #", 'version: "1.10"  #')
    assert [d.line for d in only(after, "MC011")] == [146]  # the other one is still there
    fix, after = _fix_one(catalog, "MC011")
    assert (catalog / CALIBRATING).read_text("utf-8") == text.replace("[on,", '["on",')
    assert not only(after, "MC011")


def test_mc011_leaves_a_value_with_an_anchor_alone(catalog: Path) -> None:
    _edit(catalog, CALIBRATING, 'version: "1.0.0"\n', "version: &v 1.10\n")
    _, fixes = _fixes(catalog, "MC011")
    assert fixes == []  # the scalar does not start where the finding is: no guess


# -- MC408 -------------------------------------------------------------------------------
def test_mc408_adds_the_missing_level_to_a_block_mapping(catalog: Path) -> None:
    before = _edit(catalog, CALIBRATING, NOT_MET, "        # not-met is still to write\n")
    fix, after = _fix_one(catalog, "MC408")
    assert "`not-met`" in fix.title and "TODO" in fix.title and "MC514" in fix.title
    progressing = before.index("        # not-met is still to write")
    expected = before[:progressing] + f"        not-met: {TODO}\n" + before[progressing:]
    assert (catalog / CALIBRATING).read_text("utf-8") == expected
    assert not only(after, "MC408")
    (todo,) = only(after, "MC514")  # the next step: write the text
    assert (todo.path, todo.line) == (CALIBRATING, 119)


def test_mc408_adds_to_a_flow_mapping_in_its_style(catalog: Path) -> None:
    old = (
        "      descriptors:\n"
        "        demonstrated: Every score point on at least two criteria has an anchor whose "
        "annotation quotes the rubric language that the work exemplifies.\n"
        "        progressing: Anchors are provided, but some score points are missing or the "
        "annotations do not refer to the rubric.\n"
        "        not-met: No anchor set is provided, or the anchors are not annotated.\n"
    )
    before = _edit(
        catalog,
        CALIBRATING,
        old,
        "      descriptors: {demonstrated: Every point anchored, progressing: Some}  # short\n",
    )
    _fix_one(catalog, "MC408")
    expected = before.replace("progressing: Some}", f"progressing: Some, not-met: {TODO}}}")
    assert (catalog / CALIBRATING).read_text("utf-8") == expected


def test_mc408_adds_descriptors_that_are_missing_altogether(catalog: Path) -> None:
    text = (catalog / CALIBRATING).read_text("utf-8")
    start = text.index("      descriptors:\n        demonstrated: The overview")
    end = text.index("    - id: anchor-set")
    before = text[:start] + "      # descriptors to come\n" + text[end:]
    (catalog / CALIBRATING).write_text(before, "utf-8")
    _, after = _fix_one(catalog, "MC408")
    added = (
        "      descriptors:\n"
        f"        demonstrated: {TODO}\n"
        f"        progressing: {TODO}\n"
        f"        not-met: {TODO}\n"
    )
    # After the criterion's last entry (its title), before the comment that followed it.
    expected = before.replace(
        "      # descriptors to come\n", added + "      # descriptors to come\n"
    )
    assert (catalog / CALIBRATING).read_text("utf-8") == expected
    assert not only(after, "MC408") and len(only(after, "MC514")) == 3


def test_mc408_has_no_fix_for_a_descriptor_of_an_unknown_level(catalog: Path) -> None:
    _edit(catalog, CALIBRATING, NOT_MET, "        Not-met: typed with a capital\n")
    _, fixes = _fixes(catalog, "MC408")
    assert fixes == []  # rename `Not-met`, or add `not-met`? The author says.


def test_fixes_keep_windows_line_ends(catalog: Path) -> None:
    path = catalog / CALIBRATING
    _edit(catalog, CALIBRATING, NOT_MET, "")
    _edit(catalog, CALIBRATING, "status: published", "status: published  # mcauthor: disable=MC509")
    before = path.read_text("utf-8").replace("\n", "\r\n")
    path.write_bytes(before.encode("utf-8"))
    _fix_one(catalog, "MC408")
    _, after = _fix_one(catalog, "MC900")
    expected = before.replace("  # mcauthor: disable=MC509", "").replace(
        "is not explained.\r\n", f"is not explained.\r\n        not-met: {TODO}\r\n", 1
    )
    assert path.read_bytes().decode("utf-8") == expected
    assert not only(after, "MC408") and not only(after, "MC900")


def test_no_fix_where_lines_would_be_counted_differently(catalog: Path) -> None:
    _edit(catalog, CALIBRATING, 'version: "1.0.0"\n', "version: 1.10\n# a\r# b\n")
    _, fixes = _fixes(catalog, "MC011")
    assert fixes == []  # a lone carriage return: the reader's lines are not the editor's


# -- MC900 -------------------------------------------------------------------------------
def test_mc900_removes_a_comment_after_a_value(catalog: Path) -> None:
    before = _edit(
        catalog,
        CALIBRATING,
        "status: published\n",
        "status: published  # mcauthor: disable=MC509 -- hours are set\n# kept\n",
    )
    fix, after = _fix_one(catalog, "MC900")
    assert fix.title == "Remove the unused suppression comment"
    expected = before.replace(
        "status: published  # mcauthor: disable=MC509 -- hours are set", "status: published"
    )
    assert (catalog / CALIBRATING).read_text("utf-8") == expected
    assert not only(after, "MC900")


def test_mc900_removes_a_comment_alone_on_its_line_with_its_line(catalog: Path) -> None:
    before = _edit(
        catalog,
        CALIBRATING,
        "status: published\n",
        "# kept before\n# mcauthor: disable=MC509\nstatus: published  # kept after\n",
    )
    _, after = _fix_one(catalog, "MC900")
    expected = before.replace("# mcauthor: disable=MC509\n", "")
    assert (catalog / CALIBRATING).read_text("utf-8") == expected
    assert not only(after, "MC900")


@pytest.mark.parametrize(
    ("codes", "nth", "left"),
    [
        ("MC503, MC301, MC509", 0, "MC503, MC509"),
        ("MC503, MC301, MC509", 1, "MC503, MC301"),
        ("MC301,MC503", 0, "MC503"),
    ],
)
def test_mc900_removes_one_code_of_several(catalog: Path, codes: str, nth: int, left: str) -> None:
    # MC503 is used (the requires entry is unknown); MC301 and MC509 are not.
    before = _edit(
        catalog,
        CALIBRATING,
        "requires: [ensuring-technical-quality]",
        f"requires: [nope]  # mcauthor: disable={codes} -- why",
    )
    finding, fixes = _fixes(catalog, "MC900", nth)
    (fix,) = fixes
    assert (
        fix.title
        == f"Remove `{finding.message.split('=')[1].split('`')[0]}` from the suppression comment"
    )
    _apply(catalog, fix)
    text = (catalog / CALIBRATING).read_text("utf-8")
    assert text == before.replace(f"disable={codes} -- why", f"disable={left} -- why")
    assert finding.message not in [d.message for d in only(lint(catalog), "MC900")]


# -- MC004 -------------------------------------------------------------------------------
def test_mc004_removes_the_byte_order_mark_only(catalog: Path) -> None:
    path = catalog / CALIBRATING
    raw = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw)
    _, after = _fix_one(catalog, "MC004")
    assert path.read_bytes() == raw
    assert not only(after, "MC004")


# -- fixes offered in the editor only ------------------------------------------------------
def test_mc508_adds_the_credential_to_a_stack_of_your_choice(catalog: Path) -> None:
    before = _edit(
        catalog, BASIC_STACK, "  - calibrating-scoring\n", "  # calibrating comes later\n"
    )
    finding, fixes = _fixes(catalog, "MC508")
    assert finding.path == CALIBRATING
    titles = [f.title for f in fixes]
    assert titles == [
        "Add to stack `advanced-performance-assessment-design`",
        "Add to stack `basic-performance-assessment-design`",
        "Add to stack `leading-a-performance-assessment-community`",
    ]
    assert not any(f.safe for f in fixes)
    assert autofix.safe_fixes((finding,), _read(catalog)) == []  # not for --fix
    _apply(catalog, fixes[1])
    expected = before.replace(
        "  - ensuring-technical-quality\n",
        "  - ensuring-technical-quality\n  - calibrating-scoring\n",
    )
    assert (catalog / BASIC_STACK).read_text("utf-8") == expected
    assert not only(lint(catalog), "MC508")


def test_mc508_adds_to_a_flow_list(catalog: Path) -> None:
    text = (catalog / BASIC_STACK).read_text("utf-8")
    start = text.index("credentials:\n")
    end = text.index("  - calibrating-scoring\n") + len("  - calibrating-scoring\n")
    flow = "credentials: [designing-performance-tasks, ensuring-technical-quality]  # two\n"
    before = text[:start] + flow + text[end:]
    (catalog / BASIC_STACK).write_text(before, "utf-8")
    _, fixes = _fixes(catalog, "MC508")
    _apply(catalog, fixes[1])
    expected = before.replace("quality]", "quality, calibrating-scoring]")
    assert (catalog / BASIC_STACK).read_text("utf-8") == expected


def test_mc501_changes_the_id_to_the_file_name(catalog: Path) -> None:
    before = _edit(
        catalog, CALIBRATING, "id: calibrating-scoring\n", "id: calibrating  # renamed\n"
    )
    _, fixes = _fixes(catalog, "MC501")
    (fix,) = fixes
    assert fix.title == "Change the id to `calibrating-scoring`" and not fix.safe
    _apply(catalog, fix)
    assert (catalog / CALIBRATING).read_text("utf-8") == before.replace(
        "id: calibrating  #", "id: calibrating-scoring  #"
    )
    assert not only(lint(catalog), "MC501")


# -- lint --fix ----------------------------------------------------------------------------
def _several(root: Path) -> dict[str, str]:
    """Make fixable findings in two files and one that has no fix; their texts."""
    _edit(root, CALIBRATING, 'version: "1.0.0"\n', "version: 1.10  # kept\n")
    _edit(root, CALIBRATING, NOT_MET, "        # kept too\n")
    _edit(
        root, CALIBRATING, "status: published\n", "status: published  # mcauthor: disable=MC509\n"
    )
    stack = root / BASIC_STACK
    stack.write_bytes(b"\xef\xbb\xbf" + stack.read_bytes())
    _edit(root, CALIBRATING, "requires: [ensuring-technical-quality]", "requires: [nope]")
    return {rel: (root / rel).read_bytes().decode("utf-8") for rel in (CALIBRATING, BASIC_STACK)}


def test_lint_fix_end_to_end(catalog: Path) -> None:
    before = _several(catalog)
    run = invoke("lint", "--fix", catalog)
    assert run.exit_code == 1, run.output  # MC503 has no fix: still an error
    lines = run.stdout.splitlines()
    assert lines[0] == "Fixed 4 findings in 2 files."
    assert "MC503" in run.stdout and "MC514" in run.stdout
    for code in ("MC004", "MC011", "MC408", "MC900"):
        assert code not in run.stdout
    text = (catalog / CALIBRATING).read_text("utf-8")
    assert 'version: "1.10"  # kept' in text and "        # kept too\n" in text
    assert "status: published\n" in text and "requires: [nope]" in text
    assert (catalog / BASIC_STACK).read_bytes() == before[BASIC_STACK][1:].encode("utf-8")
    again = invoke("lint", "--fix", catalog)
    assert again.stdout.splitlines()[0] == "Fixed 0 findings in 0 files."


def test_lint_fix_machine_formats_say_it_on_stderr(catalog: Path) -> None:
    _several(catalog)
    run = invoke("lint", "--fix", "--format", "json", catalog)
    assert run.stderr.startswith("Fixed 4 findings in 2 files.")
    assert run.stdout.startswith("{") or run.stdout.startswith("[")


def test_suppressed_and_ignored_findings_are_not_fixed(catalog: Path) -> None:
    before = _edit(
        catalog,
        CALIBRATING,
        'version: "1.0.0"\n',
        "version: 1.10  # mcauthor: disable=MC011 -- as it is\n",
    )
    assert autofix.fix(catalog, LintOptions()).fixed == 0
    assert (catalog / CALIBRATING).read_text("utf-8") == before
    _edit(catalog, CALIBRATING, "  # mcauthor: disable=MC011 -- as it is", "")
    before = (catalog / CALIBRATING).read_text("utf-8")
    for options in (LintOptions(ignore=("MC011",)), LintOptions(select=("MC4",))):
        assert autofix.fix(catalog, options).fixed == 0
        assert (catalog / CALIBRATING).read_text("utf-8") == before
    config = catalog / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8") + "lint:\n  rules:\n    MC011: off\n", "utf-8")
    assert autofix.fix(catalog, LintOptions()).fixed == 0
    assert (catalog / CALIBRATING).read_text("utf-8") == before


def test_lint_fix_changed_since_fixes_only_changed_files(catalog: Path) -> None:
    stack = catalog / BASIC_STACK
    stack.write_bytes(b"\xef\xbb\xbf" + stack.read_bytes())
    git(catalog, "init", "-q")
    git(catalog, "add", "-A")
    git(catalog, "commit", "-q", "-m", "start")
    _edit(catalog, CALIBRATING, 'version: "1.0.0"\n', "version: 1.10\n")
    run = invoke("lint", "--fix", "--changed-since", "HEAD", catalog)
    assert run.stdout.splitlines()[0] == "Fixed 1 finding in 1 file.", run.output
    assert stack.read_bytes().startswith(b"\xef\xbb\xbf")  # unchanged since HEAD: left
    assert 'version: "1.10"' in (catalog / CALIBRATING).read_text("utf-8")


def test_a_file_changed_on_disk_meanwhile_is_not_written(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(catalog, CALIBRATING, 'version: "1.0.0"\n', "version: 1.10\n")
    real = autofix._write

    def meanwhile(folder, file, before, edits):  # type: ignore[no-untyped-def]
        (catalog / file).write_text("id: someone-else\n", "utf-8")
        return real(folder, file, before, edits)

    monkeypatch.setattr(autofix, "_write", meanwhile)
    done = autofix.fix(catalog, LintOptions())
    assert done.fixed == 0 and CALIBRATING in done.refused
    assert "changed on disk" in done.refused[CALIBRATING]
    assert (catalog / CALIBRATING).read_text("utf-8") == "id: someone-else\n"


def test_a_linked_file_is_never_written_through(catalog: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    text = (catalog / CALIBRATING).read_text("utf-8").replace('version: "1.0.0"', "version: 1.10")
    (catalog / "credentials" / "real.yaml").write_text(
        text.replace("id: calibrating-scoring", "id: real"), "utf-8"
    )
    (catalog / CALIBRATING).unlink()
    (catalog / CALIBRATING).symlink_to("real.yaml")
    outside.write_text("kept", "utf-8")
    done = autofix.fix(catalog, LintOptions(select=("MC011",)))
    assert (catalog / CALIBRATING).is_symlink()
    assert done.files == {"credentials/real.yaml"}
    assert 'version: "1.10"' in (catalog / "credentials" / "real.yaml").read_text("utf-8")


# -- MC506 -------------------------------------------------------------------------------
def test_mc506_removes_the_repeated_line_and_keeps_the_comments(catalog: Path) -> None:
    before = _edit(
        catalog,
        BASIC_STACK,
        "  - calibrating-scoring\n",
        "  - calibrating-scoring  # last\n  # the same again:\n  - designing-performance-tasks\n",
    )
    fix, after = _fix_one(catalog, "MC506")
    assert fix.title == "Remove the repeated `designing-performance-tasks`"
    expected = before.replace("  - designing-performance-tasks\n", "", 2).replace(
        "credentials:\n", "credentials:\n  - designing-performance-tasks\n", 1
    )
    assert (catalog / BASIC_STACK).read_text("utf-8") == expected
    assert not only(after, "MC506")


def test_mc506_removes_the_repeated_item_of_a_flow_list(catalog: Path) -> None:
    text = (catalog / BASIC_STACK).read_text("utf-8")
    start = text.index("credentials:\n")
    end = text.index("  - calibrating-scoring\n") + len("  - calibrating-scoring\n")
    flow = (
        "credentials: [designing-performance-tasks, calibrating-scoring, "
        "designing-performance-tasks]  # three\n"
    )
    before = text[:start] + flow + text[end:]
    (catalog / BASIC_STACK).write_text(before, "utf-8")
    _, after = _fix_one(catalog, "MC506")
    expected = before.replace(", designing-performance-tasks]", "]")
    assert (catalog / BASIC_STACK).read_text("utf-8") == expected
    assert not only(after, "MC506")


def test_mc506_has_no_fix_that_would_take_a_comment_with_it(catalog: Path) -> None:
    _edit(
        catalog,
        BASIC_STACK,
        "  - calibrating-scoring\n",
        "  - calibrating-scoring\n  - designing-performance-tasks  # keep this note\n",
    )
    finding, fixes = _fixes(catalog, "MC506")
    assert finding.line > 0 and fixes == []
