"""The worker pool (mcauthor.workers) on its own: answers in order, a task's exception
re-raised, and never a hang on a worker that dies, above all one killed while it sends a
large result (a pipe holding half a message: what hung ProcessPoolExecutor's shutdown)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from mcauthor import workers
from mcauthor.errors import BuildError
from mcauthor.limits import Budget

LARGE = 64 * 2**20  # far more than a pipe holds, so the worker blocks half way through
NAMES = ["guides/credentials/a.pdf", "guides/credentials/b.pdf"]


def pools(seconds: float = 60.0) -> workers.Pools:
    return workers.Pools(Budget("guide", seconds, 2**30), NAMES)


def ended(call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run ``call`` in a thread; (whether it ended within a minute, what it returned or
    raised). A hang fails the test instead of hanging the suite."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    return not thread.is_alive(), outcome[0] if outcome else None


def sending(made: workers.Pools) -> workers.Worker:
    """The one busy worker, once its large answer has started to arrive."""
    (worker,) = [w for pool in made.pools for w in pool.workers if w.future is not None]
    assert worker.conn.poll(60), "the worker never started to answer"
    return worker


@pytest.mark.slow
def test_answers_come_back_and_a_tasks_exception_is_raised_here() -> None:
    made = pools()
    pool = made.pool(2)
    quotient = pool.submit(divmod, 7, 2)
    failing = pool.submit(divmod, 1, 0)
    assert [f.result() for f in made.completed([quotient])] == [(3, 1)]
    with pytest.raises(ZeroDivisionError):
        made.result(failing)
    made.close()
    assert made.pools == []


@pytest.mark.slow
def test_a_worker_killed_half_way_through_its_answer_is_one_error() -> None:
    made = pools()
    future = made.pool(1).submit(workers.guarded, 1, bytes, LARGE)
    worker = sending(made)
    os.kill(worker.process.pid or 0, signal.SIGKILL)
    finished, raised = ended(lambda: made.result(future))
    assert finished, "waiting on a dead worker's half-sent answer hung"
    assert isinstance(raised, BuildError), raised
    # The task itself had ended (its slot is clear), so no guide is named.
    assert str(raised).startswith("a guide: the guide template used more than its 1,024 MB")
    finished, _ = ended(lambda: made.close(failed=True))
    assert finished


@pytest.mark.slow
def test_closing_after_a_failure_ends_a_worker_that_is_sending() -> None:
    made = pools()
    made.pool(1).submit(bytes, LARGE)
    worker = sending(made)
    pid = worker.process.pid
    finished, raised = ended(lambda: made.close(failed=True))
    assert finished, "closing hung on a worker in the middle of its answer"
    assert raised is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid or 0, 0)


@pytest.mark.slow
def test_a_task_over_its_time_is_named() -> None:
    made = pools(seconds=0.5)
    future = made.pool(1).submit(workers.guarded, 0, time.sleep, 30)
    finished, raised = ended(lambda: made.result(future))
    made.close(failed=True)
    assert finished
    assert isinstance(raised, BuildError)
    assert str(raised) == (
        "guides/credentials/a.pdf: the guide template ran longer than 0.5 s "
        "(--limit guide_seconds=...)"
    )
