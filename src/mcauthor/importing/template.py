"""``mcauthor import docx``: Digital Promise's micro-credential template, read from the
blocks of a Word document (:mod:`mcauthor.importing.worddoc`) into a credential.

Sections are found by their headings, whatever makes them headings (Word's heading
styles, the title style, or a short paragraph in bold, as Google Docs users often write
them) and whatever their level, and by their words: "Competency"; "Key Method" or
"Method"; "Method Components"; "Supporting Research and Rationale"; "Resources";
"Submission Guidelines"; "Part 1: Overview Questions", "Part 2: Work Examples",
"Part 3: Reflection"; "Rubric", "Scoring Guide" or "Evaluation Criteria". A heading
deeper than its section's is a part of that section (a component's title, say) unless it
is plainly another section's name. Text under a heading of no known section is kept in
``x-imported``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcauthor.errors import CannotRun
from mcauthor.ids import slug
from mcauthor.importing import Imported, Names, Target, core_placeholders
from mcauthor.importing.citations import parse as parse_reference
from mcauthor.importing.linking import link_parts
from mcauthor.importing.rubrictable import Rubric, rubric_of
from mcauthor.importing.worddoc import Block, blocks

# Each section and the words of its heading, tried in this order.
_SECTIONS: tuple[tuple[str, str], ...] = (
    ("part1", r"^part (?:1|one|i)\b|overview questions?"),
    ("part2", r"^part (?:2|two|ii)\b|work examples?|artifacts?|work samples?|evidence of practice"),
    ("part3", r"^part (?:3|three|iii)\b|reflection"),
    ("rubric", r"rubric|scoring guide|evaluation criteria|assessment criteria|scoring criteria"),
    ("components", r"method components|^components$|^method steps$|^steps$"),
    ("method", r"^(?:the )?key method|^(?:the )?method$"),
    ("competency", r"^(?:the )?competenc(?:y|ies)\b"),
    ("research", r"research|rationale"),
    ("resources", r"resources"),
    ("submission", r"submission|evidence requirements|earning the micro-?credential"),
)
# Headings that are nothing but a section's name: a section even where they sit deeper.
_PLAIN = re.compile(
    r"^(?:competency|key method|method|method components|supporting research(?: and rationale)?"
    r"|research|rationale|resources|submission guidelines|submission requirements"
    r"|rubric|scoring guide|evaluation criteria|reflection"
    r"|part (?:1|2|3|one|two|three|i|ii|iii)\b.*)$"
)
_NUMBERING = re.compile(r"^(?:section\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.)]\s+")
_LIMIT = re.compile(
    r"\(?\s*(?:(?:word limit|limit|length)[:\s]*)?(?:(?P<lo>\d{2,4})\s*(?:-|–|—|to)\s*)?"
    r"(?P<hi>\d{2,4})\s*words?(?:\s+(?:max(?:imum)?|or (?:less|fewer)|limit))?\s*\)?\.?",
    re.I,
)
_KINDS = {"part1": "overview", "part2": "artifact", "part3": "reflection"}
_PART_IDS = {"part1": "overview", "part2": "artifacts", "part3": "reflection"}
_URL = re.compile(r"https?://\S+[^\s.,;)]")


@dataclass
class Section:
    name: str  # a key of _SECTIONS, or "" for text of no known section
    heading: str
    level: int
    blocks: list[Block] = field(default_factory=list)


def read(inputs: Sequence[Path], target: Target) -> list[Imported]:
    out = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.docx") if p.is_file() and not p.is_symlink())
            if not found:
                raise CannotRun(f"{path}: no .docx files in it")
            out += [_credential(p, target) for p in found]
        else:
            out.append(_credential(path, target))
    return out


def section_of(text: str) -> str | None:
    """The section a heading names, if any."""
    words = _normal(text)
    for name, pattern in _SECTIONS:
        if re.search(pattern, words):
            return name
    return None


def _normal(text: str) -> str:
    words = " ".join(text.lower().replace("&", "and").split()).strip(" :.")
    return _NUMBERING.sub("", words)


def sections(found: list[Block]) -> tuple[str | None, list[Section]]:
    """The title and the sections, each with the blocks under its heading."""
    title: str | None = None
    out: list[Section] = [Section("", "", 99)]
    for block in found:
        if block.kind != "heading":
            out[-1].blocks.append(block)
            continue
        name = section_of(block.text)
        current = out[-1]
        deeper = current.name and block.level > current.level
        if deeper and not _PLAIN.match(_normal(block.text)):
            current.blocks.append(block)  # a component's title, a rubric's part ...
        elif name is not None:
            out.append(Section(name, block.text, block.level))
        elif title is None and not any(s.name for s in out):
            title = block.text
        else:
            out.append(Section("", block.text, block.level))
    return title, out


def _credential(path: Path, target: Target) -> Imported:
    found = blocks(path)
    title, parts = sections(found)
    named = {s.name for s in parts if s.name}
    if not named:
        raise CannotRun(
            f"{path}: none of the template's sections found (headings such as Competency, "
            "Key Method, Method Components, Supporting Research, Submission Guidelines, "
            "Rubric); is it a micro-credential in Digital Promise's template?"
        )
    notes: dict[str, list[str]] = {}
    if title is None:
        title = path.stem.replace("_", " ").replace("-", " ").strip() or "Imported"
        notes["title"] = ["from the file's name: the document has no title heading"]
    ident = slug(title)
    notes.setdefault("id", []).append("made from the title")
    data: dict[str, Any] = {"id": ident, "title": title, "version": "1.0.0", "status": "draft"}
    unknown: dict[str, Any] = {}
    build = _Builder(data, unknown, notes, target)
    for section in parts:
        build.add(section)
    build.finish()
    core_placeholders(data)
    return Imported("credential", ident, data, str(path), notes, unknown)


def _texts(found: list[Block]) -> list[str]:
    return [b.text for b in found if b.kind in ("para", "item", "heading")]


class _Builder:
    """The credential's fields, filled section by section."""

    def __init__(
        self,
        data: dict[str, Any],
        unknown: dict[str, Any],
        notes: dict[str, list[str]],
        target: Target,
    ) -> None:
        self.data, self.unknown, self.notes, self.target = data, unknown, notes, target
        self.method: dict[str, Any] = {}
        self.components: list[dict[str, Any]] = []
        self.research: list[dict[str, Any]] = []
        self.keys = Names()  # the research keys given so far
        self.parts: dict[str, dict[str, Any]] = {}
        self.tables: list[tuple[str | None, tuple[tuple[str, ...], ...]]] = []

    def add(self, section: Section) -> None:
        handlers = {
            "competency": self._competency,
            "method": self._method,
            "components": self._components,
            "research": self._research,
            "resources": self._resources,
            "submission": self._submission,
            "part1": self._part1,
            "part2": self._part2,
            "part3": self._part3,
            "rubric": self._rubric,
        }
        handlers.get(section.name, self._keep)(section)

    def _keep(self, section: Section) -> None:
        text = "\n\n".join(_texts(section.blocks))
        if text:
            self.unknown[section.heading or "text before the first heading"] = text

    def _competency(self, section: Section) -> None:
        items = [b.text for b in section.blocks if b.kind == "item"]
        paragraphs = [b.text for b in section.blocks if b.kind == "para"]
        if items and not paragraphs:
            self.data["competency"] = items[0] if len(items) == 1 else items
        elif paragraphs:
            self.data["competency"] = paragraphs[0]
            more = paragraphs[1:] + items
            if more:
                self.unknown["competency (more)"] = "\n\n".join(more)

    def _method(self, section: Section) -> None:
        paragraphs = [b.text for b in section.blocks if b.kind == "para"]
        if paragraphs:
            self.method["statement"] = "\n\n".join(paragraphs)
        rest = [b for b in section.blocks if b.kind != "para"]
        if rest:  # components listed under the key method itself
            self._components(Section("components", section.heading, section.level, rest))

    def _components(self, section: Section) -> None:
        current: dict[str, Any] | None = None
        for block in section.blocks:
            if block.kind == "heading":
                current = {"title": block.text, "body": ""}
                self.components.append(current)
            elif block.kind == "table":
                self.tables.append((None, block.rows))
            elif current is not None:  # the text under a component's heading
                joint = "\n- " if block.kind == "item" else "\n\n"
                current["body"] = f"{current['body']}{joint}{block.text}".strip()
            elif block.kind == "item" and block.level > 0 and self.components:
                last = self.components[-1]  # a sub-item of a listed component
                last["body"] = f"{last['body']}\n- {block.text}".strip()
            else:
                self.components.append(_titled(block.text))

    def _research(self, section: Section) -> None:
        prose = []
        for text in dict.fromkeys(_texts(section.blocks)):  # a reference given twice: once
            found = parse_reference(text)
            if found.year is None or not found.sure:
                prose.append(text)
                continue
            self.research.append({"key": self.keys.unique(found.key()), **found.entry()})
        if prose:
            self.unknown["rationale"] = "\n\n".join(prose)
            self.notes.setdefault("research", []).append(
                "paragraphs that are not references are kept under x-imported.rationale"
            )

    def _resources(self, section: Section) -> None:
        out = self.data.setdefault("resources", [])
        for block in section.blocks:
            if block.kind not in ("para", "item"):
                continue
            out.append(_resource(block))

    def _submission(self, section: Section) -> None:
        parts = [b for b in section.blocks if b.kind == "table"]
        for table in parts:
            self.tables.append((None, table.rows))
        self._keep(Section("", section.heading, section.level, section.blocks))

    def _part(self, name: str, section: Section) -> None:
        part = self.parts.setdefault(
            name, {"id": _PART_IDS[name], "title": section.heading, "kind": _KINDS[name]}
        )
        instructions, prompts = [], []
        for block in section.blocks:
            if block.kind == "table":
                self.tables.append((part["id"], block.rows))
            elif block.kind == "heading" and section_of(block.text) == "rubric":
                continue
            elif block.kind == "item" or block.text.endswith("?"):
                prompts.append(_prompt(block.text))
            elif not prompts:
                instructions.append(block.text)
            else:  # after the prompts: a note on the last one, or more instructions
                instructions.append(block.text)
        limit = _limit(" ".join(instructions))
        for prompt in prompts:
            if "words" not in prompt and limit:
                prompt["words"] = dict(limit)
        if instructions:
            part["instructions"] = "\n\n".join(instructions)
        if prompts:
            part.setdefault("prompts", []).extend(prompts)

    def _part1(self, section: Section) -> None:
        self._part("part1", section)

    def _part2(self, section: Section) -> None:
        self._part("part2", section)

    def _part3(self, section: Section) -> None:
        self._part("part3", section)

    def _rubric(self, section: Section) -> None:
        about: str | None = None  # the part a sub-heading names ("Part 2: Artifacts")
        for block in section.blocks:
            if block.kind == "heading":
                about = _PART_IDS.get(section_of(block.text) or "", about)
            elif block.kind == "table":
                self.tables.append((about, block.rows))

    def finish(self) -> None:
        if self.components:
            self.method["components"] = [_component(c) for c in self.components]
        if self.research:
            self.data["research"] = self.research
            self.method["research"] = [e["key"] for e in self.research]
        self.data["key_method"] = self.method
        if self.parts:
            order = ("part1", "part2", "part3")
            self.data["evidence"] = [self.parts[n] for n in order if n in self.parts]
        found = rubric_of(self.tables, self.target, self.notes)
        if found is not None:
            rubric = _rubric_data(found, [p["id"] for p in self.parts.values()])
            link_parts(rubric["criteria"], list(self.parts.values()), self.notes)
            self.data["rubric"] = rubric


