"""`mcauthor serve`: a real server, real HTTP, real file edits and a real file watcher.

Nothing is mocked. Waits are generous polls (a loaded CI machine may be slow to notice a
change); nothing asserts how long anything took.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.lint import lint
from mcauthor.loader import CannotRun
from mcauthor.serve.banner import banner, inject
from mcauthor.serve.preview import Preview
from mcauthor.serve.status import Status, page_of_file
from mcauthor.serve.watch import ChangeFilter

from conftest import copy_sample, edit, invoke

TIMEOUT = 30.0
TITLE = "Performance Assessment for Learning"  # the sample catalog's title
EDITED = "credentials/teaching-habits-and-dispositions.yaml"
EDITED_PAGE = "credentials/teaching-habits-and-dispositions/index.html"
# In another stack and not linked by `requires`: an edit of EDITED must not re-render it.
UNRELATED_PAGE = "credentials/designing-performance-tasks/index.html"
BROKEN = "credentials/calibrating-scoring.yaml"
STACK = "formative-assessment-basics"  # the stack that `mcauthor init` writes
DRAFT = "credentials/peer-feedback.yaml"  # what `mcauthor new credential` writes


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    copy_sample(root)
    return root


@pytest.fixture
def preview(catalog: Path) -> Iterator[Preview]:
    with Preview(catalog, port=0) as running:
        yield running


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mcauthor init`, then `mcauthor new credential peer-feedback`: its placeholders
    and a stray key are lint errors (made once; each test gets a copy: ``draft``)."""
    root = tmp_path_factory.mktemp("drafted") / "catalog"
    assert invoke("init", root, "--issuer", "Example Issuer", "--title", "Drafts").exit_code == 0
    made = invoke("new", "credential", "peer-feedback", "--stack", STACK, "-c", root)
    assert made.exit_code == 0, made.output
    append(root, DRAFT, '"<script>alert(1)</script>": 1\n')  # MC050 quotes it: text only
    return root


@pytest.fixture
def draft(drafted: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(drafted, tmp_path / "draft"))


def get(url: str, host: str | None = None) -> tuple[int, str]:
    """Status and body; error statuses are answers too."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_until(check: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def append(root: Path, rel: str, text: str) -> None:
    with (root / rel).open("a", encoding="utf-8") as file:
        file.write(text)


def title_of(root: Path, rel: str) -> str:
    found = re.search(r"^title: (.+)$", (root / rel).read_text("utf-8"), re.MULTILINE)
    assert found
    return found.group(1).strip()


def version(preview: Preview) -> int:
    return int(get(preview.url + "__mcauthor/version")[1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- serving ---------------------------------------------------------------------------------


def test_serves_the_site_with_the_reload_script(preview: Preview) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", preview.url)
    assert preview.build_number == 1
    status, home = get(preview.url)
    assert status == 200
    assert TITLE in home
    assert '<script src="/__mcauthor/reload.js" data-version="1"></script>\n</body>' in home
    assert 'id="mcauthor-banner"' not in home  # the sample catalog lints clean
    # Only responses carry the script: the built files are what `build` writes.
    assert "__mcauthor" not in (preview.out / "index.html").read_text("utf-8")

    status, page = get(preview.url + EDITED_PAGE)
    assert status == 200
    assert "Teaching Habits" in page and "/__mcauthor/reload.js" in page
    assert get(preview.url + "__mcauthor/reload.js")[0] == 200
    assert get(preview.url + "__mcauthor/preview.css")[0] == 200
    assert get(preview.url + "_static/site.css")[0] == 200
    assert version(preview) == 1


def test_missing_pages_and_folders(preview: Preview) -> None:
    status, page = get(preview.url + "credentials/no-such-credential/")
    assert status == 404
    assert "/__mcauthor/reload.js" in page  # the site's 404 page, reloading too
    assert get(preview.url + "__mcauthor/nothing")[0] == 404
    # A folder without its slash is redirected, as a static host does; urllib follows it.
    status, page = get(preview.url + EDITED_PAGE.removesuffix("/index.html"))
    assert status == 200 and "Teaching Habits" in page


def test_refuses_other_host_names(preview: Preview) -> None:
    port = preview.url.rsplit(":", 1)[1].rstrip("/")
    assert get(preview.url, host=f"attacker.example:{port}")[0] == 403
    assert get(preview.url, host=f"localhost:{port}")[0] == 200


@pytest.mark.slow
def test_edit_rebuilds_only_what_changed(catalog: Path, preview: Preview) -> None:
    before = {page: (preview.out / page).stat() for page in (EDITED_PAGE, UNRELATED_PAGE)}
    old = title_of(catalog, EDITED)
    edit(catalog / EDITED, f"title: {old}", "title: Teaching Habits, Revised")
    # The build moves each page in as it is written, and counts the build at the end.
    wait_until(
        lambda: (
            preview.build_number >= 2
            and "Teaching Habits, Revised" in get(preview.url + EDITED_PAGE)[1]
        ),
        "the rebuild after an edit",
    )
    assert version(preview) >= 2
    assert "Teaching Habits, Revised" in get(preview.url)[1]  # the home page lists it
    # A rendered page is moved in as a new file; a reused one is left exactly in place.
    after = {page: (preview.out / page).stat() for page in before}
    assert after[EDITED_PAGE].st_ino != before[EDITED_PAGE].st_ino
    assert after[UNRELATED_PAGE].st_ino == before[UNRELATED_PAGE].st_ino
    assert after[UNRELATED_PAGE].st_mtime_ns == before[UNRELATED_PAGE].st_mtime_ns
    result = preview.last_result
    assert result is not None and sum(result.written.reused.values()) > 0


@pytest.mark.slow
def test_long_poll_answers_when_the_build_changes(catalog: Path, preview: Preview) -> None:
    answers: list[str] = []
    waiting = threading.Thread(
        target=lambda: answers.append(get(preview.url + "__mcauthor/version?wait=1")[1])
    )
    waiting.start()
    edit(catalog / EDITED, "\ntitle: ", "\ntitle: Polled ")
    waiting.join(TIMEOUT)
    assert len(answers) == 1 and int(answers[0]) > 1
    assert int(get(preview.url + "__mcauthor/version?wait=1")[1]) > 1  # answers at once


# -- lint problems and unreadable files ------------------------------------------------------


def banner_of(page: str) -> str:
    """The preview's banner in a served page ("" when there is none)."""
    found = re.search(r'<aside id="mcauthor-banner".*?</aside>', page, re.DOTALL)
    return found.group(0) if found else ""


