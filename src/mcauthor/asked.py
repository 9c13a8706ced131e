"""What lint asked the disk besides reading the catalog's files, and what it was told.

Rules read the catalog's files through the loader; the only other thing they ask the disk
is where an asset path leads (:func:`mcauthor.rules._util.place` and the functions it
uses). A kept lint result (:mod:`mcauthor.resultcache`) is given back only while the
catalog's files are the same bytes *and* every question asked for it gets the same answer
again, so that it is what a fresh lint would say. A function is made a question with
:func:`question`; while :func:`recording` is open, each call is noted with its answer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

# (the function's name, its arguments after the catalog root): text or None, so that a
# question can be kept as JSON and asked again. The root is left out: a kept report is found
# by the catalog's real path, and its questions are asked again of the catalog as it is
# reached now (each question resolves the root's real path itself).
Question = tuple["str | None", ...]
Answers = dict[Question, "str | None"]
Asker = Callable[..., "str | None"]
F = TypeVar("F", bound=Asker)

_ASKERS: dict[str, Asker] = {}
_noted: ContextVar[Answers | None] = ContextVar("mcauthor_asked", default=None)


def question(name: str) -> Callable[[F], F]:
    """Note every call of the decorated ``function(root: Path, *texts: str | None)`` while
    recording; ``name`` names it in a kept result, so it must never be reused."""

    def wrap(function: F) -> F:
        if name in _ASKERS:
            raise ValueError(f"two questions are named {name}")
        _ASKERS[name] = function

        @functools.wraps(function)
        def asked(root: Path, *texts: str | None) -> str | None:
            answer = function(root, *texts)
            noted = _noted.get()
            if noted is not None:
                asked_now: Question = (name, *texts)
                noted[asked_now] = answer
            return answer

        return asked  # type: ignore[return-value]

    return wrap


@contextmanager
def recording() -> Iterator[Answers]:
    """Note, in the dict given, every question asked until the block ends."""
    answers: Answers = {}
    token = _noted.set(answers)
    try:
        yield answers
    finally:
        _noted.reset(token)


def still_true(root: Path, answers: Iterable[tuple[Question, str | None]]) -> bool:
    """Whether every question about the catalog at ``root`` gets the same answer now; a
    question of an unknown name (from another version), or one that cannot be asked
    again, never does."""
    for asked, answer in answers:
        name = asked[0] if asked else None
        function = _ASKERS.get(name) if isinstance(name, str) else None
        if function is None:
            return False
        try:
            if function(root, *asked[1:]) != answer:
                return False
        except Exception:
            return False
    return True
