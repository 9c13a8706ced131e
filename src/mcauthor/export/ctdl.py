"""Credential Engine (CTDL) JSON-LD, one document per credential and per stack.

With Credential Engine's published property names (https://credreg.net/ctdl/terms):

- a credential is a ``ceterms:MicroCredential``;
- an awarded stack (``award:``), which earns a badge of its own, is a credential too: a
  ``ceterms:OpenBadge`` (it is awarded as one) that ``ceterms:hasPart`` its credentials,
  each of which ``ceterms:isPartOf`` it;
- a stack without ``award`` earns nothing of its own, so it is no credential: it is a
  ``ceterms:Collection`` ("Aggregation of related resources",
  https://credreg.net/ctdl/terms/Collection) that ``ceterms:hasMember`` its credentials,
  with their order in ``ceterms:membershipCondition``.

The Credential Registry needs a few things the catalog cannot supply: the issuer
organization's CTID (``ctdl.owner`` in mcauthor.yaml) and, for pages, ``catalog.base_url``.
CTIDs of credentials and stacks are derived from the catalog and item ids unless
``ctdl.credentials`` / ``ctdl.stacks`` pin them. :func:`notes` says what is absent.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from mcauthor import paths
from mcauthor.export.common import (
    NAMESPACE,
    credential_url,
    stack_url,
    to_json,
    version,
    web,
)
from mcauthor.export.openbadges import competencies
from mcauthor.model import Catalog, Config, Credential, EffectiveStatus
from mcauthor.output import Job, key_of
from mcauthor.stacks import Pathway, ResolvedStack
from mcauthor.words import language_tag

if TYPE_CHECKING:  # only planned from: importing it would load the lint engine
    from mcauthor.prepare import Prepared

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
REGISTRY = "https://credentialengineregistry.org/resources/"
# CTDL's CredentialStatus concepts (the registry's words, not model.STATUS_LABELS); no
# draft: drafts are not for the registry. `suspended`: a published stack holding a draft
# or retired credential (stacks.ResolvedStack.effective_status): not awarded for now.
_STATUS: Mapping[EffectiveStatus, tuple[str, str]] = {
    "published": ("Active", "Active"),
    "retired": ("Deprecated", "Deprecated"),
    "suspended": ("Suspended", "Suspended"),
}


def ctid(config: Config, kind: str, ident: str) -> str:
    """The item's CTID: pinned in mcauthor.yaml, else derived from the catalog and item ids."""
    pinned = (config.ctdl.credentials if kind == "credential" else config.ctdl.stacks).get(ident)
    return pinned or f"ce-{uuid.uuid5(NAMESPACE, f'ctdl/{config.id}/{kind}/{ident}')}"


def resource(config: Config, kind: str, ident: str) -> str:
    return REGISTRY + ctid(config, kind, ident)


def _lang(config: Config) -> str:
    return language_tag(config.language)


def _text(config: Config, value: str) -> dict[str, str]:
    """A CTDL language map."""
    return {_lang(config): value}


def duration(hours: float) -> str | None:
    """ISO 8601 duration: 15 -> PT15H, 7.5 -> PT7H30M; None for `.inf` or `.nan`."""
    import math

    if not math.isfinite(hours):  # the schema step removes these; never crash on one
        return None
    minutes = round(hours * 60)
    h, m = divmod(minutes, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m or not h else "")


def _duration(hours: float) -> list[dict[str, Any]]:
    return [{"@type": "ceterms:DurationProfile", "ceterms:exactDuration": duration(hours)}]


# A collection is no credential, so it has no CredentialStatus: CTDL gives it a life-cycle
# status instead (ceterms:lifeCycleStatusType, LifeCycleStatus concepts).
_LIFE_CYCLE: Mapping[EffectiveStatus, tuple[str, str]] = {
    "published": ("Active", "Active"),
    "retired": ("Ceased", "Ceased"),
    "suspended": ("Suspended", "Suspended"),
}


