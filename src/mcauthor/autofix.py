"""`mcauthor lint --fix`: apply the safe fixes of the findings a lint reports, then lint
again.

Only what the lint would show is fixed, so ``--select``, ``--ignore``, the config's
``lint.rules``, suppression comments and ``--changed-since`` all hold. Each file is read
once per round through the catalog's real folder without following a link, fixed only
when its text is the one the lint read, checked to read as YAML as well as before, and
written whole (a new file renamed over the old one) unless it changed on disk meanwhile.
A fix can make room for another (two codes of one comment), so rounds repeat until
nothing is left to fix.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mcauthor.catalogfiles import MAX_BYTES, find_root
from mcauthor.diagnostics import Diagnostic
from mcauthor.errors import WriteError
from mcauthor.files import Folder
from mcauthor.fixes import Edit, Fix, FixContext, apply, overlaps
from mcauthor.lint import LintOptions, LintResult, lint
from mcauthor.rules import by_code
from mcauthor.yamlread import parse

ROUNDS = 10  # enough for any fix that waits on another; a bound against a fix that loops


@dataclass
class Fixed:
    """What `lint --fix` did: the lint after it, and what it changed or left."""

    result: LintResult
    fixed: int = 0  # findings fixed
    files: set[str] = field(default_factory=set)  # files written
    refused: dict[str, str] = field(default_factory=dict)  # file -> why it was left as is


def safe_fixes(diagnostics: tuple[Diagnostic, ...], context: FixContext) -> list[Fix]:
    """The safe fix of each finding that has one, in the findings' order."""
    rules = by_code()
    out = []
    for d in diagnostics:
        rule = rules.get(d.code)
        if rule is None or rule.fix_summary is None or not rule.fix_safe:
            continue
        fix = next((f for f in rule().fixes(d, context) if f.safe), None)
        if fix is not None and fix.edits:
            out.append(fix)
    return out


def fix(start: Path, options: LintOptions) -> Fixed:
    """Lint, apply the safe fixes, lint again; repeat while there is anything to fix."""
    root = find_root(start)
    done = Fixed(lint(root, options))
    with Folder.open(Path(os.path.realpath(root))) as folder:
        for _ in range(ROUNDS):
            changed = _round(folder, done, options.changed)
            if not changed:
                break
            done.result = lint(root, options)
    return done


def _round(folder: Folder, done: Fixed, only: frozenset[str] | None) -> bool:
    """One round: fix what the last lint found; whether any file was written."""
    raw: dict[str, bytes] = {}
    context = FixContext(done.result.catalog, _reader(folder, raw))
    shown = tuple(d for d in done.result.diagnostics if only is None or d.path in only)
    taken: list[Edit] = []
    counted: dict[str, int] = {}
    for one in safe_fixes(shown, context):
        files = {edit.file for edit in one.edits}
        if only is not None and not files <= only:
            continue  # --changed-since: leave the other files as they are
        if any(f in done.refused or f not in raw for f in files) or any(
            overlaps(e, taken) for e in one.edits
        ):
            continue  # the next round, when the text has been read again
        taken.extend(one.edits)
        for file in files:
            counted[file] = counted.get(file, 0) + 1
    wrote = False
    for file in sorted(counted):
        edits = [e for e in taken if e.file == file]
        why = _write(folder, file, raw[file], edits)
        if why is not None:
            done.refused[file] = why
            continue
        wrote = True
        done.files.add(file)
        done.fixed += counted[file]
    return wrote


def _reader(folder: Folder, raw: dict[str, bytes]) -> Callable[[str], str | None]:
    """Read a catalog file's text (a link, a file too large or not UTF-8: None)."""

    def read(rel: str) -> str | None:
        data = folder.read(rel)
        if data is None or len(data) > MAX_BYTES:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        raw[rel] = data
        return text

    return read


def _write(folder: Folder, file: str, before: bytes, edits: list[Edit]) -> str | None:
    """Write the fixed text of ``file``; why it was not, if it was not."""
    text = before.decode("utf-8")
    fixed = apply(text, edits)
    old, new = parse(text.removeprefix("\ufeff")), parse(fixed.removeprefix("\ufeff"))
    if (new.fatal and not old.fatal) or len(new.problems) > len(old.problems):
        return "the fixed text would not read as YAML as well as before (please report this)"
    if folder.read(file) != before:
        return "it changed on disk while mcauthor was fixing it; run `mcauthor lint --fix` again"
    try:
        folder.write(file, fixed.encode("utf-8"))
    except WriteError as exc:
        return str(exc)
    return None
