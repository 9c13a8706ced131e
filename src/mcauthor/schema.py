"""Check each document against its JSON Schema and turn errors into plain-words findings.

After the check, values that do not fit the schema are removed from the document's data
(and unquoted scalars that YAML typed as numbers are restored to their text where text is
expected), so the model and the rules only ever see well-typed data. That includes numbers
that are not finite: YAML 1.2 reads `.inf`, `-.inf` and `.nan` (and `1e400`, which
overflows) as floats that JSON Schema's `number`, `minimum` and `exclusiveMinimum` let
through; they are reported as invalid values and removed like any other.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from mcauthor.findings import Finding
from mcauthor.loader import Document
from mcauthor.placeholders import is_placeholder
from mcauthor.schemakinds import FILE_KINDS
from mcauthor.suggest import closest, did_you_mean
from mcauthor.words import plural
from mcauthor.yamlread import MAX_NUMBER, YamlPath

# Schema errors that a lint rule reports with a better message (and a criterion).
_OWNED_BY_RULES: set[tuple[YamlPath, str]] = {(("competency",), "type")}

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}
_YAML11_BOOLS = {"yes": True, "Yes": True, "YES": True, "on": True, "On": True, "ON": True}
_YAML11_BOOLS |= {"no": False, "No": False, "NO": False, "off": False, "Off": False, "OFF": False}


@cache
def schema_text(kind: str) -> str:
    """The JSON text of a shipped schema (``mcauthor schema KIND`` prints it)."""
    name = "config" if kind == "config" else kind
    return resources.files("mcauthor").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")


# Bump whenever check() reports or prunes differently for the same file, so that the
# document cache (keyed by fingerprint()) does not serve results of the old check.
# 2: numbers that are not finite (`.inf`, `.nan`, `1e400`) are invalid values.
# 3: patterns end at the end of the text (no final newline slips through `$`).
# 4: numbers larger than 2**53 are invalid values.
# 5: blank text where a pattern applies "must not be empty"; type errors fall back to the
#    field's `x-hint`.
# 6: a placeholder (`hours: TODO`) of the wrong type or form is pruned unreported (MC514).
# 7: only a placeholder that is itself the wrong value is; it is recorded for MC514.
CHECK_VERSION = 7


@cache
def fingerprint() -> str:
    """Changes whenever a shipped schema or the check changes (it invalidates cached results)."""
    import hashlib

    text = f"{CHECK_VERSION}\0" + "".join(schema_text(k) for k in FILE_KINDS)
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


# From this many documents of one kind on, compiling a fast validator pays for itself.
FAST_MIN_DOCS = 40


def _anchored(node: Any) -> Any:
    """A copy of a schema in which every ``pattern`` that ends with ``$`` ends with
    ``\\Z`` instead. JSON Schema patterns are ECMA-262, where ``$`` is the end of the
    text; Python's ``$`` also matches before a final newline, so ``"my-id\\n"`` would
    pass an id pattern and become a file name with a newline in it."""
    if isinstance(node, dict):
        out = {k: _anchored(v) for k, v in node.items()}
        pattern = out.get("pattern")
        if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
            out["pattern"] = pattern[:-1] + "\\Z"
        return out
    if isinstance(node, list):
        return [_anchored(v) for v in node]
    return node


@cache
def _validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_anchored(schema(kind)))


@cache
def _fast_validator(kind: str) -> Any:
    """A compiled yes/no check (fastjsonschema), about 13x faster than jsonschema.

    Our schemas use only keywords whose meaning is the same in draft-07, which
    fastjsonschema implements. It only decides "valid"; every error is still described
    by jsonschema, so messages do not depend on it, and the check is compiled without
    messages of its own (``detailed_exceptions=False``: a quarter of the code, compiled
    three times faster on every run). Credentials' and stacks' checks fill in missing
    values that have a ``default`` (fastjsonschema's default, as before); the config's
    leaves its data as it is (``use_default=False``), as jsonschema does.
    """
    import fastjsonschema

    # A private copy (fastjsonschema rewrites the `$ref`s of the schema it is given).
    return fastjsonschema.compile(
        _anchored(schema(kind)), use_default=kind != "config", detailed_exceptions=False
    )


def check(doc: Document, *, fast: bool = False) -> list[Finding]:
    """Validate ``doc`` in place: findings out, invalid values pruned from its data.

    ``fast`` tries the compiled validator first; worth it for many documents of a kind.
    The config always does: it is one file, but checking a valid config with jsonschema
    costs the import of jsonschema, several times what compiling its check does.
    Either way, numbers that are not finite are reported and removed afterwards.
    """
    if doc.parsed.fatal or doc.data is None:
        return []
    if (fast or doc.kind == "config") and _is_valid_fast(doc):
        errors = []
    else:
        errors = list(_validator(doc.kind).iter_errors(doc.data))
    findings: list[Finding] = []
    prune: list[YamlPath] = []
    deferred: list[tuple[YamlPath, Any]] = []
    for error in errors:
        path: YamlPath = tuple(error.absolute_path)
        not_finite = _not_finite(error.instance)
        if (path, error.validator) in _OWNED_BY_RULES and not not_finite:
            continue
        if error.validator == "type" and _coerce(doc, path, error, findings):
            continue
        if _stands_in(doc, path, error):
            # Text still to be written where a number, id or DOI goes: MC514 reports it
            # (from this record) with what to write; a type error would only repeat it.
            doc.parsed.placeholders[path] = error.instance
            prune.append(path)
            continue
        if not_finite:
            deferred.append((path, error))  # decided once every coercion has been made
            continue
        _report(doc, path, error, findings, prune)
    # An error about `.inf` or `.nan` waits until _coerce has given back the text where text
    # goes. A number field that still holds one is reported below as not finite, whatever
    # else the schema says of it; any other field says what it wants (MC051).
    integer: set[YamlPath] = set()
    for path, error in deferred:
        wanted = _expected_types(error.validator_value) if error.validator == "type" else []
        if not _not_finite(_value_at(doc.data, path)):
            _report(doc, path, error, findings, prune)
        elif "integer" in wanted:
            integer.add(path)
        elif wanted and "number" not in wanted:
            _report(doc, path, error, findings, prune)
    _forget_inside_pruned(doc, set(prune))
    for path in sorted(set(prune), key=len, reverse=True):
        _remove(doc.data, path)
        doc.parsed.pruned.add(path)
    # A plain reading (yamlread.parse_fast) noted whether it typed any such number.
    maybe = not doc.parsed.finite and _any_non_finite(doc.data)
    found = list(_non_finite_paths(doc.data)) if maybe else []
    for path in found:
        findings.append(_not_finite_finding(doc, path, integer=path in integer))
        _remove(doc.data, path)
        doc.parsed.pruned.add(path)
    return findings


# Errors about a value's own type or form, for which a placeholder may stand in. Never
# errors about keys (`propertyNames`, `additionalProperties`, `required`): a key named
# `TODO` is not a value still to be written, and its error is about the whole mapping.
_VALUE_ERRORS = frozenset(
    {
        "type",
        "format",
        "pattern",
        "enum",
        "const",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "multipleOf",
    }
)
_SCALAR_TYPES = frozenset({"string", "integer", "number", "boolean", "null"})


def _stands_in(doc: Document, path: YamlPath, error: Any) -> bool:
    """Whether ``error`` is only that a placeholder (`hours: TODO`) stands where a value
    of another type or form goes: the error is about the value at ``path`` itself, and
    that value is placeholder text written on one line where a list or mapping goes."""
    value = error.instance
    if error.validator not in _VALUE_ERRORS or not path or not is_placeholder(value):
        return False
    if _value_at(doc.data, path) != value:
        return False  # the error is about something else than the text at `path`
    wanted = _expected_types(error.validator_value) if error.validator == "type" else []
    if wanted and not _SCALAR_TYPES.intersection(wanted):
        # A placeholder stands in for one value, not for a list or mapping written out
        # as a block of text (`evidence: |` then `TODO`): that is the wrong type.
        return "\n" not in value and not _block_scalar(doc, path)
    return True


def _block_scalar(doc: Document, path: YamlPath) -> bool:
    """Whether the value at ``path`` is written as a block scalar (`|` or `>`)."""
    line, column = doc.locate(path, value=True)
    lines = doc.text.splitlines()
    return 0 < line <= len(lines) and lines[line - 1][column - 1 : column] in ("|", ">")


def _forget_inside_pruned(doc: Document, prune: set[YamlPath]) -> None:
    """Drop the placeholders recorded inside a value that is removed for its own error:
    that error is reported, and the placeholder is no longer in the data."""
    record = doc.parsed.placeholders
    for path in list(record):
        if any(path[:n] in prune for n in range(len(path))):
            del record[path]


def _report(
    doc: Document, path: YamlPath, error: Any, findings: list[Finding], prune: list[YamlPath]
) -> None:
    findings.extend(_describe(doc, path, error))
    if error.validator == "additionalProperties":
        prune.extend((*path, key) for key in _unknown_keys(error))
    elif error.validator != "required":
        prune.append(path)


def _not_finite(value: Any) -> bool:
    """Whether ``value`` is a number no output can hold: `.inf`, `.nan`, or too large."""
    if type(value) is float:
        return not math.isfinite(value) or abs(value) > MAX_NUMBER
    return type(value) is int and abs(value) > MAX_NUMBER


def _value_at(data: Any, path: YamlPath) -> Any:
    try:
        return _get(data, path)
    except (KeyError, IndexError, TypeError):
        return None


def _any_non_finite(data: Any) -> bool:
    """Quick (a fifth of _non_finite_paths' time): whether any value is `.inf` or `.nan`."""
    stack = [data]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            stack.extend(value.values())
        elif type(value) is list:
            stack.extend(value)
        elif _not_finite(value):
            return True
    return False


def _non_finite_paths(data: Any, path: YamlPath = ()) -> Iterator[YamlPath]:
    """Where ``data`` holds `.inf`, `-.inf` or `.nan`; not in `x-` data, which is yours."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not (isinstance(key, str) and key.startswith("x-")):
                yield from _non_finite_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _non_finite_paths(value, (*path, index))
    elif _not_finite(data):
        yield path


def _not_finite_finding(doc: Document, path: YamlPath, *, integer: bool) -> Finding:
    value = _value_at(doc.data, path)
    if math.isfinite(value):  # finite, only too large
        text = doc.plain(path) or str(value)
        return Finding(
            "MC053",
            doc.relpath,
            path,
            f"`{_name(path, doc.kind)}` must be at most {MAX_NUMBER:,}, not `{_short(text)}`",
            hint="Write a number like `10`, or remove the key.",
            value=True,
        )
    special = ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    text = doc.plain(path) or special
    meaning = {".nan": '"not a number"', ".inf": "infinity"}.get(special, "minus infinity")
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        hint = f"YAML reads `{text}` as {meaning}"
    else:
        hint = f"`{_short(text)}` is too large for a number, so YAML reads it as {meaning}"
    wanted = "a whole number" if integer else "a finite number"
    return Finding(
        "MC053",
        doc.relpath,
        path,
        f"`{_name(path, doc.kind)}` must be {wanted}, not `{_short(text)}`",
        hint=hint + "; write a number like `10`, or remove the key.",
        value=True,
    )


def _is_valid_fast(doc: Document) -> bool:
    try:
        _fast_validator(doc.kind)(doc.data)
    except Exception:  # invalid, or data it cannot handle: let jsonschema explain
        return False
    return True


def _coerce(doc: Document, path: YamlPath, error: Any, findings: list[Finding]) -> bool:
    """Give back the text of an unquoted scalar that YAML typed; True if it now fits."""
    text = doc.plain(path)
    if text is None or not path:
        return False
    expected = _expected_types(error.validator_value)
    parent = _get(doc.data, path[:-1])
    if "string" in expected:
        if _canonical(error.instance) != text and not _already_reported(doc, path):
            findings.append(
                Finding(
                    "MC011",
                    doc.relpath,
                    path,
                    f"YAML reads unquoted `{text}` as the number {error.instance!r}; "
                    f'mcauthor keeps the text "{text}"',
                    hint=f'Quote it: `"{text}"`.',
                    value=True,
                )
            )
        parent[path[-1]] = text
        return True
    if "boolean" in expected and text in _YAML11_BOOLS:
        parent[path[-1]] = _YAML11_BOOLS[text]
        return True
    return False


def _already_reported(doc: Document, path: YamlPath) -> bool:
    return any(p.kind == "yaml11" and p.path == path for p in doc.parsed.problems)


def _canonical(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def _expected_types(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


# Keys other tools use for a field this format names differently (suggested by MC050).
ALIASES = {
    "organization": "authors",
    "organisation": "authors",
    "author": "authors",
    "publisher": "source",
    "journal": "source",
    "report_number": "number",
    "report-number": "number",
    "credits": "credit",
}


def _describe(doc: Document, path: YamlPath, error: Any) -> Iterator[Finding]:
    rel = doc.relpath
    name = _name(path, doc.kind)
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in _unknown_keys(error):
            close = closest(key, allowed)
            if close is None and ALIASES.get(key.lower()) in allowed:
                close = ALIASES[key.lower()]
            where = f"in `{_name(path, doc.kind)}`" if path else f"in a {doc.kind} file"
            yield Finding(
                "MC050",
                rel,
                (*path, key),
                f"unknown key `{key}` {where}" + (f"; did you mean `{close}`?" if close else ""),
                hint=_allowed_hint(allowed),
            )
    elif kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        for key in missing:
            where = f"`{name}`" if path else f"this {doc.kind} file"
            yield Finding(
                "MC052",
                rel,
                path,
                f"{where} is missing the required key `{key}`",
                hint=_describe_property(error.schema, key),
            )
    elif kind == "type":
        wanted = _expected_types(error.validator_value)
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in wanted)
        yield Finding(
            "MC051",
            rel,
            path,
            f"`{name}` should be {expected}, not {_what(error.instance)}",
            hint=_type_hint(error.instance, wanted) or error.schema.get("x-hint"),
            value=True,
        )
    else:
        yield Finding(
            "MC053",
            rel,
            path,
            _value_message(name, error),
            hint=error.schema.get("x-hint") or _enum_hint(error),
            value=True,
        )


def _value_message(name: str, error: Any) -> str:
    kind, limit, value = error.validator, error.validator_value, error.instance
    shown = _short(value)
    if kind == "enum":
        choices = [str(c) for c in limit]
        text = f"`{name}` must be one of {_or(choices)}, not `{shown}`"
        return text + did_you_mean(str(value), choices)
    if kind == "pattern":
        if isinstance(value, str) and not value.strip():
            return f"`{name}` must not be empty"
        return f"`{shown}` is not a valid `{name}`"
    if kind == "exclusiveMinimum":
        return f"`{name}` must be more than {limit}, not {shown}"
    if kind == "minimum":
        return f"`{name}` must be at least {limit}, not {shown}"
    if kind == "minLength":
        return f"`{name}` must not be empty"
    if kind == "minItems":
        return f"`{name}` needs at least {plural(limit, 'item')}"
    if kind == "uniqueItems":
        return f"`{name}` lists the same value more than once"
    return f"`{name}`: {error.message}"


def _enum_hint(error: Any) -> str | None:
    if error.validator == "enum":
        return "Use one of: " + ", ".join(str(c) for c in error.validator_value) + "."
    return None


def _type_hint(instance: Any, expected: list[str]) -> str | None:
    if isinstance(instance, str) and ("number" in expected or "integer" in expected):
        return "Write the number without quotes, like `hours: 10`."
    if instance is None and "string" in expected:
        return "Write the text after the colon, or remove the key."
    if "array" in expected and not isinstance(instance, list):
        return "Write a list, like `[a, b]` or one `- item` per line."
    if "string" in expected and isinstance(instance, dict):
        return "A colon followed by a space starts a mapping; quote text that contains `: `."
    return None


def _allowed_hint(allowed: list[str]) -> str:
    return "Allowed keys here: " + ", ".join(allowed) + " (and `x-` keys for your own data)."


def _describe_property(subschema: dict[str, Any], key: str) -> str | None:
    prop = subschema.get("properties", {}).get(key, {})
    description = prop.get("description")
    return description if isinstance(description, str) else None


def field_schema(kind: str, path: YamlPath) -> dict[str, Any] | None:
    """The part of ``kind``'s schema that describes the value at ``path`` (None if none)."""
    root = schema(kind)
    node: Any = root
    for part in path:
        node = _deref(root, node)
        node = node.get("items") if isinstance(part, int) else _property(node, part)
        if not isinstance(node, dict):
            return None
    found: dict[str, Any] = _deref(root, node)
    return found


def _property(node: dict[str, Any], key: str) -> Any:
    """The schema of ``node``'s property ``key``: named in ``properties``, else matched by
    ``patternProperties``, else ``additionalProperties`` (a map like a rubric's
    ``descriptors``, whose keys are level ids)."""
    named = node.get("properties", {}).get(key)
    if named is not None:
        return named
    for pattern, matched in node.get("patternProperties", {}).items():
        if re.search(pattern, key):
            return matched
    return node.get("additionalProperties")


def _deref(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node``, or what its local ``$ref`` (``#/$defs/NAME``) points to."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = root.get("$defs", {}).get(ref.removeprefix("#/$defs/"))
        if isinstance(target, dict):
            return target
    return node


def _unknown_keys(error: Any) -> list[str]:
    props = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    return [
        key
        for key in error.instance
        if key not in props and not any(re.search(p, key) for p in patterns)
    ]


def _name(path: YamlPath, kind: str) -> str:
    """A readable name for a path: `evidence[2].prompts[0].words` or the file kind."""
    if not path:
        return kind
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _what(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{_short(value)}"'
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _or(choices: list[str]) -> str:
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]


def _get(data: Any, path: YamlPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _remove(data: Any, path: YamlPath) -> None:
    """Drop an invalid value: delete a mapping key, blank a list item (keeps indexes)."""
    if not path:
        return
    try:
        parent = _get(data, path[:-1])
    except (KeyError, IndexError, TypeError):
        return
    last = path[-1]
    if isinstance(parent, dict):
        parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = None
