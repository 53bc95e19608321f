"""Byte-identical builds: the same PDFs and code give the same bytes in every file.

Timestamps come from SOURCE_DATE_EPOCH, else the PDFs' own dates, never the clock or a file's
modification time; pictures are drawn one way only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.writing.buildtime import FIXED_EPOCH, build_time, parse_pdf_date
from scripts import check_clean

from .helpers import RAW_PDF, ROOT, snapshot
from .pdfmaker import make_pdf, text

RAW_DATE = datetime(2026, 11, 28, 18, 25, 57, tzinfo=UTC)  # the committed PDF's /CreationDate


def test_two_builds_a_second_apart_are_byte_identical(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    shutil.copyfile(RAW_PDF, pdf)
    assert main(["--quiet", "--out", str(tmp_path / "a"), str(pdf)]) == 0
    time.sleep(1.1)
    os.utime(pdf)  # a fresh clone gives the file a new modification time
    assert main(["--quiet", "--jobs", "2", "--out", str(tmp_path / "b"), str(pdf)]) == 0
    first, second = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.startswith("pages/") for name in first) and any(name.startswith("anomalies/") for name in first)


def test_the_workbook_records_the_pdfs_date_not_the_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert main(["--quiet", "--out", str(tmp_path / "a"), str(RAW_PDF)]) == 0
    with zipfile.ZipFile(next((tmp_path / "a").glob("*.xlsx"))) as book:
        core = book.read("docProps/core.xml").decode()
    assert "2026-11-28T18:25:57Z" in core


def test_source_date_epoch_comes_first() -> None:
    assert build_time([RAW_PDF], {"SOURCE_DATE_EPOCH": "1617235200"}) == datetime(2021, 4, 1, tzinfo=UTC)
    assert build_time([RAW_PDF], {}) == RAW_DATE
    assert build_time([RAW_PDF], {"SOURCE_DATE_EPOCH": "not a number"}) == RAW_DATE


def test_a_pdf_without_dates_gives_the_fixed_epoch_whatever_its_mtime(tmp_path: Path) -> None:
    pdf = tmp_path / "undated.pdf"
    pdf.write_bytes(make_pdf([text(40, 40, "x")]))
    os.utime(pdf, (1e9, 1e9))
    assert build_time([pdf], {}) == FIXED_EPOCH
    assert build_time([tmp_path / "missing.pdf"], {}) == FIXED_EPOCH
    # The newest of several files' dates.
    assert build_time([pdf, RAW_PDF], {}) >= RAW_DATE


def test_pdf_dates_parse_with_and_without_a_zone() -> None:
    assert parse_pdf_date("D:20261128182557Z'") == RAW_DATE
    jst = timezone(timedelta(hours=9))
    assert parse_pdf_date("D:20210401090000+09'00'") == datetime(2021, 4, 1, 9, tzinfo=jst)
    assert parse_pdf_date("D:2021") == datetime(2021, 1, 1, tzinfo=UTC)
    assert parse_pdf_date("D:20211399") is None  # month 13
    assert parse_pdf_date("yesterday") is None


def test_the_check_names_a_file_that_differs_from_a_rebuild(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(RAW_PDF, raw / "report.pdf")
    clean = tmp_path / "clean"
    assert main(["--quiet", "--out", str(clean), str(raw / "report.pdf")]) == 0
    assert check_clean.main([str(raw), str(clean)]) == 0
    (clean / "quality.md").write_text("edited by hand\n", encoding="utf-8")
    (clean / "programs.csv").unlink()
    assert check_clean.main([str(raw), str(clean)]) == 1
    err = capsys.readouterr().err
    assert "quality.md: differs from a rebuild" in err and "programs.csv: missing" in err


def test_a_picture_is_the_same_whether_its_page_was_drawn_ahead_or_not() -> None:
    from pipeline.reporting.pictures import CROP_DPI, OVERVIEW_DPI, Canvas, Picture

    pictures = [
        Picture("crop.png", 2, (101.3, 207.7, 803.9, 251.2), ((120.0, 210.0, 300.0, 250.0),), CROP_DPI),
        Picture("page.png", 3, (20.5, 30.25, 1000.0, 700.0), (), OVERVIEW_DPI),
    ]
    with Canvas() as cold:
        drawn_alone, _ = cold.draw(RAW_PDF, pictures)
    with Canvas() as warm:
        warm.prepare(RAW_PDF, busy=lambda: False)
        cut_from_ahead, _ = warm.draw(RAW_PDF, pictures)
    assert set(drawn_alone) == {"crop.png", "page.png"}
    assert drawn_alone == cut_from_ahead


def test_make_rebuilds_when_any_output_is_missing(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(ROOT / "data/clean", clean, copy_function=shutil.copy)  # new mtimes: up to date

    def plan() -> str:
        run = subprocess.run(["make", "-n", f"CLEAN={clean}"], cwd=ROOT, capture_output=True, text=True, check=False)
        return run.stdout + run.stderr

    assert "build_dataset" not in plan()
    picture = next((clean / "anomalies").glob("*.png"))
    for name in ("quality.md", f"anomalies/{picture.name}", "README.md", "SHA256SUMS"):
        saved = (clean / name).read_bytes()
        (clean / name).unlink()
        assert "build_dataset" in plan(), name
        (clean / name).write_bytes(saved)
