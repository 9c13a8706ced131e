"""`mcauthor build`: output layout, output folder, determinism, atomicity, refusal, safety
and the incremental cache.

Every test builds for real into ``tmp_path``. The HTML templates are being redesigned, so
nothing here asserts markup: only files, bytes, which files were rendered, and literal text
that any design has to show (a credential page shows its title).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from mcauthor.build import BuildError, BuildRefused, build
from mcauthor.loader import CannotRun
from mcauthor.output import Job, safe_relpath
from mcauthor.output.writer import CACHE_NAME, write

from conftest import SAMPLE, cache_file, copy_sample, invoke

FAILED = "mcauthor: build failed, previous output left untouched"
LINT_CACHE = ".mcauthor-cache"  # the lint cache lint keeps in the catalog root


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process builds must not pick up SOURCE_DATE_EPOCH from the caller's shell."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# -- helpers ------------------------------------------------------------------------------


def tree(root: Path, *, skip: tuple[str, ...] = (LINT_CACHE,)) -> dict[str, bytes]:
    """Every file under ``root`` (POSIX relative path -> bytes); symlinks not followed."""
    files: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def diff_trees(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Readable differences between two trees (empty when byte-identical)."""
    out = [f"only in first: {p}" for p in sorted(a.keys() - b.keys())]
    out += [f"only in second: {p}" for p in sorted(b.keys() - a.keys())]
    out += [f"differs: {p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]
    return out


def leftovers(out: Path) -> list[str]:
    """Temporary folders a build left beside ``out`` (staging or retired output)."""
    if not out.parent.is_dir():
        return []
    prefixes = (f".{out.name}.building-", f".{out.name}.old-")
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(prefixes))


def documents(root: Path, kind: str) -> list[dict]:
    """The catalog's YAML files of one kind, read independently of mcauthor."""
    docs = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((root / kind).rglob("*.yaml"))]
    return [d for d in docs if isinstance(d, dict)]


def ids(root: Path, kind: str) -> list[str]:
    return sorted(d["id"] for d in documents(root, kind))