def h1_of(page: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
    assert found, page[:500]
    return found.group(1)


@pytest.mark.slow
def test_lint_errors_render_with_each_page_findings(catalog: Path, preview: Preview) -> None:
    original = (catalog / BROKEN).read_text("utf-8")
    # A lint error (an unknown key whose message quotes catalog text, which must stay
    # text) and a new title in the same save: the page renders despite the error.
    edited = original.replace("title: Calibrating Scoring", "title: Calibrating, Drafted", 1)
    line = edited.count("\n") + 1
    (catalog / BROKEN).write_text(edited + '"<script>alert(1)</script>": 1\n', "utf-8")
    page_url = preview.url + "credentials/calibrating-scoring/"
    # The build moves each page in as it is written, and counts the build at the end.
    wait_until(
        lambda: preview.build_number >= 2 and "Calibrating, Drafted" in get(page_url)[1],
        "the build despite an error",
    )
    assert preview.status.failure is None

    status, page = get(page_url)
    assert status == 200
    shown = banner_of(page)
    assert f"This page: 1 error ({BROKEN}) · Catalog: 1 error in 1 file" in shown
    assert f"<code>{BROKEN}:{line}:1</code> <b>error MC050</b>" in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script>alert" not in page
    assert 'aria-label="Preview: lint findings"' in shown
    # Before <main>: after the skip link and the header, pushing the content down.
    assert page.index('<a class="skip-link"') < page.index(shown) < page.index("<main")

    other = banner_of(get(preview.url + EDITED_PAGE)[1])  # this page's file is clean
    assert "This page: no findings" in other and "Catalog: 1 error in 1 file" in other
    assert "MC050" not in other
    home = banner_of(get(preview.url)[1])  # the count, and a link to the page
    assert "<summary>Catalog: 1 error in 1 file</summary>" in home
    assert f'<li><a href="/credentials/calibrating-scoring/">{BROKEN}</a>: 1 error</li>' in home
    # Only responses carry the banner: the built files are what `build` writes.
    assert "mcauthor-banner" not in (preview.out / EDITED_PAGE).read_text("utf-8")

    (catalog / BROKEN).write_text(original, encoding="utf-8")
    wait_until(lambda: not banner_of(get(page_url)[1]), "the rebuild after the fix")
    assert "Calibrating Scoring" in h1_of(get(page_url)[1])


def counted(diagnostics: Sequence[Diagnostic]) -> str:
    """ "1 error, 2 warnings" as the banner counts (written out here, not imported)."""
    words = {"error": "errors", "warning": "warnings", "info": "info"}
    parts = []
    for severity in Severity:
        n = sum(1 for d in diagnostics if d.severity is severity)
        if n:
            parts.append(f"{n} {severity.value if n == 1 else words[severity.value]}")
    return ", ".join(parts)


def test_a_new_credential_with_placeholders_serves_every_page(draft: Path) -> None:
    """The issue: `init` plus `new credential` (placeholders and lint errors). Every page
    is served, the new one too, with its own findings; `build` still refuses."""
    result = lint(draft)
    assert result.failed and result.count(Severity.ERROR) >= 1
    mine = [d for d in result.diagnostics if d.path == DRAFT]
    files = len({d.path for d in result.diagnostics})
    total = f"Catalog: {counted(result.diagnostics)} in {files} file{'s' if files > 1 else ''}"
    with Preview(draft, port=0) as preview:
        assert preview.status.failure is None
        pages = sorted(p.relative_to(preview.out).as_posix() for p in preview.out.rglob("*.html"))
        assert "credentials/peer-feedback/index.html" in pages
        assert "credentials/feedback-for-learning/index.html" in pages  # the untouched example
        for rel in pages:
            status, page = get(preview.url + rel)
            assert status == 200, rel
            assert total in banner_of(page), rel
            # The built files are what `build` would write: no banner, no script.
            built = (preview.out / rel).read_text("utf-8")
            assert "mcauthor-banner" not in built and "__mcauthor" not in built, rel

        shown = banner_of(get(preview.url + "credentials/peer-feedback/")[1])
        assert f"<summary>This page: {counted(mine)} ({DRAFT}) · {total}</summary>" in shown
        assert shown.count("<li") == len(mine)
        for d in mine:
            where = f"{d.path}:{d.line}:{d.column}"
            item = f"<code>{where}</code> <b>{d.severity.value} {d.code}</b> "
            assert item + html.escape(d.message) in shown, where
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
        example = banner_of(get(preview.url + "credentials/feedback-for-learning/")[1])
        assert "<summary>This page: no findings (credentials/feedback-for-learning.yaml)" in example
        home = banner_of(get(preview.url)[1])
        assert f'<a href="/credentials/peer-feedback/">{DRAFT}</a>: {counted(mine)}' in home

    refused = invoke("build", draft)  # `build` keeps refusing lint errors, as before
    assert refused.exit_code == 1 and not (draft / "site").exists()


def test_a_missing_badge_image_does_not_stop_the_page(draft: Path) -> None:
    """A draft that names its badge image before the file exists (MC511): the page
    renders, lists the finding, and shows the image once it is saved."""
    edit(draft / DRAFT, "# image: assets/", "image: assets/")
    with Preview(draft, port=0) as preview:
        assert preview.status.failure is None
        status, page = get(preview.url + "credentials/peer-feedback/")
        assert status == 200 and "error MC511" in banner_of(page)
        assert get(preview.url + "assets/badges/peer-feedback.png")[0] == 404
        (draft / "assets" / "badges").mkdir(parents=True)
        (draft / "assets" / "badges" / "peer-feedback.png").write_bytes(PNG)
        wait_until(
            lambda: get(preview.url + "assets/badges/peer-feedback.png")[0] == 200,
            "the image after it was saved",
        )
        wait_until(lambda: preview.build_number >= 2, "the rebuild")
        status, page = get(preview.url + "credentials/peer-feedback/")
        assert status == 200 and "MC511" not in banner_of(page)
        assert 'src="../../assets/badges/peer-feedback.png"' in page


PNG = bytes.fromhex(  # a 1x1 PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.mark.slow
def test_every_rule_bad_example_renders(tmp_path: Path) -> None:
    """What lint reports never blanks the preview: each rule's bad example (its own
    documentation's) is served, every page with status 200 and the catalog's count."""
    from mcauthor.rules import all_rules
    from mcauthor.rules.examples import materialize

    for rule in all_rules():
        if rule.bad is None:
            continue
        root = materialize(rule.bad, tmp_path / rule.code)
        found = lint(root).diagnostics
        with Preview(root, port=0) as preview:
            assert preview.status.failure is None, (rule.code, preview.status.failure)
            for page in sorted(preview.out.rglob("index.html")):
                rel = page.relative_to(preview.out).as_posix()
                status, body = get(preview.url + rel)
                assert status == 200, (rule.code, rel)
                assert f"Catalog: {counted(found)} in " in banner_of(body), (rule.code, rel)


@pytest.mark.slow
def test_warnings_show_folded(catalog: Path, preview: Preview) -> None:
    edit(catalog / BROKEN, 'version: "1.0.0"', "version: 1.10")
    wait_until(lambda: preview.build_number >= 2, "the rebuild with a warning")
    page = get(preview.url + "credentials/calibrating-scoring/")[1]
    assert '<aside id="mcauthor-banner" class="mcauthor-banner mcauthor-notes"' in page
    assert '<details id="mcauthor-findings" class="mcauthor-findings"><summary>' in page
    assert "This page: 1 warning" in page and f"{BROKEN}:4:10" in page and "MC011" in page
    assert "mcauthor build</code> refuses" not in page  # only said when there are errors


@pytest.mark.slow
def test_unreadable_file_keeps_the_last_good_page_until_fixed(
    catalog: Path, preview: Preview
) -> None:
    original = (catalog / BROKEN).read_text("utf-8")
    page_url = preview.url + "credentials/calibrating-scoring/"
    edit(catalog / BROKEN, "title: Calibrating Scoring", "title: Calibrating, Last Good")
    wait_until(
        lambda: preview.build_number >= 2 and "Calibrating, Last Good" in get(page_url)[1],
        "the first edit",
    )
    good = preview.build_number

    broken = (
        (catalog / BROKEN)
        .read_text("utf-8")
        .replace("title: Calibrating, Last Good", "title: Calibrating, Never Shown")
    )
    line = broken.count("\n") + 2  # YAML sees the unclosed list at the end of the file
    (catalog / BROKEN).write_text(broken + "broken: [\n", "utf-8")
    wait_until(lambda: preview.status.failure is not None, "the refused rebuild")
    assert preview.build_number == good  # nothing was rebuilt
    for url in (page_url, preview.url, preview.url + EDITED_PAGE):
        status, page = get(url)
        assert status == 200
        shown = banner_of(page)
        assert shown.index('role="alert"') < shown.index("<details")  # the error on top
        assert f"Not rebuilt: cannot read {BROKEN}" in shown
        assert "The page shows the last good build" in shown
        assert f"<code>{BROKEN}:{line}:1</code> <b>error MC001</b> YAML syntax error" in shown
    assert "Calibrating, Last Good" in h1_of(get(page_url)[1])

    (catalog / BROKEN).write_text(original, encoding="utf-8")
    wait_until(lambda: preview.status.failure is None, "the rebuild after the fix")
    status, page = get(page_url)
    assert status == 200 and "Calibrating Scoring" in h1_of(page) and not banner_of(page)

    # A new file that cannot be read: its page (never built) explains itself.
    (catalog / "credentials" / "brand-new.yaml").write_text("id: [\n", "utf-8")
    wait_until(lambda: preview.status.failure is not None, "the refused rebuild")
    status, page = get(preview.url + "credentials/brand-new/")
    assert status == 503 and "credentials/brand-new.yaml</code>, which cannot be read" in page
    assert "Not rebuilt: cannot read credentials/brand-new.yaml" in banner_of(page)


@pytest.mark.slow
def test_first_build_with_an_unreadable_file_renders_the_rest(catalog: Path) -> None:
    original = (catalog / BROKEN).read_text("utf-8")
    line = original.count("\n") + 2  # the end of the file, after the unclosed list
    append(catalog, BROKEN, "broken: [\n")
    with Preview(catalog, port=0) as preview:
        assert preview.build_number == 1 and preview.status.failure is None
        for path in ("", EDITED_PAGE, "stacks/basic-performance-assessment-design/"):
            status, page = get(preview.url + path)
            assert status == 200, path
            shown = banner_of(page)
            assert f"Cannot read {BROKEN}" in shown
            assert f"<code>{BROKEN}:{line}:1</code> <b>error MC001</b>" in shown
        # The unreadable file's own page explains itself (not a bare error or a 404).
        for path in ("credentials/calibrating-scoring/", "credentials/calibrating-scoring"):
            status, page = get(preview.url + path)
            assert status == 503, path
            assert h1_of(page) == "This page cannot be shown yet"
            assert f"It is made from <code>{BROKEN}</code>" in page
            assert f"{BROKEN}:{line}:1" in banner_of(page)
            assert "/__mcauthor/reload.js" in page
        assert get(preview.url + "credentials/no-such-credential/")[0] == 404

        (catalog / BROKEN).write_text(original, encoding="utf-8")
        wait_until(lambda: preview.build_number >= 2, "the build after the fix")
        status, page = get(preview.url + "credentials/calibrating-scoring/")
        assert status == 200 and "Calibrating Scoring" in h1_of(page) and not banner_of(page)


def test_unreadable_config_shows_on_every_page_until_fixed(catalog: Path) -> None:
    config = catalog / "mcauthor.yaml"
    original = config.read_text("utf-8")
    line = original.count("\n") + 2  # the end of the file, after the unclosed list
    config.write_text(original + "broken: [\n", "utf-8")
    said: list[str] = []
    with Preview(catalog, port=0, say=said.append) as preview:  # it starts all the same
        for path in ("", EDITED_PAGE, "no/such/page"):
            status, page = get(preview.url + path)
            assert status == 503, path
            assert h1_of(page) == "This page cannot be shown yet"
            assert f"Not rebuilt: mcauthor.yaml:{line}: cannot read the catalog config" in page
            assert "There is nothing to show yet" in page
        assert any(f"mcauthor.yaml:{line}: cannot read" in line_ for line_ in said)

        config.write_text(original, encoding="utf-8")
        wait_until(lambda: preview.build_number >= 1, "the build after the fix")
        status, home = get(preview.url)
        assert status == 200 and TITLE in home and not banner_of(home)

        # Broken again after a good build: the last good pages stay, the error on top.
        config.write_text(original + "broken: [\n", "utf-8")
        wait_until(lambda: preview.status.failure is not None, "the refused rebuild")
        status, home = get(preview.url)
        assert status == 200 and TITLE in home
        assert f"Not rebuilt: mcauthor.yaml:{line}: cannot read" in banner_of(home)


@pytest.mark.slow
def test_template_mistake_keeps_the_last_good_build(catalog: Path, preview: Preview) -> None:
    (catalog / "templates").mkdir()
    (catalog / "templates" / "home.html").write_text("{% if %}", encoding="utf-8")
    wait_until(lambda: preview.status.failure is not None, "the failed build")
    home = get(preview.url)[1]
    assert TITLE in home
    assert "Not rebuilt: build failed: " in banner_of(home)


@pytest.mark.slow
def test_template_mistake_at_the_start_explains_every_page(catalog: Path) -> None:
    (catalog / "templates").mkdir()
    (catalog / "templates" / "home.html").write_text("{% if %}", encoding="utf-8")
    with Preview(catalog, port=0) as preview:
        for path in ("", EDITED_PAGE):
            status, page = get(preview.url + path)
            assert status == 503 and h1_of(page) == "This page cannot be shown yet"
            assert "The preview has not been built yet" in page
            assert "Not rebuilt: build failed: templates/home.html:1: " in banner_of(page)
        shutil.rmtree(catalog / "templates")
        wait_until(lambda: preview.build_number >= 1, "the build after the fix")
        assert get(preview.url)[0] == 200


# -- starting and stopping -------------------------------------------------------------------


def test_stop_frees_the_port_and_deletes_the_folder(catalog: Path) -> None:
    preview = Preview(catalog, port=0)
    preview.start()
    folder, port = preview.folder, int(preview.url.rsplit(":", 1)[1].rstrip("/"))
    assert folder is not None and (folder / "site" / "index.html").is_file()
    preview.stop()
    preview.stop()  # twice is harmless
    assert not folder.exists()
    assert not any(t.name.startswith("mcauthor-") for t in threading.enumerate())
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))
    assert not (catalog / "site").exists()  # the preview never writes the catalog's site/


