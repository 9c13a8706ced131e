"""MC012 unreadable-file: A catalog file cannot be read."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Rule


class UnreadableFile(Rule):
    """
    A file that cannot be read would silently drop its credential or stack from the site.
    """

    code = "MC012"
    name = "unreadable-file"
    severity = Severity.ERROR
    summary = "A catalog file cannot be read (permissions, or not a regular file)."
    phase = "load"
    no_example = "It needs a file without read permission; tests/test_loader.py covers it."
