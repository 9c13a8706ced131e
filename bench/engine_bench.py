"""The lint engine behind `mcauthor lsp`: from an edit to its findings, on a generated catalog.

    python bench/engine_bench.py [--size 1000] [--edits 50] [--seed 1]

Generates a catalog, starts an :class:`mcauthor.engine.Engine` on it, then makes
``--edits`` edits of different kinds in editor buffers, one at a time (a title, a
competency that a rule reports, a YAML syntax error, an unknown `requires`, a changed id,
a draft status, a stack's list, a closed buffer), and times each from ``set_text`` to the
new result. In the same run it times a fresh in-process ``lint()`` of the same catalog
(the baseline the engine saves) and a warm ``mcauthor lint`` with nothing changed (the
CLI with its cache, as a subprocess). Prints median and 95th percentile, the ratio to a
fresh lint, and the process's peak memory. Goals (issue 16): median <= 50 ms, p95 <= 150
ms, under 300 MB; warm lint <= 0.25 s. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate
from mcauthor.engine import Engine
from mcauthor.lint import LintOptions, lint

# (what, old, new): edits of a credential's text, as an issuer makes them.
EDITS = (
    ("title", "\ntitle: ", "\ntitle: Edited "),
    ("competency", "\ncompetency: ", "\ncompetency: Understands and values. "),
    ("syntax error", "\nsummary: ", "\nsummary: [unclosed\n"),
    ("unknown requires", "\nversion: ", "\nrequires: [no-such-credential]\nversion: "),
    ("id", "\nid: ", "\nid: renamed-"),
    ("draft", "\nstatus: published", "\nstatus: draft"),
)


def edits(root: Path, count: int) -> list[tuple[str, str, str | None]]:
    """(kind, catalog path, new text or None to close the buffer), in a fixed order."""
    credentials = sorted(p.relative_to(root).as_posix() for p in root.glob("credentials/*.yaml"))
    stacks = sorted(p.relative_to(root).as_posix() for p in root.glob("stacks/*.yaml"))
    out: list[tuple[str, str, str | None]] = []
    for i in range(count):
        if i % 8 == 7:
            out.append(("close", out[-1][1], None))
            continue
        if i % 8 == 6:
            rel = stacks[i % len(stacks)]
            text = (root / rel).read_text("utf-8")
            out.append(("stack", rel, text.replace("credentials:\n", "credentials:\n  - x\n", 1)))
            continue
        kind, old, new = EDITS[i % len(EDITS)]
        rel = credentials[(i * 37) % len(credentials)]
        out.append((kind, rel, (root / rel).read_text("utf-8").replace(old, new, 1)))
    return out


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def arguments(doc: str, argv: list[str] | None) -> argparse.Namespace:
    """--size, --edits and --seed, which this benchmark and lsp_bench.py share."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="credentials (default 1000)")
    parser.add_argument("--edits", type=int, default=50, help="edits to time (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def spread(times: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, argv)
    with tempfile.TemporaryDirectory(prefix="mcauthor-engine-") as tmp:
        root = Path(tmp) / "catalog"
        generate(root, args.size, seed=args.seed)
        engine = Engine(root)
        first = timed(engine.result)
        times: dict[str, list[float]] = {}
        fresh: list[float] = []
        for number, (kind, rel, text) in enumerate(edits(root, args.edits)):
            times.setdefault(kind, []).append(
                timed(lambda rel=rel, text=text: (engine.set_text(rel, text), engine.result()))
            )
            if number % 10 == 0:  # a fresh lint now and then, in the same run
                fresh.append(timed(lambda: lint(root, LintOptions(cache=False))))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        command = ["mcauthor", "lint", str(root), "--format", "json"]
        subprocess.run(command, capture_output=True)  # fills the cache
        warms = [timed(lambda: subprocess.run(command, capture_output=True)) for _ in range(5)]
        warm = statistics.median(warms)
    every = [t for ts in times.values() for t in ts]
    median, p95 = spread(every)
    print(f"{args.size:,} credentials, {len(every)} edits in editor buffers")
    print(f"  first result          {first * 1000:8.1f} ms")
    for kind, ts in times.items():
        print(f"  {kind:<20}  {statistics.median(ts) * 1000:8.1f} ms median of {len(ts)}")
    print(f"  every edit            {median * 1000:8.1f} ms median, {p95 * 1000:.1f} ms p95")
    fresh_median = statistics.median(fresh)
    print(f"  fresh lint()          {fresh_median * 1000:8.1f} ms median of {len(fresh)}")
    print(f"  ratio                 {median / fresh_median:8.3f} (edit / fresh lint)")
    print(f"  peak memory           {rss:8.0f} MB (this process)")
    print(
        f"  warm `mcauthor lint`  {warm * 1000:8.1f} ms median of 5 (best {min(warms) * 1000:.1f}),"
        " nothing changed"
    )
    met = median <= 0.05 and p95 <= 0.15 and rss <= 300 and warm <= 0.25
    print(
        "goals (median <= 50 ms, p95 <= 150 ms, < 300 MB, warm <= 250 ms):",
        "met" if met else "missed",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
