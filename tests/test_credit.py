"""A credential's size stated as credit: the `credit` field from schema to every output.

`hours` stays the main field; `ceu` or `credit: {value, unit}` may state the size instead
(MC509 is satisfied by any of the three), and `credit` reaches the site, the PDF guide and
every export: catalog.json, CSV, Open Badges (`creditsAvailable`) and CTDL
(`ceterms:creditValue`).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mcauthor import pdf as guides
from mcauthor.build import build
from mcauthor.export import FORMATS
from mcauthor.export.ctdl import credit_unit
from mcauthor.export.standalone import export
from mcauthor.lint import LintResult, lint
from mcauthor.model import Credit
from mcauthor.pathway import svg as pathway_svg
from mcauthor.present import make_context
from mcauthor.rules.base import CREDENTIAL, Example
from mcauthor.stacks import resolve
from test_export import as_credential, own

from conftest import codes

HALF = "credit: {value: 0.5, unit: state credit}\n"
NO_SIZE = ("hours", "ceu")  # the base example credential gives both


def _lint(make_catalog: Any, text: str = "", omit: tuple[str, ...] = ()) -> LintResult:
    return lint(make_catalog(Example.credential(text, omit=omit)))


def _files(root: Path) -> dict[str, bytes]:
    return dict(export(root, FORMATS).files)


# -- schema and model ------------------------------------------------------------------------


def test_a_valid_credit_is_read_into_the_model(make_catalog: Any) -> None:
    result = _lint(make_catalog, "credit: {value: 0.5, unit: state credit, x-note: ours}\n")
    assert not [c for c in codes(result) if c.startswith("MC0")]
    (credential,) = result.catalog.credentials
    assert credential.credit == Credit(0.5, "state credit")
    assert credential.credit.text() == "0.5 state credit"
    assert credential.ceu == 1 and credential.hours == 10


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("{value: 0.5}", "MC052", "`credit` is missing the required key `unit`"),
        ("{unit: state credit}", "MC052", "`credit` is missing the required key `value`"),
        ("{value: -1, unit: CEU}", "MC053", "`credit.value` must be more than 0, not -1"),
        ("{value: 0, unit: CEU}", "MC053", "`credit.value` must be more than 0, not 0"),
        ('{value: "0.5", unit: CEU}', "MC051", "`credit.value` should be a number"),
        ("{value: true, unit: CEU}", "MC051", "`credit.value` should be a number"),
        ("{value: .inf, unit: CEU}", "MC053", "`credit.value` must be a finite number"),
        ('{value: 0.5, unit: ""}', "MC053", "`credit.unit` must not be empty"),
        ('{value: 0.5, unit: "  "}', "MC053", "`credit.unit` must not be empty"),
        ("0.5", "MC051", "`credit` should be a mapping of keys to values, not the number 0.5"),
        ("[0.5, state credit]", "MC051", "`credit` should be a mapping of keys to values"),
        ("", "MC051", "`credit` should be a mapping of keys to values, not empty"),
    ],
)
def test_a_wrong_credit_is_one_plain_finding(
    make_catalog: Any, value: str, code: str, message: str
) -> None:
    result = _lint(make_catalog, f"credit: {value}\n")
    found = [d for d in result.diagnostics if d.code.startswith("MC05")]
    assert [(d.code, d.path) for d in found] == [(code, CREDENTIAL)]
    (finding,) = found
    assert finding.message.startswith(message), finding.message
    assert "\n" not in finding.message and finding.hint and "\n" not in finding.hint
    # Nothing after the schema step trips over it: the credential simply has no credit.
    (credential,) = result.catalog.credentials
    assert credential.credit is None


def test_an_unknown_key_in_credit_is_dropped_and_the_credit_kept(make_catalog: Any) -> None:
    result = _lint(make_catalog, "credit: {value: 1, unit: CEU, units: x}\n")
    found = [d for d in result.diagnostics if d.code.startswith("MC05")]
    assert [(d.code, d.message) for d in found] == [
        ("MC050", "unknown key `units` in `credit`; did you mean `unit`?")
    ]
    assert result.catalog.credentials[0].credit == Credit(1, "CEU")


def test_a_credit_that_is_not_a_mapping_hints_at_the_shape(make_catalog: Any) -> None:
    result = _lint(make_catalog, "credit: 0.5\n")
    (finding,) = [d for d in result.diagnostics if d.code == "MC051"]
    assert finding.hint is not None and "unit: state credit" in finding.hint


def test_a_misspelt_credits_key_suggests_credit(make_catalog: Any) -> None:
    result = _lint(make_catalog, "credits: {value: 1, unit: CEU}\n")
    (finding,) = [d for d in result.diagnostics if d.code == "MC050"]
    assert "did you mean `credit`?" in finding.message


# -- MC509 -----------------------------------------------------------------------------------


def test_mc509_wants_hours_ceu_or_credit(make_catalog: Any) -> None:
    assert "MC509" in codes(_lint(make_catalog, omit=NO_SIZE))
    assert "MC509" not in codes(_lint(make_catalog, omit=("ceu",)))  # hours only
    assert "MC509" not in codes(_lint(make_catalog, omit=("hours",)))  # ceu only
    assert "MC509" not in codes(_lint(make_catalog, HALF, omit=NO_SIZE))  # credit only


def test_mc509_leaves_an_invalid_credit_to_the_schema_check(make_catalog: Any) -> None:
    result = _lint(make_catalog, "credit: {value: 0.5}\n", omit=NO_SIZE)
    assert "MC052" in codes(result) and "MC509" not in codes(result)


def test_mc509_message_names_every_way_to_state_the_size(make_catalog: Any) -> None:
    (finding,) = [d for d in _lint(make_catalog, omit=NO_SIZE).diagnostics if d.code == "MC509"]
    assert finding.hint is not None
    assert "hours:" in finding.hint and "ceu:" in finding.hint and "credit:" in finding.hint


# -- site and guide --------------------------------------------------------------------------


def test_the_site_shows_the_credit(make_catalog: Any, tmp_path: Path) -> None:
    root = make_catalog(Example.credential(HALF, omit=NO_SIZE))
    out = build(root, tmp_path / "site", incremental=False, guides=False).out
    page = (out / "credentials" / "example" / "index.html").read_text("utf-8")
    assert "<dt>Credit</dt><dd>0.5 state credit</dd>" in page  # the facts and credit section
    assert page.count("0.5 state credit") == 2
    assert "No credit listed" not in page
    home = (out / "index.html").read_text("utf-8")
    assert "<dt>Credit</dt><dd>0.5 state credit</dd>" in home  # the card


def test_the_site_shows_ceu_and_credit_together(make_catalog: Any, tmp_path: Path) -> None:
    root = make_catalog(Example.credential(HALF))
    out = build(root, tmp_path / "site", incremental=False, guides=False).out
    page = (out / "credentials" / "example" / "index.html").read_text("utf-8")
    assert "<dt>Credit</dt><dd>1 CEU; 0.5 state credit</dd>" in page
    assert "<dt>Continuing-education credit</dt><dd>1 CEU</dd>" in page


def test_the_site_without_any_credit(make_catalog: Any, tmp_path: Path) -> None:
    root = make_catalog(Example.credential(omit=("ceu",)))
    out = build(root, tmp_path / "site", incremental=False, guides=False).out
    page = (out / "credentials" / "example" / "index.html").read_text("utf-8")
    assert "<dt>Credit</dt><dd>No credit listed</dd>" in page
    home = (out / "index.html").read_text("utf-8")
    assert "<dt>Credit</dt>" not in home


def test_credit_text_is_escaped_on_the_site(make_catalog: Any, tmp_path: Path) -> None:
    root = make_catalog(Example.credential('credit: {value: 1, unit: "<b>credit</b>"}\n'))
    out = build(root, tmp_path / "site", incremental=False, guides=False).out
    page = (out / "credentials" / "example" / "index.html").read_text("utf-8")
    assert "1 &lt;b&gt;credit&lt;/b&gt;" in page and "<b>credit</b>" not in page


def test_the_pathway_picture_names_the_credit(make_catalog: Any) -> None:
    catalog = _lint(make_catalog, HALF).catalog
    svg = pathway_svg.render(resolve(catalog), title="Pathway")
    assert "10 h · 1 CEU · 0.5 state credit" in svg


def test_the_guide_data_has_the_credit(make_catalog: Any) -> None:
    result = _lint(make_catalog, HALF)
    catalog = result.catalog
    context = make_context(catalog, resolve(catalog), None)
    (credential,) = catalog.credentials
    data = guides.credential_guide(context, credential)["credential"]
    assert data["credit"] == "0.5 state credit"
    assert {"label": "Credit", "value": "0.5 state credit"} in data["facts"]
    assert {"label": "CEUs", "value": "1"} in data["facts"]


def test_the_guide_renders_the_credit(make_catalog: Any) -> None:
    from pypdf import PdfReader

    result = _lint(make_catalog, "credit: {value: 3, unit: graduate credit}\n", omit=NO_SIZE)
    catalog = result.catalog
    context = make_context(catalog, resolve(catalog), None)
    (credential,) = catalog.credentials
    data = guides.credential_guide(context, credential)
    pdf = guides.render_guide("credential", data, guides.template_dirs(catalog.root), "letter")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages[:1])
    assert "graduate credit" in " ".join(text.split())


# -- exports ---------------------------------------------------------------------------------


def _exported(make_catalog: Any, text: str, omit: tuple[str, ...] = ()) -> dict[str, bytes]:
    return _files(make_catalog(Example.credential(text, omit=omit)))


def test_open_badges_carries_the_credit(
    make_catalog: Any, official: jsonschema.protocols.Validator
) -> None:
    files = _exported(make_catalog, HALF, omit=("ceu",))
    badge = json.loads(files["data/openbadges/example.json"])
    errors = list(official.iter_errors(as_credential(badge)))
    assert not errors, [e.message for e in errors[:5]]
    assert badge["creditsAvailable"] == 0.5
    assert "Credit: 0.5 state credit." in badge["description"]


def test_open_badges_keeps_the_ceu_first(
    make_catalog: Any, official: jsonschema.protocols.Validator
) -> None:
    files = _exported(make_catalog, HALF)
    badge = json.loads(files["data/openbadges/example.json"])
    assert not list(official.iter_errors(as_credential(badge)))
    assert badge["creditsAvailable"] == 1  # ceu: OB's one credit number has no unit
    assert "Credit: 0.5 state credit." in badge["description"]
    files = _exported(make_catalog, "", omit=NO_SIZE)
    assert "creditsAvailable" not in json.loads(files["data/openbadges/example.json"])


def test_ctdl_carries_the_credit_with_its_unit(make_catalog: Any) -> None:
    files = _exported(make_catalog, HALF)
    doc = json.loads(files["data/ctdl/example.json"])
    assert not list(own("ctdl").iter_errors(doc))
    ceu, credit = doc["ceterms:creditValue"]
    assert ceu["ceterms:value"] == 1
    assert ceu["ceterms:creditUnitType"][0]["ceterms:targetNode"] == (
        "creditUnit:ContinuingEducationUnit"
    )
    assert credit == {
        "@type": "ceterms:ValueProfile",
        "ceterms:value": 0.5,
        "ceterms:description": {"en": "0.5 state credit"},
    }


def test_ctdl_names_the_credit_unit_when_ctdl_has_one(make_catalog: Any) -> None:
    files = _exported(make_catalog, "credit: {value: 15, unit: Clock Hours}\n", omit=("ceu",))
    doc = json.loads(files["data/ctdl/example.json"])
    assert not list(own("ctdl").iter_errors(doc))
    (credit,) = doc["ceterms:creditValue"]
    assert credit["ceterms:value"] == 15
    assert credit["ceterms:creditUnitType"][0]["ceterms:targetNode"] == "creditUnit:ClockHour"
    assert credit["ceterms:description"] == {"en": "15 Clock Hours"}


def test_ctdl_does_not_repeat_a_credit_that_is_the_ceu(make_catalog: Any) -> None:
    files = _exported(make_catalog, "credit: {value: 1, unit: CEU}\n")
    doc = json.loads(files["data/ctdl/example.json"])
    assert [v["ceterms:value"] for v in doc["ceterms:creditValue"]] == [1]


@pytest.mark.parametrize(
    ("unit", "concept"),
    [
        ("CEU", "ContinuingEducationUnit"),
        ("CEUs", "ContinuingEducationUnit"),
        ("continuing education units", "ContinuingEducationUnit"),
        ("clock hour", "ClockHour"),
        ("Contact  Hours", "ContactHour"),
        ("semester credit hours", "SemesterHour"),
        ("quarter hour", "QuarterHour"),
        ("Carnegie unit", "CarnegieUnit"),
        ("state credit", None),
        ("graduate credit", None),
        ("hours", None),
    ],
)
def test_credit_units_ctdl_names(unit: str, concept: str | None) -> None:
    assert credit_unit(unit) == concept


def test_catalog_json_and_csv_carry_the_credit(make_catalog: Any) -> None:
    files = _exported(make_catalog, HALF, omit=NO_SIZE)
    data = json.loads(files["data/catalog.json"])
    errors = list(own("catalog-json").iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]
    (credential,) = data["credentials"]
    assert credential["credit"] == {"value": 0.5, "unit": "state credit"}
    assert credential["hours"] is None and credential["ceu"] is None
    text = files["data/credentials.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert (rows[0]["credit"], rows[0]["credit_unit"]) == ("0.5", "state credit")
    assert (rows[0]["hours"], rows[0]["ceu"]) == ("", "")


def test_catalog_json_without_credit_is_null_and_the_schema_checks_it(
    make_catalog: Any,
) -> None:
    data = json.loads(_exported(make_catalog, "")["data/catalog.json"])
    assert data["credentials"][0]["credit"] is None
    assert not list(own("catalog-json").iter_errors(data))
    data["credentials"][0]["credit"] = {"value": -1, "unit": ""}
    assert len(list(own("catalog-json").iter_errors(data))) == 1


def test_exports_with_credit_are_byte_identical(
    make_catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    root = make_catalog(Example.credential(HALF))
    assert _files(root) == _files(root)
