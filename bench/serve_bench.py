"""Benchmark `mcauthor serve`: from saving a file to the rebuilt page being served.

    python bench/serve_bench.py [--size 0] [--edits 8]

``--size 0`` (default) uses a copy of the sample catalog; ``--size N`` a generated catalog
with N credentials. The preview runs in-process on a free port. Each round edits one
credential's title, then times until the new title is served over HTTP (what a reloading
browser waits for). The baseline, timed in the same run, is a full build of the same
catalog without the PDF guides (what `serve` builds). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate
from mcauthor.build import build
from mcauthor.serve.preview import Preview

SAMPLE = Path(__file__).resolve().parent.parent / "catalog"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=0, help="credentials; 0 = the sample")
    parser.add_argument("--edits", type=int, default=8, help="timed edits (default 8)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mcauthor-serve-bench-") as tmp:
        root = Path(tmp) / "catalog"
        if args.size:
            generate(root, args.size, 1)
        else:
            shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".mcauthor-cache", "site"))
        target = sorted((root / "credentials").glob("*.yaml"))[0]
        original = target.read_text("utf-8")
        title = next(line for line in original.splitlines() if line.startswith("title: "))
        full = []
        with Preview(root, port=0) as preview:
            page = preview.url + "credentials/" + target.stem + "/index.html"
            saves = []
            for n in range(args.edits):
                marker = f"Edited {n} for the benchmark"
                began = time.perf_counter()
                target.write_text(original.replace(title, f"title: {marker}"), "utf-8")
                while marker not in fetch(page):
                    time.sleep(0.005)
                saves.append(time.perf_counter() - began)
                # The baseline, interleaved: a full build of the same catalog, no guides.
                began = time.perf_counter()
                build(root, Path(tmp) / f"full-{n}", incremental=False, guides=False)
                full.append(time.perf_counter() - began)
    s, f = statistics.median(saves), statistics.median(full)
    print(f"catalog: {'sample' if not args.size else f'{args.size} credentials'}")
    spread = f"(min {min(saves):.3f}, max {max(saves):.3f})"
    print(f"save -> new page served  median {s:.3f} s  {spread}")
    print(f"full build, no guides    median {f:.3f} s")
    print(f"ratio                    {s / f:.2f}")


if __name__ == "__main__":
    main()
