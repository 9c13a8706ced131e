"""The language pass: what reading competency and key-method statements costs in lint.

    python bench/language_bench.py [--size 1000] [--seed 1] [--repeat 5]

Generates a catalog of ``--size`` credentials (``catalog_gen.py``), reads it once, then
times, with every cache of the language layer emptied before each run:

  A. the language pass: the text rules (MC103, MC104, MC105, MC210) run on the catalog as
     lint runs them, which is every use of :mod:`mcauthor.language` (sentences, actor,
     verb phrases, lemmas) on the competencies, titles and key methods;
  B. the same on the real statements of ``tests/corpus/`` repeated to ``--size``
     competencies, each made distinct (so no cache helps);
  C. the baseline, in the same process: one in-process ``lint()`` of the same catalog,
     without its document cache (as ``--no-cache``).

Goal: A and B at most 0.3 s for 1,000 credentials. Prints best and median of
``--repeat`` runs, and A and B as a share of C. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate
from mcauthor import lexicon
from mcauthor.language import reading, tokens
from mcauthor.lint import LintOptions, gather, lint
from mcauthor.model import Catalog
from mcauthor.rules import all_rules
from mcauthor.rules.mc103_competency_compound import extra_skills
from mcauthor.rules.mc104_competency_no_actor import has_actor
from mcauthor.rules.mc105_competency_unobservable import unobservable
from mcauthor.rules.mc210_method_unrelated import unrelated

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "statements.yaml"
GOAL = 0.3
COLD = LintOptions(cache=False)


def cold() -> None:
    """Empty every cache the language layer keeps, so each run reads from nothing."""
    for function in (reading.analyze, tokens._tokens, *_lexicon_caches()):
        function.cache_clear()


def _lexicon_caches() -> list[object]:
    return [f for f in vars(lexicon).values() if hasattr(f, "cache_clear")]


TEXT_RULES = ("MC103", "MC104", "MC105", "MC210")


def run_rules(catalog: Catalog) -> None:
    for rule in all_rules():
        if rule.code in TEXT_RULES:
            list(rule().check(catalog))


def read(statements: list[tuple[str, str, str]]) -> None:
    for competency, title, method in statements:
        extra_skills(competency)
        has_actor(competency)
        unobservable(competency)
        if method:
            unrelated(competency, title, [method])


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        cold()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    lexicon.forms("warm")  # the lexicon file is read once per process, as in lint

    with tempfile.TemporaryDirectory(prefix="mcauthor-language-") as tmp:
        root = Path(tmp) / "catalog"
        generate(root, args.size, seed=args.seed)
        catalog, _, _ = gather(root)
        entries = yaml.safe_load(CORPUS.read_text("utf-8"))
        real = [e["text"] for e in entries if e["kind"] == "competency"]
        corpus = [(f"{real[i % len(real)]} ({i})", "", "") for i in range(args.size)]

        runs = {
            "A. generated catalog": timed(lambda: run_rules(catalog), args.repeat),
            "B. real statements": timed(lambda: read(corpus), args.repeat),
            "C. whole lint (baseline)": timed(lambda: lint(root, COLD), max(1, args.repeat // 2)),
        }
    base = min(runs["C. whole lint (baseline)"])
    print(f"{args.size} credentials, best / median of {args.repeat} cold runs:")
    for name, times in runs.items():
        best, median = min(times), statistics.median(times)
        share = "" if name.startswith("C") else f"  = {best / base:.3f} of lint"
        print(f"  {name:26} {best:7.3f} s / {median:7.3f} s{share}")
    worst = max(min(runs["A. generated catalog"]), min(runs["B. real statements"]))
    print(f"goal: language pass <= {GOAL} s: {'met' if worst <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