def _life_cycle(config: Config, status: EffectiveStatus) -> dict[str, Any] | None:
    found = _LIFE_CYCLE.get(status)
    return None if found is None else _concept(config, "LifeCycleStatus", "lifeCycle", *found)


def _status(config: Config, status: EffectiveStatus) -> dict[str, Any] | None:
    found = _STATUS.get(status)  # none for drafts: they are not for the registry
    return None if found is None else _concept(config, "CredentialStatus", "credentialStat", *found)


def _concept(config: Config, scheme: str, prefix: str, node: str, name: str) -> dict[str, Any]:
    """A concept of one of CTDL's schemes ("CredentialStatus", "credentialStat")."""
    words = "".join(f" {c}" if c.isupper() else c for c in scheme).strip()  # "Life Cycle Status"
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": f"https://credreg.net/ctdl/terms/{scheme}",
        "ceterms:frameworkName": _text(config, words),
        "ceterms:targetNode": f"{prefix}:{node}",
        "ceterms:targetNodeName": _text(config, name),
    }


def _owner(config: Config) -> list[Any]:
    """The issuer: a registry reference when its CTID is known, else described in place."""
    if config.ctdl.owner:
        return [REGISTRY + config.ctdl.owner]
    issuer = config.issuer
    org: dict[str, Any] = {
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": _text(config, issuer.name),
    }
    if web(issuer.url):
        org["ceterms:subjectWebpage"] = issuer.url
    if issuer.email:
        org["ceterms:email"] = [issuer.email]
    return [org]


def _common(
    config: Config,
    kind: str,
    ident: str,
    title: str,
    text: str,
    ctdl_type: str = "ceterms:MicroCredential",
) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@id": resource(config, kind, ident),
        "@type": ctdl_type,
        "ceterms:ctid": ctid(config, kind, ident),
        "ceterms:name": _text(config, title),
        "ceterms:description": _text(config, text),
    }


def _finish(config: Config, out: dict[str, Any], page: str | None, status: EffectiveStatus) -> None:
    if page:
        out["ceterms:subjectWebpage"] = page
    out["ceterms:inLanguage"] = [_lang(config)]
    found = _status(config, status)
    if found is not None:
        out["ceterms:credentialStatusType"] = found
    out["ceterms:ownedBy"] = _owner(config)


def credential(catalog: Catalog, pathway: Pathway, item: Credential) -> dict[str, Any]:
    config = catalog.config
    out = _common(config, "credential", item.id, item.title, item.summary or item.title)
    _finish(config, out, credential_url(config, item.id), item.status)
    if item.hours is not None:
        out["ceterms:estimatedDuration"] = _duration(item.hours)
    if item.tags:
        out["ceterms:keyword"] = {_lang(config): list(item.tags)}
    out["ceterms:requires"] = [_requires(config, item)]
    prior = [
        resource(config, "credential", rid) for rid in item.requires if catalog.credential(rid)
    ]
    if prior:
        out["ceterms:recommends"] = [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:description": _text(config, "Recommended before this micro-credential."),
                "ceterms:targetCredential": prior,
            }
        ]
    # Part of the stacks that are credentials; a collection lists its members itself.
    stacks = [sid for sid in pathway.stacks_of.get(item.id, ()) if _awarded(pathway, sid)]
    if stacks:
        out["ceterms:isPartOf"] = [resource(config, "stack", sid) for sid in stacks]
    credits = credit_values(config, item)
    if credits:
        out["ceterms:creditValue"] = credits
    out["ceterms:versionIdentifier"] = [
        {
            "@type": "ceterms:IdentifierValue",
            "ceterms:identifierTypeName": _text(config, "Version"),
            "ceterms:identifierValueCode": item.version,
        }
    ]
    return out


def _awarded(pathway: Pathway, sid: str) -> bool:
    found = pathway.stack(sid)
    return found is not None and found.stack.award is not None


