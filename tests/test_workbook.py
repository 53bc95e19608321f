"""The Excel workbook: the same data as the tables, laid out for Excel on Japanese Windows."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from normalize.checks import CHECKS, Anomaly, anomalies, by_severity
from pipeline.dataset import Dataset
from pipeline.provenance import describe
from pipeline.writing.columns import Columns
from pipeline.writing.workbook import (
    A4_WIDTH_MAX,
    ANOMALY_FIELDS,
    DICTIONARY_SHEET,
    EMPTY,
    EMPTY_WHY,
    TABLES,
    WIDTH_CAP,
    display_width,
    one_title_each,
    write_workbook,
)
from pipeline.writing.workbook_ja import DESCRIPTIONS, SHEET_NAMES, shown
from schemas import RESOURCES
from schemas.datapackage import table_schema
from schemas.dictionary import columns

from .helpers import RAW_PDF
from .pandas_frames import frame

BUILT_AT = datetime(2021, 4, 1, 9, 0, tzinfo=timezone(timedelta(hours=9)))
VERSION = "9.8.7"
FIELDS = {name: table_schema(RESOURCES[name][0])["fields"] for name in TABLES}


def as_columns(df: pd.DataFrame, fields: list[dict[str, Any]]) -> Columns:
    """A frame as the columns the build writes from: pd.NA as None, in the fields' order."""
    return Columns(fields, [df[f["name"]].astype(object).where(df[f["name"]].notna(), None).tolist() for f in fields])


