"""The website output: one page per credential and stack, the home page, and their files.

:mod:`mcauthor.site.pages` plans the jobs; :mod:`mcauthor.site.templates` makes the Jinja
environment (the catalog's ``templates/`` over the built-in ones), sandboxed and under a
budget (:mod:`mcauthor.site.bounded`) whenever the catalog brings templates of its own.
"""

from __future__ import annotations

from mcauthor.output import Output
from mcauthor.site.pages import plan, render_in_workers

OUTPUT = Output("site", plan, render_in_workers)
