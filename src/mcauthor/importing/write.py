"""Writing what an import read: YAML files with comments, then lint on them, then a report.

Everything is checked before anything is written: the ids, that no two inputs give the
same file, that no file exists already (``--force`` overwrites), and that every stack
edit (``--stack``) can be made. Files go through the scaffold's writer (whole or not at
all, never through a symbolic link, inside the catalog).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mcauthor.files import read_regular
from mcauthor.importing import Imported, Target, clean, source
from mcauthor.model import Catalog
from mcauthor.placeholders import is_placeholder
from mcauthor.report import printable
from mcauthor.scaffold import (
    ScaffoldError,
    add_all_to_stack,
    check_id,
    check_new,
    open_catalog,
    os_errors,
    schema_ref,
    stack_edit,
    write_text,
)
from mcauthor.scaffold.listedit import CannotEdit

EXTRA = "x-imported"  # what the input had that no field holds, kept for the author
# The order of a file's fields, as `mcauthor new` writes them; others follow.
ORDER = {
    "credential": (
        "id", "title", "version", "status", "summary", "competency", "key_method",
        "research", "resources", "evidence", "rubric", "hours", "ceu", "credit", "requires",
        "tags", "audience", "alignments", "image",
    ),
    "stack": ("id", "title", "summary", "description", "award", "credentials", "requires"),
}  # fmt: skip


@dataclass
class Report:
    """What an import did, for the command's summary."""

    root: Path
    written: list[Path] = field(default_factory=list)
    found: dict[str, int] = field(default_factory=dict)  # field -> files that have it
    placeholders: dict[str, int] = field(default_factory=dict)  # field -> files left to write
    stacks: list[Path] = field(default_factory=list)  # stack files edited (--stack)


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, text with line breaks as literal blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip("\n") else None  # PyYAML chooses the chomping
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def document_text(item: Imported, schema: str) -> str:
    """The file's text: the schema line, where it came from, then the fields, each
    inferred one after a comment that says how."""
    order = ORDER[item.kind]
    data = {k: clean(item.data[k]) for k in order if k in item.data}
    data.update((k, clean(v)) for k, v in item.data.items() if k not in data)
    if item.unknown:
        data[EXTRA] = clean(item.unknown)
    body = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000, indent=2
    )
    head = [
        f"# yaml-language-server: $schema={schema}",
        f"# Imported from {_one_line(item.source)} by `mcauthor import`.",
        "# Lines starting `# imported:` say what was inferred; `TODO:` marks what is left to",
        f"# write. `{EXTRA}` keeps what the input had that no field holds.",
    ]
    shown: set[str] = set()
    lines: list[str] = []
    for line in body.split("\n")[:-1]:
        key = line.split(":", 1)[0] if line[:1].isalpha() else None
        if key in item.notes and key not in shown:
            shown.add(key)
            lines += [f"# imported: {_one_line(note)}" for note in item.notes[key]]
        lines.append(line)
    for key, notes in item.notes.items():  # notes on fields that were not written
        if key not in shown:
            head += [f"# imported ({key}): {_one_line(note)}" for note in notes]
    return "\n".join([*head, *lines]) + "\n"


def _one_line(text: str) -> str:
    """Text for a comment: one line, control characters and lone surrogates shown as
    escapes (a comment must stay a comment, and the file must stay UTF-8)."""
    shown = printable(" ".join(text.split()))
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


def run(
    name: str, inputs: Sequence[Path], start: Path, *, stack: str | None, force: bool
) -> Report:
    """Read ``inputs`` with the source ``name`` and write the catalog files."""
    try:
        root, catalog = open_catalog(start)
    except ScaffoldError as exc:
        raise _cannot(str(exc)) from None
    items = source(name).reader()(inputs, Target(catalog))
    report = Report(root)
    planned = _plan(root, catalog, items, force)
    edits = _stack_edits(root, catalog, stack, items)
    _check_folders(root, [path for path, _ in [*planned, *edits]])
    done: list[tuple[Path, bytes | None]] = []  # each file written, and what it held before
    try:
        for path, text in [*planned, *edits]:
            before = read_regular(path)
            write_text(path, text, root)
            done.append((path, before))
    except (ScaffoldError, OSError, ValueError) as exc:
        _undo(root, done)
        raise _cannot(f"{exc}; nothing written") from None
    report.written = [path for path, _ in planned]
    report.stacks = [path for path, _ in edits]
    _count(items, report)
    return report


