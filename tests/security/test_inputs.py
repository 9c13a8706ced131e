"""Attack class 9: values that pass a loose check and then do harm later.

Before: Python's ``$`` matched before a final newline, so ``id: "x\\n"`` passed the id
pattern and named output files with a newline in them; with MC513 off, ``javascript:``
addresses flowed into the Open Badges and CTDL exports.
"""

from __future__ import annotations

import json
import os
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
@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        name = os.fsdecode(b"credentials/ex\xff.yaml")
        (root / name).write_text((root / CREDENTIAL).read_text("utf-8"), "utf-8")

    clone = attack(setup=setup)
    cold = run(victim, clone, "lint", "--no-cache", "--format", "json")
    warm = run(victim, clone, "lint", "--format", "json")
    again = run(victim, clone, "lint", "--format", "json")
    assert cold.stdout == warm.stdout == again.stdout
    codes = [d["code"] for d in json.loads(cold.stdout)["diagnostics"]]
    assert codes == ["MC010"]
    text = run(victim, clone, "lint", "-o", str(clone.parent / "report.txt"))
    assert text.code == 1, text.output


@pytest.mark.parametrize(
    "fragment",
    [
        "hours: 1e20\n",
        "hours: 1" + "0" * 400 + "\n",
        "ceu: 0x" + "f" * 5000 + "\n",
        "x-big: " + "9" * 5000 + "\n",
        "x-hex: 0x" + "f" * 5000 + "\n",
    ],
)
@pytest.mark.slow
def test_numbers_no_output_can_hold(attack, victim: Victim, fragment: str) -> None:
    clone = attack(Example.credential(fragment))
    cold = run(victim, clone, "lint", "--no-cache", "--format", "json")
    warm = run(victim, clone, "lint", "--format", "json")
    assert cold.stdout == warm.stdout == run(victim, clone, "lint", "--format", "json").stdout
    found = json.loads(cold.stdout)["diagnostics"]
    if fragment.startswith("x-"):
        assert cold.code == 0
    else:
        assert [d["code"] for d in found] == ["MC053"], found
    for args in (["build", "--no-guides"], ["export", "-f", "all", "-o", "exported"]):
        result = run(victim, clone, *args)
        assert result.code in (0, 1), result.output


@pytest.mark.slow
def test_catalog_text_cannot_inject_ci_commands(attack, victim: Victim) -> None:
    """A runner reads a log line that starts with `::` as a command (GitHub's ::error::,
    ::stop-commands::); catalog text must never start a line."""
    injected = 'id: "x\\n::error::Fake alert from the pull request\\n::stop-commands::x"\n'
    clone = attack(Example.credential(injected))
    for args in (
        ["lint"],
        ["lint", "--format", "text"],
        ["lint", "--format", "markdown"],
        ["lint", "--format", "github"],
        ["build", "--no-guides"],
        ["export", "-f", "csv"],
    ):
        result = run(victim, clone, *args)
        lines = result.output.splitlines()
        injected_lines = ("::error::Fake", "::stop-commands::")
        assert not [line for line in lines if line.startswith(injected_lines)], args