def _requires(config: Config, item: Credential) -> dict[str, Any]:
    """What earning takes: the competency, shown through the evidence parts."""
    parts = [p.title or p.id for p in item.evidence]
    text = "Submit evidence that a reviewer scores against the rubric"
    text += f": {'; '.join(parts)}." if parts else "."
    return {
        "@type": "ceterms:ConditionProfile",
        "ceterms:description": _text(config, text),
        "ceterms:targetCompetency": [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:targetNodeName": _text(config, competency),
            }
            for competency in competencies(item)
        ],
    }


# Units of `credit` that name a concept of CTDL's CreditUnit scheme (lowercase, without a
# plural "s"). Other units ("state credit", "graduate credit") have no concept there and
# are given in words only.
CREDIT_UNITS = {
    "ceu": "ContinuingEducationUnit",
    "continuing education unit": "ContinuingEducationUnit",
    "continuing-education unit": "ContinuingEducationUnit",
    "clock hour": "ClockHour",
    "contact hour": "ContactHour",
    "semester hour": "SemesterHour",
    "semester credit hour": "SemesterHour",
    "quarter hour": "QuarterHour",
    "quarter credit hour": "QuarterHour",
    "carnegie unit": "CarnegieUnit",
}
_UNIT_NAMES = {
    "ContinuingEducationUnit": "Continuing Education Unit",
    "ClockHour": "Clock Hour",
    "ContactHour": "Contact Hour",
    "SemesterHour": "Semester Hour",
    "QuarterHour": "Quarter Hour",
    "CarnegieUnit": "Carnegie Unit",
}


def credit_unit(unit: str) -> str | None:
    """The CTDL CreditUnit concept a `credit.unit` names ("clock hours" -> ClockHour)."""
    key = " ".join(unit.casefold().split())
    return CREDIT_UNITS.get(key) or CREDIT_UNITS.get(key.removesuffix("s"))


def credit_values(config: Config, item: Credential) -> list[dict[str, Any]]:
    """`ceterms:creditValue`: the CEUs, then the `credit` (unless it repeats the CEUs)."""
    out = []
    if item.ceu is not None:
        out.append(_ceu(config, item.ceu))
    credit = item.credit
    if credit is not None:
        concept = credit_unit(credit.unit)
        if not (concept == "ContinuingEducationUnit" and credit.value == item.ceu):
            value = _value(config, credit.value, concept)
            value["ceterms:description"] = _text(config, credit.text())
            out.append(value)
    return out


def _ceu(config: Config, ceu: float) -> dict[str, Any]:
    return _value(config, ceu, "ContinuingEducationUnit")


def _value(config: Config, value: float, concept: str | None) -> dict[str, Any]:
    """A ValueProfile; ``concept`` (a CreditUnit term) gives its creditUnitType."""
    out: dict[str, Any] = {"@type": "ceterms:ValueProfile", "ceterms:value": value}
    if concept is not None:
        out["ceterms:creditUnitType"] = [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:framework": "https://credreg.net/ctdl/terms/CreditUnit",
                "ceterms:targetNode": f"creditUnit:{concept}",
                "ceterms:targetNodeName": _text(config, _UNIT_NAMES[concept]),
            }
        ]
    return out


def stack(catalog: Catalog, resolved: ResolvedStack) -> dict[str, Any]:
    """An awarded stack as the credential it is; any other as a collection."""
    if resolved.stack.award is None:
        return collection(catalog, resolved)
    config = catalog.config
    item = resolved.stack
    name = item.award.name if item.award is not None else item.title
    summary = item.summary or item.title
    out = _common(config, "stack", item.id, name, summary, "ceterms:OpenBadge")
    _finish(config, out, stack_url(config, item.id), resolved.effective_status)
    if resolved.members and resolved.hours_complete:
        out["ceterms:estimatedDuration"] = _duration(resolved.hours)
    members = [resource(config, "credential", c.id) for c in resolved.members]
    out["ceterms:hasPart"] = members
    out["ceterms:requires"] = [
        {
            "@type": "ceterms:ConditionProfile",
            "ceterms:description": _text(config, "Earn every micro-credential in the stack."),
            "ceterms:targetCredential": members,
        }
    ]
    if resolved.requires:
        out["ceterms:recommends"] = [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:description": _text(config, "Recommended before this stack."),
                "ceterms:targetCredential": [
                    resource(config, "stack", sid) for sid in resolved.requires
                ],
            }
        ]
    if resolved.members and resolved.ceu:
        out["ceterms:creditValue"] = [_ceu(config, resolved.ceu)]
    return out


