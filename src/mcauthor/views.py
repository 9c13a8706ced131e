"""Typed view models of a catalog: what the website, the PDF guides and the exports show.

Every value a template shows comes from here, already resolved: research looked up,
levels in order, markdown turned into safe HTML (``Markup``), links made relative to the
page. Templates only lay things out. Built with StrictUndefined, so a typo in a template
is an error rather than an empty string.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from mcauthor import __version__, paths
from mcauthor.ids import ID_PATTERN
from mcauthor.markdown import to_html, to_inline_html
from mcauthor.model import Catalog, Credential, Level, ResearchEntry, Rubric
from mcauthor.paths import FAVICON
from mcauthor.stacks import SUSPENDED, Pathway, ResolvedStack
from mcauthor.stacks_report import number
from mcauthor.urls import web_url

STATUS_LABELS = {
    "published": "Published",
    "draft": "Draft",
    "retired": "Retired",
    SUSPENDED: "Unavailable",  # a stack's effective status only (see stack_view)
}
KIND_LABELS = {"overview": "Overview", "artifact": "Artifacts", "reflection": "Reflection"}
FORMAT_LABELS = {
    "text": "Text",
    "document": "Document (PDF preferred)",
    "video": "Video",
    "audio": "Audio",
    "image": "Image",
    "link": "Link",
}


def site_path(base_url: str | None) -> str:
    """The path of the site's root on its host ("/cce/"), from ``base_url``; "/" without
    one. Pages that a host may show at any address (the 404 page) link from here. Empty
    segments are dropped and each segment is quoted, so the path can never start with
    "//" (another host) or hold a backslash."""
    if not base_url:
        return "/"
    parts = [quote(p, safe="!$&'()*+,;=:@%-._~") for p in urlsplit(base_url).path.split("/")]
    kept = [p for p in parts if p and p != "."]
    return "/" + "".join(p + "/" for p in kept)


def tag_words(tag: str, labels: Mapping[str, str]) -> str:
    """What a tag's chip shows: the catalog's own words (``tags:`` in mcauthor.yaml), else
    a slug's words ("formative-assessment" -> "Formative assessment"), else the tag."""
    label = (labels.get(tag) or "").strip()
    if label:
        return label
    if ID_PATTERN.fullmatch(tag):
        words = tag.replace("-", " ")
        return words[:1].upper() + words[1:]
    return tag


ICON_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


def icon_of(logo: str | None) -> tuple[str, str]:
    """The site's icon (path, media type): the issuer's logo when browsers can show it as
    one, else the generated FAVICON."""
    kind = ICON_TYPES.get(posixpath.splitext(logo or "")[1].lower())
    if logo and kind:
        return logo, kind
    return FAVICON, ICON_TYPES[".svg"]


# -- view models --------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Issuer:
    name: str
    url: str | None
    email: str | None
    logo: str | None  # site path of the copied logo


@dataclass(frozen=True)
class Site:
    """What every page shows: the catalog, the issuer and the navigation."""

    id: str
    title: str
    description: Markup
    language: str
    license: str | None
    base_url: str | None
    issuer: Issuer
    date: str | None
    generator: str = f"mcauthor {__version__}"
    # Which other outputs this build writes, so pages never link to a file that is not
    # there (the PDF guides and data exports are separate outputs).
    guides: bool = False
    data: bool = False
    icon: str = FAVICON  # site path of the favicon
    icon_type: str = ICON_TYPES[".svg"]

    def canonical(self, path: str) -> str | None:
        if not self.base_url:
            return None
        page = paths.address(path)
        return self.base_url.rstrip("/") + "/" + page

    def shared(self, root: str, path: str) -> str:
        """A site file's address in Open Graph tags, which other sites read: absolute
        under ``base_url`` when there is one, else relative to the page (``root``)."""
        # Percent-encoded: a badge image named `my badge.png` is still a valid address.
        path = quote(posixpath.normpath(path), safe="/")
        if not self.base_url:
            return root + path
        return self.base_url.rstrip("/") + "/" + path

    @property
    def path(self) -> str:
        """The site root's path on its host ("/cce/"; "/" without ``base_url``)."""
        return site_path(self.base_url)


