"""The catalog guide in parts: one compile per run of stacks, joined into one PDF.

One compile of a whole catalog's guide grows faster than the catalog (1,000 credentials:
3,385 pages, about a minute and 3.6 GB) and starts again at every edit. So the guide is
compiled as parts of about :data:`CHUNK` credentials (``catalog-part-guide.typ``) and a
front (``catalog-front-guide.typ``: cover, about, contents), then joined
(:mod:`mcauthor.pdf.join`) into the PDF one compile makes: the same pages, text, outline,
links and tags. A compiled part is kept in the user's cache, keyed by everything it was
compiled from, so an edit recompiles only the parts it shows up in. What the front needs
of a kept part (its page count, the pages of its headings) is kept with the page-number
hints, so a kept part is not read again; the last joined file is kept too, and used again
when it was joined from the very same PDFs. (Replacing only the changed part in it gives
the same pages but not the same bytes as a join: qpdf groups objects into object
streams by their numbers, so the file would depend on the builds before it.)

Page numbers are the only thing a part takes from the others: its first page number and
the guide's page count. A part's page count does not depend on them (they only appear in
the margins), so parts are compiled with the numbers the last build found (or a guess),
then counted, and only the parts whose numbers turn out different are compiled again.
The contents (in the front) show every chapter's page number: the front ends with
stand-in headings, the page counter set to each one's real page just before it, on pages
that the join drops.

A catalog that overrides ``catalog-guide.typ``, ``catalog.typ`` (the pieces both ways
share) or ``style.typ`` (or the part templates) gets the one-compile guide, since its
templates may not be built to be split.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson
import pikepdf

from mcauthor.errors import BuildError
from mcauthor.limits import Limits
from mcauthor.overrides import builtin_dir
from mcauthor.pdf.join import Part, join
from mcauthor.pdf.render import GuideTask, render_tasks
from mcauthor.pdf.templates import GUIDE_DIR, GuideData, templates, templates_fingerprint
from mcauthor.usercache import Store

CHUNK = 50  # credentials per part: about 170 pages, a second or two to compile
PART, FRONT = "catalog-part", "catalog-front"  # task kinds: <kind>-guide.typ
OWN = (  # overriding any of these keeps the catalog guide in one compile
    "catalog-guide.typ",
    "catalog-part-guide.typ",
    "catalog-front-guide.typ",
    "catalog.typ",
    "style.typ",
)
STORE = "guide-parts"  # the user-cache folder of compiled parts
KEEP_DAYS = 14  # a stored part not used for this long is removed
UNSTACKED = "unstacked"  # the label of the heading over the credentials in no stack

Run = Callable[[list[GuideTask]], list[bytes]]
Heading = tuple[int, str | None, str]  # level, title (None: the template's own), label


def splittable(task: GuideTask) -> bool:
    """Whether ``task`` is the catalog guide and its templates are mcauthor's own."""
    if task.kind != "catalog":
        return False
    chosen = templates([Path(d) for d in task.template_dirs])
    own = builtin_dir() / GUIDE_DIR
    return all(name in chosen and chosen[name].parent == own for name in OWN)


def render_all(
    tasks: Sequence[GuideTask],
    on_done: Callable[[int], None] | None = None,
    limits: Limits | None = None,
) -> list[bytes]:
    """Every task's PDF, in order, rendered by
    :func:`~mcauthor.pdf.render.render_tasks`; a catalog guide that can be split is
    compiled in parts, the first round of them with the other guides."""
    assemblies = {i: _Assembly(task) for i, task in enumerate(tasks) if splittable(task)}
    whole = [i for i in range(len(tasks)) if i not in assemblies]
    extra = [(a, t) for a in assemblies.values() for t in a.first_round()]
    batch = [tasks[i] for i in whole] + [t for _, t in extra]
    rendered = render_tasks(batch, None, on_done, limits)
    results = [b""] * len(tasks)
    for i, data in zip(whole, rendered, strict=False):
        results[i] = data
    for (assembly, task), data in zip(extra, rendered[len(whole) :], strict=True):
        assembly.store.keep(task, data)
    for i, assembly in assemblies.items():
        results[i] = assembly.render(lambda more: render_tasks(more, None, None, limits))
        if on_done is not None:
            on_done(1)
    return results


