"""`mcauthor build`: gather everything first (lint, stacks, contexts), then write.

Outputs plug in as functions that turn the gathered :class:`~site.Inputs` into jobs: the
website (``build/site.py``), the data exports (``export/``) and the PDF guides
(``pdf/guides.py``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from mcauthor import placeholders
from mcauthor.build import pipeline
from mcauthor.build.pipeline import CACHE_NAME, BuildError, Job, WriteResult
from mcauthor.build.site import Inputs
from mcauthor.diagnostics import Severity
from mcauthor.gctune import big_pass
from mcauthor.limits import Limits
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.loader import CannotRun
from mcauthor.words import plural

__all__ = ["BuildError", "BuildRefused", "BuildResult", "build"]

# Planned outputs, in order. Each takes the gathered inputs and returns its jobs.
Output = Callable[[Inputs], list[Job]]


class BuildRefused(Exception):
    """Lint found problems at the refusing level; nothing was written."""

    def __init__(self, result: LintResult, strict: bool) -> None:
        super().__init__("lint found problems")
        # The report's verdict is the build's, not the config's lint.fail_on: under
        # --strict it must say "Failed ... (fails on warning)", never "Passed".
        self.result = replace(result, fail_on=self.level(strict))
        self.strict = strict

    @staticmethod
    def level(strict: bool) -> Severity:
        """The lowest severity that stops a build: warnings with ``strict``, else errors."""
        return Severity.WARNING if strict else Severity.ERROR

    def reason(self) -> str:
        """Why: "lint reports errors", or under --strict what it reports, with how many of
        them are placeholders left to fill in."""
        if not self.strict:
            return "lint reports errors"
        counts = [(self.result.count(s), s.value) for s in (Severity.ERROR, Severity.WARNING)]
        reason = "--strict refuses lint warnings as well as errors, and lint reports "
        reason += " and ".join(plural(n, word) for n, word in counts if n)
        number = placeholders.count(d.code for d in self.result.diagnostics)
        if number:
            reason += f", {number} of them placeholders left to fill in ({placeholders.CODE})"
        return reason

    @classmethod
    def check(cls, result: LintResult, strict: bool) -> None:
        """Raise when lint found errors (with ``strict``: errors or warnings)."""
        refuse = cls.level(strict)
        if any(d.severity.rank >= refuse.rank for d in result.diagnostics):
            raise cls(result, strict)


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


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise CannotRun(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}"
        ) from exc


def outside_sources(root: Path, chosen: Path) -> None:
    """Refuse an output folder that is the catalog, contains it, or lies in its sources,
    its cache or a Git repository's own folder (``.git/``)."""
    from mcauthor.cache import FOLDER as CACHE
    from mcauthor.files import link_below

    link = link_below(chosen, root)
    if link is not None:
        raise CannotRun(
            f"the output folder {chosen} leads through a symbolic link in the catalog "
            f"({link}); mcauthor never writes through one"
        )
    resolved = chosen.resolve()
    if resolved == root.resolve() or resolved in root.resolve().parents:
        raise CannotRun(f"the output folder {chosen} would replace the catalog itself")
    for folder in ("credentials", "stacks", "research", "assets", "templates", ".git", CACHE):
        source = (root / folder).resolve()
        if resolved == source or source in resolved.parents:
            raise CannotRun(f"the output folder {chosen} is inside the catalog's {folder}/")
    if ".git" in (p.casefold() for p in resolved.parts):  # the repository around, say
        raise CannotRun(f"the output folder {chosen} is inside a Git repository's .git/")


def output_dir(result: LintResult, out: Path | None) -> Path:
    """--out, else build.out from mcauthor.yaml (relative to the catalog), else site/."""
    root = result.catalog.root.absolute()
    configured = result.catalog.config.build.out
    if out is None and (
        os.path.isabs(configured) or ".." in Path(configured.replace("\\", "/")).parts
    ):
        raise CannotRun(
            f"build.out in mcauthor.yaml ({configured!r}) leads outside the catalog; "
            "give a folder inside it, or build elsewhere with --out"
        )
    chosen = (out if out is not None else root / configured).absolute()
    outside_sources(root, chosen)
    if chosen.is_dir() and any(chosen.iterdir()) and not (chosen / CACHE_NAME).is_file():
        raise CannotRun(
            f"{chosen} is not empty and was not written by mcauthor; "
            "choose another --out or empty it first"
        )
    return chosen


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
    gate: Callable[[LintResult], None] | None = None,
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
    check = gate or partial(BuildRefused.check, strict=strict)
    with big_pass():
        return _build(
            start,
            out,
            check,
            incremental,
            guides,
            on_plan,
            on_done,
            on_guides,
            limits,
            csv_bom,
            preview,
        )


def _build(
    start: Path,
    out: Path | None,
    gate: Callable[[LintResult], None],
    incremental: bool,
    guides: bool,
    on_plan: Callable[[int], None] | None,
    on_done: Callable[[Job], None] | None,
    on_guides: tuple[Callable[[int], None], Callable[[int], None]] | None,
    limits: Limits | None,
    csv_bom: bool = True,
    preview: bool = False,
) -> BuildResult:
    from mcauthor import export
    from mcauthor.build import site
    from mcauthor.build.context import build_date, make_context
    from mcauthor.build.templates import environment, fingerprint
    from mcauthor.pdf import guides as pdf_guides
    from mcauthor.stacks import resolve

    began = time.perf_counter()
    epoch = source_date_epoch()
    result = lint(start, LintOptions(cache=incremental))
    gate(result)
    target = output_dir(result, out)
    catalog = result.catalog
    bounds = (limits or Limits()).lowered(catalog.config.build.limits)
    pathway = resolve(catalog)
    date = build_date(str(epoch) if epoch is not None else None)
    context = make_context(catalog, pathway, date, guides=guides, data=True)
    inputs = Inputs(
        context=context,
        env=environment(catalog.root, out=target),
        # Every page shows the build date and the mcauthor version, and links the guides
        # and data files only when they are built: all part of every key.
        templates=fingerprint(catalog.root, out=target)
        + f"|{context.site.date}|{context.site.generator}|{context.site.guides}"
        + f"|{context.site.data}",
        root=catalog.root,
        out=target,
        limits=bounds,
        preview=preview,
    )
    data = export.Plan(catalog, pathway, result, context.site.date, csv_bom)
    outputs: list[Output] = [site.jobs, lambda _: export.plan(data)]
    if guides:  # `serve` leaves the slow PDF guides out
        outputs.append(partial(pdf_guides.jobs, epoch=epoch))
    jobs = [job for output in outputs for job in output(inputs)]
    if on_plan is not None:
        on_plan(len(jobs))
    with pipeline.Output.open(target) as folder:
        # PDF guides are slow to render one by one: render those that changed on every
        # core first; the writer then only stores their bytes.
        planned, rendered = on_guides or (None, None)
        stale = (lambda job: not folder.is_current(job)) if incremental else None
        # A catalog's own page templates render in worker processes (no-op without them).
        jobs = site.render_in_workers(jobs, stale, inputs)
        jobs = pdf_guides.render_parallel(
            jobs,
            stale,
            on_plan=planned,
            on_done=rendered,
            limits=bounds,
        )
        written = folder.write(jobs, epoch=epoch, incremental=incremental, on_done=on_done)
    seconds = time.perf_counter() - began
    # CTDL's registry notes are for `export --format ctdl`: most catalogs never register.
    notes = export.notes(catalog, ("catalog-json", "openbadges"))
    return BuildResult(target, result, written, seconds, tuple(notes))
