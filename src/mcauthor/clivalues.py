"""Command-line values converted without pydantic, when typer would give the same value.

Typer converts every option's value with a pydantic ``TypeAdapter``, built the first time
the option is read: importing pydantic and building the adapters was about a fifth of a
small lint's time (0.1 to 0.2 s), on every command. mcauthor's options are plain (text,
paths, choices, whole numbers, lists of them), so :class:`ValuesGroup` gives each of them
a converter that does what typer's does for those, with typer's own path and choice
helpers. A value it does not take for certain (a choice that is not one, a number that is
not plain digits, any other type) goes to typer's own converter, so errors read exactly
as before and pydantic is imported only then. A typer without these converters (they
are typer's own, not its public interface) is left to do as it does.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperArgument, TyperOption

from mcauthor.clihelp import HelpGroup

_UNSURE = object()  # "let typer convert this one"


def _plain(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """``value`` as typer would convert it for ``annotation``, or ``_UNSURE``."""
    from typer._param_types import coerce_cli_choice, coerce_cli_path

    if get_origin(annotation) is list:
        if not isinstance(value, (list, tuple)):
            return _UNSURE
        (inner,) = get_args(annotation)
        items = [_plain(inner, info, item, param, ctx) for item in value]
        return _UNSURE if any(item is _UNSURE for item in items) else items
    if annotation is str:
        return value if isinstance(value, str) else _UNSURE
    if annotation is Path and info.path_type is None and info.parser is None:
        if isinstance(value, str):
            value = Path(value)  # what pydantic makes of any text
        if not isinstance(value, Path):
            return _UNSURE
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    if isinstance(annotation, type) and issubclass(annotation, Enum) and info.parser is None:
        try:
            return coerce_cli_choice(
                value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx
            )
        except ValueError:
            return _UNSURE
    if annotation is int and info.min is None and info.max is None and info.parser is None:
        if type(value) is int:
            return value
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
            return int(value)
    return _UNSURE


@functools.cache
def _plain_param() -> Any:
    """The converter class, or None for a typer without pydantic converters."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:
        return None

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """Converts a plain value itself; hands anything else to typer's converter."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = _plain(self.annotation, self.parameter_info, value, param, ctx)
            if plain is _UNSURE:
                typer_own = build_runtime_param(param.type_descriptor)
                return typer_own._coerce_value(value, param=param, ctx=ctx)
            return plain

    return PlainParam


def _convert_plainly(param: Any) -> None:
    converter = _plain_param()
    if converter is None or not isinstance(param, (TyperArgument, TyperOption)):
        return
    described = param.type_descriptor
    if param._runtime_param is None and described.file_annotation is None:
        param._runtime_param = converter(described.parameter_info, described.annotation)


class ValuesGroup(HelpGroup):
    """A command group with tidy help (:class:`HelpGroup`) whose options' values are
    converted without pydantic where that gives the same value: its own options and
    those of the command it runs, the help options included (made when first asked for).
    """

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            _convert_plainly(param)
        return params

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[Any, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            for param in command.get_params(ctx):
                _convert_plainly(param)
        return name, command, rest
