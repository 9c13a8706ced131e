"""Machine-readable exports: catalog JSON, Open Badges 3.0, CTDL and CSV.

Each format is a module, listed once in :data:`FORMATS` (see :class:`Format`). ``mcauthor
build`` writes every format under ``data/`` (jobs with keys, so an edit rewrites only the
files that show it); ``mcauthor export`` (:mod:`mcauthor.export.standalone`) writes the
chosen ones on their own; the command line's choices and the docs read the same list.

Layout under the site's ``data/`` (``export --out DIR`` uses the same layout in DIR):
``catalog.json``, ``openbadges/<id>.json``, ``openbadges/stacks/<id>.json``,
``openbadges-v2/...``, ``ctdl/<id>.json``, ``ctdl/stacks/<id>.json`` and ``credentials.csv``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from mcauthor import paths
from mcauthor.output import Job, Output

if TYPE_CHECKING:
    from mcauthor.model import Catalog
    from mcauthor.prepare import Prepared


@dataclass(frozen=True)
class Format:
    """One data export format: ``mcauthor export --format NAME``, and files under data/.

    Its module (``mcauthor.export.<module>``) defines ``plan(prepared) -> list[Job]`` and,
    if the format has to leave something out or make something up, ``notes(catalog) ->
    list[str]`` (printed as warnings). The module is imported when the format is used, so
    that the command line can list the formats without loading them.
    """

    name: str  # the --format value
    module: str
    summary: str  # what it is, for the help and the docs
    single: str | None = None  # its one file's path, if one file (it can go to stdout)
    in_build_notes: bool = True  # whether `mcauthor build` prints the notes too

    def plan(self, prepared: Prepared) -> list[Job]:
        return cast("list[Job]", self._module().plan(prepared))

    def notes(self, catalog: Catalog) -> list[str]:
        notes = getattr(self._module(), "notes", None)
        return [] if notes is None else cast("list[str]", notes(catalog))

    def _module(self) -> Any:
        return importlib.import_module(f"mcauthor.export.{self.module}")


# Every export format, in the order build writes them and the docs list them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "catalog-json",
            "catalog_json",
            "the whole resolved catalog in one JSON file: `data/catalog.json`",
            single=paths.CATALOG_DATA,
        ),
        Format(
            "openbadges",
            "openbadges",
            "an Open Badges 3.0 Achievement per credential and per awarded stack: "
            "`data/openbadges/<id>.json`, `data/openbadges/stacks/<id>.json`",
        ),
        Format(
            "openbadges-v2",
            "openbadges2",
            "Open Badges 2.0 BadgeClasses per credential and per awarded stack, and the issuer's "
            "Profile: `data/openbadges-v2/<id>.json`, `data/openbadges-v2/stacks/<id>.json`, "
            "`data/openbadges-v2/issuer/profile.json`",
        ),
        # The registry's needs are for `export --format ctdl`: most catalogs never register.
        Format(
            "ctdl",
            "ctdl",
            "Credential Engine (CTDL) JSON-LD per credential and stack: `data/ctdl/<id>.json`, "
            "`data/ctdl/stacks/<id>.json`",
            in_build_notes=False,
        ),
        Format(
            "csv",
            "csv_table",
            "one row per credential, for spreadsheets: `data/credentials.csv`",
            single=paths.CSV,
        ),
    )
}


def plan(prepared: Prepared, formats: Iterable[str] = FORMATS) -> list[Job]:
    return [job for name in formats for job in FORMATS[name].plan(prepared)]


OUTPUT = Output("data", plan)


def notes(catalog: Catalog, formats: Iterable[str] = FORMATS, *, build: bool = False) -> list[str]:
    """Warnings about what the chosen formats had to leave out or make up (with
    ``build``: those build prints), each once."""
    chosen = [FORMATS[name] for name in formats]
    said = [n for f in chosen if f.in_build_notes or not build for n in f.notes(catalog)]
    return list(dict.fromkeys(said))


def reference() -> str:
    """The table of formats in docs/format.md (``python scripts/rules-doc`` writes it)."""
    rows = [f"| `{f.name}` | {f.summary} |" for f in FORMATS.values()]
    return "\n".join(["| `--format` | what it writes |", "|---|---|", *rows]) + "\n"
