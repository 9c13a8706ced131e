"""Schema checks: the fast yes/no validator agrees with jsonschema, and messages are plain."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcauthor.loader import Document
from mcauthor.schema import KINDS, _fast_validator, check, schema
from mcauthor.yamlread import parse

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


def test_every_schema_is_valid_2020_12() -> None:
    for kind in KINDS:
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
    for kind in KINDS:
        assert json.loads((SAMPLE / ".schemas" / f"{kind}.json").read_text()) == schema(kind)
