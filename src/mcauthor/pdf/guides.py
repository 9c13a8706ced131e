"""The PDF guides: their data, their build jobs, and rendering (in parallel if asked).

Three kinds of guide:

- ``credential``: ``guides/credentials/<id>.pdf``, one credential: cover, competency, key
  method, research, resources, submission guidelines, rubric, stacks and prerequisites;
- ``stack``: ``guides/stacks/<id>.pdf``: cover, overview with totals, the stack's pathway
  picture, contents, then every credential of the stack in order;
- ``catalog``: ``guides/catalog.pdf``: cover, about, contents, every stack with its
  credentials, then the credentials in no stack.

Catalog text never becomes Typst source. Each guide's data is a plain JSON document,
written as ``data.json`` into a fresh compile root beside copies of the templates, which
read it with ``json("data.json")``; markdown fields travel as the node tree of
:func:`mcauthor.markdown.to_tree` and the templates draw it node by node. A string shown
by Typst is always literal text. Every value comes from the website's view models
(:mod:`mcauthor.views`), so the guides and the site say the same things.

Images (the issuer's logo, badge images) are copied into the compile root only from inside
the catalog; the compile root is all the engine can read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from mcauthor import __version__, paths
from mcauthor.confine import ASSET_MAX, Confinement
from mcauthor.errors import BuildError, CannotRun
from mcauthor.limits import Limits
from mcauthor.markdown import Node, safe_url, to_tree
from mcauthor.model import Credential
from mcauthor.output import Job, Progress, Stale, key_of, with_bytes
from mcauthor.overrides import builtin_dir, check_overrides
from mcauthor.paths import CATALOG_GUIDE
from mcauthor.pathway import svg as pathway_svg
from mcauthor.prepare import Prepared
from mcauthor.stacks import ResolvedStack
from mcauthor.stacks_report import focus, number
from mcauthor.views import (
    Context,
    CredentialPage,
    RubricView,
    StackView,
    credential_page,
    default_earn,
    stack_view,
)
from mcauthor.words import plural

__all__ = [
    "KINDS",
    "PAPERS",
    "GuideData",
    "GuideRender",
    "GuideTask",
    "catalog_guide",
    "credential_guide",
    "find_guide",
    "font_dirs",
    "plan",
    "render_ahead",
    "render_by_id",
    "render_group",
    "render_guide",
    "render_many",
    "render_task",
    "render_tasks",
    "stack_guide",
    "template_dirs",
    "templates_fingerprint",
]

GuideData = dict[str, Any]  # JSON-able: str, int, float, bool, None, list, dict

KINDS = ("credential", "stack", "catalog")
PAPERS = {"letter": "us-letter", "a4": "a4"}  # build.paper -> Typst paper name
GUIDE_DIR = "guide"  # templates/guide/ (built-in and catalog)
FONT_DIR = "fonts"  # templates/guide/fonts/
DATA_FILE = "data.json"
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
SOLO_WEIGHT = 200  # guides that show this many credentials render in a process of their own
TALL_PICTURE = 1.25  # pictures taller than this many times their width are left out
FORMAT_VERSION = 1  # of the data document; part of every key
# The pathway picture's fonts: the guide's serif, then the shipped Arabic and emoji fonts.
SVG_FONTS = "'Libertinus Serif', 'Noto Naskh Arabic', 'Noto Color Emoji', serif"

_LANG = re.compile(r"^[A-Za-z]{2,3}$")
_REGION = re.compile(r"^[A-Za-z]{2}$")
_LONG_RUN = re.compile(r"\S{31,}")
_SOFT_AFTER = frozenset("/-_.?&=#:,;@")
_ZWSP = "\u200b"
_NO_BREAK_AROUND = frozenset("\u200d\u2060\ufeff")
# Keys whose values are identifiers, URLs or file names, never shown as running text.
_VERBATIM = frozenset(
    [
        "type",
        "id",
        "ref",
        "key",
        "url",
        "page",
        "guide",
        "path",
        "image",
        "site",
        "kind",
        "lang",
        "region",
        "paper",
        "status",
        "files",
        "date",
    ]
)


# -- templates, fonts and keys -------------------------------------------------------------


def template_dirs(catalog_root: Path | None) -> tuple[Path, ...]:
    """Where guide templates are looked up: the catalog's templates/guide/, then ours."""
    dirs = []
    if catalog_root is not None:
        own = catalog_root / "templates" / GUIDE_DIR
        if own.is_dir():
            # Links under templates/ that lead outside the catalog (or into .git/ ...)
            # stop the command; the engine then only sees folders that were checked.
            check_overrides(Confinement.of(catalog_root))
            dirs.append(own)
    dirs.append(builtin_dir() / GUIDE_DIR)
    return tuple(dirs)


def font_dirs(dirs: Sequence[Path]) -> tuple[Path, ...]:
    """The font folders beside the templates (catalog first); the engine adds its own."""
    return tuple(d / FONT_DIR for d in dirs if (d / FONT_DIR).is_dir())


