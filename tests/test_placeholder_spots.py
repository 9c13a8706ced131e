"""A placeholder in any text field is one MC514 finding there, and nothing else there.

Every string field of a credential, a stack, a research library and mcauthor.yaml (ids,
keys, references, paths, addresses, enums and prose) gets `TODO` in a complete catalog
that lints clean; lint must then report MC514 on that line and no other finding on it
(no unresolved key, missing file, bad address, unknown id or type error on top). What a
placeholder id leaves elsewhere (a credential no stack lists any more) is another spot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mcauthor.lint import LintOptions, lint
from mcauthor.rules.base import Example
from mcauthor.rules.examples import base_text, materialize

CREDENTIAL = "credentials/example.yaml"
SECOND = "credentials/second.yaml"
STACK = "stacks/example-stack.yaml"
NEXT_STACK = "stacks/next-stack.yaml"
LIBRARY = "research/library.yaml"
CONFIG = "mcauthor.yaml"

# The base catalog's credential with every optional reference field filled in.
_EXTRA = """\
image: assets/badge.png
requires: [second]
key_method:
  statement: The educator uses a three-part feedback routine during a unit of study.
  components:
    - title: Share the goal
      body: Show students the learning goal and what success looks like.
  research: [black-wiliam-1998, hattie-timperley-2007, wiggins-2012, brookhart-2008]
research:
  - key: black-wiliam-1998
    authors: ["Black, P.", "Wiliam, D."]
    year: 1998
    title: Assessment and classroom learning
    source: Assessment in Education
    doi: 10.1080/0969595980050102
    note: A review of research on formative feedback.
  - key: wiggins-2012
    authors: ["Wiggins, G."]
    year: 2012
    title: Seven keys to effective feedback
    source: Educational Leadership
    url: https://example.org/wiggins
  - key: brookhart-2008
    authors: ["Brookhart, S. M."]
    year: 2008
    title: How to give effective feedback to your students
    source: ASCD
    isbn: "9781416606505"
resources:
  - {title: A feedback guide, url: "https://example.org/guide", kind: article, note: Short.}
  - {title: A feedback template, file: assets/template.pdf, kind: template}
alignments:
  - {name: InTASC Standard 6, framework: InTASC, code: "6", url: "https://example.org/intasc"}
audience: [K-12 teachers]
credit: {value: 0.5, unit: state credit}
"""
_SECOND = """\
id: second
requires: []
rubric:
  levels:
    - {id: met, label: Met, passing: true, description: The work meets the criterion.}
    - {id: not-yet, label: Not yet}
  criteria:
    - id: context
      evidence: overview
      title: Context and goal
      descriptors: {met: The goal is clear., not-yet: The goal is unclear.}
    - id: feedback-quality
      evidence: artifacts
      title: Quality of feedback
      descriptors: {met: Feedback names a next step., not-yet: Feedback is praise only.}
    - id: reflection-depth
      evidence: reflection
      title: Reflection on impact
      descriptors: {met: The reflection uses evidence., not-yet: It uses none.}
  earn: Reach Met on every criterion.
"""
_LIBRARY = """\
- key: hattie-timperley-2007
  authors: ["Hattie, J.", "Timperley, H."]
  year: 2007
  title: The power of feedback
  source: Review of Educational Research
  doi: 10.3102/003465430298487
  note: A synthesis of feedback research.
"""
_NEXT_STACK = """\
id: next-stack
title: Feedback Next Steps
summary: The next steps in feedback.
description: A longer description of the next steps.
status: published
credentials: [second, example]
requires: [example-stack]
"""
_CONFIG = """\
catalog:
  id: example-catalog
  title: Example Micro-credentials
  description: Micro-credentials that recognise what educators show they can do.
  language: en
  base_url: https://credentials.example.org/
  license: CC-BY-4.0
issuer:
  name: Example Issuer
  url: https://example.org
  email: badges@example.org
  logo: assets/logo.png
build:
  out: site
  paper: a4
lint:
  fail_on: warning
  exclude: [drafts/**]
  rules: {MC602: "off"}  # the base stack holds one credential
tags:
  feedback: Feedback
ctdl:
  owner: ce-5a6b7c8d-1234-4abc-9def-0123456789ab
  credentials: {example: ce-5a6b7c8d-1234-4abc-9def-0123456789ac}
  stacks: {example-stack: ce-5a6b7c8d-1234-4abc-9def-0123456789ad}
"""
EXAMPLE = Example(
    files={CREDENTIAL: _EXTRA, SECOND: _SECOND, CONFIG: _CONFIG},
    whole={LIBRARY: _LIBRARY, NEXT_STACK: _NEXT_STACK},
    raw={p: b"\x89PNG\r\n\x1a\n" for p in ("assets/badge.png", "assets/logo.png")}
    | {"assets/template.pdf": b"%PDF-1.4\n%%EOF\n"},
)


def _texts() -> dict[str, str]:
    """The YAML of each file the cases change, as the example writes it."""
    from mcauthor.rules.examples import merge

    return {
        CREDENTIAL: merge(base_text(CREDENTIAL), _EXTRA),
        SECOND: merge(merge(base_text(CREDENTIAL), "id: second\n"), _SECOND),
        STACK: base_text(STACK),
        NEXT_STACK: _NEXT_STACK,
        LIBRARY: _LIBRARY,
        CONFIG: merge(base_text(CONFIG), _CONFIG),
    }


def _strings(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every text value in parsed YAML."""
    if isinstance(node, str):
        return [at]
    if not isinstance(node, dict | list):
        return []
    items = node.items() if isinstance(node, dict) else enumerate(node)
    return [path for key, value in items for path in _strings(value, (*at, key))]


def _shape(at: tuple[Any, ...]) -> tuple[Any, ...]:
    """A path with its list positions left out: one case per kind of field."""
    return tuple("[]" if isinstance(part, int) else part for part in at)


def _cases() -> list[tuple[str, tuple[Any, ...]]]:
    cases: list[tuple[str, tuple[Any, ...]]] = []
    for file, text in _texts().items():
        seen: set[tuple[Any, ...]] = set()
        for at in _strings(yaml.safe_load(text)):
            if _shape(at) not in seen:
                seen.add(_shape(at))
                cases.append((file, at))
    return cases


def _set(data: Any, at: tuple[Any, ...], value: str) -> None:
    for part in at[:-1]:
        data = data[part]
    data[at[-1]] = value


def _lint(root: Path) -> list[tuple[str, str, int]]:
    found = lint(root, LintOptions(cache=False)).diagnostics
    return [(d.code, d.path, d.line) for d in found]


def test_the_catalog_lints_clean_without_placeholders(tmp_path: Path) -> None:
    assert _lint(materialize(EXAMPLE, tmp_path)) == []
    assert len(_cases()) > 80


@pytest.mark.parametrize(
    ("file", "at"), _cases(), ids=lambda v: ".".join(map(str, v)) if isinstance(v, tuple) else v
)
def test_a_placeholder_is_only_mc514_where_it_is(tmp_path: Path, file: str, at: tuple) -> None:
    root = materialize(EXAMPLE, tmp_path)
    data = yaml.safe_load((root / file).read_text("utf-8"))
    _set(data, at, "TODO")
    text = yaml.safe_dump(data, sort_keys=False, default_flow_style=False, allow_unicode=True)
    (root / file).write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "TODO" in row)
    there = [code for code, path, at_line in _lint(root) if (path, at_line) == (file, line)]
    assert there == ["MC514"]
