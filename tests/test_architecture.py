"""The shape of src/mcauthor stays as docs/architecture.md draws it.

- no import cycle (imports inside functions count; imports only for type checking don't);
- the import contracts in pyproject.toml ([tool.importlinter]) hold;
- no module over 600 lines and no function over 80, except the declarative tables below;
- no dead code (vulture, with the names that frameworks call listed in a whitelist).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from conftest import REPO

SRC = REPO / "src" / "mcauthor"
MODULE_LINES = 600
FUNCTION_LINES = 80
# Functions that are one declarative table, long because the table is (say which).
TABLES: dict[str, str] = {}
WHITELIST = REPO / "tests" / "vulture_whitelist.py"


def test_no_import_cycle() -> None:
    graph = grimp.build_graph("mcauthor", exclude_type_checking_imports=True)
    cycles = _cycles({m: graph.find_modules_directly_imported_by(m) for m in graph.modules})
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_the_cycle_check_finds_a_cycle() -> None:
    """The check above can fail: a two-module cycle and a self-contained chain."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(imports.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(imports):
        if node not in index:
            visit(node)
    return sorted(found)


def test_import_contracts_hold() -> None:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "lint-imports is missing: install the dev extras (scripts/dev-setup)"
    done = subprocess.run(
        [command, "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= MODULE_LINES, f"{path.name} has {lines} lines (at most {MODULE_LINES})"


def test_functions_stay_short() -> None:
    long = [
        f"{where} ({length} lines)"
        for where, length in _function_lengths()
        if length > FUNCTION_LINES and where not in TABLES
    ]
    assert not long, "functions over 80 lines: " + ", ".join(long)


def test_the_table_exceptions_are_still_needed() -> None:
    lengths = dict(_function_lengths())
    stale = [name for name in TABLES if lengths.get(name, 0) <= FUNCTION_LINES]
    assert not stale, f"no longer long (drop them from TABLES): {stale}"


def _function_lengths() -> list[tuple[str, int]]:
    out = []
    for path in _modules():
        tree = ast.parse(path.read_text("utf-8"))
        module = path.relative_to(SRC).with_suffix("").as_posix().replace("/", ".")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                out.append((f"{module}.{node.name}", node.end_lineno - node.lineno + 1))
    return out


def test_no_dead_code() -> None:
    command = shutil.which("vulture", path=str(Path(sys.executable).parent))
    assert command, "vulture is missing: install the dev extras (scripts/dev-setup)"
    done = subprocess.run(
        [command, str(SRC), str(WHITELIST), "--min-confidence", "60"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
