"""Versions that follow what changed.

Badges already awarded point at an achievement and its version, so a published
credential whose requirements change must get a new version. Versions are semantic,
``MAJOR.MINOR.PATCH``: a requirement change raises the major number, a content change the
minor, a metadata change the patch. For a credential published before and after:

- its version went down: an **error**;
- its requirements changed and its version did not go up: an **error**;
- its requirements changed and only the minor or patch number went up: a **warning**;
- its wording changed and its version did not go up: a **warning**.

``mcauthor diff --bump`` writes the suggested version into each file that needs one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mcauthor.diff import CatalogDiff, ItemDiff

_SEMVER = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$")
_PART = {"requirement": 0, "content": 1, "metadata": 2}


@dataclass(frozen=True)
class VersionFinding:
    id: str
    severity: Literal["error", "warning"]
    message: str
    suggested: str | None  # the version --bump writes; None: nothing to write


def parse(version: str | None) -> tuple[int, int, int] | None:
    found = _SEMVER.match((version or "").strip())
    if found is None:
        return None
    major, minor, patch = (int(g) if g else 0 for g in found.groups())
    return major, minor, patch


def bumped(version: tuple[int, int, int], part: int) -> tuple[int, int, int]:
    if part == 0:
        return version[0] + 1, 0, 0
    if part == 1:
        return version[0], version[1] + 1, 0
    return version[0], version[1], version[2] + 1


def _text(version: tuple[int, int, int]) -> str:
    return ".".join(map(str, version))


def check(item: ItemDiff) -> VersionFinding | None:
    """What the version of a changed, published credential should be, if it is not."""
    kind = item.kind
    if item.item != "credential" or item.status != "changed" or not item.published:
        return None
    before, after = parse(item.version_before), parse(item.version_after)
    if before is None or after is None:
        if kind in ("requirement", "content") and item.version_before == item.version_after:
            return VersionFinding(
                item.id, "warning",
                f"`{item.id}` changed ({kind}) and its version `{item.version_after}` is not "
                "MAJOR.MINOR.PATCH, so mcauthor cannot tell whether it went up",
                None,
            )  # fmt: skip
        return None
    if after < before:
        return VersionFinding(
            item.id, "error",
            f"`{item.id}`: the version went down, from {_text(before)} to {_text(after)}",
            None,
        )  # fmt: skip
    if kind is None or kind == "metadata":
        return None
    wanted = bumped(before, _PART[kind])
    if after >= wanted:
        return None
    if kind == "requirement" and after == before:
        severity: Literal["error", "warning"] = "error"
        why = "its requirements changed and its version did not go up"
    elif kind == "requirement":
        severity, why = "warning", "its requirements changed: raise the major number"
    elif after == before:
        severity, why = "warning", "its wording changed and its version did not go up"
    else:
        return None
    return VersionFinding(
        item.id, severity, f"`{item.id}` {_text(after)}: {why} (suggested: {_text(wanted)})",
        _text(wanted),
    )  # fmt: skip


def findings(diff: CatalogDiff) -> list[VersionFinding]:
    return [f for item in diff.items if (f := check(item)) is not None]


_VERSION_LINE = re.compile(r"^version:[ \t]*[^\n#]*?(?P<end>[ \t]*(?:#[^\n]*)?)$", re.M)
_ID_LINE = re.compile(r"^id:[^\n]*\n", re.M)


def with_version(text: str, version: str) -> str | None:
    """The file's text with its top-level ``version`` set (added after ``id`` when it has
    none); None when neither line can be found."""
    line = f'version: "{version}"'
    found = _VERSION_LINE.search(text)
    if found is not None:
        return text[: found.start()] + line + found.group("end") + text[found.end() :]
    found = _ID_LINE.search(text)
    if found is None:
        return None
    return text[: found.end()] + line + "\n" + text[found.end() :]


def bump(root: Path, files: dict[str, str], wanted: list[VersionFinding]) -> list[str]:
    """Write the suggested versions into the credentials' files (``files``: id -> catalog
    path), each edit only the ``version`` line; the paths written."""
    from mcauthor.files import Folder, read_regular

    done = []
    with Folder.open(root) as folder:
        for finding in wanted:
            rel = files.get(finding.id)
            data = read_regular(root / rel) if rel is not None else None
            if finding.suggested is None or rel is None or data is None:
                continue
            text = data.decode("utf-8", "surrogateescape")
            edited = with_version(text, finding.suggested)
            if edited is not None and edited != text:
                folder.write(rel, edited.encode("utf-8", "surrogateescape"))
                done.append(rel)
    return done