@dataclass(frozen=True)
class Piece:
    """One part's share of the catalog guide, before its page numbers are known."""

    data: GuideData  # the part's data.json, without "part" and "page_total"
    numbers: dict[str, Any]  # where it starts among the stacks, what it links to
    headings: list[Heading]  # its chapter headings
    owns: frozenset[str]  # the labels of its headings
    continues: bool  # it goes on with the credentials in no stack of the part before


class _Assembly:
    """One catalog guide being made in parts.

    Each round compiles the parts whose page numbers changed (all of them the first time,
    with the last build's numbers as the guess), counts their pages, then compiles the
    front with the chapters' page numbers. The numbers hold when the front's own pages and
    every part's first page are what the parts were compiled with: after one round when
    the guess was right, else after two (rarely three: a front that changed length)."""

    def __init__(self, task: GuideTask) -> None:
        self.task = task
        self.pieces = list(split(task.data))
        self.store = _Parts.open(task)
        self.numbers = _Numbers(self.store.front_pages(), self.store.counts(len(self.pieces)))
        self.compiled: dict[int, _Compiled] = {}

    def _tasks(self) -> dict[int, GuideTask]:
        """The parts to compile for the numbers as they now stand."""
        wanted = self.numbers.wanted()
        return {
            k: _part(self.task, self.pieces[k], k, *want)
            for k, want in enumerate(wanted)
            if k not in self.compiled or self.compiled[k].numbers != want
        }

    def first_round(self) -> list[GuideTask]:
        """The parts of the first round that are not in the store (others compile them)."""
        return self.store.missing(list(self._tasks().values()))

    def render(self, run: Run) -> bytes:
        for _ in range(4):
            wanted = self.numbers.wanted()
            todo = self._tasks()
            done = self.store.compile(list(todo.values()), run)
            for k, (name, pdf) in zip(todo, done, strict=True):
                piece = self.pieces[k]
                facts = self.store.facts(name, lambda: _read_part(pdf, piece))  # noqa: B023
                self.compiled[k] = _Compiled(wanted[k], name, pdf, facts[0], facts[1])
            front, pages = self._front(run)
            if self.numbers.wanted() == [self.compiled[k].numbers for k in range(len(self.pieces))]:
                # What the joined file is made of: the front's name, then the parts'.
                made = [front[0]] + [self.compiled[k].name for k in range(len(self.pieces))]
                joined = self.store.joined(made)
                if joined is None:  # else the last build joined these very PDFs
                    parts = [
                        Part(self.compiled[k].pdf, p.owns, p.continues)
                        for k, p in enumerate(self.pieces)
                    ]
                    joined = join(front[1], pages - self.numbers.front, parts)
                self.store.remember(self.numbers.counts, self.numbers.front, made, joined)
                return joined
        raise BuildError(f"{self.task.path}: the page numbers of its parts do not settle")

    def _front(self, run: Run) -> tuple[tuple[str, bytes], int]:
        """The front (its name and PDF), for the parts as compiled, and its page count;
        counts the parts' pages and the front's own pages."""
        numbers, compiled = self.numbers, self.compiled
        numbers.counts = [compiled[k].count for k in range(len(self.pieces))]
        firsts = [first for first, _ in numbers.wanted()]
        stand_ins = [
            {"page": firsts[k] + page, "level": level, "title": title, "label": label}
            for k, piece in enumerate(self.pieces)
            for (level, title, label), page in zip(
                piece.headings, compiled[k].heading_pages, strict=True
            )
        ]
        ((name, front),) = self.store.compile([_front(self.task, stand_ins, numbers.total())], run)
        pages, numbers.front = self.store.facts(name, lambda: _read_front(front, len(stand_ins)))
        return (name, front), pages


