"""What rules and the loading layers yield, before the engine turns it into a Diagnostic.

A finding names its rule code and where it is: a file and either a YAML path (the engine
looks up the line and column from the positions recorded while loading; for a missing
key, the mapping that lacks it) or an explicit line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not at run time: it would import the YAML parser
    from mcauthor.yamlread import YamlPath


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    file: str
    at: YamlPath
    message: str
    hint: str | None = None
    value: bool = False  # point at the value rather than at its key
    line: int | None = None
    column: int | None = None
