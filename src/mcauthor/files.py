"""Writing files that people own (a new catalog, an export folder) without surprises.

Output goes to a new temporary file beside its target, which then replaces the target in
one rename: a failed write loses nothing, and a symbolic link planted at either name is
never written through.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

# O_EXCL | O_NOFOLLOW: the temporary file is always new, never a file or link already there.
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
NEW_FILE |= getattr(os, "O_BINARY", 0)


def new_temporary(folder: Path, name: str) -> tuple[Path, int]:
    """A new, empty file in ``folder`` for what will become ``name``, open for writing.

    Its name starts with a dot and ends in ``.mcauthor-tmp``; the mode follows the umask,
    as the final file's would.
    """
    for _ in range(100):
        temporary = folder / f".{name[:100]}.{secrets.token_hex(4)}.mcauthor-tmp"
        try:
            return temporary, os.open(temporary, NEW_FILE, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name in {folder}")
