"""The cross-check of the two engines: its comparison on hand-made rows, and the real run (slow)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from extract.model import Cell, ExtractedRow, Extraction, Line, TableKind
from pipeline import crosscheck as cc

from .helpers import RAW_PDF, ROOT, VARIANTS

NEXT_YEAR = ROOT / "tests/fixtures/next_year/next_year.pdf"
# The renderings whose columns moved, grew or shrank, but for the one that is refused.
COLUMN_VARIANTS = sorted(p for p in (ROOT / "tests/fixtures/columns").glob("*.pdf") if p.stem != "swapped_labels")


def cell(text: str, box: tuple[float, float, float, float] = (10.0, 20.0, 110.0, 60.0), page: int = 2) -> Cell:
    lines = tuple(Line(t, 12.0, 12.0 + 10 * len(t), 10.0) for t in text.split("\n"))  # the same glyphs
    return Cell(0, 0, 1, 1, box, lines, page)


def row(no: int, **fields: Cell) -> ExtractedRow:
    return ExtractedRow(TableKind.RESULTS, 2020, no, 1, dict(fields), "report.pdf", 2)


def test_the_same_cells_give_no_difference_and_a_box_within_the_tolerance_is_the_same() -> None:
    ours = Extraction([row(1, name=cell("研修"), evaluation=cell("実施\nした"))], [])
    moved = cell("研修", box=(10.3, 19.8, 110.2, 60.4))  # camelot's rules, read off a picture
    theirs = Extraction([row(1, name=moved, evaluation=cell("実施\nした"))], [])
    assert cc.compare_cells(ours, theirs) == []


def test_each_difference_names_page_program_field_and_both_values() -> None:
    ours = Extraction([row(1, name=cell("研修"), evaluation=cell("実施\nした")), row(2, name=cell("相談"))], [])
    wider = cell("研修", box=(10.0, 20.0, 140.0, 60.0))  # a column rule missed: the cell runs on
    rewrapped = cell("実施\nした")
    rewrapped = replace(rewrapped, lines=(rewrapped.lines[0], replace(rewrapped.lines[1], x1=99.0)))
    theirs = Extraction([row(1, name=wider, evaluation=rewrapped), row(3, name=cell("相談"))], [])

    found = cc.compare_cells(ours, theirs)

    assert [(d.program, d.field, d.page, d.what) for d in found] == [
        (1, "name", 2, "box"), (1, "evaluation", 2, "lines"), (2, "(row)", 2, "row"), (3, "(row)", 2, "row"),
    ]  # fmt: skip
    assert (found[0].ours, found[0].theirs) == ("(10.00, 20.00, 110.00, 60.00)", "(10.00, 20.00, 140.00, 60.00)")
    assert (found[2].ours, found[2].theirs) == ("present", "absent")


def test_text_that_differs_is_printed_per_table_and_the_command_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    ours = Extraction([row(7, evaluation=cell("実施した"))], [])
    theirs = Extraction([row(7, evaluation=cell("実施し"))], [])
    check = cc.FileCheck(pdf, cc.compare_cells(ours, theirs), ["measures.csv"])
    monkeypatch.setattr(cc, "crosscheck", lambda paths, jobs=1: [check])

    assert cc.main([str(pdf)]) == 1

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{pdf}: DIFFERS")
    assert out[1:6] == [
        "  results FY2020: 1 cell(s) differ",
        "    page 2, № 7 (department row 1), evaluation: text",
        "      pdfium:  '実施した'",
        "      camelot: '実施し'",
        "  tables not byte-identical: measures.csv",
    ]
    assert out[-1] == "crosscheck pdfium vs camelot: 1 file(s), 1 differ"


@pytest.mark.slow
def test_both_engines_build_the_same_dataset_from_every_pdf_the_tests_use() -> None:
    # Camelot under the build's default limits: its grid, our glyphs, the same cells and tables.
    # One run over every file (camelot takes several seconds a file): the committed report,
    # every layout variant, the next year's report.
    paths = [RAW_PDF, *VARIANTS, NEXT_YEAR, *COLUMN_VARIANTS]
    checks = cc.crosscheck(paths)
    assert [c.path for c in checks] == paths
    assert all(c.ok for c in checks), "\n".join(cc.report_lines(checks))
    assert all(c.peak_mb["camelot"] > 0 for c in checks)


def test_the_make_target_checks_every_pdf_the_tests_use() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile[makefile.index("\ncrosscheck:") :].split("\n\n")[0]
    for folder in ("data/raw", "tests/fixtures/variants", "tests/fixtures/next_year", "tests/fixtures/columns"):
        assert folder in target or (folder == "data/raw" and "$(RAW)" in target), folder
    assert Path(ROOT / "scripts/crosscheck.py").exists()