@pytest.fixture(scope="module")
def frames(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """The tables as pandas reads them (the oracle the sheets are compared with)."""
    tables = dataset.tables()
    return {name: frame(name, tables[name]) for name in TABLES}


@pytest.fixture(scope="module")
def inputs(dataset: Dataset, frames: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """write_workbook's arguments for the committed PDF."""
    return {
        "tables": {name: as_columns(frames[name], FIELDS[name]) for name in TABLES},
        "anomalies": anomalies(dataset.measures),
        "sources": [describe(RAW_PDF, hashlib.sha256(RAW_PDF.read_bytes()).hexdigest())],
        "built_at": BUILT_AT,
        "version": VERSION,
        "dictionary": columns(),
    }


@pytest.fixture(scope="module")
def xlsx(inputs: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "dataset.xlsx"
    write_workbook(path, **inputs)
    return path


@pytest.fixture(scope="module")
def book(xlsx: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(xlsx)


def cell_value(cell: Any) -> Any:
    """A cell as the Python value it stands for.

    xlsx stores every number as a double and openpyxl returns a whole one as int, so int vs
    float is told by the number format: "0" is an integer, anything else a float.
    """
    v = cell.value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if cell.number_format == "0":
            assert isinstance(v, int), f"{cell.coordinate}: integer column holds {v!r}"
            return v
        return float(v)
    return v


def expected_rows(df: pd.DataFrame) -> list[list[Any]]:
    """The frame's rows as plain Python values, pd.NA as None, coded values as shown (実績)."""
    out: list[list[Any]] = df.astype(object).where(df.notna(), None).values.tolist()
    kinds = {type(v) for row in out for v in row}
    assert kinds <= {int, float, str, type(None)}, kinds  # else the comparison below means less
    names = list(df.columns)
    return [[shown(n, v) if isinstance(v, str) else v for n, v in zip(names, row, strict=True)] for row in out]


def sheet_rows(sheet: Any) -> list[list[Any]]:
    return [[cell_value(c) for c in row] for row in sheet.iter_rows(min_row=3)]


def column_width(sheet: Any, col: int) -> float:
    """Width as typed, without the ~0.71 Excel adds; XlsxWriter stores runs of equal columns once."""
    dim = next(d for d in sheet.column_dimensions.values() if d.min <= col <= d.max)
    return int(dim.width)


def typed(rows: list[list[Any]]) -> list[list[tuple[type, Any]]]:
    return [[(type(v), v) for v in row] for row in rows]


@pytest.mark.parametrize("name", TABLES)
def test_table_sheets_hold_the_same_values_of_the_same_types(
    frames: dict[str, pd.DataFrame], book: openpyxl.Workbook, name: str
) -> None:
    df = frames[name]
    sheet = book[SHEET_NAMES[name]]
    if df.empty:  # said to be empty, in one row under the titles
        assert [r[0] for r in sheet_rows(sheet)] == [EMPTY + EMPTY_WHY[name]]
        return
    assert (sheet.max_row - 2, sheet.max_column) == df.shape
    assert typed(sheet_rows(sheet)) == typed(expected_rows(df))


def test_coded_values_are_shown_in_japanese_and_kept_in_the_files(
    frames: dict[str, pd.DataFrame], book: openpyxl.Workbook
) -> None:
    sheet = book[SHEET_NAMES["measures"]]
    names = [c.value for c in sheet[1]]
    assert {r[names.index("table")] for r in sheet_rows(sheet)} == {"実績", "計画"}
    assert "比率" in {r[names.index("target_unit")] for r in sheet_rows(sheet)}
    assert set(frames["measures"]["table"]) == {"results", "plan"}  # the CSV and Parquet keep codes


def test_anomaly_sheet_holds_every_anomaly_most_severe_first(inputs: dict[str, Any], book: openpyxl.Workbook) -> None:
    from pipeline.reporting.report import anomaly_name
    from pipeline.writing.workbook import _plain

    names = [f["name"] for f in ANOMALY_FIELDS]
    computed = {"severity", "kind_ja", "picture"}
    assert sorted(set(names) - computed) == sorted(f.name for f in dataclasses.fields(Anomaly))  # every field
    ordered = by_severity(inputs["anomalies"])

    def value(a: Anomaly, name: str) -> Any:
        if name == "kind_ja":
            return CHECKS[a.kind]
        if name == "picture":
            return "図を開く"
        if name == "table":
            return "実績"
        return _plain(getattr(a, name))

    want = [[value(a, name) for name in names] for a in ordered]
    assert all(a.detail_ja for a in inputs["anomalies"])  # every check says what it found in Japanese
    assert want, "the committed PDF has anomalies; an empty sheet would test nothing"
    sheet = book[SHEET_NAMES["anomalies"]]
    assert typed(sheet_rows(sheet)) == typed(want)
    severities = [r[0] for r in sheet_rows(sheet)]
    assert severities == sorted(severities, key=["要確認", "参考"].index) and "参考" in severities
    first = next(r for r in sheet_rows(sheet) if r[names.index("kind")] == "achievement ≠ actual ÷ target")
    assert first[names.index("program_no")] == 16
    # Each row links to the picture of its row, by a path relative to the workbook.
    column = names.index("picture") + 1
    for r, a in enumerate(ordered, start=3):
        link = sheet.cell(r, column).hyperlink
        assert link is not None and link.target.replace("\\", "/") == anomaly_name(a)


@pytest.mark.parametrize("name", TABLES)
def test_headers_are_japanese_titles_over_machine_names(book: openpyxl.Workbook, name: str) -> None:
    sheet = book[SHEET_NAMES[name]]
    names, titles = ([c.value for c in row] for row in sheet.iter_rows(max_row=2))
    assert names == [f["name"] for f in FIELDS[name]]
    assert titles == [one_title_each(FIELDS)[name, f["name"]] for f in FIELDS[name]]
    assert titles[:3] == ["年度", "表", "№"] or titles[:2] in (["年度", "№"], ["年度", "事業ID"])


def test_one_title_means_one_column_in_every_sheet(book: openpyxl.Workbook) -> None:
    meaning: dict[str, set[str]] = {}
    for sheet in book.worksheets:
        for name, title in zip(sheet[1], sheet[2], strict=True):
            meaning.setdefault(title.value, set()).add(name.value)
    assert {t: n for t, n in meaning.items() if len(n) > 1} == {}
    indicators = book[SHEET_NAMES["indicators"]]
    titles = {n.value: t.value for n, t in zip(indicators[1], indicators[2], strict=True)}
    assert titles["target_value"] == "目標値（数値）"  # as in measures, where 目標値 is the printed text


def test_sheets_are_named_in_japanese(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [SHEET_NAMES[n] for n in [*TABLES, "dictionary", "anomalies", "about"]]
    assert all(not name.isascii() for name in book.sheetnames)


def test_anomaly_sheet_is_in_japanese_with_the_english_kind_kept(book: openpyxl.Workbook) -> None:
    names, titles = ([c.value for c in row] for row in book[SHEET_NAMES["anomalies"]].iter_rows(max_row=2))
    assert titles[:2] == ["重要度", "種別"] and names[:2] == ["severity", "kind_ja"]
    assert "kind" in names and "detail" in names
    assert all(not t.isascii() for t in titles)


def test_dictionary_sheet_has_a_row_per_column_of_every_table(book: openpyxl.Workbook) -> None:
    rows = list(book[DICTIONARY_SHEET].iter_rows(min_row=3, values_only=True))
    assert [(r[-1], r[1]) for r in rows] == [(c.table, c.name) for c in columns()]
    assert [r[0] for r in rows] == [SHEET_NAMES[c.table] for c in columns()]
    assert len(rows) == sum(len(model.model_fields) for model, _ in RESOURCES.values())
    titles = {(r[-1], r[1]): r for r in rows}
    assert titles[("measures", "achievement_pct")][2:5] == ("達成度（％）", "数値 (number)", "%")


def test_every_column_is_described_in_japanese(book: openpyxl.Workbook) -> None:
    rows = list(book[DICTIONARY_SHEET].iter_rows(min_row=3, values_only=True))
    assert all(not r[7].isascii() for r in rows)
    assert {c.name for c in columns()} <= set(DESCRIPTIONS)  # a new column gets its Japanese there


def test_text_that_looks_like_a_number_shows_no_excel_warning(xlsx: Path, book: openpyxl.Workbook) -> None:
    """target_text "10" is text on purpose: its column is in the sheet's ignoredErrors list."""
    sheet = book[SHEET_NAMES["measures"]]
    names = [c.value for c in sheet[1]]
    column = get_column_letter(names.index("target_text") + 1)
    looks_numeric = [c.value for c in sheet[column][2:] if isinstance(c.value, str) and c.value.isdigit()]
    assert looks_numeric, "the report has targets printed as bare numbers"
    with zipfile.ZipFile(xlsx) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    ignored = re.search(r'<ignoredError sqref="([^"]+)" numberStoredAsText="1"/>', xml)
    assert ignored and f"{column}3:{column}{sheet.max_row}" in ignored.group(1).split()


@pytest.mark.parametrize("name", [*TABLES, "dictionary", "anomalies", "about"])
def test_titles_and_key_columns_are_frozen_and_the_japanese_titles_filter(book: openpyxl.Workbook, name: str) -> None:
    sheet = book[SHEET_NAMES[name]]
    names = [c.value for c in sheet[1]]
    keys = [names.index(k) + 1 for k in ("fiscal_year", "table", "program_no", "program_name", "department")
            if k in names]  # fmt: skip
    frozen = max(keys) if name in TABLES else 0
    assert sheet.freeze_panes == f"{get_column_letter(frozen + 1)}3"
    last = 2 if name in ("extra_fields", "corrections") else sheet.max_row  # an empty table: the titles alone
    assert sheet.auto_filter.ref == f"A2:{get_column_letter(sheet.max_column)}{last}"


def test_measures_freeze_year_table_no_name_and_department(book: openpyxl.Workbook) -> None:
    sheet = book[SHEET_NAMES["measures"]]
    frozen = [c.value for c in sheet[2]][: openpyxl.utils.cell.column_index_from_string(sheet.freeze_panes[0]) - 1]
    assert frozen[0] == "年度" and frozen[-1] == "担当課"
    assert {"年度", "表", "№", "実施内容", "担当課"} <= set(frozen)


@pytest.mark.parametrize("name", [*TABLES, "dictionary", "anomalies", "about"])
def test_every_sheet_prints_landscape_one_page_wide_with_titles_header_and_footer(
    book: openpyxl.Workbook, name: str
) -> None:
    sheet = book[SHEET_NAMES[name]]
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)
    wide = sum(column_width(sheet, c) for c in range(1, sheet.max_column + 1))
    assert int(setup.paperSize) == (8 if wide > A4_WIDTH_MAX else 9)  # A3 for a wide sheet, as the report; else A4
    assert int(setup.paperSize) == 8 or name not in ("measures", "indicators", "progress")
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.oddHeader.left.text == "飯塚市自殺対策計画 進捗状況"
    assert sheet.oddHeader.right.text == "ビルド日時 2021-04-01T09:00:00+09:00"  # the build's time, not the clock
    assert (sheet.oddFooter.left.text, sheet.oddFooter.right.text) == ("&A", "ページ &P / &N")


def test_rows_are_as_tall_as_their_wrapped_text(book: openpyxl.Workbook) -> None:
    sheet = book[SHEET_NAMES["measures"]]
    names = [c.value for c in sheet[1]]
    evaluation = names.index("evaluation") + 1
    for r in range(3, sheet.max_row + 1):
        text = sheet.cell(r, evaluation).value or ""
        height = sheet.row_dimensions[r].height
        if len(text) > 60:  # at least three lines of 40 half-width units
            assert height is not None and height >= 3 * 18.75, (r, text)


def test_about_sheet_maps_each_sheet_to_its_file(book: openpyxl.Workbook) -> None:
    about = book[SHEET_NAMES["about"]]
    rows = {key: (item, value) for item, key, value in about.iter_rows(min_row=3, values_only=True)}
    for name in TABLES:
        assert rows[name] == (f"シート「{SHEET_NAMES[name]}」", f"{name}.csv、{name}.parquet")


def test_multiline_text_wraps_and_keeps_its_line_breaks(
    frames: dict[str, pd.DataFrame], book: openpyxl.Workbook
) -> None:
    df, sheet = frames["measures"], book[SHEET_NAMES["measures"]]
    for col, name in enumerate(df.columns, start=1):
        multiline = df[name].dtype == "string" and df[name].str.contains("\n").any()
        cells = [c for (c,) in sheet.iter_rows(min_row=3, min_col=col, max_col=col) if c.value is not None]
        if multiline:
            assert all(c.alignment.wrap_text for c in cells), name
            assert column_width(sheet, col) <= WIDTH_CAP
    evaluation = df.columns.get_loc("evaluation") + 1
    assert any("\n" in (c.value or "") for (c,) in sheet.iter_rows(min_row=3, min_col=evaluation, max_col=evaluation))
    # Short text does not wrap: a department name on one line reads best.
    department = df.columns.get_loc("department") + 1
    assert not sheet.cell(3, department).alignment.wrap_text


def test_column_widths_count_wide_characters_double_and_are_capped(book: openpyxl.Workbook) -> None:
    sheet = book[SHEET_NAMES["measures"]]
    widths = {sheet.cell(1, c).value: column_width(sheet, c) for c in range(1, sheet.max_column + 1)}
    assert widths["evaluation"] == WIDTH_CAP
    assert max(widths.values()) <= WIDTH_CAP
    assert widths["fiscal_year"] < 20  # "2020", or the header "fiscal_year", not the cap


def test_display_width() -> None:
    assert display_width("abc") == 3
    assert display_width("担当課") == 6
    assert display_width("ｱｲｳ") == 3  # half-width katakana
    assert display_width("①※") == 4  # ambiguous width: full width in Japanese fonts
    assert display_width("長い行です\nab") == 10


def test_about_sheet_names_the_source_and_its_sha256(inputs: dict[str, Any], book: openpyxl.Workbook) -> None:
    rows = {key: value for _, key, value in book[SHEET_NAMES["about"]].iter_rows(min_row=3, values_only=True)}
    assert rows["source_file"] == RAW_PDF.name
    assert rows["sha256"] == hashlib.sha256(RAW_PDF.read_bytes()).hexdigest()
    assert rows["built_at"] == "2021-04-01T09:00:00+09:00"
    assert rows["version"] == VERSION
    # What the source is, from data/raw/sources.toml: whoever cites the data knows it is a rebuild.
    assert (rows["publisher"], rows["fiscal_years"], rows["origin"]) == ("飯塚市", "FY2020, FY2021", "rebuild")
    assert "transcript.json" in rows["rebuilt_from"] and rows["published"] == "not known"


def test_same_inputs_give_the_same_bytes(inputs: dict[str, Any], xlsx: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    write_workbook(again, **inputs)
    assert again.read_bytes() == xlsx.read_bytes()


def small_inputs(**frames: pd.DataFrame) -> dict[str, Any]:
    fields = {
        "measures": [{"name": "a", "type": "string", "title": "甲"}, {"name": "n", "type": "number", "title": "乙"}]
    }
    others = [name for name in TABLES if name != "measures"]
    fields |= {name: [{"name": "a", "type": "string", "title": "甲"}] for name in others}
    empty = pd.DataFrame({"a": pd.array([], dtype="string")})
    return {
        "tables": {
            name: as_columns(df, fields[name]) for name, df in ({**dict.fromkeys(others, empty), **frames}).items()
        },
        "anomalies": [],
        "sources": [],
        "built_at": BUILT_AT,
        "version": VERSION,
    }


def test_text_that_looks_like_a_formula_or_number_stays_text(tmp_path: Path) -> None:
    values = ["=1+1", "0123", "1e3", "http://example.com", None]
    df = pd.DataFrame(
        {"a": pd.array(values, dtype="string"), "n": pd.array([0.5, 1.0, None, 2.0, 3.0], dtype="Float64")}
    )
    write_workbook(tmp_path / "x.xlsx", **small_inputs(measures=df))
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")[SHEET_NAMES["measures"]]
    assert typed(sheet_rows(sheet)) == typed(expected_rows(df))


def test_a_table_whose_columns_do_not_match_its_fields_is_refused(tmp_path: Path) -> None:
    inputs = small_inputs(measures=pd.DataFrame({"a": pd.array(["x"], dtype="string"), "n": pd.array([1.0])}))
    inputs["tables"]["measures"] = Columns(inputs["tables"]["measures"].fields, [["x"]])  # two fields, one column
    with pytest.raises(ValueError, match="2 fields but 1 columns"):
        write_workbook(tmp_path / "x.xlsx", **inputs)
    assert not (tmp_path / "x.xlsx").exists()  # no half-written workbook


def test_the_built_workbook_equals_the_built_parquet_files(tmp_path: Path) -> None:
    """Through the command: the .xlsx in the output holds what the .parquet files hold."""
    from pipeline.cli import main
    from pipeline.writing.output import workbook_name

    out = tmp_path / "clean"
    assert main(["--quiet", "--out", str(out), str(RAW_PDF)]) == 0
    book = openpyxl.load_workbook(out / workbook_name())
    for name in TABLES:
        parquet = pd.read_parquet(out / f"{name}.parquet")
        if not parquet.empty:
            assert typed(sheet_rows(book[SHEET_NAMES[name]])) == typed(expected_rows(parquet)), name