def _templates(dirs: Sequence[Path]) -> dict[str, Path]:
    """Each template file name -> the file to use: the first folder that has it wins."""
    chosen: dict[str, Path] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.typ")):
            if path.is_file():
                chosen.setdefault(path.name, path)
    return chosen


@lru_cache(maxsize=64)
def _file_hash(path: str, size: int, mtime_ns: int) -> str:
    """A file's content hash, once per process while its size and time stay the same
    (the fonts are large and every plan asks)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def templates_fingerprint(dirs: Sequence[Path]) -> str:
    """A hash of the templates and fonts a guide may use: a change re-renders every guide."""
    digest = hashlib.sha256(f"guides {FORMAT_VERSION} {__version__}".encode())
    for name, path in sorted(_templates(dirs).items()):
        digest.update(f"\0{name}\0".encode())
        digest.update(path.read_bytes())
    for folder in font_dirs(dirs):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"\0{path.name}\0".encode())
            digest.update(_file_hash(str(path), stat.st_size, stat.st_mtime_ns).encode())
    from mcauthor.pdf.engine import ENGINE

    digest.update(ENGINE.encode())
    return digest.hexdigest()


def paper_of(value: str) -> str:
    """``build.paper`` (letter | a4) as the engine's paper name."""
    try:
        return PAPERS[value.lower()]
    except KeyError:
        raise BuildError(f"build.paper must be letter or a4, not {value!r}") from None


# -- text helpers ---------------------------------------------------------------------------


def _breakable_before(text: str, i: int) -> bool:
    """Whether a soft break may go before ``text[i]`` without splitting a character."""
    ch, prev = text[i], text[i - 1]
    if ch in _NO_BREAK_AROUND or prev in _NO_BREAK_AROUND:
        return False
    if unicodedata.category(ch).startswith("M") or unicodedata.category(ch) == "Cf":
        return False
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return False  # variation selectors, skin tones, tag characters
    return not 0xD800 <= code <= 0xDFFF


def _soft_run(match: re.Match[str]) -> str:
    run = match.group(0)
    out, since = [], 0
    for i, ch in enumerate(run):
        soft = since >= 24 or (since >= 12 and run[i - 1] in _SOFT_AFTER)
        if i and soft and _breakable_before(run, i):
            out.append(_ZWSP)
            since = 0
        out.append(ch)
        since += 1
    return "".join(out)


def soften(text: str) -> str:
    """Very long words get invisible break opportunities, so no line runs off the page."""
    return _LONG_RUN.sub(_soft_run, text) if len(text) > 30 else text


