"""Benchmark `mcauthor build` on a generated catalog: HTML-only and full builds, rebuilds, lint.

    python bench/build_bench.py [--size 1000] [--repeat 3] [--seed 1] [--guides]
                                [--keep DIR] [--json FILE] [--profile] [--top 25]

It generates a catalog with ``--size`` credentials (``catalog_gen.py``), then times, as
subprocesses and interleaved so that drift in machine load hits every command alike:

  A. HTML full build:  ``mcauthor build DIR --out SITE --full --no-guides``
  B. HTML rebuild:     change one credential's summary, then the same without ``--full``
  C. HTML no-op:       the same with nothing changed
  D. lint (warm):      ``mcauthor lint DIR --format json`` (the floor every rebuild pays)
  E. lint (cold):      ``mcauthor lint DIR --format json --no-cache`` (what ``--full`` pays)

With ``--guides``, into a second output folder (the PDF guides take minutes at 1,000):

  F. full build:       ``mcauthor build DIR --out SITE-guides --full`` (site, guides, data)
  G. rebuild:          the same edit as B, then the same without ``--full``

Goals: HTML full build <= 5 ms per page; HTML rebuild <= 0.1 x the HTML full build; with
guides, the full build <= 60 s and the rebuild <= 3 s and <= 0.05 x the full build.
``--profile`` adds a cProfile (top ``--top`` by cumulative time) of one in-process HTML
rebuild after a one-file edit. The builds use a cache folder of their own
(``MCAUTHOR_CACHE_DIR`` in the work folder). Not part of the test suite.
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
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate

MS_PER_PAGE_GOAL = 5.0  # HTML full build, milliseconds per HTML page
REBUILD_RATIO_GOAL = 0.1  # HTML rebuild / HTML full build
GUIDES_FULL_GOAL = 60.0  # seconds, full build with guides
GUIDES_REBUILD_GOAL = 3.0  # seconds, one-edit rebuild with guides
GUIDES_RATIO_GOAL = 0.05  # rebuild with guides / full build with guides
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


def fresh_output(out: Path) -> None:
    """Remove an earlier build's output folder; refuse any other folder."""
    if out.exists():
        if not (out / ".mcauthor-cache.json").exists():
            sys.exit(f"bench: {out} exists and was not written by mcauthor; not touching it")
        shutil.rmtree(out)


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
class Builds:
    """The commands of one benchmark, and what their warm-up builds wrote."""

    mcauthor: str
    root: Path
    out: Path
    guides: bool
    files: dict[str, int] = field(default_factory=dict)  # files of a full build, by kind
    pages: int = 0
    runs: dict[str, list[float]] = field(default_factory=dict)
    rebuild_written: dict[str, int] = field(default_factory=dict)

    def output(self, kind: str) -> Path:
        """``kind`` "html" (no guides) builds into OUT, "guides" (everything) into OUT-guides."""
        return self.out if kind == "html" else self.out.with_name(f"{self.out.name}-guides")

    def build(self, kind: str, full: bool) -> list[str]:
        cmd = [self.mcauthor, "build", str(self.root), "--out", str(self.output(kind))]
        return cmd + (["--full"] if full else []) + (["--no-guides"] if kind == "html" else [])

    def lint(self, cache: bool) -> list[str]:
        cmd = [self.mcauthor, "lint", str(self.root), "--format", "json"]
        return cmd if cache else [*cmd, "--no-cache"]

    def kinds(self) -> list[str]:
        return ["html", "guides"] if self.guides else ["html"]

    def warm_up(self) -> None:
        """Page cache, .pyc files, the lint cache and a first build of each kind; checks
        that the catalog lints clean and counts what a full build writes."""
        _, report = timed(self.lint(cache=True))
        summary = json.loads(report)["summary"]
        if summary["error"] or summary["warning"]:
            sys.exit(f"bench: the generated catalog does not lint clean: {summary}")
        for kind in self.kinds():
            _, stdout = timed(self.build(kind, full=True))
            self.files[kind] = sum(written(stdout))
        self.pages = sum(1 for _ in self.out.rglob("*.html"))

    def time(self, name: str, cmd: list[str]) -> str:
        seconds, stdout = timed(cmd)
        self.runs.setdefault(name, []).append(seconds)
        return stdout

    def round(self, editor: Editor) -> None:
        """One timed run of every command, in the same order each round."""
        for kind in self.kinds():
            stdout = self.time(f"full {kind}", self.build(kind, full=True))
            if written(stdout) != (self.files[kind], 0):
                sys.exit(f"bench: --full did not render every file: {stdout.strip()}")
        editor.edit()
        for kind in self.kinds():
            stdout = self.time(f"rebuild {kind}", self.build(kind, full=False))
            self.rebuild_written[kind] = written(stdout)[0]
        stdout = self.time("no-op html", self.build("html", full=False))
        if written(stdout)[0] != 0:
            sys.exit(f"bench: a build with nothing changed rendered files: {stdout.strip()}")
        self.time("lint warm", self.lint(cache=True))
        self.time("lint cold", self.lint(cache=False))


@dataclass
class Result:
    credentials: int
    stacks: int
    pages: int  # HTML pages in the output
    files: dict[str, int]  # every file a full build writes, by kind ("html", "guides")
    rebuild_written: dict[str, int]  # files the one-file rebuild rendered, by kind
    timings: dict[str, Timing]
    ms_per_page: float
    goals: dict[str, bool]  # "goal: ..." text -> met