def html_pages(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")}


def job_files(out: Path) -> set[str]:
    """Every file the build wrote (everything except the cache file itself)."""
    return set(tree(out)) - {CACHE_NAME}


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {len(lines)}:\n{text}"
    return lines[0]


def replace_line(path: Path, key: str, value: str) -> None:
    """Replace the one top-level ``key: ...`` line of a YAML file."""
    text = path.read_text("utf-8")
    new, count = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, flags=re.M)
    assert count == 1, f"{key}: not exactly once at the top level of {path}"
    path.write_text(new, "utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "catalog")


@pytest.fixture
def built(sample: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The sample catalog built once into tmp_path/out (the API, incremental)."""
    out = tmp_path / "out"
    build(sample, out)
    return sample, out


# -- layout -------------------------------------------------------------------------------


@pytest.mark.slow
def test_sample_builds_into_the_contract_layout(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(sample, out)
    assert result.out == out.absolute()

    credentials, stacks = ids(sample, "credentials"), ids(sample, "stacks")
    assert len(credentials) == 9 and len(stacks) == 3
    expected = {"index.html"}
    expected |= {f"credentials/{c}/index.html" for c in credentials}
    expected |= {f"stacks/{s}/index.html" for s in stacks}
    assert expected <= html_pages(out), sorted(expected - html_pages(out))
    # Nothing else under credentials/ or stacks/: one page per source file.
    for kind in ("credentials", "stacks"):
        extra = {p for p in html_pages(out) if p.startswith(f"{kind}/")} - expected
        assert not extra, extra
    assert (out / CACHE_NAME).is_file()

    # Each page is HTML that shows what it is about (literal text, any design).
    titles = {d["id"]: d["title"] for d in documents(sample, "credentials")}
    titles |= {d["id"]: d["title"] for d in documents(sample, "stacks")}
    for page in sorted(expected - {"index.html"}):
        text = (out / page).read_text("utf-8")
        assert text.lstrip().lower().startswith("<!doctype html"), page
        ident = PurePosixPath(page).parent.name
        assert titles[ident] in _unescaped_text(text), f"{page} does not show its title"
    home = _unescaped_text((out / "index.html").read_text("utf-8"))
    for ident, title in titles.items():
        assert title in home, f"the home page does not show {ident}"

    # A site must be readable by whoever serves it, whatever mkdtemp did.
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask


def _unescaped_text(html: str) -> str:
    chunks: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            chunks.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(chunks).split())


@pytest.mark.slow
def test_every_internal_link_resolves(built: tuple[Path, Path]) -> None:
    """Pages never link to a file the build did not write (guides, data, ... come later)."""
    _, out = built
    broken = []
    for page in sorted(html_pages(out)):
        parser = _Links()
        parser.feed((out / page).read_text("utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or not parts.path:
                continue  # external, or a fragment on the same page
            target = (out / page).parent / unquote(parts.path)
            if parts.path.startswith("/"):  # the 404 page's: from the base_url's path
                base_path = urlsplit(
                    yaml.safe_load((SAMPLE / "mcauthor.yaml").read_text())["catalog"]["base_url"]
                ).path
                assert page == "404.html" and parts.path.startswith(base_path), url
                target = out / unquote(parts.path).removeprefix(base_path)
            if parts.path.endswith("/"):
                target = target / "index.html"
            resolved = target.resolve()
            inside = out.resolve() in resolved.parents
            if not inside or not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page}: {url}")
    assert not broken, "\n".join(broken)


# -- the output folder --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("configured", "expected"),
    [("site", "catalog/site"), ("dist/www", "catalog/dist/www")],
)
@pytest.mark.slow
def test_default_out_is_build_out_relative_to_the_catalog(
    sample: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    configured: str,
    expected: str,
) -> None:
    config = sample / "mcauthor.yaml"
    text = config.read_text("utf-8")
    assert text.count("  out: site\n") == 1
    config.write_text(text.replace("  out: site\n", f"  out: {configured}\n"), "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # relative to the catalog, not to the working folder

    result = invoke("build", sample)
    assert result.exit_code == 0, result.output
    out = tmp_path / expected
    assert (out / "index.html").is_file()
    assert (out / CACHE_NAME).is_file()
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("configured", ["../public", "/tmp/public", "site/../../x", "..\\\\x"])
@pytest.mark.slow
def test_build_out_must_stay_inside_the_catalog(sample: Path, configured: str) -> None:
    """mcauthor.yaml may come from a pull request: it cannot send the build elsewhere."""
    config = sample / "mcauthor.yaml"
    text = config.read_text("utf-8").replace("  out: site\n", f'  out: "{configured}"\n')
    config.write_text(text, "utf-8")
    result = invoke("build", sample)
    assert result.exit_code == 1, result.output
    assert "MC053" in result.stderr and "build.out" in result.stderr
    assert "--out DIR" in result.stderr  # the hint says how to build elsewhere
    # With the rule turned off the value is still never used (exit 2, or the default).
    config.write_text(text + "lint:\n  rules: {MC053: 'off'}\n", "utf-8")
    again = invoke("build", sample)
    assert not (sample.parent / "public").exists() and not Path("/tmp/public").exists()
    assert again.exit_code in (0, 2), again.output


@pytest.mark.slow
def test_default_out_without_build_section_is_site(sample: Path, tmp_path: Path) -> None:
    config = sample / "mcauthor.yaml"
    text = config.read_text("utf-8")
    assert text.count("build:\n  out: site\n") == 1
    config.write_text(text.replace("build:\n  out: site\n", ""), "utf-8")
    result = invoke("build", sample)
    assert result.exit_code == 0, result.output
    assert (sample / "site" / "index.html").is_file()


@pytest.mark.slow
def test_cli_out_prints_a_one_line_summary(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "er" / "out"
    result = invoke("build", sample, "--out", out)
    assert result.exit_code == 0, result.output
    line = one_line(result.stdout)
    assert str(out) in line
    assert f"{len(html_pages(out))} pages" in line, line
    assert result.stderr == ""
    assert (out / "index.html").is_file()

    again = invoke("build", sample, "-o", out)
    assert again.exit_code == 0, again.output
    assert f"(0 written, {len(job_files(out))} unchanged)" in one_line(again.stdout)


# -- determinism --------------------------------------------------------------------------


@pytest.mark.parametrize("epoch", [None, "0", "1700000000"])
@pytest.mark.slow
def test_two_builds_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str | None
) -> None:
    """Different catalog folders, different output folders: the same bytes, cache too."""
    if epoch is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    first = build(copy_sample(tmp_path / "a" / "catalog"), tmp_path / "out-a").out
    second = build(copy_sample(tmp_path / "b" / "c" / "other"), tmp_path / "x" / "site").out
    a, b = tree(first), tree(second)
    assert CACHE_NAME in a
    assert not diff_trees(a, b), diff_trees(a, b)
    if epoch is not None:
        wrong = {
            rel: (first / rel).stat().st_mtime
            for rel in job_files(first)
            if (first / rel).stat().st_mtime != int(epoch)
        }
        assert not wrong, f"mtime is not SOURCE_DATE_EPOCH={epoch}: {wrong}"


@pytest.mark.slow
def test_source_date_epoch_sets_the_mtime_of_reused_files_too(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output must not depend on how the previous build was made."""
    _, out = built  # built without SOURCE_DATE_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(out.parent / "catalog", out)
    wrong = sorted(rel for rel in job_files(out) if (out / rel).stat().st_mtime != 1700000000)
    assert not wrong, f"mtime is not SOURCE_DATE_EPOCH: {wrong}"


def test_bad_source_date_epoch_is_a_usage_error(sample: Path, tmp_path: Path) -> None:
    result = invoke(
        "build", sample, "--out", tmp_path / "out", env={"SOURCE_DATE_EPOCH": "yesterday"}
    )
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in one_line(result.stderr)
    assert not (tmp_path / "out").exists()


# -- atomicity ----------------------------------------------------------------------------

BROKEN_TEMPLATES = {
    "syntax-error": '{% extends "mcauthor/credential.html" %}{% block content %}{% if %}',
    "unknown-tag": "{% frobnicate %}",
    "undefined-attribute": "{{ page.no_such_field }}",
    "undefined-variable": "{{ no_such_variable }}",
    "missing-parent": '{% extends "mcauthor/no-such-template.html" %}',
    "sandbox": "{{ page.__class__.__mro__ }}",
    "runtime-error": "{{ 1 // 0 }}",
}


@pytest.mark.parametrize("template", BROKEN_TEMPLATES.values(), ids=list(BROKEN_TEMPLATES))
@pytest.mark.slow
def test_failed_build_leaves_previous_output_untouched(
    sample: Path, tmp_path: Path, template: str
) -> None:
    out = tmp_path / "out"
    assert invoke("build", sample, "--out", out).exit_code == 0
    before = tree(out)

    override = sample / "templates" / "credential.html"
    override.parent.mkdir()
    override.write_text(template, "utf-8")
    result = invoke("build", sample, "--out", out, "--full")
    assert result.exit_code == 1, result.output
    assert one_line(result.stderr).startswith(FAILED), result.stderr
    assert result.stdout == ""
    assert not diff_trees(before, tree(out)), diff_trees(before, tree(out))
    assert leftovers(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog", "out"]


def test_failed_first_build_writes_nothing(sample: Path, tmp_path: Path) -> None:
    (sample / "templates").mkdir()
    (sample / "templates" / "stack.html").write_text("{% if %}", "utf-8")
    out = tmp_path / "out"
    result = invoke("build", sample, "--out", out)
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith(FAILED)
    assert "stack.html" in result.stderr  # says which template
    assert not out.exists()
    assert leftovers(out) == []


def _job(path: str, data: bytes = b"x", key: str = "k") -> Job:
    return Job(path, key, lambda: data)


@pytest.mark.parametrize("error", [RuntimeError, BuildError, KeyboardInterrupt])
def test_a_job_that_raises_leaves_previous_output_untouched(
    tmp_path: Path, error: type[BaseException]
) -> None:
    """pipeline.write() itself: the failing job comes after a job that re-rendered."""
    out = tmp_path / "out"
    write(out, [_job("index.html", b"one"), _job("a/b.html", b"two")])
    before = tree(out)

    def boom() -> bytes:
        raise error("boom")

    jobs = [_job("index.html", b"new", "k2"), _job("a/b.html", b"two"), Job("z.html", "k", boom)]
    with pytest.raises(error):
        write(out, jobs)
    assert tree(out) == before
    assert leftovers(out) == []


# -- refusal ------------------------------------------------------------------------------


def test_lint_error_refuses_and_writes_nothing(make_catalog, tmp_path: Path) -> None:
    root: Path = make_catalog()
    out = tmp_path / "out"
    assert invoke("build", root, "--out", out).exit_code == 0
    before = tree(out)
    fresh = tmp_path / "fresh"

    credential = root / "credentials" / "example.yaml"
    credential.write_text(credential.read_text("utf-8") + "titel: Oops\n", "utf-8")
    for target in (out, fresh):
        result = invoke("build", root, "--out", target)
        assert result.exit_code == 1, result.output
        assert "MC050" in result.stderr and "credentials/example.yaml" in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("mcauthor: not built")
        assert result.stdout == ""
        assert leftovers(target) == []
    assert tree(out) == before
    assert not fresh.exists()

    with pytest.raises(BuildRefused) as refused:
        build(root, fresh)
    assert [d.code for d in refused.value.result.diagnostics] == ["MC050"]
    assert not fresh.exists()


def test_strict_refuses_on_a_warning(make_catalog, tmp_path: Path) -> None:
    root: Path = make_catalog()
    credential = root / "credentials" / "example.yaml"
    text = credential.read_text("utf-8")
    assert text.count('version: "1.0.0"') == 1
    credential.write_text(text.replace('version: "1.0.0"', "version: 1.10"), "utf-8")

    lenient = invoke("build", root, "--out", tmp_path / "lenient")
    assert lenient.exit_code == 0, lenient.output
    assert (tmp_path / "lenient" / "index.html").is_file()

    strict = invoke("build", root, "--out", tmp_path / "strict", "--strict")
    assert strict.exit_code == 1, strict.output
    assert "MC011" in strict.stderr
    assert "not built" in strict.stderr
    assert not (tmp_path / "strict").exists()
    with pytest.raises(BuildRefused):
        build(root, tmp_path / "strict", strict=True)
    assert not (tmp_path / "strict").exists()


# -- safety -------------------------------------------------------------------------------

UNSAFE_OUT = {
    "catalog-root": lambda root: root,
    "catalog-parent": lambda root: root.parent,
    "filesystem-root": lambda root: Path(root.anchor),
    "credentials": lambda root: root / "credentials",
    "inside-credentials": lambda root: root / "credentials" / "site",
    "inside-stacks": lambda root: root / "stacks" / "site",
    "research": lambda root: root / "research",
    "catalog-root-dotted": lambda root: root / "credentials" / "..",
}


@pytest.mark.parametrize("target", UNSAFE_OUT.values(), ids=list(UNSAFE_OUT))
def test_out_that_would_replace_the_catalog_is_refused(
    sample: Path, tmp_path: Path, target
) -> None:
    before = tree(tmp_path)
    result = invoke("build", sample, "--out", target(sample))
    assert result.exit_code == 2, result.output
    assert one_line(result.stderr).startswith("mcauthor: error:")
    assert not diff_trees(before, tree(tmp_path)), diff_trees(before, tree(tmp_path))
    with pytest.raises(CannotRun):
        build(sample, target(sample))
    assert not diff_trees(before, tree(tmp_path))


@pytest.mark.slow
def test_out_that_contains_the_catalog_is_refused_even_if_mcauthor_wrote_it(
    tmp_path: Path,
) -> None:
    """A folder with a build cache is normally fair game; not when the catalog is inside."""
    out = tmp_path / "out"
    assert invoke("build", copy_sample(tmp_path / "first"), "--out", out).exit_code == 0
    inner = copy_sample(out / "catalog")
    before = tree(tmp_path)
    for target in (out, out / "catalog"):
        result = invoke("build", inner, "--out", target)
        assert result.exit_code == 2, result.output
    assert not diff_trees(before, tree(tmp_path)), diff_trees(before, tree(tmp_path))


def test_out_through_a_symlink_to_the_catalog_is_refused(sample: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(sample, target_is_directory=True)
    before = tree(tmp_path)
    result = invoke("build", sample, "--out", link)
    assert result.exit_code == 2, result.output
    assert tree(tmp_path) == before
    assert link.is_symlink()


def test_relative_out_dot_inside_the_catalog_is_refused(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample / "credentials")
    before = tree(tmp_path)
    for out in (".", "..", "../credentials"):
        result = invoke("build", ".", "--out", out)
        assert result.exit_code == 2, (out, result.output)
    assert tree(tmp_path) == before


def test_configured_out_that_would_replace_the_catalog_is_refused(
    sample: Path, tmp_path: Path
) -> None:
    config = sample / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8").replace("  out: site\n", "  out: ..\n"), "utf-8")
    before = tree(tmp_path)
    result = invoke("build", sample)
    assert result.exit_code == 1, result.output  # lint: build.out must stay inside (MC053)
    assert "MC053" in result.stderr and "build.out" in result.stderr
    assert tree(tmp_path) == before


@pytest.mark.slow
def test_non_empty_folder_not_written_by_mcauthor_is_refused(sample: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.txt").write_text("mine", "utf-8")
    (docs / ".hidden").mkdir()
    before = tree(tmp_path)
    result = invoke("build", sample, "--out", docs)
    assert result.exit_code == 2, result.output
    assert "not empty" in one_line(result.stderr)
    assert tree(tmp_path) == before
    assert leftovers(docs) == []

    empty = tmp_path / "empty"
    empty.mkdir()
    assert invoke("build", sample, "--out", empty).exit_code == 0
    assert (empty / "index.html").is_file()


def test_out_that_is_a_file_fails_cleanly(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.html"
    target.write_text("mine", "utf-8")
    result = invoke("build", sample, "--out", target)
    assert result.exit_code in (1, 2), result.output
    one_line(result.stderr)
    assert target.read_text("utf-8") == "mine"
    assert leftovers(target) == []


@pytest.mark.parametrize(
    "path",
    [
        "../x",
        "/abs",
        "/etc/passwd",
        "a/../../b",
        "a/../b",
        "..",
        ".",
        "",
        "a\\b",
        "..\\x",
        "\\\\server\\share",
        "c:/x",
        "a/\x00b",
    ],
)
def test_safe_relpath_rejects_paths_that_leave_the_output(path: str) -> None:
    with pytest.raises(BuildError):
        safe_relpath(path)


@pytest.mark.parametrize(
    "path", ["index.html", "credentials/x/index.html", "_static/site.css", "a.b/c..d"]
)
def test_safe_relpath_accepts_plain_paths(path: str) -> None:
    assert safe_relpath(path).as_posix() == path


def test_write_never_escapes_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "a" / "out"
    for bad in ("../escaped.html", "x/../../escaped.html", str(tmp_path / "abs.html")):
        with pytest.raises(BuildError):
            write(out, [_job("index.html"), _job(bad)])
    with pytest.raises(BuildError, match="two outputs"):
        write(out, [_job("index.html"), _job("index.html")])
    assert tree(tmp_path) == {}
    assert not out.exists()


# -- incremental --------------------------------------------------------------------------


def _credential_neighbourhood(root: Path, cid: str) -> set[str]:
    """What an edit to one credential must re-render (computed from the YAML alone)."""
    creds = {d["id"]: d for d in documents(root, "credentials")}
    pages = {"index.html", f"credentials/{cid}/index.html"}
    pages |= {f"credentials/{r}/index.html" for r in creds[cid].get("requires") or ()}
    pages |= {
        f"credentials/{other}/index.html"
        for other, doc in creds.items()
        if cid in (doc.get("requires") or ())
    }
    pages |= {
        f"stacks/{s['id']}/index.html"
        for s in documents(root, "stacks")
        if cid in s.get("credentials", ())
    }
    return pages


def _full_build(root: Path, out: Path) -> dict[str, bytes]:
    build(root, out, incremental=False)
    return tree(out)


def html_only(paths: list[str]) -> list[str]:
    return [p for p in paths if p.endswith(".html")]


@pytest.mark.parametrize("cid", ids(SAMPLE, "credentials"))
@pytest.mark.slow
def test_editing_one_credential_rerenders_only_its_neighbourhood(
    built: tuple[Path, Path], tmp_path: Path, cid: str
) -> None:
    root, out = built
    expected = _credential_neighbourhood(root, cid)
    others = {f"credentials/{c}/index.html" for c in ids(root, "credentials")}
    others -= expected
    assert others, "the sample should have credentials outside the neighbourhood"

    replace_line(root / "credentials" / f"{cid}.yaml", "summary", "An edited summary.")
    result = build(root, out)
    # The website's pages (the PDF guides' own incremental test is in test_pdf.py).
    rendered = html_only(result.written.rendered_paths)
    assert len(rendered) == len(set(rendered))
    assert set(rendered) == expected, (
        f"missing {sorted(expected - set(rendered))}, extra {sorted(set(rendered) - expected)}"
    )
    assert not others & set(rendered)
    assert result.written.written["page"] == len(expected)

    # And the incremental result is exactly what a full build gives.
    fresh = _full_build(root, tmp_path / "fresh")
    assert not diff_trees(tree(out), fresh), diff_trees(tree(out), fresh)


@pytest.mark.slow
def test_editing_a_stack_rerenders_its_page_members_and_related_stacks(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    root, out = built
    stacks = {d["id"]: d for d in documents(root, "stacks")}
    sid = "basic-performance-assessment-design"
    related = {s for s, d in stacks.items() if sid in (d.get("requires") or ())}
    related |= set(stacks[sid].get("requires") or ())
    assert related, "the sample's basic stack is required by another stack"
    expected = {"index.html", f"stacks/{sid}/index.html"}
    expected |= {f"stacks/{s}/index.html" for s in related}
    expected |= {f"credentials/{c}/index.html" for c in stacks[sid]["credentials"]}

    replace_line(root / "stacks" / f"{sid}.yaml", "title", "Basic Design, Retitled")
    rendered = html_only(build(root, out).written.rendered_paths)
    assert set(rendered) == expected, (
        f"missing {sorted(expected - set(rendered))}, extra {sorted(set(rendered) - expected)}"
    )
    for member in stacks[sid]["credentials"]:
        page = (out / f"credentials/{member}/index.html").read_text("utf-8")
        assert "Basic Design, Retitled" in _unescaped_text(page), member
    fresh = _full_build(root, tmp_path / "fresh")
    assert not diff_trees(tree(out), fresh)


@pytest.mark.slow
def test_touching_files_without_changing_them_rerenders_nothing(
    built: tuple[Path, Path],
) -> None:
    root, out = built
    before = tree(out)
    later = os.stat(root / "mcauthor.yaml").st_mtime + 3600
    for path in root.rglob("*"):
        os.utime(path, (later, later))
    result = build(root, out)
    assert result.written.rendered_paths == []
    assert result.written.written == {}
    assert result.written.total == len(job_files(out))
    assert tree(out) == before


@pytest.mark.slow
def test_full_rerenders_everything(built: tuple[Path, Path]) -> None:
    root, out = built
    before = tree(out)
    result = build(root, out, incremental=False)
    assert sorted(result.written.rendered_paths) == sorted(job_files(out))
    assert result.written.reused == {}
    assert tree(out) == before

    cli = invoke("build", root, "--out", out, "--full")
    assert cli.exit_code == 0, cli.output
    assert f"({len(job_files(out))} written, 0 unchanged)" in one_line(cli.stdout)


@pytest.mark.slow
def test_editing_a_template_override_rerenders_every_page(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    root, out = built
    pages = html_pages(out)
    override = root / "templates" / "credential.html"
    override.parent.mkdir()
    override.write_text('{% extends "mcauthor/credential.html" %}\n', "utf-8")
    assert set(html_only(build(root, out).written.rendered_paths)) == pages  # a new override
    assert build(root, out).written.rendered_paths == []

    override.write_text('{% extends "mcauthor/credential.html" %}\n{# edited #}\n', "utf-8")
    assert set(html_only(build(root, out).written.rendered_paths)) == pages
    assert build(root, out).written.rendered_paths == []

    override.unlink()
    assert set(build(root, out).written.rendered_paths) == pages
    fresh = _full_build(root, tmp_path / "fresh")
    assert not diff_trees(tree(out), fresh)


@pytest.mark.slow
def test_a_deleted_or_edited_output_file_is_rendered_again(built: tuple[Path, Path]) -> None:
    root, out = built
    before = tree(out)
    cid = ids(root, "credentials")[0]
    deleted = f"credentials/{cid}/index.html"
    edited = "index.html"
    (out / deleted).unlink()
    with (out / edited).open("ab") as handle:
        handle.write(b"<!-- edited by hand -->")
    result = build(root, out)
    assert sorted(result.written.rendered_paths) == sorted([deleted, edited])
    assert tree(out) == before


@pytest.mark.parametrize(
    "cache",
    [
        b"{not json",
        b'{"version": 999, "files": {}}',
        b'"x"',
        b"",
        b"0" * 64 + b'\n{"version": 2, "files": {}}',  # a made-up seal
    ],
)
@pytest.mark.slow
def test_unreadable_cache_means_a_full_render(built: tuple[Path, Path], cache: bytes) -> None:
    root, out = built
    before = tree(out)
    manifest = cache_file("builds", out)
    assert manifest.is_file()
    manifest.write_bytes(cache)
    result = build(root, out)
    assert sorted(result.written.rendered_paths) == sorted(job_files(out))
    assert tree(out) == before


@pytest.mark.slow
def test_the_record_in_the_output_folder_is_never_trusted(built: tuple[Path, Path]) -> None:
    """A pre-built folder can be committed: a forged page with a record that vouches for
    it must not be published in place of the real page."""
    root, out = built
    before = tree(out)
    record = (out / CACHE_NAME).read_text("utf-8")
    (out / "index.html").write_bytes(b"<p>forged</p>")
    forged = hashlib.sha256(b"<p>forged</p>").hexdigest()
    entries = json.loads(record)
    entries["files"]["index.html"][1] = forged
    (out / CACHE_NAME).write_text(json.dumps(entries), "utf-8")
    result = build(root, out)
    assert result.written.rendered_paths == ["index.html"]
    assert tree(out) == before


@pytest.mark.slow
def test_incremental_always_equals_a_full_build(built: tuple[Path, Path], tmp_path: Path) -> None:
    """A series of edits of every kind: after each, incremental == full, byte for byte."""
    root, out = built

    def edit_library() -> None:
        path = root / "research" / "library.yaml"
        text = path.read_text("utf-8")
        path.write_text(text.replace("Supports", "Backs", 1), "utf-8")

    def edit_config() -> None:
        replace_line(root / "mcauthor.yaml", "  title", "Performance Assessment, Renamed")

    def add_credential() -> None:
        source = root / "credentials" / "calibrating-scoring.yaml"
        text = source.read_text("utf-8").replace("id: calibrating-scoring", "id: calibrating-two")
        (root / "credentials" / "calibrating-two.yaml").write_text(text, "utf-8")
        stack = root / "stacks" / "basic-performance-assessment-design.yaml"
        stack.write_text(
            stack.read_text("utf-8").replace(
                "  - calibrating-scoring\n", "  - calibrating-scoring\n  - calibrating-two\n"
            ),
            "utf-8",
        )

    def remove_credential() -> None:
        (root / "credentials" / "calibrating-two.yaml").unlink()
        stack = root / "stacks" / "basic-performance-assessment-design.yaml"
        stack.write_text(stack.read_text("utf-8").replace("  - calibrating-two\n", ""), "utf-8")

    def edit_requires() -> None:
        replace_line(
            root / "credentials" / "teaching-habits-and-dispositions.yaml",
            "requires",
            "[embedding-habits-and-dispositions, calibrating-scoring]",
        )

    steps = [edit_library, edit_config, add_credential, edit_requires, remove_credential]
    for number, step in enumerate(steps):
        step()
        build(root, out)
        fresh = _full_build(root, tmp_path / f"fresh-{number}")
        assert not diff_trees(tree(out), fresh), (step.__name__, diff_trees(tree(out), fresh))
    assert "calibrating-two" not in str(sorted(tree(out)))


@pytest.mark.slow
def test_changing_source_date_epoch_rerenders_pages_that_show_the_date(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """site.date comes from SOURCE_DATE_EPOCH: a page that shows it must not go stale."""
    root, out = built
    override = root / "templates" / "credential.html"
    override.parent.mkdir()
    override.write_text(
        '{% extends "mcauthor/credential.html" %}'
        "{% block content %}<p>Published {{ site.date }}</p>{% endblock %}\n",
        "utf-8",
    )
    cid = ids(root, "credentials")[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    build(root, out)
    assert "Published 1970-01-01" in (out / f"credentials/{cid}/index.html").read_text("utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 365))
    build(root, out)
    assert "Published 1971-01-01" in (out / f"credentials/{cid}/index.html").read_text("utf-8")
    fresh = _full_build(root, tmp_path / "fresh")
    assert not diff_trees(tree(out), fresh)


# -- template overrides -------------------------------------------------------------------

BLOCK = "competency"  # a block of the built-in templates/credential.html
SENTINEL = "OVERRIDE-5f1c2e"


@pytest.mark.slow
def test_a_catalog_can_override_one_block_of_a_builtin_template(
    sample: Path, tmp_path: Path
) -> None:
    builtin = (Path(__file__).resolve().parent.parent / "templates" / "credential.html").read_text(
        "utf-8"
    )
    blocks = set(re.findall(r"{%-?\s*block\s+(\w+)", builtin))
    assert BLOCK in blocks, f"templates/credential.html has no block {BLOCK!r}: {sorted(blocks)}"

    override = sample / "templates" / "credential.html"
    override.parent.mkdir()
    override.write_text(
        '{% extends "mcauthor/credential.html" %}'
        f"{{% block {BLOCK} %}}{SENTINEL}{{% endblock %}}",
        "utf-8",
    )
    out = tmp_path / "out"
    build(sample, out)
    competencies = {d["id"]: d["competency"] for d in documents(sample, "credentials")}
    for cid, competency in competencies.items():
        text = _unescaped_text((out / f"credentials/{cid}/index.html").read_text("utf-8"))
        assert SENTINEL in text, cid
        assert competency not in text, f"{cid}: the {BLOCK} block was not replaced"
        # The rest of the built-in page is still there.
        assert next(d["title"] for d in documents(sample, "credentials") if d["id"] == cid) in text
    for page in html_pages(out):
        if not page.startswith("credentials/"):
            assert SENTINEL not in (out / page).read_text("utf-8"), page
