"""Catalog and data helpers shared by the lint rules.

Rule modules import helpers from here and from ``_text`` (pure text and language
helpers), never from one another. What is here:

- the checked data behind the model: :func:`raw`, :func:`string_items`, and whether a key
  was written but left empty (:func:`given_empty`) or removed by the schema step
  (:func:`was_pruned`); :func:`missing_list_at` puts these together for the rules that
  report an absent or empty list;
- human names for parts of a credential (:func:`part_name`, :func:`prompt_name`,
  :func:`criterion_name`, :func:`entry_name`) and places (:func:`line_of`, :func:`where`);
- words for messages: :func:`join_words`, :func:`comma_list`, :func:`closest` and
  :func:`did_you_mean`;
- ids and lists the rules look up: :func:`known_ids`, :func:`unreadable_stems`,
  :func:`scale_names`, :func:`level_lists`, :func:`citations`,
  and the first and repeated items of a list (:func:`firsts`, :func:`repeats`);
- asset paths (the issuer logo, badge images, resource files): :func:`assets`,
  :func:`place` and :func:`case_fix`.

Everything here must never raise on odd data: a rule that crashes is reported as MC000.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit

from mcauthor.model import (
    Catalog,
    Credential,
    EvidencePart,
    Level,
    Prompt,
    ResearchEntry,
    RubricCriterion,
    value_at,
)
from mcauthor.placeholders import is_placeholder

# Where an asset path leads: re-exported, the rules import from here.
from mcauthor.places import OUTSIDE as OUTSIDE
from mcauthor.places import REFUSED as REFUSED
from mcauthor.places import Place as Place
from mcauthor.places import case_fix as case_fix
from mcauthor.places import place as place
from mcauthor.places import private_reason as private_reason
from mcauthor.suggest import closest as closest  # re-exported: the rules import from here
from mcauthor.suggest import did_you_mean as did_you_mean
from mcauthor.yamlread import YamlPath

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# -- the checked data -------------------------------------------------------------------------


def raw(catalog: Catalog, file: str, path: YamlPath) -> Any:
    """The checked data at ``path`` in ``file`` (None when absent or pruned).

    This is the document's data after the schema step, which deletes invalid mapping keys
    and blanks invalid list items (keeping the indexes).
    """
    doc = catalog.documents.get(file)
    return value_at(doc.data, path) if doc is not None else None


def string_items(
    catalog: Catalog, file: str, path: YamlPath, fallback: Iterable[str] = ()
) -> list[tuple[int, str]]:
    """The text items of the list at ``path`` in ``file``, with their indexes.

    Indexes are those of the file (the schema step blanks invalid items but keeps the
    positions), so findings can point at the very item. Without the document (a catalog
    built in code), the model's values in ``fallback`` are numbered instead.
    """
    doc = catalog.documents.get(file)
    if doc is None:
        return list(enumerate(fallback))
    return list(doc.remembered(("string items", path), partial(_string_items, path)))


def _string_items(path: YamlPath, data: Any) -> tuple[tuple[int, str], ...]:
    value = value_at(data, path)
    if not isinstance(value, list):
        return ()
    return tuple((i, item) for i, item in enumerate(value) if isinstance(item, str))


def given_empty(catalog: Catalog, file: str, path: YamlPath) -> bool:
    """Whether ``path`` was written with nothing in it: `[]`, `{}` or a null value.

    Only `[]`/`{}` survive the schema step; a null is only visible in the source text, and
    the schema step has already reported it as the wrong type.
    """
    doc = catalog.documents.get(file)
    if doc is None or not catalog.given(file, path):
        return False
    value = raw(catalog, file, path)
    return value in ([], {}) and not catalog.given(file, (*path, 0))


def was_pruned(catalog: Catalog, file: str, path: YamlPath) -> bool:
    """Whether ``path`` was in the file but the schema step removed it (already reported)."""
    if catalog.documents.get(file) is None or not catalog.given(file, path):
        return False
    return raw(catalog, file, path) is None


def missing_list_at(catalog: Catalog, file: str, parent: YamlPath, key: str) -> YamlPath | None:
    """Where to report a list that the model found empty, or None to stay quiet.

    Call it once the model's list at ``(*parent, key)`` is known to be empty. Then:

    - ``key`` is absent from its mapping: the finding goes on the mapping, ``parent``;
    - ``key`` is written as an empty list (`key: []`): the finding goes on the key;
    - ``key`` is written but not usable (the wrong type, or only invalid items): None,
      because the schema step has already said why.

    Rules tell the first two apart by comparing the result with ``parent``, usually to
    say "has no ..." or "... is empty".
    """
    at = (*parent, key)
    if not catalog.given(file, at):
        return parent
    if given_empty(catalog, file, at):
        return at
    return None


def competency_text(credential: Credential, catalog: Catalog) -> str | None:
    """The competency when it is written as text (not a list or mapping) with words in it."""
    value = credential.competency
    if not isinstance(value, str) or not value.strip() or is_placeholder(value):
        return None  # a placeholder (`TODO: The educator ...`) is MC514's alone
    if isinstance(raw(catalog, credential.file, ("competency",)), dict | list):
        return None
    return value


# -- names and places -------------------------------------------------------------------------


def item_number(at: YamlPath) -> int | None:
    """The 1-based number of the list item at ``at``, or None if ``at`` is no list item."""
    index = at[-1] if at else None
    return index + 1 if isinstance(index, int) else None


def _name(noun: str, ident: str, at: YamlPath, article: str = "a") -> str:
    if ident:
        return f"the {noun} `{ident}`"
    number = item_number(at)
    return f"{noun} {number}" if number is not None else f"{article} {noun}"


def part_name(part: EvidencePart) -> str:
    """`the evidence part `overview``, or `evidence part 2` when it has no id."""
    return _name("evidence part", part.id, part.at, "an")


def prompt_name(prompt: Prompt) -> str:
    """`prompt 2`: prompts have no ids, so they are named by their place in the list."""
    return _name("prompt", "", prompt.at)


def criterion_name(criterion: RubricCriterion) -> str:
    """`the criterion `context``, or `criterion 3` when it has no id."""
    return _name("criterion", criterion.id, criterion.at)


def entry_name(entry: ResearchEntry) -> str:
    """`the research entry `key``, or `a research entry without a key (item 2)`."""
    if entry.key:
        return f"the research entry `{entry.key}`"
    number = item_number(entry.at)
    return "a research entry without a key" + (f" (item {number})" if number is not None else "")


def line_of(catalog: Catalog, file: str, path: YamlPath, *, value: bool = False) -> int:
    """The line of ``path`` in ``file`` (of its value with ``value``); 1 without the document."""
    doc = catalog.documents.get(file)
    return int(doc.locate(path, value=value)[0]) if doc is not None else 1


def where(catalog: Catalog, file: str, at: YamlPath, *, here: str | None = None) -> str:
    """A readable place: "line 19" in the same file as ``here``, else "research/x.yaml line 3"."""
    known = catalog.documents.get(file) is not None
    line = f"line {line_of(catalog, file, at)}" if known else ""
    if file == here and line:
        return line
    return f"{file} {line}".strip()


# -- words for messages -----------------------------------------------------------------------


def join_words(words: Sequence[str], last: str = "and", *, code: bool = True) -> str:
    """The words for a message: "`a`, `b` and `c`".

    ``last`` is the word before the last one ("and", "or"); with ``code=False`` the words
    are not put in backticks. No words give "".
    """
    items = [f"`{w}`" for w in words] if code else list(words)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def comma_list(words: Iterable[str]) -> str:
    """The words in backticks, separated by commas: "`a`, `b`, `c`" (each once)."""
    return ", ".join(f"`{w}`" for w in dict.fromkeys(words))


# -- ids and lists ----------------------------------------------------------------------------


def unreadable_stems(catalog: Catalog, kind: str) -> set[str]:
    """The file stems of the files of ``kind`` ("credential", "stack") that could not be
    read at all (already reported), so the model has nothing of them.
    """
    return {
        doc.stem
        for doc in catalog.documents.values()
        if getattr(doc, "kind", None) == kind and (doc.data is None or doc.parsed.fatal)
    }


def known_ids(catalog: Catalog, kind: str) -> set[str]:
    """Ids of every credential (or stack), plus the file stems of those files of that kind
    that could not be read at all (already reported; naming them is not a second problem).
    """
    items = catalog.credentials if kind == "credential" else catalog.stacks
    return {item.id for item in items} | unreadable_stems(catalog, kind)


def scale_names(catalog: Catalog) -> list[str]:
    """The scales defined in mcauthor.yaml (keys starting with `x-` are no scales)."""
    return [name for name in catalog.config.scales if not name.startswith("x-")]


@dataclass(frozen=True, slots=True)
class LevelList:
    """A list of rubric levels: a scale in mcauthor.yaml, or the `levels` of one rubric."""

    file: str
    at: YamlPath
    levels: tuple[Level, ...]
    scale: str | None  # the scale's name; None for a rubric's own `levels`


def level_lists(catalog: Catalog, file: str) -> Iterator[LevelList]:
    """The lists of levels written in ``file``: the scales of mcauthor.yaml, or a rubric's
    `levels`. A scale is checked once, at the scale, however many rubrics use it."""
    config = catalog.config
    if file == config.file:
        for name in scale_names(catalog):
            yield LevelList(config.file, ("scales", name), config.scales[name], name)
    credential = catalog.credential_in(file)
    rubric = credential.rubric if credential is not None else None
    if credential is not None and rubric is not None and rubric.levels is not None:
        yield LevelList(credential.file, ("rubric", "levels"), rubric.levels, None)


def firsts(items: Iterable[tuple[K, V]]) -> dict[K, V]:
    """The value of the first item of each key, in the order the keys first come."""
    first: dict[K, V] = {}
    for key, value in items:
        first.setdefault(key, value)
    return first


def repeats(items: Iterable[tuple[K, V]]) -> Iterator[tuple[K, V, V]]:
    """Each item whose key came before: (key, value, the value of the first such item)."""
    first: dict[K, V] = {}
    for key, value in items:
        if key in first:
            yield key, value, first[key]
        else:
            first[key] = value


def citations(credential: Credential, catalog: Catalog) -> list[tuple[YamlPath, str]]:
    """The research keys that ``key_method.research`` cites, each with its YAML path."""
    if credential.key_method is None:
        return []
    at: YamlPath = (*credential.key_method.at, "research")
    items = string_items(catalog, credential.file, at, credential.key_method.research)
    return [((*at, i), key) for i, key in items]


# -- asset paths ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Asset:
    """A path to a file of the catalog, named in one of its YAML files."""

    file: str  # the YAML file that names it
    at: YamlPath
    what: str  # "the badge image", ...
    path: str


def assets(catalog: Catalog) -> list[Asset]:
    """Every asset path in the catalog: the issuer logo, badge images, resource files."""
    found: list[Asset] = []
    logo = catalog.config.issuer.logo
    if logo:
        found.append(Asset(catalog.config.file, ("issuer", "logo"), "the issuer logo", logo))
    for stack in catalog.stacks:
        if stack.award is not None and stack.award.image:
            what = "the stack's badge image"
            found.append(Asset(stack.file, ("award", "image"), what, stack.award.image))
    for credential in catalog.credentials:
        if credential.image:
            found.append(Asset(credential.file, ("image",), "the badge image", credential.image))
        for resource in credential.resources:
            if not resource.file_path:
                continue
            index = resource.at[-1]
            name = f"`{resource.title}`" if resource.title else f"{int(index) + 1}"
            found.append(
                Asset(
                    credential.file,
                    (*resource.at, "file"),
                    f"the file of resource {name}",
                    resource.file_path,
                )
            )
    return found


# -- web addresses ---------------------------------------------------------------------

_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"  # letters and digits in any script, inner hyphens
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute http(s) address, or None if it is one."""
    if not value.strip():
        return "is blank"
    if re.search(r"\s", value.strip()):
        return "contains spaces"
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
    except ValueError:
        return "cannot be read as a web address"
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or not value.strip().lower().startswith(f"{parts.scheme}:"):
            return "does not start with `https://`"
        return f"starts with `{parts.scheme}:`, not `https://`"
    if not value.strip()[len(parts.scheme) + 1 :].startswith("//"):
        return f"does not have `//` after `{parts.scheme}:`"
    if not host:
        return "has no host name"
    if not (host.startswith("[") or ":" in host or _HOST.fullmatch(host)):
        return f"has an invalid host name `{host}`"
    return None
