"""Fewer garbage-collector passes during mcauthor's big passes (lint, build).

Python's cyclic garbage collector runs a young-generation pass every 700 new container
objects. A lint or a build makes millions of short-lived objects that hold no cycles
(parsed YAML, findings, page values), so most of those passes find nothing. During a pass,
:func:`big_pass` raises the thresholds (one young pass per 100,000 objects); the output is
the same, and a one-edit build of 1,000 credentials takes about a tenth less time
(``bench/compare.py``). Cycles are still collected, only in larger batches.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

THRESHOLDS = (100_000, 50, 100)


@contextlib.contextmanager
def big_pass() -> Iterator[None]:
    """Raise the collector's thresholds for the length of the ``with`` block."""
    before = gc.get_threshold()
    if before[0] >= THRESHOLDS[0]:  # already inside a big pass
        yield
        return
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
