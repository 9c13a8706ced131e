"""A warm ``mcauthor lint``: the last lint's report, given back while nothing it was
computed from has changed.

The per-file cache (:mod:`mcauthor.cache`) spares a lint reading and checking unchanged
files, but it still models every credential and runs every rule: 0.6 s for 1,000
credentials with nothing changed. So ``mcauthor lint`` also keeps its last report per
catalog, under a key that covers everything a lint depends on:

- mcauthor itself: its version and the size and time of every file of its package
  (during development the version stays the same while rules change), the Python and
  the versions of the libraries whose answers reach a finding (the lexicon, YAML, JSON
  Schema, Markdown);
- the options that change the report: ``--select``, ``--ignore``, ``--fail-on`` and the
  files ``--changed-since`` named;
- the real paths of the catalog and of the user cache folder, which is never read;
- ``mcauthor.yaml``'s text; each catalog file's path, kind and bytes (SHA-256); the
  findings about files that may not be read (links out of the catalog, names mcauthor
  does not read) and about links under ``templates/``.

Besides the files, rules ask the disk one thing: where each asset path leads. Those
questions and their answers are kept with the report (:mod:`mcauthor.asked`) and asked
again before it is given back, so a kept report is exactly what a fresh lint would say.

A warm lint reads no YAML: the kept report also holds the ``lint.exclude`` and
``build.out`` settings that the config's bytes gave, so listing the files needs no
parse, and nothing of the lint (the rules, the YAML parser, the model) is imported.

It is trusted as :mod:`mcauthor.cache` is: it lives in the user's own cache folder, never
in the catalog, sealed with that folder's key, so a report written elsewhere, by another
version or changed by hand fails its seal and is ignored. A lint whose files changed
while it ran keeps nothing. Only ``mcauthor lint`` (without ``--fix``) uses it;
``--no-cache`` turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mcauthor
from mcauthor import __version__, usercache
from mcauthor.asked import Answers, recording, still_true
from mcauthor.catalogfiles import CONFIG_NAME, DISK, TooLarge, catalog_path, listed, template_links
from mcauthor.confine import Confinement
from mcauthor.diagnostics import Criterion, Diagnostic, Reported, Severity
from mcauthor.errors import CannotRun
from mcauthor.findings import Finding
from mcauthor.lintoptions import LintOptions

if TYPE_CHECKING:
    from mcauthor.lint import LintResult

SUFFIX = ".report.json"
FORMAT = "3"  # of a kept report: a new layout never reads an old one
# The libraries whose answers can change a finding.
LIBRARIES = ("lemminflect", "pyyaml", "jsonschema", "fastjsonschema", "markdown-it-py")


@dataclass(frozen=True)
class Settings:
    """What listing the catalog's files needs from its config."""

    exclude: tuple[str, ...]
    out: str


@dataclass(frozen=True)
class Probe:
    """What a lint of ``root`` would read now: the key of it all, the number of catalog
    files, and every file's bytes (the config's included), for a report to quote."""

    root: Path
    key: str
    files: int
    raw: dict[str, bytes]


def lint_report(root: Path, options: LintOptions) -> Reported:
    """The report of linting ``root``: kept from the last lint when nothing it depends on
    changed, else a fresh lint's (which is then kept)."""
    if not options.cache:
        from mcauthor.lint import lint

        return lint(root, options)
    if options.select or options.ignore:  # a bad selector stops the command, kept or not
        from mcauthor.lint import check_selectors

        check_selectors(options.select)
        check_selectors(options.ignore, ignoring=True)
    store = usercache.Store.open(usercache.LINT)
    row = _row(store, root)
    if row is not None:
        now = probe(root, options, row[0])
        report = _report(row[1], now) if now is not None else None
        if report is not None:
            return report
    from mcauthor.lint import lint  # only now: a kept report needs none of it

    read = _Reading(root)
    with recording() as answers:
        result = lint(root, options, files=read)
    config = result.catalog.config
    settings = Settings(tuple(config.lint.exclude), config.build.out)
    # Kept only when the files are now what the lint read: an edit saved while it ran
    # (even one undone again) shows as a difference, and then nothing is kept.
    done = read.probe(options, settings)
    after = probe(root, options, settings)
    if store is not None and done is not None and after is not None and done.key == after.key:
        _keep(store, after, settings, result, answers)
    return result


