"""Hostile files: each family made here as bytes; the command's promise holds for every one.

The promise (README, pipeline.cli): one stderr line naming the file, a non-zero exit, no
traceback, the previous --out left byte for byte. A file that is actually fine apart from its
structure (a repaired xref, a reversed MediaBox) reads exactly like its well-formed twin.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import page_grids
from pipeline.cli import main

from . import pdfmaker as pm
from .helpers import RAW_PDF, mark_as_written, snapshot

# Each case spawns the bounded worker (about a second apiece): run in CI and `make test-all`.
pytestmark = pytest.mark.slow

W, H = pm.PAGE_W, pm.PAGE_H


def _well_formed() -> bytes:
    return pm.make_pdf([pm.table_page()])


def _boxed(box: tuple[float, float, float, float]) -> bytes:
    """The well-formed page under another MediaBox, its content moved with the box's origin."""
    dx, dy = min(box[0], box[2]), min(box[1], box[3])
    return pm.make_pdf([f"1 0 0 1 {dx:g} {dy:g} cm\n{pm.table_page()}"], media_box=box)


# name → (bytes, text the one line must contain; None: must read like the well-formed file)
CASES: dict[str, tuple[Callable[[], bytes], str | None]] = {
    "flipped_header": (lambda: pm.flip_bytes(_well_formed(), [0, 1, 2]), "not a PDF"),
    "truncated": (lambda: _well_formed()[: len(_well_formed()) // 2], "damaged or truncated PDF"),
    "broken_startxref": (pm.broken_startxref, None),  # PDFium rebuilds the xref: reads as normal
    "broken_xref": (pm.broken_xref, None),
    "page_tree_cycle": (pm.page_tree_cycle, "page tree has a cycle"),
    "lying_count": (lambda: pm.make_pdf([pm.table_page()] * 8, count=5), "page tree holds 8 pages"),
    "deep_nesting": (lambda: pm.deep_nesting(30_000), None),
    "decompression_bomb": (lambda: pm.flate_bomb(1024), "decompression bomb"),
    "rule_bomb": (lambda: pm.rule_bomb(30_000), "30,000 ruling lines on one page"),
    "absurd_media_box": (lambda: pm.make_pdf([pm.table_page()], media_box=(0, 0, 1e9, 1e9)), "page 1: page size"),
    "zero_media_box": (lambda: pm.make_pdf([pm.table_page()], media_box=(0, 0, 0, 0)), "page 1: page size"),
    "reversed_media_box": (lambda: _boxed((W, H, 0, 0)), None),
    "offset_media_box": (lambda: _boxed((100, 200, 100 + W, 200 + H)), None),
    "dangling_root": (lambda: pm.make_pdf([pm.table_page()], root=99), "damaged or truncated PDF"),
    "encrypted": (lambda: pm.make_pdf([pm.table_page()], encrypted=True), "encrypted PDF"),
}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--quiet", *args])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, err


def assert_one_line(err: list[str], path: Path | str, text: str) -> None:
    assert len(err) == 1, err
    assert str(path) in err[0] and text in err[0], err[0]
    assert "Traceback" not in err[0]


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_one_clear_line_and_nothing_is_lost(
    case: str, tmp_path: Path, previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = CASES[case]
    pdf = tmp_path / f"{case}.pdf"
    pdf.write_bytes(make())
    before = snapshot(previous_output)

    code, err = run(["--out", str(previous_output), str(pdf)], capsys)

    if message is None:  # fine apart from its structure: the same outcome as the well-formed file
        twin = tmp_path / "twin.pdf"
        twin.write_bytes(_well_formed())
        twin_code, twin_err = run(["--out", str(previous_output), str(twin)], capsys)
        assert (code, [e.replace(str(pdf), "X") for e in err]) == (
            twin_code,
            [e.replace(str(twin), "X") for e in twin_err],
        )
        message = "matches no known table header"  # the test page's table is not a report's
    assert code != 0
    assert_one_line(err, pdf, message)
    assert snapshot(previous_output) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("box", [(W, H, 0, 0), (100, 200, 100 + W, 200 + H), (W, 0, 0, H), (-50, H - 10, W - 50, -10)])
def test_page_box_origin_and_corner_order_do_not_change_the_grid(
    box: tuple[float, float, float, float], tmp_path: Path
) -> None:
    normal, odd = tmp_path / "normal.pdf", tmp_path / "odd.pdf"
    normal.write_bytes(_well_formed())
    odd.write_bytes(_boxed(box))
    assert [g.tables for g in page_grids(odd)] == [g.tables for g in page_grids(normal)]


def test_memory_limit_stops_the_reader_in_one_line(
    tmp_path: Path, previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(pm.flate_bomb(200))  # under the inflation bound: only --max-memory stops it
    before = snapshot(previous_output)
    code, err = run(["--max-memory", "256MiB", "--out", str(previous_output), str(pdf)], capsys)
    assert code != 0
    assert_one_line(err, pdf, "needed more than 256 MiB of memory")
    assert snapshot(previous_output) == before


def test_timeout_stops_the_reader_in_one_line(previous_output: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(previous_output)
    code, err = run(["--timeout", "0.2", "--out", str(previous_output), str(RAW_PDF)], capsys)
    assert code != 0
    assert_one_line(err, RAW_PDF, "stopped after 0.2 s")
    assert snapshot(previous_output) == before


@pytest.mark.parametrize(
    "name, message",
    [("missing.pdf", "no such file"), ("*.pdf", "a pattern that matched no file"), ("folder", "a folder with no PDF")],
)
def test_paths_that_are_no_pdf_are_one_line(
    name: str, message: str, tmp_path: Path, previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder").mkdir()
    before = snapshot(previous_output)
    code, err = run(["--out", str(previous_output), str(tmp_path / name)], capsys)
    assert code != 0
    assert_one_line(err, tmp_path / name, message)
    assert snapshot(previous_output) == before


def test_out_naming_a_file_is_refused_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes.txt"
    out.write_bytes(b"my notes\n")
    code, err = run(["--out", str(out), str(RAW_PDF)], capsys)
    assert code != 0
    assert_one_line(err, out, "--out names an existing file")
    assert out.read_bytes() == b"my notes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_jobs_below_one_is_refused(value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--jobs", value, "--out", str(tmp_path / "out"), str(RAW_PDF)])
    assert exit_.value.code == 2
    assert "must be a whole number of at least 1" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["-1", "lots", "1e12"])
def test_bad_limits_are_refused(value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--max-memory", value, "--timeout", value, "--out", str(tmp_path / "out"), str(RAW_PDF)])
    assert "--" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "limit"), [("0", None), ("none", None), ("inf", None), ("2.5", 2.5)])
def test_timeout_reads_no_limit_and_seconds(text: str, limit: float | None) -> None:
    from pipeline.cli import seconds

    assert seconds(text) == limit


@pytest.mark.parametrize("text", ["-1", "nan", "1e12"])
def test_timeout_past_what_a_timer_can_wait_is_refused(text: str) -> None:
    import argparse

    from pipeline.cli import seconds

    with pytest.raises(argparse.ArgumentTypeError, match="up to 1,000,000"):
        seconds(text)


def test_same_report_twice_names_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    renamed = tmp_path / "download (1).pdf"
    renamed.write_bytes(RAW_PDF.read_bytes())
    out = tmp_path / "out"
    code, err = run(["--jobs", "2", "--out", str(out), str(RAW_PDF), str(renamed)], capsys)
    assert code != 0
    assert err and all(str(RAW_PDF) in e and str(renamed) in e for e in err), err
    assert len(err) == 1 and "the same bytes (SHA-256 8bcb7c39e916…): one report under two names" in err[0]
    assert not out.exists()


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flips=st.lists(st.integers(min_value=0), min_size=0, max_size=4),
    cut=st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)),
)
def test_mutated_report_keeps_the_promise(
    flips: list[int], cut: float | None, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """The committed PDF with a few bytes flipped and maybe cut short: success, or one line."""
    data = RAW_PDF.read_bytes()
    data = pm.flip_bytes(data, flips)
    if cut is not None:
        data = data[: int(len(data) * cut)]
    tmp = tmp_path_factory.mktemp("mutant")
    pdf, out = tmp / "mutant.pdf", tmp / "clean"
    pdf.write_bytes(data)
    mark_as_written(out)  # an earlier run's output
    (out / "keep.txt").write_text("earlier run\n", encoding="utf-8")
    before = snapshot(out)

    code, err = run(["--out", str(out), str(pdf)], capsys)

    if code == 0:
        assert err == []
        assert (out / "measures.csv").exists()
    else:
        assert len(err) == 1 and str(pdf) in err[0] and "Traceback" not in err[0], err
        assert snapshot(out) == before


def test_a_page_with_too_many_characters_is_refused_before_geometry() -> None:
    from extract.errors import ExtractionError
    from extract.layout.geometry import page_grid
    from extract.model import Char, PageContent

    chars = tuple(Char("x", 10.0, 11.0, 10.0, 11.0, 1.0) for _ in range(200_001))
    with pytest.raises(ExtractionError, match="200,001 characters on one page") as e:
        page_grid(PageContent("many.pdf", 3, 842.0, 595.0, chars, ()))
    assert str(e.value).startswith("many.pdf: page 3: ")


@pytest.mark.parametrize(
    "text, size", [("2GiB", 2 * 1024**3), ("512MiB", 512 * 1024**2), ("1.5 GB", 1_500_000_000), ("0", 0), ("none", 0)]
)
def test_sizes_parse_with_units(text: str, size: int) -> None:
    from pipeline.running.worker import parse_size

    assert parse_size(text) == size


def _tagged_processes(tag: str) -> list[int]:
    """Processes whose environment carries ``tag`` (the build, its fork server, its workers)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and tag.encode() in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_sigterm_stops_the_workers_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    # The workers are forked by the fork server into process groups of their own: a build
    # stopped by SIGTERM (make or CI giving up) must stop them itself, not leave them reading.
    import os
    import signal
    import subprocess
    import sys
    import time
    import uuid

    tag = f"IIZUKA_TEST_{uuid.uuid4().hex}"
    out = tmp_path / "out"
    build = subprocess.Popen(
        [sys.executable, "-m", "scripts.build_dataset", "--quiet", "--engine", "camelot", "--out", str(out),
         str(RAW_PDF)],
        env={**os.environ, tag: "1"}, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(_tagged_processes(tag)) < 3 and time.monotonic() < deadline:  # the build, its helpers
        time.sleep(0.05)
    time.sleep(1.5)  # the worker is reading now: camelot takes several seconds over this report
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=30)
    assert build.returncode == 130
    assert err.count("\n") == 1 and err.startswith("error: interrupted;"), err
    assert not out.exists()
    while _tagged_processes(tag) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _tagged_processes(tag) == []


def test_out_that_is_a_link_stays_a_link_to_the_new_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real"
    mark_as_written(real)  # an earlier run's output
    (real / "old.txt").write_text("earlier run", encoding="utf-8")
    link = tmp_path / "clean"
    link.symlink_to(real, target_is_directory=True)
    code, err = run(["--out", str(link), str(RAW_PDF)], capsys)
    assert (code, err) == (0, [])
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert (real / "measures.csv").exists() and not (real / "old.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "real"]


def test_two_files_of_one_name_are_refused_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Told apart only by folder, their rows and pictures would share a source name.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "report.pdf", tmp_path / "b" / "report.pdf"
    first.write_bytes(RAW_PDF.read_bytes())
    second.write_bytes(b"%PDF-1.4 another year\n")
    code, err = run(["--out", str(tmp_path / "out"), str(first), str(second)], capsys)
    assert code == 1
    assert err == [f"error: {first} and {second}: two files named report (sources are told apart by name); rename one"]
    assert not (tmp_path / "out").exists()