@dataclass(frozen=True)
class Citation:
    key: str
    authors: str
    year: str
    title: str
    source: str
    links: tuple[Link, ...]
    note: Markup
    number: str = ""  # a report's number, shown after the title: "(NSB 99-31)"


@dataclass(frozen=True)
class Component:
    title: str
    body: Markup


@dataclass(frozen=True)
class Resource:
    title: str
    href: str | None
    kind: str
    note: Markup


@dataclass(frozen=True)
class PromptView:
    number: int
    text: str
    words: str | None  # "200–400 words", "at most 300 words" ...


@dataclass(frozen=True)
class EvidenceView:
    number: int
    id: str
    title: str
    kind: str
    instructions: Markup
    prompts: tuple[PromptView, ...]
    formats: tuple[str, ...]


@dataclass(frozen=True)
class LevelView:
    id: str
    label: str
    passing: bool
    description: str


@dataclass(frozen=True)
class CriterionView:
    id: str
    title: str
    evidence: str  # the evidence part's title
    descriptors: tuple[str, ...]  # one per level, in level order


@dataclass(frozen=True)
class RubricView:
    levels: tuple[LevelView, ...]
    criteria: tuple[CriterionView, ...]
    earn: Markup


@dataclass(frozen=True)
class Card:
    """A credential as a card on the home page, with the data the filters use."""

    id: str
    href: str
    title: str
    summary: str
    hours: int | float | None
    ceu: int | float | None
    status: str
    status_label: str
    tags: tuple[str, ...]
    stacks: tuple[str, ...]  # stack ids
    stack_titles: tuple[str, ...]
    # Site-root-relative page of each stack in ``stacks`` (same order), like ``href``:
    # templates prefix both with ``root``.
    stack_hrefs: tuple[str, ...] = ()
    credit: str | None = None  # the `credit` in words: "0.5 state credit"
    tag_words: tuple[str, ...] = ()  # what each of ``tags`` shows (see tag_words)


@dataclass(frozen=True)
class CredentialPage:
    path: str
    root: str
    site: Site
    id: str
    title: str
    version: str
    status: str
    status_label: str
    summary: str
    competency: str
    method_statement: str
    components: tuple[Component, ...]
    research: tuple[Citation, ...]
    resources: tuple[Resource, ...]
    evidence: tuple[EvidenceView, ...]
    rubric: RubricView | None
    hours: int | float | None
    ceu: int | float | None
    tags: tuple[str, ...]
    audience: tuple[str, ...]
    alignments: tuple[Link, ...]
    stacks: tuple[Link, ...]
    requires: tuple[Link, ...]
    required_by: tuple[Link, ...]
    image: str | None
    guide: str
    badge: str
    canonical: str | None
    credit: str | None = None  # the `credit` in words: "0.5 state credit"
    tag_words: tuple[str, ...] = ()  # what each of ``tags`` shows (see tag_words)
    shared_image: str | None = None  # the badge image's address for Open Graph


@dataclass(frozen=True)
class StackMember:
    position: int
    card: Card


@dataclass(frozen=True)
class StackView:
    id: str
    href: str
    title: str
    summary: str
    status: str
    status_label: str
    description: Markup
    members: tuple[StackMember, ...]
    hours: int | float
    ceu: int | float
    hours_complete: bool
    requires: tuple[Link, ...]
    required_by: tuple[Link, ...]


