"""Attack classes 7 and 8: bounded time and size, and no network.

Before: a `lint.exclude` glob backtracked exponentially, template overrides could loop
for ever or write gigabytes, and a Typst override could download packages. Now globs are
matched in linear time, every page and guide runs under a budget (``--limit``), and the
PDF engine runs in a worker that cannot open a socket.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from attacker import Victim, attack, run, victim

from mcauthor.rules.base import Example

LIMITS = [
    "--limit",
    "page_seconds=3",
    "--limit",
    "guide_seconds=10",
    "--limit",
    "page_memory_mb=768",
    "--limit",
    "guide_memory_mb=1024",
]


def test_a_backtracking_exclude_glob_is_fast(attack, victim: Victim) -> None:
    pattern = "/".join(["**"] * 12) + "/x"
    deep = "credentials/" + "/".join(["a"] * 40)

    def setup(root: Path) -> None:
        folder = root / deep
        folder.mkdir(parents=True)
        (folder / "y.txt").write_text("not yaml\n", "utf-8")

    config = f'lint:\n  exclude: ["{pattern}", "credentials/*a*a*a*a*a*a*a*a*a*b"]\n'
    clone = attack(Example(files={"mcauthor.yaml": config}), setup=setup)
    result = run(victim, clone, "lint")
    assert result.code == 0, result.output
    assert result.seconds < 15  # minutes before


LOOPS = {
    "nested ranges": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
    "{% endfor %}",
    "a huge page": "{% for a in range(100000) %}{% for b in range(100000) %}0123456789"
    "{% endfor %}{% endfor %}",
    "a doubling string": "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "a doubling macro": "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s }}{% endmacro %}"
    "{{ d('x', 64) }}",
    "a huge repeat": "{{ 'x' * 10000000000 }}",
    "a huge power": "{{ 7 ** 100000000 }}",
    "a huge width": "{{ 'x'|center(4000000000) }}{{ '%0999999999d' % 1 }}",
    "a huge join": "{{ range(100000)|join('x' * 60000000) }}",
    "recursion": "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}",
    "loops without calls": "{% set r = range(100000) %}{% for a in r %}{% for b in r %}"
    "{% endfor %}{% endfor %}done",
    "an exponential include": "{% if d is not defined %}{% set d = 0 %}{% endif %}"
    "{% if d < 60 %}{% with d = d - -1 %}{% include 'home.html' %}{% include 'home.html' %}"
    "{% endwith %}{% endif %}",
    "a concatenation chain": "{% set s0 = 'xxxxxxxxxxxxxxxx' %}"
    + "".join(f"{{% set s{i} = s{i - 1} ~ s{i - 1} %}}" for i in range(1, 29))
    + "<p>ok</p>",
    "a power held in one call": "{{ ((7 ** 4096) ** 4096) ** 4096 }}",
    "squaring in a loop": "{% set ns = namespace(x=7) %}{% for i in range(40) %}"
    "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}",
    "filler text": "{{ lipsum(60000000)|length }}",
    "a list of every character": "{{ ('x' * 60000000)|list|batch(1)|list|length }}",
    "a width given as an argument": "{{ '{0:{1}}'.format('x', '9999999999') }}",
    "star widths": "{{ '%*d%*d' % (60000000, 1, 60000000, 1) }}",
    "wrapped to one column": "{{ ('x' * 20000000)|wordwrap(1)|length }}",
    "a huge indent": '{{ ("x\\n" * 1000)|indent(60000000, true)|length }}',
}


@pytest.mark.parametrize("body", LOOPS.values(), ids=LOOPS.keys())
@pytest.mark.slow
def test_a_runaway_page_template_stops_cleanly(attack, victim: Victim, body: str) -> None:
    def setup(root: Path) -> None:
        (root / "templates").mkdir()
        (root / "templates" / "home.html").write_text(body, "utf-8")

    clone = attack(setup=setup)
    out = clone.parent / "out"
    result = run(victim, clone, "build", "--no-guides", "--out", str(out), *LIMITS)
    assert result.code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("mcauthor: build failed, previous output left untouched")
    assert "home.html" in line
    assert result.seconds < 30
    assert not out.exists()  # nothing half-written


@pytest.mark.slow
def test_a_catalog_can_lower_the_limits_but_not_raise_them(attack, victim: Victim) -> None:
    body = LOOPS["nested ranges"]

    def setup(root: Path) -> None:
        (root / "templates").mkdir()
        (root / "templates" / "home.html").write_text(body, "utf-8")

    raised = Example(files={"mcauthor.yaml": "build:\n  limits: {page_seconds: 100000}\n"})
    clone = attack(raised, setup=setup)
    result = run(victim, clone, "build", "--no-guides", "--limit", "page_seconds=2")
    assert result.code == 1 and "longer than 2 s" in result.stderr, result.output
    config = clone / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8").replace("100000", "1"), "utf-8")
    result = run(victim, clone, "build", "--no-guides")
    assert result.code == 1 and "longer than 1 s" in result.stderr, result.output


@pytest.mark.slow
def test_a_runaway_guide_template_stops_cleanly(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        guide = root / "templates" / "guide"
        guide.mkdir(parents=True)
        (guide / "credential-guide.typ").write_text(
            "#let n = 0\n#for i in range(100000) { for j in range(100000) { n = n + 1 } }\n#n\n",
            "utf-8",
        )

    clone = attack(setup=setup)
    out = clone.parent / "out"
    result = run(victim, clone, "build", "--out", str(out), *LIMITS)
    assert result.code == 1, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert "guides/credentials/example.pdf" in line and "longer than 10 s" in line
    assert result.seconds < 60
    assert not out.exists()
    guide = run(victim, clone, "guide", "example", *LIMITS)
    assert guide.code == 1 and "longer than 10 s" in guide.stderr, guide.output


@pytest.mark.slow
@pytest.mark.parametrize(
    "source",
    [
        "#let a = range(200000000)\n#a.len()\n",
        '#let s = "x" * 12000000000\n#s.len()\n',
    ],
    ids=["a huge array", "a huge string"],
)
def test_a_guide_template_cannot_take_unbounded_memory(attack, victim: Victim, source: str) -> None:
    def setup(root: Path) -> None:
        guide = root / "templates" / "guide"
        guide.mkdir(parents=True)
        (guide / "credential-guide.typ").write_text(source, "utf-8")

    clone = attack(setup=setup)
    env = {"RUST_BACKTRACE": "1"}  # the engine's backtrace must not reach the log
    result = run(victim, clone, "build", "--out", str(clone.parent / "out"), *LIMITS, env=env)
    assert result.code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    assert "guides/credentials/example.pdf" in line
    assert "1,024 MB of memory" in line or "longer than 10 s" in line
    assert result.seconds < 60


@pytest.mark.slow
def test_a_guide_over_its_size_is_refused(attack, victim: Victim) -> None:
    clone = attack()
    out = clone.parent / "out"
    scratch = clone.parent / "tmp"  # the build's temporary folder
    scratch.mkdir()
    env = {"TMPDIR": str(scratch)}
    result = run(victim, clone, "build", "--out", str(out), "--limit", "guide_mb=0.001", env=env)
    assert result.code == 1, result.output
    assert "bytes, more than 1,048" in result.stderr
    assert not out.exists()
    # The other guides' workers were killed half way: their compile roots are gone too.
    assert list(scratch.iterdir()) == []


@pytest.mark.slow
def test_a_page_over_its_size_is_refused(attack, victim: Victim) -> None:
    clone = attack()  # mcauthor's own templates: the size is checked all the same
    out = clone.parent / "out"
    result = run(victim, clone, "build", "--out", str(out), "--limit", "page_mb=0.001")
    assert result.code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    assert "larger than the page may be (1,048 bytes; --limit page_mb=...)" in line
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    "source",
    [
        '#import "@preview/cetz:0.2.2": *\n',
        '#import "@local/house:1.0.0": *\n',
        "#include '@preview/x:0.1.0'\n",
    ],
)
def test_typst_package_imports_are_refused(attack, victim: Victim, source: str) -> None:
    def setup(root: Path) -> None:
        guide = root / "templates" / "guide"
        guide.mkdir(parents=True)
        (guide / "credential-guide.typ").write_text(source + "Hello\n", "utf-8")

    clone = attack(setup=setup)
    result = run(victim, clone, "build", "--out", str(clone.parent / "out"))
    assert result.code == 1, result.output
    assert "imports the Typst package" in result.stderr
    assert "never downloads packages" in result.stderr


class _Listener:
    """A local TCP listener that records every connection it gets."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.got: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.got.append(conn.recv(200))
                except OSError:
                    self.got.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


