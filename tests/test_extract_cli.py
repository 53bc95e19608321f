"""`python -m extract`: every ruled table on the chosen pages, as JSON or CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from extract.__main__ import main

from .pdfmaker import grid, make_pdf


def test_json_lists_every_table_with_its_page_bbox_and_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "any.pdf"
    pdf.write_bytes(
        make_pdf([grid(["Item", "Price"], [["Tea", "3"]]), grid(["A", "B", "C"], [["1", "2", "3"], ["4", "5", "6"]])])
    )
    assert main([str(pdf), "--pages", "2", "--json"]) == 0
    (table,) = json.loads(capsys.readouterr().out)
    assert table["page"] == 2
    assert table["rows"] == [["A", "B", "C"], ["1", "2", "3"], ["4", "5", "6"]]
    x0, top, x1, bottom = table["bbox"]
    assert (x0, top, x1, bottom) == (40, 40, 340, 130)


def test_csv_writes_one_file_per_table(tmp_path: Path) -> None:
    pdf = tmp_path / "any.pdf"
    pdf.write_bytes(make_pdf([grid(["Item", "Price"], [["Tea", "3"]])]))
    assert main([str(pdf), "--csv", str(tmp_path / "out")]) == 0
    (written,) = sorted((tmp_path / "out").iterdir())
    with written.open(encoding="utf-8") as f:
        assert list(csv.reader(f)) == [["Item", "Price"], ["Tea", "3"]]


def test_a_spanning_cell_stands_in_its_top_left_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from extract.layout.cell_text import grid_rows
    from extract.model import Cell, Grid, Line

    g = Grid(
        (0, 1, 2),
        (0, 1, 2),
        (
            Cell(0, 0, 2, 1, (0, 0, 1, 2), (Line("a"), Line("b"))),
            Cell(0, 1, 1, 1, (1, 0, 2, 1)),
            Cell(1, 1, 1, 1, (1, 1, 2, 2), (Line("c"),)),
        ),
    )
    assert grid_rows(g) == [["a\nb", ""], ["", "c"]]


def test_a_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.pdf")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_a_folder_or_a_csv_target_that_is_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path}: is a directory, not a PDF file\n"
    pdf = tmp_path / "any.pdf"
    pdf.write_bytes(make_pdf([grid(["Item", "Price"], [["Tea", "3"]])]))
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    assert main([str(pdf), "--csv", str(taken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {taken}: cannot write the CSV files (") and err.count("\n") == 1
    assert taken.read_text(encoding="utf-8") == "mine"
