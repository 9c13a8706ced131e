"""Open Badges 3.0 ``Achievement`` definitions, one per credential and per awarded stack.

An Achievement is what a badge platform needs to issue the micro-credential: its name,
description, criteria and rubric. The output validates as ``credentialSubject.achievement``
of an AchievementCredential against 1EdTech's official JSON Schema (tested).

Mapping (README, "Open Badges 3.0"):

- ``description``: the summary, the ``credit`` with its unit, then the key method and
  the research that backs it (OB 3.0 has no field of its own for any of them);
- ``creditsAvailable``: the ``ceu``, else the ``credit`` value (OB's one credit number
  has no unit);
- ``criteria.narrative``: markdown with the competency, the evidence parts and their
  prompts, and the earn rule; ``criteria.id``: the credential's page. Badge platforms
  render it, often with raw HTML on, so catalog markdown is re-written by
  :func:`mcauthor.export.md.rewrite` (escaped text, safe links only), never copied;
- an awarded stack (``award:``): ``achievementType`` ``Badge``, its ``criteria.narrative``
  lists the stack's published credentials with their ids, and (with ``base_url``) each
  is an ``alignment`` of type ``ceterms:Credential`` to its own achievement;
- ``resultDescription``: one result per rubric criterion (``resultType`` ``RubricCriterionLevel``,
  as in 1EdTech's examples: the result is the level reached), its levels as
  ``rubricCriterionLevel`` and the lowest passing level as ``requiredLevel``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from mcauthor import paths
from mcauthor.badgeimage import credential_image, stack_image
from mcauthor.export.common import (
    achievement_id,
    base_url_note,
    cite,
    credential_url,
    issuer_id,
    site_url,
    stack_achievement_id,
    stack_url,
    to_json,
    version,
    web,
)
from mcauthor.export.md import ends_with_list, rewrite
from mcauthor.model import Catalog, Credential, Level
from mcauthor.output import Job, key_of
from mcauthor.present import default_earn, words
from mcauthor.stacks import ResolvedStack
from mcauthor.views import FORMAT_LABELS, KIND_LABELS
from mcauthor.words import language_tag, markdown_line

if TYPE_CHECKING:  # only planned from: importing it would load the lint engine
    from mcauthor.prepare import Prepared

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# The language codes OB 3.0 accepts (its schema's pattern for inLanguage).
_LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


def achievement(catalog: Catalog, credential: Credential) -> dict[str, Any]:
    config = catalog.config
    aid = achievement_id(config, credential.id)
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": aid,
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": credential.title,
        "description": description(catalog, credential),
        "criteria": _criteria(catalog, credential),
    }
    shown = credential_image(config, credential)
    image = site_url(config, shown) if shown else None
    if image:
        out["image"] = {"id": image, "type": "Image", "caption": f"Badge for {credential.title}"}
    out["creator"] = profile(catalog)
    credits = credits_available(credential)
    if credits is not None:
        out["creditsAvailable"] = credits
    out["fieldOfStudy"] = "Education"
    out["humanCode"] = credential.id
    language = language_tag(config.language)
    if _LANGUAGE.match(language):
        out["inLanguage"] = language
    out["version"] = credential.version
    if credential.tags:
        out["tag"] = list(credential.tags)
    alignments = [_alignment(a) for a in credential.alignments if web(a.url)]
    if alignments:
        out["alignment"] = alignments
    results = _results(catalog, credential, aid)
    if results:
        out["resultDescription"] = results
    return out


def stack_achievement(catalog: Catalog, resolved: ResolvedStack) -> dict[str, Any]:
    """The badge an awarded stack gives for earning all its published credentials."""
    config = catalog.config
    stack = resolved.stack
    name = stack.award.name if stack.award is not None else stack.title
    members = [c for c in resolved.members if c.status == "published"]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": stack_achievement_id(config, stack.id),
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": name,
        "description": stack.summary or stack.title,
        "criteria": stack_criteria(catalog, resolved, members),
    }
    image = stack_image(config, stack)
    url = site_url(config, image) if image else None
    if url:
        out["image"] = {"id": url, "type": "Image", "caption": f"Badge for {name}"}
    out["creator"] = profile(catalog)
    ceu = sum(c.ceu for c in members if c.ceu is not None)
    if ceu:
        out["creditsAvailable"] = ceu
    out["humanCode"] = stack.id
    language = language_tag(config.language)
    if _LANGUAGE.match(language):
        out["inLanguage"] = language
    alignments = [_member(catalog, c) for c in members]
    if alignments and all(a["targetUrl"] for a in alignments):
        out["alignment"] = alignments
    return out


def stack_criteria(
    catalog: Catalog, resolved: ResolvedStack, members: list[Credential]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    page = stack_url(catalog.config, resolved.stack.id)
    if page:
        out["id"] = page
    lines = ["Earn every micro-credential of this stack:", ""]
    lines += [f"1. {markdown_line(c.title)} (`{c.id}`)" for c in members] or ["(none yet)"]
    out["narrative"] = "\n".join(lines) + "\n"
    return out


def _member(catalog: Catalog, credential: Credential) -> dict[str, Any]:
    """A stack's credential as an alignment to its own achievement (when it has a web
    address: an alignment needs one)."""
    config = catalog.config
    target = web(achievement_id(config, credential.id)) or ""
    return {
        "type": ["Alignment"],
        "targetType": "ceterms:Credential",
        "targetName": credential.title,
        "targetUrl": target,
        "targetCode": credential.id,
    }


def credits_available(credential: Credential) -> float | None:
    """OB 3.0's one, unitless credit number: the CEUs, else the `credit` value.

    CEUs come first because they are what this field has always carried; the unit of a
    `credit` (which OB cannot hold) is in the description.
    """
    if credential.ceu is not None:
        return credential.ceu
    return credential.credit.value if credential.credit else None


def profile(catalog: Catalog) -> dict[str, Any]:
    """The issuer as an OB 3.0 Profile."""
    config = catalog.config
    issuer = config.issuer
    out: dict[str, Any] = {"id": issuer_id(config), "type": ["Profile"], "name": issuer.name}
    if web(issuer.url):
        out["url"] = issuer.url
    if issuer.email:
        out["email"] = issuer.email
    logo = site_url(config, issuer.logo) if issuer.logo else None
    if logo:
        out["image"] = {"id": logo, "type": "Image", "caption": f"{issuer.name} logo"}
    return out


def competencies(credential: Credential) -> list[str]:
    value = credential.competency
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def description(catalog: Catalog, credential: Credential) -> str:
    """The summary, the credit, then the key method and its research, as plain paragraphs."""
    paragraphs = [credential.summary or credential.title]
    if credential.credit:
        paragraphs.append(f"Credit: {credential.credit.text().rstrip('.')}.")
    method = credential.key_method
    if method is not None and method.statement:
        paragraphs.append(f"Key method: {method.statement}")
    if method is not None:
        found = [catalog.research_for(credential, key) for key in method.research]
        refs = [cite(entry) for entry in found if entry is not None]
        if refs:
            paragraphs.append("\n".join(["Research:", *(f"- {ref}" for ref in refs)]))
    return "\n\n".join(paragraphs)


def _criteria(catalog: Catalog, credential: Credential) -> dict[str, Any]:
    out: dict[str, Any] = {}
    page = credential_url(catalog.config, credential.id)
    if page:
        out["id"] = page
    out["narrative"] = narrative(catalog, credential)
    return out


def narrative(catalog: Catalog, credential: Credential) -> str:
    """Markdown: the competency, what to submit, and how it is earned."""
    lines = ["## Competency", ""]
    lines += [markdown_line(c) for c in competencies(credential)] or ["(not stated)"]
    lines += ["", "## Evidence to submit"]
    for part in credential.evidence:
        kind = f" ({KIND_LABELS.get(part.kind, part.kind)})" if part.kind else ""
        lines += ["", f"### {markdown_line(part.title or part.id)}{kind}"]
        instructions = rewrite(part.instructions or "")
        if instructions:
            lines += ["", instructions]
        if part.prompts:
            lines.append("")
        # A list that ends the instructions would take the prompts in with the same marker.
        bullet = "*" if instructions and ends_with_list(instructions) else "-"
        for prompt in part.prompts:
            limit = words(prompt.words_min, prompt.words_max)
            lines.append(
                f"{bullet} {markdown_line(prompt.text)}" + (f" ({limit})" if limit else "")
            )
        if part.formats:
            accepted = ", ".join(FORMAT_LABELS.get(f, f) for f in part.formats)
            lines += ["", f"Accepted formats: {accepted}."]
    lines += ["", "## Earning the micro-credential", "", _earn(catalog, credential)]
    return "\n".join(lines) + "\n"


def _earn(catalog: Catalog, credential: Credential) -> str:
    rubric = credential.rubric
    earn = rewrite(rubric.earn or "") if rubric is not None else ""
    if earn:
        return earn
    levels = catalog.levels_of(rubric) if rubric is not None else None
    return default_earn(markdown_line(lv.label) for lv in levels or () if lv.passing)


def _alignment(alignment: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": ["Alignment"],
        "targetName": alignment.name,
        "targetUrl": alignment.url,
    }
    if alignment.framework:
        out["targetFramework"] = alignment.framework
    if alignment.code:
        out["targetCode"] = alignment.code
    return out


def required_level(levels: tuple[Level, ...]) -> Level | None:
    """The lowest passing level.

    Scales may list levels highest first (Demonstrated, Progressing, Not met) or lowest
    first; the passing levels sit at the top end either way, so the lowest of them is the
    one next to the levels that do not pass.
    """
    passing = [lv for lv in levels if lv.passing]
    if not passing:
        return None
    return passing[-1] if levels[0].passing else passing[0]


def _results(catalog: Catalog, credential: Credential, aid: str) -> list[dict[str, Any]]:
    rubric = credential.rubric
    levels = catalog.levels_of(rubric) if rubric is not None else None
    if rubric is None or not levels:
        return []
    needed = required_level(levels)
    out = []
    for criterion in rubric.criteria:
        base = f"{aid}#rubric/{criterion.id}"
        entry: dict[str, Any] = {
            "id": base,
            "type": ["ResultDescription"],
            "name": criterion.title or criterion.id,
            "resultType": "RubricCriterionLevel",
            "rubricCriterionLevel": [
                _level(base, lv, criterion.descriptors.get(lv.id)) for lv in levels
            ],
        }
        if needed is not None:
            entry["requiredLevel"] = f"{base}/{needed.id}"
        out.append(entry)
    return out


def _level(base: str, level: Level, descriptor: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f"{base}/{level.id}",
        "type": ["RubricCriterionLevel"],
        "name": level.label,
        "level": level.id,
    }
    if descriptor:
        out["description"] = descriptor
    return out


def plan(prepared: Prepared) -> list[Job]:
    """One achievement per credential, then one per awarded stack."""
    return badge_jobs(
        prepared,
        "openbadges",
        (paths.badge, achievement),
        (paths.stack_badge, stack_achievement),
    )


Made = Callable[[Catalog, Any], dict[str, Any]]


def badge_jobs(
    prepared: Prepared,
    name: str,
    credentials: tuple[Callable[[str], str], Made],
    stacks: tuple[Callable[[str], str], Made],
) -> list[Job]:
    """A job per credential, then one per stack that gives a badge now (:func:`awarded`),
    each a pair (path of an id, what makes the document): what both Open Badges
    versions plan."""
    catalog, out = prepared.catalog, []
    path, make = credentials
    for credential in prepared.credentials():
        key = key_of(
            name,
            version(),
            prepared.config,
            prepared.doc(credential.file),
            prepared.library(),
        )
        render = partial(json_of, make, catalog, credential)
        out.append(Job(path(credential.id), key, render, kind="data"))
    path, make = stacks
    for resolved in awarded(prepared):
        key = key_of(
            f"{name}-stack",
            version(),
            prepared.config,
            prepared.doc(resolved.stack.file),
            [prepared.doc(m.file) for m in resolved.members],
        )
        render = partial(json_of, make, catalog, resolved)
        out.append(Job(path(resolved.id), key, render, kind="data"))
    return out


def awarded(prepared: Prepared) -> list[ResolvedStack]:
    """The stacks that give a badge of their own now: awarded, and earnable (a draft, a
    retired stack or one holding a credential that is not published gives none)."""
    return [
        s
        for s in prepared.pathway.stacks
        if s.stack.award is not None and s.effective_status == "published"
    ]


def json_of(make: Callable[..., dict[str, Any]], *args: Any) -> bytes:
    """The document ``make(*args)`` as the JSON a job writes."""
    return to_json(make(*args))


def notes(catalog: Catalog) -> list[str]:
    """base_url, and alignments left out for want of a web address."""
    out = base_url_note(catalog)
    for c in catalog.credentials:
        for a in c.alignments:
            if not web(a.url):
                what = "no url" if not a.url else "a url that is not a web address"
                out.append(
                    f"{c.file}: alignment {a.name!r} has {what}; Open Badges requires "
                    "an http(s) targetUrl, so it is left out of the badge"
                )
    return out
