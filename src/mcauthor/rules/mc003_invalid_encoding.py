"""MC003 invalid-encoding: The file is not valid UTF-8."""

from __future__ import annotations

from mcauthor.diagnostics import Severity
from mcauthor.rules.base import Example, Rule


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
    bad = Example(raw={"credentials/latin.yaml": "id: latin\ntitle: Caf\u00e9\n".encode("latin-1")})
    good = Example(raw={"credentials/latin.yaml": "id: latin\ntitle: Caf\u00e9\n".encode("utf-8")})
