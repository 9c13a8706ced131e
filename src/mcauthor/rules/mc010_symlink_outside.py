"""MC010 symlink-outside: A symbolic link in the catalog points outside the catalog."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Rule


class SymlinkOutside(Rule):
    """
    mcauthor reads only files inside the catalog, so a pull request cannot make it read
    (and publish) files from elsewhere on the machine that runs it.
    """

    code = "MC010"
    name = "symlink-outside"
    severity = Severity.ERROR
    summary = "A symbolic link in the catalog points outside the catalog."
    phase = "load"
    no_example = "It needs a symbolic link; the test suite covers it in tests/test_loader.py."