def test_port_in_use_is_a_clean_error(catalog: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        before = set(Path(tempfile.gettempdir()).glob("mcauthor-serve-*"))
        with pytest.raises(CannotRun, match=f"port {port} on 127.0.0.1 is already in use"):
            Preview(catalog, port=port).start()
        assert set(Path(tempfile.gettempdir()).glob("mcauthor-serve-*")) <= before
        done = run_cli("serve", str(catalog), "--port", str(port))
        assert done.returncode == 2
        assert done.stderr.strip().startswith("mcauthor: error: port ")
        assert "Traceback" not in done.stderr


def test_not_a_catalog_is_a_clean_error(tmp_path: Path) -> None:
    done = run_cli("serve", str(tmp_path), "--port", "0")
    assert done.returncode == 2
    assert "no mcauthor.yaml found" in done.stderr and "Traceback" not in done.stderr


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mcauthor", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 2,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.slow  # a second Python process: two to six seconds
def test_cli_serves_until_ctrl_c(catalog: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mcauthor", "serve", str(catalog), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:  # the URL line comes once the first build is served
            lines.append(line)
            found = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line)
            if found:
                break
        assert found, "".join(lines)
        assert "PDF guides left out" in "".join(lines)
        status, home = get(found.group(1))
        assert status == 200 and TITLE in home
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert out.strip().endswith("Stopped.")
    temp = re.search(r"Built (\S+mcauthor-serve-\S+)/site", "".join(lines))
    assert temp and not Path(temp.group(1)).exists()


# -- parts -----------------------------------------------------------------------------------


def test_change_filter(tmp_path: Path) -> None:
    # A catalog inside a folder named like an ignored one is still watched.
    root = tmp_path / "site" / ".git-free" / "catalog"
    watch = ChangeFilter(root, ignored=[tmp_path / "preview"])
    wanted = ["credentials/a.yaml", "mcauthor.yaml", "templates/home.html", "assets/logo.png"]
    ignored = [
        ".mcauthor-cache/documents.json",
        ".git/index",
        "site/index.html",  # the catalog's own `mcauthor build` output
        ".site.building-abc123/index.html",
        "credentials/.a.yaml.swp",
        "credentials/a.yaml~",
        "credentials/.#a.yaml",
        "credentials/4913",
    ]
    for rel in wanted:
        assert watch(None, str(root / rel)), rel
    for rel in ignored:
        assert not watch(None, str(root / rel)), rel
    assert not watch(None, str(tmp_path / "preview" / "site" / "index.html"))
    assert not watch(None, str(tmp_path / "elsewhere.yaml"))


HOSTILE = Diagnostic(
    code="MC050",
    name="unknown-key",
    severity=Severity.ERROR,
    criterion=None,
    message="unknown key `<img src=x onerror=alert(1)>`",
    path='credentials/"><b>.yaml',
    line=3,
    column=1,
    hint='Use "quotes" & <care>',
)


def test_banner_escapes_catalog_text() -> None:
    # A page path (from a credential id or file name) that would break out of the link.
    page = 'credentials/"><script>alert(2)</script>/index.html'
    status = Status(2, True, None, (HOSTILE,), {page: HOSTILE.path})
    for rel in (page, "index.html"):
        shown = banner(status, rel)
        assert "<img" not in shown and "<b>.yaml" not in shown and "<care>" not in shown
        assert "<script>" not in shown and '"><script' not in shown
        assert "&lt;img src=x onerror=alert(1)&gt;" in shown or rel == "index.html"
        assert "credentials/&quot;&gt;&lt;b&gt;.yaml" in shown
    home = banner(status, "index.html")
    assert 'href="/credentials/%22%3E%3Cscript%3Ealert%282%29%3C/script%3E/"' in home
    failed = Status(3, True, "cannot read <x>", (HOSTILE,), {}, frozenset({HOSTILE.path}))
    shown = banner(failed, "index.html")
    assert "Not rebuilt: cannot read &lt;x&gt;" in shown
    assert "&quot;quotes&quot; &amp; &lt;care&gt;" in shown
    assert banner(Status(1, True), "index.html") == ""


def test_banner_lists_the_page_own_findings() -> None:
    def finding(path: str, severity: Severity = Severity.WARNING) -> Diagnostic:
        return Diagnostic("MC514", "placeholder-text", severity, None, "m", path, 1, 1)

    pages = {"credentials/a/index.html": "credentials/a.yaml", "stacks/s/index.html": "s.yaml"}
    found = (
        finding("credentials/a.yaml", Severity.ERROR),
        finding("credentials/a.yaml"),
        finding("s.yaml"),
        finding("mcauthor.yaml", Severity.INFO),
    )
    status = Status(1, True, None, found, pages)
    total = "Catalog: 1 error, 2 warnings, 1 info in 3 files"
    a = banner(status, "credentials/a/index.html")
    assert f"<summary>This page: 1 error, 1 warning (credentials/a.yaml) · {total}</summary>" in a
    assert a.count("<li") == 2
    home = banner(status, "index.html")  # the catalog-level findings and the pages' links
    assert f"<summary>{total}</summary>" in home
    assert "<code>mcauthor.yaml:1:1</code>" in home and "credentials/a.yaml:1:1" not in home
    assert '<a href="/credentials/a/">credentials/a.yaml</a>: 1 error, 1 warning' in home
    assert f"<summary>{total}</summary></details>" in banner(status, "404.html").replace(
        "<p>The preview renders despite lint errors; <code>mcauthor build</code> refuses "
        "until they are fixed.</p>",
        "",
    )
    assert page_of_file("credentials/sub/x.yml") == "credentials/x/index.html"
    assert page_of_file("stacks/s.yaml") == "stacks/s/index.html"
    assert page_of_file("research/library.yaml") is None


@pytest.mark.slow  # three drafts and two rebuilds: two to four seconds
def test_terminal_lists_errors_first_then_only_new_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three drafts: 95 placeholder warnings, and one real error in the last file. The
    terminal is capped like the banner, so the error must come first; paths are as
    `mcauthor lint` prints them (from the current folder); a later save lists only what
    is new."""
    root = tmp_path / "catalog"
    assert invoke("init", root, "--issuer", "Example Issuer", "--title", "Drafts").exit_code == 0
    for name in ("a", "b", "c"):
        assert invoke("new", "credential", name, "-c", root).exit_code == 0
    last = root / "credentials/c.yaml"
    last.write_text(re.sub(r"(?m)^hours: TODO.*$", "hours: lots", last.read_text("utf-8")))
    monkeypatch.chdir(tmp_path)
    said: list[str] = []
    with Preview(root, port=0, say=said.append) as preview:
        listed = [line for line in said if line.startswith("  ")]
        assert re.match(r"  catalog/credentials/c\.yaml:\d+:\d+: error MC051 `hours`", listed[0])
        assert len(listed) == 51
        more = r"  \.\.\. and \d+ more \(46 warnings, \d+ info\): `mcauthor lint` lists all\."
        assert re.fullmatch(more, listed[-1]), listed[-1]
        said.clear()

        first = root / "credentials/a.yaml"  # fix one placeholder: nothing new to list
        first.write_text(first.read_text("utf-8").replace("hours: TODO", "hours: 10", 1))
        wait_until(lambda: preview.build_number >= 2, "the build after fixing a placeholder")
        assert not [line for line in said if line.startswith("  ") or "New" in line], said
        assert [line for line in said if "1 error, 94 warnings" in line], said
        said.clear()

        first.write_text(first.read_text("utf-8").replace("hours: 10", "hours: many"))
        wait_until(lambda: preview.build_number >= 3, "the build after a new error")
        listed = [line for line in said if line.startswith("  ")]
        assert "New findings:" in said and len(listed) == 1, said
        assert re.match(r"  catalog/credentials/a\.yaml:\d+:\d+: error MC051", listed[0])


def test_banner_sends_the_findings_past_its_list_to_lint() -> None:
    warnings = [
        Diagnostic("MC514", "placeholder-text", Severity.WARNING, None, "m", "x.yaml", n, 1)
        for n in range(1, 61)
    ]
    error = Diagnostic("MC051", "wrong-type", Severity.ERROR, None, "bad", "x.yaml", 99, 1)
    found = (*warnings, error)
    shown = banner(Status(1, True, None, found, {}), "index.html")
    assert shown.count("<li") == 51
    assert shown.index("<code>x.yaml:99:1</code>") < shown.index("<code>x.yaml:1:1</code>")
    assert "... and 11 more: <code>mcauthor lint</code> lists them all." in shown
    assert "terminal" not in shown


def test_inject_places_the_banner_before_main_and_the_script_last() -> None:
    status = Status(7, True, None, (HOSTILE,))
    page = inject(b"<body><a>skip</a><header></header><MAIN>x</MAIN></body>", status)
    assert page.index(b"skip") < page.index(b'id="mcauthor-banner"') < page.index(b"<MAIN>")
    assert page.endswith(b'data-version="7"></script>\n</body>')
    page = inject(b'<html><BODY class="a">x</BODY></html>', status)  # no <main>
    assert page.startswith(b'<html><BODY class="a"><link rel="stylesheet"')
    page = inject(b"<p>fragment", Status(7, True))  # no body, no findings
    assert page == b'<p>fragment<script src="/__mcauthor/reload.js" data-version="7"></script>\n'


# -- in a browser ----------------------------------------------------------------------------


def sync_api() -> Any:
    """Playwright's sync API, or fail (CI) / skip (elsewhere) without it."""
    try:
        from playwright import sync_api as api
    except ImportError:
        from browser_support import browser_unavailable

        browser_unavailable("the playwright package is not installed (pip install -e '.[test]')")
        raise
    return api


@contextmanager
def browser_page() -> Iterator[tuple[Any, list[str]]]:
    """A Chromium page, and the script errors and dialogs (alert()) it had."""
    from browser_support import launch_chromium

    api = sync_api()
    with api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("dialog", lambda dialog: (errors.append(dialog.message), dialog.dismiss()))
            # The sample site has no favicon.ico; Chromium asks for one anyway.
            page.on(
                "console",
                lambda message: (
                    errors.append(message.text)
                    if message.type == "error" and "favicon.ico" not in message.location["url"]
                    else None
                ),
            )
            yield page, errors
        finally:
            browser.close()


@pytest.mark.slow
def test_browser_reloads_and_shows_problems(catalog: Path, preview: Preview) -> None:
    """The reload script really reloads, and the banner really shows, in Chromium."""
    expect = sync_api().expect
    original = (catalog / BROKEN).read_text("utf-8")
    with browser_page() as (page, errors):
        page.goto(preview.url + "credentials/calibrating-scoring/index.html")
        expect(page.locator("h1")).to_contain_text("Calibrating Scoring")

        edit(catalog / BROKEN, "title: Calibrating Scoring", "title: Calibrating, Live")
        expect(page.locator("h1")).to_contain_text("Calibrating, Live", timeout=30_000)

        append(catalog, BROKEN, '"<b>bold</b>": 1\n')
        shown = page.locator("#mcauthor-banner")
        expect(shown).to_be_visible(timeout=30_000)
        expect(shown.locator("summary")).to_contain_text("This page: 1 error")
        expect(shown).to_contain_text("MC050")
        expect(shown).to_contain_text("<b>bold</b>")  # shown as text, not markup
        expect(page.locator("h1")).to_contain_text("Calibrating, Live")

        append(catalog, BROKEN, "broken: [\n")  # unreadable: the last good page stays
        expect(shown.get_by_role("alert")).to_contain_text("MC001", timeout=30_000)
        expect(page.locator("h1")).to_contain_text("Calibrating, Live")

        (catalog / BROKEN).write_text(original, encoding="utf-8")
        expect(shown).to_have_count(0, timeout=30_000)
        expect(page.locator("h1")).to_contain_text("Calibrating Scoring")
        assert errors == []


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: "
        + ", ".join(str(n["target"]) for n in v["nodes"])
        for v in violations
    )


