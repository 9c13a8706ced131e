"""What badge platforms do with mcauthor's Open Badges, done here with independent
libraries, offline: every Open Badges 3.0 achievement (credentials and awarded stacks) is
wrapped in an AchievementCredential, signed with a throwaway key and verified by
openbadgeslib, both as a Data Integrity proof (which expands it with pyld) and as a
VC-JWT; every 2.0 BadgeClass is verified as a hosted badge would be, fetched from its id;
and every document expands with the JSON-LD context of its version without dropping a
term. The catalog is the sample with a badge image for each credential and awarded stack
(Open Badges 2.0 requires one)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openbadgeslib.ob2 import Assertion, IdentityObject, OB2Verifier, Verification
from openbadgeslib.ob3 import (
    OB3Signer,
    OB3VerificationError,
    OB3Verifier,
    add_data_integrity_proof,
    did_key_from_pem,
    verify_data_integrity_proof,
)
from openbadgeslib.ob3.contexts import document_loader
from pyld import jsonld

from mcauthor.build import build
from mcauthor.export.openbadges2 import CONTEXT as OB2_CONTEXT
from test_export import as_credential

from conftest import copy_sample, edit

CONTEXTS = Path(__file__).parent / "contexts"
BASE = "https://credentials.example.org/cce/"  # the sample's catalog.base_url
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, a badge image given to each credential and awarded stack, built."""
    root = copy_sample(tmp_path_factory.mktemp("platforms") / "catalog")
    (root / "assets").mkdir()
    for path in sorted((root / "credentials").glob("*.yaml")):
        (root / "assets" / f"{path.stem}.png").write_bytes(PNG)
        edit(path, "\ntitle: ", f"\nimage: assets/{path.stem}.png\ntitle: ")
    for path in sorted((root / "stacks").glob("*.yaml")):
        text = path.read_text("utf-8")
        image = f"\naward:\n  image: assets/stack-{path.stem}.png\n"
        if "\naward: true\n" in text:
            edit(path, "\naward: true\n", image)
        elif "\naward:\n" in text:
            edit(path, "\naward:\n", image)
        else:
            continue
        (root / "assets" / f"stack-{path.stem}.png").write_bytes(PNG)
    return build(root, root.parent / "site", guides=False).out


def _documents(site: Path, folder: str) -> dict[str, dict[str, Any]]:
    found = sorted((site / "data" / folder).rglob("*.json"))
    assert found, f"no documents in data/{folder}"
    return {p.relative_to(site).as_posix(): json.loads(p.read_text("utf-8")) for p in found}


