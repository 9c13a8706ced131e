"""Page renders under a budget: a time limit and an output-size limit per page.

A catalog's template overrides may come from a pull request, so they run in Jinja's
sandbox (no attribute tricks, no unsafe calls), and here also under a budget:

- the page is produced piece by piece and stops as soon as it is larger than allowed, or
  has run longer than allowed (checked every few pieces);
- inside the sandbox, every call, attribute or item lookup, filter and intercepted
  operator checks the clock, and refuses a value larger than the page may be; operations
  that could build a huge value in one step (``"x" * n``, ``"%9999999d"``, ``n ** m``,
  a width or count argument, ``replace`` and ``join``) are estimated *before* they run.

So a template that loops for ever, or that doubles a string until memory runs out, stops
with a one-line error naming the template. The built-in templates are trusted code: they
are not sandboxed, but their output is bounded the same way.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Template
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from mcauthor.limits import OverBudget

CHECK_EVERY = 64  # pieces or calls between two looks at the clock
# The largest whole number a template may make, in bits (about 20,000 digits; Python will
# not even print one of more than 4,300): multiplying or raising huge numbers holds the
# interpreter for seconds at a time, where no clock can be looked at.
MAX_INT_BITS = 65_536
_WIDTH = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format

_local = threading.local()


class Budget:
    """How long a page may take and how large it may be; one per render."""

    def __init__(self, name: str, seconds: float, size: int) -> None:
        self.name = name
        self.seconds = seconds
        self.size = size
        self.deadline = time.monotonic() + seconds
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.count % CHECK_EVERY == 0:
            self.tick_now()

    def tick_now(self) -> None:
        if time.monotonic() > self.deadline:
            raise OverBudget(
                f"{self.name}: the template ran longer than {self.seconds:g} s "
                "(--limit page_seconds=...)"
            )

    def too_large(self, what: str) -> OverBudget:
        return OverBudget(
            f"{self.name}: the template {what} larger than the page may be "
            f"({self.size:,} bytes; --limit page_mb=...)"
        )

    def check(self, value: Any) -> Any:
        """``value``, unless it is larger than the page may be."""
        if isinstance(value, str | bytes | list | tuple | dict) and len(value) > self.size:
            raise self.too_large("makes a value")
        if type(value) is int and value.bit_length() > MAX_INT_BITS:
            raise self.too_large("makes a number")
        return value

    def estimate(self, size: float) -> None:
        if size > self.size:
            raise self.too_large("would make a value")


def current() -> Budget | None:
    budget: Budget | None = getattr(_local, "budget", None)
    return budget


def render(template: Template, budget: Budget, values: dict[str, Any]) -> str:
    """Render ``template`` piece by piece under ``budget``."""
    _local.budget = budget
    try:
        pieces: list[str] = []
        total = 0
        for count, piece in enumerate(template.generate(**values), 1):
            total += len(piece)
            pieces.append(piece)
            if count % CHECK_EVERY == 0:  # the clock and the size, every few pieces
                budget.tick_now()
                if total > budget.size:
                    raise budget.too_large("writes a page")
        if total > budget.size:
            raise budget.too_large("writes a page")
        return "".join(pieces)
    finally:
        _local.budget = None


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple | dict) else 0


def _precheck(budget: Budget, args: Iterable[Any]) -> None:
    """Refuse arguments that ask for a huge result: a count or width over the page size,
    or a format with a width of a million or more."""
    for arg in args:
        budget.check(arg)  # a value that grew too large on the way in (``s ~ s`` ...)
        if isinstance(arg, int) and not isinstance(arg, bool) and arg > budget.size:
            raise budget.too_large(f"asks for {arg:,} characters, a value")
        if isinstance(arg, str) and ("%" in arg or "{" in arg) and _WIDTH.search(arg):
            raise budget.too_large("asks for a format width that would make a value")


_BIG_WIDTH = 1_000_000  # a format width past this is refused (as text or as a number)


def _wide(value: Any) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return value > _BIG_WIDTH
    return isinstance(value, str) and bool(_WIDTH.search(value))


def _estimate_call(
    budget: Budget, obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any] | None = None
) -> tuple[Any, ...]:
    """Sizes of the calls that multiply: ``s.replace(old, new)`` and ``sep.join(items)``,
    and formats given their width as an argument (``"{0:{1}}".format(x, "9999999")``);
    the arguments to call with (a generator given to ``join`` is read once, here)."""
    name = getattr(obj, "__name__", "")
    owner = getattr(obj, "__self__", None)
    if name in ("format", "format_map") and isinstance(owner, str):
        given = [*args, *(kwargs or {}).values()]
        given += [v for a in args if isinstance(a, dict) for v in a.values()]
        if any(_wide(v) for v in given):
            raise budget.too_large("asks for a format width that would make a value")
    if name == "replace" and isinstance(owner, str) and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, str) and isinstance(new, str):
            count = owner.count(old) if old else len(owner) + 1
            budget.estimate(len(owner) + count * max(0, len(new) - len(old)))
    if name == "join" and isinstance(owner, str) and args:
        items = list(args[0])
        budget.estimate(len(owner) * len(items) + sum(_length(i) for i in items))
        return (items, *args[1:])
    return args


def _estimate_bits(budget: Budget, bits: float) -> None:
    if bits > MAX_INT_BITS:
        raise budget.too_large("would make a number")


def _estimate_power(budget: Budget, base: Any, exponent: Any) -> None:
    """``base ** exponent`` is refused before it runs when the result would be huge."""
    if not isinstance(exponent, int | float) or isinstance(exponent, bool):
        return
    if isinstance(base, int) and not isinstance(base, bool) and exponent > 0:
        _estimate_bits(budget, max(base.bit_length(), 1) * float(exponent))
    elif abs(exponent) > MAX_INT_BITS:
        raise budget.too_large(f"raises to the power {exponent}, which makes a number")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with every step checked against the page's budget."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = current()
        if budget is not None:
            budget.tick()
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(times, int) and _length(seq):
                        budget.estimate(_length(seq) * times)
                if type(left) is int and type(right) is int:
                    _estimate_bits(budget, left.bit_length() + right.bit_length())
            elif operator == "**":
                _estimate_power(budget, left, right)
            elif operator == "%":
                _precheck(budget, (left,))
                given = right if isinstance(right, tuple) else (right,)
                if isinstance(left, str) and "*" in left and any(_wide(v) for v in given):
                    raise budget.too_large("asks for a format width that would make a value")
            elif operator == "+":
                budget.estimate(_length(left) + _length(right))
        result = super().call_binop(context, operator, left, right)
        return budget.check(result) if budget is not None else result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = current()
        if budget is not None:
            budget.tick()
            _precheck(budget, (*args, *kwargs.values()))
            args = _estimate_call(budget, __obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return budget.check(result) if budget is not None else result

    def getattr(self, obj: Any, attribute: str) -> Any:
        return _looked_up(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return _looked_up(super().getitem(obj, argument))


def _looked_up(value: Any) -> Any:
    """An attribute or item lookup's result, after a look at the clock and its size."""
    budget = current()
    if budget is not None:
        budget.tick()
        budget.check(value)
    return value