HOSTILE_PAGE = "credentials/%3Cimg%20src=x%20onerror=alert(3)%3E/"  # its file name


@pytest.mark.slow
def _saved_open(page: Any, where: str) -> None:
    """Wait until the page has saved the findings list as open. It saves on the toggle
    event, a task after the click; and a rebuild (the watcher may still report a file the
    test wrote before the preview started) reloads the page and folds the list if that
    came first: open it again then."""
    from playwright.sync_api import Error

    for _ in range(60):
        try:
            if page.evaluate("sessionStorage.getItem('mcauthor-findings')") == "open":
                return
            if not page.evaluate("document.getElementById('mcauthor-findings').open"):
                page.locator("#mcauthor-findings > summary").click()
        except Error:  # the page was reloading
            pass
        page.wait_for_timeout(250)
    pytest.fail(f"{where}: the open findings list was never saved")


def test_banner_is_accessible_and_never_covers_the_page(draft: Path) -> None:
    """axe finds nothing in the banner (folded and open, the failure on top too); the
    keyboard reaches it after the skip link; it pushes the content down; a hostile file
    name runs nothing; the list stays open across reloads."""
    from axe_playwright_python.sync_playwright import Axe

    expect = sync_api().expect
    hostile = draft / "credentials" / "<img src=x onerror=alert(3)>.yaml"
    hostile.write_text(
        (draft / "credentials" / "peer-feedback.yaml")
        .read_text("utf-8")
        .replace("id: peer-feedback", 'id: "<script>alert(4)</script>"'),
        "utf-8",
    )
    with Preview(draft, port=0) as preview, browser_page() as (page, errors):
        for path in ("", "credentials/peer-feedback/", HOSTILE_PAGE):
            assert page.goto(preview.url + path).status == 200, path
            shown = page.locator("#mcauthor-banner")
            expect(shown).to_be_visible()
            for state in ("folded", "open"):
                if state == "open":
                    page.locator("#mcauthor-findings > summary").click()
                checked = Axe().run(page, context="#mcauthor-banner").response["violations"]
                assert not checked, f"{path} ({state}):\n{describe(checked)}"
                whole = Axe().run(page).response["violations"]
                bad = [v for v in whole if v["impact"] in ("serious", "critical")]
                assert not bad, f"{path} ({state}):\n{describe(bad)}"
                box, main = shown.bounding_box(), page.locator("main").bounding_box()
                assert box and main and box["y"] + box["height"] <= main["y"] + 0.5
                assert shown.evaluate("e => getComputedStyle(e).position") == "static"
            _saved_open(page, f"{path} (build {version(preview)})")
            page.reload()  # the list stays open, as the author left it
            expect(page.locator("#mcauthor-findings")).to_have_attribute("open", "")
            page.locator("#mcauthor-findings > summary").click()  # folded again
        expect(page.locator("#mcauthor-findings")).not_to_have_attribute("open", "")

        page.set_viewport_size({"width": 375, "height": 812})  # a phone: no sideways scroll
        page.goto(preview.url + "credentials/peer-feedback/")
        page.locator("#mcauthor-findings > summary").click()
        expect(page.locator("#mcauthor-findings")).to_have_attribute("open", "")
        wider = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        assert page.evaluate(wider) <= 0
        page.locator("#mcauthor-findings > summary").click()  # folded again

        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(preview.url)  # the keyboard: skip link first, then the banner
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        else:
            pytest.fail("the banner's summary is not reachable with Tab")
        page.keyboard.press("Enter")
        link = page.locator("#mcauthor-findings a", has_text="peer-feedback.yaml")
        expect(link).to_be_visible()
        link.focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_contain_text("TODO")  # the draft's placeholder title

        append(draft, DRAFT, "broken: [\n")  # unreadable: the error on top, checked too
        expect(page.get_by_role("alert")).to_contain_text("MC001", timeout=30_000)
        checked = Axe().run(page, context="#mcauthor-banner").response["violations"]
        assert not checked, f"with the error on top:\n{describe(checked)}"
        assert errors == [], errors


