"""The website output: one job per page, plus the stylesheet, script and catalog assets.

Each job's key lists exactly what its page shows, by the content hash of the source files
involved, so a rebuild after editing one credential re-renders only that credential's
page, the pages of its stacks and neighbours, and the home page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError
from markupsafe import escape

from mcauthor import paths
from mcauthor.confine import ASSET_MAX
from mcauthor.errors import BuildError, CannotRun
from mcauthor.limits import Limits, OverBudget
from mcauthor.model import Credential
from mcauthor.output import Job, Progress, Stale, constant, key_of, with_bytes
from mcauthor.overrides import builtin_dir
from mcauthor.paths import FAVICON
from mcauthor.pathway import svg as pathway_svg
from mcauthor.prepare import Prepared
from mcauthor.present import credential_page, home_page, stack_page
from mcauthor.site import bounded
from mcauthor.site.bounded import BoundedSandbox, Budget
from mcauthor.site.templates import environment, fingerprint
from mcauthor.stacks import ResolvedStack
from mcauthor.stacks_report import focus
from mcauthor.views import Context, NotFoundPage

STATIC = ("site.css", "site.js")


@dataclass(frozen=True)
class Inputs:
    """What the pages are planned from: the prepared catalog and the templates."""

    prepared: Prepared
    env: Environment
    templates: str  # fingerprint of all templates, and of whatever every page shows

    @classmethod
    def of(cls, prepared: Prepared) -> Inputs:
        root, out, site = prepared.root, prepared.out, prepared.context.site
        # Every page shows the build date and the mcauthor version, and links the guides
        # and data files only when they are built: all part of every key.
        shown = f"|{site.date}|{site.generator}|{site.guides}|{site.data}"
        return cls(prepared, environment(root, out=out), fingerprint(root, out=out) + shown)

    @property
    def context(self) -> Context:
        return self.prepared.context

    @property
    def limits(self) -> Limits:
        return self.prepared.limits


def render(env: Environment, name: str, limits: Limits, **values: Any) -> bytes:
    """Render a template under the page budget (``limits``); template mistakes and a
    budget overrun become a one-line BuildError."""
    budget = Budget(name, limits.page_seconds, limits.page_bytes)
    try:
        template = env.get_template(name)
        if sandboxed(env):
            return bounded.render(template, budget, values).encode("utf-8")
        # mcauthor's own templates: no loop of a catalog's to bound, only the page's size.
        text = template.render(**values)
        if len(text) > budget.size:
            raise budget.too_large("writes a page")
        return text.encode("utf-8")
    except OverBudget as exc:
        raise BuildError(str(exc)) from None
    except MemoryError:
        raise BuildError(
            f"{name}: the template used more memory than it may (--limit page_memory_mb=...)"
        ) from None
    except TemplateSyntaxError as exc:
        raise BuildError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc
    except TemplateNotFound as exc:
        raise BuildError(f"template not found: {exc.name}") from exc
    except TemplateError as exc:
        raise BuildError(f"{name}: {exc.message or exc}") from exc
    except CannotRun:  # a template that may not be read (mcauthor.confine.Refused)
        raise
    except Exception as exc:  # e.g. `{{ 1 // 0 }}` in a catalog's template override
        raise BuildError(f"{name}: {type(exc).__name__}: {exc}") from exc


def plan(prepared: Prepared) -> list[Job]:
    """The website: every page, the stylesheet and script, and the catalog's assets."""
    inputs = Inputs.of(prepared)
    out: list[Job] = [_home(inputs), _not_found(inputs)]
    for credential in prepared.credentials():
        out.append(_credential(inputs, credential))
    for resolved in prepared.pathway.stacks:
        out.append(_stack(inputs, resolved))
    out += _static(inputs)
    out += _assets(inputs)
    # (A catalog file copied to the same path, say a resource, wins: it was there first.)
    if prepared.context.site.icon == FAVICON and all(job.path != FAVICON for job in out):
        out.append(_favicon(inputs))
    return out


