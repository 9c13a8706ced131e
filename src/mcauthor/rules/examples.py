"""Turn a rule's :class:`Example` into a real catalog on disk, and into text for its doc.

The base is the small valid catalog in ``mcauthor/skeleton`` (also what ``mcauthor init``
starts from). Example fragments replace top-level keys of a base file, so rule docs stay
short while the examples still run as tests. The evidence, rubric and scale fragments at the
end are shared by the examples of several rules.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from mcauthor.rules.base import Example

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
BASE_FILES = ("mcauthor.yaml", "credentials/example.yaml", "stacks/example-stack.yaml")


def base_text(relpath: str) -> str:
    return resources.files("mcauthor").joinpath(f"skeleton/{relpath}").read_text("utf-8")


def _blocks(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Split YAML text into its preamble and (top-level key, lines) blocks."""
    preamble: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        match = _TOP_KEY.match(line)
        if match:
            blocks.append((match.group(1), [line]))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            preamble.append(line)
    return preamble, blocks


def merge(base: str, fragment: str, omit: tuple[str, ...] = ()) -> str:
    """Replace (or add) the fragment's top-level keys in ``base``; drop ``omit`` keys."""
    preamble, blocks = _blocks(base)
    _, new_blocks = _blocks(fragment)
    new: dict[str, list[str]] = {}
    for key, lines in new_blocks:  # a key given twice stays twice (duplicate-key examples)
        new.setdefault(key, []).extend(lines)
    out = list(preamble)
    for key, lines in blocks:
        if key in omit:
            continue
        out.extend(new.pop(key, lines))
    for lines in new.values():
        out.extend(lines)
    return "\n".join(out) + "\n"


def _start_of(relpath: str) -> str:
    """What a file of the example starts from: the base file of its kind."""
    if relpath in BASE_FILES:
        return base_text(relpath)
    stem = relpath.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if relpath.startswith("credentials/"):
        return merge(base_text("credentials/example.yaml"), f"id: {stem}\n")
    if relpath.startswith("stacks/"):
        return merge(base_text("stacks/example-stack.yaml"), f"id: {stem}\n")
    return ""


def materialize(example: Example, dest: Path) -> Path:
    """Write the base catalog with ``example`` laid over it into ``dest``; return dest."""
    texts = {path: base_text(path) for path in BASE_FILES}
    for path, fragment in example.files.items():
        texts[path] = merge(texts.get(path) or _start_of(path), fragment)
    for path, keys in example.omit.items():
        if keys:
            texts[path] = merge(texts.get(path) or _start_of(path), "", keys)
    texts.update(example.whole)
    for path, text in texts.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, data in example.raw.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return dest


def describe(example: Example) -> str:
    """The example as shown in ``mcauthor rules CODE``."""
    parts: list[str] = []
    for path, fragment in example.files.items():
        others = "other keys as in a complete file" if path in BASE_FILES else "a new file"
        parts.append(f"# {path} ({others})\n{fragment.rstrip()}")
    for path, keys in example.omit.items():
        if keys:
            listed = ", ".join(f"`{k}`" for k in keys)
            parts.append(f"# {path}: a complete file without {listed}")
    for path, text in example.whole.items():
        parts.append(f"# {path}\n{text.rstrip()}")
    for path, data in example.raw.items():
        parts.append(f"# {path} (bytes)\n{data!r}")
    return "\n\n".join(parts) if parts else "# the example catalog as it is"


# -- fragments that rule examples share ---------------------------------------------------------
# The evidence and rubric of a complete credential as the rule examples write them (shorter
# than the skeleton's). An example puts its own lines between these, so that what shows the
# problem stands out; `describe` prints the text they add up to.

EVIDENCE_OVERVIEW = (
    "  - id: overview\n"
    "    title: Overview questions\n"
    "    kind: overview\n"
    "    prompts:\n"
    "      - text: Describe your students and the learning goal of the unit.\n"
)
EVIDENCE_ARTIFACTS = (
    "  - id: artifacts\n"
    "    title: Work examples\n"
    "    kind: artifact\n"
    "    prompts:\n"
    "      - text: Submit three samples of student work with the feedback you gave.\n"
)
EVIDENCE_REFLECTION = (
    "  - id: reflection\n"
    "    title: Reflection\n"
    "    kind: reflection\n"
    "    prompts:\n"
    "      - text: What did students do with the feedback, and what will you change?\n"
)
EVIDENCE = f"evidence:\n{EVIDENCE_OVERVIEW}{EVIDENCE_ARTIFACTS}{EVIDENCE_REFLECTION}"

CRITERION_CONTEXT = (
    "    - id: context\n"
    "      evidence: overview\n"
    "      title: Context and goal\n"
    "      descriptors:\n"
    "        demonstrated: The goal and the students are described clearly.\n"
    "        progressing: The goal or the students are described only in general terms.\n"
    "        not-met: The goal and the students are not described.\n"
)
CRITERION_FEEDBACK = (
    "    - id: feedback-quality\n"
    "      evidence: artifacts\n"
    "      title: Quality of feedback\n"
    "      descriptors:\n"
    "        demonstrated: Every sample shows feedback that names a next step.\n"
    "        progressing: Some samples show feedback that names a next step.\n"
    "        not-met: The feedback gives grades or praise only.\n"
)
CRITERION_REFLECTION = (
    "    - id: reflection-depth\n"
    "      evidence: reflection\n"
    "      title: Reflection on impact\n"
    "      descriptors:\n"
    "        demonstrated: The reflection uses student work to explain the effect.\n"
    "        progressing: The reflection describes the effect without evidence.\n"
    "        not-met: The reflection does not address the effect of the feedback.\n"
)
CRITERIA = f"  criteria:\n{CRITERION_CONTEXT}{CRITERION_FEEDBACK}{CRITERION_REFLECTION}"
RUBRIC = f"rubric:\n  scale: demonstrated\n{CRITERIA}"

# mcauthor.yaml's `scales` with the three levels of the skeleton's scale.
SCALES = (
    "scales:\n"
    "  demonstrated:\n"
    "    - {id: demonstrated, label: Demonstrated, passing: true}\n"
    "    - {id: progressing, label: Progressing}\n"
    "    - {id: not-met, label: Not met}\n"
)
