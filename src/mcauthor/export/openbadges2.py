"""Open Badges 2.0 ``BadgeClass`` documents, one per credential and per awarded stack, and
the issuer's ``Profile``: what the many school platforms that still import 2.0 need.

Open Badges 2.0 verifies badges by fetching them, so every id is the address where the
document is published (``catalog.base_url``); without one the ids are stable ``urn:uuid:``
and :func:`notes` says that platforms cannot fetch them. The texts are the Open Badges 3.0
export's (:mod:`mcauthor.export.openbadges`): the same description, criteria narrative and
alignments, in 2.0's terms:

- ``criteria``: ``narrative`` (markdown) and ``id`` (the credential's or stack's page);
- ``issuer``: the id of the Profile, ``data/openbadges-v2/issuer/profile.json``;
- ``image``: the badge image's address (2.0 requires one: :func:`notes` names the badges
  without);
- ``alignment``: those with a web address, with ``targetName``, ``targetUrl``,
  ``targetFramework`` and ``targetCode``; ``tags``: the credential's tags.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from mcauthor import paths
from mcauthor.badgeimage import credential_image, stack_image
from mcauthor.export.common import (
    base_url_note,
    credential_url,
    site_url,
    stable_urn,
    version,
    web,
)
from mcauthor.export.openbadges import (
    badge_jobs,
    description,
    json_of,
    narrative,
    stack_criteria,
)
from mcauthor.model import Alignment, Catalog, Config, Credential
from mcauthor.output import Job, key_of
from mcauthor.stacks import ResolvedStack

if TYPE_CHECKING:  # only planned from: importing it would load the lint engine
    from mcauthor.prepare import Prepared

CONTEXT = "https://w3id.org/openbadges/v2"


def class_id(config: Config, path: str, kind: str, ident: str) -> str:
    """Where the document is published, or a stable URN without ``base_url``."""
    return site_url(config, path) or stable_urn(config, f"ob2-{kind}", ident)


def issuer_id(config: Config) -> str:
    return class_id(config, paths.ISSUER_V2, "issuer", config.id)


def issuer(catalog: Catalog) -> dict[str, Any]:
    """The issuer's Profile (``type: Issuer``)."""
    config = catalog.config
    who = config.issuer
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_id(config),
        "name": who.name,
    }
    if web(who.url):
        out["url"] = who.url
    if who.email:
        out["email"] = who.email
    logo = site_url(config, who.logo) if who.logo else None
    if logo:
        out["image"] = logo
    return out


def badge_class(catalog: Catalog, credential: Credential) -> dict[str, Any]:
    config = catalog.config
    criteria: dict[str, Any] = {}
    page = credential_url(config, credential.id)
    if page:
        criteria["id"] = page
    criteria["narrative"] = narrative(catalog, credential)
    out = _head(config, paths.badge_v2(credential.id), "credential", credential.id)
    out |= {
        "name": credential.title,
        "description": description(catalog, credential),
        "criteria": criteria,
        "issuer": issuer_id(config),
    }
    _image(config, out, credential_image(config, credential))
    alignments = [_alignment(a) for a in credential.alignments if web(a.url)]
    if alignments:
        out["alignment"] = alignments
    if credential.tags:
        out["tags"] = list(credential.tags)
    return out


def stack_class(catalog: Catalog, resolved: ResolvedStack) -> dict[str, Any]:
    """The badge an awarded stack gives for earning all its published credentials."""
    config = catalog.config
    stack = resolved.stack
    members = [c for c in resolved.members if c.status == "published"]
    out = _head(config, paths.stack_badge_v2(stack.id), "stack", stack.id)
    out |= {
        "name": stack.award.name if stack.award is not None else stack.title,
        "description": stack.summary or stack.title,
        "criteria": stack_criteria(catalog, resolved, members),
        "issuer": issuer_id(config),
    }
    _image(config, out, stack_image(config, stack))
    return out


def _head(config: Config, path: str, kind: str, ident: str) -> dict[str, Any]:
    return {"@context": CONTEXT, "type": "BadgeClass", "id": class_id(config, path, kind, ident)}


def _image(config: Config, out: dict[str, Any], image: str | None) -> None:
    url = site_url(config, image) if image else None
    if url:
        out["image"] = url


def _alignment(alignment: Alignment) -> dict[str, Any]:
    out: dict[str, Any] = {"targetName": alignment.name, "targetUrl": alignment.url}
    if alignment.framework:
        out["targetFramework"] = alignment.framework
    if alignment.code:
        out["targetCode"] = alignment.code
    return out


def plan(prepared: Prepared) -> list[Job]:
    """The issuer, one BadgeClass per credential, then one per awarded stack that can be
    earned now."""
    issuer_key = key_of("openbadges-v2-issuer", version(), prepared.config)
    render = partial(json_of, issuer, prepared.catalog)
    return [
        Job(paths.ISSUER_V2, issuer_key, render, kind="data"),
        *badge_jobs(
            prepared,
            "openbadges-v2",
            (paths.badge_v2, badge_class),
            (paths.stack_badge_v2, stack_class),
        ),
    ]


def notes(catalog: Catalog) -> list[str]:
    """base_url (2.0 badges are fetched from their ids), and badges without an image."""
    out = base_url_note(catalog)
    missing = [c.id for c in catalog.credentials if not credential_image(catalog.config, c)]
    if missing:
        out.append(
            f"{len(missing)} credential(s) have no image (first: {missing[0]}): an Open "
            "Badges 2.0 BadgeClass requires one, and platforms refuse to import it without"
        )
    return out
