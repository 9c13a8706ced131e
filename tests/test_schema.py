"""Schema checks: the fast yes/no validator agrees with jsonschema, and messages are plain."""

from __future__ import annotations

import copy
import json
import math
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcauthor.loader import Document
from mcauthor.schema import CHECK_VERSION, _fast_validator, check, fingerprint, schema
from mcauthor.schemakinds import FILE_KINDS, SCHEMA_KINDS
from mcauthor.yamlread import parse, parse_fast

from conftest import SAMPLE

CREDENTIAL = (SAMPLE / "credentials" / "designing-performance-tasks.yaml").read_text("utf-8")
BASE = parse(CREDENTIAL).data

# Values that exercise every keyword the schemas use: wrong types, empty text, negative
# numbers, booleans where numbers go, unknown keys, duplicates.
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(-2, 2, allow_nan=False),
    st.sampled_from(["", "x", "not-a-slug!", "published", "overview", "demonstrated"]),
    st.lists(st.sampled_from(["a", "a", "b"]), max_size=3),
    st.dictionaries(st.sampled_from(["min", "max", "titel", "x-note"]), st.integers(-1, 5)),
)


def _paths(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, (*prefix, index))
    return out


PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=ODD)
@pytest.mark.slow
def test_fast_validator_agrees_with_jsonschema(path: tuple[object, ...], value: object) -> None:
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    full = jsonschema.Draft202012Validator(schema("credential")).is_valid(data)
    try:
        _fast_validator("credential")(data)
        fast = True
    except Exception:
        fast = False
    assert fast == full, f"{path} = {value!r}: fast={fast} jsonschema={full}"


def test_the_kind_list_names_every_shipped_schema() -> None:
    folder = resources.files("mcauthor").joinpath("schemas")
    shipped = [e.name.removesuffix(".schema.json") for e in folder.iterdir()]
    assert sorted(shipped) == sorted(SCHEMA_KINDS)


def test_every_schema_is_valid_2020_12() -> None:
    for kind in SCHEMA_KINDS:
        jsonschema.Draft202012Validator.check_schema(schema(kind))
        assert schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_fast_and_full_paths_give_the_same_findings(tmp_path: Path) -> None:
    text = CREDENTIAL.replace("hours: 10", 'hours: "ten"').replace("status: published", "status: x")
    results = []
    for fast in (False, True):
        doc = Document("credentials/c.yaml", "credential", text, parse(text))
        results.append([(f.code, f.at, f.message) for f in check(doc, fast=fast)])
    assert results[0] == results[1]
    assert {code for code, _, _ in results[0]} == {"MC051", "MC053"}


def test_sample_schemas_are_the_printed_ones() -> None:
    for kind in FILE_KINDS:
        assert json.loads((SAMPLE / ".schemas" / f"{kind}.json").read_text()) == schema(kind)


# -- numbers that are not finite ---------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ("hours: 10", "hours: .inf", ("hours",), "`hours` must be a finite number, not `.inf`"),
        ("hours: 10", "hours: 1e400", ("hours",), "`hours` must be a finite number, not `1e400`"),
        ("hours: 10", "hours: -.INF", ("hours",), "`hours` must be a finite number, not `-.INF`"),
        ("ceu: 1.0", "ceu: .nan", ("ceu",), "`ceu` must be a finite number, not `.nan`"),
        ("ceu: 1.0", "ceu: -.inf", ("ceu",), "`ceu` must be a finite number, not `-.inf`"),
        (
            "words: {min: 200, max: 300}",
            "words: {min: .nan, max: 300}",
            ("evidence", 0, "prompts", 0, "words", "min"),
            "must be a whole number, not `.nan`",
        ),
        (
            "year: 2005",
            "year: 1e400",
            ("research", 0, "year"),
            "`research[0].year` must be a whole number, not `1e400`",
        ),
    ],
)
def test_numbers_that_are_not_finite_are_invalid_values(
    old: str, new: str, path: tuple[object, ...], message: str
) -> None:
    assert CREDENTIAL.count(old) >= 1
    text = CREDENTIAL.replace(old, new, 1)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if new in t)
    results = []
    # The full reading, and the fast one the loader uses for plain files (which notes
    # whether it typed such a number, so that the schema step need not look for one).
    for fast, read in ((False, parse), (True, parse), (True, parse_fast)):
        parsed = read(text)
        assert parsed is not None and not parsed.finite
        doc = Document("credentials/c.yaml", "credential", text, parsed)
        (finding,) = check(doc, fast=fast)
        assert (finding.code, finding.at, finding.value) == ("MC053", path, True)
        assert message in finding.message
        assert finding.hint and "write a number like `10`" in finding.hint
        if doc.parsed.has_positions:
            assert doc.parsed.locate(path, value=True)[0] == line
        # Removed like any invalid value: nothing after the schema step sees it.
        assert path in doc.parsed.pruned and not _non_finite(doc.data)
        results.append((finding, doc.data))
    assert results[0] == results[1] == results[2]


