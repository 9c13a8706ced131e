"""Benchmark the version history read from git (mcauthor.history) against its goal.

    python bench/history_bench.py [--credentials 100] [--commits 100] [--repeat 3]

Generates a catalog of ``--credentials`` credentials (``catalog_gen.py``) in a git
repository, then makes ``--commits`` commits that each change every credential's summary
(every tenth also raises every version), packs the repository as a clone is, and times
``histories()``: the one ``git log -p`` and reading it. Goal (issue 19): under 1 s for
100 credentials x 100 commits. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate
from mcauthor.history import histories

GOAL = 1.0


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.invalid"}
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--credentials", type=int, default=100)
    parser.add_argument("--commits", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mcauthor-history-") as tmp:
        root = Path(tmp) / "catalog"
        generate(root, args.credentials, seed=1)
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "catalog")
        files = sorted((root / "credentials").glob("*.yaml"))
        for number in range(1, args.commits + 1):
            for path in files:
                text = path.read_text("utf-8")
                text = re.sub(
                    r"^summary: .*$", f"summary: Round {number}.", text, count=1, flags=re.M
                )
                if number % 10 == 0:
                    text = re.sub(
                        r"^version: .*$", f'version: "1.{number}.0"', text, count=1, flags=re.M
                    )
                path.write_text(text, "utf-8")
            git(root, "commit", "-q", "-am", f"round {number}")
        git(root, "gc", "-q")  # packed, as a clone is (loose objects cost a file each)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            found = histories(root)
            times.append(time.perf_counter() - start)
    versions = sum(len(v) for v in found.values())
    median = statistics.median(times)
    print(
        f"{args.credentials} credentials x {args.commits} commits: {versions} versions, "
        f"best {min(times):.3f} s, median {median:.3f} s"
    )
    print(f"  goal < {GOAL:.0f} s: {'met' if median < GOAL else 'missed'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
