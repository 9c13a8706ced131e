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
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
)
from jinja2.loaders import split_template_path

from mcauthor.build.bounded import BoundedSandbox, guard_filters
from mcauthor.confine import Confinement, Refused, walk_once
from mcauthor.words import plural

BUILTIN_PREFIX = "mcauthor"
OVERRIDES = "templates"  # the catalog's folder of template overrides


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or the repo's templates/."""
    packaged = Path(str(resources.files("mcauthor"))) / "templates"
    if packaged.is_dir():
        return packaged
    # An editable install runs from the source tree, where templates/ is at the top.
    return Path(__file__).resolve().parents[3] / "templates"


class CatalogLoader(BaseLoader):
    """The catalog's own templates, read through :class:`~mcauthor.confine.Confinement`:
    a link that leads outside the catalog (or into .git/, the output folder ...) is
    refused, never followed."""

    def __init__(self, confined: Confinement) -> None:
        self.confined = confined

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        rel = "/".join((OVERRIDES, *split_template_path(template)))
        path = self.confined.root / rel
        if not (path.is_file() or path.is_symlink()):
            raise TemplateNotFound(template)
        try:
            text = self.confined.read(rel).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise Refused(f"{rel} cannot be read as a UTF-8 template: {exc}") from None
        return text, rel, lambda: False


def check_overrides(confined: Confinement) -> None:
    """Refuse (exit status 2) when a link under templates/ may not be followed."""
    for rel, why in confined.links(OVERRIDES):
        raise Refused(f"{rel} is a symbolic link that {why}; mcauthor never follows it")


def environment(catalog_root: Path, *, out: Path | None = None) -> Environment:
    """The template environment. Compiled templates are never cached on disk: Jinja's
    bytecode cache unpickles what it finds, and a catalog could bring such a file in."""
    builtin = FileSystemLoader(str(builtin_dir()))
    loaders: list[BaseLoader] = []
    overrides = catalog_root / OVERRIDES
    if overrides.is_dir():
        confined = Confinement.of(catalog_root, out)
        check_overrides(confined)
        loaders.append(CatalogLoader(confined))
    loaders += [builtin, PrefixLoader({BUILTIN_PREFIX: builtin})]
    # The built-in templates are ours; a catalog's own templates may come from a pull
    # request, so as soon as a catalog overrides anything, every template runs sandboxed
    # and under the page's budget (mcauthor.build.bounded).
    kind = BoundedSandbox if overrides.is_dir() else Environment
    env = kind(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["hours"] = _hours
    env.filters["plural"] = plural
    if kind is BoundedSandbox:
        guard_filters(env.filters)
        # lipsum(n) makes n paragraphs in one call; no catalog page needs filler text.
        env.globals.pop("lipsum", None)
    return env


def fingerprint(catalog_root: Path, *, out: Path | None = None) -> str:
    """A hash of every template that may be used: any change re-renders every page."""
    digest = hashlib.sha256()
    builtin = builtin_dir()
    for path in sorted(p for p in builtin.rglob("*") if p.is_file()):
        digest.update(path.relative_to(builtin).as_posix().encode())
        digest.update(path.read_bytes())
    confined = Confinement.of(catalog_root, out)
    for rel in catalog_files(confined, OVERRIDES):
        digest.update(rel.removeprefix(OVERRIDES + "/").encode())
        digest.update(confined.read(rel))
    return digest.hexdigest()


def catalog_files(confined: Confinement, folder: str) -> list[str]:
    """Every readable file below the catalog folder ``folder`` (links inside the catalog
    followed, each real folder once), as sorted relative POSIX paths."""
    top = confined.root / folder
    if confined.problem(folder) is not None or not top.is_dir():
        return []
    found: list[str] = []

    def refused(folder: Path) -> bool:
        return confined.problem(folder.relative_to(confined.root).as_posix()) is not None

    for current, _, filenames in walk_once(top, refused):
        rel = current.relative_to(confined.root).as_posix()
        for name in filenames:
            path = f"{rel}/{name}"
            if confined.problem(path) is None and (current / name).is_file():
                found.append(path)
    return sorted(found)


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"
