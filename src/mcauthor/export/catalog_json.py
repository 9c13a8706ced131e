"""``data/catalog.json``: the whole resolved catalog for other tools to build on.

Research is resolved, rubric levels are spelled out, stacks carry their totals and pathway
position, and the lint status is included. The shape is versioned (``schema_version``)
and described by ``mcauthor schema catalog-json``; the README documents it. Markdown
fields are kept as markdown source, as written in the catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcauthor import __version__, paths
from mcauthor.export.common import (
    achievement_id,
    base_url_note,
    cite,
    credential_url,
    site_url,
    stack_url,
    to_json,
    version,
    web,
)
from mcauthor.model import Award, Catalog, Credential, Level, ResearchEntry, Rubric
from mcauthor.output import Job, key_of
from mcauthor.present import default_earn
from mcauthor.stacks import Pathway, ResolvedStack
from mcauthor.words import number

if TYPE_CHECKING:  # only planned from: importing it would load the lint engine
    from mcauthor.lint import LintResult
    from mcauthor.prepare import Prepared

SCHEMA_VERSION = 1


def plan(prepared: Prepared) -> list[Job]:
    """One file, which shows every catalog file."""
    date = prepared.context.site.date
    key = key_of("catalog-json", version(), date, prepared.all_docs())

    def render() -> bytes:
        return to_json(as_dict(prepared.catalog, prepared.pathway, prepared.lint, date))

    return [Job(paths.CATALOG_DATA, key, render, kind="data")]


def as_dict(
    catalog: Catalog, pathway: Pathway, lint: LintResult | None, date: str | None
) -> dict[str, Any]:

    from mcauthor.report.json_report import as_dict as lint_dict

    config = catalog.config
    report = lint_dict(lint) if lint is not None else None
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"mcauthor {__version__}",
        "date": date,
        "catalog": {
            "id": config.id,
            "title": config.title,
            "description": config.description,
            "base_url": web(config.base_url),
            "language": config.language,
            "license": config.license,
            "url": site_url(config, paths.HOME),
            "guide": paths.CATALOG_GUIDE,
        },
        "issuer": {
            "name": config.issuer.name,
            "url": web(config.issuer.url),
            "email": config.issuer.email,
            "logo": config.issuer.logo,
        },
        "lint": {"summary": report["summary"], "diagnostics": report["diagnostics"]}
        if report is not None
        else None,
        "credentials": [
            _credential(catalog, pathway, c, [d.id for d in catalog.required_by(c.id, itself=True)])
            for c in catalog.unique_credentials()
        ],
        "stacks": [_stack(catalog, s, n) for n, s in enumerate(pathway.stacks, start=1)],
        "pathway": {
            "stack_order": [s.id for s in pathway.stacks],
            "credential_order": list(pathway.credential_order),
            "unstacked": [c.id for c in pathway.unstacked],
        },
    }


def research_entry(entry: ResearchEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "authors": list(entry.authors),
        "year": entry.year,
        "title": entry.title,
        "source": entry.source,
        "number": entry.number,
        "doi": entry.doi,
        "url": web(entry.url),
        "isbn": entry.isbn,
        "note": entry.note,
        "citation": cite(entry),
        "file": entry.file,
    }


def _credential(
    catalog: Catalog, pathway: Pathway, c: Credential, required_by: list[str]
) -> dict[str, Any]:
    config = catalog.config
    method = c.key_method
    research = [catalog.research_for(c, key) for key in (method.research if method else ())]
    return {
        "id": c.id,
        "title": c.title,
        "version": c.version,
        "status": c.status,
        "summary": c.summary,
        "competency": list(c.competency) if isinstance(c.competency, tuple) else c.competency,
        "key_method": None
        if method is None
        else {
            "statement": method.statement,
            "components": [{"title": x.title, "body": x.body} for x in method.components],
            "research": list(method.research),
        },
        "research": [research_entry(e) for e in research if e is not None],
        "resources": [
            {
                "title": r.title,
                "url": web(r.url),
                "file": r.file_path,
                "kind": r.kind,
                "note": r.note,
            }
            for r in c.resources
        ],
        "evidence": [
            {
                "id": p.id,
                "title": p.title,
                "kind": p.kind,
                "instructions": p.instructions,
                "prompts": [
                    {"text": q.text, "words": {"min": q.words_min, "max": q.words_max}}
                    for q in p.prompts
                ],
                "formats": list(p.formats),
            }
            for p in c.evidence
        ],
        "rubric": _rubric(catalog, c.rubric),
        "hours": number(c.hours),
        "ceu": number(c.ceu),
        "credit": None if c.credit is None else {"value": c.credit.value, "unit": c.credit.unit},
        "requires": list(c.requires),
        "required_by": required_by,
        "stacks": list(pathway.stacks_of.get(c.id, ())),
        "tags": list(c.tags),
        "audience": list(c.audience),
        "alignments": [
            {"name": a.name, "url": web(a.url), "framework": a.framework, "code": a.code}
            for a in c.alignments
        ],
        "image": c.image,
        "file": c.file,
        "links": {
            "page": paths.credential_page(c.id),
            "guide": paths.guide("credentials", c.id),
            "openbadges": paths.badge(c.id),
            "ctdl": paths.ctdl("credential", c.id),
        },
        "url": credential_url(config, c.id),
        "achievement_id": achievement_id(config, c.id),
    }


def _level(level: Level) -> dict[str, Any]:
    return {
        "id": level.id,
        "label": level.label,
        "passing": level.passing,
        "description": level.description,
    }


def _rubric(catalog: Catalog, rubric: Rubric | None) -> dict[str, Any] | None:
    if rubric is None:
        return None
    levels = catalog.levels_of(rubric) or ()
    return {
        "scale": rubric.scale,
        "levels": [_level(lv) for lv in levels],
        "criteria": [
            {
                "id": k.id,
                "evidence": k.evidence,
                "title": k.title,
                "descriptors": {lv.id: k.descriptors.get(lv.id) for lv in levels},
            }
            for k in rubric.criteria
        ],
        "earn": rubric.earn or default_earn(lv.label for lv in levels if lv.passing),
        "earn_is_default": rubric.earn is None,
    }


def _stack(catalog: Catalog, s: ResolvedStack, position: int) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.stack.title,
        "summary": s.stack.summary,
        "description": s.stack.description,
        "status": s.stack.status,
        # Additions: the status as offered (`suspended`: published, but holding a draft or
        # retired credential; see stacks.ResolvedStack.effective_status) and those members.
        "effective_status": s.effective_status,
        "unpublished": [c.id for c in s.unpublished],
        "position": position,
        "credentials": [c.id for c in s.members],
        "requires": list(s.requires),
        "required_by": list(s.required_by),
        "totals": {
            "credentials": len(s.members),
            "hours": number(s.hours),
            "ceu": number(s.ceu),
            "hours_complete": s.hours_complete,
        },
        "file": s.stack.file,
        "links": _stack_links(s),
        "url": stack_url(catalog.config, s.id),
        # An addition: the badge an awarded stack earns (null: a collection, no badge).
        "award": _award(s.stack.award),
    }


def _stack_links(s: ResolvedStack) -> dict[str, str]:
    links = {
        "page": paths.stack_page(s.id),
        "guide": paths.guide("stacks", s.id),
        "ctdl": paths.ctdl("stack", s.id),
    }
    if s.stack.award is not None:
        links["openbadges"] = paths.stack_badge(s.id)
    return links


def _award(award: Award | None) -> dict[str, Any] | None:
    return None if award is None else {"name": award.name, "image": award.image}


def notes(catalog: Catalog) -> list[str]:
    """Without base_url, the catalog's badge ids are URNs (see base_url_note)."""
    return base_url_note(catalog)
