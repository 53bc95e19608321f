"""--out: the pipeline replaces only a directory it wrote, or an empty or absent one.

Anything else is refused before any PDF is read, in one line naming the folder and why, and
the folder is left byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

import pipeline.build
from extract.errors import PipelineError
from pipeline.cli import main
from pipeline.writing.outdir import MANIFEST, check_out_dir, write_manifest
from schemas.datapackage import PACKAGE_NAME, datapackage

from .helpers import RAW_PDF, snapshot


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the build gets as far as reading a PDF."""

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError("a PDF was read although --out should have been refused")

    monkeypatch.setattr(pipeline.build, "extract_bounded", refuse)


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--quiet", *argv]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1, err
    assert "Traceback" not in err[0]
    return err[0]


def ours(folder: Path) -> Path:
    """A directory as an earlier run left it: its datapackage.json and a table."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(json.dumps(datapackage()), encoding="utf-8")
    (folder / "measures.csv").write_text("fiscal_year\n2020\n", encoding="utf-8")
    return folder


def test_a_folder_with_a_users_file_is_refused_and_left_untouched(
    tmp_path: Path, no_reading: None, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "mydocs"
    docs.mkdir()
    (docs / "notes.txt").write_text("notes\n", encoding="utf-8")
    before = snapshot(docs)
    line = refused(["--out", str(docs), str(RAW_PDF)], capsys)
    assert line.startswith(f"error: {docs}: --out holds files the pipeline did not write")
    assert snapshot(docs) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mydocs"]


def test_a_file_added_to_the_pipelines_folder_is_not_deleted(
    tmp_path: Path, no_reading: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ours(tmp_path / "clean")
    write_manifest(out)
    (out / "my-analysis.ipynb").write_text("{}", encoding="utf-8")
    before = snapshot(out)
    line = refused(["--out", str(out), str(RAW_PDF)], capsys)
    assert "my-analysis.ipynb" in line and MANIFEST in line
    assert snapshot(out) == before


def test_another_datapackage_is_not_the_pipelines(
    tmp_path: Path, no_reading: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "other"
    out.mkdir()
    (out / "datapackage.json").write_text('{"name": "someone-elses-data"}', encoding="utf-8")
    assert "did not write" in refused(["--out", str(out), str(RAW_PDF)], capsys)
    assert (out / "datapackage.json").exists()


@pytest.mark.parametrize("where", [".", "/", "..", "sub/.."])
def test_the_current_directory_and_the_root_are_refused(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_reading: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sub").mkdir()
    work = tmp_path / "sub"
    monkeypatch.chdir(work if where == ".." else tmp_path)
    line = refused(["--out", where, str(RAW_PDF)], capsys)
    assert line.startswith(f"error: {where}: --out ")
    assert "root" in line or "current directory" in line


def test_the_folder_of_a_source_pdf_is_refused(
    tmp_path: Path, no_reading: None, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = ours(tmp_path / "raw")  # even one that looks like the pipeline's
    pdf = raw / "report.pdf"
    shutil.copyfile(RAW_PDF, pdf)
    line = refused(["--out", str(raw), str(pdf)], capsys)
    assert f"holds the source {pdf}" in line
    line = refused(["--out", str(tmp_path), str(pdf)], capsys)
    assert f"holds the source {pdf}" in line
    assert pdf.read_bytes() == RAW_PDF.read_bytes()


def test_a_parent_that_cannot_be_written_is_refused_up_front(
    tmp_path: Path, no_reading: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # /proc takes no new directory, even from root (chmod does not stop root).
    line = refused(["--out", "/proc/iizuka-clean", str(RAW_PDF)], capsys)
    assert "cannot be written: no directory can be made in /proc" in line and "nothing was read" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_refused_up_front(
    tmp_path: Path, no_reading: None, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        assert "cannot be written" in refused(["--out", str(parent / "clean"), str(RAW_PDF)], capsys)
    finally:
        parent.chmod(0o755)


def test_what_may_be_replaced(tmp_path: Path) -> None:
    check_out_dir(tmp_path / "absent")
    check_out_dir(tmp_path / "absent" / "deeper")
    (tmp_path / "empty").mkdir()
    check_out_dir(tmp_path / "empty")
    check_out_dir(ours(tmp_path / "earlier"))  # written before the manifest: the marker suffices
    listed = ours(tmp_path / "listed")
    (listed / "pages").mkdir()
    (listed / "pages" / "p1.png").write_bytes(b"png")
    write_manifest(listed)
    check_out_dir(listed)
    (listed / "pages" / "mine.png").write_bytes(b"png")
    with pytest.raises(PipelineError, match="pages/mine.png"):
        check_out_dir(listed)


def test_the_marker_is_the_packages_name() -> None:
    assert datapackage()["name"] == PACKAGE_NAME
