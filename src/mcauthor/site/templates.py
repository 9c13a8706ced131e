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

from mcauthor.confine import Confinement, Refused
from mcauthor.overrides import OVERRIDES, builtin_dir, catalog_files, check_overrides
from mcauthor.site.bounded import BoundedSandbox, guard_filters
from mcauthor.site.builtin import BuiltinEnvironment
from mcauthor.words import figure, plural

BUILTIN_PREFIX = "mcauthor"
# The PDF guides' fonts (11 MB) are no page's: a template is UTF-8 text, and of the
# built-in files only static/ is copied into the site.
FONTS = frozenset({".ttf", ".otf", ".ttc", ".woff", ".woff2"})


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
    # The built-in templates are ours (and render through mcauthor.site.builtin's
    # shortcuts); a catalog's own templates may come from a pull request, so as soon as a
    # catalog overrides anything, every template runs sandboxed and under the page's
    # budget (mcauthor.site.bounded).
    kind = BoundedSandbox if overrides.is_dir() else BuiltinEnvironment
    env = kind(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment serves one build (or one worker of it): a template is read and
        # compiled once, not looked at again on disk for every page that uses it.
        auto_reload=False,
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
    wanted = (p for p in builtin.rglob("*") if p.suffix not in FONTS and p.is_file())
    for path in sorted(wanted):
        digest.update(path.relative_to(builtin).as_posix().encode())
        digest.update(path.read_bytes())
    confined = Confinement.of(catalog_root, out)
    for rel in catalog_files(confined, OVERRIDES):
        digest.update(rel.removeprefix(OVERRIDES + "/").encode())
        digest.update(confined.read(rel))
    return digest.hexdigest()


def _hours(value: float | None) -> str:
    return "–" if value is None else figure(value)
