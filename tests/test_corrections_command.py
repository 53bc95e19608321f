"""corrections.toml through the commands: `iizuka-dataset correct` writes an entry, the next
build publishes it everywhere (CSV, Parquet, workbook, quality.md, the corrections table), two
builds are byte-identical, and a bad or stale file stops the build with the output left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from extract import Extraction
from normalize.corrections import parse_corrections
from pipeline.cli import console, main
from pipeline.corrections_file import CORRECTIONS_NAME, read_corrections, resolve
from pipeline.dataset import build_dataset
from pipeline.raw import sha256
from pipeline.writing.output import workbook_name
from pipeline.writing.workbook_ja import SHEET_NAMES

from .helpers import RAW_PDF, Extracted, snapshot
from .test_corrections import NEXT_PDF, entry

MINE = "# corrections of the city's file\n# 768件 is a misprint (see the errata)"  # no final newline


def correct(pdf: Path, *args: str) -> int:
    return console(["correct", str(pdf), *args])


ACTUAL = ["--fiscal-year", "2020", "--table", "results", "--no", "3", "--department", "医療保険課",
          "--field", "actual_text"]  # fmt: skip


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(RAW_PDF, folder / RAW_PDF.name)
    return folder


def test_the_command_appends_an_entry_that_the_next_build_applies_everywhere(
    raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, fixes = raw / RAW_PDF.name, raw / CORRECTIONS_NAME
    fixes.write_text(MINE, encoding="utf-8")
    assert correct(pdf, *ACTUAL, "--value", "770件", "--why", "city errata, 2021-06-01") == 0
    assert f"{fixes}: correction 1 appended: actual_text '768件' → '770件'" in capsys.readouterr().out
    text = fixes.read_text(encoding="utf-8")
    assert text.startswith(MINE + "\n\n[[correction]]\n")  # the user's bytes kept, the entry after them
    (c,) = parse_corrections(text, str(fixes))
    assert (c.was, c.value, c.sha256, c.department) == ("768件", "770件", sha256(pdf), "医療保険課")

    out = tmp_path / "clean"
    assert main(["--quiet", "--out", str(out), str(pdf)]) == 0
    table = pd.read_csv(out / "corrections.csv", dtype=str)
    assert table.to_dict("records") == [{
        "fiscal_year": "2020", "table": "results", "program_no": "3", "program_id": "r2-003", "department_seq": "5",
        "department": "医療保険課", "field": "actual_text", "was": "768件", "value": "770件",
        "why": "city errata, 2021-06-01", "source_file": RAW_PDF.name, "source_sha256": sha256(pdf),
    }]  # fmt: skip
    assert pd.read_parquet(out / "corrections.parquet").shape == (1, 12)
    measures = pd.read_parquet(out / "measures.parquet")
    row = measures[(measures.table == "results") & (measures.program_no == 3) & (measures.department_seq == 5)]
    assert row[["actual_text", "actual_value"]].values.tolist() == [["770件", 770.0]]
    csv = pd.read_csv(out / "measures.csv")
    assert (csv.actual_text == "770件").sum() == 1
    quality = (out / "quality.md").read_text(encoding="utf-8")
    assert "| 2020 | results | 3 | 医療保険課 | actual_text | 768件 | 770件 | city errata, 2021-06-01 |" in quality
    assert (
        "| 2020 | 3 | 医療保険課 | actual_text: 「768件」 → 「770件」 (city errata, 2021-06-01) | 1 | [row](" in quality
    )
    book = openpyxl.load_workbook(out / workbook_name())
    sheet = [[c.value for c in r] for r in book[SHEET_NAMES["corrections"]].iter_rows(min_row=3)]
    assert [(r[2], r[6], r[7], r[8]) for r in sheet] == [(3, "actual_text", "768件", "770件")]
    kinds = [r[1].value for r in book[SHEET_NAMES["anomalies"]].iter_rows(min_row=3)]
    assert kinds.count("人の手で訂正した値") == 1
    again = tmp_path / "again"
    assert main(["--quiet", "--out", str(again), str(pdf)]) == 0
    assert snapshot(again) == snapshot(out)  # byte for byte, the corrections too


@pytest.mark.slow
def test_a_package_with_a_correction_validates(raw: Path, tmp_path: Path) -> None:
    """frictionless checks the corrections table against its schema and its foreign key to programs."""
    frictionless = pytest.importorskip("frictionless")
    was = (
        "住民からの相談に応じる市役所職員に対してメンタルヘルス研修を行い"
        "市民サービス及び職場のメンタルヘルス向上を図ります。"
    )
    program = entry(
        fiscal_year=2021, table="plan", program_no=1, department=None, field="description", was=was, value=""
    )
    (raw / CORRECTIONS_NAME).write_text(entry() + program, encoding="utf-8")
    out = tmp_path / "clean"
    assert main(["--quiet", "--out", str(out), str(raw / RAW_PDF.name)]) == 0
    assert len(pd.read_csv(out / "corrections.csv")) == 2
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]


def test_a_stale_or_bad_corrections_file_stops_the_build_and_leaves_the_output(
    raw: Path, previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, fixes = raw / RAW_PDF.name, raw / CORRECTIONS_NAME
    before = snapshot(previous_output)
    for text, line in [
        ("[[correction]\n", f"error: {fixes}: not a TOML file"),
        (entry(program_no="12"), f"error: {fixes}: correction 1: program_no = '12': expected a whole number"),
        (entry(was="767件"), f"error: {fixes}: correction 1 ({RAW_PDF.name} FY2020 results №3 医療保険課 "
         "actual_text): stale: was = '767件', but the reader now gives '768件'"),
    ]:  # fmt: skip
        fixes.write_text(text, encoding="utf-8")
        assert main(["--quiet", "--out", str(previous_output), str(pdf)]) == 1
        (error,) = capsys.readouterr().err.splitlines()
        assert error.startswith(line)
        assert snapshot(previous_output) == before


def test_the_command_refuses_without_touching_the_file(raw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, fixes = raw / RAW_PDF.name, raw / CORRECTIONS_NAME
    fixes.write_text(MINE, encoding="utf-8")
    cases = [
        (["--value", "768件", "--why", "x"], "the reader already gives '768件'; nothing to correct"),
        (["--value", "７７０件", "--why", "x"], "correction 1: value '７７０件' is not as the dataset writes text"),
        (["--value", "770件", "--why", " "], "correction 1: why: expected one line"),
    ]
    for args, message in cases:
        assert correct(pdf, *ACTUAL, *args) == 1
        (error,) = capsys.readouterr().err.splitlines()
        assert error.startswith(f"error: {fixes}: ") and message in error
    assert correct(pdf, *ACTUAL[:6], "--field", "actual_text", "--value", "1", "--why", "x") == 1
    assert "№3 has 10 department rows (税務課、子育て支援課、" in capsys.readouterr().err
    assert correct(raw / "missing.pdf", *ACTUAL, "--value", "1", "--why", "x") == 1
    assert capsys.readouterr().err.strip() == f"error: {raw / 'missing.pdf'}: no such file"
    assert fixes.read_text(encoding="utf-8") == MINE
    assert sorted(p.name for p in raw.iterdir()) == sorted([CORRECTIONS_NAME, RAW_PDF.name])  # no temporary left


def test_the_command_corrects_the_next_years_report_too(
    tmp_path: Path, extracted: Extracted, committed: Extraction
) -> None:
    for pdf in (RAW_PDF, NEXT_PDF):
        shutil.copy(pdf, tmp_path / pdf.name)
    args = ["--fiscal-year", "2021", "--table", "results", "--no", "1", "--field", "actual_text"]
    assert correct(tmp_path / NEXT_PDF.name, *args, "--value", "3回", "--why", "city errata") == 0
    fixes = tmp_path / CORRECTIONS_NAME
    found = resolve(read_corrections(fixes), fixes, [tmp_path / RAW_PDF.name, tmp_path / NEXT_PDF.name])
    ds = build_dataset([committed, extracted(NEXT_PDF)], None, found)
    (c,) = ds.corrections
    assert (c.department, c.was, c.value, c.source_file) == ("人事課", "2回", "3回", NEXT_PDF.name)
    (p,) = [p for p in ds.progress if (p.fiscal_year, p.program_no, p.department_seq) == (2021, 1, 1)]
    assert (p.actual_text, p.actual_value) == ("3回", 3.0)
