"""Each credential's version history, from git: for earners and reviewers, who deserve to
see what changed between the versions of a credential they hold.

One ``git log -p`` over the catalog's ``credentials/`` folder gives, for every commit and
every credential file it touched, the lines that changed. A change belongs to the
top-level field it sits in (git names the nearest line that starts a top-level key in each
hunk's header), and each field has a class, as ``mcauthor diff`` classes them:
requirement (competency, evidence, rubric, requires), content (title, summary, key
method, research, resources) or metadata (the rest). A commit that changes the
top-level ``version`` line ends a version: its entry holds the commit's date, the new
version and the fields changed since the version before. A file's first commit is its
first version.

What the history shows depends only on the commits (never on the working tree or the
clock), so a build of a given commit is always the same. Without git, outside a
repository, or when git cannot answer, there is no history and nothing fails. A file
moved to another path starts a new history (the log follows paths, not ids).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mcauthor import git

FIELD_CLASSES = {
    "competency": "requirement",
    "evidence": "requirement",
    "rubric": "requirement",
    "requires": "requirement",
    "title": "content",
    "summary": "content",
    "key_method": "content",
    "research": "content",
    "resources": "content",
}
IGNORED = {"id", "version"}
MAX_ENTRIES = 50  # versions shown per credential, the newest first
MAX_COMMITS = 5_000  # the newest commits read: a history is about recent versions
_COMMIT = "\x01"
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_HUNK = re.compile(r"^@@ [^@]* @@ ?(.*)$")
_VERSION = re.compile(r"""^\+version:\s*["']?([^"'#\s]{1,40})""")


@dataclass(frozen=True)
class Version:
    """One version of a credential: when it was committed, its number, and the fields
    changed since the version before, by class (empty for the first version)."""

    date: str  # YYYY-MM-DD, UTC
    version: str
    changed: tuple[tuple[str, tuple[str, ...]], ...]  # (class, fields), requirement first
    commit: str

    @property
    def first(self) -> bool:
        return not self.changed


def field_class(name: str) -> str:
    return FIELD_CLASSES.get(name, "metadata")


def histories(root: Path) -> dict[str, tuple[Version, ...]]:
    """Each credential file's versions (catalog-relative path -> newest first); empty when
    there is no git history to read."""
    try:
        repo = git.find(root)
        if repo is None:
            return {}
        out = repo.run(
            root.resolve(),
            "log",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-renames",
            f"--max-count={MAX_COMMITS}",
            "--reverse",
            "-p",
            "-U0",
            "--relative",
            f"--format={_COMMIT}%H %ct",
            "--",
            "credentials",
        )
    except git.GitFailed:
        return {}
    return _read(out)


def _read(log: str) -> dict[str, tuple[Version, ...]]:
    pending: dict[str, set[str]] = {}
    found: dict[str, list[Version]] = {}
    for commit, when, files in _commits(log):
        date = time.strftime("%Y-%m-%d", time.gmtime(when))
        for path, (added, fields, version) in files.items():
            if added:
                pending[path] = set()
                found[path] = [Version(date, version or "1.0.0", (), commit)]
                continue
            pending.setdefault(path, set()).update(fields - IGNORED)
            if version is not None:
                changed = pending.pop(path, set())
                found.setdefault(path, []).append(Version(date, version, _classed(changed), commit))
    return {path: tuple(reversed(v[-MAX_ENTRIES:])) for path, v in found.items()}


def _classed(fields: set[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    by_class: dict[str, list[str]] = {}
    for name in sorted(fields):
        by_class.setdefault(field_class(name), []).append(name)
    order = ("requirement", "content", "metadata")
    return tuple((kind, tuple(by_class[kind])) for kind in order if kind in by_class)


FileChange = tuple[bool, set[str], str | None]  # added, fields touched, the new version


def _commits(log: str) -> Iterator[tuple[str, int, dict[str, FileChange]]]:
    for chunk in log.split(_COMMIT)[1:]:
        head, _, body = chunk.partition("\n")
        sha, _, stamp = head.partition(" ")
        try:
            when = int(stamp)
        except ValueError:
            continue
        yield sha, when, _files(body)


def _files(body: str) -> dict[str, FileChange]:
    out: dict[str, FileChange] = {}
    path: str | None = None
    added = False
    fields: set[str] = set()
    version: str | None = None
    hunk_key: str | None = None
    for line in body.split("\n"):
        if line.startswith("diff --git "):
            if path is not None:
                out[path] = (added, fields, version)
            path, added, fields, version = None, False, set(), None
        elif line.startswith("new file mode"):
            added = True
        elif line.startswith("+++ "):
            target = line[4:]
            path = target[2:] if target.startswith("b/") else None
        elif line.startswith("@@"):
            context = _HUNK.match(line)
            key = _KEY.match(context.group(1)) if context else None
            hunk_key = key.group(1) if key else None
        elif line[:1] in ("+", "-") and path is not None:
            text = line[1:]
            own = _KEY.match(text)
            if own:
                fields.add(own.group(1))
            elif text.strip() and hunk_key:
                fields.add(hunk_key)
            found = _VERSION.match(line)
            if found:
                version = found.group(1)
    if path is not None:
        out[path] = (added, fields, version)
    return out
