"""Profile one in-process `mcauthor.lint.lint()` call on a generated (or given) catalog.

    python bench/profile_lint.py [--size 1000] [--seed 1] [--dir CATALOG] [--top 25]
                                 [--sort cumtime] [--out FILE.prof]

Equivalent to ``python -m cProfile -s cumtime`` around ``lint(Path(dir))``, but without the
import of mcauthor itself (start-up is measured by ``run.py``): the profile shows where a
lint's own time goes. ``--out`` saves the raw stats for snakeviz or ``pstats``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate
from mcauthor.lint import lint


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="credentials (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="profile this catalog instead of generating one")
    parser.add_argument("--top", type=int, default=25, help="lines to print (default 25)")
    parser.add_argument("--sort", default="cumtime", help="pstats sort key (default cumtime)")
    parser.add_argument("--out", type=Path, help="also dump the raw profile here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="mcauthor-profile-") as tmp:
        root = args.dir
        if root is None:
            root = Path(tmp) / f"catalog-{args.size}"
            generate(root, args.size, args.seed)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        result = lint(root)
        profiler.disable()
        elapsed = time.perf_counter() - start
    print(
        f"lint({root.name}): {result.files} files, {len(result.diagnostics)} diagnostics, "
        f"{elapsed:.3f} s under the profiler"
    )
    if args.out:
        profiler.dump_stats(args.out)
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
