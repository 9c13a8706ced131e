"""`mcauthor export`: the data files on their own, without a site.

Renders the chosen formats (:data:`mcauthor.export.FORMATS`) in memory, then writes them
all or nothing, with the layout of the site's ``data/`` folder.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from mcauthor import paths
from mcauthor.errors import WriteError
from mcauthor.export import notes, plan
from mcauthor.files import Folder
from mcauthor.lint import LintResult
from mcauthor.output import Job, safe_relpath
from mcauthor.prepare import prepare


@dataclass(frozen=True)
class ExportResult:
    lint: LintResult
    files: list[tuple[str, bytes]]  # site path under data/, bytes
    notes: list[str]


def export(
    start: Path, formats: Iterable[str], *, strict: bool = False, csv_bom: bool = True
) -> ExportResult:
    """Lint, then render the chosen formats in memory. Refuses like ``build`` does."""
    chosen = tuple(formats)
    prepared = replace(prepare(start, strict=strict), csv_bom=csv_bom)
    files = render_all(plan(prepared, chosen))
    return ExportResult(prepared.lint, files, notes(prepared.catalog, chosen))


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
                rel = safe_relpath(path.removeprefix(paths.DATA))
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
