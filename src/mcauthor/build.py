"""`mcauthor build`: prepare the catalog once, plan every output, then write what changed.

The outputs are peers (:data:`OUTPUTS`): the website (:mod:`mcauthor.site`), the data files
(:mod:`mcauthor.export`) and the PDF guides (:mod:`mcauthor.pdf`). Each plans jobs from
the :class:`~mcauthor.prepare.Prepared` catalog; the one writer
(:mod:`mcauthor.output.writer`) stores them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mcauthor import badges, export, pdf, site
from mcauthor.errors import BuildError
from mcauthor.gctune import big_pass
from mcauthor.limits import Limits
from mcauthor.lint import LintResult
from mcauthor.output import Job, Progress, WriteResult
from mcauthor.output.target import output_dir
from mcauthor.output.writer import OutputFolder
from mcauthor.prepare import BuildRefused, Gate, prepare

__all__ = ["OUTPUTS", "BuildError", "BuildRefused", "BuildResult", "build"]

OUTPUTS = (site.OUTPUT, export.OUTPUT, badges.OUTPUT, pdf.OUTPUT)  # in the order they are written


@dataclass(frozen=True)
class BuildResult:
    out: Path
    lint: LintResult
    written: WriteResult
    seconds: float
    notes: tuple[str, ...] = ()  # warnings about the data exports (no base_url, ...)

    def summary(self) -> str:
        w = self.written
        count = {k: w.written.get(k, 0) + w.reused.get(k, 0) for k in {*w.written, *w.reused}}
        parts = [f"{count.pop('page', 0)} pages"]
        if "guide" in count:
            parts.append(f"{count.pop('guide')} PDF guides")
        if "data" in count:
            parts.append(f"{count.pop('data')} data files")
        parts.append(f"{sum(count.values())} other files")
        rendered, reused = sum(w.written.values()), sum(w.reused.values())
        return (
            f"Built {self.out}: {', '.join(parts)} "
            f"({rendered} written, {reused} unchanged) in {self.seconds:.2f} s."
        )


def build(
    start: Path,
    out: Path | None = None,
    *,
    strict: bool = False,
    incremental: bool = True,
    guides: bool = True,
    on_plan: Callable[[int], None] | None = None,
    on_done: Callable[[Job], None] | None = None,
    on_guides: tuple[Callable[[int], None], Callable[[int], None]] | None = None,
    limits: Limits | None = None,
    gate: Gate | None = None,
    csv_bom: bool = True,
    preview: bool = False,
) -> BuildResult:
    """Lint, refuse on errors, then plan every output and write what changed into the
    output folder. ``limits`` is the ceiling of the page and guide budgets (the catalog's
    ``build.limits`` may lower it; see :mod:`mcauthor.limits`). ``gate`` replaces the
    refusal: it sees the lint result and raises to stop the build (`serve` renders
    despite lint errors and only stops for files that cannot be read). ``preview``: the
    build is `serve`'s (served at "/"; assets that cannot be read are left out, as lint
    lists them, instead of stopping the build)."""
    began = time.perf_counter()
    with big_pass():
        prepared = prepare(
            start,
            strict=strict,
            gate=gate,
            cache=incremental,
            guides=guides,
            data=True,
            limits=limits,
            history=True,
        )
        target = output_dir(prepared.catalog, out)
        prepared = replace(prepared, out=target, preview=preview, csv_bom=csv_bom)
        outputs = [o for o in OUTPUTS if guides or o is not pdf.OUTPUT]  # `serve`: no PDFs
        jobs = [job for output in outputs for job in output.plan(prepared)]
        if on_plan is not None:
            on_plan(len(jobs))
        with OutputFolder.open(target) as folder:
            stale = (lambda job: not folder.is_current(job)) if incremental else None
            progress = Progress(*(on_guides or (None, None)))
            for output in outputs:  # pages of a catalog's own templates, the PDF guides
                if output.render_ahead is not None:
                    jobs = output.render_ahead(jobs, stale, progress)
            written = folder.write(
                jobs, epoch=prepared.epoch, incremental=incremental, on_done=on_done
            )
    notes = export.notes(prepared.catalog, build=True)
    return BuildResult(target, prepared.lint, written, time.perf_counter() - began, tuple(notes))
