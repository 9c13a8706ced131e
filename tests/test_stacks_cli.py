"""`mcauthor stacks`: the sample's three stacks with correct totals, JSON shape, --stack, --svg."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import yaml

from conftest import SAMPLE, invoke

STACK_IDS = [
    "basic-performance-assessment-design",
    "advanced-performance-assessment-design",
    "leading-a-performance-assessment-community",
]

# The documented JSON shape of `mcauthor stacks --format json` (see README).
CREDENTIAL = {
    "type": "object",
    "required": ["id", "title", "status", "hours", "ceu", "requires", "stacks", "file"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "status": {"enum": ["draft", "published", "retired"]},
        "position": {"type": "integer", "minimum": 1},
        "hours": {"type": ["number", "null"]},
        "ceu": {"type": ["number", "null"]},
        "requires": {"type": "array", "items": {"type": "string"}},
        "stacks": {"type": "array", "items": {"type": "string"}},
        "file": {"type": "string"},
    },
    "additionalProperties": False,
}
REPORT = {
    "type": "object",
    "required": ["version", "catalog", "stacks", "unstacked", "credential_order", "cycles"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": 1},
        "catalog": {"type": "object", "required": ["id", "title"]},
        "stacks": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "id",
                    "title",
                    "status",
                    "effective_status",
                    "position",
                    "file",
                    "requires",
                    "required_by",
                    "totals",
                    "credentials",
                    "unknown",
                ],
                "properties": {
                    "totals": {
                        "type": "object",
                        "required": ["credentials", "hours", "ceu", "hours_complete"],
                        "additionalProperties": False,
                        "properties": {
                            "credentials": {"type": "integer", "minimum": 0},
                            "hours": {"type": "number"},
                            "ceu": {"type": "number"},
                            "hours_complete": {"type": "boolean"},
                        },
                    },
                    "credentials": {"type": "array", "items": CREDENTIAL},
                    "id": {},
                    "title": {},
                    "status": {},
                    "effective_status": {"enum": ["draft", "published", "retired", "suspended"]},
                    "position": {},
                    "file": {},
                    "requires": {},
                    "required_by": {},
                    "unknown": {},
                },
            },
        },
        "unstacked": {"type": "array", "items": CREDENTIAL},
        "credential_order": {"type": "array", "items": {"type": "string"}},
        "cycles": {"type": "object", "required": ["stacks", "credentials"]},
    },
}


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _expected_totals(stack_id: str) -> tuple[list[str], float, float]:
    """Members, hours and CEUs read straight from the YAML, independently of mcauthor."""
    members = _yaml(SAMPLE / "stacks" / f"{stack_id}.yaml")["credentials"]
    creds = [_yaml(SAMPLE / "credentials" / f"{cid}.yaml") for cid in members]
    return members, sum(c["hours"] for c in creds), sum(c.get("ceu", 0) for c in creds)


def test_json_shape_and_sample_totals() -> None:
    result = invoke("stacks", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, REPORT)
    assert [s["id"] for s in report["stacks"]] == STACK_IDS  # pathway order
    for position, stack in enumerate(report["stacks"], start=1):
        members, hours, ceu = _expected_totals(stack["id"])
        assert stack["position"] == position
        assert [c["id"] for c in stack["credentials"]] == members
        assert stack["totals"]["credentials"] == len(members)
        assert stack["totals"]["hours"] == hours
        assert abs(stack["totals"]["ceu"] - ceu) < 1e-9
        assert stack["totals"]["hours_complete"] is True
        assert all(stack["id"] in c["stacks"] for c in stack["credentials"])
    assert report["stacks"][1]["requires"] == [STACK_IDS[0]]
    assert report["stacks"][0]["required_by"] == [STACK_IDS[1]]
    assert report["unstacked"] == []
    assert report["cycles"] == {"stacks": [], "credentials": []}
    order = report["credential_order"]
    for stack in report["stacks"]:
        for credential in stack["credentials"]:
            for required in credential["requires"]:
                assert order.index(required) < order.index(credential["id"])


def test_text_shows_every_stack_with_totals() -> None:
    result = invoke("stacks", str(SAMPLE))
    assert result.exit_code == 0
    out = result.stdout
    positions = []
    for stack_id in STACK_IDS:
        members, hours, ceu = _expected_totals(stack_id)
        title = _yaml(SAMPLE / "stacks" / f"{stack_id}.yaml")["title"]
        positions.append(out.index(title))
        assert f"Total: {len(members)} credentials, {hours:g} hours, {round(ceu, 2):g} CEUs" in out
        for cid in members:
            assert cid in out
    assert positions == sorted(positions)
    assert "\x1b" not in out


def test_focus_on_one_stack_and_unknown_stack() -> None:
    result = invoke("stacks", str(SAMPLE), "--stack", STACK_IDS[1], "-f", "json")
    assert result.exit_code == 0
    assert [s["id"] for s in json.loads(result.stdout)["stacks"]] == [STACK_IDS[1]]
    missing = invoke("stacks", str(SAMPLE), "--stack", "advanced-design")
    assert missing.exit_code == 2
    assert "no stack `advanced-design`" in missing.output
    assert "Traceback" not in missing.output


def test_svg_is_written(tmp_path: Path) -> None:
    target = tmp_path / "pathway.svg"
    result = invoke("stacks", str(SAMPLE), "--svg", str(target))
    assert result.exit_code == 0
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    for stack_id in STACK_IDS:
        assert _yaml(SAMPLE / "stacks" / f"{stack_id}.yaml")["title"] in text


def test_unstacked_and_shared_credentials(make_catalog) -> None:
    from mcauthor.rules.base import Example

    root = make_catalog(
        Example(
            files={
                "credentials/loner.yaml": "hours: 5\n",
                "stacks/second.yaml": "title: Second\ncredentials: [example]\n",
            }
        )
    )
    report = json.loads(invoke("stacks", str(root), "-f", "json").stdout)
    assert [c["id"] for c in report["unstacked"]] == ["loner"]
    shared = {c["id"]: c["stacks"] for s in report["stacks"] for c in s["credentials"]}
    assert shared["example"] == ["example-stack", "second"]
    text = invoke("stacks", str(root)).stdout
    assert "Not in any stack" in text and "loner" in text and "Also in" in text
