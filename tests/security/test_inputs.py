"""Attack class 9: values that pass a loose check and then do harm later.

Before: Python's ``$`` matched before a final newline, so ``id: "x\\n"`` passed the id
pattern and named output files with a newline in them; with MC513 off, ``javascript:``
addresses flowed into the Open Badges and CTDL exports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attacker import Victim, attack, run, victim

from mcauthor.rules.base import CREDENTIAL, Example


@pytest.mark.parametrize(
    ("file", "fragment"),
    [
        (CREDENTIAL, 'id: "example\\n"\n'),
        (CREDENTIAL, 'id: "example\\r"\n'),
        ("stacks/example-stack.yaml", 'id: "example-stack\\n"\n'),
        ("mcauthor.yaml", 'catalog:\n  id: "example-catalog\\n"\n  title: T\n'),
    ],
)
def test_a_trailing_newline_never_passes_a_pattern(
    attack, victim: Victim, file: str, fragment: str
) -> None:
    clone = attack(Example(files={file: fragment}))
    result = run(victim, clone, "lint", "--format", "json")
    assert result.code == 1, result.output
    found = json.loads(result.stdout)["diagnostics"]
    assert any(d["code"] == "MC053" and d["path"] == file for d in found), found
    out = clone.parent / "out"
    config = clone / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8") + "lint:\n  rules: {MC053: 'off'}\n", "utf-8")
    built = run(victim, clone, "build", "--no-guides", "--out", str(out))
    assert built.code in (0, 1, 2), built.output
    if out.exists():
        assert not [p for p in out.rglob("*") if any(c in p.name for c in "\n\r\t")]


HOSTILE = "javascript:alert(document.domain)"


def test_exports_carry_only_web_addresses(attack, victim: Victim) -> None:
    example = Example(
        files={
            "mcauthor.yaml": (
                f'catalog:\n  id: c\n  title: T\n  base_url: "{HOSTILE}//"\n'
                f'issuer:\n  name: I\n  url: "{HOSTILE}"\n'
                "lint:\n  rules: {MC513: 'off', MC053: 'off'}\n"
            ),
            CREDENTIAL: (
                "alignments:\n"
                f'  - {{name: InTASC 6, url: "{HOSTILE}"}}\n'
                '  - {name: Data, url: "data:text/html,<script>alert(1)</script>"}\n'
                "resources:\n"
                f'  - {{title: Notes, url: "{HOSTILE}", kind: article}}\n'
            ),
        }
    )
    clone = attack(example)
    out = clone.parent / "out"
    result = run(victim, clone, "export", "-f", "all", "--out", str(out))
    assert result.code == 0, result.output
    exported = "\n".join(p.read_text("utf-8") for p in out.rglob("*") if p.is_file())
    assert "javascript:" not in exported and "data:text/html" not in exported
    built = run(victim, clone, "build", "--no-guides", "--out", str(clone.parent / "site"))
    assert built.code == 0, built.output
    site = "\n".join(
        p.read_text("utf-8", "replace") for p in (clone.parent / "site").rglob("*") if p.is_file()
    )
    assert f'href="{HOSTILE}' not in site and 'href="data:' not in site
