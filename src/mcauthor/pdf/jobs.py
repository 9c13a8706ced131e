"""The guides' build jobs: one per credential, one per stack, and the catalog's.

A job's key lists everything its guide shows, so editing a credential re-renders only the
guides that show it. The jobs of one plan share one :class:`~mcauthor.pdf.data.Guides`,
so each credential's part is built once however many guides show it; the guides that
must be written are rendered ahead on every core (:func:`render_ahead`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from mcauthor import paths
from mcauthor.badgedraw import credential_badge, stack_badge
from mcauthor.badgeimage import drawn
from mcauthor.confine import ASSET_MAX, Confinement
from mcauthor.errors import CannotRun
from mcauthor.limits import Limits
from mcauthor.model import Credential
from mcauthor.output import Job, Progress, Stale, key_of, with_bytes
from mcauthor.paths import CATALOG_GUIDE
from mcauthor.pdf.catalog import render_all
from mcauthor.pdf.data import Guides, find_guide
from mcauthor.pdf.render import GuideTask
from mcauthor.pdf.templates import GuideData, paper_of, template_dirs, templates_fingerprint
from mcauthor.prepare import Prepared
from mcauthor.stacks import ResolvedStack


@dataclass(frozen=True, eq=False)
class GuideRender:
    """A guide job's ``render``: builds the data when called, or hands out a picklable task.

    ``Job.render()`` renders in this process. For parallel rendering, collect
    ``job.render.task()`` for the jobs that must be rendered and pass them to
    :func:`~mcauthor.pdf.catalog.render_all`.
    """

    kind: str
    path: str
    guides: Guides  # the plan's: shared by all its jobs
    ident: str
    template_dirs: tuple[str, ...]
    paper: str
    epoch: int | None
    limits: Limits

    def data(self) -> GuideData:
        context = self.guides.context
        if self.kind == "credential":
            credential = context.catalog.credential(self.ident)
            assert credential is not None
            return self.guides.credential(credential)
        if self.kind == "stack":
            resolved = context.pathway.stack(self.ident)
            assert resolved is not None
            return self.guides.stack(resolved)
        return self.guides.catalog()

    def task(self) -> GuideTask:
        return GuideTask(
            self.path, self.kind, self.data(), self.template_dirs, self.paper, self.epoch
        )

    def __call__(self) -> bytes:
        return render_all([self.task()], limits=self.limits)[0]


def render_ahead(jobs: list[Job], stale: Stale, progress: Progress) -> list[Job]:
    """The jobs, with every guide job that must be rendered (``stale``; without it, every
    guide job) already rendered on every core. The jobs that come back in place of the
    rendered ones hand over the finished bytes; all other jobs come back unchanged."""
    wanted = [
        i
        for i, job in enumerate(jobs)
        if isinstance(job.render, GuideRender) and (stale is None or stale(job))
    ]
    tasks = []
    limits: Limits | None = None
    for i in wanted:
        render = jobs[i].render
        assert isinstance(render, GuideRender)
        tasks.append(render.task())
        limits = render.limits  # one plan: every guide has the same
    if progress.planned is not None:
        progress.planned(len(tasks))
    rendered = render_all(tasks, progress.done, limits)
    out = list(jobs)
    for i, data in zip(wanted, rendered, strict=True):
        out[i] = with_bytes(jobs[i], data)
    return out


class _Hashes:
    """Content hashes of catalog images (logo, badges), computed once per plan."""

    def __init__(self, confined: Confinement) -> None:
        self.confined = confined
        self.known: dict[str, str] = {}

    def __call__(self, rel: str | None) -> str:
        if not rel:
            return ""
        found = self.known.get(rel)
        if found is None:
            try:
                data = self.confined.read(rel, asset=True, limit=ASSET_MAX)
                found = hashlib.sha256(data).hexdigest()
            except (OSError, CannotRun):
                found = "missing"
            self.known[rel] = found
        return found


def plan(prepared: Prepared) -> list[Job]:
    """The guide jobs: one per credential, one per stack, and the catalog's.

    Each key lists what the guide shows: the guide templates and fonts, the paper size,
    the build date, the config, and the content hashes of the source files it includes,
    so editing a credential re-renders only the guides that show it.
    """
    context, epoch = prepared.context, prepared.epoch
    catalog, pathway = context.catalog, context.pathway
    dirs = template_dirs(prepared.root)
    paper = catalog.config.build.paper
    paper_of(paper)  # refuse a bad paper size while planning, not while writing
    base = key_of(
        "guides",
        templates_fingerprint(dirs),
        paper,
        context.site.date,
        context.site.generator,
        prepared.config,
        prepared.library(),
    )
    images = _Hashes(prepared.confined())
    logo = images(catalog.config.issuer.logo)
    shown: dict[str, list[str]] = {}  # credential id -> files its section shows

    def cover(credential: Credential) -> str:
        """What the cover's badge is drawn from: the image's bytes, or the drawn badge."""
        if drawn(catalog.config, credential.image):
            return repr(credential_badge(catalog.config, pathway, credential))
        return images(credential.image)

    def stack_cover(resolved: ResolvedStack) -> str:
        """The same for an awarded stack's badge (nothing for a stack with no award)."""
        award = resolved.stack.award
        if award is not None and drawn(catalog.config, award.image):
            return repr(stack_badge(catalog.config, pathway, resolved.stack))
        return images(award.image if award is not None else None)

    def credential_docs(credential: Credential) -> list[str]:
        found = shown.get(credential.id)
        if found is None:
            found = [
                prepared.doc(credential.file),
                cover(credential),
                *sorted(prepared.stack_docs(credential)),
                *prepared.neighbour_docs(credential),
            ]
            shown[credential.id] = found
        return found

    str_dirs = tuple(str(d) for d in dirs)
    guides = Guides(context)

    def job(kind: str, ident: str, path: str, key: str) -> Job:
        render = GuideRender(kind, path, guides, ident, str_dirs, paper, epoch, prepared.limits)
        return Job(path, key, render, kind="guide")

    out: list[Job] = []
    for credential in prepared.credentials():
        key = key_of("credential-guide", base, logo, credential_docs(credential))
        out.append(job("credential", credential.id, paths.guide("credentials", credential.id), key))
    for resolved in pathway.stacks:
        key = key_of(
            "stack-guide",
            base,
            logo,
            stack_cover(resolved),
            prepared.doc(resolved.stack.file),
            prepared.related_stack_docs(resolved),
            [credential_docs(m) for m in resolved.members],
        )
        out.append(job("stack", resolved.id, paths.guide("stacks", resolved.id), key))
    everything = prepared.all_docs()
    images_all = sorted(cover(c) for c in catalog.credentials)
    images_all += [stack_cover(s) for s in pathway.stacks]
    key = key_of("catalog-guide", base, logo, everything, images_all)
    out.append(job("catalog", "", CATALOG_GUIDE, key))
    return out


def one_guide(prepared: Prepared, ident: str) -> bytes | None:
    """For ``mcauthor guide ID``: the guide's PDF, or None when no credential or stack has
    that id (``catalog`` is the catalog guide). The engine runs in a worker, under the
    prepared limits (see :func:`~mcauthor.pdf.catalog.render_all`)."""
    found = find_guide(prepared.context, ident)
    if found is None:
        return None
    where, data = found
    dirs = tuple(str(d) for d in template_dirs(prepared.root))
    paper = prepared.catalog.config.build.paper
    task = GuideTask(where, str(data["kind"]), data, dirs, paper, prepared.epoch)
    return render_all([task], limits=prepared.limits)[0]
