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
import pickle
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing import connection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from mcauthor.errors import BuildError
from mcauthor.limits import Budget

T = TypeVar("T")
SLOTS = 64  # workers one table can serve (one pool never has more)
OVER_TIME = 70  # a worker's exit status when its task ran over its time budget
POLL_SECONDS = 1.0  # how often the parent looks for a task well over its time
STOP_SECONDS = 10.0  # how long an idle worker may take to stop when asked

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
    """Pools of worker processes for one kind of task that share a budget and a table of
    slots.

    Not :class:`concurrent.futures.ProcessPoolExecutor`: a worker killed while it sends its
    result leaves half a message in the executor's shared result pipe, and the executor's
    thread then waits for the rest for ever (and ``shutdown`` with it). Here each worker has
    a pipe of its own whose other end only it holds, so a worker that dies always reads as
    the end of its pipe, and nothing waits on a dead worker.
    """

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
        self.pools: list[Pool] = []

    def pool(self, size: int) -> Pool:
        made = Pool(self, size)
        self.pools.append(made)
        return made

    def result(self, future: Future[T]) -> T:
        """A task's result, waiting for it; a worker that died becomes a one-line
        BuildError. While waiting, a task well over its time (its worker's watchdog cannot
        run while a long call holds the interpreter) is ended from here."""
        while not future.done():
            self._step()
        try:
            return future.result()
        except MemoryError:
            raise BuildError(self._memory(self._running())) from None

    def completed(self, futures: Iterable[Future[T]]) -> Iterator[Future[T]]:
        """The futures as they complete, ending overdue tasks while waiting."""
        pending = list(futures)
        while pending:
            done = [future for future in pending if future.done()]
            if not done:
                self._step()
            for future in done:
                pending.remove(future)
                yield future

    def _step(self) -> None:
        """Wait up to :data:`POLL_SECONDS` for workers to answer or die, and settle it."""
        busy = [w for made in self.pools for w in made.workers if w.future is not None]
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(connection.wait(handles, timeout=POLL_SECONDS))
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                self._settle(worker)
        self._end_overdue()

    def _settle(self, worker: Worker) -> None:
        """Take a worker's answer; a worker that ended without one broke the pool."""
        try:
            if not worker.conn.poll():
                raise EOFError
            succeeded, value = worker.conn.recv()
        except (EOFError, OSError):  # the worker ended, maybe half way through a message
            raise BuildError(self.explain()) from None
        future, worker.future = worker.future, None
        assert future is not None
        if succeeded:
            future.set_result(value)
        else:
            future.set_exception(value)
        worker.pool.feed()

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
        """End the workers: idle ones are asked to stop; after a failure, every worker is
        killed at once. Never waits on a worker for long."""
        workers = [w for made in self.pools for w in made.workers]
        for worker in workers:
            if failed:
                worker.process.kill()
            else:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in workers:
            worker.process.join(timeout=None if failed else STOP_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
            worker.process.close()
        self.pools.clear()


@dataclass(eq=False)
class Worker:
    """One worker process, its end of the pipe, and the task it runs (None when idle)."""

    pool: Pool
    process: BaseProcess
    conn: Connection
    future: Future[Any] | None = None


class Pool:
    """Up to ``size`` workers, started as tasks need them, fed from one queue in order."""

    def __init__(self, pools: Pools, size: int) -> None:
        self.pools = pools
        self.size = max(1, size)
        self.waiting: deque[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = deque()
        self.workers: list[Worker] = []

    def submit(self, run: Callable[..., T], *args: Any) -> Future[T]:
        """Queue ``run(*args)`` for a worker (``run`` is top-level, so it pickles)."""
        future: Future[T] = Future()
        self.waiting.append((future, run, args))
        self.feed()
        return future

    def feed(self) -> None:
        """Hand waiting tasks to idle workers. Every worker a task needs is started first,
        so the interpreters start together rather than one after another."""
        idle = [w for w in self.workers if w.future is None]
        while len(idle) < len(self.waiting) and len(self.workers) < self.size:
            idle.append(self._start())
        for worker in idle:
            if not self.waiting:
                return
            future, run, args = self.waiting.popleft()
            future.set_running_or_notify_cancel()
            worker.future = future
            try:
                worker.conn.send((run, args))
            except OSError:  # the worker ended while it started or read the task
                raise BuildError(self.pools.explain()) from None

    def _start(self) -> Worker:
        mine, theirs = self.pools.context.Pipe()
        process = self.pools.context.Process(
            target=serve, args=(theirs, self.pools.initargs), daemon=True
        )
        process.start()
        theirs.close()  # only the worker holds its end: its death is the pipe's end here
        worker = Worker(self, process, mine)
        self.workers.append(worker)
        return worker


def serve(conn: Connection, initargs: tuple[Any, ...]) -> None:
    """A worker's life (top-level, so a spawned process can find it): set up, then run
    each task it is sent and send back ``(True, result)`` or ``(False, exception)``, until
    it is sent None or its pipe ends."""
    initialize(*initargs)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        run, args = message
        try:
            answer: tuple[bool, Any] = (True, run(*args))
        except BaseException as exc:  # the parent re-raises it
            answer = (False, exc)
        try:
            conn.send(answer)
        except (pickle.PicklingError, TypeError, AttributeError):
            conn.send((False, BuildError(f"a {type(answer[1]).__name__} the parent cannot read")))
