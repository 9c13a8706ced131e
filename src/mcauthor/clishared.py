"""What every command of the command line shares: stopping with a one-line error, running a
command's function, and the options several commands take. Apart from :mod:`mcauthor.cli`
so that the groups of commands in other modules (:mod:`mcauthor.cliadd`) use the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, ParamSpec

import typer

from mcauthor.errors import CannotRun
from mcauthor.report import one_line

_P = ParamSpec("_P")


def fail(reason: str) -> NoReturn:
    """Stop with exit status 2 and a one-line reason."""
    typer.echo(f"mcauthor: error: {one_line(reason)}", err=True)
    raise typer.Exit(2)


def run_command(command: Callable[_P, int], *args: _P.args, **kwargs: _P.kwargs) -> NoReturn:
    """Exit with what a command's function returns; status 2 when it cannot run."""
    try:
        status = command(*args, **kwargs)
    except CannotRun as exc:
        fail(str(exc))
    raise typer.Exit(status)


CatalogOption = Annotated[
    Path,
    typer.Option(
        "--catalog", "-c", metavar="PATH", help="The catalog folder or any path inside it."
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the file when it already exists.")
]
