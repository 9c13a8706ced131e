"""Bounds on the work one page or one PDF guide may take: time and output size.

Template overrides come from the catalog, so a pull request can write a template that
loops for ever or writes gigabytes. Every page render and every guide compile therefore
runs under a budget; going over it stops the build with a one-line message that names
the template and the limit, and the previous output stays as it was.

The defaults are generous (a real page takes milliseconds, a whole-catalog guide of a
thousand credentials under a minute). The person running mcauthor sets the ceiling with
``--limit NAME=VALUE`` (repeatable); a catalog may only ask for *less*, in
``build.limits`` of ``mcauthor.yaml``, because the catalog is what is not trusted.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mcauthor.errors import CannotRun
from mcauthor.suggest import did_you_mean_or

MB = 1024 * 1024


@dataclass(frozen=True)
class Budget:
    """What one task of a kind may take in a worker process (mcauthor.workers); ``what``
    names the kind in messages. The watchdog ends a task ``grace`` seconds after
    ``seconds``, for tasks that check their own time and should say so first."""

    what: str  # "page" | "guide": the --limit names are <what>_seconds, <what>_memory_mb
    seconds: float
    memory_bytes: int
    grace: float = 0.0


@dataclass(frozen=True)
class Limits:
    page_seconds: float = 30.0  # one HTML page
    page_mb: float = 64.0  # its size
    page_memory_mb: float = 2048.0  # the memory a page of a catalog's template may use
    guide_seconds: float = 900.0  # one PDF guide (the catalog's is the largest)
    guide_mb: float = 1024.0  # its size
    guide_memory_mb: float = 8192.0  # the PDF engine's memory for one guide

    @property
    def page_bytes(self) -> int:
        return int(self.page_mb * MB)

    @property
    def guide_bytes(self) -> int:
        return int(self.guide_mb * MB)

    def budget(self, what: str) -> Budget:
        """The worker budget of a kind of task: "page" or "guide"."""
        seconds = float(getattr(self, f"{what}_seconds"))
        memory = int(float(getattr(self, f"{what}_memory_mb")) * MB)
        return Budget(what, seconds, memory)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def parse(cls, items: Iterable[str]) -> Limits:
        """``--limit NAME=VALUE`` options; raises CannotRun for a malformed one."""
        values: dict[str, float] = {}
        for item in items:
            name, sep, text = item.partition("=")
            name = name.strip().replace("-", "_")
            if not sep:
                raise CannotRun(
                    f"--limit {item!r}: expected NAME=VALUE with NAME one of "
                    + ", ".join(cls.names())
                )
            if name not in cls.names():
                known = "NAME is one of " + ", ".join(cls.names())
                raise CannotRun(
                    f"--limit {item!r}: no limit `{name}`"
                    + did_you_mean_or(name, cls.names(), known)
                )
            values[name] = _positive(text, f"--limit {name}")
        return cls(**values)

    def lowered(self, settings: Mapping[str, Any]) -> Limits:
        """These limits with a catalog's ``build.limits`` applied: a value may only be
        lower than the ceiling; a higher one is ignored (the ceiling stays)."""
        values: dict[str, float] = {}
        for name in self.names():
            asked = settings.get(name)
            if isinstance(asked, bool) or not isinstance(asked, int | float):
                continue
            if math.isfinite(asked) and 0 < asked < getattr(self, name):
                values[name] = float(asked)
        return dataclasses.replace(self, **values)


MAX_VALUE = 10_000_000  # seconds (about 115 days) or megabytes (about 10 TB)


def _positive(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CannotRun(f"{what} must be a number, not {text.strip()!r}") from None
    if not math.isfinite(value) or not 0 < value <= MAX_VALUE:
        raise CannotRun(f"{what} must be a number above 0 and at most {MAX_VALUE:,}")
    return value


class OverBudget(Exception):
    """A page or a guide went over its time or size budget (one line, naming it)."""
