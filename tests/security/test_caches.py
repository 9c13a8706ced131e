"""Attack classes 1 and 3: caches a clone brings in can neither run code nor fake a result.

Before: ``.mcauthor-cache/templates/`` was Jinja's bytecode cache (unpickled before any
check), and ``.mcauthor-cache/documents.json`` was trusted, keyed by a hash anyone can
compute. Now mcauthor's caches live in the user's cache folder, sealed with a key that
never leaves it, and nothing in a catalog is ever unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import pytest
from attacker import MARKER, Victim, attack, run, victim
from jinja2.bccache import bc_magic

from mcauthor import __version__, schema
from mcauthor.overrides import builtin_dir
from mcauthor.rules.base import CREDENTIAL, Example


class _Payload:
    """Unpickling this runs a command: what a committed cache file would carry."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.target}",))


def _bytecode_files(cache: Path, catalog: Path, marker: Path) -> None:
    """A poisoned cache file for every template, under every name Jinja's file-system
    bytecode cache would look for (the names are predictable from the template name
    and its file's path)."""
    cache.mkdir(parents=True, exist_ok=True)
    payload = bc_magic + pickle.dumps(_Payload(marker))
    names = []
    for folder in (builtin_dir(), catalog / "templates"):
        for path in folder.glob("*.html"):
            names += [(path.name, str(path)), (f"mcauthor/{path.name}", str(path))]
    for name, filename in names:
        key = hashlib.sha1(name.encode("utf-8"))
        key.update(f"|{filename}".encode())
        (cache / f"__jinja2_{key.hexdigest()}.cache").write_bytes(payload)


@pytest.mark.parametrize("where", [".mcauthor-cache/templates", "site/.mcauthor-cache/templates"])
@pytest.mark.slow
def test_a_committed_bytecode_cache_never_runs(
    attack, victim: Victim, tmp_path: Path, where: str
) -> None:
    marker = victim.home / f"{MARKER}.txt"

    def setup(root: Path) -> None:
        # The clone's path is known to the attacker (CI checkouts are predictable).
        _bytecode_files(root / where, tmp_path / "clone", marker)
        (root / "templates").mkdir()
        (root / "templates" / "home.html").write_text(
            '{% extends "mcauthor/home.html" %}\n', "utf-8"
        )

    clone = attack(setup=setup)
    built = run(victim, clone, "build", "--no-guides", "--out", str(tmp_path / "out"))
    assert built.code == 0, built.output
    served = run(victim, clone, "lint")
    assert served.code == 0, served.output
    assert not marker.exists()
    victim.untouched()


def test_no_pickle_or_marshal_in_mcauthor() -> None:
    """Nothing mcauthor reads is unpickled or unmarshalled, and Jinja's file-system
    bytecode cache (which unpickles) is never used."""
    source = Path(schema.__file__).parent
    for path in source.rglob("*.py"):
        text = path.read_text("utf-8")
        for forbidden in ("pickle.load", "marshal.load", "FileSystemBytecodeCache", "shelve"):
            assert forbidden not in text, f"{path}: {forbidden}"


def _forged_documents(root: Path, broken: bytes, clean: dict[str, object]) -> None:
    """The old cache format, keyed as the old code keyed it (a public salt): the broken
    file's bytes mapped to a clean, finding-free result."""
    salt = hashlib.sha256(f"{__version__}\0{schema.fingerprint()}".encode()).hexdigest()
    key = hashlib.sha256(broken)
    key.update(f"\0{CREDENTIAL}\0credential".encode())
    entry = [clean, False, False, [], []]
    folder = root / ".mcauthor-cache"
    folder.mkdir()
    text = json.dumps({"salt": salt, "entries": {key.hexdigest(): entry}})
    (folder / "documents.json").write_text(text, "utf-8")


BROKEN = "competency: ''\ntitel: a typo\nhours: -3\n"


