"""Lint report formats. Each module has ``render(result, ...) -> str``."""

from __future__ import annotations

import os
from pathlib import Path

FORMATS = ("auto", "text", "json", "github", "sarif", "markdown")


def choose(fmt: str) -> str:
    """Resolve ``auto``: GitHub workflow commands inside GitHub Actions, text elsewhere."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def workspace() -> Path:
    """The folder that CI tools resolve paths against: the repository checkout."""
    return Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).absolute()


def workspace_path(root: Path, path: str, base: Path | None = None) -> str:
    """A catalog path made relative to the workspace (the catalog may be a sub-folder)."""
    return Path(os.path.relpath(root.absolute() / path, base or workspace())).as_posix()