class _Reading:
    """The disk as a lint reads it (:class:`mcauthor.catalogfiles.Files`), noting what it
    found and the bytes it read, so that the report is keyed by exactly those."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.found: list[tuple[Path, str]] = []
        self.not_read: list[Finding] = []
        self.raw: dict[str, bytes] = {}
        self.failed = False

    def discover(self, root: Path, findings: list[Finding]) -> list[tuple[Path, str]]:
        start = len(findings)
        self.found = DISK.discover(root, findings)
        self.not_read = findings[start:]
        return self.found

    def read(self, path: Path) -> bytes:
        try:
            data = DISK.read(path)
        except (TooLarge, OSError):
            self.failed = True  # a file a lint cannot read: nothing is kept
            raise
        self.raw[catalog_path(self.root, path)] = data
        return data

    def probe(self, options: LintOptions, settings: Settings) -> Probe | None:
        found = [(p, k) for p, k in self.found if catalog_path(self.root, p) in self.raw]
        if self.failed or CONFIG_NAME not in self.raw:
            return None
        return _keyed(self.root, options, settings, found, self.raw, self.not_read)


def probe(root: Path, options: LintOptions, settings: Settings) -> Probe | None:
    """Read what a lint reads and key it; None when a kept report would not serve: a
    file cannot be read (a lint says why)."""
    try:
        if Confinement.of(root).problem(CONFIG_NAME) is not None:
            return None
        raw = {CONFIG_NAME: DISK.read(root / CONFIG_NAME)}
        not_read: list[Finding] = []
        found = listed(root, settings.exclude, DISK, not_read)
        for path, _ in found:
            raw[catalog_path(root, path)] = DISK.read(path)
    except (CannotRun, TooLarge, OSError):
        return None
    return _keyed(root, options, settings, found, raw, not_read)


def _keyed(
    root: Path,
    options: LintOptions,
    settings: Settings,
    found: list[tuple[Path, str]],
    raw: dict[str, bytes],
    not_read: list[Finding],
) -> Probe:
    """The key of a lint of these files (``raw``: the config's bytes and each found
    file's) under these options and settings."""
    digest = hashlib.sha256()
    for part in (
        [FORMAT, _salt()],
        [os.path.realpath(root), os.path.realpath(usercache.base() or "/")],
        [*options.select, "\0", *options.ignore, "\0", options.fail_on or ""],
        sorted(options.changed) if options.changed is not None else None,
        sorted(options.files) if options.files is not None else None,
        [settings.exclude, settings.out],
        [repr(f) for f in (*not_read, *template_links(root, settings.out))],
    ):
        digest.update(json.dumps(part).encode() + b"\n")
    digest.update(
        f"{CONFIG_NAME}\0config\0{hashlib.sha256(raw[CONFIG_NAME]).hexdigest()}\n".encode()
    )
    for path, kind in found:
        rel = catalog_path(root, path)
        digest.update(f"{rel}\0{kind}\0{hashlib.sha256(raw[rel]).hexdigest()}\n".encode())
    return Probe(root, digest.hexdigest(), 1 + len(found), raw)


@functools.cache
def _salt() -> str:
    """mcauthor's version and package files, the Python, the libraries' versions."""
    package = Path(mcauthor.__file__).parent
    parts = [__version__, sys.version, *_installed(LIBRARIES), *stamps(package)]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def stamps(package: Path) -> list[str]:
    """Each file of ``package`` (Python's own caches aside): its path, size and time."""
    found: list[str] = []
    for folder, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            info = os.stat(os.path.join(folder, name))
            rel = os.path.relpath(os.path.join(folder, name), package)
            found.append(f"{rel} {info.st_size} {info.st_mtime_ns}")
    return found


def _installed(names: tuple[str, ...]) -> list[str]:
    """The ``.dist-info`` folders of the distributions ``names`` on ``sys.path`` (their
    names hold the versions): what ``importlib.metadata`` finds, without its import."""
    wanted = {_normal(name) for name in names}
    found: list[str] = []
    for entry in sys.path:
        if not entry:
            continue  # the current folder: not where libraries are installed
        try:
            listing = sorted(os.listdir(entry))
        except OSError:
            continue
        for name in listing:
            stem, dot, suffix = name.rpartition(".")
            known = dot and suffix in ("dist-info", "egg-info")
            if known and _normal(stem.split("-")[0]) in wanted:
                found.append(f"{entry} {name}")
    return found


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _row(store: usercache.Store | None, root: Path) -> tuple[Settings, dict[str, Any]] | None:
    """The kept report of ``root`` and the settings it was listed with, if any."""
    body = store.read(_name(root)) if store is not None else None
    if body is None:
        return None
    try:
        row = json.loads(body)
        settings = Settings(tuple(str(g) for g in row["exclude"]), str(row["out"]))
    except (KeyError, TypeError, ValueError):
        return None
    return (settings, row) if isinstance(row, dict) else None


def _report(row: dict[str, Any], now: Probe) -> Reported | None:
    """The kept report, when it is ``now``'s and its questions get the same answers."""
    import mcauthor.places  # noqa: F401  (its questions must be known to be asked)

    try:
        if row["key"] != now.key:
            return None
        asked = [
            (tuple(None if t is None else str(t) for t in question), answer)
            for question, answer in row["asked"]
        ]
        diagnostics = tuple(_diagnostic_in(d) for d in row["diagnostics"])
        fail_on = Severity(row["fail_on"])
        hidden = int(row["hidden"])
        framed = [str(path) for path in row["framed"]]
    except (KeyError, TypeError, ValueError):
        return None
    if not still_true(now.root, asked):
        return None
    return Reported(
        root=now.root,
        files=now.files,
        diagnostics=diagnostics,
        fail_on=fail_on,
        documents={path: source for path in framed if (source := _source(now, path))},
        hidden=hidden,
    )


def _keep(
    store: usercache.Store, now: Probe, settings: Settings, result: LintResult, answers: Answers
) -> None:
    """Keep ``result``, a lint of what ``now`` read, with the questions it asked."""
    row = {
        "key": now.key,
        "exclude": list(settings.exclude),
        "out": settings.out,
        # sorted by their JSON text: arguments may be None, which does not sort with text
        "asked": sorted(([list(q), a] for q, a in answers.items()), key=json.dumps),
        "diagnostics": [d.to_json() for d in result.diagnostics],
        "fail_on": result.fail_on.value,
        "hidden": result.hidden,
        # the files whose lines the text report quotes (those a lint could read as text)
        "framed": sorted({d.path for d in result.diagnostics} & set(result.documents)),
    }
    store.write(_name(now.root), json.dumps(row, separators=(",", ":")).encode())


def _name(root: Path) -> str:
    return usercache.Store.name_for(root, SUFFIX)


def _diagnostic_in(row: dict[str, Any]) -> Diagnostic:
    criterion = row["criterion"]
    return Diagnostic(
        code=str(row["code"]),
        name=str(row["name"]),
        severity=Severity(row["severity"]),
        criterion=Criterion(criterion) if criterion is not None else None,
        message=str(row["message"]),
        path=str(row["path"]),
        line=int(row["line"]),
        column=int(row["column"]),
        hint=None if row["hint"] is None else str(row["hint"]),
    )


@dataclass(frozen=True)
class _Lines:
    lines: list[str]


def _source(now: Probe, path: str) -> _Lines | None:
    """The text of ``path`` as the lint read it, for the report to quote."""
    from mcauthor.yamlread import decode

    raw = now.raw.get(path)
    text = decode(raw)[0] if raw is not None else None
    return _Lines(text.splitlines()) if text is not None else None
