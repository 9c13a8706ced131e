"""docs/format.md, the format reference, stays in step with the shipped JSON Schemas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcauthor import formatdocs
from mcauthor.build import build
from mcauthor.lint import lint
from mcauthor.report import json_report
from mcauthor.rules import by_code
from mcauthor.rules.examples import materialize
from mcauthor.schemakinds import SCHEMA_KINDS

from conftest import REPO, copy_sample

FORMAT = REPO / "docs" / "format.md"
REGENERATE = "docs/format.md is stale: regenerate with: python scripts/rules-doc"


def test_format_reference_is_current() -> None:
    text = FORMAT.read_text("utf-8")
    assert formatdocs.update(text) == text, REGENERATE


def test_every_shipped_schema_has_a_table() -> None:
    documented = formatdocs.documented_kinds(FORMAT.read_text("utf-8"))
    assert sorted(documented) == sorted(SCHEMA_KINDS)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_key_is_described(kind: str) -> None:
    missing = formatdocs.undescribed(kind)
    assert not missing, (
        f"keys of src/mcauthor/schemas/{kind}.schema.json without a description "
        f"(add one, then run python scripts/rules-doc): {', '.join(missing)}"
    )


def test_every_key_of_a_schema_is_a_row() -> None:
    """Keys deep inside lists, references and alternatives are listed too."""
    paths = [row.path for row in formatdocs.rows("credential")]
    assert "rubric.criteria[].descriptors.<name>" in paths
    assert "evidence[].prompts[].words.max" in paths
    assert "research[].key" in paths and "x-" not in " ".join(paths)
    assert len(paths) == len(set(paths))
    lint = [row.path for row in formatdocs.rows("catalog-json") if row.path.startswith("lint")]
    assert "lint.summary.error" in lint  # inside `oneOf: [null, {...}]`


def test_table_shows_types_requirements_and_defaults() -> None:
    rows = {row.path: row for row in formatdocs.rows("credential")}
    assert rows["id"].type == "id" and rows["id"].required
    assert rows["status"].type == "`draft` \\| `published` \\| `retired`"
    assert rows["status"].default == "`draft`" and not rows["status"].required
    assert rows["hours"].type == "number > 0"
    assert rows["credit.value"].type == "number > 0, ≤ 10000"
    assert rows["requires"].type == "list of ids"
    assert rows["tags"].type == "list (no repeats) of non-empty text"
    assert rows["key_method.research"].type == "list of keys"


def test_a_research_file_documents_its_entries() -> None:
    """The file is a list: its table lists one entry's keys, not `[].key`."""
    paths = [row.path for row in formatdocs.rows("research")]
    assert paths[0] == "key" and "doi" in paths


def test_update_rewrites_only_the_tables() -> None:
    text = "Prose.\n<!-- schema: stack -->\nold table\n<!-- /schema -->\nMore prose.\n"
    updated = formatdocs.update(text)
    assert updated.startswith("Prose.\n<!-- schema: stack -->\n\n| key | type |")
    assert updated.endswith("|\n\n<!-- /schema -->\nMore prose.\n")
    assert "old table" not in updated and "| `credentials` | list of ids |" in updated
    assert formatdocs.update(updated) == updated


def _section(title: str) -> str:
    """The text of one `## ` section of docs/format.md."""
    text = FORMAT.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def _documented_report_keys() -> set[str]:
    """`summary.error`, `.warning` in the report table, spelled out in full."""
    keys = set()
    for row in re.findall(r"^\| (`.+?`) \|", _section("The lint report (`--format json`)"), re.M):
        cells = re.findall(r"`([^`]+)`", row)
        for cell in cells:
            keys.add(cells[0].rsplit(".", 1)[0] + cell if cell.startswith(".") else cell)
    return keys


def _report_keys(value: object, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        keys = set()
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            keys |= {path} | _report_keys(inner, path)
        return keys
    if isinstance(value, list):
        return {f"{prefix}[]"}.union(*(_report_keys(item, f"{prefix}[]") for item in value))
    return set()


def test_lint_report_table_names_every_key_of_the_report(tmp_path: Path) -> None:
    bad = by_code()["MC201"].bad
    assert bad is not None
    report = json_report.as_dict(lint(materialize(bad, tmp_path / "c")))
    assert report["diagnostics"], "the example must produce a finding"
    documented = _documented_report_keys() | {"summary", "diagnostics"}
    assert _report_keys(report) == documented


def _layout() -> list[tuple[str, re.Pattern[str]]]:
    """Each `<out>/...` line of the output layout, as a pattern of site paths."""
    block = _section("What `mcauthor build` writes").split("```")[1]
    names = [line.split()[0].removeprefix("<out>/") for line in block.split("\n")[1:-1]]
    return [(name, re.compile(_glob(name))) for name in names]


def _glob(name: str) -> str:
    """`credentials/<id>/index.html` as a regex; `...` stands for any path."""
    regex = re.escape(name).replace(re.escape("<id>"), "[a-z0-9-]+")
    return regex.replace(re.escape("..."), ".+") + "$"


def test_output_layout_is_what_build_writes(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(copy_sample(tmp_path / "catalog"), out, guides=False)
    files = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    layout = _layout()
    undocumented = [f for f in files if not any(p.match(f) for _, p in layout)]
    assert not undocumented, f"docs/format.md does not list: {undocumented}"
    # The sample has no assets/, and this build leaves the guides out.
    expected = [name for name, _ in layout if not name.startswith(("guides/", "assets/"))]
    unused = [n for n, p in layout if n in expected and not any(p.match(f) for f in files)]
    assert not unused, f"docs/format.md lists what build no longer writes: {unused}"
