"""Snapshots of the sample catalog's site: every HTML page and data file, byte for byte.

The sample in catalog/ is built with SOURCE_DATE_EPOCH=0 and each page is compared with
tests/snapshots/site/<path>. A change to the templates or to the view models shows up
here as a diff. When the change is intended, regenerate the snapshots and review the diff
in version control:

    MCAUTHOR_UPDATE_SNAPSHOTS=1 pytest tests/test_build_snapshots.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from mcauthor.build import build

from conftest import SAMPLE, copy_sample

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "site"
UPDATE = os.environ.get("MCAUTHOR_UPDATE_SNAPSHOTS", "") not in ("", "0")
HOW_TO_UPDATE = (
    "If the change is intended, regenerate the snapshots and review them:\n"
    "    MCAUTHOR_UPDATE_SNAPSHOTS=1 pytest tests/test_build_snapshots.py"
)
MAX_DIFF_LINES = 60  # per page, so one template change does not flood the output


# The HTML pages and the data exports (the PDF guides have tests of their own).
PATTERNS = ("**/*.html", "data/**/*.json", "data/*.csv")


def _pages(folder: Path) -> dict[str, bytes]:
    found = {p for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file()}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(found)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    base = tmp_path_factory.mktemp("snapshots")
    root = base / "catalog"
    copy_sample(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        out = build(root, base / "out", incremental=False).out
    return _pages(out)


def _update(pages: dict[str, bytes]) -> None:
    if SNAPSHOTS.exists():
        shutil.rmtree(SNAPSHOTS)
    for rel, data in pages.items():
        target = SNAPSHOTS / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _diff(rel: str, expected: bytes, actual: bytes) -> str:
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"tests/snapshots/site/{rel}",
            tofile=f"built/{rel}",
            n=2,
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        more = len(lines) - MAX_DIFF_LINES
        lines = [*lines[:MAX_DIFF_LINES], f"... {more} more diff lines\n"]
    text = "".join(lines)
    return text if text.endswith("\n") else text + "\n"


@pytest.mark.slow
def test_snapshot_pages_match(site: dict[str, bytes]) -> None:
    if UPDATE:
        _update(site)
    assert SNAPSHOTS.is_dir(), f"no snapshots in {SNAPSHOTS}.\n{HOW_TO_UPDATE}"
    expected = _pages(SNAPSHOTS)
    problems = []
    for rel in sorted(expected.keys() - site.keys()):
        problems.append(f"--- {rel}: in the snapshots but no longer built\n")
    for rel in sorted(site.keys() - expected.keys()):
        problems.append(f"+++ {rel}: built but has no snapshot\n")
    for rel in sorted(site.keys() & expected.keys()):
        if site[rel] != expected[rel]:
            problems.append(_diff(rel, expected[rel], site[rel]))
    if problems:
        pytest.fail(
            f"{len(problems)} page(s) differ from tests/snapshots/site/:\n\n"
            + "\n".join(problems)
            + "\n"
            + HOW_TO_UPDATE,
            pytrace=False,
        )


def test_snapshots_cover_every_page_of_the_contract(site: dict[str, bytes]) -> None:
    """The snapshot set is the whole site, not whatever happened to be there."""
    expected = {"index.html"}
    expected |= {f"credentials/{p.stem}/index.html" for p in (SAMPLE / "credentials").glob("*")}
    expected |= {f"stacks/{p.stem}/index.html" for p in (SAMPLE / "stacks").glob("*")}
    assert expected <= set(_pages(SNAPSHOTS)), sorted(expected - set(_pages(SNAPSHOTS)))
