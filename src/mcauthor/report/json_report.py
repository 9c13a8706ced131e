"""The JSON report of the public contract (``--format json``)."""

from __future__ import annotations

import json

from mcauthor.diagnostics import Reported, Severity
from mcauthor.report import Options

VERSION = 1


def as_dict(result: Reported) -> dict[str, object]:
    return {
        "version": VERSION,
        "summary": {
            "files": result.files,
            "error": result.count(Severity.ERROR),
            "warning": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
        },
        "diagnostics": [d.to_json() for d in result.diagnostics],
    }


def render(result: Reported) -> str:
    return json.dumps(as_dict(result), indent=2, ensure_ascii=False) + "\n"


def report(result: Reported, options: Options) -> str:
    return render(result)
