"""Every rule's documentation examples run: the bad one triggers it, the good one does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.lint import lint
from mcauthor.rules import all_rules
from mcauthor.rules.base import Rule
from mcauthor.rules.examples import materialize

RULES = all_rules()
CRITERIA = {
    "1": Criterion.COMPETENCY,
    "2": Criterion.METHOD,
    "3": Criterion.EVIDENCE,
    "4": Criterion.RUBRIC,
}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_triggers_rule(rule: type[Rule], tmp_path: Path) -> None:
    if rule.bad is None:
        assert rule.no_example, f"{rule.code} has neither a bad example nor a reason"
        return
    result = lint(materialize(rule.bad, tmp_path / "c"))
    found = [d for d in result.diagnostics if d.code == rule.code]
    assert found, f"{rule.code} bad example produced {[d.code for d in result.diagnostics]}"
    assert all(d.line >= 1 and d.column >= 1 for d in found)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_example_is_clean(rule: type[Rule], tmp_path: Path) -> None:
    if rule.good is None:
        assert rule.no_example
        return
    result = lint(materialize(rule.good, tmp_path / "c"))
    assert rule.code not in [d.code for d in result.diagnostics]
    serious = [d for d in result.diagnostics if d.severity is not Severity.INFO]
    assert not serious, f"{rule.code} good example is not clean: {serious}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule: type[Rule]) -> None:
    assert re.fullmatch(r"MC\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert isinstance(rule.severity, Severity)
    assert rule.summary and rule.summary.endswith(".")
    assert len(rule.why()) > 40, "the docstring must say why the rule exists"
    assert rule.criterion is CRITERIA.get(rule.code[2]), "criterion must match the code range"


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_base_example_catalog_is_clean(tmp_path: Path) -> None:
    from mcauthor.rules.base import Example

    result = lint(materialize(Example(), tmp_path / "c"))
    assert [d for d in result.diagnostics if d.severity is not Severity.INFO] == []


def test_retired_codes_are_never_reused() -> None:
    from mcauthor.rules import RETIRED, by_code

    names = {r.name for r in RULES}
    for code, gone in RETIRED.items():
        assert re.fullmatch(r"MC\d{3}", code) and code not in by_code()
        assert gone.name not in names and gone.summary.endswith(".")
        assert gone.replaced_by is None or gone.replaced_by in by_code()