@dataclass(frozen=True, eq=False)
class PageRender:
    """A page job's render: makes the page's values, then renders its template. A
    catalog's own templates render in a worker process (:func:`render_in_workers`)."""

    inputs: Inputs
    name: str
    make: Callable[[], object]

    def values(self) -> dict[str, Any]:
        page: Any = self.make()
        return {"page": page, "site": page.site, "root": page.root}

    def __call__(self) -> bytes:
        if sandboxed(self.inputs.env):
            job = Job("", "", self)
            (done,) = render_in_workers([job], None)
            return done.render()
        return render(self.inputs.env, self.name, self.inputs.limits, **self.values())


def _page(inputs: Inputs, name: str, make: Callable[[], object]) -> Callable[[], bytes]:
    return PageRender(inputs, name, make)


def sandboxed(env: Environment) -> bool:
    """Whether ``env`` runs a catalog's own templates (see :mod:`mcauthor.site.templates`)."""
    return isinstance(env, BoundedSandbox)


CHUNK = 16  # pages handed to a worker at once


def render_in_workers(
    jobs: Sequence[Job], stale: Stale, progress: Progress | None = None
) -> list[Job]:
    """The jobs, with every page that a catalog's own template renders (and that must be
    rendered: ``stale``) rendered in worker processes (:mod:`mcauthor.workers`): no
    network, a memory budget (``page_memory_mb``), and a time budget enforced by ending
    the worker, on top of the sandbox's own checks. Without template overrides, nothing
    changes: the built-in templates are mcauthor's own and render in this process."""
    wanted = [
        i
        for i, job in enumerate(jobs)
        if isinstance(job.render, PageRender)
        and sandboxed(job.render.inputs.env)
        and (stale is None or stale(job))
    ]
    if not wanted:
        return list(jobs)
    pages = [jobs[i].render for i in wanted]
    items = [(page.name, page.values()) for page in pages if isinstance(page, PageRender)]
    first = pages[0]
    assert isinstance(first, PageRender)
    inputs = first.inputs  # one plan: every page has the same
    names = [
        f"{jobs[i].path or 'a page'} ({name})" for i, (name, _) in zip(wanted, items, strict=True)
    ]
    from mcauthor import workers  # processes: only for a catalog's own templates

    limits = inputs.limits
    budget = dataclasses.replace(limits.budget("page"), grace=2.0)
    pools = workers.Pools(
        budget, names, setup=_setup, setup_args=(inputs.prepared.root, inputs.prepared.out)
    )
    out = list(jobs)
    try:
        pool = pools.pool(max(1, min(os.cpu_count() or 1, len(items) // CHUNK + 1)))
        futures = [
            (start, pool.submit(_render_chunk, start, items[start : start + CHUNK], limits))
            for start in range(0, len(items), CHUNK)
        ]
        for start, future in futures:
            rendered: list[bytes] = pools.result(future)
            for k, data in enumerate(rendered):
                job = jobs[wanted[start + k]]
                out[wanted[start + k]] = with_bytes(job, data)
    except BaseException:
        pools.close(failed=True)
        raise
    pools.close()
    return out


_WORKER_ENV: dict[str, Environment] = {}


def _setup(root: Path, out: Path | None) -> None:
    """In a page worker: the catalog's template environment, made once."""
    _WORKER_ENV["env"] = environment(root, out=out)


def _render_chunk(
    first: int, items: Sequence[tuple[str, dict[str, Any]]], limits: Limits
) -> list[bytes]:
    """In a page worker: render pages in order, each under the worker's budget."""
    from mcauthor import workers

    env = _WORKER_ENV["env"]
    return [
        workers.guarded(first + k, _render_values, env, name, limits, values)
        for k, (name, values) in enumerate(items)
    ]


def _render_values(env: Environment, name: str, limits: Limits, values: dict[str, Any]) -> bytes:
    return render(env, name, limits, **values)


def _credential(inputs: Inputs, credential: Credential) -> Job:
    prepared = inputs.prepared
    key = key_of(
        "credential",
        inputs.templates,
        prepared.config,
        prepared.doc(credential.file),
        prepared.stack_docs(credential),
        prepared.neighbour_docs(credential),
        prepared.library(),
        inputs.context.history.get(credential.id, ()),
    )
    page = _page(inputs, "credential.html", lambda: credential_page(inputs.context, credential))
    return Job(paths.credential_page(credential.id), key, page)


def _stack(inputs: Inputs, resolved: ResolvedStack) -> Job:
    context, prepared = inputs.context, inputs.prepared
    key = key_of(
        "stack",
        inputs.templates,
        prepared.config,
        prepared.doc(resolved.stack.file),
        [prepared.doc(m.file) for m in resolved.members],
        prepared.related_stack_docs(resolved),
    )

    def make() -> object:
        svg = pathway_svg.render(focus(context.pathway, resolved.id), title=resolved.stack.title)
        return stack_page(context, resolved, svg)

    return Job(paths.stack_page(resolved.id), key, _page(inputs, "stack.html", make))


def _home(inputs: Inputs) -> Job:
    context = inputs.context
    docs = inputs.prepared.all_docs()
    key = key_of("home", inputs.templates, docs)

    def make() -> object:
        svg = pathway_svg.render(context.pathway, title=f"{context.site.title}: pathway")
        return home_page(context, svg)

    return Job(paths.HOME, key, _page(inputs, "home.html", make))


def _not_found(inputs: Inputs) -> Job:
    """404.html: a host shows it at any missing address (/cce/a/b/c), so its links start
    from the site root's path on the host (see Site.path), never from the page. The live
    preview (`mcauthor serve`) serves the site at its own root, "/"."""
    site = inputs.context.site
    root = "/" if inputs.prepared.preview else site.path
    key = key_of("404", inputs.templates, inputs.prepared.config, root)
    page = _page(inputs, "404.html", lambda: NotFoundPage(paths.NOT_FOUND, root, site))
    return Job(paths.NOT_FOUND, key, page)


# Short words left out of the initials: "Performance Assessment for Learning" is "PA".
MINOR_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)


def initials(title: str) -> str:
    """Up to two capital letters for the generated favicon, from the catalog's title."""
    words = re.findall(r"[^\W\d_]+", title)
    major = [w for w in words if w.casefold() not in MINOR_WORDS] or words
    return "".join(w[0] for w in major[:2]).upper() or "MC"


def favicon_svg(title: str) -> bytes:
    """The favicon when the issuer has no logo: the title's initials on the accent colour
    (a self-contained SVG: no font file, no external reference)."""
    letters = escape(initials(title))
    size = 30 if len(letters) > 1 else 38
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        '<rect width="64" height="64" rx="12" fill="#0c5465"/>'
        f'<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#ffffff" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" '
        f'font-size="{size}" font-weight="700">{letters}</text></svg>\n'
    ).encode()


def _favicon(inputs: Inputs) -> Job:
    data = favicon_svg(inputs.context.site.title)
    key = key_of("favicon", hashlib.sha256(data).hexdigest())
    return Job(FAVICON, key, constant(data), kind="asset")


def _static(inputs: Inputs) -> list[Job]:
    """The stylesheet and script: the catalog's templates/static/ overrides the built-in."""
    out = []
    confined = inputs.prepared.confined()
    for name in STATIC:
        rel = f"templates/static/{name}"
        own = inputs.prepared.root / rel
        if own.is_file() or own.is_symlink():
            data = confined.read(rel)
        else:
            data = (builtin_dir() / "static" / name).read_bytes()
        key = key_of("static", hashlib.sha256(data).hexdigest())
        out.append(Job(paths.static_file(name), key, constant(data), kind="asset"))
    return out


def _assets(inputs: Inputs) -> list[Job]:
    """Catalog files the pages and data link to (logo, badge images, resource files), copied
    as is.

    Lint has already refused paths outside the catalog (MC512), private files (MC515) and
    missing files (MC511); the reader refuses them again, whatever the lint settings.
    """
    catalog = inputs.context.catalog
    wanted = {catalog.config.issuer.logo}
    for credential in catalog.credentials:
        wanted.add(credential.image)
        wanted.update(r.file_path for r in credential.resources)
    wanted.update(s.award.image for s in catalog.stacks if s.award is not None)
    out = []
    confined = inputs.prepared.confined()
    for rel in sorted(p for p in wanted if p):
        try:
            data = confined.read(rel, asset=True, limit=ASSET_MAX)
        except (OSError, CannotRun) as exc:
            if inputs.prepared.preview:
                continue
            if isinstance(exc, CannotRun):
                raise
            raise BuildError(f"{rel}: {exc.strerror or exc}") from None
        key = key_of("asset", hashlib.sha256(data).hexdigest())
        out.append(Job(posixpath.normpath(rel), key, constant(data), kind="asset"))
    return out
