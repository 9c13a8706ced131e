"""The Jinja environment: built-in templates, overridable by the catalog's templates/.

Lookup order for a name such as ``credential.html``: the catalog's ``templates/`` first,
then the built-in templates. A catalog template can extend the built-in one and replace
single blocks: ``{% extends "mcauthor/credential.html" %}{% block competency %}...``.

The environment autoescapes HTML and uses StrictUndefined. When the catalog brings
templates of its own (which may come from a pull request) it is sandboxed. Catalog text
is only ever data: nothing from a YAML value is compiled as a template.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

BUILTIN_PREFIX = "mcauthor"


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or the repo's templates/."""
    packaged = Path(str(resources.files("mcauthor"))) / "templates"
    if packaged.is_dir():
        return packaged
    # An editable install runs from the source tree, where templates/ is at the top.
    return Path(__file__).resolve().parents[3] / "templates"


def environment(catalog_root: Path, *, cache: Path | None = None) -> Environment:
    """The template environment; ``cache`` keeps compiled templates between builds."""
    builtin = FileSystemLoader(str(builtin_dir()))
    loaders: list[BaseLoader] = []
    overrides = catalog_root / "templates"
    if overrides.is_dir():
        loaders.append(FileSystemLoader(str(overrides)))
    loaders += [builtin, PrefixLoader({BUILTIN_PREFIX: builtin})]
    # The built-in templates are ours; a catalog's own templates may come from a pull
    # request, so as soon as a catalog overrides anything, every template runs sandboxed.
    kind = ImmutableSandboxedEnvironment if overrides.is_dir() else Environment
    bytecode = None
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            bytecode = FileSystemBytecodeCache(str(cache))
        except OSError:
            bytecode = None  # a read-only checkout still builds, compiling every time
    env = kind(
        loader=ChoiceLoader(loaders),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["hours"] = _hours
    env.filters["plural"] = _plural
    return env


def fingerprint(catalog_root: Path) -> str:
    """A hash of every template that may be used: any change re-renders every page."""
    digest = hashlib.sha256()
    folders = [builtin_dir(), catalog_root / "templates"]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
