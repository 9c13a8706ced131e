"""The commands that add files to a catalog: `new` (from the templates) and `import` (from
an issuer's existing documents, one subcommand per source of :data:`mcauthor.importing.SOURCES`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from mcauthor import commands
from mcauthor.clishared import CatalogOption, ForceOption, run_command
from mcauthor.clivalues import ValuesGroup
from mcauthor.importing import SOURCES, Source

new_app = typer.Typer(
    help="Add a credential or stack file, with every section and TODO placeholders.",
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=ValuesGroup,
)


@new_app.command("credential")
def new_credential(
    ident: Annotated[
        str,
        typer.Argument(metavar="ID", help="The credential's id; the file is credentials/ID.yaml."),
    ],
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(metavar="TITLE", help="The credential's title. Default: a TODO placeholder."),
    ] = None,
    stack: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--stack", "-s", metavar="STACK", help="Also add the credential to this stack's list."
        ),
    ] = None,
    path: CatalogOption = Path("."),
    force: ForceOption = False,
) -> None:
    """Write credentials/ID.yaml, ready to fill in.

    The file has every section of a micro-credential, with guidance comments and TODO
    placeholders; `mcauthor lint` points at what is left to write.
    """
    run_command(commands.new, "credential", path, ident, title=title, stack=stack, force=force)


@new_app.command("stack")
def new_stack(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="The stack's id; the file is stacks/ID.yaml.")
    ],
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(metavar="TITLE", help="The stack's title. Default: a TODO placeholder."),
    ] = None,
    path: CatalogOption = Path("."),
    force: ForceOption = False,
) -> None:
    """Write stacks/ID.yaml, ready to fill in.

    Add credentials to it with `mcauthor new credential ID --stack STACK`.
    """
    run_command(commands.new, "stack", path, ident, title=title, force=force)


import_app = typer.Typer(
    help=(
        "Bring existing micro-credentials in: each input becomes a catalog file, with "
        "comments that mark what was inferred and TODO placeholders for what is missing."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=ValuesGroup,
)


def _import_command(source: Source) -> None:
    """The `import` subcommand of one source of the registry."""

    def command(
        inputs: Annotated[
            list[Path], typer.Argument(metavar="FILE...", help="The files (or folders) to import.")
        ],
        path: CatalogOption = Path("."),
        stack: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option(
                "--stack", "-s", metavar="STACK", help="Also add the credentials to this stack."
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite files that already exist.")
        ] = False,
    ) -> None:
        run_command(commands.import_, source.name, inputs, path, stack=stack, force=force)

    command.__doc__ = (
        f"Import {source.summary}.\n\nWrites credentials/ID.yaml for each, never overwriting "
        "one without --force, then lints what it wrote and says what is left to write."
    )
    import_app.command(source.name)(command)


for _source in SOURCES.values():
    _import_command(_source)
