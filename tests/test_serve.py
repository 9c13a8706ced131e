"""`mcauthor serve`: a real server, real HTTP, real file edits and a real file watcher.

Nothing is mocked. Waits are generous polls (a loaded CI machine may be slow to notice a
change); nothing asserts how long anything took.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.loader import CannotRun
from mcauthor.serve import ChangeFilter, Preview, Status, inject, overlay

from conftest import copy_sample

TIMEOUT = 30.0
TITLE = "Performance Assessment for Learning"  # the sample catalog's title
EDITED = "credentials/teaching-habits-and-dispositions.yaml"
EDITED_PAGE = "credentials/teaching-habits-and-dispositions/index.html"
# In another stack and not linked by `requires`: an edit of EDITED must not re-render it.
UNRELATED_PAGE = "credentials/designing-performance-tasks/index.html"
BROKEN = "credentials/calibrating-scoring.yaml"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    copy_sample(root)
    return root


@pytest.fixture
def preview(catalog: Path) -> Iterator[Preview]:
    with Preview(catalog, port=0) as running:
        yield running


def get(url: str, host: str | None = None) -> tuple[int, str]:
    """Status and body; error statuses are answers too."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_until(check: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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
    assert 'id="mcauthor-overlay"' not in home  # the sample catalog lints clean
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


def test_edit_rebuilds_only_what_changed(catalog: Path, preview: Preview) -> None:
    before = {page: (preview.out / page).stat() for page in (EDITED_PAGE, UNRELATED_PAGE)}
    old = title_of(catalog, EDITED)
    edit(catalog, EDITED, f"title: {old}", "title: Teaching Habits, Revised")
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


def test_long_poll_answers_when_the_build_changes(catalog: Path, preview: Preview) -> None:
    answers: list[str] = []
    waiting = threading.Thread(
        target=lambda: answers.append(get(preview.url + "__mcauthor/version?wait=1")[1])
    )
    waiting.start()
    edit(catalog, EDITED, "title: ", "title: Polled ")
    waiting.join(TIMEOUT)
    assert len(answers) == 1 and int(answers[0]) > 1
    assert int(get(preview.url + "__mcauthor/version?wait=1")[1]) > 1  # answers at once


# -- lint problems ---------------------------------------------------------------------------


def test_lint_errors_show_in_the_page_until_fixed(catalog: Path, preview: Preview) -> None:
    original = (catalog / BROKEN).read_text("utf-8")
    # An unknown key is an error whose message quotes catalog text: it must stay text.
    append(catalog, BROKEN, '"<script>alert(1)</script>": 1\n')
    line = original.count("\n") + 1
    wait_until(lambda: preview.status.failure is not None, "the failed rebuild")
    assert preview.build_number == 1  # nothing new was built
    status, home = get(preview.url)
    assert status == 200 and TITLE in home  # the last good build is still served
    panel = re.search(r'<aside id="mcauthor-overlay".*?</aside>', home, re.DOTALL)
    assert panel, home
    assert "Not rebuilt: lint reports 1 error" in panel.group(0)
    assert f"{BROKEN}:{line}:1" in panel.group(0)
    assert "MC050" in panel.group(0)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel.group(0)
    assert "<script>alert" not in home
    assert "Calibrating Scoring" in get(preview.url + "credentials/calibrating-scoring/")[1]

    (catalog / BROKEN).write_text(original, encoding="utf-8")
    wait_until(lambda: preview.status.failure is None, "the rebuild after the fix")
    assert preview.build_number >= 2
    assert 'id="mcauthor-overlay"' not in get(preview.url)[1]


def test_warnings_show_folded(catalog: Path, preview: Preview) -> None:
    edit(catalog, BROKEN, 'version: "1.0.0"', "version: 1.10")
    wait_until(lambda: preview.build_number >= 2, "the rebuild with a warning")
    home = get(preview.url)[1]
    assert '<aside id="mcauthor-overlay" class="mcauthor-overlay mcauthor-notes"' in home
    assert "<details><summary>Lint: 1 warning</summary>" in home
    assert f"{BROKEN}:4:10" in home and "MC011" in home