@pytest.mark.slow
def test_a_committed_lint_cache_cannot_hide_errors(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        import yaml

        path = root / CREDENTIAL
        clean = yaml.safe_load(path.read_text("utf-8"))
        broken = path.read_text("utf-8") + BROKEN.replace("competency: ''\n", "")
        path.write_text(broken, "utf-8")
        _forged_documents(root, broken.encode("utf-8"), clean)

    clone = attack(setup=setup)
    cold = run(victim, clone, "lint", "--format", "json", "--no-cache")
    first = run(victim, clone, "lint", "--format", "json")
    warm = run(victim, clone, "lint", "--format", "json")  # now from the user's cache
    assert cold.code == first.code == warm.code == 1
    assert cold.stdout == first.stdout == warm.stdout
    codes = {d["code"] for d in json.loads(cold.stdout)["diagnostics"]}
    assert {"MC050", "MC053"} <= codes
    victim.untouched()


@pytest.mark.slow
def test_a_forged_or_corrupt_user_cache_is_ignored(attack, victim: Victim) -> None:
    """Even a file in the user's own cache folder is only used when its seal holds: the
    log of each file's reading, and the kept report of the last lint."""
    clone = attack(Example.credential("titel: a typo\n"))
    reference = run(victim, clone, "lint", "--format", "json", "--no-cache")
    run(victim, clone, "lint", "--format", "json")
    cached = sorted((victim.home / ".cache" / "mcauthor" / "lint").iterdir())
    assert all(p.stat().st_mode & 0o077 == 0 for p in cached)
    (report,) = [p for p in cached if p.name.endswith(".report.json")]
    (log,) = [p for p in cached if p is not report]
    sealed = log.read_bytes()
    same_seal, made_up = b"", b""
    for line in sealed.splitlines():  # one entry a line: MAC, key, [salt, entry]
        mac, key, body = line.split(b" ", 2)
        salt, entry = json.loads(body)
        entry[4] = []  # drop every finding
        forged = key + b" " + json.dumps([salt, entry]).encode()
        same_seal += mac + b" " + forged + b"\n"
        made_up += b"0" * 64 + b" " + forged + b"\n"
    for content in (same_seal, made_up, sealed + same_seal, sealed[:100], b""):
        log.write_bytes(content)
        report.unlink(missing_ok=True)  # else the kept report answers, not the log
        again = run(victim, clone, "lint", "--format", "json")
        assert again.stdout == reference.stdout
        assert again.code == 1
    mac, _, body = report.read_bytes().partition(b"\n")  # a sealed file: MAC, then body
    kept = json.loads(body)
    kept["diagnostics"], kept["fail_on"] = [], "error"  # "All good"
    forged = json.dumps(kept).encode()
    for content in (mac + b"\n" + forged, b"0" * 64 + b"\n" + forged, b""):
        report.write_bytes(content)
        again = run(victim, clone, "lint", "--format", "json")
        assert again.stdout == reference.stdout
        assert again.code == 1


def test_the_cache_folder_must_be_private(attack, victim: Victim) -> None:
    """A cache folder that others can write to is not used (nor trusted)."""
    folder = victim.home / ".cache" / "mcauthor"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    clone = attack()
    assert run(victim, clone, "lint").code == 0
    assert not (folder / "lint").exists()


@pytest.mark.parametrize("how", ["in place", "replaced"])
@pytest.mark.slow
def test_an_output_swapped_with_its_size_and_time_kept_is_rendered_again(
    attack, victim: Victim, tmp_path: Path, how: str
) -> None:
    """The build record (user cache) lists each file's status, so that unchanged files are
    not read again. Bytes swapped in between builds, by an archive unpacked over the
    folder (a new file) or by a program that then sets the old time back (in place), with
    the size and modification time of the real page: the change time and inode still
    differ, so the page is hashed and rendered again."""
    clone = attack()
    out = tmp_path / "out"
    assert run(victim, clone, "build", "--no-guides", "--out", str(out)).code == 0
    page = out / "index.html"
    real, info = page.read_bytes(), page.stat()
    forged = b"<script>alert(1)</script>".ljust(info.st_size, b" ")
    target = page if how == "in place" else out / "unpacked.tmp"
    target.write_bytes(forged)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    target.replace(page)
    assert (page.stat().st_size, page.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    assert run(victim, clone, "build", "--no-guides", "--out", str(out)).code == 0
    assert page.read_bytes() == real
    victim.untouched()
