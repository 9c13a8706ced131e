"""The kinds of file mcauthor ships a JSON Schema for: the one list.

Its own module, with no imports, because the command line names the kinds in its help
(``mcauthor schema KIND``) and must not load :mod:`mcauthor.schema` (and the loader
behind it) to print that help.
"""

from __future__ import annotations

# The catalog's own files: lint checks them against their schema, and `mcauthor init`
# copies their schemas into the catalog's .schemas/ for editors.
FILE_KINDS = ("config", "credential", "stack", "research")
# What `mcauthor export` writes: data/catalog.json and data/ctdl/*.json.
EXPORT_KINDS = ("catalog-json", "ctdl")
# Every schema under src/mcauthor/schemas/ (KIND.schema.json), in `mcauthor schema` order.
SCHEMA_KINDS = (*FILE_KINDS, *EXPORT_KINDS)
