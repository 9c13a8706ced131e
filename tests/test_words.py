"""mcauthor.words: counts, numbers, markdown escaping and language tags, written the same
in reports, pages, pictures, guides and exports."""

from __future__ import annotations

import math

import pytest

from mcauthor.words import (
    figure,
    language_tag,
    line_start,
    markdown_inline,
    markdown_line,
    number,
    plural,
    quantity,
)


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (0, "error", "0 errors"),
        (1, "error", "1 error"),
        (2, "more finding", "2 more findings"),
        (1, "info", "1 info"),
        (3, "info", "3 info"),  # the lint summary's severity: no plural
        (1.0, "hour", "1.0 hour"),
    ],
)
def test_plural(count: float, word: str, expected: str) -> None:
    assert plural(count, word) == expected


def test_plural_writes_the_count_as_told() -> None:
    assert plural(30.0, "hour", shown=number) == "30 hours"
    assert plural(7.5, "hour", shown=number) == "7.5 hours"
    assert plural(1.0, "CEU", shown=number) == "1 CEU"


@pytest.mark.parametrize(
    ("value", "by_figure", "by_quantity"),
    [
        (30.0, "30", "30"),
        (7.5, "7.5", "7.5"),
        (1.25, "1.25", "1.25"),
        # Where the two differ (no catalog in the tests comes near): more than two
        # decimals, and more than six significant digits.
        (1.375, "1.375", "1.38"),
        (1234567.0, "1.23457e+06", "1234567"),
    ],
)
def test_figure_and_quantity(value: float, by_figure: str, by_quantity: str) -> None:
    assert (figure(value), quantity(value)) == (by_figure, by_quantity)


def test_quantity_of_a_number_that_is_not_finite() -> None:
    assert (quantity(math.inf), quantity(math.nan)) == ("inf", "nan")


@pytest.mark.parametrize(
    ("text", "line", "inline"),
    [
        ("  a *b*  c ", "a \\*b\\* c", " a \\*b\\* c "),
        ("- not a list", "\\- not a list", "- not a list"),
        ("1. not a list", "1\\. not a list", "1. not a list"),
        ("Wow! [x]", "Wow\\! \\[x\\]", "Wow! \\[x\\]"),
        ("&amp; <b>", "&amp; \\<b\\>", "\\&amp; \\<b\\>"),
    ],
)
def test_markdown_line_and_inline(text: str, line: str, inline: str) -> None:
    assert (markdown_line(text), markdown_inline(text)) == (line, inline)


def test_line_start_escapes_each_line() -> None:
    assert line_start("+ a\n2) b\n= c") == "\\+ a\n2\\) b\n\\= c"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("en-us", "en-US"),
        ("EN_gb", "en-GB"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("not a tag", "not a tag"),
    ],
)
def test_language_tag(tag: str, expected: str) -> None:
    assert language_tag(tag) == expected
