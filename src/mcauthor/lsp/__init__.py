"""`mcauthor lsp`: a language server for catalogs (stdio), on the lint engine.

Findings as you type (from the unsaved buffer), hover help, completion of what only the
catalog knows, go to definition and references, a quick fix that suppresses a finding on
its line, and the outline of a file. ``server.py`` wires the protocol; the other modules
are plain functions over a lint result and a buffer read with positions.
"""

from __future__ import annotations


def run(*, stdio: bool = True) -> int:
    """Serve the Language Server Protocol on standard input and output, the only way
    it talks (``stdio`` is accepted because many editors pass ``--stdio``)."""
    from mcauthor.lsp.server import run as serve

    del stdio  # standard input and output either way
    return serve()
