"""Data-driven lint cases: every folder in tests/cases is a small catalog and its findings.

``tests/cases/<case>/catalog/`` is a catalog (the skeleton catalog with one thing broken)
and ``tests/cases/<case>/expected.txt`` lists exactly the diagnostics it must produce, one
per line, sorted as the engine sorts them (path, line, column, code)::

    credentials/example.yaml:72:1 MC002 appears twice

``path:line:column CODE`` is compared for the whole list, so a missing or an extra
diagnostic fails the case. Any text after the code must occur in the diagnostic's message.
Blank lines and lines starting with ``#`` are comments. An empty list means: clean.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from mcauthor.diagnostics import Diagnostic
from mcauthor.lint import lint
from mcauthor.rules import by_code

CASES = Path(__file__).parent / "cases"
_LINE = re.compile(
    r"(?P<path>[^:\s]+):(?P<line>\d+):(?P<column>\d+) (?P<code>MC\d{3})(?: (?P<text>.+))?$"
)


@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    column: int
    code: str
    text: str | None

    def key(self) -> str:
        return f"{self.path}:{self.line}:{self.column} {self.code}"


def _case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").is_file())


def _read_expected(case: Path) -> list[Expected]:
    out = []
    for number, raw in enumerate((case / "expected.txt").read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        assert match, f"{case.name}/expected.txt:{number}: not `path:line:column CODE`: {raw!r}"
        out.append(
            Expected(
                match["path"],
                int(match["line"]),
                int(match["column"]),
                match["code"],
                match["text"],
            )
        )
    return out


def _key(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column} {d.code}"


def test_there_are_cases() -> None:
    names = _case_names()
    assert len(names) >= 25, names
    # Every case folder is complete: a catalog to lint and its expectations.
    for path in CASES.iterdir():
        assert (path / "expected.txt").is_file(), f"{path.name} has no expected.txt"
        assert (path / "catalog" / "mcauthor.yaml").is_file(), f"{path.name} has no catalog"


@pytest.mark.parametrize("name", _case_names())
def test_expected_file_is_sorted_and_known(name: str) -> None:
    expected = _read_expected(CASES / name)
    order = [(e.path, e.line, e.column, e.code) for e in expected]
    assert order == sorted(order), f"{name}/expected.txt is not sorted as the engine sorts"
    assert len(set(order)) == len(order), f"{name}/expected.txt lists a diagnostic twice"
    unknown = {e.code for e in expected} - set(by_code())
    assert not unknown, f"{name}/expected.txt names codes that are no rule: {unknown}"


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str, tmp_path: Path) -> None:
    case = CASES / name
    root = tmp_path / "catalog"
    shutil.copytree(case / "catalog", root, symlinks=True)
    expected = _read_expected(case)

    result = lint(root)

    got = [_key(d) for d in result.diagnostics]
    want = [e.key() for e in expected]
    report = "\n".join(f"{_key(d)}  {d.message}" for d in result.diagnostics) or "(none)"
    assert got == want, f"{name}: diagnostics differ; the engine produced:\n{report}"
    for e, d in zip(expected, result.diagnostics, strict=True):
        if e.text is not None:
            assert e.text in d.message, f"{name}: {e.key()}: {e.text!r} not in {d.message!r}"
        assert d.name == by_code()[d.code].name
    # The engine's own order is the contract's order.
    assert list(result.diagnostics) == sorted(result.diagnostics, key=Diagnostic.sort_key)
