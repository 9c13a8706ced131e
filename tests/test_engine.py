"""The lint engine (mcauthor.engine): after any sequence of edits, renames, creations and
deletions, in editor buffers or on disk, its result is exactly a fresh lint's."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcauthor.engine import Engine
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.rules import all_rules
from mcauthor.rules.base import CredentialRule, FileRule

from conftest import copy_sample

# Edits of a credential's text, each (old, new): what issuers do while they write, and
# what breaks things (YAML syntax, ids, requires, status, placeholders, suppressions).
EDITS = (
    ("\ntitle: ", "\ntitle: TODO "),
    ("\nstatus: published", "\nstatus: draft"),
    ("\nstatus: published", "\nstatus: retired"),
    ("\ncompetency: The educator", "\ncompetency: Educators understand and"),
    ("\ncompetency: ", "\ncompetency: [a list]\nx-old: "),
    ("\nid: ", "\nid: x-"),
    ("\nversion: ", "\nrequires: [calibrating-scoring, no-such-credential]\nversion: "),
    ("\nhours: ", "\nhours: -"),
    ("\nsummary: ", "\nsummary: [unclosed\n"),
    ("\ntitle: ", "\ntitle: A title # mcauthor: disable=MC103 -- kept short\nx-title: "),
    ("key_method:\n", "key_method:\n  research: [no-such-key]\n"),
)
STACK_EDITS = (
    ("credentials:\n", "credentials:\n  - no-such-credential\n"),
    ("\nstatus: published", "\nstatus: draft"),
)
CONFIG_EDITS = (
    ("build:\n", "lint:\n  rules:\n    MC103: off\n    MC509: info\nbuild:\n"),
    ("    - {id: progressing, label: Progressing}\n", ""),
)


@dataclass
class World:
    """A catalog on disk, an engine on it, and the buffers the engine was given."""

    disk: Path
    mirror: Path  # the files as the engine should see them, for a fresh lint
    engine: Engine
    buffers: dict[str, str] = field(default_factory=dict)

    def files(self) -> list[str]:
        return sorted(
            p.relative_to(self.disk).as_posix() for p in self.disk.rglob("*.yaml") if p.is_file()
        )

    def text(self, rel: str) -> str:
        return self.buffers.get(rel) or (self.disk / rel).read_text("utf-8")

    def fresh(self) -> LintResult:
        shutil.rmtree(self.mirror, ignore_errors=True)
        shutil.copytree(self.disk, self.mirror)
        for rel, text in self.buffers.items():
            if (self.mirror / rel).exists():  # a buffer counts for a file on disk
                (self.mirror / rel).write_text(text, "utf-8")
        return lint(self.mirror, LintOptions(cache=False))


def _step(world: World, data: st.DataObject) -> None:
    files = world.files()
    kind = data.draw(st.sampled_from(["buffer", "disk", "close", "create", "delete", "rename"]))
    rel = data.draw(st.sampled_from(files))
    edits = CONFIG_EDITS if rel == "mcauthor.yaml" else EDITS
    edits = STACK_EDITS if rel.startswith("stacks/") else edits
    old, new = data.draw(st.sampled_from(edits))
    if kind == "buffer":
        world.buffers[rel] = world.text(rel).replace(old, new, 1)
        world.engine.set_text(rel, world.buffers[rel])
    elif kind == "disk":
        path = world.disk / rel
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
        world.engine.changed_on_disk([rel])
    elif kind == "close" and world.buffers:
        gone = data.draw(st.sampled_from(sorted(world.buffers)))
        del world.buffers[gone]
        world.engine.set_text(gone, None)
    elif kind == "create" and rel.startswith("credentials/"):
        new_rel = f"credentials/copy-{len(files)}.yaml"
        (world.disk / new_rel).write_text(world.text(rel), "utf-8")  # a duplicate id, too
        world.engine.changed_on_disk([new_rel])
    elif kind in ("delete", "rename") and rel != "mcauthor.yaml":
        text = (world.disk / rel).read_text("utf-8")
        (world.disk / rel).unlink()
        changed = [rel]
        if kind == "rename":
            moved = rel.replace(".yaml", "-renamed.yaml")
            (world.disk / moved).write_text(text, "utf-8")
            changed.append(moved)
        world.engine.changed_on_disk(changed)


def _same(engine: LintResult, fresh: LintResult) -> None:
    assert engine.diagnostics == fresh.diagnostics
    assert engine.files == fresh.files
    assert [c.id for c in engine.catalog.credentials] == [c.id for c in fresh.catalog.credentials]


def _world(tmp_path: Path) -> World:
    disk = copy_sample(tmp_path / "catalog")
    return World(disk, tmp_path / "mirror", Engine(disk))


def _check_sequences(tmp_path_factory: pytest.TempPathFactory, examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,
    )
    @given(data=st.data(), steps=st.integers(min_value=1, max_value=8))
    def sequences(data: st.DataObject, steps: int) -> None:
        world = _world(tmp_path_factory.mktemp("engine"))
        _same(world.engine.result(), world.fresh())
        for _ in range(steps):
            _step(world, data)
            _same(world.engine.result(), world.fresh())

    sequences()


@pytest.mark.slow
def test_the_engine_equals_a_fresh_lint_after_random_edits(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _check_sequences(tmp_path_factory, 25)


@pytest.mark.slow
def test_the_engine_equals_a_fresh_lint_after_500_random_edit_sequences(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _check_sequences(tmp_path_factory, 500)


def test_a_buffer_is_linted_in_place_of_its_file_and_closing_it_brings_the_file_back(
    tmp_path: Path,
) -> None:
    world = _world(tmp_path)
    rel = "credentials/calibrating-scoring.yaml"
    assert world.engine.result().diagnostics == ()
    text = world.text(rel).replace("\ncompetency: ", "\ncompetency: Understands. ", 1)
    world.engine.set_text(rel, text)
    codes = {(d.code, d.path) for d in world.engine.result().diagnostics}
    assert ("MC104", rel) in codes  # "Understands." has no actor
    world.engine.set_text(rel, None)
    assert world.engine.result().diagnostics == ()
    assert (world.disk / rel).read_text("utf-8") != text  # nothing was written


def test_an_unchanged_credential_is_not_checked_again(tmp_path: Path) -> None:
    """What the engine takes over is what a change did not touch: after an edit of one
    credential, the others keep the very model objects (and so their rule results)."""
    world = _world(tmp_path)
    before = {c.file: c for c in world.engine.result().catalog.credentials}
    rel = "credentials/calibrating-scoring.yaml"
    world.engine.set_text(rel, world.text(rel).replace("\ntitle: ", "\ntitle: New ", 1))
    after = {c.file: c for c in world.engine.result().catalog.credentials}
    assert after[rel] is not before[rel]
    assert all(after[f] is before[f] for f in before if f != rel)


@pytest.mark.parametrize(
    "rule",
    [r for r in all_rules() if issubclass(r, CredentialRule) and r.local],
    ids=lambda r: r.code,
)
def test_a_local_rule_reads_only_its_credential(rule: type[CredentialRule], tmp_path: Path) -> None:
    """A rule the engine takes over per credential (``local``) finds the same in a
    catalog that holds only that credential: it reads no other file."""
    world = _world(tmp_path)
    credentials = [r for r in world.files() if r.startswith("credentials/")]
    readable = [edit for edit in EDITS if "[unclosed" not in edit[1]]
    for number, rel in enumerate(credentials):  # a different edit in each
        old, new = readable[number % len(readable)]
        (world.disk / rel).write_text(world.text(rel).replace(old, new, 1), "utf-8")
    world.engine.changed_on_disk()
    full = world.engine.result().catalog
    assert len(full.credentials) == len(credentials)
    alone = tmp_path / "alone"
    for credential in full.credentials:
        shutil.rmtree(alone, ignore_errors=True)
        (alone / "credentials").mkdir(parents=True)
        shutil.copy(world.disk / "mcauthor.yaml", alone / "mcauthor.yaml")
        shutil.copy(world.disk / credential.file, alone / credential.file)
        (single,) = lint(alone, LintOptions(cache=False)).catalog.credentials
        assert list(rule().check_credential(credential, full)) == list(
            rule().check_credential(single, lint(alone, LintOptions(cache=False)).catalog)
        )


@pytest.mark.parametrize(
    "rule", [r for r in all_rules() if issubclass(r, FileRule)], ids=lambda r: r.code
)
def test_a_file_rule_reads_only_its_file(rule: type[FileRule], tmp_path: Path) -> None:
    """A rule the engine takes over per file (FileRule) finds the same for a file in a
    catalog that holds only that file (and the config)."""
    world = _world(tmp_path)
    readable = [edit for edit in EDITS if "[unclosed" not in edit[1]]
    extra = "resources:\n  - {title: Toolkit, url: 'javascript:x', kind: tool}\n"
    for number, rel in enumerate(r for r in world.files() if r.startswith("credentials/")):
        old, new = readable[number % len(readable)]
        text = world.text(rel).replace(old, new, 1) + (extra if number % 2 else "")
        (world.disk / rel).write_text(text, "utf-8")
    world.engine.changed_on_disk()
    full = world.engine.result().catalog
    alone = tmp_path / "alone"
    found = 0
    for rel in full.files():
        shutil.rmtree(alone, ignore_errors=True)
        (alone / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(world.disk / "mcauthor.yaml", alone / "mcauthor.yaml")
        shutil.copy(world.disk / rel, alone / rel)
        single = lint(alone, LintOptions(cache=False)).catalog
        mine = list(rule().check_file(rel, full))
        assert mine == list(rule().check_file(rel, single))
        found += len(mine)
    assert found or rule.code not in ("MC513", "MC514")  # the edits give these something