def ratio(timings: dict[str, Timing], part: str, whole: str) -> float:
    return timings[part].best / timings[whole].best


def goals(timings: dict[str, Timing], ms_per_page: float) -> dict[str, bool]:
    met = {
        f"HTML full build <= {MS_PER_PAGE_GOAL} ms/page": ms_per_page <= MS_PER_PAGE_GOAL,
        f"HTML rebuild <= {REBUILD_RATIO_GOAL} x HTML full build": ratio(
            timings, "rebuild html", "full html"
        )
        <= REBUILD_RATIO_GOAL,
    }
    if "full guides" in timings:
        full, rebuild = timings["full guides"].best, timings["rebuild guides"].best
        met[f"full build with guides <= {GUIDES_FULL_GOAL:.0f} s"] = full <= GUIDES_FULL_GOAL
        met[f"rebuild with guides <= {GUIDES_REBUILD_GOAL:.0f} s"] = rebuild <= GUIDES_REBUILD_GOAL
        met[f"rebuild with guides <= {GUIDES_RATIO_GOAL} x full build with guides"] = (
            rebuild / full <= GUIDES_RATIO_GOAL
        )
    return met


def bench(builds: Builds, repeat: int) -> Result:
    editor = Editor(builds.root)
    builds.warm_up()
    try:
        for _ in range(repeat):
            builds.round(editor)
    finally:
        editor.path.write_text(editor.original, encoding="utf-8")
    timings = {name: Timing.of(runs) for name, runs in builds.runs.items()}
    ms_per_page = timings["full html"].best * 1000 / builds.pages
    return Result(
        credentials=len(list((builds.root / "credentials").glob("*.yaml"))),
        stacks=len(list((builds.root / "stacks").glob("*.yaml"))),
        pages=builds.pages,
        files=builds.files,
        rebuild_written=builds.rebuild_written,
        timings=timings,
        ms_per_page=ms_per_page,
        goals=goals(timings, ms_per_page),
    )


def profile_rebuild(root: Path, out: Path, top: int, dump: Path | None) -> None:
    """cProfile of one in-process HTML rebuild after a one-file edit (imports excluded)."""
    from mcauthor.build import build

    os.environ.pop("SOURCE_DATE_EPOCH", None)
    editor = Editor(root)
    build(root, out, guides=False)  # in-process warm-up: the imports and lru caches
    editor.edit()
    profiler = cProfile.Profile()
    try:
        start = time.perf_counter()
        profiler.enable()
        result = build(root, out, guides=False)
        profiler.disable()
        elapsed = time.perf_counter() - start
    finally:
        editor.path.write_text(editor.original, encoding="utf-8")
    print()
    print(
        f"profile: one in-process HTML rebuild after editing {editor.path.name}: "
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


def notes(r: Result) -> dict[str, str]:
    """The note column of each row."""
    t = r.timings
    found = {
        "full html": f"{r.ms_per_page:.2f} ms/page",
        "rebuild html": f"{ratio(t, 'rebuild html', 'full html'):.3f} x full, "
        f"{r.rebuild_written['html']} files written",
        "no-op html": f"{ratio(t, 'no-op html', 'full html'):.3f} x full",
        "lint warm": f"{ratio(t, 'lint warm', 'rebuild html'):.0%} of the HTML rebuild",
        "lint cold": f"{ratio(t, 'lint cold', 'full html'):.0%} of the HTML full build",
    }
    if "full guides" in t:
        found["full guides"] = f"{r.files['guides']} files"
        found["rebuild guides"] = (
            f"{ratio(t, 'rebuild guides', 'full guides'):.3f} x full, "
            f"{r.rebuild_written['guides']} files written"
        )
    return found


ROWS = {
    "full html": "HTML full build",
    "rebuild html": "HTML one-file rebuild",
    "no-op html": "HTML no-op build",
    "full guides": "full build, guides",
    "rebuild guides": "rebuild, guides",
    "lint warm": "lint (warm cache)",
    "lint cold": "lint --no-cache",
}


def print_report(r: Result, repeat: int) -> None:
    print()
    print(
        f"mcauthor build, {r.credentials} credentials, {r.stacks} stacks: {r.pages} HTML pages, "
        f"{r.files['html']} files without guides; best of {repeat} (median), seconds, "
        "interleaved runs"
    )
    print(f"{'':<24}{'seconds':>18}  note")
    print("-" * 76)
    row_notes = notes(r)
    for name, label in ROWS.items():
        if name in r.timings:
            print(f"{label:<24}{r.timings[name].cell():>18}  {row_notes[name]}")
    print()
    for goal, met in r.goals.items():
        print(f"goal: {goal}: {'PASS' if met else 'MISS'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="credentials (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs each (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--guides", action="store_true", help="also time builds with guides")
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
        os.environ["MCAUTHOR_CACHE_DIR"] = str(base / "cache")  # for the subprocesses too
        start = time.perf_counter()
        root = prepare(base, args.size, args.seed)
        builds = Builds(mcauthor, root, base / f"site-{args.size}", args.guides)
        for kind in builds.kinds():
            fresh_output(builds.output(kind))
        print(f"generated {root} in {time.perf_counter() - start:.2f} s; timing...", flush=True)
        result = bench(builds, args.repeat)
        print_report(result, args.repeat)
        if args.profile:
            profile_rebuild(root, builds.out, args.top, args.profile_out)

    if args.json:
        data = {
            "environment": env,
            "seed": args.seed,
            "repeat": args.repeat,
            "build": asdict(result),
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
