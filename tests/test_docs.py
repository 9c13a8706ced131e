"""The README and docs/rules.md stay in step with the code they describe."""

from __future__ import annotations

import re

from mcauthor import ruledocs
from mcauthor.rules import all_rules
from mcauthor.schema import KINDS, schema_text

from conftest import REPO, SAMPLE

README = (REPO / "README.md").read_text(encoding="utf-8")
REGENERATE = "regenerate with: mcauthor rules --all > docs/rules.md"


def test_readme_rule_table_is_current() -> None:
    assert ruledocs.table() in README, "README rule table is stale (mcauthor rules -f markdown)"


def test_rule_reference_is_current() -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == ruledocs.reference(), REGENERATE


def test_every_rule_is_documented_in_the_reference() -> None:
    reference = ruledocs.reference()
    for rule in all_rules():
        assert f"## {rule.code} {rule.name}" in reference


def test_readme_starts_with_the_two_setup_commands() -> None:
    head = README.split("## Contents")[0]
    commands = re.findall(r"```sh\n(.+?)\n```", head)
    assert len(commands) == 2
    assert "mcauthor" in commands[0] and "catalog" in commands[0]
    assert "pytest" in commands[1]


def test_sample_catalog_schemas_match_the_shipped_ones() -> None:
    for kind in KINDS:
        copy = (SAMPLE / ".schemas" / f"{kind}.json").read_text(encoding="utf-8")
        assert copy == schema_text(kind), f"catalog/.schemas/{kind}.json is stale"
