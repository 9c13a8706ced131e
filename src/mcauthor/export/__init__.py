"""Machine-readable exports: catalog JSON, Open Badges 3.0, CTDL and CSV.

One planner serves both callers: ``mcauthor build`` writes every format under ``data/`` as
one more output of the build pipeline (jobs with keys, so an edit rewrites only the files
that show it), and ``mcauthor export`` writes one format on its own, without a site.

Layout under the site's ``data/`` (``export --out DIR`` uses the same layout in DIR):
``catalog.json``, ``openbadges/<id>.json``, ``ctdl/<id>.json``, ``ctdl/stacks/<id>.json``
and ``credentials.csv``.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from mcauthor import __version__
from mcauthor.build.context import CATALOG_DATA, badge_path, build_date
from mcauthor.build.pipeline import Job, key_of, safe_relpath
from mcauthor.errors import WriteError
from mcauthor.export import catalog_json, csv_table, ctdl, openbadges
from mcauthor.export.catalog_json import CSV_PATH, ctdl_path
from mcauthor.export.common import to_json, web
from mcauthor.files import Folder
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.model import Catalog, Credential
from mcauthor.stacks import Pathway, ResolvedStack

FORMATS = ("catalog-json", "openbadges", "ctdl", "csv")
DATA = "data/"
# Formats that are one file, and so can go to standard output.
SINGLE = {"catalog-json": CATALOG_DATA, "csv": CSV_PATH}


@dataclass(frozen=True)
class Plan:
    catalog: Catalog
    pathway: Pathway
    lint: LintResult | None
    date: str | None
    csv_bom: bool = True  # credentials.csv starts with a byte-order mark (for Excel)

    def doc(self, relpath: str) -> str:
        """Content hash of a catalog source file (computed once per catalog)."""
        return self.catalog.document_hash(relpath)

    @property
    def config(self) -> str:
        return self.doc(self.catalog.config.file)

    def library(self) -> list[str]:
        return self.catalog.library_hashes()

    def credentials(self) -> list[Credential]:
        """Each credential once (a duplicate id is a lint error; the first one wins)."""
        return [c for c in self.catalog.credentials if self.catalog.credential(c.id) is c]


def plan(source: Plan, formats: Iterable[str] = FORMATS) -> list[Job]:
    makers: dict[str, Callable[[Plan], list[Job]]] = {
        "catalog-json": _catalog_json,
        "openbadges": _openbadges,
        "ctdl": _ctdl,
        "csv": _csv,
    }
    return [job for name in formats for job in makers[name](source)]


def _version() -> str:
    # The exporters' code is part of every key: a new mcauthor rewrites the data.
    return f"mcauthor {__version__}"


def _all_docs(source: Plan) -> list[str]:
    return sorted(source.doc(rel) for rel in source.catalog.documents)


def _catalog_json(source: Plan) -> list[Job]:
    key = key_of("catalog-json", _version(), source.date, _all_docs(source))

    def render() -> bytes:
        return to_json(
            catalog_json.as_dict(source.catalog, source.pathway, source.lint, source.date)
        )

    return [Job(CATALOG_DATA, key, render, kind="data")]


def _openbadges(source: Plan) -> list[Job]:
    out = []
    for credential in source.credentials():
        key = key_of(
            "openbadges", _version(), source.config, source.doc(credential.file), source.library()
        )
        render = partial(_achievement, source.catalog, credential)
        out.append(Job(badge_path(credential.id), key, render, kind="data"))
    return out


def _achievement(catalog: Catalog, credential: Credential) -> bytes:
    return to_json(openbadges.achievement(catalog, credential))


def _ctdl(source: Plan) -> list[Job]:
    catalog, pathway = source.catalog, source.pathway
    out = []
    for c in source.credentials():
        stacks = [pathway.stack(sid) for sid in pathway.stacks_of.get(c.id, ())]
        key = key_of(
            "ctdl-credential",
            _version(),
            source.config,
            source.doc(c.file),
            [source.doc(s.stack.file) for s in stacks if s is not None],
            [[rid, catalog.credential(rid) is not None] for rid in c.requires],
        )
        render = partial(_ctdl_credential, catalog, pathway, c)
        out.append(Job(ctdl_path("credential", c.id), key, render, kind="data"))
    for s in pathway.stacks:
        key = key_of(
            "ctdl-stack",
            _version(),
            source.config,
            source.doc(s.stack.file),
            [source.doc(m.file) for m in s.members],
            list(s.requires),
        )
        out.append(
            Job(ctdl_path("stack", s.id), key, partial(_ctdl_stack, catalog, s), kind="data")
        )
    return out


def _ctdl_credential(catalog: Catalog, pathway: Pathway, c: Credential) -> bytes:
    return to_json(ctdl.credential(catalog, pathway, c))


def _ctdl_stack(catalog: Catalog, s: ResolvedStack) -> bytes:
    return to_json(ctdl.stack(catalog, s))


def _csv(source: Plan) -> list[Job]:
    key = key_of("csv", _version(), _all_docs(source), source.csv_bom)
    render = partial(csv_table.render, source.catalog, source.pathway, bom=source.csv_bom)
    return [Job(CSV_PATH, key, render, kind="data")]


def notes(catalog: Catalog, formats: Iterable[str] = FORMATS) -> list[str]:
    """Warnings about what the exports had to leave out or make up."""
    chosen = set(formats)
    out = []
    if not catalog.config.base_url and chosen & {"openbadges", "catalog-json"}:
        out.append(
            "catalog.base_url is not set: Open Badges ids are stable urn:uuid: values, "
            "and criteria pages and badge images are left out; set it before publishing badges"
        )
    if "openbadges" in chosen:
        for c in catalog.credentials:
            for a in c.alignments:
                if not web(a.url):
                    what = "no url" if not a.url else "a url that is not a web address"
                    out.append(
                        f"{c.file}: alignment {a.name!r} has {what}; Open Badges requires "
                        "an http(s) targetUrl, so it is left out of the badge"
                    )
    if "ctdl" in chosen:
        out += ctdl.missing(catalog)
    return out


# -- `mcauthor export` ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    lint: LintResult
    files: list[tuple[str, bytes]]  # site path under data/, bytes
    notes: list[str]


def export(
    start: Path, formats: Iterable[str], *, strict: bool = False, csv_bom: bool = True
) -> ExportResult:
    """Lint, then render the chosen formats in memory. Refuses like ``build`` does."""
    from mcauthor.build import BuildRefused, source_date_epoch
    from mcauthor.stacks import resolve

    chosen = tuple(formats)
    epoch = source_date_epoch()
    result = lint(start, LintOptions())
    BuildRefused.check(result, strict)
    catalog = result.catalog
    date = build_date(str(epoch) if epoch is not None else None)
    source = Plan(catalog, resolve(catalog), result, date, csv_bom)
    return ExportResult(result, render_all(plan(source, chosen)), notes(catalog, chosen))


def render_all(jobs: list[Job]) -> list[tuple[str, bytes]]:
    """Every file's bytes, before anything is written (a failure writes nothing)."""
    return [(job.path, job.render()) for job in jobs]


