"""Worker processes for the work a catalog controls: its PDF guide templates and its page
template overrides.

Such work could loop for ever, allocate without end or try the network, and in this
process only checks between steps could stop it. A worker process is stopped for sure:

- **No network**: each worker first calls :func:`mcauthor.nonet.deny`.
- **Bounded memory**: the worker's data segment (heap and anonymous mappings) is limited
  to the task kind's memory budget (``--limit page_memory_mb`` / ``guide_memory_mb``); an
  allocation past it fails (Python raises MemoryError, the PDF engine aborts).
- **Bounded time**: a watchdog thread per task ends the worker when the task runs over its
  time budget (the PDF engine cannot be interrupted from Python; a process can be).
- **Quiet**: the worker's standard error goes nowhere, so an engine that aborts prints no
  backtrace into the build's log; the parent says what happened in one line.

The parent learns which task a dead worker was running from a small shared table (one
slot per worker: the task running now, and the one that ran over its time), and turns the
broken pool into a :class:`~mcauthor.errors.BuildError` that names it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from mcauthor.errors import BuildError
from mcauthor.limits import Budget

T = TypeVar("T")
SLOTS = 64  # workers one table can serve (one pool never has more)
OVER_TIME = 70  # a worker's exit status when its task ran over its time budget
POLL_SECONDS = 1.0  # how often the parent looks for a task well over its time

_STATE: dict[str, Any] = {"seconds": 0.0, "table": None, "slot": -1}


FIELDS = 4  # per slot: the task running now (+1), the task over its time (+1), pid, start


def initialize(
    budget: Budget,
    table: Any,
    threads: int | None = None,
    setup: Callable[..., None] | None = None,
    setup_args: tuple[Any, ...] = (),
) -> None:
    """In each worker, before its first task (a pool initializer, so top-level)."""
    from mcauthor import nonet

    nonet.deny()
    with contextlib.suppress(OSError):  # an engine's abort message is not for the log
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    os.environ.pop("RUST_BACKTRACE", None)
    if threads is not None:
        os.environ["RAYON_NUM_THREADS"] = str(threads)
    _limit_memory(budget.memory_bytes)
    with table.get_lock():
        slot = next(i for i in range(SLOTS) if table[FIELDS * i + 2] == 0)
        table[FIELDS * slot + 2] = os.getpid()
    _STATE.update(seconds=budget.seconds + budget.grace, table=table, slot=slot)
    if setup is not None:
        setup(*setup_args)


def _limit_memory(limit: int) -> None:
    kind = getattr(resource, "RLIMIT_DATA", None) or resource.RLIMIT_AS
    with contextlib.suppress(ValueError, OSError):
        _, hard = resource.getrlimit(kind)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(kind, (wanted, hard))


def guarded(index: int, run: Callable[..., T], *args: Any) -> T:
    """In a worker: run task ``index`` under the time budget, marked in the table. The
    watchdog here ends the worker when the task runs over; a task stuck in a long call
    that holds the interpreter's lock is ended by the parent instead (see Pools)."""
    table, base = _STATE["table"], FIELDS * _STATE["slot"]
    table[base + 3] = int(time.time() * 1000)
    table[base] = index + 1
    watchdog = threading.Timer(_STATE["seconds"], _over_time, (index,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return run(*args)
    finally:
        watchdog.cancel()
        table[base] = 0


def _over_time(index: int) -> None:
    table, base = _STATE["table"], FIELDS * _STATE["slot"]
    table[base + 1] = index + 1
    os._exit(OVER_TIME)


class Pools:
    """Process pools of one kind of task that share a budget and a table of slots."""

    def __init__(
        self,
        budget: Budget,
        names: Sequence[str],
        threads: int | None = None,
        *,
        setup: Callable[..., None] | None = None,
        setup_args: tuple[Any, ...] = (),
    ) -> None:
        self.budget = budget
        self.names = names  # task index -> what a message calls it (an output path)
        self.context = multiprocessing.get_context("spawn")  # clean interpreters
        self.table = self.context.Array("q", FIELDS * SLOTS)
        self.initargs = (budget, self.table, threads, setup, setup_args)
        self.pools: list[ProcessPoolExecutor] = []

    def pool(self, size: int) -> ProcessPoolExecutor:
        made = ProcessPoolExecutor(
            max_workers=size,
            mp_context=self.context,
            initializer=initialize,
            initargs=self.initargs,
        )
        self.pools.append(made)
        return made

    def result(self, future: Future[T]) -> T:
        """A task's result; a worker that died becomes a one-line BuildError. While
        waiting, a task well over its time (its worker's watchdog cannot run while a
        long call holds the interpreter) is ended from here."""
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except FutureTimeout:
                self._end_overdue()
            except BrokenProcessPool:
                raise BuildError(self.explain()) from None
            except MemoryError:
                raise BuildError(self._memory(self._running())) from None

    def completed(self, futures: Iterable[Future[T]]) -> Iterator[Future[T]]:
        """The futures as they complete, ending overdue tasks while waiting."""
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            if not done:
                self._end_overdue()
            yield from done

    def _end_overdue(self) -> None:
        now = time.time() * 1000
        allowed = (self.budget.seconds + self.budget.grace + POLL_SECONDS) * 1000
        for i in range(SLOTS):
            task, _, pid, start = (self.table[FIELDS * i + k] for k in range(FIELDS))
            if task > 0 and pid > 0 and now - start > allowed:
                self.table[FIELDS * i + 1] = task
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)

    def explain(self) -> str:
        what = self.budget.what
        over = [late for _, late in self._slots() if late > 0]
        if over:
            return (
                f"{self.names[over[0] - 1]}: the {what} template ran longer than "
                f"{self.budget.seconds:g} s (--limit {what}_seconds=...)"
            )
        return self._memory(self._running())

    def _running(self) -> str:
        running = [self.names[now - 1] for now, _ in self._slots() if now > 0]
        return " or ".join(running) if running else f"a {self.budget.what}"

    def _slots(self) -> list[tuple[int, int]]:
        return [(self.table[FIELDS * i], self.table[FIELDS * i + 1]) for i in range(SLOTS)]

    def _memory(self, running: str) -> str:
        what, megabytes = self.budget.what, self.budget.memory_bytes / 2**20
        return (
            f"{running}: the {what} template used more than its {megabytes:,.0f} MB of "
            f"memory, or the engine stopped (--limit {what}_memory_mb=...)"
        )

    def close(self, *, failed: bool = False) -> None:
        """Shut the pools down; after a failure, end every worker at once."""
        for made in self.pools:
            if failed:
                processes = getattr(made, "_processes", None) or {}
                for process in list(processes.values()):
                    with contextlib.suppress(Exception):
                        process.kill()
                made.shutdown(wait=True, cancel_futures=True)
            else:
                made.shutdown()
        self.pools.clear()
