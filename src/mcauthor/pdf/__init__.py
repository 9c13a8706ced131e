"""Printable PDF guides: one per credential, one per stack, one for the whole catalog.

- :mod:`mcauthor.pdf.templates` finds the guide templates and fonts (a catalog's own
  ``templates/guide/*.typ`` override the built-in ones file by file);
- :mod:`mcauthor.pdf.data` builds each guide's data, a plain JSON document (catalog text
  is only ever data, never Typst source), from the credential and stack parts of
  :mod:`mcauthor.pdf.parts`, with long words softened (:mod:`mcauthor.pdf.soften`);
- :mod:`mcauthor.pdf.render` renders guides in worker processes, in parallel when asked;
- :mod:`mcauthor.pdf.jobs` plans the build's guide jobs;
- :mod:`mcauthor.typeset` is the only module that talks to the PDF engine (Typst).
"""

from __future__ import annotations

from mcauthor.output import Output
from mcauthor.pdf.data import credential_guide, find_guide
from mcauthor.pdf.jobs import one_guide, plan, render_ahead
from mcauthor.pdf.render import GuideTask, render_guide, render_tasks
from mcauthor.pdf.templates import template_dirs

__all__ = [
    "OUTPUT",
    "GuideTask",
    "credential_guide",
    "find_guide",
    "one_guide",
    "render_guide",
    "render_tasks",
    "template_dirs",
]

OUTPUT = Output("guides", plan, render_ahead)