def guard_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Wrap every filter so that it, too, checks the clock and the sizes."""
    for name, function in list(filters.items()):
        filters[name] = _guarded(name, function)


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps Jinja's pass_context / pass_eval_context marks
    def run(*args: Any, **kwargs: Any) -> Any:
        budget = current()
        if budget is None:
            # Jinja folds constant expressions when it compiles a template, outside any
            # render; refusing here makes it leave the filter to the (bounded) render.
            raise RuntimeError(f"the {name} filter runs only inside a bounded render")
        budget.tick()
        _precheck(budget, (*args, *kwargs.values()))
        if name == "join" and len(args) >= 2:  # join(eval_ctx, value, d="", attribute=None)
            items = list(args[1])  # a generator is read once, here, and handed on as a list
            separator = args[2] if len(args) >= 3 else kwargs.get("d", "")
            size = _length(separator) * len(items) + sum(_length(i) for i in items)
            budget.estimate(size)
            args = (args[0], items, *args[2:])
        if name == "replace" and len(args) >= 4:  # replace(eval_ctx, s, old, new, count)
            text, old, new = (str(v) for v in args[1:4])
            count = text.count(old) if old else len(text) + 1
            budget.estimate(len(text) + count * max(0, len(new) - len(old)))
        return budget.check(function(*args, **kwargs))

    return run
