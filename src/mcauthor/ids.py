"""Credential and stack ids: what a valid one looks like, and one made from a title.

An id is lowercase letters and digits in words joined by single hyphens (the schemas'
pattern). `mcauthor new` and `init` make ids from titles with :func:`slug`, MC501's hint
proposes one the same way, and the site checks tag slugs against the same pattern.
"""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 60  # characters: a made-up id stays short enough to type and to read


def slug(title: str) -> str:
    """A kebab-case id made from a title (``catalog`` when nothing usable is left)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    out = ""
    for word in re.findall(r"[a-z0-9]+", plain):
        if out and len(out) + 1 + len(word) > SLUG_MAX:
            break
        out = f"{out}-{word}" if out else word[:SLUG_MAX]
    return out or "catalog"
