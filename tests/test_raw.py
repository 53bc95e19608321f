"""scripts.verify_raw: data/raw/ must be exactly what its SHA256SUMS lists."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.raw import sha256
from scripts.verify_raw import main

from .helpers import RAW_PDF


def raw_dir(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(RAW_PDF, raw / "report.pdf")
    (raw / "SHA256SUMS").write_text(f"{sha256(raw / 'report.pdf')}  report.pdf\n", encoding="utf-8")
    return raw


def test_listed_files_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(raw_dir(tmp_path))]) == 0
    assert "match SHA256SUMS" in capsys.readouterr().out


def test_a_pdf_the_list_does_not_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = raw_dir(tmp_path)
    shutil.copyfile(RAW_PDF, raw / "city.pdf")
    assert main([str(raw)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and f"{raw / 'city.pdf'}: raw file is not listed" in err[0]


def test_a_changed_or_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = raw_dir(tmp_path)
    with (raw / "report.pdf").open("ab") as f:
        f.write(b"\n")
    assert main([str(raw)]) == 1
    assert "has changed" in capsys.readouterr().err
    (raw / "report.pdf").unlink()
    assert main([str(raw)]) == 1
    assert "is missing" in capsys.readouterr().err


def test_the_committed_raw_folder_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(RAW_PDF.parent)]) == 0
