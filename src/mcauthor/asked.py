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

# (the function's name, the catalog root, its other arguments): all text, so that a
# question can be kept as JSON and asked again.
Question = tuple[str, ...]
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
                asked_now: Question = (name, str(root), *map(_text, texts))
                noted[asked_now] = answer
            return answer

        return asked  # type: ignore[return-value]

    return wrap


def _text(value: str | None) -> str:
    # None and text must stay apart in a key made of text only.
    return "\0" if value is None else value


def _value(text: str) -> str | None:
    return None if text == "\0" else text


@contextmanager
def recording() -> Iterator[Answers]:
    """Note, in the dict given, every question asked until the block ends."""
    answers: Answers = {}
    token = _noted.set(answers)
    try:
        yield answers
    finally:
        _noted.reset(token)


def still_true(answers: Iterable[tuple[Question, str | None]]) -> bool:
    """Whether every question gets the same answer now; a question of an unknown name
    (from another version) never does."""
    for asked, answer in answers:
        function = _ASKERS.get(asked[0]) if len(asked) >= 2 else None
        if function is None:
            return False
        if function(Path(asked[1]), *(_value(t) for t in asked[2:])) != answer:
            return False
    return True
