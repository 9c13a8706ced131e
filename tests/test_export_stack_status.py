"""A published stack that holds a draft or retired credential is never exported as active.

The judgement is made once (``ResolvedStack.effective_status``) and every output reads it:
catalog JSON (``effective_status``, ``unpublished``), CTDL (``credentialStat:Suspended``
for an awarded stack, ``lifeCycle:Suspended`` for a collection), Open Badges (no badge for
a stack that cannot be earned; the credentials' achievements stay valid) and the site (an
"Unavailable" stack). MC606 makes a draft member a lint error, so these catalogs lower it to a
warning to get past the build's refusal, as an author could.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mcauthor.build import BuildRefused, build
from mcauthor.export import FORMATS
from mcauthor.export.standalone import export
from mcauthor.lint import lint
from mcauthor.rules.base import Example
from mcauthor.stacks import resolve
from test_export import assert_valid_badge, own

from conftest import copy_sample, edit

BASIC = "basic-performance-assessment-design"
ADVANCED = "advanced-performance-assessment-design"
LEADING = "leading-a-performance-assessment-community"
DRAFTED = "leading-collaborative-analysis-of-student-work"  # in LEADING, required by none
RETIRED = "teaching-habits-and-dispositions"  # in ADVANCED, required by none


def _set_status(root: Path, cid: str, status: str) -> None:
    edit(root / "credentials" / f"{cid}.yaml", "\nstatus: published\n", f"\nstatus: {status}\n")


def _allow_drafts(root: Path) -> None:
    """Lower MC606 to a warning, so that build and export run."""
    with (root / "mcauthor.yaml").open("a", encoding="utf-8") as handle:
        handle.write('lint:\n  rules:\n    MC606: "warning"\n')


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a draft in LEADING and a retired credential in ADVANCED."""
    root = copy_sample(tmp_path_factory.mktemp("stack-status") / "catalog")
    _set_status(root, DRAFTED, "draft")
    _set_status(root, RETIRED, "retired")
    _allow_drafts(root)
    return root


@pytest.fixture(scope="module")
def files(catalog: Path) -> dict[str, Any]:
    return {
        path: json.loads(data) if path.endswith(".json") else data
        for path, data in export(catalog, FORMATS).files
    }


def test_lint_reports_the_draft_and_the_retired_member(catalog: Path) -> None:
    result = lint(catalog)
    assert sorted((d.code, d.severity.value, d.path) for d in result.diagnostics) == [
        ("MC603", "warning", f"stacks/{ADVANCED}.yaml"),
        ("MC606", "warning", f"stacks/{LEADING}.yaml"),  # lowered by the config
    ]


def test_the_judgement_is_made_once_on_the_pathway(catalog: Path) -> None:
    pathway = resolve(lint(catalog).catalog)
    status = {s.id: s.effective_status for s in pathway.stacks}
    assert status == {BASIC: "published", ADVANCED: "suspended", LEADING: "suspended"}
    leading = pathway.stack(LEADING)
    assert leading is not None and [c.id for c in leading.unpublished] == [DRAFTED]


def test_catalog_json_adds_the_effective_status(files: dict[str, Any]) -> None:
    data = files["data/catalog.json"]
    assert not list(own("catalog-json").iter_errors(data))
    stacks = {s["id"]: s for s in data["stacks"]}
    shown = {
        sid: (s["status"], s["effective_status"], s["unpublished"]) for sid, s in stacks.items()
    }
    assert shown == {
        BASIC: ("published", "published", []),
        ADVANCED: ("published", "suspended", [RETIRED]),  # `status` stays as written
        LEADING: ("published", "suspended", [DRAFTED]),
    }


def test_ctdl_marks_the_stacks_suspended_and_still_validates(files: dict[str, Any]) -> None:
    validator = own("ctdl")
    for path, doc in files.items():
        if path.startswith("data/ctdl/"):
            assert not list(validator.iter_errors(doc)), path

    def status(path: str) -> str | None:
        doc = files[path]
        found = doc.get("ceterms:credentialStatusType") or doc.get("ceterms:lifeCycleStatusType")
        return None if found is None else found["ceterms:targetNode"]

    assert status(f"data/ctdl/stacks/{BASIC}.json") == "credentialStat:Active"
    assert status(f"data/ctdl/stacks/{ADVANCED}.json") == "credentialStat:Suspended"
    assert status(f"data/ctdl/stacks/{LEADING}.json") == "lifeCycle:Suspended"  # a collection
    suspended = files[f"data/ctdl/stacks/{LEADING}.json"]["ceterms:lifeCycleStatusType"]
    assert suspended["ceterms:targetNodeName"] == {"en": "Suspended"}
    # The credentials keep their own status.
    assert status(f"data/ctdl/{RETIRED}.json") == "credentialStat:Deprecated"
    assert status(f"data/ctdl/{DRAFTED}.json") is None


