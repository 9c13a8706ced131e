"""Rendering guides: one guide's data and templates in a fresh compile root, compiled by
the engine (:mod:`mcauthor.typeset`), always in worker processes
(:mod:`mcauthor.workers`: no network, under the guide budget), many at once when asked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mcauthor.errors import BuildError
from mcauthor.limits import Limits
from mcauthor.pdf.templates import (
    GUIDE_DIR,
    KINDS,
    GuideData,
    font_dirs,
    paper_of,
    templates,
)

SOLO_WEIGHT = 200  # guides that show this many credentials render in a process of their own
DATA_FILE = "data.json"


def render_guide(
    kind: str,
    data: Mapping[str, Any],
    template_dirs: Sequence[Path],
    paper: str,
    *,
    epoch: int | None = None,
) -> bytes:
    """Compile one guide to PDF bytes. ``paper`` is ``letter`` or ``a4`` (build.paper)."""
    from mcauthor.typeset import EngineError, compile_pdf

    if kind not in KINDS:
        raise BuildError(f"unknown guide kind {kind!r}")
    dirs = [Path(d) for d in template_dirs]
    chosen = templates(dirs)
    main = f"{kind}-guide.typ"
    if main not in chosen:
        raise BuildError(f"guide template not found: {GUIDE_DIR}/{main}")
    for name, source in chosen.items():
        _no_packages(name, source.read_bytes())
    document = {k: v for k, v in data.items() if k != "files"}
    document["paper"] = paper_of(paper)
    files = data.get("files") or {}
    with tempfile.TemporaryDirectory(prefix="mcauthor-guide-") as tmp:
        root = Path(tmp)
        for name, source in chosen.items():
            shutil.copyfile(source, root / name)
        for name, spec in sorted(files.items()):
            target = root / PurePosixPath(name)
            if root not in target.parents or ".." in PurePosixPath(name).parts:
                raise BuildError(f"refusing a guide file outside the compile root: {name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            if "copy" in spec:
                shutil.copyfile(spec["copy"], target)
            else:
                target.write_text(spec.get("text", ""), encoding="utf-8")
        # Key order is the builders' (deterministic); no sorting, the catalog's is large.
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        (root / DATA_FILE).write_text(text, encoding="utf-8")
        try:
            return compile_pdf(root, main, font_paths=font_dirs(dirs), epoch=epoch)
        except EngineError as exc:
            title = str(data.get("title", ""))[:60]
            raise BuildError(f"{kind} guide {title!r}: {exc}") from None


# A Typst package spec in a string: "@preview/cetz:0.2.2", "@local/x:1.0.0", also with
# the @ written as an escape ("\u{40}preview/..."). A spec built at run time gets past
# any scan: the worker's network denial (nonet) and empty package folders stop it then.
PACKAGE_IMPORT = re.compile(
    rb"""["'](?:@|\\u\{0*40\})[A-Za-z0-9_-]+/[A-Za-z0-9_.-]+(?::[^"'\s]*)?["']"""
)


def _no_packages(name: str, text: bytes) -> None:
    """Refuse a guide template that imports a Typst package: the engine would download it
    (and a catalog must not make mcauthor reach the network)."""
    found = PACKAGE_IMPORT.search(text)
    if found is not None:
        spec = found.group().decode("utf-8", "replace").strip("\"'")
        raise BuildError(
            f"{GUIDE_DIR}/{name} imports the Typst package {spec}; mcauthor never downloads "
            f"packages: copy the files you need into templates/{GUIDE_DIR}/ instead"
        )


@dataclass(frozen=True)
class GuideTask:
    """One guide to render, picklable: what a worker process needs and nothing else."""

    path: str
    kind: str
    data: GuideData
    template_dirs: tuple[str, ...]
    paper: str
    epoch: int | None = None
    counted: bool = True  # a guide of its own (progress counts it), not a part of one


def render_task(task: GuideTask) -> bytes:
    """The worker: render one task (top-level, so a process pool can pickle it)."""
    return render_guide(
        task.kind, task.data, [Path(d) for d in task.template_dirs], task.paper, epoch=task.epoch
    )


def _workers(max_workers: int | None, count: int) -> int:
    return max(1, min(max_workers or os.cpu_count() or 1, count))


def _weight(task: GuideTask) -> int:
    """Roughly how long a task takes: the number of credentials its guide shows."""
    data = task.data
    if task.kind == "stack":
        return len(data.get("credentials", ())) + 1
    if task.kind in ("catalog", "catalog-part"):
        stacks = data.get("stacks", ())
        return sum(len(s.get("credentials", ())) for s in stacks) + len(data.get("unstacked", ()))
    return 1


def _group(task: GuideTask) -> str:
    """Tasks that share a group run one after another in the same worker: a stack's guide
    with the guides of its credentials, so the engine can reuse what it laid out."""
    if task.kind == "stack":
        return "stack:" + str(task.data.get("stack", {}).get("id", task.path))
    if task.kind == "credential":
        stacks = task.data.get("credential", {}).get("stacks", ())
        if stacks:
            return "stack:" + str(stacks[0].get("id", ""))
    return task.path


def _weights(tasks: Sequence[GuideTask], members: list[int]) -> int:
    return sum(_weight(tasks[i]) for i in members)


def _groups(tasks: Sequence[GuideTask]) -> list[list[int]]:
    """The tasks' indexes by group (see :func:`_group`), the heaviest group first; in each
    group the credentials' guides come first, then their stack's."""
    groups: dict[str, list[int]] = {}
    for i, task in enumerate(tasks):
        groups.setdefault(_group(task), []).append(i)
    for members in groups.values():
        members.sort(key=lambda i: (tasks[i].kind == "stack", i))
    return sorted(groups.values(), key=lambda m: -_weights(tasks, m))


def render_group(first: int, tasks: Sequence[GuideTask]) -> list[bytes]:
    """The pool's worker: render tasks in order, each under the worker's budget (see
    :mod:`mcauthor.workers`); ``first`` is the index of the first task in the parent's
    list. Top-level, so the pool can pickle it."""
    from mcauthor import workers

    return [workers.guarded(first + i, render_task, task) for i, task in enumerate(tasks)]


def render_tasks(
    tasks: Sequence[GuideTask],
    max_workers: int | None = None,
    on_done: Callable[[int], None] | None = None,
    limits: Limits | None = None,
) -> list[bytes]:
    """Render tasks in worker processes (one per core by default); results in order.

    - The engine only ever runs in a worker (:mod:`mcauthor.workers`): cut off from the
      network, under the time and memory budget of ``limits``; a guide that goes over it,
      or a PDF over ``guide_mb``, stops the build with a BuildError naming the guide.
    - A stack's guide and its credentials' guides go to one worker together (see
      :func:`_group`), so the engine can reuse layout between them.
    - The longest groups start first, so no long guide is left running alone at the end.
    - A large guide (the catalog's; any of :data:`SOLO_WEIGHT` credentials or more) gets a
      process of its own that ends with it: the engine keeps what it laid out in memory,
      and a worker that kept a whole catalog's layout would be slow for everything after.
    - Each worker's engine runs on one thread per core it stands for (no contention).
    """
    from mcauthor import workers  # processes: imported when there is a guide to render

    if not tasks:
        return []
    limits = limits or Limits()
    count = _workers(max_workers, len(tasks))
    order = _groups(tasks)
    solo = [m for m in order if _weights(tasks, m) >= SOLO_WEIGHT and len(order) > 1]
    shared = [m for m in order if m not in solo]
    # Each group is handed over in its own order; the worker numbers them from here.
    ordered = [tasks[i] for members in order for i in members]
    where = {id(members): sum(len(m) for m in order[:k]) for k, members in enumerate(order)}
    threads = max(1, (os.cpu_count() or 1) // count)
    # The workers' compile roots go in a folder of the parent's, removed here even when a
    # worker is killed half way through a guide (its own clean-up never runs then).
    scratch = tempfile.mkdtemp(prefix="mcauthor-guides-")
    pools = workers.Pools(
        limits.budget("guide"),
        [t.path for t in ordered],
        threads,
        setup=use_scratch,
        setup_args=(scratch,),
    )
    results: list[bytes] = [b""] * len(tasks)
    try:
        futures = []
        for members in solo:
            chunk = [tasks[i] for i in members]
            futures.append((members, pools.pool(1).submit(render_group, where[id(members)], chunk)))
        if shared:
            common = pools.pool(min(count, len(shared)))
            for members in shared:
                chunk = [tasks[i] for i in members]
                futures.append((members, common.submit(render_group, where[id(members)], chunk)))
        owners = {future: members for members, future in futures}
        for future in pools.completed(owners):  # in completion order, for the progress bar
            members = owners[future]
            rendered: list[bytes] = pools.result(future)
            for i, data in zip(members, rendered, strict=True):
                if len(data) > limits.guide_bytes:
                    raise BuildError(
                        f"{tasks[i].path}: the guide is {len(data):,} bytes, more than "
                        f"{limits.guide_bytes:,} (--limit guide_mb=...)"
                    )
                results[i] = data
            if on_done is not None:
                on_done(sum(tasks[i].counted for i in members))
    except BaseException:
        pools.close(failed=True)
        raise
    else:
        pools.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return results


def use_scratch(folder: str) -> None:
    """In a guide worker: make temporary folders in ``folder`` (the parent removes it)."""
    tempfile.tempdir = folder
