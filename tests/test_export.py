"""The data exports: catalog JSON, Open Badges 3.0, CTDL and CSV.

Open Badges output is validated against 1EdTech's official AchievementCredential schema,
read from ../shared/openbadges/ (never copied into this repository). The catalog JSON
and CTDL output are validated against the schemas mcauthor ships.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from mcauthor.build import build
from mcauthor.export import FORMATS
from mcauthor.export.csv_table import COLUMNS
from mcauthor.export.ctdl import duration
from mcauthor.export.standalone import export
from mcauthor.schema import schema_text
from test_build_hostile import write_catalog

from conftest import SAMPLE, copy_sample, edit, invoke


def _copy_sample(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    copy_sample(root)
    return root


def _files(root: Path, *formats: str) -> dict[str, bytes]:
    return dict(export(root, formats or FORMATS).files)


def _json(files: dict[str, bytes], prefix: str) -> dict[str, Any]:
    return {p: json.loads(b) for p, b in files.items() if p.startswith(prefix)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = _copy_sample(tmp_path_factory.mktemp("export"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        return _files(root)


def as_credential(achievement: dict[str, Any]) -> dict[str, Any]:
    """A minimal AchievementCredential around an exported Achievement."""
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2f4e7c1a-0d3b-4b8e-9a7f-5c6d8e9f0a1b",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": achievement["creator"],
        "validFrom": "2026-01-01T00:00:00Z",
        "name": achievement["name"],
        "credentialSubject": {
            "id": "did:example:educator",
            "type": ["AchievementSubject"],
            "achievement": achievement,
        },
    }


def assert_valid_badge(validator: jsonschema.protocols.Validator, achievement: Any) -> None:
    errors = sorted(validator.iter_errors(as_credential(achievement)), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def own(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads(schema_text(kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _sources(folder: str) -> dict[str, dict[str, Any]]:
    """The sample's YAML, read independently of mcauthor's loader."""
    out = {}
    for path in sorted((SAMPLE / folder).rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        out[data["id"]] = data
    return out


# -- the official Open Badges schema -----------------------------------------------------


def test_every_sample_badge_validates_against_the_official_schema(
    sample: dict[str, bytes], official: jsonschema.protocols.Validator
) -> None:
    badges = _json(sample, "data/openbadges/")
    awarded = [sid for sid, s in _sources("stacks").items() if s.get("award")]
    assert len(badges) == len(_sources("credentials")) + len(awarded)
    for achievement in badges.values():
        assert_valid_badge(official, achievement)


def test_an_awarded_stack_is_a_badge_earned_with_its_credentials(sample: dict[str, bytes]) -> None:
    credentials = _sources("credentials")
    base = "data/openbadges/stacks/"
    for sid, source in _sources("stacks").items():
        badge = _json(sample, base).get(f"{base}{sid}.json")
        if not source.get("award"):
            assert badge is None, sid
            continue
        assert badge is not None and badge["achievementType"] == "Badge"
        award = source["award"]
        assert badge["name"] == (award["name"] if isinstance(award, dict) else source["title"])
        assert badge["id"].endswith(f"/{base}{sid}.json") and badge["humanCode"] == sid
        narrative = badge["criteria"]["narrative"]
        for cid in source["credentials"]:  # each credential by its title and its id
            assert f"{credentials[cid]['title']} (`{cid}`)" in narrative
        targets = [a["targetUrl"] for a in badge["alignment"]]
        assert targets == [
            f"{badge['id'].split('/data/')[0]}/data/openbadges/{cid}.json"
            for cid in source["credentials"]
        ]
        assert {a["targetType"] for a in badge["alignment"]} == {"ceterms:Credential"}


def test_the_validator_rejects_a_broken_badge(
    sample: dict[str, bytes], official: jsonschema.protocols.Validator
) -> None:
    # The check can fail: an Achievement without criteria is not valid.
    achievement = next(iter(_json(sample, "data/openbadges/").values()))
    broken = {k: v for k, v in achievement.items() if k != "criteria"}
    assert list(official.iter_errors(as_credential(broken)))


def test_badge_fields_follow_the_catalog(sample: dict[str, bytes]) -> None:
    sources = _sources("credentials")
    config = yaml.safe_load((SAMPLE / "mcauthor.yaml").read_text("utf-8"))
    base = config["catalog"]["base_url"].rstrip("/")
    for path, badge in _json(sample, "data/openbadges/").items():
        if path.startswith("data/openbadges/stacks/"):
            continue  # test_an_awarded_stack_is_a_badge_earned_with_its_credentials
        cid = Path(path).stem
        source = sources[cid]
        assert badge["id"] == f"{base}/data/openbadges/{cid}.json"
        assert badge["type"] == ["Achievement"]
        assert badge["achievementType"] == "MicroCredential"
        assert badge["name"] == source["title"]
        assert badge["description"].startswith(source["summary"])
        assert source["key_method"]["statement"] in badge["description"]
        assert badge["criteria"]["id"] == f"{base}/credentials/{cid}/"
        narrative = badge["criteria"]["narrative"]
        assert source["competency"] in narrative
        for part in source["evidence"]:
            for prompt in part["prompts"]:
                assert prompt["text"] in narrative
        assert badge["version"] == str(source.get("version", "1.0.0"))
        assert badge["inLanguage"] == "en"
        assert badge["creator"]["name"] == config["issuer"]["name"]
        assert badge["tag"] == source.get("tags", [])
        if "ceu" in source:
            assert badge["creditsAvailable"] == source["ceu"]
        criteria = source["rubric"]["criteria"]
        results = badge["resultDescription"]
        assert [r["name"] for r in results] == [c["title"] for c in criteria]
        levels = config["scales"][source["rubric"]["scale"]]
        for result, criterion in zip(results, criteria, strict=True):
            assert result["resultType"] == "RubricCriterionLevel"
            named = {lv["name"]: lv for lv in result["rubricCriterionLevel"]}
            assert list(named) == [lv["label"] for lv in levels]
            for level in levels:
                assert named[level["label"]]["description"] == criterion["descriptors"][level["id"]]
            passing = [lv for lv in levels if lv.get("passing")][-1]
            assert result["requiredLevel"] == named[passing["label"]]["id"]


# -- the project's own schemas and the round trip ----------------------------------------


def test_catalog_json_matches_its_schema(sample: dict[str, bytes]) -> None:
    data = json.loads(sample["data/catalog.json"])
    errors = list(own("catalog-json").iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]
    assert data["schema_version"] == 1
    assert data["date"] == "1970-01-01"
    assert data["lint"]["summary"]["error"] == 0


def test_the_catalog_json_schema_rejects_a_wrong_shape(sample: dict[str, bytes]) -> None:
    data = json.loads(sample["data/catalog.json"])
    data["credentials"][0]["hours"] = "ten"
    del data["stacks"][0]["totals"]
    assert len(list(own("catalog-json").iter_errors(data))) == 2


def test_ctdl_documents_match_their_schema(sample: dict[str, bytes]) -> None:
    docs = _json(sample, "data/ctdl/")
    assert len(docs) == len(_sources("credentials")) + len(_sources("stacks"))
    validator = own("ctdl")
    for path, doc in docs.items():
        errors = list(validator.iter_errors(doc))
        assert not errors, (path, [e.message for e in errors[:5]])


def test_round_trip_every_credential_and_stack(sample: dict[str, bytes]) -> None:
    credentials, stacks = _sources("credentials"), _sources("stacks")
    data = json.loads(sample["data/catalog.json"])
    exported = {c["id"]: c for c in data["credentials"]}
    assert set(exported) == set(credentials)
    for cid, source in credentials.items():
        c = exported[cid]
        assert c["title"] == source["title"]
        assert c["hours"] == source["hours"]
        assert c["competency"] == source["competency"]
        assert [k["id"] for k in c["rubric"]["criteria"]] == [
            k["id"] for k in source["rubric"]["criteria"]
        ]
        for criterion, want in zip(
            c["rubric"]["criteria"], source["rubric"]["criteria"], strict=True
        ):
            assert criterion["descriptors"] == want["descriptors"]
        assert [e["id"] for e in c["evidence"]] == [e["id"] for e in source["evidence"]]
        assert [r["key"] for r in c["research"]] == source["key_method"]["research"]
    by_stack = {s["id"]: s for s in data["stacks"]}
    assert set(by_stack) == set(stacks)
    for sid, source in stacks.items():
        s = by_stack[sid]
        assert s["credentials"] == source["credentials"]
        want = sum(credentials[c]["hours"] for c in source["credentials"])
        assert s["totals"]["hours"] == want
        assert s["totals"]["hours_complete"] is True
        ctdl = json.loads(sample[f"data/ctdl/stacks/{sid}.json"])
        if source.get("award"):  # a credential of its own, made of its credentials
            assert ctdl["@type"] == "ceterms:OpenBadge"
            assert ctdl["ceterms:estimatedDuration"][0]["ceterms:exactDuration"] == f"PT{want}H"
            assert len(ctdl["ceterms:hasPart"]) == len(source["credentials"])
        else:  # a set of credentials, never exported as a credential
            assert ctdl["@type"] == "ceterms:Collection"
            assert "ceterms:requires" not in ctdl and "ceterms:hasPart" not in ctdl
            assert len(ctdl["ceterms:hasMember"]) == len(source["credentials"])
    assert {sid for sid, s in stacks.items() if s.get("award")}, "the sample awards no stack"
    assert {sid for sid, s in stacks.items() if not s.get("award")}, "nor leaves one unawarded"
    assert data["pathway"]["stack_order"] == [s["id"] for s in data["stacks"]]


def test_ctdl_credential_fields(sample: dict[str, bytes]) -> None:
    credentials = _sources("credentials")
    stack_ids = {
        json.loads(b)["@id"]: Path(p).stem
        for p, b in sample.items()
        if p.startswith("data/ctdl/stacks/")
    }
    for cid, source in credentials.items():
        doc = json.loads(sample[f"data/ctdl/{cid}.json"])
        assert doc["@type"] == "ceterms:MicroCredential"
        assert doc["@id"].endswith(doc["ceterms:ctid"])
        assert doc["ceterms:name"] == {"en": source["title"]}
        assert doc["ceterms:subjectWebpage"].endswith(f"/credentials/{cid}/")
        assert doc["ceterms:estimatedDuration"][0]["ceterms:exactDuration"] == (
            f"PT{source['hours']}H"
        )
        assert doc["ceterms:keyword"] == {"en": source.get("tags", [])}
        (requires,) = doc["ceterms:requires"]
        competency = requires["ceterms:targetCompetency"][0]["ceterms:targetNodeName"]
        assert competency == {"en": source["competency"]}
        parents = {stack_ids[i] for i in doc.get("ceterms:isPartOf", [])}
        awarded = {sid for sid, s in _sources("stacks").items() if s.get("award")}
        assert (
            parents
            == {sid for sid, s in _sources("stacks").items() if cid in s["credentials"]} & awarded
        )  # part of the stacks that are credentials
        assert doc["ceterms:credentialStatusType"]["ceterms:targetNode"] == "credentialStat:Active"


def test_csv_has_one_row_per_credential(sample: dict[str, bytes]) -> None:
    data = sample["data/credentials.csv"]
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    credentials = _sources("credentials")
    assert {r["id"] for r in rows} == set(credentials)
    for row in rows:
        source = credentials[row["id"]]
        assert float(row["hours"]) == source["hours"]
        assert row["competency"] == source["competency"]
        assert row["url"].endswith(f"/credentials/{row['id']}/")
        assert row["stacks"]


def test_exports_are_deterministic(tmp_path: Path, sample: dict[str, bytes]) -> None:
    root = _copy_sample(tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        assert _files(root) == sample


# -- without base_url, hostile text, CTIDs --------------------------------------------------


def _without_base_url(root: Path) -> None:
    config = root / "mcauthor.yaml"
    text = config.read_text("utf-8")
    config.write_text("\n".join(x for x in text.splitlines() if "base_url" not in x) + "\n")


def test_without_base_url_ids_are_stable_urns(
    tmp_path: Path, official: jsonschema.protocols.Validator
) -> None:
    root = _copy_sample(tmp_path / "a")
    _without_base_url(root)
    first = export(root, ["openbadges", "ctdl"])
    assert any("base_url" in note for note in first.notes)
    badges = _json(dict(first.files), "data/openbadges/")
    for badge in badges.values():
        assert badge["id"].startswith("urn:uuid:")
        assert "id" not in badge["criteria"]
        assert_valid_badge(official, badge)
    assert len({b["id"] for b in badges.values()}) == len(badges)
    # Same ids from another copy of the catalog somewhere else.
    again = _copy_sample(tmp_path / "b")
    _without_base_url(again)
    assert dict(export(again, ["openbadges", "ctdl"]).files) == dict(first.files)


@pytest.mark.slow
def test_build_warns_without_base_url(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    _without_base_url(root)
    result = invoke("build", str(root), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "warning: catalog.base_url is not set" in result.output
    assert (tmp_path / "out" / "data" / "catalog.json").is_file()


JSON_HOSTILE = 'quote " backslash \\ tab\t nul-ish \u2028 \u202e RTL עברית emoji 👩🏽‍🏫 \\u0000'
FORMULA = '=HYPERLINK("http://evil.example","x")'


def test_hostile_text_stays_valid_json_and_literal(
    tmp_path: Path, official: jsonschema.protocols.Validator
) -> None:
    root = tmp_path / "hostile"
    write_catalog(root)
    path = root / "credentials" / "hostile.yaml"
    text = path.read_text("utf-8")
    # U+2028 is a line break to YAML unless escaped.
    title = json.dumps(f"{FORMULA} {JSON_HOSTILE}", ensure_ascii=False).replace("\u2028", "\\u2028")
    text = "\n".join(
        f"title: {title}" if line.startswith("title:") else line for line in text.splitlines()
    )
    path.write_text(text + "\n", "utf-8")
    files = _files(root)
    for rel, data in files.items():
        if rel.endswith(".json"):
            json.loads(data.decode("utf-8"))  # valid JSON, valid UTF-8
    badge = json.loads(files["data/openbadges/hostile.json"])
    assert badge["name"] == f"{FORMULA} {JSON_HOSTILE}"
    assert_valid_badge(official, badge)
    catalog = json.loads(files["data/catalog.json"])
    assert catalog["credentials"][0]["title"] == f"{FORMULA} {JSON_HOSTILE}"
    assert own("catalog-json").is_valid(catalog)
    for rel, data in files.items():
        if rel.startswith("data/ctdl/"):
            assert own("ctdl").is_valid(json.loads(data)), rel
    (row,) = csv.DictReader(
        io.StringIO(files["data/credentials.csv"].decode("utf-8-sig"), newline="")
    )
    assert row["title"] == "'" + f"{FORMULA} {JSON_HOSTILE}"  # never a formula
    # Markup in plain fields is escaped in the markdown narrative, never live.
    assert "\\<script\\>" in badge["criteria"]["narrative"]


def test_pinned_ctids_and_owner_come_from_config(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    owner = "ce-0b7f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4"
    pinned = "ce-11111111-2222-4333-8444-555555555555"
    with (root / "mcauthor.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            f"ctdl:\n  owner: {owner}\n  credentials:\n    calibrating-scoring: {pinned}\n"
        )
    result = export(root, ["ctdl"])
    files = _json(dict(result.files), "data/ctdl/")
    doc = files["data/ctdl/calibrating-scoring.json"]
    assert doc["ceterms:ctid"] == pinned
    assert doc["ceterms:ownedBy"] == [f"https://credentialengineregistry.org/resources/{owner}"]
    basic = files["data/ctdl/stacks/basic-performance-assessment-design.json"]
    assert f"https://credentialengineregistry.org/resources/{pinned}" in basic["ceterms:hasPart"]
    assert not any("ctdl.owner" in n for n in result.notes)


def test_a_malformed_ctid_is_a_lint_error(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    config = root / "mcauthor.yaml"
    owner_line = len(config.read_text("utf-8").splitlines()) + 2
    with config.open("a", encoding="utf-8") as handle:
        handle.write("ctdl:\n  owner: not-a-ctid\n")
    result = invoke("lint", str(root), "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)["diagnostics"]
    assert (finding["path"], finding["line"]) == ("mcauthor.yaml", owner_line)
    assert "not-a-ctid" in finding["message"]


@pytest.mark.parametrize(
    ("hours", "iso"), [(15, "PT15H"), (7.5, "PT7H30M"), (0.25, "PT15M"), (1.01, "PT1H1M")]
)
def test_iso_durations(hours: float, iso: str) -> None:
    assert duration(hours) == iso


def test_language_tags_are_normalised(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    config = root / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: en-us"))
    files = _files(root, "openbadges", "ctdl")
    badge = json.loads(files["data/openbadges/calibrating-scoring.json"])
    assert badge["inLanguage"] == "en-US"
    doc = json.loads(files["data/ctdl/calibrating-scoring.json"])
    assert doc["ceterms:inLanguage"] == ["en-US"]


# -- the command line and the build ------------------------------------------------------


def test_export_to_stdout_matches_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    root = _copy_sample(tmp_path)
    out = build(root, tmp_path / "site", guides=False).out
    for fmt, rel in (("catalog-json", "data/catalog.json"), ("csv", "data/credentials.csv")):
        result = invoke("export", str(root), "--format", fmt)
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == (out / rel).read_bytes()


def test_export_all_to_a_folder_matches_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    root = _copy_sample(tmp_path)
    site = build(root, tmp_path / "site", guides=False).out / "data"
    result = invoke("export", str(root), "-f", "all", "-o", str(tmp_path / "x"))
    assert result.exit_code == 0, result.output
    exported = {
        p.relative_to(tmp_path / "x").as_posix(): p.read_bytes()
        for p in (tmp_path / "x").rglob("*")
        if p.is_file()
    }
    built = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert exported == built
    assert "openbadges/calibrating-scoring.json" in exported


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "openbadges"], "give --out DIR"),
        (["-f", "ctdl"], "give --out DIR"),
        (["-f", "all", "-o", "{root}/credentials/x"], "inside the catalog's credentials/"),
        (["-f", "all", "-o", "{root}"], "would replace the catalog"),
        (["-f", "yaml"], "Invalid value"),
    ],
)
def test_export_cannot_run(tmp_path: Path, args: list[str], message: str) -> None:
    root = _copy_sample(tmp_path)
    before = sorted(p for p in root.rglob("*"))
    argv = ["export", str(root), *(a.replace("{root}", str(root)) for a in args)]
    result = invoke(*argv)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert sorted(p for p in root.rglob("*") if ".mcauthor-cache" not in p.parts) == [
        p for p in before if ".mcauthor-cache" not in p.parts
    ]


def test_export_refuses_on_lint_errors_and_writes_nothing(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    path = root / "credentials" / "calibrating-scoring.yaml"
    path.write_text(path.read_text("utf-8").replace("hours: 8", "hours: -8"))
    result = invoke("export", str(root), "-f", "all", "-o", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "not exported: lint reports errors" in result.output
    assert not (tmp_path / "x").exists()


def test_build_writes_the_data_folder_and_links_it(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    out = build(root, tmp_path / "site", guides=False).out
    credentials = _sources("credentials")
    for cid in credentials:
        assert (out / "data" / "openbadges" / f"{cid}.json").is_file()
        assert (out / "data" / "ctdl" / f"{cid}.json").is_file()
        page = (out / "credentials" / cid / "index.html").read_text("utf-8")
        assert f"../../data/openbadges/{cid}.json" in page
    assert 'href="data/catalog.json"' in (out / "index.html").read_text("utf-8")


def test_one_edit_rewrites_only_the_data_that_shows_it(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    out = tmp_path / "site"
    build(root, out, guides=False)
    _retitle(root)
    again = build(root, out, guides=False)
    data = sorted(p for p in again.written.rendered_paths if p.startswith("data/"))
    assert data == [
        "data/catalog.json",
        "data/credentials.csv",
        "data/ctdl/calibrating-scoring.json",
        "data/ctdl/stacks/basic-performance-assessment-design.json",
        "data/openbadges-v2/calibrating-scoring.json",
        "data/openbadges-v2/stacks/basic-performance-assessment-design.json",
        "data/openbadges/calibrating-scoring.json",
        # the awarded stack's badge names its credentials by their titles
        "data/openbadges/stacks/basic-performance-assessment-design.json",
    ]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (["demonstrated", "progressing", "not-met"], "progressing"),
        (["not-met", "progressing", "demonstrated"], "progressing"),
        (["demonstrated", "not-met"], "demonstrated"),
    ],
)
def test_required_level_is_the_lowest_passing_level(order: list[str], expected: str) -> None:
    from mcauthor.export.openbadges import required_level
    from mcauthor.model import Level

    passing = {"demonstrated", "progressing"}
    levels = tuple(Level(x, x.title(), x in passing, None, ()) for x in order)
    found = required_level(levels)
    assert found is not None and found.id == expected


# -- `export --out` stays inside its folder, and fails as a whole --------------------------


def _tree_bytes(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: file bytes, or where a link points."""
    out: dict[str, bytes | str] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = f"-> {p.readlink()}"
        elif p.is_file():
            out[rel] = p.read_bytes()
        else:
            out[rel] = "dir"
    return out


