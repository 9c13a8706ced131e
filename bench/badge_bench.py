"""Benchmark the drawn badge images against the whole build, in the same run.

    python bench/badge_bench.py [--size 1000] [--repeat 3] [--seed 1] [--guides]

Generates a catalog of ``--size`` credentials (``catalog_gen.py``, which gives no badge
images, so every credential and awarded stack gets a drawn one), then times, alternately:

  A. the badges alone: planning and drawing every badge (SVG and PNG) in this process,
     as a full build does (``mcauthor.badges``), with an empty user cache, so that
     every badge is drawn;
  K. the same with the images kept in the user cache by the run before (what any
     build after the first on this machine pays);
  B. the full build: ``mcauthor build DIR --out SITE --full`` as a subprocess, with the PDF
     guides when ``--guides`` is given (minutes at 1,000 credentials), else ``--no-guides``,
     with an empty user cache each time (a machine's first build, badges drawn).

Prints best and median of each and the ratio A/B. Goal (issue 17): the badges cost at most
0.10 of a full build. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate
from mcauthor import badges
from mcauthor.output import Progress
from mcauthor.prepare import prepare

GOAL = 0.10


def draw_all(root: Path, cache: Path, *, keep: bool = False) -> int:
    """Plan and draw every badge, with ``cache`` as the user cache (emptied unless
    ``keep``). Returns the bytes drawn."""
    if not keep:
        shutil.rmtree(cache, ignore_errors=True)
    os.environ["MCAUTHOR_CACHE_DIR"] = str(cache)
    prepared = prepare(root, guides=False, data=True)
    jobs = badges.render_ahead(badges.plan(prepared), None, Progress())
    return sum(len(job.render()) for job in jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--guides", action="store_true", help="full builds with the PDF guides")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mcauthor-badges-") as tmp:
        work = Path(tmp)
        root = work / "catalog"
        generate(root, args.size, seed=args.seed)
        env = {**os.environ, "MCAUTHOR_CACHE_DIR": str(work / "cache")}
        command = [sys.executable, "-m", "mcauthor", "build", str(root), "--out"]
        command += [str(work / "site"), "--full"] + ([] if args.guides else ["--no-guides"])
        alone: list[float] = []
        kept: list[float] = []
        whole: list[float] = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            size = draw_all(root, work / "badge-cache")
            alone.append(time.perf_counter() - start)
            start = time.perf_counter()
            draw_all(root, work / "badge-cache", keep=True)
            kept.append(time.perf_counter() - start)
            shutil.rmtree(work / "cache", ignore_errors=True)
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            whole.append(time.perf_counter() - start)
    kind = "with guides" if args.guides else "without guides"
    print(f"{args.size:,} credentials, badges {size / 1e6:.1f} MB")
    for label, times in (
        ("A. badges alone (plan + draw)", alone),
        ("K. badges kept (plan + read)", kept),
        (f"B. full build {kind}", whole),
    ):
        best, median = min(times), statistics.median(times)
        print(f"  {label:<32} best {best:7.2f} s, median {median:7.2f} s")
    ratio = statistics.median(alone) / statistics.median(whole)
    print(f"  ratio A/B {ratio:.3f} (goal <= {GOAL}): {'met' if ratio <= GOAL else 'missed'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