def collection(catalog: Catalog, resolved: ResolvedStack) -> dict[str, Any]:
    """A stack that earns no badge of its own: the set of its credentials."""
    config = catalog.config
    item = resolved.stack
    out = _common(
        config, "stack", item.id, item.title, item.summary or item.title, "ceterms:Collection"
    )
    page = stack_url(config, item.id)
    if page:
        out["ceterms:subjectWebpage"] = page
    out["ceterms:inLanguage"] = [_lang(config)]
    life = _life_cycle(config, resolved.effective_status)
    if life is not None:
        out["ceterms:lifeCycleStatusType"] = life
    out["ceterms:ownedBy"] = _owner(config)
    out["ceterms:hasMember"] = [resource(config, "credential", c.id) for c in resolved.members]
    names = ", ".join(c.title for c in resolved.members)
    order = f"Earned in this order: {names}." if names else "No micro-credentials yet."
    out["ceterms:membershipCondition"] = [
        {"@type": "ceterms:ConditionProfile", "ceterms:description": _text(config, order)}
    ]
    return out


def notes(catalog: Catalog) -> list[str]:
    """Registry-required fields this catalog cannot supply, in words."""
    config = catalog.config
    out = []
    if not config.ctdl.owner:
        out.append(
            "ctdl.owner is not set in mcauthor.yaml: ceterms:ownedBy describes the issuer "
            "instead of pointing at its registered CTID, which the Credential Registry requires"
        )
    if not config.base_url:
        out.append(
            "catalog.base_url is not set: CTDL documents have no ceterms:subjectWebpage, "
            "which the Credential Registry requires"
        )
    drafts = [c.id for c in catalog.credentials if c.status not in _STATUS]
    drafts += [s.id for s in catalog.stacks if s.status not in _STATUS]
    if drafts:
        out.append(
            f"{len(drafts)} draft item(s) have no ceterms:credentialStatusType "
            f"(first: {drafts[0]}); publish them before registering"
        )
    known_c = {c.id for c in catalog.credentials}
    known_s = {s.id for s in catalog.stacks}
    for kind, pinned, known in (
        ("credentials", config.ctdl.credentials, known_c),
        ("stacks", config.ctdl.stacks, known_s),
    ):
        for ident in sorted(set(pinned) - known):
            out.append(f"ctdl.{kind} names {ident!r}, which is not in the catalog")
    return out


def plan(prepared: Prepared) -> list[Job]:
    """One document per credential, then one per stack."""
    catalog, pathway = prepared.catalog, prepared.pathway
    out = []
    for c in prepared.credentials():
        key = key_of(
            "ctdl-credential",
            version(),
            prepared.config,
            prepared.doc(c.file),
            prepared.stack_docs(c),
            [[rid, catalog.credential(rid) is not None] for rid in c.requires],
        )
        render = partial(_credential_json, catalog, pathway, c)
        out.append(Job(paths.ctdl("credential", c.id), key, render, kind="data"))
    for s in pathway.stacks:
        key = key_of(
            "ctdl-stack",
            version(),
            prepared.config,
            prepared.doc(s.stack.file),
            [prepared.doc(m.file) for m in s.members],
            list(s.requires),
        )
        render = partial(_stack_json, catalog, s)
        out.append(Job(paths.ctdl("stack", s.id), key, render, kind="data"))
    return out


def _credential_json(catalog: Catalog, pathway: Pathway, c: Credential) -> bytes:
    return to_json(credential(catalog, pathway, c))


def _stack_json(catalog: Catalog, s: ResolvedStack) -> bytes:
    return to_json(stack(catalog, s))