def test_export_refuses_a_subfolder_that_links_out_of_the_output(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    before = _tree_bytes(root / "credentials")
    out = tmp_path / "o1"
    out.mkdir()
    (out / "openbadges").symlink_to(root / "credentials")
    result = invoke("export", str(root), "-f", "openbadges", "--out", str(out))
    assert result.exit_code == 2
    assert "refusing to write into" in result.output
    assert str(out / "openbadges") in result.output
    assert "Traceback" not in result.output
    assert _tree_bytes(root / "credentials") == before
    assert sorted(p.name for p in out.iterdir()) == ["openbadges"]


def test_export_refuses_a_target_that_is_a_link(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    victim = tmp_path / "victim.json"
    victim.write_bytes(b"keep me\n")
    out = tmp_path / "o"
    out.mkdir()
    (out / "catalog.json").symlink_to(victim)
    result = invoke("export", str(root), "-f", "catalog-json", "-o", str(out))
    assert result.exit_code == 2
    assert f"refusing to write {out / 'catalog.json'}: it is a symbolic link" in result.output
    assert victim.read_bytes() == b"keep me\n"
    assert (out / "catalog.json").is_symlink()


def test_a_link_at_the_temporary_name_is_not_followed(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    victim = tmp_path / "victim.csv"
    victim.write_bytes(b"keep me\n")
    out = tmp_path / "o"
    out.mkdir()
    (out / ".credentials.csv.mcauthor-tmp").symlink_to(victim)
    (out / ".catalog.json.mcauthor-tmp").symlink_to(tmp_path / "created-through-a-link")
    result = invoke("export", str(root), "-f", "all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == b"keep me\n"
    assert not (tmp_path / "created-through-a-link").exists()
    assert (out / "credentials.csv").read_bytes() == _files(root, "csv")["data/credentials.csv"]
    assert not (out / "credentials.csv").is_symlink()
    # What was at the temporary names is left as it was; no other temporary file is left.
    assert (out / ".credentials.csv.mcauthor-tmp").readlink() == victim
    leftover = [p.name for p in out.rglob("*mcauthor-tmp*")]
    assert sorted(leftover) == [".catalog.json.mcauthor-tmp", ".credentials.csv.mcauthor-tmp"]


def _retitle(root: Path) -> None:
    edit(
        root / "credentials" / "calibrating-scoring.yaml",
        "title: Calibrating Scoring",
        "title: Calibrating Scores",
    )


def test_a_failed_export_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    out = tmp_path / "o"
    assert invoke("export", str(root), "-f", "all", "-o", str(out)).exit_code == 0
    # The last file written is in the way: every file before it was already staged.
    (out / "credentials.csv").unlink()
    (out / "credentials.csv").mkdir()
    before = _tree_bytes(out)
    _retitle(root)  # catalog.json, the CSV, a badge and two CTDL files change
    result = invoke("export", str(root), "-f", "all", "-o", str(out))
    assert result.exit_code == 2
    assert f"cannot write {out / 'credentials.csv'}: it is a folder" in result.output
    assert "Traceback" not in result.output
    assert _tree_bytes(out) == before
    assert not list(out.rglob("*mcauthor-tmp*"))


def test_a_write_error_removes_every_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mcauthor.export.standalone as exporting
    from mcauthor import files as files_module

    root = _copy_sample(tmp_path)
    out = tmp_path / "o"
    exporting.write_files(out, export(root, FORMATS).files)
    before = _tree_bytes(out)
    _retitle(root)
    files = export(root, FORMATS).files
    real, calls = files_module._temporary_name, []

    def failing(name: str) -> str:
        # The third file gets a temporary name no file system allows: a real OS error.
        calls.append(name)
        return "." + "x" * 300 if len(calls) == 3 else real(name)

    monkeypatch.setattr(files_module, "_temporary_name", failing)
    with pytest.raises(exporting.WriteError) as raised:
        exporting.write_files(out, files)
    message = str(raised.value)
    assert message.startswith(f"cannot write {out}/")
    assert message.endswith(f"/{calls[2]}: the name is too long for the file system")
    assert _tree_bytes(out) == before
    assert not list(out.rglob("*mcauthor-tmp*"))
    # A fresh folder that could not be filled is removed again.
    calls.clear()
    with pytest.raises(exporting.WriteError):
        exporting.write_files(tmp_path / "new" / "deep", files)
    assert not (tmp_path / "new").exists()


def test_identical_files_are_left_alone(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    out = tmp_path / "o"
    assert invoke("export", str(root), "-f", "all", "-o", str(out)).exit_code == 0
    badge = out / "openbadges" / "designing-performance-tasks.json"
    changed = out / "openbadges" / "calibrating-scoring.json"
    os.utime(badge, (1, 1))
    os.utime(changed, (1, 1))
    _retitle(root)
    assert invoke("export", str(root), "-f", "all", "-o", str(out)).exit_code == 0
    assert badge.stat().st_mtime == 1
    assert changed.stat().st_mtime != 1


@pytest.mark.parametrize(
    ("inside", "message"),
    [
        (".git", "inside the catalog's .git/"),
        (".git/objects", "inside the catalog's .git/"),
        (".mcauthor-cache/x", "inside the catalog's .mcauthor-cache/"),
    ],
)
def test_export_refuses_the_catalogs_git_and_cache_folders(
    tmp_path: Path, inside: str, message: str
) -> None:
    root = _copy_sample(tmp_path)
    (root / ".git" / "objects").mkdir(parents=True)
    (root / ".mcauthor-cache").mkdir()
    before = _tree_bytes(root)
    result = invoke("export", str(root), "-f", "all", "-o", str(root / inside))
    assert result.exit_code == 2
    assert message in result.output
    after = _tree_bytes(root)  # the lint before the export fills its cache
    assert {k: v for k, v in after.items() if not k.startswith(".mcauthor-cache/")} == before


def test_export_refuses_the_git_folder_of_the_repository_around_the_catalog(
    tmp_path: Path,
) -> None:
    root = _copy_sample(tmp_path)
    (tmp_path / ".git").mkdir()
    result = invoke("export", str(root), "-f", "all", "-o", str(tmp_path / ".git"))
    assert result.exit_code == 2
    assert "inside a Git repository's .git/" in result.output
    assert list((tmp_path / ".git").iterdir()) == []


# -- the Open Badges narrative is safe markdown --------------------------------------------

HOSTILE_MARKDOWN = """\
Intro <img src=x onerror=alert(1)> and <script>alert(1)</script> text.

<script>alert(2)</script>

See [x](javascript:alert(1)), [y](jav&#x61;script:alert(1)) and [ok](https://example.org/ok).
Submit a **bold** *claim* with `code`!

- first
- second
  1. nested one
  2. nested two
"""


def _narrative_html(root: Path) -> tuple[str, str]:
    from markdown_it import MarkdownIt

    files = _files(root, "openbadges")
    narrative = json.loads(files["data/openbadges/calibrating-scoring.json"])["criteria"][
        "narrative"
    ]
    # A permissive renderer, as badge platforms use: raw HTML on, every link allowed.
    permissive = MarkdownIt("commonmark")
    permissive.validateLink = lambda url: True  # type: ignore[method-assign]
    return narrative, permissive.render(narrative)


def test_catalog_markdown_reaches_the_narrative_only_as_safe_markdown(tmp_path: Path) -> None:
    root = _copy_sample(tmp_path)
    path = root / "credentials" / "calibrating-scoring.yaml"
    text = path.read_text("utf-8")
    old = (
        "      Answer the questions in order and number your answers. Refer to colleagues by\n"
        "      role or subject only, and do not name yourself, your school or any student.\n"
    )
    assert old in text
    hostile = "".join(f"      {line}\n" if line else "\n" for line in HOSTILE_MARKDOWN.split("\n"))
    text = text.replace(old, hostile.rstrip("\n") + "\n")
    earn = next(line for line in text.splitlines() if line.startswith("  earn:"))
    text = text.replace(
        earn, "  earn: |\n    Reach <b onclick=x>**Demonstrated**</b>; [more](javascript:void(0))"
    )
    path.write_text(text, "utf-8")
    narrative, html = _narrative_html(root)
    for bad in ("<img", "<script", "<b ", "javascript:"):
        assert bad not in html.lower(), (bad, html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text, not dropped
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert '<a href="https://example.org/ok">ok</a>' in html
    assert "See x, y and" in html  # an unsafe link keeps its text
    assert "<strong>bold</strong> <em>claim</em> with <code>code</code>!" in html
    assert "<li>first</li>" in html
    assert "<ol>\n<li>nested one</li>\n<li>nested two</li>\n</ol>" in html
    assert "Reach &lt;b onclick=x&gt;<strong>Demonstrated</strong>&lt;/b&gt;; more" in html
    # The evidence part's prompts stay a list of their own after the instructions' list.
    assert "<ul>\n<li>Describe the task and rubric you calibrated on" in html
    assert "\n* Describe the task and rubric" in narrative


def test_the_sample_narrative_keeps_its_markdown(sample: dict[str, bytes]) -> None:
    from markdown_it import MarkdownIt

    badge = json.loads(sample["data/openbadges/calibrating-scoring.json"])
    html = MarkdownIt("commonmark").render(badge["criteria"]["narrative"])
    assert "as a <strong>PDF</strong> where you can" in html
    assert "reaching <strong>Demonstrated</strong> on every criterion" in html
    assert "\\" not in html
