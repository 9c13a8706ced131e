"""Benchmark `mcauthor lint` against yamllint on synthetic catalogs, plus CLI start-up.

    python bench/run.py [--sizes 100,1000] [--repeat 3] [--keep DIR] [--seed 1] [--json FILE]

For each size N it generates a catalog with N credentials and N/5 stacks (see
``catalog_gen.py``), checks that it lints clean, then times, interleaved (A, B, A, B...):

  A. ``mcauthor lint DIR --format json --no-cache`` as a subprocess (the real CLI cost,
     start-up included, with no help from the document cache)
  B. ``yamllint -f parsable -d CONFIG DIR/credentials DIR/stacks`` as a subprocess

and reports the best and median of ``--repeat`` runs. Then it times ``mcauthor --help``
against ``python -c pass`` (best of 5). Goals: lint/yamllint <= 0.08 at 1,000 credentials;
``mcauthor --help`` < 0.25 s. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate

YAMLLINT_CONFIG = "{extends: default, rules: {line-length: disable, document-start: disable}}"
RATIO_GOAL = 0.08  # mcauthor / yamllint, at GOAL_SIZE credentials (issue 12; was 0.15)
GOAL_SIZE = 1000
STARTUP_GOAL = 0.25  # seconds, `mcauthor --help`
STARTUP_REPEAT = 5


@dataclass
class Timing:
    best: float
    median: float
    runs: list[float]

    @classmethod
    def of(cls, runs: list[float]) -> Timing:
        return cls(best=min(runs), median=statistics.median(runs), runs=runs)


@dataclass
class SizeResult:
    credentials: int
    stacks: int
    files: int  # YAML files mcauthor reports (config + credentials + stacks)
    credential_lines: dict[str, float]  # min / mean / max lines per credential file
    catalog_bytes: int
    mcauthor_summary: dict[str, int]  # error / warning / info counts from the JSON report
    mcauthor_codes: dict[str, int]
    yamllint_problems: int
    mcauthor: Timing
    yamllint: Timing
    ratio: float  # best mcauthor / best yamllint
    goal: str = field(default="")  # PASS / MISS at GOAL_SIZE, "" otherwise


def tool(name: str) -> str:
    """The executable next to this interpreter (the venv), else the one on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"bench: `{name}` not found; activate the venv (. .venv/bin/activate)")
    return found


def timed(
    cmd: list[str], ok: tuple[int, ...] = (0, 1)
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``cmd`` and return (seconds, completed process); output is captured, not shown."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"bench: {' '.join(cmd)} exited {proc.returncode}\n{proc.stderr[-2000:]}")
    return elapsed, proc


def prepare(base: Path, n: int, seed: int) -> Path:
    """Generate the catalog for size ``n`` under ``base``, replacing an earlier one."""
    root = base / f"catalog-{n}"
    config = root / "mcauthor.yaml"
    if root.exists():
        if not config.exists() or "bench-catalog-" not in config.read_text(encoding="utf-8"):
            sys.exit(f"bench: {root} exists and is not a generated catalog; not touching it")
        shutil.rmtree(root)
    generate(root, n, seed)
    return root


def line_stats(root: Path) -> tuple[dict[str, float], int]:
    counts = [
        p.read_text(encoding="utf-8").count("\n") for p in (root / "credentials").glob("*.yaml")
    ]
    size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
    stats = {"min": min(counts), "mean": round(statistics.mean(counts), 1), "max": max(counts)}
    return stats, size


def bench_size(root: Path, n: int, repeat: int, mcauthor: str, yamllint: str) -> SizeResult:
    # --no-cache: every run reads and checks every file, as on a fresh CI checkout; the
    # warm-cache figure (what an author sees while editing) is in build_bench.py.
    lint_cmd = [mcauthor, "lint", str(root), "--format", "json", "--no-cache"]
    yl_cmd = [yamllint, "-f", "parsable", "-d", YAMLLINT_CONFIG]
    yl_cmd += [str(root / "credentials"), str(root / "stacks")]
    # Warm-up run of each (fills the page cache, writes .pyc files) doubles as validation.
    _, proc = timed(lint_cmd)
    report = json.loads(proc.stdout)
    codes = Counter(d["code"] for d in report["diagnostics"])
    _, yproc = timed(yl_cmd)
    yl_problems = [line for line in yproc.stdout.splitlines() if line.strip()]

    lint_runs: list[float] = []
    yl_runs: list[float] = []
    for _ in range(repeat):  # interleaved so drift (thermal, other load) hits both alike
        lint_runs.append(timed(lint_cmd)[0])
        yl_runs.append(timed(yl_cmd)[0])
    lines, size = line_stats(root)
    a, b = Timing.of(lint_runs), Timing.of(yl_runs)
    ratio = a.best / b.best
    return SizeResult(
        credentials=n,
        stacks=len(list((root / "stacks").glob("*.yaml"))),
        files=report["summary"]["files"],
        credential_lines=lines,
        catalog_bytes=size,
        mcauthor_summary={k: report["summary"][k] for k in ("error", "warning", "info")},
        mcauthor_codes=dict(sorted(codes.items())),
        yamllint_problems=len(yl_problems),
        mcauthor=a,
        yamllint=b,
        ratio=ratio,
        goal=("PASS" if ratio <= RATIO_GOAL else "MISS") if n == GOAL_SIZE else "",
    )


def bench_startup(mcauthor: str) -> dict[str, Any]:
    help_runs: list[float] = []
    base_runs: list[float] = []
    timed([mcauthor, "--help"], ok=(0,))  # warm-up
    for _ in range(STARTUP_REPEAT):
        base_runs.append(timed([sys.executable, "-c", "pass"], ok=(0,))[0])
        help_runs.append(timed([mcauthor, "--help"], ok=(0,))[0])
    h, p = Timing.of(help_runs), Timing.of(base_runs)
    return {
        "mcauthor_help": asdict(h),
        "python_pass": asdict(p),
        "difference": h.best - p.best,
        "goal_seconds": STARTUP_GOAL,
        "goal": "PASS" if h.best < STARTUP_GOAL else "MISS",
    }


def versions(mcauthor: str, yamllint: str) -> dict[str, str]:
    import yaml

    def out(cmd: list[str]) -> str:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "mcauthor": out([mcauthor, "--version"]).removeprefix("mcauthor "),
        "yamllint": out([yamllint, "--version"]).removeprefix("yamllint "),
        "pyyaml": yaml.__version__,
        "libyaml": str(getattr(yaml, "__with_libyaml__", False)),
    }