DYNAMIC = '#let ns = "pre" + "view"\n#import "@" + ns + "/cetz:0.2.2": *\nHello\n'


@pytest.mark.slow
def test_the_engine_cannot_open_a_socket(tmp_path: Path) -> None:
    """The worker's network denial, tested against the real engine: an import built at
    run time (no text scan sees it) and a proxy that would be reached without it."""
    (tmp_path / "main.typ").write_text(DYNAMIC, "utf-8")
    listener = _Listener()
    script = textwrap.dedent(
        f"""
        import os, socket, typst
        from mcauthor import nonet
        print(nonet.deny())
        # Undo the proxy fallback: only the kernel filter may stop the engine now.
        for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
            os.environ[name] = "http://127.0.0.1:{listener.port}"
        try:
            socket.socket()
            print("socket opened")
        except OSError as exc:
            print("socket refused", exc.errno)
        try:
            typst.compile("main.typ", format="pdf", package_path="p", package_cache_path="p")
            print("compiled")
        except Exception as exc:
            print("engine failed:", str(exc)[:200])
        """
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        time.sleep(0.5)
    finally:
        listener.close()
    lines = done.stdout.splitlines()
    assert lines[0] == "seccomp", done.stdout + done.stderr
    assert lines[1] == "socket refused 13"
    assert lines[2].startswith("engine failed:")
    assert listener.got == []  # not even a CONNECT to the proxy


@pytest.mark.slow
def test_a_runtime_package_import_fails_the_build_without_network(attack, victim: Victim) -> None:
    listener = _Listener()

    def setup(root: Path) -> None:
        guide = root / "templates" / "guide"
        guide.mkdir(parents=True)
        (guide / "credential-guide.typ").write_text(DYNAMIC, "utf-8")

    try:
        clone = attack(setup=setup)
        proxy = f"http://127.0.0.1:{listener.port}"
        env = {"HTTPS_PROXY": proxy, "https_proxy": proxy, "ALL_PROXY": proxy}
        result = run(victim, clone, "build", "--out", str(clone.parent / "out"), env=env)
    finally:
        listener.close()
    assert result.code == 1, result.output
    assert "credential guide" in result.stderr and "download" in result.stderr
    assert listener.got == []
    assert os.environ.get("HTTPS_PROXY") != proxy  # the test's own process is untouched


@pytest.mark.parametrize(
    "fragment",
    [
        "x-a: 1  # mcauthor: disable=" + " " * 3000 + "!\n",
        'competency: "The educator gives students feedback' + "." * 40000 + 'x"\n',
        'summary: "' + "Dr. A. B. C. " * 20000 + '"\n',
    ],
    ids=["a suppression comment", "a run of stops", "abbreviations"],
)
@pytest.mark.slow
def test_text_that_made_regular_expressions_backtrack(
    attack, victim: Victim, fragment: str
) -> None:
    clone = attack(Example.credential(fragment))
    result = run(victim, clone, "lint", "--no-cache")
    assert result.code in (0, 1), result.output
    assert result.seconds < 15  # minutes to hours before


@pytest.mark.slow
def test_many_findings_in_one_file_report_in_linear_time(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        path = root / "credentials" / "example.yaml"
        path.write_text(path.read_text("utf-8") + "x-a: 1\n" * 20000, "utf-8")

    clone = attack(setup=setup)
    result = run(victim, clone, "lint", "--no-cache")
    assert result.code == 1 and "MC002" in result.stdout
    assert result.seconds < 30  # 33 s before, quadratic


@pytest.mark.slow
def test_many_long_exclude_patterns_against_deep_folders(attack, victim: Victim) -> None:
    deep = "credentials/" + "/".join(["d"] * 300)

    def setup(root: Path) -> None:
        folder = root / deep
        folder.mkdir(parents=True)
        for n in range(20):
            (folder / f"f{n}.yaml").write_text("{}\n", "utf-8")

    patterns = ", ".join(f'"{"*/" * 499}x{i}"' for i in range(90))
    clone = attack(
        Example(files={"mcauthor.yaml": f"lint:\n  exclude: [{patterns}]\n"}), setup=setup
    )
    result = run(victim, clone, "lint", "--no-cache")
    assert result.seconds < 20, result.seconds  # 70 s before
    assert result.code in (1, 2), result.output
