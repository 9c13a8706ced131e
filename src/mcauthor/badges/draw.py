"""Drawing badge images: what a badge shows (:class:`Badge`), its colours, and many badges
in one compile (one page each) through :mod:`mcauthor.typeset`.

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

from mcauthor.model import BadgeShape

HERE = Path(__file__).parent
TEMPLATE = "badge.typ"
DEFAULT_COLOR = "#1f5f8b"
# The stacks' colours, in pathway order (then again): dark enough for white text (>= 4.5:1).
PALETTE = ("#1f5f8b", "#7a2e5c", "#1e6b4f", "#8a4a12", "#4b3f8f", "#7b2d26", "#2f5d6b", "#5c5a16")
WHITE, INK = "#ffffff", "#141414"
TITLE_MAX = 110  # characters shown; a longer title ends in an ellipsis
PPI = 300  # 2 in x 2 in at 300 ppi: the 600 x 600 PNG that platforms ask for


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
