"""Web addresses from a catalog: which may be published as links or given to other tools."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[\x00-\x20\x7f]")  # spaces and control characters


@lru_cache(maxsize=4096)  # the same few addresses are asked for thousands of times
def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address with a host (and no spaces or control
    characters); else None.

    Lint reports other addresses (MC513), but a catalog may turn that rule off, so
    everything that publishes an address (the site's canonical links, the exports read
    by badge platforms and registries) passes it through here first."""
    if not url:
        return None
    text = url.strip()
    if _UNSAFE.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
