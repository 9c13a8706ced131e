"""Every path mcauthor writes in an output folder, one function or constant each.

Pages are ``<folder>/index.html`` so that a host serves them at ``<folder>/``; a page's
*address* (:func:`address`) is its path with ``index.html`` dropped. The data files live
under ``data/`` with the same layout that ``mcauthor export --out DIR`` writes into DIR.
"""

from __future__ import annotations

from typing import Literal

HOME = "index.html"
NOT_FOUND = "404.html"
STATIC = "_static"  # the stylesheet and script
FAVICON = "favicon.svg"  # made from the catalog's title when the issuer has no logo
CATALOG_GUIDE = "guides/catalog.pdf"
DATA = "data/"
CATALOG_DATA = "data/catalog.json"
CSV = "data/credentials.csv"

GuideFolder = Literal["credentials", "stacks"]


def credential_page(cid: str) -> str:
    return f"credentials/{cid}/index.html"


def stack_page(sid: str) -> str:
    return f"stacks/{sid}/index.html"


def static_file(name: str) -> str:
    return f"{STATIC}/{name}"


def guide(folder: GuideFolder, ident: str) -> str:
    return f"guides/{folder}/{ident}.pdf"


def badge(cid: str) -> str:
    """A credential's Open Badges achievement."""
    return f"data/openbadges/{cid}.json"


def stack_badge(sid: str) -> str:
    """An awarded stack's Open Badges achievement (stacks in their own folder: ids may clash)."""
    return f"data/openbadges/stacks/{sid}.json"


def badge_v2(cid: str) -> str:
    """A credential's Open Badges 2.0 BadgeClass."""
    return f"data/openbadges-v2/{cid}.json"


def stack_badge_v2(sid: str) -> str:
    """An awarded stack's Open Badges 2.0 BadgeClass."""
    return f"data/openbadges-v2/stacks/{sid}.json"


# The issuer's Open Badges 2.0 Profile: in a folder of its own, so no credential id clashes.
ISSUER_V2 = "data/openbadges-v2/issuer/profile.json"


def drawn_badge(kind: Literal["credential", "stack"], ident: str, suffix: str) -> str:
    """A badge image the build draws (``suffix``: ``png`` or ``svg``); stacks in their own
    folder, as their ids may clash with credentials'."""
    folder = "badges/" if kind == "credential" else "badges/stacks/"
    return f"{folder}{ident}.{suffix}"


def ctdl(kind: Literal["credential", "stack"], ident: str) -> str:
    """Credentials at ``data/ctdl/<id>.json``; stacks in their own folder (ids may clash)."""
    return f"data/ctdl/{ident}.json" if kind == "credential" else f"data/ctdl/stacks/{ident}.json"


def address(path: str) -> str:
    """A page's address relative to the site root: ``credentials/x/`` for
    ``credentials/x/index.html``, ``""`` for the home page; other files are their path."""
    return path.removesuffix(HOME)


def relative_root(path: str) -> str:
    """The prefix from a page at ``path`` back to the site root: "" or "../../"."""
    return "../" * path.count("/")
