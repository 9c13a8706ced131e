"""How mcauthor scales: time and peak memory of each command at 100, 1,000 and 10,000 credentials.

    python bench/scale.py [--sizes 100,1000,10000] [--guides] [--repeat 1] [--timeout 3600]
                          [--seed 1] [--keep DIR] [--json FILE]

For each size it generates a catalog (``catalog_gen.py``) and runs these commands, each in a
fresh process, in this order, ``--repeat`` rounds (best time, highest peak):

  cold lint       ``mcauthor lint DIR --format json --no-cache``
  warm lint       ``mcauthor lint DIR --format json``, after an untimed one that fills the cache
  full build      ``mcauthor build DIR --out SITE --full --no-guides``
  one-edit build  change one credential's summary, then the full build's command without
                  ``--full``
  full + guides   ``mcauthor build DIR --out SITE-guides --full``, only with ``--guides`` (the
                  PDF guides of 10,000 credentials take a long time)

Peak memory is the ``ru_maxrss`` that ``wait4`` reports for the command: the largest resident
set of any one process of its tree (mcauthor, or a worker it waited for), not their sum.
Then, per command, the growth of time and of peak memory from each size to the next; the
goal (issue 15) is at most 1.1 x the growth of the catalog (11 x from 1,000 to 10,000),
and at 10,000 credentials a cold lint under 500 MB and a full build with guides under 8 GiB.

A command that fails, or runs over ``--timeout`` seconds (then its process group is
killed), is reported as such, and the next one runs. Each size has its own cache folder
(``MCAUTHOR_CACHE_DIR``). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_bench import Editor, fresh_output, prepare, tool, versions

COMMANDS = ["cold lint", "warm lint", "full build", "one-edit build", "full + guides"]
GROWTH_SLACK = 1.1  # a command may grow at most 1.1 x as fast as the catalog
ABSOLUTE_GOALS = {  # (command, size): the highest peak allowed, bytes
    ("cold lint", 10_000): 500 * 10**6,
    ("full + guides", 10_000): 8 * 2**30,
}
MIB = 2**20


@dataclass
class Run:
    """One command's run: its time and peak memory, or why it has none."""

    status: str  # "ok", "exit N", "signal N" or "timeout"
    seconds: float
    peak: int  # bytes


def measure(cmd: list[str], env: dict[str, str], timeout: float, ok: tuple[int, ...]) -> Run:
    """Run ``cmd`` in a new session; its own wait4 gives the tree's largest process."""
    killed = threading.Event()

    def kill(pid: int) -> None:
        killed.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)  # the command and every worker it started

    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    timer = threading.Timer(timeout, kill, (proc.pid,))
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    seconds = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    # ru_maxrss is in kibibytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    if killed.is_set():
        return Run("timeout", seconds, peak)
    if code in ok:
        return Run("ok", seconds, peak)
    return Run(f"exit {code}" if code > 0 else f"signal {-code}", seconds, peak)


@dataclass
class Measured:
    """Every run of one command at one size, and the figures reported for it."""

    runs: list[Run] = field(default_factory=list)

    @property
    def status(self) -> str:
        failed = [r.status for r in self.runs if r.status != "ok"]
        return failed[0] if failed else "ok"

    @property
    def seconds(self) -> float | None:
        return min(r.seconds for r in self.runs) if self.status == "ok" else None

    @property
    def peak(self) -> int | None:
        return max(r.peak for r in self.runs) if self.status == "ok" else None

    def summary(self) -> dict[str, object]:
        runs = [asdict(r) for r in self.runs]
        return {
            "status": self.status,
            "seconds": self.seconds,
            "peak_bytes": self.peak,
            "runs": runs,
        }


class Size:
    """One generated catalog and its commands."""

    def __init__(self, mcauthor: str, base: Path, n: int, seed: int, timeout: float) -> None:
        self.n = n
        self.root = prepare(base, n, seed)
        self.site = base / f"site-{n}"
        self.guides_site = base / f"site-{n}-guides"
        for out in (self.site, self.guides_site):
            fresh_output(out)
        self.mcauthor = mcauthor
        self.timeout = timeout
        self.env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        self.env["MCAUTHOR_CACHE_DIR"] = str(base / f"cache-{n}")
        self.results = {name: Measured() for name in COMMANDS}

    def run(self, *args: str) -> Run:
        ok = (0, 1) if args[0] == "lint" else (0,)  # lint's 1: findings, not a failure
        return measure([self.mcauthor, *args], self.env, self.timeout, ok)

    def round(self, guides: bool, editor: Editor) -> None:
        lint = ["lint", str(self.root), "--format", "json"]
        build = ["build", str(self.root), "--out", str(self.site), "--no-guides"]
        runs = self.results
        runs["cold lint"].runs.append(self.run(*lint, "--no-cache"))
        self.run(*lint)  # untimed: fills the cache
        runs["warm lint"].runs.append(self.run(*lint))
        runs["full build"].runs.append(self.run(*build, "--full"))
        editor.edit()
        runs["one-edit build"].runs.append(self.run(*build))
        if guides:
            full = ["build", str(self.root), "--out", str(self.guides_site), "--full"]
            runs["full + guides"].runs.append(self.run(*full))

    def measure_all(self, guides: bool, repeat: int) -> None:
        editor = Editor(self.root)
        try:
            for _ in range(repeat):
                self.round(guides, editor)
        finally:
            editor.path.write_text(editor.original, encoding="utf-8")
        if not guides:
            del self.results["full + guides"]
        for name, measured in self.results.items():
            print(f"  {self.n:>6}  {name:<15} {cell(measured)}", flush=True)