def _titled(text: str) -> dict[str, Any]:
    """A component from one line: "Title: what to do" splits at the colon."""
    head, colon, rest = text.partition(":")
    if colon and 0 < len(head) <= 80 and rest.strip():
        return {"title": head.strip(), "body": rest.strip()}
    return {"title": None, "body": text}


def _component(found: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in found.items() if v}
    if "body" not in out and "title" in out:
        out["body"] = out["title"]
    return out


def _resource(block: Block) -> dict[str, Any]:
    text = block.text
    url = block.links[0][1] if block.links else None
    if url is None:
        found = _URL.search(text)
        if found:
            url = found.group()
            text = (text[: found.start()] + text[found.end() :]).strip(" -–:()")
    head, colon, rest = text.partition(":")
    out: dict[str, Any] = {"title": head.strip() if colon and len(head) <= 120 else text}
    if url:
        out["url"] = url
    if colon and len(head) <= 120 and rest.strip():
        out["note"] = rest.strip()
    return out


def _limit(text: str) -> dict[str, int] | None:
    found = _LIMIT.search(text)
    if found is None:
        return None
    out = {"max": int(found.group("hi"))}
    if found.group("lo"):
        out = {"min": int(found.group("lo")), **out}
    return out


def _prompt(text: str) -> dict[str, Any]:
    limit = _limit(text)
    prompt: dict[str, Any] = {"text": text}
    if limit:
        found = _LIMIT.search(text)
        assert found is not None
        bare = (text[: found.start()] + text[found.end() :]).strip()
        prompt["text"] = bare.rstrip(" ,;:-–") or text
        prompt["words"] = limit
    return prompt


def _rubric_data(found: Rubric, parts: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if found.scale is not None:
        out["scale"] = found.scale
    else:
        out["levels"] = [
            {"id": lv.id, "label": lv.label, **({"passing": True} if lv.passing else {})}
            for lv in found.levels
        ]
    criteria = []
    for criterion in found.criteria:
        entry: dict[str, Any] = {"id": criterion.id}
        if criterion.part in parts:
            entry["evidence"] = criterion.part
        entry["title"] = criterion.title
        entry["descriptors"] = dict(criterion.descriptors)
        criteria.append(entry)
    out["criteria"] = criteria
    return out