@dataclass(frozen=True)
class StackPage:
    path: str
    root: str
    site: Site
    stack: StackView
    guide: str
    pathway_svg: Markup
    canonical: str | None


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class HomePage:
    path: str
    root: str
    site: Site
    stacks: tuple[StackView, ...]
    cards: tuple[Card, ...]
    unstacked: tuple[Card, ...]
    tags: tuple[Facet, ...]
    statuses: tuple[Facet, ...]
    max_hours: int | float
    pathway_svg: Markup
    catalog_guide: str
    catalog_data: str
    canonical: str | None


@dataclass(frozen=True)
class NotFoundPage:
    path: str
    root: str
    site: Site
    canonical: str | None = None


@dataclass(frozen=True)
class Context:
    """Everything the build knows, shared by every output."""

    catalog: Catalog
    pathway: Pathway
    site: Site
    cards: dict[str, Card] = field(default_factory=dict)  # each credential's, by id


# -- building -----------------------------------------------------------------------------


def make_site(
    catalog: Catalog,
    date: str | None,
    logo: str | None,
    *,
    guides: bool = False,
    data: bool = False,
) -> Site:
    config = catalog.config
    icon, icon_type = icon_of(logo)
    return Site(
        id=config.id,
        title=config.title,
        description=Markup(to_html(config.description or "")),
        language=config.language,
        license=config.license,
        base_url=web_url(config.base_url),
        issuer=Issuer(
            name=config.issuer.name,
            url=config.issuer.url,
            email=config.issuer.email,
            logo=logo,
        ),
        date=date,
        guides=guides,
        data=data,
        icon=icon,
        icon_type=icon_type,
    )


def make_context(
    catalog: Catalog,
    pathway: Pathway,
    date: str | None,
    *,
    guides: bool = False,
    data: bool = False,
) -> Context:
    logo = catalog.config.issuer.logo
    site = make_site(catalog, date, logo, guides=guides, data=data)
    context = Context(catalog=catalog, pathway=pathway, site=site)
    for credential in catalog.unique_credentials():
        context.cards[credential.id] = _card(credential, pathway, catalog)
    return context


def _card(credential: Credential, pathway: Pathway, catalog: Catalog) -> Card:
    stack_ids = pathway.stacks_of.get(credential.id, ())
    return Card(
        id=credential.id,
        href=paths.credential_page(credential.id),
        title=credential.title,
        summary=credential.summary or "",
        hours=number(credential.hours),
        ceu=number(credential.ceu),
        status=credential.status,
        status_label=STATUS_LABELS.get(credential.status, credential.status),
        tags=credential.tags,
        stacks=stack_ids,
        stack_titles=tuple(_stack_title(pathway, sid) for sid in stack_ids),
        stack_hrefs=tuple(paths.stack_page(sid) for sid in stack_ids),
        credit=credential.credit.text() if credential.credit else None,
        tag_words=tuple(tag_words(t, catalog.config.tags) for t in credential.tags),
    )


def _stack_title(pathway: Pathway, sid: str) -> str:
    found = pathway.stack(sid)
    return found.stack.title if found else sid


def _href(root: str, path: str) -> str:
    return root + path


def join_authors(authors: Sequence[str]) -> str:
    """APA-like author list: "A", "A & B", "A, B, & C"."""
    names = list(authors)
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return ", ".join(names[:-1]) + f", & {names[-1]}"


def citation(entry: ResearchEntry) -> Citation:
    links = []
    if entry.doi:
        doi = entry.doi.removeprefix("https://doi.org/").removeprefix("http://dx.doi.org/")
        doi = doi.removeprefix("https://dx.doi.org/").removeprefix("doi:")
        links.append(Link(f"https://doi.org/{doi}", f"https://doi.org/{doi}", "DOI"))
    if entry.url:
        links.append(Link(entry.url, entry.url, "URL"))
    if entry.isbn:
        links.append(Link("", f"ISBN {entry.isbn}", "ISBN"))
    return Citation(
        key=entry.key,
        authors=join_authors(entry.authors),
        year=str(entry.year) if entry.year is not None else "n.d.",
        title=entry.title or "",
        source=entry.source or "",
        links=tuple(links),
        note=Markup(to_html(entry.note or "")),
        number=entry.number or "",
    )