def _soften(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in _VERBATIM else soften(value)
    if isinstance(value, list):
        return [_soften(v, key) for v in value]
    if isinstance(value, dict):
        return {k: _soften(v, k) for k, v in value.items()}
    return value


def _lang(language: str) -> tuple[str, str | None]:
    """A BCP 47 tag as (ISO 639 language, ISO 3166 region) for the engine; default en."""
    parts = language.replace("_", "-").split("-")
    lang = parts[0].lower() if _LANG.match(parts[0]) else "en"
    region = next((p.upper() for p in parts[1:] if _REGION.match(p)), None)
    return lang, region


def _absolute(url: str | None) -> str | None:
    """A URL a PDF reader may open: http(s) or mailto only."""
    if not url or not safe_url(url):
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https", "mailto") else None


# -- shared parts, built once per catalog -----------------------------------------------------


@dataclass
class _Part:
    """A credential's or stack's data, the same in every guide that shows it, and the files
    (images) it needs in the compile root."""

    data: GuideData
    files: dict[str, dict[str, str]]


class _Parts:
    """Builds and keeps the credential and stack parts of one catalog's guides.

    A credential's part is built once and reused by its own guide, its stacks' guides and
    the catalog guide: nothing in it depends on the guide it is in. Links between parts
    name their target (``page``: a site-relative path; ``id``: a heading, if the guide has
    it); each guide says where the site is and which headings it holds.
    """

    def __init__(self, context: Context) -> None:
        self.context = context
        self.root = context.catalog.root.resolve()
        # Never from the output folder (the configured one: `mcauthor guide` has no other).
        self.confined = Confinement.of(self.root, self.root / context.catalog.config.build.out)
        self.base = context.site.base_url
        self.credentials: dict[str, _Part] = {}
        self.stacks: dict[str, _Part] = {}
        self.logo: tuple[str | None, dict[str, dict[str, str]]] | None = None

    @staticmethod
    def of(context: Context) -> _Parts:
        """The parts for this context: made once, and shared by all of its guides."""
        if not _LATEST or _LATEST[0].context is not context:
            _LATEST[:] = [_Parts(context)]
        return _LATEST[0]

    # -- helpers

    def image(self, files: dict[str, dict[str, str]], name: str, rel: str | None) -> str | None:
        """A catalog image for the compile root (only from inside the catalog)."""
        if not rel:
            return None
        if self.confined.problem(rel, asset=True) is not None:
            return None
        source = (self.root / rel).resolve()
        suffix = source.suffix.lower()
        if not source.is_file() or suffix not in IMAGE_TYPES:
            return None
        target = f"img/{name}{suffix}"
        files[target] = {"copy": str(source)}
        return target

    def tree(self, text: str | None, page: str) -> list[Node]:
        """A markdown field as nodes. Relative links are resolved against the field's page
        on the website when the catalog has a base_url; without one they become text."""
        nodes = to_tree(text or "")
        page_url = self.base.rstrip("/") + "/" + page if self.base else None
        return _tidy(nodes, page_url)

    def logo_part(self) -> tuple[str | None, dict[str, dict[str, str]]]:
        if self.logo is None:
            files: dict[str, dict[str, str]] = {}
            path = self.image(files, "logo", self.context.catalog.config.issuer.logo)
            self.logo = (path, files)
        return self.logo

    # -- credentials

    def credential(self, credential: Credential) -> _Part:
        found = self.credentials.get(credential.id)
        if found is None:
            files: dict[str, dict[str, str]] = {}
            data = _soften(self._credential(credential, files))
            found = self.credentials[credential.id] = _Part(data, files)
        return found

    def _credential(self, credential: Credential, files: dict[str, dict[str, str]]) -> GuideData:
        context = self.context
        catalog, pathway = context.catalog, context.pathway
        page = credential_page(context, credential)
        at = paths.address(paths.credential_page(credential.id))
        km = credential.key_method
        research = []
        for cited in page.research:
            entry = catalog.research_for(credential, cited.key)
            research.append(
                {
                    "key": cited.key,
                    "authors": cited.authors,
                    "year": cited.year,
                    "title": cited.title,
                    "source": cited.source,
                    "number": cited.number,
                    "links": [
                        {"url": _absolute(link.href) or "", "text": link.text, "note": link.note}
                        for link in cited.links
                    ],
                    "note": self.tree(entry.note if entry else None, at),
                }
            )
        resources = []
        for view, source in zip(page.resources, credential.resources, strict=True):
            resources.append(
                {
                    "title": view.title,
                    "url": _absolute(source.url) or "",
                    "page": PurePosixPath(source.file_path).as_posix() if source.file_path else "",
                    "kind": view.kind,
                    "note": self.tree(source.note, at),
                }
            )
        evidence = [
            {
                "number": part.number,
                "id": part.id,
                "title": part.title,
                "kind_label": part.kind,
                "instructions": self.tree(source_part.instructions, at),
                "prompts": [
                    {"number": p.number, "text": p.text, "words": p.words} for p in part.prompts
                ],
                "formats": list(part.formats),
            }
            for part, source_part in zip(page.evidence, credential.evidence, strict=True)
        ]
        rubric = None
        if page.rubric is not None:
            earn = credential.rubric.earn if credential.rubric else None
            rubric = {
                "levels": [
                    {
                        "id": lv.id,
                        "label": lv.label,
                        "passing": lv.passing,
                        "description": lv.description,
                    }
                    for lv in page.rubric.levels
                ],
                "criteria": [
                    {
                        "id": c.id,
                        "title": c.title,
                        "evidence": c.evidence,
                        "descriptors": list(c.descriptors),
                    }
                    for c in page.rubric.criteria
                ],
                "earn": self.tree(earn or _default_earn(page.rubric), at),
            }
        stacks = []
        for sid in pathway.stacks_of.get(credential.id, ()):
            resolved = pathway.stack(sid)
            if resolved is None:
                continue
            ids = [m.id for m in resolved.members]
            stacks.append(
                {
                    "id": sid,
                    "title": resolved.stack.title,
                    "position": ids.index(credential.id) + 1 if credential.id in ids else None,
                    "count": len(ids),
                    "page": paths.address(paths.stack_page(sid)),
                }
            )
        return {
            "id": credential.id,
            "title": page.title,
            "summary": page.summary,
            "competency": page.competency,
            "version": page.version,
            "status": page.status,
            "status_label": page.status_label,
            "facts": _facts(page),
            "hours": page.hours,
            "ceu": page.ceu,
            "credit": page.credit or "",
            "tags": list(page.tags),
            "audience": list(page.audience),
            "alignments": [
                {"text": a.text, "note": a.note, "url": _absolute(a.href) or ""}
                for a in page.alignments
            ],
            "image": self.image(files, f"badge-{credential.id}", credential.image),
            "page": at,
            "guide": paths.guide("credentials", credential.id),
            "method": {
                "statement": page.method_statement,
                "components": [
                    {"title": view.title, "body": self.tree(source.body, at)}
                    for view, source in zip(
                        page.components, km.components if km else (), strict=True
                    )
                ],
            },
            "research": research,
            "resources": resources,
            "evidence": evidence,
            "rubric": rubric,
            "stacks": stacks,
            "requires": self._neighbours(credential.requires),
            "required_by": self._neighbours(
                c.id for c in context.catalog.required_by(credential.id)
            ),
        }

    def _neighbours(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        out = []
        for cid in dict.fromkeys(ids):
            card = self.context.cards.get(cid)
            out.append(
                {
                    "id": cid if card else "",
                    "title": card.title if card else cid,
                    "status": card.status if card else "",
                    "status_label": card.status_label if card else "",
                    "page": paths.address(paths.credential_page(cid)) if card else "",
                }
            )
        return out

    # -- stacks

    def stack(self, resolved: ResolvedStack) -> _Part:
        found = self.stacks.get(resolved.id)
        if found is None:
            files: dict[str, dict[str, str]] = {}
            data = _soften(self._stack(resolved, files))
            found = self.stacks[resolved.id] = _Part(data, files)
        return found

    def _stack(self, resolved: ResolvedStack, files: dict[str, dict[str, str]]) -> GuideData:
        context = self.context
        view: StackView = stack_view(context, resolved, "")
        titles = [m.title for m in resolved.members]
        alt = f"Pathway of the stack {view.title}: " + (
            "; ".join(f"{i}. {t}" for i, t in enumerate(titles, start=1)) or "no credentials"
        )
        svg = pathway_svg.render(focus(context.pathway, resolved.id), title=view.title)
        totals = [plural(len(resolved.members), "credential", shown=number)]
        if view.hours:
            hours = plural(view.hours, "hour", shown=number)
            totals.append(hours if view.hours_complete else f"{hours} or more")
        if view.ceu:
            totals.append(plural(view.ceu, "CEU", shown=number))
        return {
            "id": view.id,
            "title": view.title,
            "summary": view.summary,
            "status": view.status,
            "status_label": view.status_label,
            "description": self.tree(resolved.stack.description, paths.stack_page(view.id)),
            "totals": totals,
            "hours": view.hours,
            "ceu": view.ceu,
            "hours_complete": view.hours_complete,
            "page": paths.address(paths.stack_page(view.id)),
            "guide": paths.guide("stacks", view.id),
            "members": [
                {
                    "position": m.position,
                    "id": m.card.id,
                    "title": m.card.title,
                    "hours": "" if m.card.hours is None else f"{m.card.hours:g}",
                    "ceu": "" if m.card.ceu is None else f"{m.card.ceu:g}",
                    "status": m.card.status,
                    "status_label": m.card.status_label,
                    "page": paths.address(m.card.href),
                }
                for m in view.members
            ],
            "requires": [self._stack_link(sid) for sid in resolved.requires],
            "required_by": [self._stack_link(sid) for sid in resolved.required_by],
            "picture": _picture(files, f"pathway-{view.id}", svg, alt),
        }

    def _stack_link(self, sid: str) -> dict[str, str]:
        found = self.context.pathway.stack(sid)
        return {
            "id": sid,
            "title": found.stack.title if found else sid,
            "page": paths.address(paths.stack_page(sid)),
        }


# The parts of the latest context guides were made for (a build plans one at a time).
_LATEST: list[_Parts] = []


def _tidy(nodes: list[Node], page_url: str | None) -> list[Node]:
    """Links made safe for a PDF reader; neighbouring text nodes merged (fewer nodes for
    the template to walk: a soft line break is a text node of its own)."""
    out: list[Node] = []
    for node in nodes:
        kind = node.get("type")
        if kind == "text" and out and out[-1].get("type") == "text":
            out[-1] = {"type": "text", "text": out[-1]["text"] + node.get("text", "")}
            continue
        if kind == "link":
            url = str(node.get("url", ""))
            if not urlsplit(url).scheme and page_url:
                url = urljoin(page_url, url)
            node = {**node, "url": _absolute(url) or ""}
        children = node.get("children")
        if isinstance(children, list):
            node = {**node, "children": _tidy(children, page_url)}
        out.append(node)
    return out


def _facts(page: CredentialPage) -> list[dict[str, str]]:
    facts = []
    if page.hours is not None:
        facts.append({"label": "Hours", "value": f"{page.hours:g}"})
    if page.ceu is not None:
        facts.append({"label": "CEUs", "value": f"{page.ceu:g}"})
    if page.credit:
        facts.append({"label": "Credit", "value": page.credit})
    facts.append({"label": "Version", "value": page.version})
    facts.append({"label": "Status", "value": page.status_label})
    return facts


def _default_earn(rubric: RubricView) -> str:
    """The website's default earn rule, from the same function."""
    return default_earn(lv.label for lv in rubric.levels if lv.passing)


def _picture(
    files: dict[str, dict[str, str]], name: str, svg: str, alt: str
) -> dict[str, Any] | None:
    """A pathway picture for the guide; left out when it is too tall to read on a page."""
    found = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg[:2000])
    ratio = float(found.group(2)) / float(found.group(1)) if found else 1.0
    if ratio > TALL_PICTURE:
        return None
    # The picture names fonts the engine does not have; draw it in the guide's fonts.
    svg = svg.replace(pathway_svg.FONT_FAMILY, SVG_FONTS)
    target = f"img/{name}.svg"
    files[target] = {"text": svg}
    return {"path": target, "alt": alt, "ratio": round(ratio, 4)}


# -- the guides ----------------------------------------------------------------------------------


class _Doc:
    """One guide being assembled: its files and the headings (anchors) it holds."""

    def __init__(self, parts: _Parts, kind: str, path: str, title: str) -> None:
        self.parts = parts
        self.files: dict[str, dict[str, str]] = {}
        self.anchors: dict[str, bool] = {}
        site = parts.context.site
        lang, region = _lang(site.language)
        logo, logo_files = parts.logo_part()
        self.files.update(logo_files)
        base = _absolute(site.base_url)
        self.data: GuideData = {
            "kind": kind,
            # As given, for the document's metadata; the pages show the softened copies.
            "title": title,
            "author": site.issuer.name or site.title,
            "title_shown": soften(title),
            "author_shown": soften(site.issuer.name or site.title),
            "lang": lang,
            "region": region,
            "date": site.date,
            "generator": site.generator,
            "license": site.license,
            "keywords": [],
            # Where the website is, seen from this guide: links to its pages start here.
            "site": (base.rstrip("/") + "/") if base else "../" * path.count("/"),
            "site_absolute": base is not None,
            "catalog": {"id": site.id, "title": soften(site.title), "url": base},
            "issuer": {
                "name": soften(site.issuer.name),
                "url": _absolute(site.issuer.url),
                "email": site.issuer.email,
                "logo": logo,
            },
            "anchors": self.anchors,
        }

    def credential(self, credential: Credential) -> GuideData:
        part = self.parts.credential(credential)
        self.files.update(part.files)
        self.anchors["credential:" + credential.id] = True
        return part.data

    def stack(self, resolved: ResolvedStack) -> GuideData:
        part = self.parts.stack(resolved)
        self.files.update(part.files)
        self.anchors["stack:" + resolved.id] = True
        return part.data

    def finish(self) -> GuideData:
        self.data["files"] = self.files
        return self.data


def credential_guide(context: Context, credential: Credential) -> GuideData:
    """The data of one credential's guide."""
    doc = _Doc(
        _Parts.of(context),
        "credential",
        paths.guide("credentials", credential.id),
        credential.title,
    )
    doc.data["keywords"] = list(credential.tags)
    doc.data["credential"] = doc.credential(credential)
    return doc.finish()


def stack_guide(context: Context, resolved: ResolvedStack) -> GuideData:
    """The data of one stack's guide: the stack, then each of its credentials in order."""
    doc = _Doc(
        _Parts.of(context), "stack", paths.guide("stacks", resolved.id), resolved.stack.title
    )
    doc.data["stack"] = doc.stack(resolved)
    doc.data["credentials"] = [doc.credential(m) for m in resolved.members]
    return doc.finish()


def catalog_guide(context: Context) -> GuideData:
    """The data of the catalog's guide: every stack with its credentials, then the rest.

    A credential in several stacks is shown in full in the first; later stacks refer to it.
    """
    catalog, pathway = context.catalog, context.pathway
    doc = _Doc(_Parts.of(context), "catalog", CATALOG_GUIDE, context.site.title)
    stacks = []
    shown: set[str] = set()
    for resolved in pathway.stacks:
        members = []
        for member in resolved.members:
            if member.id in shown:
                members.append({"ref": member.id, "title": soften(member.title)})
            else:
                members.append(doc.credential(member))
                shown.add(member.id)
        stacks.append({"stack": doc.stack(resolved), "credentials": members})
    credentials = [c for c in catalog.credentials if catalog.credential(c.id) is c]
    hours = [c.hours for c in credentials if c.hours is not None]
    totals = [
        plural(len(credentials), "credential", shown=number),
        plural(len(stacks), "stack", shown=number),
    ]
    if hours:
        totals.append(plural(round(sum(hours), 6), "hour", shown=number))
    parts = doc.parts
    svg = pathway_svg.render(pathway, title=f"{context.site.title}: pathway")
    alt = f"Pathway of the catalog {context.site.title}: " + "; ".join(
        s.stack.title for s in pathway.stacks
    )
    doc.data["overview"] = _soften(
        {
            "description": parts.tree(catalog.config.description, ""),
            "totals": totals,
            "picture": _picture(doc.files, "pathway", svg, alt),
        }
    )
    doc.data["stacks"] = stacks
    doc.data["unstacked"] = [doc.credential(c) for c in pathway.unstacked]
    return doc.finish()


def find_guide(context: Context, ident: str) -> tuple[str, GuideData] | None:
    """The guide for ``mcauthor guide ID``: a credential id, a stack id, or ``catalog``.

    Returns (output path, data), or None when nothing has that id. A credential id wins
    over a stack id; ``catalog`` means the catalog guide unless something has that id.
    """
    catalog, pathway = context.catalog, context.pathway
    credential = catalog.credential(ident)
    if credential is not None:
        return paths.guide("credentials", ident), credential_guide(context, credential)
    resolved = pathway.stack(ident)
    if resolved is not None:
        return paths.guide("stacks", ident), stack_guide(context, resolved)
    if ident == "catalog":
        return CATALOG_GUIDE, catalog_guide(context)
    return None


def render_by_id(
    context: Context,
    ident: str,
    *,
    paper: str | None = None,
    epoch: int | None = None,
    limits: Limits | None = None,
) -> tuple[str, bytes] | None:
    """For ``mcauthor guide ID``: (the guide's output path, its PDF), or None if no
    credential or stack has that id (``catalog`` is the catalog guide). ``paper`` defaults
    to the catalog's build.paper. The engine runs in a worker (see :func:`render_tasks`)."""
    found = find_guide(context, ident)
    if found is None:
        return None
    path, data = found
    catalog = context.catalog
    chosen = paper or catalog.config.build.paper
    dirs = tuple(str(d) for d in template_dirs(catalog.root))
    task = GuideTask(path, str(data["kind"]), data, dirs, chosen, epoch)
    return path, render_tasks([task], limits=limits)[0]


# -- rendering ---------------------------------------------------------------------------------


def render_guide(
    kind: str,
    data: Mapping[str, Any],
    template_dirs: Sequence[Path],
    paper: str,
    *,
    epoch: int | None = None,
) -> bytes:
    """Compile one guide to PDF bytes. ``paper`` is ``letter`` or ``a4`` (build.paper)."""
    from mcauthor.pdf.engine import EngineError, compile_pdf

    if kind not in KINDS:
        raise BuildError(f"unknown guide kind {kind!r}")
    dirs = [Path(d) for d in template_dirs]
    chosen = _templates(dirs)
    main = f"{kind}-guide.typ"
    if main not in chosen:
        raise BuildError(f"guide template not found: {GUIDE_DIR}/{main}")
    for name, source in chosen.items():
        _no_packages(name, source.read_bytes())
    document = {k: v for k, v in data.items() if k != "files"}
    document["paper"] = paper_of(paper)
    files = data.get("files") or {}
    with tempfile.TemporaryDirectory(prefix="mcauthor-guide-") as tmp:
        root = Path(tmp)
        for name, source in chosen.items():
            shutil.copyfile(source, root / name)
        for name, spec in sorted(files.items()):
            target = root / PurePosixPath(name)
            if root not in target.parents or ".." in PurePosixPath(name).parts:
                raise BuildError(f"refusing a guide file outside the compile root: {name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            if "copy" in spec:
                shutil.copyfile(spec["copy"], target)
            else:
                target.write_text(spec.get("text", ""), encoding="utf-8")
        # Key order is the builders' (deterministic); no sorting, the catalog's is large.
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        (root / DATA_FILE).write_text(text, encoding="utf-8")
        try:
            return compile_pdf(root, main, font_paths=font_dirs(dirs), epoch=epoch)
        except EngineError as exc:
            title = str(data.get("title", ""))[:60]
            raise BuildError(f"{kind} guide {title!r}: {exc}") from None


# A Typst package spec in a string: "@preview/cetz:0.2.2", "@local/x:1.0.0", also with
# the @ written as an escape ("\u{40}preview/..."). A spec built at run time gets past
# any scan: the worker's network denial (nonet) and empty package folders stop it then.
PACKAGE_IMPORT = re.compile(
    rb"""["'](?:@|\\u\{0*40\})[A-Za-z0-9_-]+/[A-Za-z0-9_.-]+(?::[^"'\s]*)?["']"""
)


def _no_packages(name: str, text: bytes) -> None:
    """Refuse a guide template that imports a Typst package: the engine would download it
    (and a catalog must not make mcauthor reach the network)."""
    found = PACKAGE_IMPORT.search(text)
    if found is not None:
        spec = found.group().decode("utf-8", "replace").strip("\"'")
        raise BuildError(
            f"{GUIDE_DIR}/{name} imports the Typst package {spec}; mcauthor never downloads "
            f"packages: copy the files you need into templates/{GUIDE_DIR}/ instead"
        )


@dataclass(frozen=True)
class GuideTask:
    """One guide to render, picklable: what a worker process needs and nothing else."""

    path: str
    kind: str
    data: GuideData
    template_dirs: tuple[str, ...]
    paper: str
    epoch: int | None = None


def render_task(task: GuideTask) -> bytes:
    """The worker: render one task (top-level, so a process pool can pickle it)."""
    return render_guide(
        task.kind, task.data, [Path(d) for d in task.template_dirs], task.paper, epoch=task.epoch
    )


def _workers(max_workers: int | None, count: int) -> int:
    return max(1, min(max_workers or os.cpu_count() or 1, count))


def _weight(task: GuideTask) -> int:
    """Roughly how long a task takes: the number of credentials its guide shows."""
    data = task.data
    if task.kind == "stack":
        return len(data.get("credentials", ())) + 1
    if task.kind == "catalog":
        stacks = data.get("stacks", ())
        return sum(len(s.get("credentials", ())) for s in stacks) + len(data.get("unstacked", ()))
    return 1


def _group(task: GuideTask) -> str:
    """Tasks that share a group run one after another in the same worker: a stack's guide
    with the guides of its credentials, so the engine can reuse what it laid out."""
    if task.kind == "stack":
        return "stack:" + str(task.data.get("stack", {}).get("id", task.path))
    if task.kind == "credential":
        stacks = task.data.get("credential", {}).get("stacks", ())
        if stacks:
            return "stack:" + str(stacks[0].get("id", ""))
    return task.path


def render_group(first: int, tasks: Sequence[GuideTask]) -> list[bytes]:
    """The pool's worker: render tasks in order, each under the worker's budget (see
    :mod:`mcauthor.workers`); ``first`` is the index of the first task in the parent's
    list. Top-level, so the pool can pickle it."""
    from mcauthor import workers

    return [workers.guarded(first + i, render_task, task) for i, task in enumerate(tasks)]


def render_tasks(
    tasks: Sequence[GuideTask],
    max_workers: int | None = None,
    on_done: Callable[[int], None] | None = None,
    limits: Limits | None = None,
) -> list[bytes]:
    """Render tasks in worker processes (one per core by default); results in order.

    - The engine only ever runs in a worker (:mod:`mcauthor.workers`): cut off from the
      network, under the time and memory budget of ``limits``; a guide that goes over it,
      or a PDF over ``guide_mb``, stops the build with a BuildError naming the guide.
    - A stack's guide and its credentials' guides go to one worker together (see
      :func:`_group`), so the engine can reuse layout between them.
    - The longest groups start first, so no long guide is left running alone at the end.
    - A large guide (the catalog's; any of :data:`SOLO_WEIGHT` credentials or more) gets a
      process of its own that ends with it: the engine keeps what it laid out in memory,
      and a worker that kept a whole catalog's layout would be slow for everything after.
    - Each worker's engine runs on one thread per core it stands for (no contention).
    """
    from mcauthor import workers  # processes: imported when there is a guide to render

    if not tasks:
        return []
    limits = limits or Limits()
    count = _workers(max_workers, len(tasks))
    groups: dict[str, list[int]] = {}
    for i, task in enumerate(tasks):
        groups.setdefault(_group(task), []).append(i)
    for members in groups.values():  # credentials first, then their stack's guide
        members.sort(key=lambda i: (tasks[i].kind == "stack", i))

    def weight(members: list[int]) -> int:
        return sum(_weight(tasks[i]) for i in members)

    order = sorted(groups.values(), key=lambda m: -weight(m))
    solo = [m for m in order if weight(m) >= SOLO_WEIGHT and len(order) > 1]
    shared = [m for m in order if m not in solo]
    # Each group is handed over in its own order; the worker numbers them from here.
    ordered = [tasks[i] for members in order for i in members]
    where = {id(members): sum(len(m) for m in order[:k]) for k, members in enumerate(order)}
    threads = max(1, (os.cpu_count() or 1) // count)
    pools = workers.Pools(limits.budget("guide"), [t.path for t in ordered], threads)
    results: list[bytes] = [b""] * len(tasks)
    try:
        futures = []
        for members in solo:
            chunk = [tasks[i] for i in members]
            futures.append((members, pools.pool(1).submit(render_group, where[id(members)], chunk)))
        if shared:
            common = pools.pool(min(count, len(shared)))
            for members in shared:
                chunk = [tasks[i] for i in members]
                futures.append((members, common.submit(render_group, where[id(members)], chunk)))
        owners = {future: members for members, future in futures}
        for future in pools.completed(owners):  # in completion order, for the progress bar
            members = owners[future]
            rendered: list[bytes] = pools.result(future)
            for i, data in zip(members, rendered, strict=True):
                if len(data) > limits.guide_bytes:
                    raise BuildError(
                        f"{tasks[i].path}: the guide is {len(data):,} bytes, more than "
                        f"{limits.guide_bytes:,} (--limit guide_mb=...)"
                    )
                results[i] = data
            if on_done is not None:
                on_done(len(members))
    except BaseException:
        pools.close(failed=True)
        raise
    pools.close()
    return results


def render_many(
    items: Sequence[tuple[str, GuideData]],
    template_dirs: Sequence[Path],
    paper: str,
    *,
    epoch: int | None = None,
    max_workers: int | None = None,
) -> dict[str, bytes]:
    """Render (output path, data) pairs in parallel; returns output path -> PDF bytes.

    Each data document carries its kind (``data["kind"]``), as the builders make it.
    """
    dirs = tuple(str(d) for d in template_dirs)
    tasks = [GuideTask(path, str(data["kind"]), data, dirs, paper, epoch) for path, data in items]
    return dict(zip((t.path for t in tasks), render_tasks(tasks, max_workers), strict=True))


# -- build jobs --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class GuideRender:
    """A guide job's ``render``: builds the data when called, or hands out a picklable task.

    ``Job.render()`` renders in this process. For parallel rendering, collect
    ``job.render.task()`` for the jobs that must be rendered and pass them to
    :func:`render_tasks`.
    """

    kind: str
    path: str
    context: Context
    ident: str
    template_dirs: tuple[str, ...]
    paper: str
    epoch: int | None
    limits: Limits

    def data(self) -> GuideData:
        if self.kind == "credential":
            credential = self.context.catalog.credential(self.ident)
            assert credential is not None
            return credential_guide(self.context, credential)
        if self.kind == "stack":
            resolved = self.context.pathway.stack(self.ident)
            assert resolved is not None
            return stack_guide(self.context, resolved)
        return catalog_guide(self.context)

    def task(self) -> GuideTask:
        return GuideTask(
            self.path, self.kind, self.data(), self.template_dirs, self.paper, self.epoch
        )

    def __call__(self) -> bytes:
        return render_tasks([self.task()], limits=self.limits)[0]


def render_ahead(jobs: list[Job], stale: Stale, progress: Progress) -> list[Job]:
    """The jobs, with every guide job that must be rendered (``stale``; without it, every
    guide job) already rendered on every core. The jobs that come back in place of the
    rendered ones hand over the finished bytes; all other jobs come back unchanged."""
    wanted = [
        i
        for i, job in enumerate(jobs)
        if isinstance(job.render, GuideRender) and (stale is None or stale(job))
    ]
    tasks = []
    limits: Limits | None = None
    for i in wanted:
        render = jobs[i].render
        assert isinstance(render, GuideRender)
        tasks.append(render.task())
        limits = render.limits  # one plan: every guide has the same
    if progress.planned is not None:
        progress.planned(len(tasks))
    rendered = render_tasks(tasks, None, progress.done, limits)
    out = list(jobs)
    for i, data in zip(wanted, rendered, strict=True):
        out[i] = with_bytes(jobs[i], data)
    return out


class _Hashes:
    """Content hashes of catalog images (logo, badges), computed once per plan."""

    def __init__(self, confined: Confinement) -> None:
        self.confined = confined
        self.known: dict[str, str] = {}

    def __call__(self, rel: str | None) -> str:
        if not rel:
            return ""
        found = self.known.get(rel)
        if found is None:
            try:
                data = self.confined.read(rel, asset=True, limit=ASSET_MAX)
                found = hashlib.sha256(data).hexdigest()
            except (OSError, CannotRun):
                found = "missing"
            self.known[rel] = found
        return found


def plan(prepared: Prepared) -> list[Job]:
    """The guide jobs: one per credential, one per stack, and the catalog's.

    Each key lists what the guide shows: the guide templates and fonts, the paper size,
    the build date, the config, and the content hashes of the source files it includes,
    so editing a credential re-renders only the guides that show it.
    """
    context, epoch = prepared.context, prepared.epoch
    catalog, pathway = context.catalog, context.pathway
    dirs = template_dirs(prepared.root)
    paper = catalog.config.build.paper
    paper_of(paper)  # refuse a bad paper size while planning, not while writing
    base = key_of(
        "guides",
        templates_fingerprint(dirs),
        paper,
        context.site.date,
        context.site.generator,
        prepared.config,
        prepared.library(),
    )
    images = _Hashes(prepared.confined())
    logo = images(catalog.config.issuer.logo)
    shown: dict[str, list[str]] = {}  # credential id -> files its section shows

    def credential_docs(credential: Credential) -> list[str]:
        found = shown.get(credential.id)
        if found is None:
            stacks = [pathway.stack(s) for s in pathway.stacks_of.get(credential.id, ())]
            neighbours = list(catalog.required_by(credential.id))
            neighbours += [c for rid in credential.requires if (c := catalog.credential(rid))]
            found = [
                prepared.doc(credential.file),
                images(credential.image),
                *sorted(prepared.doc(s.stack.file) for s in stacks if s is not None),
                *sorted(prepared.doc(c.file) for c in neighbours),
            ]
            shown[credential.id] = found
        return found

    str_dirs = tuple(str(d) for d in dirs)

    def job(kind: str, ident: str, path: str, key: str) -> Job:
        render = GuideRender(kind, path, context, ident, str_dirs, paper, epoch, prepared.limits)
        return Job(path, key, render, kind="guide")

    out: list[Job] = []
    for credential in prepared.credentials():
        key = key_of("credential-guide", base, logo, credential_docs(credential))
        out.append(job("credential", credential.id, paths.guide("credentials", credential.id), key))
    for resolved in pathway.stacks:
        related = [pathway.stack(s) for s in (*resolved.requires, *resolved.required_by)]
        key = key_of(
            "stack-guide",
            base,
            logo,
            prepared.doc(resolved.stack.file),
            [prepared.doc(r.stack.file) for r in related if r is not None],
            [credential_docs(m) for m in resolved.members],
        )
        out.append(job("stack", resolved.id, paths.guide("stacks", resolved.id), key))
    everything = prepared.all_docs()
    images_all = sorted(images(c.image) for c in catalog.credentials)
    key = key_of("catalog-guide", base, logo, everything, images_all)
    out.append(job("catalog", "", CATALOG_GUIDE, key))
    return out