def test_open_badges_has_no_badge_for_a_suspended_stack_and_every_badge_stays_valid(
    files: dict[str, Any],
    official: jsonschema.protocols.Validator,
) -> None:
    badges = {p: b for p, b in files.items() if p.startswith("data/openbadges/")}
    stacks = sorted(p for p in badges if p.startswith("data/openbadges/stacks/"))
    # BASIC is awarded and can be earned; ADVANCED is awarded but suspended; LEADING is
    # no award at all.
    assert stacks == [f"data/openbadges/stacks/{BASIC}.json"]
    assert len(badges) == 10
    for achievement in badges.values():
        assert_valid_badge(official, achievement)


def test_the_stack_page_says_it_cannot_be_earned(catalog: Path, tmp_path: Path) -> None:
    out = build(catalog, tmp_path / "site", guides=False).out
    leading = (out / "stacks" / LEADING / "index.html").read_text("utf-8")
    assert '<span class="badge badge-suspended">Unavailable</span>' in leading
    assert "This stack cannot be earned for now" in leading
    basic = (out / "stacks" / BASIC / "index.html").read_text("utf-8")
    assert "badge-suspended" not in basic and "cannot be earned" not in basic
    home = (out / "index.html").read_text("utf-8")
    assert home.count('<span class="badge badge-suspended">Unavailable</span>') == 2


def test_with_mc606_an_error_nothing_is_exported(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "catalog")
    _set_status(root, DRAFTED, "draft")
    with pytest.raises(BuildRefused):
        export(root, ["ctdl"])


@pytest.mark.parametrize(
    ("stack_status", "member", "effective", "ctdl"),
    [
        ("published", "published", "published", "credentialStat:Active"),
        ("published", "draft", "suspended", "credentialStat:Suspended"),
        ("published", "retired", "suspended", "credentialStat:Suspended"),
        ("draft", "draft", "draft", None),  # drafts have no registry status
        ("retired", "draft", "retired", "credentialStat:Deprecated"),
        ("published", "published", "published", "lifeCycle:Active"),
        ("published", "draft", "suspended", "lifeCycle:Suspended"),
        ("published", "retired", "suspended", "lifeCycle:Suspended"),
        ("draft", "draft", "draft", None),
        ("retired", "draft", "retired", "lifeCycle:Ceased"),
    ],
)
def test_effective_status_by_stack_and_member_status(
    make_catalog: Any, stack_status: str, member: str, effective: str, ctdl: str | None
) -> None:
    """An awarded stack has a credential status; a collection, a life-cycle status."""
    award = "award: true\n" if ctdl is None or ctdl.startswith("credentialStat:") else ""
    root = make_catalog(
        Example(
            files={
                "credentials/peer-feedback.yaml": f"title: Peer Feedback\nstatus: {member}\n",
                "stacks/example-stack.yaml": f"status: {stack_status}\n{award}"
                "credentials: [example, peer-feedback]\n",
                "mcauthor.yaml": 'lint:\n  rules:\n    MC606: "off"\n',
            }
        )
    )
    got = dict(export(root, ["catalog-json", "ctdl"]).files)
    (stack,) = json.loads(got["data/catalog.json"])["stacks"]
    assert stack["effective_status"] == effective
    doc = json.loads(got["data/ctdl/stacks/example-stack.json"])
    found = doc.get("ceterms:credentialStatusType") or doc.get("ceterms:lifeCycleStatusType")
    assert (found or {}).get("ceterms:targetNode") == ctdl


def test_the_pathway_picture_and_the_stacks_command_say_suspended(
    catalog: Path, tmp_path: Path
) -> None:
    out = build(catalog, tmp_path / "site", guides=False).out
    svg = "".join(
        p.read_text("utf-8") for p in out.rglob("*.html") if "data-status" in p.read_text("utf-8")
    )
    assert f'data-id="{LEADING}" data-status="suspended"' in svg
    assert f'data-id="{BASIC}" data-status="published"' in svg
    done = subprocess.run(
        [sys.executable, "-m", "mcauthor", "stacks", str(catalog), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    stacks = {s["id"]: s for s in json.loads(done.stdout)["stacks"]}
    assert stacks[LEADING]["status"] == "published"
    assert stacks[LEADING]["effective_status"] == "suspended"
    assert stacks[BASIC]["effective_status"] == "published"


def test_an_awarded_stack_page_names_its_badge(tmp_path: Path) -> None:
    out = build(copy_sample(tmp_path / "catalog"), tmp_path / "site", guides=False).out
    basic = (out / "stacks" / BASIC / "index.html").read_text("utf-8")
    assert "earns the <strong>Performance Assessment Designer</strong> badge" in basic
    advanced = (out / "stacks" / ADVANCED / "index.html").read_text("utf-8")
    assert "earns the <strong>Advanced Performance Assessment Design</strong> badge" in advanced
    leading = (out / "stacks" / LEADING / "index.html").read_text("utf-8")
    assert "Stack badge" not in leading  # a collection: no badge of its own
