"""Property tests: whatever a catalog file holds, lint finishes and its findings make sense.

One file of the sample catalog (catalog/) is mutated: characters or lines deleted,
inserted, replaced or repeated, YAML specials and hostile bytes inserted, the file cut
short. Lint must not raise, every diagnostic must point at a real place in the catalog
(1-based line and column, a POSIX path inside it) and carry a known code, no rule may
crash (MC000), and every report format must render.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcauthor import yamlread
from mcauthor.checkout import Checkout
from mcauthor.lint import lint
from mcauthor.loader import CannotRun
from mcauthor.report import github, json_report, markdown, sarif, text
from mcauthor.rules import by_code

from conftest import typed

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "catalog"
FILES = sorted(
    p.relative_to(SAMPLE).as_posix()
    for p in SAMPLE.rglob("*")
    if p.is_file() and p.suffix in (".yaml", ".yml")
)

SPECIALS = [
    ": ",
    "- ",
    "&a ",
    "*a",
    "&a [x, *a]",
    "<<: *a\n",
    "!!",
    "!!python/object/apply:os.system ",
    "!local ",
    "{",
    "}",
    "[",
    "]",
    '"',
    "'",
    "\t",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "? ",
    "|\n",
    ">-\n",
    "#",
    "# mcauthor: disable=MC011\n",
    "# mcauthor: disable-file=all\n",
    "\x00",
    "\x1b[31m",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\ufeff",
    "no",
    "yes",
    "1.10",
    "010",
    "2024-05-01",
    "~",
    "x" * 5000,
    "[" * 80,
    "- " * 60,
]
RAW = [b"\xff", b"\xe9", b"\xef\xbb\xbf", b"\xc3", b"\x80"]

specials = st.one_of(
    st.sampled_from(SPECIALS).map(str.encode),
    st.sampled_from(RAW),
    st.text(max_size=20).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=10).map(
        lambda s: (s * 200).encode()
    ),
)


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    op = draw(
        st.sampled_from(
            [
                "delete",
                "insert",
                "replace",
                "delete-line",
                "insert-line",
                "repeat-line",
                "swap-lines",
                "truncate",
            ]
        )
    )
    size = len(data)
    at = draw(st.integers(0, size))
    if op == "delete":
        return data[:at] + data[at + draw(st.integers(1, 40)) :]
    if op == "insert":
        return data[:at] + draw(specials) + data[at:]
    if op == "replace":
        return data[:at] + draw(specials) + data[at + draw(st.integers(1, 20)) :]
    if op == "truncate":
        return data[:at]
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    if op == "delete-line":
        del lines[i]
    elif op == "insert-line":
        indent = b" " * draw(st.integers(0, 8))
        lines.insert(i, indent + draw(specials))
    elif op == "repeat-line":
        lines.insert(i, lines[i])
    else:
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(FILES))
    data = (SAMPLE / rel).read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return rel, data


def test_the_sample_catalog_is_there() -> None:
    assert "mcauthor.yaml" in FILES
    assert any(f.startswith("credentials/") for f in FILES)
    assert any(f.startswith("stacks/") for f in FILES)


def _check_result(root: Path, changed: str) -> None:
    try:
        result = lint(root)
    except CannotRun as exc:
        # Only a broken mcauthor.yaml may stop the command, with a one-line reason.
        assert changed == "mcauthor.yaml", f"CannotRun after changing {changed}: {exc}"
        assert "\n" not in str(exc) and str(exc).startswith("mcauthor.yaml:")
        return
    known = by_code()
    for d in result.diagnostics:
        where = f"{d.path}:{d.line}:{d.column} {d.code} {d.message}"
        assert d.code in known, where
        assert d.code != "MC000", f"a rule crashed: {where}"
        assert d.line >= 1 and d.column >= 1, where
        pure = PurePosixPath(d.path)
        assert not pure.is_absolute() and ".." not in pure.parts and "\\" not in d.path, where
        assert (root / d.path).exists() or (root / d.path).is_symlink(), where
        doc = result.documents.get(d.path)
        if doc is not None:
            assert d.line <= len(doc.text.splitlines()) + 1, where
    # Every report format renders whatever the findings say.
    text.render(result)
    text.render(result, color=True)
    json.loads(json_report.render(result))
    json.loads(sarif.render(result, Checkout(root, ".")))
    github.render(result, base=root)
    markdown.render(result)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=mutated_file())
@pytest.mark.slow
def test_lint_survives_a_mutated_catalog_file(
    change: tuple[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    rel, data = change
    root = tmp_path_factory.mktemp("fuzz") / "catalog"
    shutil.copytree(SAMPLE, root)
    (root / rel).write_bytes(data)
    _check_result(root, rel)


def _check_parsed(source: str) -> None:
    parsed = yamlread.parse(source)
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message
    for table in (parsed.keys, parsed.values):
        for line, column in table.values():
            assert line >= 1 and column >= 1
    for path in list(parsed.keys)[:50]:
        line, column = parsed.locate(path)
        assert line >= 1 and column >= 1
    if not parsed.fatal and not parsed.empty:
        assert () in parsed.values


@settings(max_examples=500, deadline=None)
@given(source=st.text())
def test_parse_never_raises_on_text(source: str) -> None:
    _check_parsed(source)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from([*"ab:-[]{}&*!|>'\"#?,% \t\n", "\n  ", "\n- ", ": "])))
def test_parse_never_raises_on_yaml_like_text(parts: list[str]) -> None:
    _check_parsed("".join(parts))


@settings(max_examples=500, deadline=None)
@given(
    raw=st.one_of(
        st.binary(),
        st.text().map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.text().map(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8", "surrogatepass")),
    )
)
def test_decode_then_parse_never_raises(raw: bytes) -> None:
    source, problems = yamlread.decode(raw)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
    kinds = [p.kind for p in problems]
    assert ("bom" in kinds) == raw.startswith(b"\xef\xbb\xbf")
    assert (source is None) == ("encoding" in kinds)
    if source is not None:
        _check_parsed(source)


@pytest.mark.parametrize(
    "source",
    [
        "\ud800",  # a lone surrogate, which libyaml cannot even be handed
        "a: \udfff\n",
        "[" * 10_000,
        "a: " + "&x [" * 100,
        "- " * 10_000,
        "*unknown",
        "? [a]\n: b\n",
        "{[a]: b}",
        "a: !!binary aGk=\n",
        "%TAG ! tag:evil,2024:\n--- !x {}\n",
    ],
)
def test_parse_edge_cases_never_raise(source: str) -> None:
    _check_parsed(source)


def _same_as_full(source: str) -> None:
    """The fast reading either declines or gives exactly what the full reading gives,
    for a document the full reading has nothing to report about."""
    fast = yamlread.parse_fast(source)
    if fast is None:
        return
    full = yamlread.parse(source)
    assert not full.fatal and not full.problems
    assert (typed(fast.data), fast.empty) == (typed(full.data), full.empty)
    assert not fast.has_positions


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(
        st.sampled_from([*"ab1.:-[]{}&*!|>'\"#?,% \t\n", "\n  ", "\n- ", ": ", "no", "0x1"])
    )
)
def test_the_fast_reading_agrees_with_the_full_one(parts: list[str]) -> None:
    _same_as_full("".join(parts))
