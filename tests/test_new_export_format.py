"""Adding an export format touches three files: its module, one registry line and the
generated docs (docs/contributing.md walks through it). This test does it for real, in a
copy of the package, and checks that `mcauthor export`, its help and `mcauthor build` all
pick the format up from the registry alone."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE

# The format's module, as docs/contributing.md shows it.
TINY = '''"""data/titles.txt: one credential title per line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcauthor.output import Job, key_of

if TYPE_CHECKING:
    from mcauthor.prepare import Prepared

PATH = "data/titles.txt"


def plan(prepared: Prepared) -> list[Job]:
    key = key_of("titles", prepared.all_docs())

    def render() -> bytes:
        return "".join(c.title + "\\n" for c in prepared.credentials()).encode()

    return [Job(PATH, key, render, kind="data")]
'''
LINE = '        Format("titles", "titles", "every title", single="data/titles.txt"),\n'
END = "\n    )\n}\n"  # the end of the FORMATS table


@pytest.fixture
def extended(tmp_path: Path) -> Path:
    """A copy of src/ (and the built-in templates beside it) with the format added."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    registry = src / "mcauthor" / "export" / "__init__.py"
    text = registry.read_text("utf-8")
    assert text.count(END) == 1, "the FORMATS table no longer ends as the docs show"
    registry.write_text(text.replace(END, "\n" + LINE.rstrip("\n") + END), "utf-8")
    (src / "mcauthor" / "export" / "titles.py").write_text(TINY, "utf-8")
    return src


def _changed(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only, below two folders."""
    compared = filecmp.dircmp(a, b, ignore=["__pycache__"])
    out = [f"{compared.left}/{n}" for n in compared.diff_files + compared.left_only]
    out += [f"{compared.right}/{n}" for n in compared.right_only]
    for name in compared.subdirs:
        out += _changed(a / name, b / name)
    return out


def _mcauthor(src: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src), "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "mcauthor", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.slow
def test_a_new_format_needs_its_module_and_one_registry_line(
    extended: Path, tmp_path: Path
) -> None:
    changed = _changed(REPO / "src", extended)
    assert len(changed) == 2, changed  # and the third, docs/format.md, is generated:
    table = subprocess.run(
        [sys.executable, "-c", "from mcauthor import export; print(export.reference())"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(extended)},
        check=False,
    )
    assert "| `titles` | every title |" in table.stdout, table.stdout + table.stderr

    shown = _mcauthor(extended, "export", "--help")
    assert "titles" in shown.stdout, shown.stdout + shown.stderr

    exported = _mcauthor(extended, "export", str(SAMPLE), "--format", "titles")
    assert exported.returncode == 0, exported.stderr
    assert "Calibrating Scoring" in exported.stdout  # a sample credential's title

    catalog = tmp_path / "catalog"
    shutil.copytree(SAMPLE, catalog)
    built = _mcauthor(extended, "build", str(catalog), "-o", str(tmp_path / "out"), "--no-guides")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "data" / "titles.txt").read_text("utf-8") == exported.stdout


def test_the_registry_is_what_the_command_line_offers() -> None:
    from mcauthor.cli import ExportFormat
    from mcauthor.export import FORMATS

    assert [f.value for f in ExportFormat] == [*FORMATS, "all"]


def test_the_docs_list_every_format() -> None:
    from mcauthor import export, formatdocs

    text = (REPO / "docs" / "format.md").read_text("utf-8")
    current = formatdocs.between("export-formats", text, export.reference())
    assert current == text, "docs/format.md lists other formats: run python scripts/rules-doc"
