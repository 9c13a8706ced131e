"""No garbage-collector passes during mcauthor's big passes (lint, build).

Python's cyclic garbage collector walks the young objects every 700 new container objects,
and older ones every few of those walks. A lint or a build makes millions of objects that
hold no cycles (parsed YAML, findings, page values) and keeps most of them to its end, so
those walks free next to nothing: at 10,000 credentials they took over a second of a warm
lint even with raised thresholds (about a tenth of it), and one more walk over the whole
heap came right after the pass. :func:`big_pass` turns the collector off for the pass,
then freezes (:func:`gc.freeze`) what the pass left, so that no later walk goes over it.
The output is the same and so is peak memory (a pass makes few cycles); a later pass
first unfreezes what an earlier one froze, so a long-running ``serve`` still frees the
cycles of each build in its full collections. Freezing right after the imports alone
gave nothing measurable: the imports leave about 20,000 objects, the pass millions.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def big_pass() -> Iterator[None]:
    """Turn the collector off for the length of the ``with`` block."""
    if not gc.isenabled():  # already inside a big pass, or off anyway
        yield
        return
    gc.unfreeze()  # what an earlier pass froze goes back to the oldest generation
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