def write_files(out: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    """Write under ``out`` with the ``data/`` prefix dropped, all or nothing.

    Every changed file is first written to a temporary file beside its target; only when
    all of them are written are they renamed into place (each rename atomic). A failure
    removes the temporary files and the folders this call created, and raises
    :class:`~mcauthor.errors.WriteError` naming the file. Writes go through
    :mod:`mcauthor.files`, so nothing is written through a symbolic link: a link on the
    way, or at a file's place, is refused.

    Creating a file costs far more than reading one, so identical files are left alone.
    """
    written = []
    with Folder.open(out, create=True) as root:
        staged: list[tuple[Folder, str, str]] = []  # (folder, temporary file, final name)
        tidied: set[tuple[str, ...]] = set()
        try:
            for path, data in files:
                rel = safe_relpath(path.removeprefix(DATA))
                written.append(out.joinpath(*rel.parts))
                if _kept(root, rel, out, data):
                    continue
                folder = root.child(rel.parts[:-1], create=True)
                if rel.parts[:-1] not in tidied:  # what a killed export left here
                    folder.tidy()
                    tidied.add(rel.parts[:-1])
                staged.append((folder, folder.stage(rel.name, data), rel.name))
            for folder, temporary, name in staged:
                folder.rename_in(temporary, name)
                staged = staged[1:]
        except BaseException:
            for folder, temporary, _ in staged:
                folder.discard(temporary)
            root.prune_created()
            raise
    return written


def _kept(root: Folder, rel: PurePosixPath, out: Path, data: bytes) -> bool:
    """Whether ``rel`` already holds ``data``; refuses a target that is no plain file."""
    info = root.lstat(rel)
    if info is None:
        return False
    shown = out.joinpath(*rel.parts)
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(f"refusing to write {shown}: it is a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise WriteError(f"cannot write {shown}: it is {kind}")
    return info.st_size == len(data) and root.read(rel) == data
