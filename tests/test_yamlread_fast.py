"""The fast way of reading a catalog file (yamlread.parse_fast): the same data as the
full reading, no positions until a finding needs them, and the full reading for any
file with something to report."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcauthor import yamlread
from mcauthor.lint import lint

from conftest import SAMPLE, copy_sample, typed


@pytest.mark.parametrize("path", sorted(SAMPLE.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_file_reads_fast_to_the_same_data(path: Path) -> None:
    text = path.read_text("utf-8")
    fast, full = yamlread.parse_fast(text), yamlread.parse(text)
    assert fast is not None
    assert (typed(fast.data), fast.empty) == (typed(full.data), full.empty)
    assert fast.keys == {} and not fast.has_positions


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key
        "enabled: yes\n",  # YAML 1.1 would read a boolean
        "when: 2024-01-02\n",  # YAML 1.1 would read a date
        "a: !!python/object:os.system x\n",  # a tag
        "a: ! 10\n",  # even the non-specific tag, which the full reading types as 10
        "a: &x [1]\nb: *x\n",  # an anchor and an alias
        "a: 1\n---\nb: 2\n",  # a second document
        "? [a]\n: 1\n",  # a list as a key
        "a: [1\n",  # a syntax error
        "[" * (yamlread.MAX_DEPTH + 1) + "]" * (yamlread.MAX_DEPTH + 1),  # too deep
    ],
)
def test_anything_to_report_is_left_to_the_full_reading(text: str) -> None:
    assert yamlread.parse_fast(text) is None
    full = yamlread.parse(text)
    # An alias is no problem, but only the full reading copies what it repeats and
    # counts it against the limit on values.
    assert full.problems or full.fatal or "*x" in text or "! " in text


def test_typed_values_are_read_like_the_full_reading() -> None:
    text = 'hours: 10\nceu: 1.5\nok: true\nnone: null\nempty:\nquoted: "10"\nfloat: .inf\n'
    fast = yamlread.parse_fast(text)
    assert fast is not None
    assert typed(fast.data) == typed(yamlread.parse(text).data)


def test_a_finding_in_a_fast_read_file_still_has_its_line(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    path = next((root / "credentials").glob("*.yaml"))
    text = path.read_text("utf-8")
    path.write_text(text.replace("\nhours: ", "\nhours: -"), "utf-8")
    assert yamlread.parse_fast(path.read_text("utf-8")) is not None  # read the fast way
    result = lint(root)
    (finding,) = [d for d in result.diagnostics if d.path.endswith(path.name)]
    line = next(
        i for i, x in enumerate(path.read_text("utf-8").splitlines(), 1) if x.startswith("hours:")
    )
    assert finding.line == line
