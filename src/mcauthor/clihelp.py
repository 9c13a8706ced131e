"""Command-line help that reads like a person wrote it, and "did you mean" suggestions.

Typer's own help shows Python types (``paths... <list[Path]>``, ``<int range>``), marks a
required argument ``{ID}`` and cuts each command's summary short with "...". ``HelpGroup``
tidies every command once, when the command tree is built: arguments are shown by their
name (``PATH...``, ``ID``, ``CODE``) as click and most Unix tools write them, options that
name no metavar get one (their choices, ``[text|json]``, or their name in capitals), and
the command list shows each summary whole.
"""

from __future__ import annotations

from typing import Any

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