def _check_folders(root: Path, paths: list[Path]) -> None:
    """Refuse, before anything is written, a file whose folder is something else (a
    catalog whose `stacks` is a file, say)."""
    for path in paths:
        for folder in path.relative_to(root).parents:
            where = root / folder
            if str(folder) != "." and where.exists() and not where.is_dir():
                raise _cannot(f"{where} is not a folder; nothing written")


def _undo(root: Path, done: list[tuple[Path, bytes | None]]) -> None:
    """Put back what the files held before this import (a new file is removed)."""
    for path, before in reversed(done):
        with contextlib.suppress(OSError, ScaffoldError, ValueError):
            if before is None:
                path.unlink()
            else:
                write_text(path, before.decode("utf-8", "surrogateescape"), root)


def _cannot(message: str) -> Exception:
    from mcauthor.errors import CannotRun

    return CannotRun(message)


def _plan(
    root: Path, catalog: Catalog, items: list[Imported], force: bool
) -> list[tuple[Path, str]]:
    """Each item's path and text, all checked before anything is written."""
    out: list[tuple[Path, str]] = []
    seen: dict[Path, str] = {}
    for item in items:
        folder = "credentials" if item.kind == "credential" else "stacks"
        path = root / folder / f"{item.ident}.yaml"
        try:
            check_id(item.ident, f"{item.kind} id (from {item.source})")
            if path in seen:
                raise ScaffoldError(
                    f"{item.source} and {seen[path]} both give the {item.kind} `{item.ident}`; "
                    "nothing written"
                )
            seen[path] = item.source
            existing = catalog.credentials if item.kind == "credential" else catalog.stacks
            with os_errors(f"cannot write {path}"):
                check_new(root, path, ((c.id, c.file) for c in existing), item.kind, force)
        except ScaffoldError as exc:
            raise _cannot(str(exc)) from None
        out.append((path, document_text(item, schema_ref(path, root, item.kind))))
    return out


def _stack_edits(
    root: Path, catalog: Catalog, stack: str | None, items: list[Imported]
) -> list[tuple[Path, str]]:
    """Each stack file with the imported credentials it should list added to its list:
    those the input put in a stack of the catalog, and all of them with ``--stack``."""
    wanted: dict[str, list[str]] = {}
    for item in items:
        if item.kind != "credential":
            continue
        for name in [*item.stacks, *([stack] if stack else [])]:
            if item.ident not in wanted.setdefault(name, []):
                wanted[name].append(item.ident)
    out = []
    for name, idents in wanted.items():
        if any(i.kind == "stack" and i.ident == name for i in items):
            continue  # written by this import, with its credentials
        try:
            path, before, text = stack_edit(root, catalog, name, idents[0])
            text = add_all_to_stack(text, idents[1:])
        except ScaffoldError as exc:
            raise _cannot(str(exc)) from None
        except CannotEdit as exc:  # the list is not in a shape that can be edited safely
            raise _cannot(f"cannot add the credentials to stack `{name}`: {exc}") from None
        if text != before:
            out.append((path, text))
    return out


def _count(items: list[Imported], report: Report) -> None:
    for item in items:
        for key, value in item.data.items():
            if _holds_placeholder(value):
                report.placeholders[key] = report.placeholders.get(key, 0) + 1
            else:
                report.found[key] = report.found.get(key, 0) + 1


def _holds_placeholder(value: object) -> bool:
    if isinstance(value, dict):
        return any(_holds_placeholder(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_placeholder(v) for v in value)
    return is_placeholder(value)
