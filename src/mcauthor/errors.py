"""The errors every layer may raise to stop a command (exit status 2, one line)."""

from __future__ import annotations


class CannotRun(Exception):
    """The command cannot run at all (exit status 2); the message is one line."""


class WriteError(CannotRun):
    """A file cannot be written, moved or removed: one line that names it and says what
    to do (exit status 2). What was there before is left as it was."""


class BuildError(Exception):
    """A build cannot finish (a template mistake, a page over its budget); the previous
    output is untouched. One-line message; exit status 1."""