def test_first_build_failing_serves_the_problems(catalog: Path) -> None:
    original = (catalog / BROKEN).read_text("utf-8")
    append(catalog, BROKEN, "broken: [\n")
    with Preview(catalog, port=0) as preview:
        assert preview.build_number == 0
        for path in ("", EDITED_PAGE):
            status, page = get(preview.url + path)
            assert status == 503
            assert "There is no build to show yet" in page and "MC001" in page
            assert f"{BROKEN}:" in page
        (catalog / BROKEN).write_text(original, encoding="utf-8")
        wait_until(lambda: preview.build_number >= 1, "the build after the fix")
        status, home = get(preview.url)
        assert status == 200 and TITLE in home and "mcauthor-overlay" not in home


def test_template_mistake_keeps_the_last_good_build(catalog: Path, preview: Preview) -> None:
    (catalog / "templates").mkdir()
    (catalog / "templates" / "home.html").write_text("{% if %}", encoding="utf-8")
    wait_until(lambda: preview.status.failure is not None, "the failed build")
    home = get(preview.url)[1]
    assert TITLE in home
    assert "Not rebuilt: build failed: " in home


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


def test_overlay_escapes_catalog_text() -> None:
    hostile = Diagnostic(
        code="MC050",
        name="unknown-key",
        severity=Severity.ERROR,
        criterion=None,
        message="unknown key `<img src=x onerror=alert(1)>`",
        path="credentials/<b>.yaml",
        line=3,
        column=1,
        hint='Use "quotes" & <care>',
    )
    panel = overlay(Status(2, True, "lint reports 1 error", (hostile,)))
    assert "<img" not in panel and "<b>.yaml" not in panel and "<care>" not in panel
    assert "&lt;img src=x onerror=alert(1)&gt;" in panel
    assert "credentials/&lt;b&gt;.yaml:3:1" in panel
    assert "&quot;quotes&quot; &amp; &lt;care&gt;" in panel
    assert overlay(Status(1, True)) == ""


def test_inject_without_a_body_tag_appends() -> None:
    page = inject(b"<p>fragment", Status(7, True))
    assert page.startswith(b"<p>fragment") and b'data-version="7"' in page
    page = inject(b"<html><BODY>x</BODY></html>", Status(1, True))
    assert page.endswith(b"</script>\n</BODY></html>")


# -- in a browser ----------------------------------------------------------------------------


def test_browser_reloads_and_shows_problems(catalog: Path, preview: Preview) -> None:
    """The reload script really reloads, and the panel really shows, in Chromium."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from browser_support import launch_chromium

    original = (catalog / BROKEN).read_text("utf-8")
    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            # The sample site has no favicon.ico; Chromium asks for one anyway.
            page.on(
                "console",
                lambda message: (
                    errors.append(message.text)
                    if message.type == "error" and "favicon.ico" not in message.location["url"]
                    else None
                ),
            )
            page.goto(preview.url + "credentials/calibrating-scoring/index.html")
            expect = playwright_api.expect
            expect(page.locator("h1")).to_contain_text("Calibrating Scoring")

            edit(catalog, BROKEN, "title: Calibrating Scoring", "title: Calibrating, Live")
            expect(page.locator("h1")).to_contain_text("Calibrating, Live", timeout=30_000)

            append(catalog, BROKEN, '"<b>bold</b>": 1\n')
            panel = page.locator("#mcauthor-overlay")
            expect(panel).to_be_visible(timeout=30_000)
            expect(panel).to_contain_text("MC050")
            expect(panel).to_contain_text("<b>bold</b>")  # shown as text, not markup
            expect(page.locator("h1")).to_contain_text("Calibrating, Live")

            (catalog / BROKEN).write_text(original, encoding="utf-8")
            expect(panel).to_have_count(0, timeout=30_000)
            expect(page.locator("h1")).to_contain_text("Calibrating Scoring")
            assert errors == []
        finally:
            browser.close()


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
