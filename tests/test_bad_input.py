"""Bad input: one clear line on stderr naming file (and page), a non-zero exit, nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.cli import main

from .helpers import RAW_PDF, snapshot
from .pdfmaker import grid, make_pdf, text

UNKNOWN = ["Item", "Price", "Qty", "Total", "Note"]


def truncated() -> bytes:
    data = RAW_PDF.read_bytes()
    return data[: len(data) // 3]


# name → (bytes, text the one line must contain, whether the line names the page)
CASES: dict[str, tuple[Callable[[], bytes], str, bool]] = {
    "not_a_pdf": (lambda: "№,実施内容\n1,研修\n".encode(), "not a PDF", False),
    "truncated": (truncated, "damaged or truncated PDF", False),
    "encrypted": (lambda: make_pdf([text(40, 40, "secret")], encrypted=True), "encrypted PDF", False),
    "scanned": (lambda: make_pdf(["0.5 g 40 40 500 500 re f"]), "no text layer", True),
    "no_table": (lambda: make_pdf([text(40, 40, "Annual report, no table here")]), "no table found", False),
    "unknown_header": (lambda: make_pdf([grid(UNKNOWN, [["1", "2", "3", "4", "5"]])]), "matches no known table", True),
    "broken_grid": (
        lambda: make_pdf([grid(UNKNOWN, [["1", "2", "3", "4", "5"]], skip_rule=(5, 1))]),
        "grid is broken",
        True,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_clear_error_and_nothing_is_lost(
    case: str, tmp_path: Path, previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message, names_page = CASES[case]
    pdf = tmp_path / f"{case}.pdf"
    pdf.write_bytes(make())
    before = snapshot(previous_output)

    assert main(["--quiet", "--out", str(previous_output), str(pdf)]) != 0

    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1, err
    assert str(pdf) in err[0] and message in err[0]
    assert ("page 1" in err[0]) == names_page
    assert snapshot(previous_output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".clean")] == []


@pytest.mark.slow
def test_one_bad_file_stops_the_run_unless_keep_going(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    out = tmp_path / "clean"
    assert main(["--quiet", "--out", str(out), str(RAW_PDF), str(bad)]) == 1
    assert not out.exists()
    assert main(["--quiet", "--keep-going", "--out", str(out), str(RAW_PDF), str(bad)]) == 1
    assert (out / "measures.csv").exists()
    assert "bad.pdf" in capsys.readouterr().err


def test_a_value_refused_by_the_schema_names_the_file_as_given() -> None:
    from extract.errors import PipelineError
    from pipeline.build import named_in_full

    error = named_in_full(PipelineError("bad", file="report.pdf", page=2), [Path("/data/in/report.pdf")])
    assert str(error) == "/data/in/report.pdf: page 2: bad"
    other = named_in_full(PipelineError("bad", file="other.pdf"), [Path("/data/in/report.pdf")])
    assert str(other) == "other.pdf: bad"
