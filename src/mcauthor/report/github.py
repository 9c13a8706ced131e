"""GitHub Actions workflow commands: one annotation per finding, on the changed lines.

Paths are made relative to the workspace (the repository root), because the catalog may
sit in a sub-folder of the repository. GitHub shows a limited number of annotations per
step, so after ``MAX_ANNOTATIONS`` the rest are summed up in one notice.
"""

from __future__ import annotations

from pathlib import Path

from mcauthor.lint import LintResult
from mcauthor.report import printable, workspace, workspace_path

MAX_ANNOTATIONS = 50
_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult, base: Path | None = None) -> str:
    base = base or workspace()
    lines = []
    for index, d in enumerate(result.diagnostics):
        if index == MAX_ANNOTATIONS:
            rest = len(result.diagnostics) - MAX_ANNOTATIONS
            lines.append(
                f"::notice title=mcauthor::{rest} more findings are not shown as annotations; "
                "run `mcauthor lint` locally or read the job summary for all of them"
            )
            break
        path = workspace_path(result.root, d.path, base)
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(
            f"::{_LEVEL[d.severity.value]} file={_prop(path)},line={d.line},col={d.column},"
            f"title={_prop(f'{d.code} {d.name}')}::{_data(message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
