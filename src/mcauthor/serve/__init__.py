"""`mcauthor serve`: a live preview of the catalog website.

The site is built into a temporary folder (never the catalog's own ``site/``: a preview
must not overwrite the published build), served from 127.0.0.1, and rebuilt whenever a
catalog file changes. Rebuilds are incremental, so one edit re-renders only the pages
that show what changed. PDF guides are left out unless asked for: they are slow.

Unlike `mcauthor build`, the preview renders despite lint errors: drafts full of
placeholders are what one previews while writing. It only stops for a file that cannot be
read at all (a YAML syntax error, say): then the last good build stays up with the error
on top, as modern dev servers do. With no good build yet, it renders the rest, and the
pages of the unreadable file explain why they are missing.

The server adds two things to every HTML response, never to the built files: a small
script that waits for the next build (a long poll, as ``mkdocs serve`` does) and reloads
the page, and a banner listing that page's lint findings with the catalog's count.

This module is the command; ``preview`` builds and rebuilds (``Preview``), ``watch`` says
which changes need a rebuild, ``server`` answers HTTP, ``banner`` is what it adds to
pages, ``terminal`` is what the preview prints, and ``status`` is what they all read.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from mcauthor.limits import Limits
from mcauthor.serve.preview import Preview


def serve(
    path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    guides: bool = False,
    open_browser: bool = False,
    limits: Limits | None = None,
) -> None:
    """Run the preview until Ctrl-C (or SIGTERM). Raises CannotRun if it cannot start."""
    tty = sys.stdout.isatty()
    lock = threading.Lock()

    def say(message: str) -> None:
        with lock:
            sys.stdout.write(message + "\n")
            sys.stdout.flush()

    preview = Preview(path, host=host, port=port, guides=guides, say=say, limits=limits)
    with _sigterm_as_interrupt():
        try:
            preview.start()
            say(f"Serving {preview.url} ; watching {preview.root} for changes. Ctrl-C stops.")
            if open_browser:
                import webbrowser

                webbrowser.open(preview.url)
            preview.wait()
        except KeyboardInterrupt:
            pass
        finally:
            preview.stop()
    say(("\n" if tty else "") + "Stopped.")


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill` (SIGTERM) stops the preview as cleanly as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
