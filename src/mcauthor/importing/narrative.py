"""Reading back the markdown that the Open Badges exports write: an achievement's
``description`` (summary, credit, key method, research) and its ``criteria.narrative``
(competency, evidence parts and prompts, earn rule). The inverse of
:func:`mcauthor.export.openbadges.description` and ``narrative``; text in any other shape
is kept whole (as the summary, or in ``x-imported``) rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mcauthor.ids import slug
from mcauthor.views import FORMAT_LABELS, KIND_LABELS

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_LIMIT = re.compile(
    r"\s\((?:(?P<lo>\d{1,6})–(?P<hi>\d{1,6})|(?P<exact>\d{1,6})|at least (?P<min>\d{1,6})"
    r"|at most (?P<max>\d{1,6}))"
    r" words\)$"
)
_KINDS = {label: kind for kind, label in KIND_LABELS.items()}
_FORMATS = {label: name for name, label in FORMAT_LABELS.items()}
_BULLET = re.compile(r"^[-*] ")


def plain(line: str) -> str:
    """A line of escaped markdown (:func:`mcauthor.words.markdown_line`) as its text."""
    return _ESCAPED.sub(r"\1", line.strip())


@dataclass
class Description:
    summary: str | None = None
    credit: tuple[float, str] | None = None  # value, unit
    statement: str | None = None
    references: list[str] = field(default_factory=list)


def description(text: str) -> Description:
    """The parts of an exported description, each paragraph by its opening words."""
    out = Description()
    summary: list[str] = []
    for paragraph in _paragraphs(text):
        if paragraph.startswith("Credit: ") and out.credit is None:
            out.credit = _credit(paragraph.removeprefix("Credit: ").rstrip("."))
        elif paragraph.startswith("Key method: ") and out.statement is None:
            out.statement = paragraph.removeprefix("Key method: ")
        elif paragraph.startswith("Research:\n") and not out.references:
            lines = paragraph.split("\n")[1:]
            out.references = [line.removeprefix("- ") for line in lines if line.startswith("- ")]
        else:  # the summary, and any paragraph of no known kind with it
            summary.append(paragraph)
    out.summary = "\n\n".join(summary) or None
    return out


def _credit(text: str) -> tuple[float, str] | None:
    value, _, unit = text.partition(" ")
    try:
        return float(value), unit.strip()
    except ValueError:
        return None


def _paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


@dataclass
class Criteria:
    competencies: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    earn: str | None = None
    rest: list[str] = field(default_factory=list)  # sections of no known kind


def criteria(text: str) -> Criteria:
    """The sections of an exported criteria narrative (``## Competency`` and so on)."""
    out = Criteria()
    for title, body in _sections(text, "## "):
        if title == "Competency":
            lines = [plain(line) for line in body.split("\n") if line.strip()]
            out.competencies = [line for line in lines if line != "(not stated)"]
        elif title == "Evidence to submit":
            out.evidence = [_part(head, part) for head, part in _sections(body, "### ")]
        elif title == "Earning the micro-credential":
            out.earn = body.strip() or None
        else:
            out.rest.append(f"## {title}\n\n{body.strip()}" if title else body.strip())
    return out


def _sections(text: str, marker: str) -> list[tuple[str, str]]:
    """(heading, body) for each heading that starts with ``marker``; text before the
    first heading comes with the heading ""."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        if line.startswith(marker):
            out.append((line[len(marker) :].strip(), []))
        else:
            out[-1][1].append(line)
    return [
        (head, "\n".join(body).strip("\n")) for head, body in out if head or "".join(body).strip()
    ]


def _part(heading: str, body: str) -> dict[str, Any]:
    """One evidence part: its title and kind from the heading, then instructions,
    prompts and accepted formats from the paragraphs."""
    title, kind = plain(heading), None
    for label, name in _KINDS.items():
        if title.endswith(f" ({label})"):
            title, kind = title[: -len(label) - 3], name
            break
    paragraphs = _paragraphs(body)
    formats: list[str] = []
    if paragraphs and paragraphs[-1].startswith("Accepted formats: "):
        named = paragraphs.pop().removeprefix("Accepted formats: ").rstrip(".")
        formats = [_FORMATS.get(label, label.lower()) for label in _split_formats(named)]
    prompts: list[dict[str, Any]] = []
    if paragraphs and all(_BULLET.match(line) for line in paragraphs[-1].split("\n")):
        prompts = [_prompt(line[2:]) for line in paragraphs.pop().split("\n")]
    part: dict[str, Any] = {"id": kind or slug(title), "title": title}
    if kind:
        part["kind"] = kind
    if paragraphs:
        part["instructions"] = "\n\n".join(paragraphs)
    if prompts:
        part["prompts"] = prompts
    if formats:
        part["formats"] = formats
    return part


def _split_formats(text: str) -> list[str]:
    """The labels of ``Document (PDF preferred), Image, Link``: commas inside brackets stay."""
    out, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += char
    return [label for label in [*out, current.strip()] if label]


def _prompt(line: str) -> dict[str, Any]:
    found = _LIMIT.search(line)
    text = line[: found.start()] if found else line
    prompt: dict[str, Any] = {"text": plain(text)}
    if found:
        lo = found.group("lo") or found.group("exact") or found.group("min")
        hi = found.group("hi") or found.group("exact") or found.group("max")
        words = {k: int(v) for k, v in (("min", lo), ("max", hi)) if v}
        prompt["words"] = words
    return prompt
