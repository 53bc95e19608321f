"""What the command takes: a folder means the PDFs directly in it, by name, each named in the
log; the same file given twice, by path or by content, is refused in one line before anything
is read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import build as build_module
from pipeline.build import input_errors
from pipeline.cli import main, pdfs_in

from .helpers import RAW_PDF


def test_a_folder_is_the_pdfs_directly_in_it_sorted_by_name(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for name in ("b.pdf", "a.PDF", ".hidden.pdf", "notes.txt", "sub/c.pdf"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    (tmp_path / "folder.pdf").mkdir()  # a folder named like a PDF is no PDF
    caplog.set_level("INFO", logger="build")
    files, errors = pdfs_in([tmp_path, RAW_PDF])
    assert files == [tmp_path / "a.PDF", tmp_path / "b.pdf", RAW_PDF] and errors == []
    assert caplog.messages == [f"{tmp_path}: 2 PDFs: a.PDF, b.pdf"]


def test_a_folder_without_a_pdf_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/c.pdf").write_bytes(b"%PDF-1.4\n")
    assert pdfs_in([tmp_path]) == ([], [f"{tmp_path}: a folder with no PDF directly in it"])


def test_the_same_file_twice_by_path_or_by_content_is_one_line_each(tmp_path: Path) -> None:
    copy = Path(shutil.copy(RAW_PDF, tmp_path / "copy.pdf"))
    other = RAW_PDF.parent / ".." / "raw" / RAW_PDF.name
    assert input_errors([RAW_PDF, other]) == [f"{RAW_PDF} and {other}: the same file given twice; pass it once"]
    (line,) = input_errors([RAW_PDF, copy])
    why = "the same bytes (SHA-256 8bcb7c39e916…): one report under two names; pass it once"
    assert line == f"{RAW_PDF} and {copy}: {why}"


def test_a_repeat_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read")

    monkeypatch.setattr(build_module, "extract_bounded", never)
    out = tmp_path / "out"
    assert main(["--quiet", "--out", str(out), str(RAW_PDF.parent), str(RAW_PDF)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {RAW_PDF} and {RAW_PDF}: the same file given twice; pass it once"]
    assert not out.exists()
