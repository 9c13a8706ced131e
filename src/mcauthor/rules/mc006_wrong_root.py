"""MC006 wrong-root: The file is empty, or its top level is not what its kind needs."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


class WrongRoot(Rule):
    """
    A credential, a stack or `mcauthor.yaml` is a mapping of keys (`id:`, `title:` ...);
    a research library file is a list of entries. Anything else cannot be read.
    """

    code = "MC006"
    name = "wrong-root"
    severity = Severity.ERROR
    summary = "The file is empty, or its top level is not what its kind needs."
    phase = "load"
    bad = Example(whole={"research/library.yaml": "key: lone-entry\n"})
    good = Example(
        whole={
            "research/library.yaml": (
                "- key: lone-entry\n"
                '  authors: ["Doe, J."]\n'
                "  year: 2020\n"
                "  title: A title\n"
                "  url: https://example.org/paper\n"
            )
        }
    )