def cell(m: Measured) -> str:
    if m.seconds is None or m.peak is None:
        return f"{m.status:>19}"
    return f"{m.seconds:>8.2f} s {m.peak / MIB:>6.0f} MiB"


def growth(small: Size, large: Size) -> dict[str, dict[str, float | None]]:
    """Per command, how many times the time and the peak grew from ``small`` to ``large``."""
    found: dict[str, dict[str, float | None]] = {}
    for name, measured in large.results.items():
        before = small.results.get(name)
        pairs = {
            "time": (before.seconds if before else None, measured.seconds),
            "memory": (before.peak if before else None, measured.peak),
        }
        found[name] = {k: (b / a if a and b else None) for k, (a, b) in pairs.items()}
    return found


def goals(sizes: list[Size]) -> dict[str, bool]:
    met: dict[str, bool] = {}
    for small, large in itertools.pairwise(sizes):
        limit = GROWTH_SLACK * large.n / small.n
        for name, grew in growth(small, large).items():
            for what, times in grew.items():
                text = f"{name}, {what} growth {small.n:,} -> {large.n:,} <= {limit:.3g} x"
                met[text] = times is not None and times <= limit
    for size in sizes:
        for name, measured in size.results.items():
            highest = ABSOLUTE_GOALS.get((name, size.n))
            if highest is not None:
                text = f"{name} at {size.n:,}: peak <= {highest / MIB:,.0f} MiB"
                met[text] = measured.peak is not None and measured.peak <= highest
    return met


def times(value: float | None) -> str:
    return f"{value:>7.2f} x" if value is not None else f"{'-':>9}"


def print_report(sizes: list[Size], repeat: int, met: dict[str, bool]) -> None:
    print()
    print(
        f"time (best of {repeat}) and peak memory (the largest process of the command's "
        "tree, highest of the runs)"
    )
    names = list(sizes[0].results)
    print(f"{'command':<16}" + "".join(f"{f'{s.n:,} credentials':>22}" for s in sizes))
    for name in names:
        print(f"{name:<16}" + "".join(f"{cell(s.results[name]):>22}" for s in sizes))
    for small, large in itertools.pairwise(sizes):
        print()
        print(f"growth {small.n:,} -> {large.n:,} ({large.n / small.n:g} x the credentials)")
        print(f"{'command':<16}{'time':>11}{'memory':>11}")
        for name, grew in growth(small, large).items():
            print(f"{name:<16}{times(grew['time']):>11}{times(grew['memory']):>11}")
    print()
    for text, ok in met.items():
        print(f"goal: {text}: {'PASS' if ok else 'MISS'}")


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text!r}") from None
    if any(n < 1 for n in sizes) or sizes != sorted(set(sizes)):
        raise argparse.ArgumentTypeError("sizes must be positive and in increasing order")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[100, 1000, 10000])
    parser.add_argument("--guides", action="store_true", help="also a full build with guides")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (default 1)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--keep", type=Path, help="generate the catalogs and sites here")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.timeout <= 0:
        parser.error("--repeat and --timeout must be positive")
    mcauthor = tool("mcauthor")
    env = versions(mcauthor)
    print(" | ".join(f"{k} {v}" for k, v in env.items()), flush=True)
    sizes: list[Size] = []
    with tempfile.TemporaryDirectory(prefix="mcauthor-scale-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            print(f"{n:,} credentials: generating, then timing...", flush=True)
            size = Size(mcauthor, base, n, args.seed, args.timeout)
            size.measure_all(args.guides, args.repeat)
            sizes.append(size)
    met = goals(sizes)
    print_report(sizes, args.repeat, met)
    if args.json:
        data = {
            "environment": env,
            "seed": args.seed,
            "repeat": args.repeat,
            "timeout": args.timeout,
            "results": {s.n: {k: m.summary() for k, m in s.results.items()} for s in sizes},
            "growth": {f"{a.n}->{b.n}": growth(a, b) for a, b in itertools.pairwise(sizes)},
            "goals": met,
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
