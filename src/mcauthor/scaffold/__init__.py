"""Scaffolding: ``mcauthor init`` (a new catalog) and ``mcauthor new`` (one credential or stack).

The files come from the templates in ``templates/``: real files with ``@@name@@`` slots.
Values from the user go into YAML only as quoted scalars (:func:`yaml_str`), so a title
such as ``Foo: "bar" # baz`` stays one string. Slots are filled in one pass, so text that
looks like a slot inside a value is never filled again.

Placeholders in new files are text starting with ``TODO:`` (or a bare ``TODO`` where a
number or address goes), so that ``grep TODO`` finds what is left to write.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mcauthor import __version__
from mcauthor.errors import WriteError
from mcauthor.files import Folder, link_below
from mcauthor.ids import ID_PATTERN, slug
from mcauthor.placeholders import is_placeholder
from mcauthor.scaffold.listedit import CannotEdit, append_to_list
from mcauthor.schemakinds import FILE_KINDS

if TYPE_CHECKING:
    from mcauthor.model import Catalog, Level
    from mcauthor.yamlread import Parsed

REPO_URL = "https://github.com/mcauthor/mcauthor"
EXAMPLE_CREDENTIAL = "feedback-for-learning"
EXAMPLE_STACK = "formative-assessment-basics"
SCHEMA_DIR = ".schemas"

_SLOT = re.compile(r"@@(\w+)@@")
# Characters YAML does not allow raw in a file, or that YAML 1.1 readers take for line
# breaks (NEL, LS, PS); JSON leaves them raw, so they are escaped on top of json.dumps.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# The `status` line of a new file (see _status for a credential added to a published stack).
DRAFT = "draft  # draft while you write it; published when educators can earn it; retired"
ID_MAX = 100  # a file name of ID_MAX + 5 characters fits every common file system


class ScaffoldError(Exception):
    """The files cannot be written as asked; the message is one line."""


@dataclass(frozen=True, slots=True)
class Created:
    """What ``new credential`` / ``new stack`` wrote."""

    root: Path
    path: Path  # the new file
    placeholders: int  # lines with a TODO placeholder in it
    stack: Path | None = None  # the stack file the credential was added to
    added: bool = False  # False when the stack already listed the credential


# -- values into YAML -------------------------------------------------------------------


def yaml_str(value: str) -> str:
    """``value`` as a double-quoted YAML scalar that reads back as exactly ``value``."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def yaml_id(value: str) -> str:
    """An id as a plain scalar, quoted when a YAML 1.2 or 1.1 reader would not read text."""
    from mcauthor.yamlread import resolve_plain, yaml11_surprise

    if resolve_plain(value) == value and yaml11_surprise(value) is None:
        return value
    return yaml_str(value)


def check_id(value: str, what: str) -> None:
    if len(value) > ID_MAX:
        raise ScaffoldError(
            f"`{value[:20]}...` is not a valid {what}: it has {len(value)} characters, "
            f"at most {ID_MAX} are allowed"
        )
    if not ID_PATTERN.fullmatch(value):
        raise ScaffoldError(
            f"`{value}` is not a valid {what}: use lowercase letters, digits and single "
            "hyphens, like `task-design-validity`"
        )