def test_the_fast_reading_notes_that_every_number_is_finite() -> None:
    parsed = parse_fast(CREDENTIAL)
    assert parsed is not None and parsed.finite
    assert not parse(CREDENTIAL).finite  # the full reading does not tell
    big = parse_fast(CREDENTIAL.replace("hours: 10", "hours: 9007199254740993"))
    assert big is not None and not big.finite


def test_not_finite_where_text_goes_is_text_and_in_x_keys_is_left_alone() -> None:
    text = CREDENTIAL.replace("hours: 10", "hours: 10\nx-budget: .inf").replace(
        "tags: [performance-assessment, task-design]", "tags: [.nan]"
    )
    for fast in (False, True):
        doc = Document("credentials/c.yaml", "credential", text, parse(text))
        assert [f.code for f in check(doc, fast=fast)] == ["MC011"]
        assert doc.data["tags"] == [".nan"]
        assert doc.data["x-budget"] == float("inf")


def test_not_finite_through_an_alias_or_an_explicit_tag() -> None:
    text = CREDENTIAL.replace("hours: 10", "x-big: &big .inf\nhours: *big\n").replace(
        "ceu: 1.0", "ceu: !!float .nan"
    )
    doc = Document("credentials/c.yaml", "credential", text, parse(text))
    found = {f.at: f.message for f in check(doc)}
    assert found == {
        ("hours",): "`hours` must be a finite number, not `.inf`",
        ("ceu",): "`ceu` must be a finite number, not `.nan`",
    }


def test_the_check_is_part_of_the_cache_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint()
    fingerprint.cache_clear()
    monkeypatch.setattr("mcauthor.schema.CHECK_VERSION", CHECK_VERSION + 1)
    try:
        assert fingerprint() != before
    finally:
        fingerprint.cache_clear()


def _non_finite(data: object) -> bool:
    return any(
        isinstance(v, float) and not math.isfinite(v) for v in (_at(data, p) for p in _paths(data))
    )


def _at(data: object, path: tuple[object, ...]) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_later_layers_do_not_crash_on_a_number_that_is_not_finite(value: float) -> None:
    from mcauthor.export.ctdl import duration
    from mcauthor.words import number

    assert duration(value) is None
    assert number(value) is None
    assert (duration(7.5), number(10.0), number(1.254)) == ("PT7H30M", 10, 1.25)


def test_a_placeholder_is_recorded_only_where_it_stands_in_for_a_value() -> None:
    # `hours: TODO` and `formats: [TODO]` stand in for a value: removed, recorded for
    # MC514, no schema finding. `evidence: |` then `TODO` is a block of text where a list
    # goes, and `TODO:` as a key of the research list's mapping is a key: both reported.
    text = (
        CREDENTIAL.replace("hours: 10", 'hours: "\\x54ODO"')
        .replace("tags: [performance-assessment, task-design]", "tags: [TODO]\nx-a: 1")
        .replace("key_method:", "key_method:\n  TODO: x", 1)
    )
    doc = Document("credentials/c.yaml", "credential", text, parse(text))
    codes = {f.at: f.code for f in check(doc)}
    assert doc.parsed.placeholders == {("hours",): "TODO"}
    assert codes == {("key_method", "TODO"): "MC050"}
    assert "hours" not in doc.data
    block = CREDENTIAL.replace("tags: [performance-assessment, task-design]", "tags: |\n  TODO")
    doc = Document("credentials/c.yaml", "credential", block, parse(block))
    assert [(f.at, f.code) for f in check(doc)] == [(("tags",), "MC051")]
    assert doc.parsed.placeholders == {}


def test_recorded_placeholders_come_back_from_the_lint_cache(tmp_path: Path) -> None:
    from mcauthor.cache import DocumentCache
    from mcauthor.lint import lint
    from test_cases import CASES

    catalog = tmp_path / "catalog"
    shutil.copytree(CASES / "placeholder-text-flow" / "catalog", catalog)
    first = lint(catalog)
    stored = DocumentCache.open(catalog.resolve(), fingerprint())
    rows = [stored.get(key) for key in stored.log.records]
    assert sorted(p for row in rows if row for p, _ in row.placeholders) == [
        ("credit", "value"),
        ("evidence", 0, "prompts", 0, "words", "max"),
        ("evidence", 0, "prompts", 0, "words", "min"),
        ("evidence", 1, "formats", 0),
    ]  # mcauthor.yaml is read afresh each time
    second = lint(catalog)  # from the cache
    found = [(d.path, d.line, d.column, d.code, d.message) for d in second.diagnostics]
    assert found == [(d.path, d.line, d.column, d.code, d.message) for d in first.diagnostics]
    assert [row[3] for row in found] == ["MC514"] * 5
