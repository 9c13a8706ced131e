"""Printable PDF guides: one per credential, one per stack, one for the whole catalog.

- :mod:`mcauthor.pdf.guides` builds each guide's data (plain JSON: catalog text is only
  ever data, never Typst source), plans the build jobs and renders guides, in parallel
  when asked.
- :mod:`mcauthor.pdf.engine` is the only module that talks to the PDF engine (Typst).
- The Typst templates are ``templates/guide/*.typ``; a catalog's own
  ``templates/guide/*.typ`` override them file by file.
"""

from __future__ import annotations

from mcauthor.output import Output
from mcauthor.pdf.engine import EngineError
from mcauthor.pdf.guides import (
    KINDS,
    GuideData,
    GuideRender,
    GuideTask,
    catalog_guide,
    credential_guide,
    find_guide,
    font_dirs,
    plan,
    render_ahead,
    render_by_id,
    render_guide,
    render_many,
    render_task,
    render_tasks,
    stack_guide,
    template_dirs,
    templates_fingerprint,
)

__all__ = [
    "KINDS",
    "OUTPUT",
    "EngineError",
    "GuideData",
    "GuideRender",
    "GuideTask",
    "catalog_guide",
    "credential_guide",
    "find_guide",
    "font_dirs",
    "plan",
    "render_ahead",
    "render_by_id",
    "render_guide",
    "render_many",
    "render_task",
    "render_tasks",
    "stack_guide",
    "template_dirs",
    "templates_fingerprint",
]

OUTPUT = Output("guides", plan, render_ahead)
