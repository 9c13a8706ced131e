"""What every data export shares: identifiers, URLs, JSON bytes and the research citations.

Identifiers must be stable across builds and machines, because badge platforms and the
Credential Registry key on them. With ``catalog.base_url`` they are URLs into the built
site; without it they are name-based UUIDs (RFC 9562 version 5) of the catalog id and the
credential id, so they never change between builds.
"""

from __future__ import annotations

import uuid
from typing import Any

import orjson

from mcauthor import __version__, paths
from mcauthor.model import Catalog, Config, ResearchEntry
from mcauthor.present import citation
from mcauthor.urls import web_url


def version() -> str:
    """Part of every export key: a new mcauthor rewrites the data."""
    return f"mcauthor {__version__}"


def base_url_note(catalog: Catalog) -> list[str]:
    """Open Badges and catalog JSON both need catalog.base_url for stable addresses."""
    if catalog.config.base_url:
        return []
    return [
        "catalog.base_url is not set: Open Badges ids are stable urn:uuid: values, "
        "and criteria pages and badge images are left out; set it before publishing badges"
    ]


# The namespace for mcauthor's name-based UUIDs (itself uuid5 of the URL namespace).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mcauthor.invalid/ns")


def to_json(value: Any) -> bytes:
    """Deterministic, readable JSON: two-space indent, UTF-8, a final newline.

    orjson gives the same bytes as ``json.dumps(value, indent=2, ensure_ascii=False)``
    about 50 times faster: the standard library drops to pure Python when indenting.
    """
    return orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n"


web = web_url  # the name the exports use


def site_url(config: Config, path: str) -> str | None:
    """The absolute URL of a site path (``index.html`` dropped), or None without base_url
    (or with one that is not a web address)."""
    base = web(config.base_url)
    if not base:
        return None
    return base.rstrip("/") + "/" + paths.address(path)


def stable_urn(config: Config, kind: str, ident: str) -> str:
    """``urn:uuid:`` that depends only on the catalog id, the kind and the id."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{config.id}/{kind}/{ident}')}"


def achievement_id(config: Config, cid: str) -> str:
    """The Open Badges Achievement id: where its JSON is published, or a stable URN."""
    return site_url(config, paths.badge(cid)) or stable_urn(config, "credential", cid)


def stack_achievement_id(config: Config, sid: str) -> str:
    """An awarded stack's Open Badges Achievement id, as :func:`achievement_id`."""
    return site_url(config, paths.stack_badge(sid)) or stable_urn(config, "stack", sid)


def issuer_id(config: Config) -> str:
    return web(config.issuer.url) or stable_urn(config, "issuer", config.id)


def credential_url(config: Config, cid: str) -> str | None:
    return site_url(config, paths.credential_page(cid))


def stack_url(config: Config, sid: str) -> str | None:
    return site_url(config, paths.stack_page(sid))


def cite(entry: ResearchEntry) -> str:
    """A one-line APA-like reference in plain text."""
    c = citation(entry)
    parts = [f"{c.authors} ({c.year})." if c.authors else f"({c.year})."]
    if c.title:
        title = c.title.rstrip(".")
        parts.append(f"{title} ({c.number})." if c.number else title + ".")
    elif c.number:
        parts.append(f"({c.number}).")
    if c.source:
        parts.append(c.source.rstrip(".") + ".")
    parts += [link.href for link in c.links if link.href] or [link.text for link in c.links]
    return " ".join(parts)