def _clean(value: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise ScaffoldError(f"the {what} is empty")
    if _SURROGATE.search(text):
        raise ScaffoldError(f"the {what} is not valid text (it holds undecodable bytes)")
    return text


# -- templates --------------------------------------------------------------------------


def template(name: str) -> str:
    return resources.files("mcauthor.scaffold").joinpath(f"templates/{name}").read_text("utf-8")


def fill(name: str, values: Mapping[str, str]) -> str:
    """Template ``name`` with every ``@@slot@@`` replaced (all slots must have values)."""

    def value(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return _SLOT.sub(value, template(name))


def _markdown_text(value: str) -> str:
    """One line of literal text for markdown: no line breaks, no markup."""
    flat = " ".join(value.split())
    return re.sub(r"([\\`*_\[\]<>|#!])", r"\\\1", flat)


def schema_ref(path: Path, root: Path, kind: str) -> str:
    target = root / SCHEMA_DIR / f"{kind}.json"
    return Path(os.path.relpath(target, path.parent)).as_posix()


# -- mcauthor init ----------------------------------------------------------------------


def init_files(
    issuer: str, title: str, *, ident: str | None = None, base_url: str | None = None
) -> dict[str, str]:
    """The files of a new catalog: relative path → text."""
    issuer = _clean(issuer, "issuer's name")
    title = _clean(title, "catalog title")
    ident = slug(title) if ident is None else ident.strip()
    check_id(ident, "catalog id")
    values = {
        "id": yaml_id(ident),
        "title": yaml_str(title),
        "issuer": yaml_str(issuer),
        "description": yaml_str(f"Micro-credentials from {issuer}."),
        "base_url": _base_url_line(base_url),
        "version": __version__,
        "repo_url": REPO_URL,
    }
    readme = {
        **values,
        "title": _markdown_text(title),
        "issuer": _markdown_text(issuer),
        "stack": EXAMPLE_STACK,
    }
    from mcauthor.schema import schema_text

    files = {
        "mcauthor.yaml": fill("init/mcauthor.yaml.tmpl", values),
        f"credentials/{EXAMPLE_CREDENTIAL}.yaml": template("init/credential.yaml.tmpl"),
        f"stacks/{EXAMPLE_STACK}.yaml": template("init/stack.yaml.tmpl"),
        **{f"{SCHEMA_DIR}/{kind}.json": schema_text(kind) for kind in FILE_KINDS},
        ".gitignore": template("init/gitignore.tmpl"),
        ".pre-commit-config.yaml": fill("init/pre-commit-config.yaml.tmpl", values),
        ".github/workflows/catalog.yml": fill("init/catalog-workflow.yml.tmpl", values),
        "README.md": fill("init/README.md.tmpl", readme),
    }
    return files


def _base_url_line(base_url: str | None) -> str:
    if base_url is None:
        return "  # base_url: https://credentials.example.org/  # where the site will be published"
    from mcauthor.rules._util import url_problem

    url = base_url.strip()
    problem = url_problem(url)
    if problem is not None:
        raise ScaffoldError(f"--base-url `{url}` {problem}; give one like https://example.org/")
    return f"  base_url: {yaml_str(url)}  # where the site is published"


def init_catalog(
    target: Path,
    issuer: str,
    title: str,
    *,
    ident: str | None = None,
    base_url: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Write a new catalog into ``target``; the paths written, in order.

    Without ``force`` nothing is written when any of the files already exists. Nothing
    is ever written outside ``target`` (not through a symbolic link either), nor into a
    folder inside another catalog.
    """
    files = init_files(issuer, title, ident=ident, base_url=base_url)
    with os_errors(f"cannot write into {target}"):
        if target.exists() and not target.is_dir():
            raise ScaffoldError(f"{target} is a file, not a folder")
        _check_not_nested(target)
        _check_free(target, files, force=force)
        written: list[Path] = []
        for rel, text in files.items():
            path = target / rel
            write_text(path, text, target)
            written.append(path)
    return written


def _check_not_nested(target: Path) -> None:
    """Refuse a target inside another catalog: that catalog would lint the new files.

    A target that is itself a catalog's root is left to the overwrite check.
    """
    from mcauthor.catalogfiles import CONFIG_NAME

    for folder in target.resolve().parents:
        if (folder / CONFIG_NAME).is_file():
            raise ScaffoldError(
                f"{target} is inside the catalog at {folder}; nothing written (start the "
                "new catalog in a folder outside it)"
            )


def _check_free(target: Path, files: Iterable[str], *, force: bool) -> None:
    """Refuse before writing anything: a file in the way, a file where a folder goes, a
    symbolic link in the way or a folder that leads out of ``target``."""
    taken: list[Path] = []
    for rel in files:
        path = target / rel
        for parent in reversed(path.relative_to(target).parents[:-1]):
            folder = target / parent
            if folder.exists() and not folder.is_dir():
                raise ScaffoldError(f"{folder} is a file, but init needs a folder there")
        _check_inside(path, target)
        if path.is_symlink():
            raise ScaffoldError(
                f"{path} is a symbolic link; nothing written (init never writes through "
                "a link, even with --force: remove it first)"
            )
        if path.is_dir():
            raise ScaffoldError(f"{path} is a folder, but init needs to write a file there")
        if path.exists():
            taken.append(path)
    if taken and not force:
        more = f" (and {len(taken) - 1} more of the files init writes)" if len(taken) > 1 else ""
        raise ScaffoldError(
            f"{taken[0]} already exists{more}; nothing written (--force overwrites)"
        )


def _check_inside(path: Path, root: Path) -> None:
    """Refuse a file whose folder is (or, once created, would be) outside ``root``.

    Symbolic links are followed, so a linked folder that leads elsewhere is caught.
    """
    if not path.parent.resolve().is_relative_to(root.resolve()):
        raise ScaffoldError(
            f"{path} would be written outside {root} (a folder on the way is a symbolic "
            "link out of it); nothing written"
        )


@contextlib.contextmanager
def os_errors(what: str) -> Iterator[None]:
    """A file-system error (a name too long, no permission ...) as a one-line ScaffoldError."""
    try:
        yield
    except OSError as exc:
        raise ScaffoldError(f"{what}: {exc.strerror or type(exc).__name__}") from None


def write_text(path: Path, text: str, root: Path) -> None:
    """Write ``path`` (inside ``root``) whole or not at all, never through a symbolic link
    (see :mod:`mcauthor.files`); an existing file keeps its permissions."""
    rel = path.relative_to(root).as_posix()
    try:
        with Folder.open(root, create=True) as folder:
            folder.write(rel, text.encode("utf-8"))  # the templates' \n line breaks, as they are
    except WriteError as exc:
        raise ScaffoldError(str(exc)) from None


def next_steps(target: Path) -> list[str]:
    """What to do after ``init``, as shell commands."""
    here = target.resolve() == Path.cwd().resolve()
    steps = [] if here else [f"cd {shlex.quote(str(target))}"]
    return [
        *steps,
        "mcauthor lint",
        f"mcauthor new credential my-credential --stack {EXAMPLE_STACK}",
        "mcauthor build",
        # pre-commit is not a dependency of mcauthor; installing it again does nothing.
        "git init && pip install pre-commit && pre-commit install",
    ]


# -- mcauthor new -----------------------------------------------------------------------


def new_credential(
    start: Path,
    ident: str,
    *,
    title: str | None = None,
    stack: str | None = None,
    force: bool = False,
) -> Created:
    """Write ``credentials/ID.yaml`` from the template; with ``stack``, list it there too.

    Everything is checked (and the stack edit made in memory) before anything is written.
    """
    check_id(ident, "credential id")
    root, catalog = open_catalog(start)
    path = root / "credentials" / f"{ident}.yaml"
    with os_errors(f"cannot write {path}"):
        existing = ((c.id, c.file) for c in catalog.credentials)
        check_new(root, path, existing, "credential", force)
        edit = stack_edit(root, catalog, stack, ident) if stack is not None else None
        text = credential_text(
            ident,
            title=title,
            scales=catalog.config.scales,
            schema=schema_ref(path, root, "credential"),
            status=_status(catalog, stack),
        )
        write_text(path, text, root)
        if edit is None:
            return Created(root, path, _placeholders(text))
        stack_path, before, after = edit
        if after != before:
            write_text(stack_path, after, root)
        return Created(root, path, _placeholders(text), stack_path, after != before)


def new_stack(start: Path, ident: str, *, title: str | None = None, force: bool = False) -> Created:
    """Write ``stacks/ID.yaml`` from the template."""
    check_id(ident, "stack id")
    root, catalog = open_catalog(start)
    path = root / "stacks" / f"{ident}.yaml"
    with os_errors(f"cannot write {path}"):
        check_new(root, path, ((s.id, s.file) for s in catalog.stacks), "stack", force)
        values = {
            "schema": schema_ref(path, root, "stack"),
            "id": yaml_id(ident),
            "file_id": ident,
            "title": _title(title, "The stack's name"),
        }
        text = fill("new/stack.yaml.tmpl", values)
        write_text(path, text, root)
    return Created(root, path, _placeholders(text))


def credential_text(
    ident: str,
    *,
    title: str | None,
    scales: Mapping[str, tuple[Level, ...]],
    schema: str,
    status: str = DRAFT,
) -> str:
    values = {
        "schema": schema,
        "id": yaml_id(ident),
        "file_id": ident,
        "title": _title(title, "The credential's name"),
        "status": status,
        "rubric": _rubric(scales),
    }
    return fill("new/credential.yaml.tmpl", values)


def _status(catalog: Catalog, stack: str | None) -> str:
    """The new credential's `status` line: a draft, unless it joins a published stack.

    A published stack may not list a draft (MC606), so a credential added to one is
    published with it; its placeholders (MC514) still keep `build --strict` from
    publishing it until they are filled in.
    """
    found = [s for s in catalog.stacks if s.id == stack]
    if not found or found[0].status != "published":
        return DRAFT
    return "published  # as its stack is: a published stack cannot list a draft"


_PARTS = (
    ("overview", "the overview"),
    ("artifacts", "the work examples"),
    ("reflection", "the reflection"),
)


def _rubric(scales: Mapping[str, tuple[Level, ...]]) -> str:
    """The rubric block: the catalog's first scale, else two inline levels."""
    name = next((n for n, levels in scales.items() if len(levels) >= 2), None)
    if name is not None:
        lines = [f"  scale: {yaml_id(name)}  # a scale from mcauthor.yaml"]
        levels = [(level.id, level.label) for level in scales[name]]
    else:
        lines = [
            "  levels:  # or define a scale in mcauthor.yaml and use `scale: NAME`",
            "    - {id: pass, label: Pass, passing: true}",
            "    - {id: not-yet, label: Not yet}",
        ]
        levels = [("pass", "Pass"), ("not-yet", "Not yet")]
    lines.append("  criteria:  # one or more per evidence part")
    for part, words in _PARTS:
        lines += [
            f"    - id: {part}",
            f"      evidence: {part}",
            f"      title: {yaml_str(f'TODO: What reviewers look for in {words}')}",
            "      descriptors:",
        ]
        lines += [
            f"        {yaml_id(level)}: {yaml_str(f'TODO: What {label} work shows.')}"
            for level, label in levels
        ]
    return "\n".join(lines)


def _title(title: str | None, placeholder: str) -> str:
    if title is None:
        return yaml_str(f"TODO: {placeholder}")
    return yaml_str(_clean(title, "title"))


def _placeholders(text: str) -> int:
    return sum(1 for line in text.splitlines() if "TODO" in line.split("#", 1)[0])


def open_catalog(start: Path) -> tuple[Path, Catalog]:
    from mcauthor.lint import gather
    from mcauthor.loader import CannotRun

    try:
        catalog, _, _ = gather(start, cache=False)
    except CannotRun as exc:
        raise ScaffoldError(str(exc)) from None
    return catalog.root, catalog


def check_new(
    root: Path, path: Path, existing: Iterable[tuple[str, str]], kind: str, force: bool
) -> None:
    rel = path.relative_to(root).as_posix()
    ident = path.stem
    _check_inside(path, root)
    if link_below(path.parent, root) is not None:
        raise ScaffoldError(f"{rel}: its folder is a symbolic link; nothing written")
    if path.is_symlink():
        raise ScaffoldError(
            f"{rel} is a symbolic link; nothing written (mcauthor never writes through a link, "
            "even with --force: remove it first)"
        )
    if path.is_dir():
        raise ScaffoldError(f"{rel} is a folder")
    if path.exists() and not force:
        raise ScaffoldError(f"{rel} already exists (--force overwrites it)")
    for other_id, other_file in existing:
        if other_file != rel and ident in (other_id, Path(other_file).stem):
            raise ScaffoldError(f"a {kind} `{ident}` already exists: {other_file}")


def stack_edit(root: Path, catalog: Catalog, stack: str, ident: str) -> tuple[Path, str, str]:
    """The stack's file, its text and its text with ``ident`` added to ``credentials``."""
    from mcauthor.suggest import did_you_mean

    found = [s for s in catalog.stacks if s.id == stack]
    if not found:
        hint = did_you_mean(stack, [s.id for s in catalog.stacks], loose=True)
        raise ScaffoldError(f"no stack `{stack}`{hint} (nothing written)")
    rel = found[0].file
    path = root / rel
    if link_below(path, root) is not None:
        raise ScaffoldError(
            f"cannot add `{ident}` to {rel}: it is a symbolic link (or lies in a folder that "
            "is one); add it by hand (nothing written)"
        )
    _check_inside(path, root)
    try:
        before = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScaffoldError(f"cannot read {rel}: {exc}") from None
    try:
        after = add_to_stack(before, ident)
    except CannotEdit as exc:
        raise ScaffoldError(
            f"cannot add `{ident}` to {rel}: {exc}; add it by hand (nothing written)"
        ) from None
    return path, before, after


def add_to_stack(text: str, ident: str) -> str:
    """A stack file's text with ``ident`` appended to its ``credentials`` list.

    Unchanged when the list already holds ``ident``. Raises :class:`CannotEdit` unless
    the edited text reads back as the same stack with exactly that one id added.
    """
    return add_all_to_stack(text, [ident])


def add_all_to_stack(text: str, idents: Sequence[str]) -> str:
    """:func:`add_to_stack` for several ids, the text read twice whatever their number."""
    from mcauthor.yamlread import parse

    data = _stack_data(parse(text))
    listed = data.get("credentials")
    listed = [] if listed is None else listed
    if not isinstance(listed, list) or not all(isinstance(i, str) for i in listed):
        raise CannotEdit("`credentials` is not a list of ids")
    new = [i for i in dict.fromkeys(idents) if i not in listed]
    if not new:
        return text
    edited = text
    for ident in new:
        edited = append_to_list(edited, "credentials", yaml_id(ident), stand_in=is_placeholder)
    try:
        result = _stack_data(parse(edited))
    except CannotEdit:
        result = {}
    # A one-line list of placeholders (as `new stack` writes) gives way to the first id.
    wanted = [[*listed, *new]]
    if listed and all(map(is_placeholder, listed)):
        wanted.append(new)
    if result.pop("credentials", None) not in wanted or result != _without(data, "credentials"):
        raise CannotEdit("the edit would change more than the `credentials` list")
    return edited


def _without(data: dict[str, object], key: str) -> dict[str, object]:
    return {k: v for k, v in data.items() if k != key}


def _stack_data(parsed: Parsed) -> dict[str, object]:
    if parsed.fatal or not isinstance(parsed.data, dict):
        raise CannotEdit("the file is not a valid stack (run `mcauthor lint`)")
    if any(p.kind in {"syntax", "duplicate-key", "multi-document", "tag"} for p in parsed.problems):
        raise CannotEdit("the file has YAML problems (run `mcauthor lint`)")
    return dict(parsed.data)
