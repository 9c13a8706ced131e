"""Present a catalog: make the view models of :mod:`mcauthor.views` from the model.

Research is looked up, levels put in order, links made relative to the page they are on,
labels chosen; markdown stays markdown (:class:`~mcauthor.views.Markdown`). The website,
the PDF guides and the exports all read what is made here, so they say the same things.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup

from mcauthor import paths
from mcauthor.badgeimage import credential_image, stack_image
from mcauthor.history import Version
from mcauthor.ids import ID_PATTERN
from mcauthor.model import STATUS_LABELS, Catalog, Credential, Level, ResearchEntry, Rubric
from mcauthor.paths import FAVICON
from mcauthor.stacks import Pathway, ResolvedStack
from mcauthor.urls import web_url
from mcauthor.views import (
    FORMAT_LABELS,
    ICON_TYPES,
    KIND_LABELS,
    Card,
    Citation,
    Component,
    Context,
    CredentialPage,
    CriterionView,
    EvidenceView,
    Facet,
    HomePage,
    InlineMarkdown,
    Issuer,
    LevelView,
    Link,
    Markdown,
    PromptView,
    Resource,
    RubricView,
    Site,
    StackMember,
    StackPage,
    StackView,
    VersionEntry,
)
from mcauthor.words import number


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


def icon_of(logo: str | None) -> tuple[str, str]:
    """The site's icon (path, media type): the issuer's logo when browsers can show it as
    one, else the generated FAVICON."""
    kind = ICON_TYPES.get(posixpath.splitext(logo or "")[1].lower())
    if logo and kind:
        return logo, kind
    return FAVICON, ICON_TYPES[".svg"]


# -- view models --------------------------------------------------------------------------


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
        description=Markdown(config.description or ""),
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
    history: Mapping[str, tuple[Version, ...]] | None = None,
) -> Context:
    """The views; ``history``: each credential file's versions (:mod:`mcauthor.history`)."""
    logo = catalog.config.issuer.logo
    site = make_site(catalog, date, logo, guides=guides, data=data)
    context = Context(catalog=catalog, pathway=pathway, site=site)
    for credential in catalog.unique_credentials():
        context.cards[credential.id] = _card(credential, pathway, catalog)
        versions = (history or {}).get(credential.file)
        if versions:
            context.history[credential.id] = tuple(version_entry(v) for v in versions)
    return context


_CHANGED = {"requirement": "Requirements", "content": "Wording", "metadata": "Details"}


def version_entry(version: Version) -> VersionEntry:
    """A version as the credential page lists it: "Requirements: evidence, rubric.
    Wording: title." (what changed since the version before, by class)."""
    if version.first:
        return VersionEntry(version.date, version.version, "First version.")
    parts = [
        f"{_CHANGED[kind]}: {', '.join(name.replace('_', ' ') for name in names)}."
        for kind, names in version.changed
    ]
    return VersionEntry(version.date, version.version, " ".join(parts) or "No field changed.")


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
        status_label=STATUS_LABELS[credential.status],
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
        note=Markdown(entry.note or ""),
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
        earn=InlineMarkdown(rubric.earn or default),
    )


def _cited(catalog: Catalog, credential: Credential) -> list[ResearchEntry]:
    """The research entries the key method cites, each once, in its order."""
    cited: list[ResearchEntry] = []
    for key in credential.key_method.research if credential.key_method else ():
        entry = catalog.research_for(credential, key)
        if entry is not None and entry not in cited:
            cited.append(entry)
    return cited


def credential_page(context: Context, credential: Credential) -> CredentialPage:
    catalog, pathway = context.catalog, context.pathway
    path = paths.credential_page(credential.id)
    root = paths.relative_root(path)
    km = credential.key_method
    cited = _cited(catalog, credential)
    competency = credential.competency
    if isinstance(competency, tuple):
        competency = " ".join(competency)
    required_by = catalog.required_by(credential.id)
    image = credential_image(catalog.config, credential)  # its own, else the drawn one
    return CredentialPage(
        path=path,
        root=root,
        site=context.site,
        id=credential.id,
        title=credential.title,
        version=credential.version,
        status=credential.status,
        status_label=STATUS_LABELS[credential.status],
        summary=credential.summary or "",
        competency=competency or "",
        method_statement=(km.statement or "") if km else "",
        components=tuple(Component(c.title or "", Markdown(c.body or "")) for c in km.components)
        if km
        else (),
        research=tuple(citation(e) for e in cited),
        resources=tuple(
            Resource(
                title=r.title,
                href=r.url or (_href(root, r.file_path) if r.file_path else None),
                kind=r.kind or "other",
                note=Markdown(r.note or ""),
                url=r.url,
                file=r.file_path,
            )
            for r in credential.resources
        ),
        evidence=tuple(
            EvidenceView(
                number=i,
                id=part.id,
                title=part.title or part.id,
                kind=KIND_LABELS.get(part.kind or "", ""),
                instructions=Markdown(part.instructions or ""),
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
        image=_href(root, image) if image else None,
        guide=_href(root, paths.guide("credentials", credential.id)),
        badge=_href(root, paths.badge(credential.id)),
        canonical=context.site.canonical(path),
        credit=credential.credit.text() if credential.credit else None,
        tag_words=tuple(tag_words(t, catalog.config.tags) for t in credential.tags),
        shared_image=context.site.shared(root, image) if image else None,
        history=context.history.get(credential.id, ()),
    )


def _credential_link(context: Context, root: str, cid: str) -> Link:
    card = context.cards.get(cid)
    if card is None:
        return Link("", cid)
    return Link(_href(root, card.href), card.title, card.status_label)


def stack_view(context: Context, resolved: ResolvedStack, root: str) -> StackView:
    stack = resolved.stack
    image = stack_image(context.catalog.config, stack)
    return StackView(
        id=stack.id,
        href=_href(root, paths.stack_page(stack.id)),
        title=stack.title,
        summary=stack.summary or "",
        # As offered: a published stack holding a draft or retired credential shows as
        # unavailable (`suspended`), like in the exports.
        status=resolved.effective_status,
        status_label=STATUS_LABELS[resolved.effective_status],
        description=Markdown(stack.description or ""),
        members=tuple(
            StackMember(i, context.cards[c.id]) for i, c in enumerate(resolved.members, start=1)
        ),
        hours=number(resolved.hours) or 0,
        ceu=number(resolved.ceu) or 0,
        hours_complete=resolved.hours_complete,
        requires=tuple(_stack_link(context, root, sid) for sid in resolved.requires),
        required_by=tuple(_stack_link(context, root, sid) for sid in resolved.required_by),
        award=stack.award.name if stack.award is not None else None,
        award_image=_href(root, image) if image else None,
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
            Facet(s, STATUS_LABELS[s], status_counts[s])
            for s in ("published", "draft", "retired")
            if s in status_counts
        ),
        pathway_svg=Markup(svg),
        catalog_guide=paths.CATALOG_GUIDE,
        catalog_data=paths.CATALOG_DATA,
        canonical=context.site.canonical(path),
    )
