"""PDF guide benchmark: how close the guides come to the engine's own speed, and how long
all the guides of a large catalog take.

Not a test (pytest does not collect it). Run from the repository root, inside the venv:

    python bench/pdf_bench.py                      # both parts, default sizes
    python bench/pdf_bench.py --sample 40 --size 1000 --workers 2

(a) Per page. For ``--sample`` credentials of a generated catalog, render each one's guide
    the way the build does (data built from the view models, markdown as node trees,
    written as data.json into a fresh compile root, templates drawn node by node) and,
    alternately, a raw Typst document made in this run with the same text written
    inline as Typst source (headings, paragraphs, lists, the rubric table; no JSON, no
    node trees, no running headers). Both are compiled by the same engine with the same
    fonts; the figure is CPU time per page. Goal: guides <= 1.5 x raw.

(b) Everything. Every guide of a ``--size`` credential catalog (one per credential, one per
    stack, the catalog guide), rendered with the process pool that the build uses
    (``--workers``, default os.cpu_count()). Wall time from the resolved catalog to the
    last PDF, data building included. Goal: <= 60 s with 2 workers at 1,000 credentials.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "src"))

from pypdf import PdfReader  # noqa: E402

from catalog_gen import generate  # noqa: E402
from mcauthor import typeset as engine  # noqa: E402
from mcauthor.lint import lint  # noqa: E402
from mcauthor.pdf.data import Guides  # noqa: E402
from mcauthor.pdf.render import GuideTask, render_guide, render_tasks  # noqa: E402
from mcauthor.pdf.templates import GuideData, font_dirs, template_dirs  # noqa: E402
from mcauthor.present import make_context  # noqa: E402
from mcauthor.stacks import resolve  # noqa: E402

PAGE_GOAL = 1.5
ALL_GOAL = 60.0


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# -- (a) the raw equivalent ------------------------------------------------------------------


def lit(text: str) -> str:
    """``text`` as a Typst string literal (the raw document's way of holding text)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped.replace(chr(0x200B), "")}"'


def plain(nodes: list[dict[str, Any]]) -> list[str]:
    """The paragraphs of a node tree as plain strings (what the raw document shows)."""
    out: list[str] = []

    def inline(ns: list[dict[str, Any]]) -> str:
        return "".join(n.get("text", "") or inline(n.get("children", [])) for n in ns)

    for node in nodes:
        if node["type"] == "list":
            out += [inline(i.get("children", [])) for i in node["children"]]
        elif "children" in node:
            out.append(inline(node["children"]))
        elif "text" in node:
            out.append(node["text"])
    return out


def raw_document(data: dict[str, Any]) -> str:
    """The credential guide's text as inline Typst source: same words, simple layout."""
    c = data["credential"]
    s = [
        f'#set page(paper: "{data["paper"]}", margin: (x: 1in, top: 0.95in, bottom: 0.9in),'
        ' numbering: "1")',
        '#set text(font: ("Libertinus Serif", "Noto Naskh Arabic", "Noto Color Emoji"),'
        " size: 10.5pt)",
        "#set par(justify: true)",
        f"= #{lit(c['title'])}",
        f"#emph({lit(c['summary'])})",
        "",
        " ".join(f"#{lit(f['label'] + ': ' + f['value'])}" for f in c["facts"]),
        "",
        "== Competency",
        f"#{lit(c['competency'])}",
        "#pagebreak()",
        "== Key method",
        f"#{lit(c['method']['statement'])}",
    ]
    for comp in c["method"]["components"]:
        s += ["", f"+ #strong({lit(comp['title'])})"]
        s += [f"  #{lit(p)}" for p in plain(comp["body"])]
    s += ["", "== Research"]
    for r in c["research"]:
        cite = f"{r['authors']} ({r['year']}). {r['title']}. {r['source']}."
        s += ["", f"#{lit(cite)}"]
        s += [f"#{lit(link['text'])}" for link in r["links"]]
        s += [f"#text(size: 9.5pt, {lit(p)})" for p in plain(r["note"])]
    s += ["", "== Resources"]
    for r in c["resources"]:
        s += ["", f"#strong({lit(r['title'])}) #{lit(r['kind'])}"]
        s += [f"#{lit(p)}" for p in plain(r["note"])]
    s += ["", "== Submission guidelines"]
    for part in c["evidence"]:
        s += ["", f"=== #{lit(part['title'])}"]
        s += [f"#{lit(p)}" for p in plain(part["instructions"])]
        for p in part["prompts"]:
            s += [f"+ #{lit(p['text'])} #{lit(p['words'] or '')}"]
        if part["formats"]:
            s += ["", f"#{lit('Accepted formats: ' + ', '.join(part['formats']))}"]
    rubric = c["rubric"]
    if rubric:
        s += ["", "== Rubric", f"#table(columns: {len(rubric['levels']) + 1},"]
        s += [
            f"  {lit('Criterion')}, " + ", ".join(lit(lv["label"]) for lv in rubric["levels"]) + ","
        ]
        for cr in rubric["criteria"]:
            cells = [cr["title"] + " " + cr["evidence"], *cr["descriptors"]]
            s += ["  " + ", ".join(lit(x) for x in cells) + ","]
        s += [")", ""]
        s += [f"#{lit(p)}" for p in plain(rubric["earn"])]
    s += ["", "== Stacks and prerequisites"]
    s += [f"#{lit(st['title'])}" for st in c["stacks"]]
    s += [f"- #{lit(n['title'])}" for n in c["requires"] + c["required_by"]]
    return "\n".join(s) + "\n"


def per_page(sample: int, catalog: Path) -> tuple[float, float]:
    cat = lint(catalog).catalog
    context = make_context(cat, resolve(cat), None)
    dirs = template_dirs(cat.root)
    fonts = font_dirs(dirs)
    built = Guides(context)
    credentials = list(cat.credentials)[:sample]
    guide_cpu = raw_cpu = 0.0
    guide_pages = raw_pages = 0
    for credential in credentials:  # alternate A, B so drift hits both alike
        data = built.credential(credential)
        start = time.process_time()
        pdf = render_guide("credential", data, dirs, "letter")
        guide_cpu += time.process_time() - start
        guide_pages += pages(pdf)

        document = dict(data, paper="us-letter")
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "main.typ").write_text(raw_document(document), encoding="utf-8")
            start = time.process_time()
            raw = engine.compile_pdf(root, "main.typ", font_paths=fonts, standards=())
            raw_cpu += time.process_time() - start
        raw_pages += pages(raw)
    g = guide_cpu / guide_pages * 1000
    r = raw_cpu / raw_pages * 1000
    print(f"(a) per page, {len(credentials)} credential guides, CPU ms per page")
    print(f"    guides  {g:7.2f} ms/page  ({guide_pages} pages)")
    print(f"    raw     {r:7.2f} ms/page  ({raw_pages} pages)")
    verdict = "PASS" if g / r <= PAGE_GOAL else "MISS"
    print(f"    ratio   {g / r:7.2f}       goal <= {PAGE_GOAL}: {verdict}")
    return g, r


