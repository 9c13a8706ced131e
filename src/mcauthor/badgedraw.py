"""Drawing badge images: what a badge shows (:class:`Badge`, :func:`credential_badge`,
:func:`stack_badge`), its colours, and many badges in one compile (one page each) through
:mod:`mcauthor.typeset`. Shared by the badge images the build writes
(:mod:`mcauthor.badges`) and the PDF guides' covers, so both show the same badge.

Colours are chosen so that the text always reads: it is white or near black, whichever
contrasts more with the badge's colour (WCAG 2 contrast ratio), and every colour of the
palette keeps white text at 4.5:1 or more.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from mcauthor.model import BadgeShape, Config, Credential, Stack
from mcauthor.stacks import Pathway

HERE = Path(__file__).parent
TEMPLATE = "badge.typ"
DEFAULT_COLOR = "#1f5f8b"
# The stacks' colours, in pathway order (then again): dark enough for white text (>= 4.5:1).
PALETTE = ("#1f5f8b", "#7a2e5c", "#1e6b4f", "#8a4a12", "#4b3f8f", "#7b2d26", "#2f5d6b", "#5c5a16")
WHITE, INK = "#ffffff", "#141414"
TITLE_MAX = 110  # characters shown; a longer title ends in an ellipsis
PPI = 300  # 2 in x 2 in at 300 ppi: the 600 x 600 PNG that platforms ask for


def _palette(pathway: Pathway) -> dict[str, str]:
    """Each stack's colour: the palette in pathway order (then again)."""
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(pathway.stacks)}


def credential_badge(config: Config, pathway: Pathway, credential: Credential) -> Badge:
    """A credential's badge: in the colour of its first stack (pathway order), else
    ``badges.color``."""
    stacks = pathway.stacks_of.get(credential.id, ())
    colour = _palette(pathway)[stacks[0]] if stacks else config.badges.color or DEFAULT_COLOR
    issuer = config.issuer.name or config.title
    return Badge(credential.title, issuer, colour, config.badges.shape, "credential")


def stack_badge(config: Config, pathway: Pathway, stack: Stack) -> Badge:
    """An awarded stack's own badge, in the stack's colour."""
    name = stack.award.name if stack.award is not None else stack.title
    colour = _palette(pathway).get(stack.id, config.badges.color or DEFAULT_COLOR)
    issuer = config.issuer.name or config.title
    return Badge(name, issuer, colour, config.badges.shape, "stack")


@dataclass(frozen=True)
class Badge:
    """What one badge shows."""

    title: str
    issuer: str
    colour: str  # `#rrggbb`
    shape: BadgeShape
    kind: Literal["credential", "stack"]

    def data(self) -> dict[str, object]:
        """The page's data for the template: text fitted, the ink that reads best."""
        title = " ".join(self.title.split())
        if len(title) > TITLE_MAX:
            title = title[: TITLE_MAX - 1].rstrip() + "…"
        return {**asdict(self), "title": title, "ink": ink(self.colour), "size": _size(title)}


def _size(title: str) -> float:
    """The title's size in points: long titles smaller, so they fit in four lines."""
    for most, size in ((18, 15.0), (32, 13.0), (52, 11.0), (80, 9.5)):
        if len(title) <= most:
            return size
    return 8.0


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of `#rrggbb`."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink(colour: str) -> str:
    """The text colour for a badge of ``colour``: white or near black, the higher contrast."""
    return WHITE if contrast(colour, WHITE) >= contrast(colour, INK) else INK


@lru_cache(maxsize=1)
def _fonts() -> tuple[Path, ...]:
    """The fonts the guides ship (Arabic, emoji), beside the engine's own."""
    from mcauthor.overrides import builtin_dir

    fonts = builtin_dir() / "guide" / "fonts"
    return (fonts,) if fonts.is_dir() else ()


def draw(badges: Sequence[Badge], image_format: Literal["png", "svg"]) -> list[bytes]:
    """One image per badge, all in one compile; nothing is written to disk."""
    from mcauthor.typeset import compile_images

    if not badges:
        return []
    data = json.dumps([b.data() for b in badges], ensure_ascii=False)
    source = (HERE / TEMPLATE).read_bytes()
    return compile_images(source, image_format, data=data, font_paths=_fonts(), ppi=PPI)
