"""Compare this mcauthor with another installation of it (a baseline), in one run.

    python bench/compare.py --baseline /path/to/other/venv/bin/python
                            [--size 1000] [--repeat 3] [--guides] [--json FILE]

For a change's effect on speed, run the commit before it in another virtual environment
(``git worktree add /tmp/base HEAD~1 && python -m venv /tmp/base-venv &&
/tmp/base-venv/bin/pip install /tmp/base``) and pass its Python as ``--baseline``. Both
get their own copy of a generated catalog and their own output folder, and every command
alternates between the two (A, B, A, B ...), so that the machine's noise hits both alike:

  cold lint     ``mcauthor lint DIR --format json --no-cache``
  first build   the same as a full build, with the user's cache folder emptied first:
                a new machine's first build (nothing kept, badges drawn)
  full build    ``build(DIR, OUT, incremental=False, guides=...)``, a fresh process
  one-edit      change one credential's summary, then ``build(DIR, OUT, guides=...)``

Builds leave the PDF guides out unless ``--guides`` (a full build with guides of 1,000
credentials takes minutes). Prints the best (and median) of each and the ratio
candidate / baseline. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_bench import Editor, prepare

BUILD = (
    "import sys; from pathlib import Path; from mcauthor.build import build; "
    "build(Path(sys.argv[1]), Path(sys.argv[2]), incremental=sys.argv[3] == 'yes', "
    "guides=sys.argv[4] == 'yes')"
)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"compare: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return seconds


class Side:
    """One installation, with its own catalog copy, output folder and cache folder."""

    def __init__(self, name: str, python: str, root: Path, work: Path) -> None:
        self.name = name
        self.python = python
        self.root = work / f"catalog-{name}"
        shutil.copytree(root, self.root)
        self.out = work / f"site-{name}"
        self.cache = work / f"cache-{name}"
        self.env = {**os.environ, "MCAUTHOR_CACHE_DIR": str(self.cache)}
        self.env.pop("SOURCE_DATE_EPOCH", None)
        self.editor = Editor(self.root)
        self.runs: dict[str, list[float]] = {
            "cold lint": [],
            "first build": [],
            "full build": [],
            "one-edit": [],
        }

    def lint(self) -> float:
        cmd = [self.python, "-m", "mcauthor", "lint", str(self.root), "--format", "json"]
        return timed([*cmd, "--no-cache"], self.env)

    def build(self, incremental: bool, guides: bool) -> float:
        args = [str(self.root), str(self.out), "yes" if incremental else "no"]
        return timed([self.python, "-c", BUILD, *args, "yes" if guides else "no"], self.env)

    def first_build(self, guides: bool) -> float:
        shutil.rmtree(self.cache, ignore_errors=True)
        return self.build(False, guides)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="the baseline's Python executable")
    parser.add_argument("--size", type=int, default=1000, help="credentials (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs each (default 3)")
    parser.add_argument("--guides", action="store_true", help="builds include the PDF guides")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mcauthor-compare-") as tmp:
        work = Path(tmp)
        root = prepare(work, args.size, 1)
        sides = [
            Side("baseline", args.baseline, root, work),
            Side("candidate", sys.executable, root, work),
        ]
        for side in sides:  # warm-up: page cache, .pyc files, a first build to edit on
            side.lint()
            side.build(False, args.guides)
        try:
            for _ in range(args.repeat):
                for side in sides:
                    side.runs["cold lint"].append(side.lint())
                for side in sides:
                    side.runs["first build"].append(side.first_build(args.guides))
                for side in sides:
                    side.runs["full build"].append(side.build(False, args.guides))
                for side in sides:
                    side.editor.edit()
                    side.runs["one-edit"].append(side.build(True, args.guides))
        finally:
            for side in sides:
                side.editor.path.write_text(side.editor.original, encoding="utf-8")
    base, cand = sides
    guides = "with" if args.guides else "without"
    print(f"{args.size} credentials, builds {guides} PDF guides, best of {args.repeat} (median), s")
    print(f"{'':<12}{'baseline':>18}{'candidate':>18}{'ratio':>8}")
    results = {}
    for name in base.runs:
        b, c = base.runs[name], cand.runs[name]
        ratio = min(c) / min(b)
        cells = [f"{min(x):.3f} ({statistics.median(x):.3f})" for x in (b, c)]
        print(f"{name:<12}{cells[0]:>18}{cells[1]:>18}{ratio:>8.3f}")
        results[name] = {"baseline": b, "candidate": c, "ratio": ratio}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
