"""Benchmark `mcauthor build` on a generated catalog: full build, one-file rebuild, lint floor.

    python bench/build_bench.py [--size 1000] [--repeat 3] [--seed 1] [--keep DIR]
                                [--json FILE] [--profile] [--top 25]

It generates a catalog with ``--size`` credentials (``catalog_gen.py``), then times, as
subprocesses and interleaved so that drift in machine load hits every command alike:

  A. full build:   ``mcauthor build DIR --out OUT --full``
  B. rebuild:      change one credential's summary, then ``mcauthor build DIR --out OUT``
  C. no-op build:  ``mcauthor build DIR --out OUT`` with nothing changed
  D. lint (warm):  ``mcauthor lint DIR --format json`` (the floor every rebuild pays)
  E. lint (cold):  ``mcauthor lint DIR --format json --no-cache`` (what ``--full`` pays)

Goals: full build <= 5 ms per HTML page; rebuild <= 0.1 x full build. ``--profile`` adds
a cProfile (top ``--top`` by cumulative time) of one in-process rebuild after a one-file
edit. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate

MS_PER_PAGE_GOAL = 5.0  # full build, milliseconds per HTML page
REBUILD_RATIO_GOAL = 0.1  # one-file rebuild / full build
SUMMARY = re.compile(r"\((\d+) written, (\d+) unchanged\)")


@dataclass
class Timing:
    best: float
    median: float
    runs: list[float]

    @classmethod
    def of(cls, runs: list[float]) -> Timing:
        return cls(best=min(runs), median=statistics.median(runs), runs=runs)

    def cell(self) -> str:
        return f"{self.best:.3f} ({self.median:.3f})"


def tool(name: str) -> str:
    """The executable next to this interpreter (the venv), else the one on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"bench: `{name}` not found; activate the venv (. .venv/bin/activate)")
    return found


def timed(cmd: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, str]:
    """Run ``cmd``; return (seconds, stdout). Exits the benchmark if the command fails."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"bench: {' '.join(cmd)} exited {proc.returncode}\n{proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def written(stdout: str) -> tuple[int, int]:
    """(files written, files unchanged) from the build's summary line."""
    match = SUMMARY.search(stdout)
    if match is None:
        sys.exit(f"bench: no summary line in the build output:\n{stdout}")
    return int(match.group(1)), int(match.group(2))


def prepare(base: Path, n: int, seed: int) -> Path:
    """Generate the catalog under ``base``, replacing an earlier generated one."""
    root = base / f"catalog-{n}"
    config = root / "mcauthor.yaml"
    if root.exists():
        if not config.exists() or "bench-catalog-" not in config.read_text(encoding="utf-8"):
            sys.exit(f"bench: {root} exists and is not a generated catalog; not touching it")
        shutil.rmtree(root)
    generate(root, n, seed)
    return root


class Editor:
    """Changes one credential's summary to a new text each time."""

    def __init__(self, root: Path) -> None:
        files = sorted((root / "credentials").glob("*.yaml"))
        self.path = files[len(files) // 2]
        self.original = self.path.read_text(encoding="utf-8")
        if len(re.findall(r"^summary: ", self.original, flags=re.M)) != 1:
            sys.exit(f"bench: {self.path} has no single top-level summary line")
        self.count = 0

    def edit(self) -> None:
        self.count += 1
        text = re.sub(
            r"^summary: .*$",
            f"summary: Edited for the rebuild benchmark, round {self.count}.",
            self.original,
            count=1,
            flags=re.M,
        )
        self.path.write_text(text, encoding="utf-8")


@dataclass
class Result:
    credentials: int
    stacks: int
    pages: int  # HTML pages in the output
    files: int  # every file the build writes
    rebuild_written: int  # files the one-file rebuild rendered
    full: Timing
    rebuild: Timing
    noop: Timing
    lint_warm: Timing
    lint_cold: Timing
    ms_per_page: float
    ratio: float  # best rebuild / best full
    floor_share: float  # best warm lint / best rebuild
    goal_ms_per_page: str
    goal_ratio: str


def bench(root: Path, out: Path, repeat: int, mcauthor: str) -> Result:
    full_cmd = [mcauthor, "build", str(root), "--out", str(out), "--full"]
    build_cmd = [mcauthor, "build", str(root), "--out", str(out)]
    lint_cmd = [mcauthor, "lint", str(root), "--format", "json"]
    cold_cmd = [*lint_cmd, "--no-cache"]
    editor = Editor(root)

    # Warm-up (page cache, .pyc files, lint cache) doubles as validation.
    _, report = timed(lint_cmd)
    summary = json.loads(report)["summary"]
    if summary["error"] or summary["warning"]:
        sys.exit(f"bench: the generated catalog does not lint clean: {summary}")
    timed(full_cmd)
    pages = sum(1 for _ in out.rglob("*.html"))
    files = sum(1 for p in out.rglob("*") if p.is_file()) - 1  # without the cache file

    full: list[float] = []
    rebuild: list[float] = []
    noop: list[float] = []
    warm: list[float] = []
    cold: list[float] = []
    rebuild_written = 0
    try:
        for _ in range(repeat):
            seconds, stdout = timed(full_cmd)
            full.append(seconds)
            if written(stdout) != (files, 0):
                sys.exit(f"bench: --full did not render every file: {stdout.strip()}")
            editor.edit()
            seconds, stdout = timed(build_cmd)
            rebuild.append(seconds)
            rebuild_written = written(stdout)[0]
            seconds, stdout = timed(build_cmd)
            noop.append(seconds)
            if written(stdout)[0] != 0:
                sys.exit(f"bench: a build with nothing changed rendered files: {stdout.strip()}")
            warm.append(timed(lint_cmd)[0])
            cold.append(timed(cold_cmd)[0])
    finally:
        editor.path.write_text(editor.original, encoding="utf-8")

    f, r = Timing.of(full), Timing.of(rebuild)
    ms_per_page = f.best * 1000 / pages
    ratio = r.best / f.best
    lint_warm = Timing.of(warm)
    return Result(
        credentials=len(list((root / "credentials").glob("*.yaml"))),
        stacks=len(list((root / "stacks").glob("*.yaml"))),
        pages=pages,
        files=files,
        rebuild_written=rebuild_written,
        full=f,
        rebuild=r,
        noop=Timing.of(noop),
        lint_warm=lint_warm,
        lint_cold=Timing.of(cold),
        ms_per_page=ms_per_page,
        ratio=ratio,
        floor_share=lint_warm.best / r.best,
        goal_ms_per_page="PASS" if ms_per_page <= MS_PER_PAGE_GOAL else "MISS",
        goal_ratio="PASS" if ratio <= REBUILD_RATIO_GOAL else "MISS",
    )


def profile_rebuild(root: Path, out: Path, top: int, dump: Path | None) -> None:
    """cProfile of one in-process rebuild after a one-file edit (imports excluded)."""
    from mcauthor.build import build

    os.environ.pop("SOURCE_DATE_EPOCH", None)
    editor = Editor(root)
    build(root, out)  # in-process warm-up: the imports and lru caches of a CLI run
    editor.edit()
    profiler = cProfile.Profile()
    try:
        start = time.perf_counter()
        profiler.enable()
        result = build(root, out)
        profiler.disable()
        elapsed = time.perf_counter() - start
    finally:
        editor.path.write_text(editor.original, encoding="utf-8")
    print()
    print(
        f"profile: one in-process rebuild after editing {editor.path.name}: "
        f"{len(result.written.rendered_paths)} files rendered, {elapsed:.3f} s under cProfile"
    )
    if dump:
        profiler.dump_stats(dump)
    pstats.Stats(profiler).strip_dirs().sort_stats("cumtime").print_stats(top)


def versions(mcauthor: str) -> dict[str, str]:
    import jinja2
    import yaml

    proc = subprocess.run([mcauthor, "--version"], capture_output=True, text=True, check=False)
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "mcauthor": proc.stdout.strip().removeprefix("mcauthor "),
        "jinja2": jinja2.__version__,
        "pyyaml": yaml.__version__,
        "libyaml": str(getattr(yaml, "__with_libyaml__", False)),
    }


