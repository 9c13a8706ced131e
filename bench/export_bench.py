"""Benchmark `mcauthor export` (the data files a build writes under data/) on a generated catalog.

    python bench/export_bench.py [--size 1000] [--repeat 3] [--seed 1]

It generates a catalog with ``--size`` credentials, then times, as subprocesses and
interleaved so that drift in machine load hits every command alike:

  A. lint (baseline): ``mcauthor lint DIR --format json`` (warm document cache)
  B. export:          ``mcauthor export DIR --format all --out OUT`` (lint + every data file)
                      into an emptied OUT, so every file is created

The export's own cost is B - A; it is reported per data file and as the ratio B / A, since
every export pays a lint first. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_bench import prepare, timed, tool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="credentials (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs each (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    args = parser.parse_args()
    mcauthor = tool("mcauthor")
    with tempfile.TemporaryDirectory(prefix="mcauthor-export-bench-") as tmp:
        root = prepare(Path(tmp), args.size, args.seed)
        out = Path(tmp) / "out"
        lint_cmd = [mcauthor, "lint", str(root), "--format", "json"]
        export_cmd = [mcauthor, "export", str(root), "--format", "all", "--out", str(out)]
        timed(lint_cmd, ok=(0, 1))  # warm-up: page cache, .pyc files, document cache
        timed(export_cmd)
        files = sum(1 for p in out.rglob("*") if p.is_file())
        lints, exports = [], []
        for _ in range(args.repeat):
            lints.append(timed(lint_cmd, ok=(0, 1))[0])
            shutil.rmtree(out)  # a fresh export: every file created, none left as it was
            exports.append(timed(export_cmd)[0])
    a, b = min(lints), min(exports)
    print(f"catalog: {args.size} credentials; export writes {files} files")
    print(f"lint (baseline)  best {a:.3f} s  median {statistics.median(lints):.3f} s")
    print(f"export --all     best {b:.3f} s  median {statistics.median(exports):.3f} s")
    print(f"export / lint    {b / a:.2f}x")
    print(f"export's own cost  {(b - a) * 1000 / files:.3f} ms per data file")


if __name__ == "__main__":
    main()