def words(lo: int | None, hi: int | None) -> str | None:
    if lo is not None and hi is not None:
        return f"{lo}–{hi} words" if lo != hi else f"{lo} words"
    if lo is not None:
        return f"at least {lo} words"
    if hi is not None:
        return f"at most {hi} words"
    return None


def default_earn(passing: Iterable[str]) -> str:
    """The earn rule (markdown) when a credential gives none: every criterion passing."""
    labels = list(passing)
    text = "Earn this micro-credential by reaching " + " or ".join(f"**{x}**" for x in labels)
    return text + (" on every criterion." if labels else " the passing level on every criterion.")


def rubric_view(rubric: Rubric, credential: Credential, catalog: Catalog) -> RubricView | None:
    levels: tuple[Level, ...] = catalog.levels_of(rubric) or ()
    if not levels:
        return None
    titles = {p.id: (p.title or p.id) for p in credential.evidence}
    default = default_earn(lv.label for lv in levels if lv.passing)
    return RubricView(
        levels=tuple(LevelView(lv.id, lv.label, lv.passing, lv.description or "") for lv in levels),
        criteria=tuple(
            CriterionView(
                id=c.id,
                title=c.title or c.id,
                evidence=titles.get(c.evidence or "", c.evidence or ""),
                descriptors=tuple(c.descriptors.get(lv.id, "") for lv in levels),
            )
            for c in rubric.criteria
        ),
        earn=Markup(to_inline_html(rubric.earn or default)),
    )


def credential_page(context: Context, credential: Credential) -> CredentialPage:
    catalog, pathway = context.catalog, context.pathway
    path = paths.credential_page(credential.id)
    root = paths.relative_root(path)
    km = credential.key_method
    cited = []
    for key in km.research if km else ():
        entry = catalog.research_for(credential, key)
        if entry is not None and entry not in cited:
            cited.append(entry)
    competency = credential.competency
    if isinstance(competency, tuple):
        competency = " ".join(competency)
    required_by = catalog.required_by(credential.id)
    return CredentialPage(
        path=path,
        root=root,
        site=context.site,
        id=credential.id,
        title=credential.title,
        version=credential.version,
        status=credential.status,
        status_label=STATUS_LABELS.get(credential.status, credential.status),
        summary=credential.summary or "",
        competency=competency or "",
        method_statement=(km.statement or "") if km else "",
        components=tuple(
            Component(c.title or "", Markup(to_html(c.body or ""))) for c in km.components
        )
        if km
        else (),
        research=tuple(citation(e) for e in cited),
        resources=tuple(
            Resource(
                title=r.title,
                href=r.url or (_href(root, r.file_path) if r.file_path else None),
                kind=r.kind or "other",
                note=Markup(to_html(r.note or "")),
            )
            for r in credential.resources
        ),
        evidence=tuple(
            EvidenceView(
                number=i,
                id=part.id,
                title=part.title or part.id,
                kind=KIND_LABELS.get(part.kind or "", ""),
                instructions=Markup(to_html(part.instructions or "")),
                prompts=tuple(
                    PromptView(n, p.text, words(p.words_min, p.words_max))
                    for n, p in enumerate(part.prompts, start=1)
                ),
                formats=tuple(FORMAT_LABELS.get(f, f) for f in part.formats),
            )
            for i, part in enumerate(credential.evidence, start=1)
        ),
        rubric=rubric_view(credential.rubric, credential, catalog) if credential.rubric else None,
        hours=number(credential.hours),
        ceu=number(credential.ceu),
        tags=credential.tags,
        audience=credential.audience,
        alignments=tuple(
            Link(a.url or "", a.name, " ".join(x for x in (a.framework, a.code) if x))
            for a in credential.alignments
        ),
        stacks=tuple(
            Link(_href(root, paths.stack_page(sid)), _stack_title(pathway, sid))
            for sid in pathway.stacks_of.get(credential.id, ())
        ),
        requires=tuple(_credential_link(context, root, rid) for rid in credential.requires),
        required_by=tuple(_credential_link(context, root, c.id) for c in required_by),
        image=_href(root, credential.image) if credential.image else None,
        guide=_href(root, paths.guide("credentials", credential.id)),
        badge=_href(root, paths.badge(credential.id)),
        canonical=context.site.canonical(path),
        credit=credential.credit.text() if credential.credit else None,
        tag_words=tuple(tag_words(t, catalog.config.tags) for t in credential.tags),
        shared_image=context.site.shared(root, credential.image) if credential.image else None,
    )


