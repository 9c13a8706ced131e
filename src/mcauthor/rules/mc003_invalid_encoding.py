"""MC003 invalid-encoding: The file is not valid UTF-8."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import CREDENTIAL, Example, Rule
from mcauthor.rules.examples import base_text, merge

# The base credential with a title that needs more than ASCII.
_CAFE = merge(base_text(CREDENTIAL), "title: Caf\u00e9 Conversations about Feedback\n")


class InvalidEncoding(Rule):
    """
    Catalog files are UTF-8. A file saved in another encoding (Windows-1252, Latin-1)
    would show garbled characters on the site and in the PDF guides, so it is not read.
    """

    code = "MC003"
    name = "invalid-encoding"
    severity = Severity.ERROR
    summary = "The file is not valid UTF-8."
    phase = "load"
    bad = Example(raw={CREDENTIAL: _CAFE.encode("latin-1")})
    good = Example(raw={CREDENTIAL: _CAFE.encode("utf-8")})
