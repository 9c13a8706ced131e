"""MC010 symlink-outside: A symbolic link in the catalog leads outside it, or to a file
that is never read."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Rule


class SymlinkOutside(Rule):
    """
    mcauthor reads only files inside the catalog, so a pull request cannot make it read
    (and publish) files from elsewhere on the machine that runs it. Checked: the links
    among the catalog's YAML files (credentials/, stacks/, research/) and every link
    under templates/ (page templates, static files, PDF guide templates and fonts). A
    link is refused when it leads outside the catalog's real path, or into `.git/`,
    `.mcauthor-cache/`, the output folder or mcauthor's own cache. The file is then
    never read, whatever this rule's setting: a linked YAML file is left out, and a
    build with such a template link stops.
    """

    code = "MC010"
    name = "symlink-outside"
    severity = Severity.ERROR
    summary = "A symbolic link in the catalog leads outside it, or to a file never read."
    phase = "load"
    no_example = "It needs a symbolic link; the test suite covers it in tests/test_loader.py."