@dataclass(frozen=True)
class _Compiled:
    """A compiled part: the numbers it was compiled with (its first page number, the
    guide's page count), its PDF, and what the front needs of it (read once, and kept
    with the page-number hints for the next build)."""

    numbers: tuple[int, int]
    name: str  # in the store
    pdf: bytes
    count: int  # its pages
    heading_pages: list[int]  # the page of each of its chapter headings, from 0


@dataclass
class _Numbers:
    """The page numbers of the catalog guide: the front's own pages, then each part's."""

    front: int
    counts: list[int]

    def total(self) -> int:
        return self.front + sum(self.counts)

    def wanted(self) -> list[tuple[int, int]]:
        """Each part's first page number and the page count of the whole."""
        firsts, page = [], self.front + 1
        for count in self.counts:
            firsts.append((page, self.total()))
            page += count
        return firsts


def split(data: GuideData) -> Iterator[Piece]:
    """The catalog guide's data in parts of about :data:`CHUNK` credentials: runs of
    whole stacks, then runs of the credentials in no stack."""
    stacks, unstacked = data["stacks"], data["unstacked"]
    labels = {key.replace(":", "-", 1) for key in data["anchors"]}
    run: list[int] = []
    size = 0
    for i, entry in enumerate(stacks):
        run.append(i)
        size += len(entry["credentials"])
        if size >= CHUNK or i == len(stacks) - 1:
            yield _stack_piece(data, run, labels)
            run, size = [], 0
    for start in range(0, len(unstacked), CHUNK):
        yield _unstacked_piece(data, unstacked[start : start + CHUNK], start == 0, labels)


def _stack_piece(data: GuideData, run: list[int], labels: set[str]) -> Piece:
    entries = [data["stacks"][i] for i in run]
    headings: list[Heading] = []
    for entry in entries:
        stack = entry["stack"]
        headings.append((1, stack["title"], "stack-" + stack["id"]))
        headings += [
            (2, c["title"], "credential-" + c["id"]) for c in entry["credentials"] if "ref" not in c
        ]
    numbers = {"stack_count": len(data["stacks"]), "first_stack": run[0] + 1}
    return _piece(data, {"stacks": entries, "unstacked": []}, numbers, headings, labels, False)


def _unstacked_piece(
    data: GuideData, credentials: list[Any], first: bool, labels: set[str]
) -> Piece:
    headings: list[Heading] = [(1, None, UNSTACKED)] if first else []
    headings += [(2, c["title"], "credential-" + c["id"]) for c in credentials]
    numbers = {"stack_count": len(data["stacks"]), "first_stack": 1, "unstacked_heading": first}
    return _piece(
        data, {"stacks": [], "unstacked": credentials}, numbers, headings, labels, not first
    )


def _piece(
    data: GuideData,
    chapters: dict[str, list[Any]],
    numbers: dict[str, Any],
    headings: list[Heading],
    labels: set[str],
    continues: bool,
) -> Piece:
    owns = frozenset(label for _, _, label in headings)
    mentioned = _strings(chapters)
    # The headings of other parts this part may link to: named, so that it compiles.
    elsewhere = sorted(label for label in labels - owns if label.split("-", 1)[1] in mentioned)
    piece = {k: v for k, v in data.items() if k not in ("stacks", "unstacked", "files")}
    named = mentioned | _strings(piece)
    piece.update(chapters)
    piece["files"] = _files_named(named, data.get("files") or {})
    numbers = {"unstacked_heading": False, "unstacked_label": UNSTACKED, **numbers}
    numbers["elsewhere"] = elsewhere
    return Piece(piece, numbers, headings, owns, continues)


def _files_used(data: GuideData, files: dict[str, Any]) -> dict[str, Any]:
    """The files (images, pictures) that ``data`` names: a part or the front gets only its
    own, so that an edit elsewhere does not change it."""
    return _files_named(_strings(data), files)