def print_report(r: Result, repeat: int) -> None:
    print()
    print(
        f"mcauthor build, {r.credentials} credentials, {r.stacks} stacks: {r.pages} HTML pages, "
        f"{r.files} files; best of {repeat} (median), seconds, interleaved runs"
    )
    rows = [
        ("full build (--full)", r.full, f"{r.ms_per_page:.2f} ms/page"),
        (
            "one-file rebuild",
            r.rebuild,
            f"{r.ratio:.3f} x full, {r.rebuild_written} files written",
        ),
        ("no-op build", r.noop, f"{r.noop.best / r.full.best:.3f} x full"),
        ("lint (warm cache)", r.lint_warm, f"{r.floor_share:.0%} of the rebuild"),
        ("lint --no-cache", r.lint_cold, f"{r.lint_cold.best / r.full.best:.0%} of the full build"),
    ]
    head = f"{'':<22}{'seconds':>16}  note"
    print(head)
    print("-" * 72)
    for name, timing, note in rows:
        print(f"{name:<22}{timing.cell():>16}  {note}")
    print()
    print(f"goal: full build <= {MS_PER_PAGE_GOAL} ms/page: {r.goal_ms_per_page}")
    print(f"goal: one-file rebuild <= {REBUILD_RATIO_GOAL} x full: {r.goal_ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="credentials (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs each (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--keep", type=Path, help="generate the catalog and site here; keep them")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--profile", action="store_true", help="cProfile one in-process rebuild")
    parser.add_argument("--top", type=int, default=25, help="profile lines (default 25)")
    parser.add_argument("--profile-out", type=Path, help="dump the raw profile here")
    args = parser.parse_args(argv)
    if args.size < 1 or args.repeat < 1:
        parser.error("--size and --repeat must be positive")

    mcauthor = tool("mcauthor")
    env = versions(mcauthor)
    print(" | ".join(f"{k} {v}" for k, v in env.items()))

    with tempfile.TemporaryDirectory(prefix="mcauthor-build-bench-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        root = prepare(base, args.size, args.seed)
        out = base / f"site-{args.size}"
        if out.exists():
            if not (out / ".mcauthor-cache.json").exists():
                sys.exit(f"bench: {out} exists and was not written by mcauthor; not touching it")
            shutil.rmtree(out)
        print(f"generated {root} in {time.perf_counter() - start:.2f} s; timing...", flush=True)
        result = bench(root, out, args.repeat, mcauthor)
        print_report(result, args.repeat)
        if args.profile:
            profile_rebuild(root, out, args.top, args.profile_out)

    if args.json:
        data = {
            "environment": env,
            "seed": args.seed,
            "repeat": args.repeat,
            "goals": {"ms_per_page": MS_PER_PAGE_GOAL, "rebuild_ratio": REBUILD_RATIO_GOAL},
            "build": asdict(result),
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
