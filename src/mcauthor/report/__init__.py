"""Lint report formats. Each module has ``render(result, ...) -> str``."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

FORMATS = ("auto", "text", "json", "github", "sarif", "markdown")


def choose(fmt: str) -> str:
    """Resolve ``auto``: GitHub workflow commands inside GitHub Actions, text elsewhere."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


# C0 controls except tab and newline, DEL, and C1 controls: shown as \xNN so that catalog
# text can never move the cursor, recolour or clear a terminal or a CI log.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (9, 10)}


def printable(text: str) -> str:
    """Catalog text made safe for a terminal or log: control characters become ``\\xNN``."""
    return text.translate(_CONTROLS)


def workspace() -> Path:
    """The folder that CI tools resolve paths against: the repository checkout."""
    return Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).absolute()


def workspace_path(root: Path, path: str, base: Path | None = None) -> str:
    """A catalog path made relative to the workspace (the catalog may be a sub-folder)."""
    return Path(os.path.relpath(root.absolute() / path, base or workspace())).as_posix()


def console(color: bool, width: int, *, soft_wrap: bool = False) -> tuple[Any, io.StringIO]:
    """A rich Console that writes into a buffer: colour only when asked, no markup guessing."""
    from rich.console import Console

    buffer = io.StringIO()
    made = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        width=width,
        soft_wrap=soft_wrap,
    )
    return made, buffer
