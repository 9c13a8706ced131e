"""The built-in templates' environment (mcauthor.site.builtin) writes what Jinja writes.

It escapes plain strings without making a Markup of each, and calls macros with their
arguments in order straight away; these tests hold both to Jinja's own behaviour, on
values and macro calls of every kind and on every page of the sample catalog.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup, escape

from mcauthor import site
from mcauthor.prepare import prepare
from mcauthor.site import templates
from mcauthor.site.builtin import BuiltinEnvironment, escaped
from mcauthor.site.pages import PageRender
from mcauthor.views import Markdown

from conftest import SAMPLE


class Html:
    def __html__(self) -> str:
        return "<b>safe</b>"


class Words(str):
    pass


class Safe(Markup):
    pass


@pytest.mark.parametrize(
    "value",
    [
        "",
        "plain",
        "<a href=\"x\">'&'</a>",
        Markup("<i>kept</i>"),
        Safe("<i>sub</i>"),
        Words("a < b"),
        0,
        1.5,
        None,
        True,
        Html(),
        Markdown("*em* <script>"),
        ("a", "<"),
    ],
)
def test_escaped_writes_what_escape_writes(value: Any) -> None:
    assert escaped(value) == str(escape(value))


MACROS = """\
{%- macro plain(a, b="B", c=none) -%}[{{ a }}|{{ b }}|{{ c }}]{%- endmacro -%}
{%- macro wrap(x) -%}<w>{{ caller(x) }}</w>{%- endmacro -%}
{%- macro named(x, caller=none) -%}({{ x }}{{ caller }}){%- endmacro -%}
{%- macro rest(a) -%}{{ a }}{{ varargs|join(",") }}{{ kwargs|dictsort|join(",") }}{%- endmacro -%}
{%- macro raw(t) -%}{{ t }}{%- endmacro -%}
"""

CALLS = {  # the last three are mistakes: the same error either way
    "positional": '{{ m.plain("<1>") }}{{ m.plain(1, 2) }}{{ m.plain(1, 2, 3) }}',
    "keywords": '{{ m.plain(1, c="<c>") }}{{ m.plain(a=1) }}{{ m.plain(1, b=none) }}',
    "caller": "{% call(v) m.wrap(5) %}got {{ v }}{% endcall %}",
    "explicit caller": '{{ m.named("x") }}{{ m.named("x", "y") }}',
    "varargs and kwargs": '{{ m.rest(1, 2, 3, k="v") }}{{ m.rest(1) }}',
    "markup kept": '{{ m.raw(m.plain("<x>")) }}{{ m.raw(m.plain("<x>")|e) }}',
    "in a loop": "{% for i in range(3) %}{{ m.plain(i, loop.index) }}{% endfor %}",
    "too many": "{{ m.plain(1, 2, 3, 4) }}",
    "unknown keyword": "{{ m.plain(1, d=2) }}",
    "missing argument": "{{ m.plain() }}",
}


def _render(kind: type[Environment], source: str) -> str:
    env = kind(
        loader=DictLoader({"m.html": MACROS, "t.html": '{% import "m.html" as m %}' + source}),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    try:
        return env.get_template("t.html").render()
    except Exception as exc:  # the same error, or the same text
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("source", CALLS.values(), ids=CALLS.keys())
def test_macro_calls_as_jinja_makes_them(source: str) -> None:
    written = _render(BuiltinEnvironment, source)
    assert written == _render(Environment, source)
    assert ("Error" in written) == (source in list(CALLS.values())[-3:])


def test_sample_pages_as_plain_jinja_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = replace(prepare(SAMPLE, data=True), out=Path("/nonexistent-out"))

    def pages() -> dict[str, bytes]:
        jobs = site.OUTPUT.plan(prepared)
        return {job.path: job.render() for job in jobs if isinstance(job.render, PageRender)}

    fast = pages()
    assert type(site.OUTPUT.plan(prepared)[0].render.inputs.env) is BuiltinEnvironment  # type: ignore[attr-defined]
    monkeypatch.setattr(templates, "BuiltinEnvironment", Environment)
    plain = pages()
    assert len(fast) > 10
    assert fast == plain
