"""Command-line help and usage errors that read like a person wrote them.

Typer's own help shows Python types (``paths... <list[Path]>``, ``<int range>``), marks a
required argument ``{ID}`` and cuts each command's summary short with "...". ``HelpGroup``
tidies every command once, when the command tree is built: arguments are shown by their
name (``PATH...``, ``ID``, ``CODE``) as click and most Unix tools write them, options that
name no metavar get one (their choices, ``[text|json]``, or their name in capitals), and
the command list shows each summary whole. A usage error is one line without pydantic's
wording, and no way of ending shows a Python traceback (:func:`run`).
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption


class _Argument(TyperArgument):
    """An argument shown by its metavar alone: ``ID``, ``[PATH]``, ``[PATH]...``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the metavar and the help say what it is; no Python type

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


def _tidy_param(param: Any) -> None:
    if isinstance(param, TyperArgument):
        param.__class__ = _Argument  # same object, help shown the plain way
        if param.metavar is None:
            param.metavar = (param.name or "value").upper()
    elif isinstance(param, TyperOption) and param.metavar is None and not param.is_flag:
        described = param.type_descriptor
        if described.is_choice and described.choices:
            param.metavar = (
                "[" + "|".join(str(getattr(c, "value", c)) for c in described.choices) + "]"
            )
        else:
            param.metavar = (param.name or "value").upper()


def _summary(help_text: str | None) -> str | None:
    """A command's first paragraph on one line: the summary, never cut short."""
    if not help_text:
        return None
    return " ".join(help_text.strip().split("\n\n")[0].split())


class HelpGroup(TyperGroup):
    """A command group whose commands (and their own subcommands) have tidy help."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for command in self.commands.values():
            if command.short_help is None:
                command.short_help = _summary(command.help)
            for param in command.params:
                _tidy_param(param)
        for param in self.params:
            _tidy_param(param)


def _click_errors() -> tuple[type[Any], type[Any]]:
    """Click's UsageError and NoArgsIsHelpError (typer vendors click in newer releases)."""
    try:
        from typer._click.exceptions import NoArgsIsHelpError, UsageError
    except ImportError:  # older typer: the real click (installed or not beside a newer one)
        import click.exceptions as real  # type: ignore[import-not-found,unused-ignore]

        return real.UsageError, real.NoArgsIsHelpError
    return UsageError, NoArgsIsHelpError


# pydantic's wording in typer's usage errors, as a person would say it.
_PLAIN_WORDS = {
    "Input should be a valid integer, unable to parse string as an integer": "not a whole number",
}


def _usage_error(exc: Any) -> str:
    """A click usage error as one line: the message in plain words and where to get help."""
    ctx = getattr(exc, "ctx", None)
    hint = f" (try `{ctx.command_path} --help`)" if ctx is not None else ""
    # Typer checks values with pydantic, whose messages start "Value error, ".
    message = exc.format_message().replace(": Value error, ", ": ")
    for pydantic, plain in _PLAIN_WORDS.items():
        message = message.replace(pydantic, plain)
    return f"mcauthor: error: {message}{hint}"


def run(app: typer.Typer) -> int:
    """Run the command line and give its exit status: whatever goes wrong ends in one
    line (status 2, 130 when interrupted), never a traceback."""
    usage_errors, no_args_error = _click_errors()
    try:
        status = app(standalone_mode=False)
    except no_args_error as exc:  # plain `mcauthor`: the help, as with --help
        exc.show()
        return 0
    except usage_errors as exc:  # bad options: one line, exit 2
        typer.echo(_usage_error(exc), err=True)
        return 2
    except typer.Abort:
        typer.echo("mcauthor: aborted", err=True)
        return 130
    except typer.TyperException as exc:  # other click errors know how to show themselves
        exc.show()  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        typer.echo("mcauthor: interrupted", err=True)
        return 130
    except SystemExit:
        raise
    except OSError as exc:  # the machine, not mcauthor: a file that cannot be read or written
        from mcauthor.files import reason

        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"mcauthor: error: {where}{reason(exc)}", err=True)
        return 2
    except Exception as exc:  # the promise: a one-line reason, never a traceback
        typer.echo(f"mcauthor: internal error: {type(exc).__name__}: {exc}", err=True)
        typer.echo("Please report this at the mcauthor issue tracker.", err=True)
        return 2
    return status if isinstance(status, int) else 0