def _files_named(names: set[str], files: dict[str, Any]) -> dict[str, Any]:
    return {name: files[name] for name in sorted(names & files.keys())}


def _strings(value: Any) -> set[str]:
    """Every string value in ``value`` (not the keys of its mappings). A loop, not a
    recursion: it walks the whole catalog's data once per build."""
    found: set[str] = set()
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


def _part(task: GuideTask, piece: Piece, number: int, first_page: int, total: int) -> GuideTask:
    data = {**piece.data, "part": {**piece.numbers, "first_page": first_page}, "page_total": total}
    path = f"{task.path} (part {number + 1})"  # what a message calls it, and its own group
    return replace(task, path=path, kind=PART, data=data, counted=False)


def _front(task: GuideTask, stand_ins: list[dict[str, Any]], total: int) -> GuideTask:
    data = {k: v for k, v in task.data.items() if k not in ("stacks", "unstacked", "files")}
    data.update(stacks=[], unstacked=[], front={"stand_ins": stand_ins}, page_total=total)
    data["files"] = _files_used(data, task.data.get("files") or {})
    return replace(task, path=f"{task.path} (front)", kind=FRONT, data=data, counted=False)


def _read_part(pdf: bytes, piece: Piece) -> tuple[int, list[int]]:
    """A part's page count, and the page (counted from 0 in the part) of each of its
    chapter headings, read from its outline: levels 1 and 2 (a part that goes on with
    the credentials in no stack starts at level 2)."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        index = {page.obj.objgen: i for i, page in enumerate(opened.pages)}
        depth = 1 if piece.continues else 2
        with opened.open_outline() as outline:
            found = list(_outline_pages(outline.root, index, depth))
    if len(found) != len(piece.headings):
        raise BuildError(
            f"the catalog guide's part from {piece.headings[0][1]!r} has {len(found)} "
            f"chapter headings, not {len(piece.headings)}"
        )
    return len(index), found


def _outline_pages(
    items: Sequence[pikepdf.OutlineItem], index: dict[tuple[int, int], int], depth: int
) -> Iterator[int]:
    for item in items:
        dest = item.destination
        yield index[dest[0].objgen] if isinstance(dest, pikepdf.Array) else -1
        if depth > 1:
            yield from _outline_pages(item.children, index, depth - 1)


def _read_front(front: bytes, stand_ins: int) -> tuple[int, int]:
    """The front's page count, and its own pages: those before the first stand-in
    heading."""
    with pikepdf.open(io.BytesIO(front)) as opened:
        count = len(opened.pages)
        if not stand_ins:
            return count, count
        index = {page.obj.objgen: i for i, page in enumerate(opened.pages)}
        with opened.open_outline() as outline:
            pages = list(_outline_pages(outline.root, index, 2))
    return count, pages[-stand_ins] if len(pages) >= stand_ins else len(pages)


class _Parts:
    """Compiled parts and fronts, kept in the user's cache by a hash of all they were
    compiled from (a hit is what compiling would give), and the page numbers the last
    build found, as the next build's first guess."""

    def __init__(self, task: GuideTask, store: Store | None) -> None:
        self.store = store
        dirs = [Path(d) for d in task.template_dirs]
        self.base = json.dumps([templates_fingerprint(dirs), task.paper, task.epoch])
        catalog = _hash(task.path + str(task.data.get("catalog")))
        self.hints = f"hints-{catalog}.json"
        self.last = f"joined-{catalog}.pdf"  # the last build's joined file
        self.fresh: dict[str, bytes] = {}  # read or compiled in this build (also without a store)
        self.known: dict[str, Any] | None = None  # the hints file, read once
        self.used: dict[str, list[Any]] = {}  # the facts of the PDFs used in this build
        self.reused = False  # the joined file is the last build's

    @classmethod
    def open(cls, task: GuideTask) -> _Parts:
        return cls(task, Store.open(STORE))

    def compile(self, tasks: list[GuideTask], run: Run) -> list[tuple[str, bytes]]:
        """The names and PDFs of ``tasks``: kept ones, and the others compiled by ``run``."""
        names = [self._name(task) for task in tasks]
        found = [self._read(name) for name in names]
        missing = [i for i, pdf in enumerate(found) if pdf is None]
        for i, pdf in zip(missing, run([tasks[i] for i in missing]), strict=True):
            found[i] = self._keep(names[i], pdf)
        return [(name, pdf or b"") for name, pdf in zip(names, found, strict=True)]

    def missing(self, tasks: list[GuideTask]) -> list[GuideTask]:
        """The tasks not kept; the kept ones are read now, once, for :meth:`compile`."""
        out = []
        for task in tasks:
            name = self._name(task)
            found = self._read(name)
            if found is None:
                out.append(task)
            else:
                self.fresh[name] = found
        return out

    def keep(self, task: GuideTask, pdf: bytes) -> bytes:
        """Keep a compiled part for this build and the next ones."""
        return self._keep(self._name(task), pdf)

    def _keep(self, name: str, pdf: bytes) -> bytes:
        self.fresh[name] = pdf
        if self.store is not None:
            self.store.write(name, pdf)
        return pdf

    def _name(self, task: GuideTask) -> str:
        try:  # orjson: a tenth of json's time on a catalog's data
            text = orjson.dumps(task.data, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # a key or number orjson does not take
            text = json.dumps(task.data, sort_keys=True).encode("utf-8", "surrogatepass")
        digest = hashlib.sha256((self.base + task.kind).encode("utf-8", "surrogatepass"))
        digest.update(text)
        return f"{task.kind}-{digest.hexdigest()[:40]}.pdf"

    def facts(self, name: str, read: Callable[[], Sequence[Any]]) -> list[Any]:
        """What the catalog guide needs to know of the PDF ``name`` (its page count, ...):
        from the hints when the last build read it, else ``read()`` now."""
        known = self._hints().get("facts")
        found = known.get(name) if isinstance(known, dict) else None
        if not isinstance(found, list):
            found = list(read())
        self.used[name] = found
        return found

    def _read(self, name: str) -> bytes | None:
        if name in self.fresh:
            return self.fresh[name]
        if self.store is None:
            return None
        return self.store.read_used(name)  # used: kept another KEEP_DAYS

    def counts(self, parts: int) -> list[int]:
        known = self._hints().get("counts")
        if (
            isinstance(known, list)
            and len(known) == parts
            and all(isinstance(n, int) for n in known)
        ):
            return known
        return [0] * parts

    def front_pages(self) -> int:
        known = self._hints().get("front")
        return known if isinstance(known, int) else 0

    def _hints(self) -> dict[str, Any]:
        if self.known is None:
            body = self.store.read(self.hints) if self.store is not None else None
            try:
                found = json.loads(body) if body else {}
            except ValueError:
                found = {}
            self.known = found if isinstance(found, dict) else {}
        return self.known

    def joined(self, made: list[str]) -> bytes | None:
        """The last build's joined file, if it was made of the PDFs named in ``made``."""
        record = self._hints().get("joined")
        if not isinstance(record, dict) or record.get("made") != made:
            return None
        pdf = self._read(self.last)
        # The file and the hints are written one after the other: a build killed between
        # the two leaves a file that the digest does not match.
        if pdf is None or hashlib.sha256(pdf).hexdigest() != record.get("sha256"):
            return None
        self.reused = True
        return pdf

    def remember(self, counts: list[int], front: int, made: list[str], joined: bytes) -> None:
        """Keep the numbers, the facts of the PDFs used and the joined file for the next
        build, and drop parts not used for a while."""
        if self.store is None:
            return
        if not self.reused:
            self.store.write(self.last, joined)
        record = {"made": made, "sha256": hashlib.sha256(joined).hexdigest()}
        hints = {"counts": counts, "front": front, "facts": self.used, "joined": record}
        self.store.write(self.hints, json.dumps(hints, sort_keys=True).encode())
        self.store.prune(".pdf", KEEP_DAYS)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]
