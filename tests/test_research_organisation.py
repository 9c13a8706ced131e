"""A report whose author is an organisation, with the report's own number (issue 12).

"National Science Board (1999). Preparing our children ... (NSB 99-31)." is a complete
citation: the organisation is the one author, the number is kept, and the site, the PDF
guide and the data exports all show it.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from mcauthor.build import build
from mcauthor.lint import lint
from mcauthor.rules.base import Example
from test_rules_competency_method import METHOD as BASE_METHOD

MakeCatalog = Callable[..., Path]

TITLE = "Preparing our children: Math and science education in the national interest"
REPORT = f"""\
  - key: nsb-1999
    authors: ["National Science Board"]
    year: 1999
    title: "{TITLE}"
    number: NSB 99-31
    url: https://www.nsf.gov/nsb/documents/1999/nsb9931/nsb9931.htm
"""
METHOD = BASE_METHOD + "  research: [nsb-1999]\nresearch:\n"


def test_an_organisation_as_author_with_a_report_number_is_complete(
    make_catalog: MakeCatalog,
) -> None:
    result = lint(make_catalog(Example.credential(METHOD + REPORT)))
    assert list(result.diagnostics) == []


def test_an_organization_key_is_pointed_to_authors(make_catalog: MakeCatalog) -> None:
    written = REPORT.replace('authors: ["National Science Board"]', "organization: NSB")
    result = lint(make_catalog(Example.credential(METHOD + written)))
    by_code = {d.code: d for d in result.diagnostics}
    assert sorted(by_code) == ["MC050", "MC205"]
    assert "did you mean `authors`?" in by_code["MC050"].message
    assert by_code["MC205"].hint is not None
    assert 'authors: ["National Science Board"]' in by_code["MC205"].hint


def test_the_number_is_kept_on_the_site_in_the_guide_and_in_the_data(
    make_catalog: MakeCatalog, tmp_path: Path
) -> None:
    root = make_catalog(Example.credential(METHOD + REPORT))
    out = tmp_path / "site"
    build(root, out)
    page = next(out.glob("credentials/*/index.html")).read_text("utf-8")
    assert f"National Science Board (1999). <cite>{TITLE}</cite> (NSB 99-31)." in page

    data = json.loads((out / "data" / "catalog.json").read_text("utf-8"))
    (entry,) = [r for c in data["credentials"] for r in c["research"]]
    assert entry["authors"] == ["National Science Board"]
    assert entry["number"] == "NSB 99-31"
    assert entry["citation"].startswith(f"National Science Board (1999). {TITLE} (NSB 99-31).")

    guide = next(out.glob("guides/credentials/*.pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(guide), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "National Science Board (1999)." in flat
    assert "(NSB 99-31)" in flat