# -- hostile requests and options ------------------------------------------------------------


def raw_get(preview: Preview, path: str) -> tuple[int, str | None]:
    """Status and Location of a request for exactly ``path`` (urllib would clean it up)."""
    import http.client

    port = int(preview.url.rsplit(":", 1)[1].rstrip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def test_an_empty_host_is_refused(catalog: Path) -> None:
    before = set(Path(tempfile.gettempdir()).glob("mcauthor-serve-*"))
    for host in ("", "  "):
        with pytest.raises(CannotRun, match="the host is empty"):
            Preview(catalog, host=host, port=0).start()
    assert set(Path(tempfile.gettempdir()).glob("mcauthor-serve-*")) <= before
    done = run_cli("serve", str(catalog), "--port", "0", "--host", "")
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mcauthor: error: the host is empty")


def test_long_poll_refuses_a_wait_that_is_not_a_version(catalog: Path) -> None:
    said: list[str] = []
    with Preview(catalog, port=0, say=said.append) as preview:
        for wait in ("--1", "%C2%B2", "1.5", "1-", "%EF%BC%91", "9" * 5000, "+1", "%201"):
            status, body = get(preview.url + f"__mcauthor/version?wait={wait}")
            assert status == 400 and "wait must be" in body, wait
        assert int(get(preview.url + "__mcauthor/version?wait=-1")[1]) == 1  # answers at once
        assert int(get(preview.url + "__mcauthor/version?wait=")[1]) == 1
    assert not [line for line in said if "request failed" in line]


def test_redirects_go_to_the_normalised_folder_only(preview: Preview) -> None:
    # Browsers read "/\" like "//": a redirect there would leave the site.
    for path in ("/\\evil.com/%2e%2e/credentials", "/%5Cevil.com/%2e%2e/credentials"):
        assert raw_get(preview, path) == (404, None), path
    for path in (
        "//evil.com/%2e%2e/credentials",
        "/%2F%2Fevil.com/%2e%2e/credentials",
        "/./credentials",
        "/stacks/../credentials",
        "/credentials",
    ):
        assert raw_get(preview, path) == (301, "/credentials/"), path
    assert raw_get(preview, "/%2F%2Fevil.com/%2e%2e") == (301, "/")
    (preview.out / "a b?").mkdir()
    assert raw_get(preview, "/a%20b%3F") == (301, "/a%20b%3F/")
