"""Badge images: for each credential and awarded stack that gives none of its own
(``image:``), the build draws one, an SVG and a 600×600 PNG (``badges/<id>.svg|png``,
stacks in ``badges/stacks/``), unless ``badges.generate`` is false. Where an image is
shown, every output asks :mod:`mcauthor.badgeimage`.

A badge shows the title (wrapped and fitted), the issuer and, for a stack's own badge,
the word "stack". Its colour is the colour of the first stack (in pathway order) that
holds the credential, from a palette, else ``badges.color``; its outline is
``badges.shape``. The drawing is deterministic: the same catalog gives the same bytes.
The stale badges are taken from the user's cache where drawn before, and the others are
drawn in batches in the background while the writer renders the pages
(:func:`render_ahead`, :mod:`mcauthor.badges.drawing`); a job renders on its own only
when asked alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from mcauthor import paths
from mcauthor.badgedraw import Badge, credential_badge, draw, stack_badge
from mcauthor.badgeimage import drawn
from mcauthor.badges.drawing import Drawing, DrawnImage
from mcauthor.output import Job, Output, Progress, Stale, key_of

if TYPE_CHECKING:
    from mcauthor.prepare import Prepared

DESIGN = "1"  # changes whenever the drawing does: every badge is drawn again
FORMATS: tuple[Literal["svg", "png"], ...] = ("svg", "png")


@dataclass(frozen=True)
class BadgeRender:
    """A job's render: one badge in one format."""

    badge: Badge
    image_format: Literal["svg", "png"]

    def __call__(self) -> bytes:
        return draw([self.badge], self.image_format)[0]


Kind = Literal["credential", "stack"]


def badges(prepared: Prepared) -> list[tuple[Kind, str, Badge]]:
    """(kind, id, badge) for each credential and awarded stack that needs a drawn badge."""
    config = prepared.catalog.config
    pathway = prepared.pathway
    out: list[tuple[Kind, str, Badge]] = [
        ("credential", c.id, credential_badge(config, pathway, c))
        for c in prepared.credentials()
        if drawn(config, c.image)
    ]
    for resolved in pathway.stacks:
        award = resolved.stack.award
        if award is not None and drawn(config, award.image):
            out.append(("stack", resolved.id, stack_badge(config, pathway, resolved.stack)))
    return out


def plan(prepared: Prepared) -> list[Job]:
    out = []
    for kind, ident, badge in badges(prepared):
        for image_format in FORMATS:
            path = paths.drawn_badge(kind, ident, image_format)
            key = key_of("badge", DESIGN, image_format, badge)
            out.append(Job(path, key, BadgeRender(badge, image_format), kind="asset"))
    return out


def render_ahead(jobs: list[Job], stale: Stale, progress: Progress) -> list[Job]:
    """The jobs, with every badge that must be drawn taken from the user's cache or being
    drawn in the background (:mod:`mcauthor.badges.drawing`). Other jobs come back
    unchanged."""
    wanted = [
        i
        for i, job in enumerate(jobs)
        if isinstance(job.render, BadgeRender) and (stale is None or stale(job))
    ]
    drawing = Drawing([_render(jobs[i]) for i in wanted], DESIGN)
    out = list(jobs)
    for k, i in enumerate(wanted):
        out[i] = replace(jobs[i], render=DrawnImage(drawing, k))
    return out


def _render(job: Job) -> tuple[Badge, Literal["svg", "png"]]:
    assert isinstance(job.render, BadgeRender)
    return job.render.badge, job.render.image_format


OUTPUT = Output("badges", plan, render_ahead)
