"""Benchmark `mcauthor import docx` on generated Word documents.

    python bench/import_bench.py [--count 100] [--repeat 3]

Builds ``--count`` .docx files from the three layout specs in ``tests/import_docs/``
(each with its own title), then times, as a subprocess, ``mcauthor import docx DIR
--catalog CATALOG`` into a fresh copy of the sample catalog: reading every document,
writing the files and the lint that follows. Goal (issue 18): 100 documents in under
10 s. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import make_docx  # noqa: E402

GOAL = 10.0
LAYOUTS = ("word-headings", "google-doc", "nea-parts")


def documents(folder: Path, count: int) -> None:
    specs = [
        yaml.safe_load((REPO / "tests" / "import_docs" / f"{name}.yaml").read_text("utf-8"))
        for name in LAYOUTS
    ]
    for number in range(count):
        blocks = [list(b) for b in specs[number % len(specs)]["blocks"]]
        blocks[0] = [blocks[0][0], f"{blocks[0][1]} {number}"]  # the title: its own id
        make_docx(blocks, folder / f"mc-{number:04}.docx")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    times = []
    with tempfile.TemporaryDirectory(prefix="mcauthor-import-") as tmp:
        work = Path(tmp)
        (work / "docs").mkdir()
        documents(work / "docs", args.count)
        for _ in range(args.repeat):
            catalog = work / "catalog"
            shutil.rmtree(catalog, ignore_errors=True)
            shutil.copytree(REPO / "catalog", catalog)
            command = [sys.executable, "-m", "mcauthor", "import", "docx", str(work / "docs")]
            start = time.perf_counter()
            subprocess.run([*command, "--catalog", str(catalog)], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    print(f"import docx, {args.count} documents: best {best:.2f} s, median {median:.2f} s")
    print(f"  goal < {GOAL:.0f} s: {'met' if median < GOAL else 'missed'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