def _credential_link(context: Context, root: str, cid: str) -> Link:
    card = context.cards.get(cid)
    if card is None:
        return Link("", cid)
    return Link(_href(root, card.href), card.title, card.status_label)


def stack_view(context: Context, resolved: ResolvedStack, root: str) -> StackView:
    stack = resolved.stack
    return StackView(
        id=stack.id,
        href=_href(root, paths.stack_page(stack.id)),
        title=stack.title,
        summary=stack.summary or "",
        # As offered: a published stack holding a draft or retired credential shows as
        # unavailable (`suspended`), like in the exports.
        status=resolved.effective_status,
        status_label=STATUS_LABELS.get(resolved.effective_status, resolved.effective_status),
        description=Markup(to_html(stack.description or "")),
        members=tuple(
            StackMember(i, context.cards[c.id]) for i, c in enumerate(resolved.members, start=1)
        ),
        hours=number(resolved.hours) or 0,
        ceu=number(resolved.ceu) or 0,
        hours_complete=resolved.hours_complete,
        requires=tuple(_stack_link(context, root, sid) for sid in resolved.requires),
        required_by=tuple(_stack_link(context, root, sid) for sid in resolved.required_by),
    )


def _stack_link(context: Context, root: str, sid: str) -> Link:
    return Link(_href(root, paths.stack_page(sid)), _stack_title(context.pathway, sid))


def stack_page(context: Context, resolved: ResolvedStack, svg: str) -> StackPage:
    path = paths.stack_page(resolved.id)
    root = paths.relative_root(path)
    return StackPage(
        path=path,
        root=root,
        site=context.site,
        stack=stack_view(context, resolved, root),
        guide=_href(root, paths.guide("stacks", resolved.id)),
        pathway_svg=Markup(svg),
        canonical=context.site.canonical(path),
    )


def home_page(context: Context, svg: str) -> HomePage:
    path = paths.HOME
    pathway = context.pathway
    cards = tuple(sorted(context.cards.values(), key=lambda c: (c.title.casefold(), c.id)))
    tag_counts: dict[str, int] = {}
    status_counts: dict[str, int] = {}
    for card in cards:
        for tag in card.tags:
            tag_counts[tag] = tag_counts.get(tag, 0) + 1
        status_counts[card.status] = status_counts.get(card.status, 0) + 1
    hours = [c.hours for c in cards if c.hours is not None]
    return HomePage(
        path=path,
        root="",
        site=context.site,
        stacks=tuple(stack_view(context, s, "") for s in pathway.stacks),
        cards=cards,
        unstacked=tuple(context.cards[c.id] for c in pathway.unstacked if c.id in context.cards),
        tags=tuple(
            Facet(t, tag_words(t, context.catalog.config.tags), n)
            for t, n in sorted(tag_counts.items())
        ),
        statuses=tuple(
            Facet(s, STATUS_LABELS.get(s, s), status_counts[s])
            for s in ("published", "draft", "retired")
            if s in status_counts
        ),
        max_hours=max(hours) if hours else 0,
        pathway_svg=Markup(svg),
        catalog_guide=paths.CATALOG_GUIDE,
        catalog_data=paths.CATALOG_DATA,
        canonical=context.site.canonical(path),
    )