# -- (b) all guides --------------------------------------------------------------------------


def everything(catalog: Path, workers: int) -> float:
    cat = lint(catalog).catalog
    context = make_context(cat, resolve(cat), None)
    dirs = template_dirs(cat.root)
    began, cpu0 = time.perf_counter(), cpu()
    built = Guides(context)  # as in a build: each credential's part made once
    items: list[tuple[str, GuideData]] = [
        (f"guides/credentials/{c.id}.pdf", built.credential(c)) for c in cat.credentials
    ]
    items += [(f"guides/stacks/{s.id}.pdf", built.stack(s)) for s in context.pathway.stacks]
    items.append(("guides/catalog.pdf", built.catalog()))
    planned = time.perf_counter() - began
    paper, names = cat.config.build.paper, tuple(str(d) for d in dirs)
    tasks = [GuideTask(path, str(data["kind"]), data, names, paper) for path, data in items]
    out = dict(zip((t.path for t in tasks), render_tasks(tasks, workers), strict=True))
    wall = time.perf_counter() - began
    used = cpu() - cpu0
    counts = {k: 0 for k in ("credentials", "stacks", "catalog")}
    total_pages = 0
    for path, pdf in out.items():
        kind = path.split("/")[1].removesuffix(".pdf")
        counts[kind] += 1
        total_pages += pages(pdf)
    biggest = pages(out["guides/catalog.pdf"])
    print(f"(b) all guides, {len(cat.credentials)} credentials, {workers} workers")
    print(
        f"    {len(out)} PDFs ({counts['credentials']} credential, {counts['stacks']} stack,"
        f" {counts['catalog']} catalog), {total_pages} pages (catalog guide: {biggest})"
    )
    print(f"    data {planned:.2f} s; total wall {wall:.2f} s; CPU {used:.1f} s")
    print(f"    goal <= {ALL_GOAL:.0f} s: {'PASS' if wall <= ALL_GOAL else 'MISS'}")
    return wall


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=40, help="credential guides for (a)")
    parser.add_argument("--size", type=int, default=1000, help="credentials for (b)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("a", "b"), help="run one part")
    args = parser.parse_args(argv)
    print(f"engine {engine.ENGINE}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "catalog"
        generate(root, max(args.size, args.sample), args.seed)
        if args.only != "b":
            per_page(args.sample, root)
        if args.only != "a":
            if args.size != max(args.size, args.sample):
                root = Path(tmp) / "catalog-b"
                generate(root, args.size, args.seed)
            everything(root, args.workers)


if __name__ == "__main__":
    main()
