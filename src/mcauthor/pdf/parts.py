"""A credential's and a stack's part of the guides: the same in every guide that shows it.

Every value comes from the website's view models (:mod:`mcauthor.views`), so the guides
and the site say the same things; markdown fields travel as the node tree of
:func:`mcauthor.markdown.to_tree`, made from the view's markdown source. Images (the
issuer's logo, badge images) are copied into the compile root only from inside the
catalog; the compile root is all the engine can read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from mcauthor import paths
from mcauthor.badgedraw import Badge, credential_badge, draw, stack_badge
from mcauthor.badgeimage import drawn
from mcauthor.confine import Confinement
from mcauthor.markdown import Node, safe_url, to_tree
from mcauthor.model import Credential
from mcauthor.pathway import svg as pathway_svg
from mcauthor.pdf.soften import soften_all
from mcauthor.pdf.templates import GuideData
from mcauthor.present import credential_page, stack_view
from mcauthor.stacks import ResolvedStack
from mcauthor.stacks_report import focus
from mcauthor.views import Context, CredentialPage, Markdown, RubricView, StackView, source
from mcauthor.words import figure, number, plural

Files = dict[str, dict[str, str]]  # compile-root path -> {"copy": source} or {"text": ...}

IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
TALL_PICTURE = 1.25  # pictures taller than this many times their width are left out
# The pathway picture's fonts: the guide's serif, then the shipped Arabic and emoji fonts.
SVG_FONTS = "'Libertinus Serif', 'Noto Naskh Arabic', 'Noto Color Emoji', serif"


def absolute(url: str | None) -> str | None:
    """A URL a PDF reader may open: http(s) or mailto only."""
    if not url or not safe_url(url):
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https", "mailto") else None


@dataclass
class Part:
    """A credential's or stack's data, the same in every guide that shows it, and the files
    (images) it needs in the compile root."""

    data: GuideData
    files: Files


class Parts:
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
        self.credentials: dict[str, Part] = {}
        self.stacks: dict[str, Part] = {}
        self._logo: tuple[str | None, Files] | None = None

    # -- helpers

    def image(self, files: Files, name: str, rel: str | None) -> str | None:
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

    def badge(self, files: Files, credential: Credential) -> str | None:
        """The credential's badge for the cover: its own image, else the badge the build
        draws (the same drawing, as SVG), else none."""
        config = self.context.catalog.config
        if drawn(config, credential.image):
            badge = credential_badge(config, self.context.pathway, credential)
            return self._drawn(files, f"badge-{credential.id}", badge)
        return self.image(files, f"badge-{credential.id}", credential.image)

    def stack_badge(self, files: Files, resolved: ResolvedStack) -> str | None:
        """An awarded stack's badge, as :meth:`badge`; None for a stack with no award."""
        award, config = resolved.stack.award, self.context.catalog.config
        if award is None:
            return None
        if drawn(config, award.image):
            badge = stack_badge(config, self.context.pathway, resolved.stack)
            return self._drawn(files, f"stack-badge-{resolved.id}", badge)
        return self.image(files, f"stack-badge-{resolved.id}", award.image)

    @staticmethod
    def _drawn(files: Files, name: str, badge: Badge) -> str:
        (svg,) = draw([badge], "svg")
        target = f"img/{name}.svg"
        files[target] = {"text": svg.decode("utf-8")}
        return target

    def tree(self, text: Markdown, page: str) -> list[Node]:
        """A markdown field as nodes. Relative links are resolved against the field's page
        on the website when the catalog has a base_url; without one they become text."""
        nodes = to_tree(source(text))
        page_url = self.base.rstrip("/") + "/" + page if self.base else None
        return _tidy(nodes, page_url)

    def logo(self) -> tuple[str | None, Files]:
        """The issuer's logo in the compile root (or None), and the file it needs."""
        if self._logo is None:
            files: Files = {}
            path = self.image(files, "logo", self.context.catalog.config.issuer.logo)
            self._logo = (path, files)
        return self._logo

    @staticmethod
    def _kept(kept: dict[str, Part], ident: str, build: Callable[[Files], GuideData]) -> Part:
        """The part ``ident`` from ``kept``: built, softened and kept the first time."""
        found = kept.get(ident)
        if found is None:
            files: Files = {}
            found = kept[ident] = Part(soften_all(build(files)), files)
        return found

    # -- credentials

    def credential(self, credential: Credential) -> Part:
        return self._kept(self.credentials, credential.id, partial(self._credential, credential))

    def _credential(self, credential: Credential, files: Files) -> GuideData:
        page = credential_page(self.context, credential)
        at = paths.address(page.path)
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
                {"text": a.text, "note": a.note, "url": absolute(a.href) or ""}
                for a in page.alignments
            ],
            "image": self.badge(files, credential),
            "page": at,
            "guide": paths.guide("credentials", credential.id),
            "method": {
                "statement": page.method_statement,
                "components": [
                    {"title": c.title, "body": self.tree(c.body, at)} for c in page.components
                ],
            },
            "research": self._research(page, at),
            "resources": self._resources(page, at),
            "evidence": self._evidence(page, at),
            "rubric": self._rubric(page.rubric, at) if page.rubric is not None else None,
            "stacks": self._stacks_of(credential.id),
            "requires": self._neighbours(credential.requires),
            "required_by": self._neighbours(
                c.id for c in self.context.catalog.required_by(credential.id)
            ),
        }

    def _research(self, page: CredentialPage, at: str) -> list[GuideData]:
        return [
            {
                "key": cited.key,
                "authors": cited.authors,
                "year": cited.year,
                "title": cited.title,
                "source": cited.source,
                "number": cited.number,
                "links": [
                    {"url": absolute(link.href) or "", "text": link.text, "note": link.note}
                    for link in cited.links
                ],
                "note": self.tree(cited.note, at),
            }
            for cited in page.research
        ]

    def _resources(self, page: CredentialPage, at: str) -> list[GuideData]:
        return [
            {
                "title": r.title,
                "url": absolute(r.url) or "",
                "page": PurePosixPath(r.file).as_posix() if r.file else "",
                "kind": r.kind,
                "note": self.tree(r.note, at),
            }
            for r in page.resources
        ]

    def _evidence(self, page: CredentialPage, at: str) -> list[GuideData]:
        return [
            {
                "number": part.number,
                "id": part.id,
                "title": part.title,
                "kind_label": part.kind,
                "instructions": self.tree(part.instructions, at),
                "prompts": [
                    {"number": p.number, "text": p.text, "words": p.words} for p in part.prompts
                ],
                "formats": list(part.formats),
            }
            for part in page.evidence
        ]

    def _rubric(self, rubric: RubricView, at: str) -> GuideData:
        return {
            "levels": [
                {
                    "id": lv.id,
                    "label": lv.label,
                    "passing": lv.passing,
                    "description": lv.description,
                }
                for lv in rubric.levels
            ],
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "evidence": c.evidence,
                    "descriptors": list(c.descriptors),
                }
                for c in rubric.criteria
            ],
            "earn": self.tree(rubric.earn, at),
        }

    def _stacks_of(self, cid: str) -> list[GuideData]:
        """The stacks a credential is in, with its place in each."""
        pathway = self.context.pathway
        out = []
        for sid in pathway.stacks_of.get(cid, ()):
            resolved = pathway.stack(sid)
            if resolved is None:
                continue
            ids = [m.id for m in resolved.members]
            out.append(
                {
                    "id": sid,
                    "title": resolved.stack.title,
                    "position": ids.index(cid) + 1 if cid in ids else None,
                    "count": len(ids),
                    "page": paths.address(paths.stack_page(sid)),
                }
            )
        return out

    def _neighbours(self, ids: Iterable[str]) -> list[GuideData]:
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

    def stack(self, resolved: ResolvedStack) -> Part:
        return self._kept(self.stacks, resolved.id, partial(self._stack, resolved))

    def _stack(self, resolved: ResolvedStack, files: Files) -> GuideData:
        view = stack_view(self.context, resolved, "")
        titles = [m.title for m in resolved.members]
        alt = f"Pathway of the stack {view.title}: " + (
            "; ".join(f"{i}. {t}" for i, t in enumerate(titles, start=1)) or "no credentials"
        )
        svg = pathway_svg.render(focus(self.context.pathway, resolved.id), title=view.title)
        return {
            "id": view.id,
            "title": view.title,
            "summary": view.summary,
            "status": view.status,
            "status_label": view.status_label,
            "award": view.award or "",
            "image": self.stack_badge(files, resolved),
            "description": self.tree(view.description, paths.stack_page(view.id)),
            "totals": _totals(view, len(resolved.members)),
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
                    "hours": "" if m.card.hours is None else figure(m.card.hours),
                    "ceu": "" if m.card.ceu is None else figure(m.card.ceu),
                    "status": m.card.status,
                    "status_label": m.card.status_label,
                    "page": paths.address(m.card.href),
                }
                for m in view.members
            ],
            "requires": [self._stack_link(sid) for sid in resolved.requires],
            "required_by": [self._stack_link(sid) for sid in resolved.required_by],
            "picture": picture(files, f"pathway-{view.id}", svg, alt),
        }

    def _stack_link(self, sid: str) -> dict[str, str]:
        found = self.context.pathway.stack(sid)
        return {
            "id": sid,
            "title": found.stack.title if found else sid,
            "page": paths.address(paths.stack_page(sid)),
        }


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
            node = {**node, "url": absolute(url) or ""}
        children = node.get("children")
        if isinstance(children, list):
            node = {**node, "children": _tidy(children, page_url)}
        out.append(node)
    return out


def _facts(page: CredentialPage) -> list[dict[str, str]]:
    facts = []
    if page.hours is not None:
        facts.append({"label": "Hours", "value": figure(page.hours)})
    if page.ceu is not None:
        facts.append({"label": "CEUs", "value": figure(page.ceu)})
    if page.credit:
        facts.append({"label": "Credit", "value": page.credit})
    facts.append({"label": "Version", "value": page.version})
    facts.append({"label": "Status", "value": page.status_label})
    return facts


def _totals(view: StackView, count: int) -> list[str]:
    """A stack's totals in words: credentials, hours (or more, if some have none), CEUs."""
    totals = [plural(count, "credential", shown=number)]
    if view.hours:
        hours = plural(view.hours, "hour", shown=number)
        totals.append(hours if view.hours_complete else f"{hours} or more")
    if view.ceu:
        totals.append(plural(view.ceu, "CEU", shown=number))
    return totals


def picture(files: Files, name: str, svg: str, alt: str) -> dict[str, Any] | None:
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
