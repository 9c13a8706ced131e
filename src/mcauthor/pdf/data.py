"""The guides' data: one plain JSON document per guide.

Three kinds of guide:

- ``credential``: ``guides/credentials/<id>.pdf``, one credential: cover, competency, key
  method, research, resources, submission guidelines, rubric, stacks and prerequisites;
- ``stack``: ``guides/stacks/<id>.pdf``: cover, overview with totals, the stack's pathway
  picture, contents, then every credential of the stack in order;
- ``catalog``: ``guides/catalog.pdf``: cover, about, contents, every stack with its
  credentials, then the credentials in no stack.

Catalog text never becomes Typst source. Each guide's data is written as ``data.json``
into a fresh compile root beside copies of the templates, which read it with
``json("data.json")`` and draw markdown fields node by node. A string shown by Typst is
always literal text. The credentials and stacks in a guide are :mod:`mcauthor.pdf.parts`.
"""

from __future__ import annotations

from mcauthor import paths
from mcauthor.model import Credential
from mcauthor.paths import CATALOG_GUIDE
from mcauthor.pathway import svg as pathway_svg
from mcauthor.pdf.parts import Files, Parts, absolute, picture
from mcauthor.pdf.soften import soften, soften_all
from mcauthor.pdf.templates import GuideData
from mcauthor.stacks import ResolvedStack
from mcauthor.views import Context
from mcauthor.words import language_parts, number, plural


class _Doc:
    """One guide being assembled: its files and the headings (anchors) it holds."""

    def __init__(self, parts: Parts, kind: str, path: str, title: str) -> None:
        self.parts = parts
        self.files: Files = {}
        self.anchors: dict[str, bool] = {}
        site = parts.context.site
        lang, region = language_parts(site.language)
        logo, logo_files = parts.logo()
        self.files.update(logo_files)
        base = absolute(site.base_url)
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
                "url": absolute(site.issuer.url),
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


class Guides:
    """The guides of one context. Each credential's and stack's part is built once and
    shared by every guide that shows it: the jobs of one build plan share one Guides."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.parts = Parts(context)

    def credential(self, credential: Credential) -> GuideData:
        """The data of one credential's guide."""
        path = paths.guide("credentials", credential.id)
        doc = _Doc(self.parts, "credential", path, credential.title)
        doc.data["keywords"] = list(credential.tags)
        doc.data["credential"] = doc.credential(credential)
        return doc.finish()

    def stack(self, resolved: ResolvedStack) -> GuideData:
        """The data of one stack's guide: the stack, then each of its credentials in order."""
        path = paths.guide("stacks", resolved.id)
        doc = _Doc(self.parts, "stack", path, resolved.stack.title)
        doc.data["stack"] = doc.stack(resolved)
        doc.data["credentials"] = [doc.credential(m) for m in resolved.members]
        return doc.finish()

    def catalog(self) -> GuideData:
        """The data of the catalog's guide: every stack with its credentials, then the rest.

        A credential in several stacks is shown in full in the first; later stacks refer
        to it.
        """
        pathway = self.context.pathway
        doc = _Doc(self.parts, "catalog", CATALOG_GUIDE, self.context.site.title)
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
        doc.data["overview"] = soften_all(self._overview(doc.files, len(stacks)))
        doc.data["stacks"] = stacks
        doc.data["unstacked"] = [doc.credential(c) for c in pathway.unstacked]
        return doc.finish()

    def _overview(self, files: Files, stacks: int) -> GuideData:
        """The catalog guide's about page: the description, totals and the pathway."""
        context = self.context
        catalog, pathway, title = context.catalog, context.pathway, context.site.title
        credentials = list(catalog.unique_credentials())
        hours = [c.hours for c in credentials if c.hours is not None]
        totals = [
            plural(len(credentials), "credential", shown=number),
            plural(stacks, "stack", shown=number),
        ]
        if hours:
            totals.append(plural(round(sum(hours), 6), "hour", shown=number))
        svg = pathway_svg.render(pathway, title=f"{title}: pathway")
        alt = f"Pathway of the catalog {title}: " + "; ".join(s.stack.title for s in pathway.stacks)
        return {
            "description": self.parts.tree(context.site.description, ""),
            "totals": totals,
            "picture": picture(files, "pathway", svg, alt),
        }


def credential_guide(context: Context, credential: Credential) -> GuideData:
    """The data of one credential's guide, on its own."""
    return Guides(context).credential(credential)


def stack_guide(context: Context, resolved: ResolvedStack) -> GuideData:
    """The data of one stack's guide, on its own."""
    return Guides(context).stack(resolved)


def catalog_guide(context: Context) -> GuideData:
    """The data of the catalog's guide."""
    return Guides(context).catalog()


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
