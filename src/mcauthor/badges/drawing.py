"""Drawing the stale badges while the writer renders everything else.

A 600×600 PNG costs the engine about 9 ms, so 1,000 credentials cost 9 s of drawing:
more than twice the rest of an HTML-only build. Two things cut that down:

- **Kept drawings.** Each drawn image is kept in the user's cache (store ``badges``), by a
  hash of all it is drawn from (what the badge shows, the format, the drawing's design,
  the engine and mcauthor's version), so a badge drawn once is not drawn again on this
  machine: not for another output folder, not for `serve`. Sealed like every user cache
  (see :mod:`mcauthor.usercache`); a catalog cannot write it.
- **Drawing beside the writer.** The badges are drawn in batches. One background thread
  starts at once and uses another core while the writer renders the pages (the engine
  releases Python's lock while it draws). When the writer reaches a badge that is not
  drawn yet, it draws instead of waiting (that badge's batch, or the next one nobody has
  started), so from then on two batches are drawn at a time. Only one background
  thread: with more, the threads fight over Python's lock and the whole build gets
  slower (measured: a cold build of 1,000 credentials took 14 s with two background
  threads beside the writer, 11 s with one).

When the build ends before the writer reaches the badges (an error, Ctrl-C), the batches
not yet started are dropped (see :class:`Drawing`).
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Literal

from mcauthor import __version__
from mcauthor.badgedraw import PPI, Badge, draw
from mcauthor.errors import BuildError
from mcauthor.output import key_of
from mcauthor.usercache import Store

STORE = "badges"  # the user-cache folder of drawn images
KEEP_DAYS = 30  # a kept image not used for this long is removed
BATCH = 25  # badges per compile: about 0.25 s of PNGs, so a failed build stops soon

Format = Literal["svg", "png"]


def stored_name(badge: Badge, image_format: Format, design: str) -> str:
    """The kept image's file name: a hash of everything the drawing depends on."""
    from mcauthor.typeset import ENGINE

    key = key_of(design, ENGINE, __version__, PPI, image_format, badge.data())
    return f"{key[:40]}.{image_format}"


class _Batch:
    """Badges of one format drawn in one compile, then kept in the store."""

    def __init__(self, badges: list[Badge], image_format: Format, names: list[str]) -> None:
        self.badges = badges
        self.image_format = image_format
        self.names = names
        self.future: Future[list[bytes]] = Future()

    def run(self, store: Store | None) -> None:
        try:
            images = draw(self.badges, self.image_format)
        except Exception as exc:  # the engine's error, a full disk: the writer says it
            self.future.set_exception(_failure(exc))
            return
        self.future.set_result(images)
        if store is not None:
            for name, data in zip(self.names, images, strict=True):
                store.write(name, data)


def _failure(exc: Exception) -> Exception:
    from mcauthor.typeset import EngineError

    if isinstance(exc, EngineError):
        return BuildError(f"cannot draw the badge images: {exc}")
    return exc


class _Queue:
    """The batches nobody has started, taken one at a time by whoever comes first."""

    def __init__(self, batches: list[_Batch]) -> None:
        self.waiting = deque(batches)
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def take(self, wanted: _Batch | None = None) -> _Batch | None:
        """The next batch (or ``wanted``, if nobody has started it), now the taker's."""
        with self.lock:
            if self.stop.is_set() or not self.waiting:
                return None
            if wanted is None:
                return self.waiting.popleft()
            if wanted in self.waiting:
                self.waiting.remove(wanted)
                return wanted
            return None


def _background(queue: _Queue, store: Store | None) -> None:
    while (batch := queue.take()) is not None:
        batch.run(store)


class Drawing:
    """Badges taken from the user's cache where kept there, else drawn in batches.

    Every job's render holds this object, and the background thread does not: when the
    build ends without rendering the badges, the object is freed, which stops the thread
    after its current batch.
    """

    def __init__(self, wanted: Sequence[tuple[Badge, Format]], design: str) -> None:
        self.store = Store.open(STORE)
        self.names = [stored_name(badge, fmt, design) for badge, fmt in wanted]
        self.kept = [self._kept(name) for name in self.names]
        self.batches: dict[int, tuple[_Batch, int]] = {}  # index -> its batch, its place
        missing = [i for i, data in enumerate(self.kept) if data is None]
        if not missing:
            self.queue = _Queue([])
            return
        self.prune()  # only when the store grows
        # In the writer's order (badge by badge, SVG then PNG), one format per batch: the
        # engine draws one format per compile.
        batches = []
        for start in range(0, len(missing), 2 * BATCH):
            chunk = missing[start : start + 2 * BATCH]
            for fmt in ("svg", "png"):
                picked = [i for i in chunk if wanted[i][1] == fmt]
                if picked:
                    batch = _Batch(
                        [wanted[i][0] for i in picked], fmt, [self.names[i] for i in picked]
                    )
                    batches.append(batch)
                    for place, i in enumerate(picked):
                        self.batches[i] = (batch, place)
        self.queue = _Queue(batches)
        weakref.finalize(self, self.queue.stop.set)
        thread = threading.Thread(
            target=_background, args=(self.queue, self.store), name="mcauthor-badges"
        )
        thread.start()

    def _kept(self, name: str) -> bytes | None:
        return self.store.read_used(name) if self.store is not None else None

    def image(self, index: int) -> bytes:
        """The ``index``-th wanted image: kept, drawn, or drawn now by the caller."""
        kept = self.kept[index]
        if kept is not None:
            return kept
        batch, place = self.batches[index]
        # Draw rather than wait: this batch if nobody has started it, else the next one.
        while not batch.future.done():
            taken = self.queue.take(batch) or self.queue.take()
            if taken is None:
                break
            taken.run(self.store)
        return batch.future.result()[place]

    def prune(self) -> None:
        if self.store is not None:
            self.store.prune(".png", KEEP_DAYS)
            self.store.prune(".svg", KEEP_DAYS)


@dataclass(frozen=True)
class DrawnImage:
    """A job's render: one image of a :class:`Drawing`."""

    drawing: Drawing
    index: int

    def __call__(self) -> bytes:
        return self.drawing.image(self.index)
