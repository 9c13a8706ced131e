"""Typed view models of a catalog: what the website, the PDF guides and the exports show.

Every value a template shows comes from here, already resolved: research looked up,
levels in order, links made relative to the page. Templates only lay things out. Built
with StrictUndefined, so a typo in a template is an error rather than an empty string.

The views hold no output format: a markdown field keeps its source (:class:`Markdown`),
which a template shows as safe HTML and the PDF guides read as markdown. Only the pathway
picture is markup (SVG), being a picture.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from mcauthor import __version__, paths
from mcauthor.markdown import to_html, to_inline_html
from mcauthor.model import Catalog
from mcauthor.paths import FAVICON
from mcauthor.stacks import Pathway

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


ICON_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


class Markdown:
    """A markdown field: its source, which a template shows as safe HTML.

    Jinja's autoescape (and ``markupsafe``) call ``__html__``, so ``{{ page.description }}``
    writes the HTML, as the ``Markup`` the views held before did. Whatever else a template
    does with it (``|trim``, ``|string``, ``|length``) works on that HTML (``str()`` gives
    it as ``Markup``), never on the source: a catalog's template override can never put
    raw catalog text into a page. The other outputs read the source with :func:`source`.
    True when it shows anything, so ``{% if r.note %}`` leaves out a note that renders to
    nothing.
    """

    __slots__ = ("_html", "_source")

    def __init__(self, text: str) -> None:
        self._source = text  # private: a sandboxed template cannot reach it
        self._html: str | None = None

    def _render(self) -> str:
        return to_html(self._source)

    def __html__(self) -> str:
        if self._html is None:
            self._html = self._render()
        return self._html

    def __str__(self) -> Markup:
        # Markup, as the views held before: `|trim`, `|string` and the like keep it HTML.
        return Markup(self.__html__())

    def __bool__(self) -> bool:
        return bool(self.__html__())

    def __len__(self) -> int:
        return len(self.__html__())

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Markdown)
            and type(other) is type(self)
            and other._source == self._source
        )

    def __hash__(self) -> int:
        return hash((type(self), self._source))

    def __getstate__(self) -> str:  # pages go to worker processes for sandboxed templates
        return self._source

    def __setstate__(self, state: str) -> None:
        self._source, self._html = state, None


class InlineMarkdown(Markdown):
    """A short markdown field shown without a wrapping paragraph (an earn rule)."""

    __slots__ = ()

    def _render(self) -> str:
        return to_inline_html(self._source)


def source(field: Markdown) -> str:
    """A markdown field's source, as the catalog gives it (for the PDF guides)."""
    return field._source


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
    description: Markdown
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
    note: Markdown
    number: str = ""  # a report's number, shown after the title: "(NSB 99-31)"


@dataclass(frozen=True)
class Component:
    title: str
    body: Markdown


@dataclass(frozen=True)
class Resource:
    title: str
    href: str | None  # the link on the credential's page
    kind: str
    note: Markdown
    url: str | None  # the resource's own address, as given
    file: str | None  # or its file, as a site path


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
    instructions: Markdown
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
    earn: InlineMarkdown  # the credential's rule, else the default (see default_earn)


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
    history: tuple[VersionEntry, ...] = ()  # its versions, the newest first (from git)
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
    description: Markdown
    members: tuple[StackMember, ...]
    hours: int | float
    ceu: int | float
    hours_complete: bool
    requires: tuple[Link, ...]
    required_by: tuple[Link, ...]
    award: str | None = None  # the name of the badge the stack earns; None: no badge of its own
    award_image: str | None = None  # that badge's image, relative to the page


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
class VersionEntry:
    """One version in a credential's history (from git, :mod:`mcauthor.history`)."""

    date: str  # YYYY-MM-DD
    version: str
    summary: str  # "First version", or what changed since the version before, by class


@dataclass(frozen=True)
class Context:
    """Everything the build knows, shared by every output."""

    catalog: Catalog
    pathway: Pathway
    site: Site
    cards: dict[str, Card] = field(default_factory=dict)  # each credential's, by id
    history: dict[str, tuple[VersionEntry, ...]] = field(default_factory=dict)  # by id
