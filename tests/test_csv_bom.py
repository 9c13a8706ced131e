"""credentials.csv opens in Excel: UTF-8 with a byte-order mark, unless --no-bom."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mcauthor.rules.base import Example
from mcauthor.rules.examples import materialize

from conftest import invoke

BOM = b"\xef\xbb\xbf"
TITLE = "Évaluer: rétroaction — 学习"


def _catalog(tmp_path: Path) -> Path:
    return materialize(Example.credential(f'title: "{TITLE}"\n'), tmp_path / "catalog")


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_export_csv_starts_with_a_byte_order_mark(tmp_path: Path) -> None:
    result = invoke("export", str(_catalog(tmp_path)), "-f", "csv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(BOM + b"id,title,")
    # Excel's reading: the mark says UTF-8, and the text comes through whole.
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert row["title"] == TITLE


def test_no_bom_leaves_it_out(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    with_bom = invoke("export", str(root), "-f", "csv").stdout_bytes
    result = invoke("export", str(root), "-f", "csv", "--no-bom")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == with_bom[len(BOM) :]
    assert _rows(result.stdout_bytes)[0]["title"] == TITLE


def test_export_out_and_build_honour_no_bom(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    for args, csv_path in (
        (["export", str(root), "-f", "all", "--out", str(tmp_path / "data")], "credentials.csv"),
        (
            ["build", str(root), "--no-guides", "--out", str(tmp_path / "site")],
            "data/credentials.csv",
        ),
    ):
        folder = Path(args[args.index("--out") + 1])
        assert invoke(*args).exit_code == 0
        assert (folder / csv_path).read_bytes().startswith(BOM)
        # --no-bom changes the file on the next run (its build key includes the choice).
        assert invoke(*args, "--no-bom").exit_code == 0
        data = (folder / csv_path).read_bytes()
        assert data.startswith(b"id,title,")
        assert _rows(data)[0]["title"] == TITLE