def print_report(results: list[SizeResult], startup: dict[str, Any], repeat: int) -> None:
    print()
    print(f"mcauthor lint vs yamllint: best of {repeat} (median), seconds, interleaved runs")
    head = f"{'size':>6} {'files':>6} {'mcauthor s':>18} {'yamllint s':>18} {'ratio':>7}  goal"
    print(head)
    print("-" * len(head))
    for r in results:
        a = f"{r.mcauthor.best:.3f} ({r.mcauthor.median:.3f})"
        b = f"{r.yamllint.best:.3f} ({r.yamllint.median:.3f})"
        goal = f"<= {RATIO_GOAL} {r.goal}" if r.goal else "-"
        print(f"{r.credentials:>6} {r.files:>6} {a:>18} {b:>18} {r.ratio:>7.3f}  {goal}")
    if not any(r.credentials == GOAL_SIZE for r in results):
        print(f"goal (ratio <= {RATIO_GOAL} at {GOAL_SIZE:,} credentials): not measured")
    print()
    h, p = startup["mcauthor_help"], startup["python_pass"]
    print(f"start-up: best of {STARTUP_REPEAT} (median), seconds")
    print(f"  mcauthor --help   {h['best']:.3f} ({h['median']:.3f})")
    print(f"  python -c pass    {p['best']:.3f} ({p['median']:.3f})")
    print(f"  difference        {startup['difference']:.3f}")
    print(f"  goal              < {STARTUP_GOAL} s absolute: {startup['goal']}")


def print_validation(r: SizeResult) -> None:
    s = r.mcauthor_summary
    lines = r.credential_lines
    print(
        f"catalog-{r.credentials}: {r.credentials} credentials, {r.stacks} stacks, "
        f"{r.catalog_bytes / 1e6:.1f} MB, credential files {lines['min']:.0f}-{lines['max']:.0f}"
        f" lines (mean {lines['mean']}); mcauthor: {s['error']} errors, {s['warning']} "
        f"warnings, {s['info']} info; yamllint: {r.yamllint_problems} problems"
    )
    if r.mcauthor_codes:
        print(f"  WARNING: generated catalog is not clean: {r.mcauthor_codes}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="credential counts (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--keep", type=Path, help="generate catalogs here and keep them")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes must be comma-separated integers")
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("sizes and --repeat must be positive")

    mcauthor, yamllint = tool("mcauthor"), tool("yamllint")
    env = versions(mcauthor, yamllint)
    print(" | ".join(f"{k} {v}" for k, v in env.items()))

    with tempfile.TemporaryDirectory(prefix="mcauthor-bench-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        results = []
        for n in sizes:
            start = time.perf_counter()
            root = prepare(base, n, args.seed)
            gen = time.perf_counter() - start
            print(f"generated {root} in {gen:.2f} s; timing...", flush=True)
            result = bench_size(root, n, args.repeat, mcauthor, yamllint)
            print_validation(result)
            results.append(result)
        startup = bench_startup(mcauthor)

    print_report(results, startup, args.repeat)
    if args.json:
        data = {
            "environment": env,
            "seed": args.seed,
            "repeat": args.repeat,
            "yamllint_config": YAMLLINT_CONFIG,
            "ratio_goal": {"max_ratio": RATIO_GOAL, "at_credentials": GOAL_SIZE},
            "lint": [asdict(r) for r in results],
            "startup": startup,
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