def _achievements(site: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    badges = _documents(site, "openbadges")
    assert any("/stacks/" in path for path in badges), "no awarded stack's badge"
    yield from badges.items()


# -- a throwaway issuer key -------------------------------------------------------------------


@pytest.fixture(scope="module")
def key() -> tuple[bytes, bytes, str]:
    """An Ed25519 key pair (PEM) and its did:key, made for this run only."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem, public, did_key_from_pem(public)


def _credential(achievement: dict[str, Any], did: str) -> dict[str, Any]:
    """An AchievementCredential awarding ``achievement``, issued by ``did``."""
    credential = as_credential(achievement)
    credential["issuer"] = {**credential["issuer"], "id": did}
    return credential


# -- Open Badges 3.0 ---------------------------------------------------------------------------


def test_every_achievement_signs_and_verifies_as_a_data_integrity_proof(
    site: Path, key: tuple[bytes, bytes, str]
) -> None:
    private, public, did = key
    for path, achievement in _achievements(site):
        method = f"{did}#{did.removeprefix('did:key:')}"
        signed = add_data_integrity_proof(_credential(achievement, did), private, method)
        verify_data_integrity_proof(signed, public)  # raises when it does not verify
        assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022", path


def test_a_changed_achievement_no_longer_verifies(
    site: Path, key: tuple[bytes, bytes, str]
) -> None:
    """The control: the check above can fail."""
    private, public, did = key
    _, achievement = next(_achievements(site))
    signed = add_data_integrity_proof(_credential(achievement, did), private, f"{did}#x")
    signed["credentialSubject"]["achievement"]["name"] += " (changed)"
    with pytest.raises(OB3VerificationError):
        verify_data_integrity_proof(signed, public)


def test_every_achievement_signs_and_verifies_as_a_vc_jwt(
    site: Path, key: tuple[bytes, bytes, str]
) -> None:
    private, public, did = key
    for path, achievement in _achievements(site):
        credential = _credential(achievement, did)
        claims = {
            "iss": did,
            "nbf": int(time.time()) - 60,
            "jti": credential["id"],
            "sub": credential["credentialSubject"]["id"],
        }
        token = OB3Signer(private, algorithm="EdDSA").sign_payload(credential | claims)
        verified = OB3Verifier(public).verify(token)
        assert (
            verified.to_jwt_payload()["credentialSubject"]["achievement"]["id"]
            == (achievement["id"])
        ), path


def _dropped(document: dict[str, Any], loader: Any) -> set[tuple[str, ...]]:
    """The members of ``document`` that its JSON-LD context does not define: expanding
    drops them silently, so they are what is missing after compacting the expansion."""
    options = {"documentLoader": loader}
    expanded = jsonld.expand(document, options)
    back = jsonld.compact(expanded, {"@context": document["@context"]}, options)
    return set(_members(document)) - set(_members(back))


def _members(value: Any, at: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(value, dict):
        for name, inner in value.items():
            if name != "@context":
                yield (*at, name)
                yield from _members(inner, (*at, name))
    elif isinstance(value, list):
        for inner in value:
            yield from _members(inner, at)


def test_every_achievement_expands_with_no_term_dropped(site: Path) -> None:
    loader = document_loader()  # the pinned contexts, never the network
    for path, achievement in _achievements(site):
        assert not _dropped(as_credential(achievement), loader), path


def test_the_expansion_check_sees_a_dropped_term(site: Path) -> None:
    """The control: a member no context defines is reported."""
    _, achievement = next(_achievements(site))
    credential = as_credential({**achievement, "notAnOpenBadgesTerm": "x"})
    dropped = _dropped(credential, document_loader())
    assert dropped == {("credentialSubject", "achievement", "notAnOpenBadgesTerm")}


# -- Open Badges 2.0 ---------------------------------------------------------------------------


def _ob2_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url != OB2_CONTEXT:
        raise ValueError(f"no network in the tests: {url}")
    document = json.loads((CONTEXTS / "openbadges-v2.jsonld").read_text("utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def test_every_2_0_document_expands_with_no_term_dropped(site: Path) -> None:
    documents = _documents(site, "openbadges-v2")
    assert any(d["type"] == "Issuer" for d in documents.values())
    for path, document in documents.items():
        assert not _dropped(document, _ob2_loader), path


def test_every_2_0_badge_class_has_what_a_platform_requires(site: Path) -> None:
    for path, document in _documents(site, "openbadges-v2").items():
        if document["type"] != "BadgeClass":
            continue
        for member in ("id", "name", "description", "image", "criteria", "issuer"):
            assert document.get(member), (path, member)
        assert document["id"] == BASE + path
        assert document["image"].startswith(BASE + "assets/")
        assert (site / document["image"].removeprefix(BASE)).is_file()


def test_a_hosted_2_0_badge_of_each_class_verifies(site: Path) -> None:
    """A platform verifies a hosted badge by fetching it, its BadgeClass and the issuer's
    Profile from their ids: here they are fetched from the built site."""
    hosted: dict[str, bytes] = {}

    def download(url: str) -> bytes:
        if url in hosted:
            return hosted[url]
        assert url.startswith(BASE), f"a fetch outside the site: {url}"
        return (site / url.removeprefix(BASE)).read_bytes()

    verifier = OB2Verifier(download=download)
    for path, document in _documents(site, "openbadges-v2").items():
        if document["type"] != "BadgeClass":
            continue
        assertion = Assertion(
            id=f"{BASE}assertions/{Path(path).stem}.json",
            recipient=IdentityObject.from_dict(
                {"type": "email", "hashed": False, "identity": "educator@example.org"}
            ),
            badge=document["id"],
            verification=Verification.from_dict({"type": "HostedBadge"}),
            issued_on=datetime(2026, 1, 1, tzinfo=timezone.utc),
        )
        hosted[assertion.id or ""] = json.dumps(assertion.to_dict()).encode()
        verified = verifier.verify_hosted(assertion.to_dict())
        assert verified.badge == document["id"], path
