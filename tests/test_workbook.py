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

from normalize.checks import CHECKS, Anomaly, anomalies
from pipeline.columns import Columns, columns
from pipeline.dataset import Dataset
from pipeline.workbook import ANOMALY_FIELDS, DICTIONARY_SHEET, TABLES, WIDTH_CAP, display_width, write_workbook
from schemas import RESOURCES
from schemas.datapackage import table_schema
from schemas.dictionary import columns as dictionary_columns

from .helpers import RAW_PDF

BUILT_AT = datetime(2021, 4, 1, 9, 0, tzinfo=timezone(timedelta(hours=9)))
VERSION = "9.8.7"
FIELDS = {name: table_schema(RESOURCES[name][0])["fields"] for name in TABLES}


@pytest.fixture(scope="module")
def inputs(dataset: Dataset) -> dict[str, Any]:
    """write_workbook's arguments for the committed PDF."""
    tables = dataset.tables()
    return {
        "tables": {name: columns(name, tables[name]) for name in TABLES},
        "anomalies": anomalies(dataset.measures),
        "sources": [(RAW_PDF.name, hashlib.sha256(RAW_PDF.read_bytes()).hexdigest())],
        "built_at": BUILT_AT,
        "version": VERSION,
        "dictionary": dictionary_columns(),
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


def expected_rows(table: Columns | pd.DataFrame) -> list[list[Any]]:
    """The table's rows as plain Python values, None for a missing value (pd.NA in a frame)."""
    if isinstance(table, pd.DataFrame):
        out: list[list[Any]] = table.astype(object).where(table.notna(), None).values.tolist()
    else:
        out = [list(row) for row in zip(*table.values, strict=True)]
    kinds = {type(v) for row in out for v in row}
    assert kinds <= {int, float, str, type(None)}, kinds  # else the comparison below means less
    return out


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
    inputs: dict[str, Any], book: openpyxl.Workbook, name: str
) -> None:
    table = inputs["tables"][name]
    sheet = book[name]
    assert (sheet.max_row - 2, sheet.max_column) == (table.rows, len(table.fields))
    assert typed(sheet_rows(sheet)) == typed(expected_rows(table))


def test_anomaly_sheet_holds_every_anomaly(inputs: dict[str, Any], book: openpyxl.Workbook) -> None:
    names = [f["name"] for f in ANOMALY_FIELDS[1:]]
    assert sorted(names) == sorted(f.name for f in dataclasses.fields(Anomaly))  # every field, once
    from pipeline.workbook import _plain

    want = [[CHECKS[a.kind]] + [_plain(getattr(a, name)) for name in names] for a in inputs["anomalies"]]
    assert all(a.detail_ja for a in inputs["anomalies"])  # every check says what it found in Japanese
    assert want, "the committed PDF has anomalies; an empty sheet would test nothing"
    assert typed(sheet_rows(book["anomalies"])) == typed(want)


@pytest.mark.parametrize("name", TABLES)
def test_headers_are_japanese_titles_over_machine_names(book: openpyxl.Workbook, name: str) -> None:
    sheet = book[name]
    titles, names = ([c.value for c in row] for row in sheet.iter_rows(max_row=2))
    assert titles == [f["title"] for f in FIELDS[name]]
    assert names == [f["name"] for f in FIELDS[name]]
    assert titles[:3] == ["年度", "表", "№"] or titles[:2] in (["年度", "№"], ["年度", "事業ID"])


def test_anomaly_sheet_is_in_japanese_with_the_english_kind_kept(book: openpyxl.Workbook) -> None:
    titles, names = ([c.value for c in row] for row in book["anomalies"].iter_rows(max_row=2))
    assert titles[:2] == ["種別", "種別（英語）"] and names[:2] == ["kind_ja", "kind"]
    assert all(not t.isascii() for t in titles)


def test_dictionary_sheet_has_a_row_per_column_of_every_table(book: openpyxl.Workbook) -> None:
    rows = list(book[DICTIONARY_SHEET].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [(c.table, c.name) for c in dictionary_columns()]
    assert len(rows) == sum(len(model.model_fields) for model, _ in RESOURCES.values())
    titles = {(r[0], r[1]): r for r in rows}
    assert titles[("measures", "achievement_pct")][2:5] == ("達成度（％）", "数値 (number)", "%")


def test_text_that_looks_like_a_number_shows_no_excel_warning(xlsx: Path, book: openpyxl.Workbook) -> None:
    """target_text "10" is text on purpose: its column is in the sheet's ignoredErrors list."""
    sheet = book["measures"]
    names = [c.value for c in sheet[2]]
    column = get_column_letter(names.index("target_text") + 1)
    looks_numeric = [c.value for c in sheet[column][2:] if isinstance(c.value, str) and c.value.isdigit()]
    assert looks_numeric, "the report has targets printed as bare numbers"
    with zipfile.ZipFile(xlsx) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    ignored = re.search(r'<ignoredError sqref="([^"]+)" numberStoredAsText="1"/>', xml)
    assert ignored and f"{column}3:{column}{sheet.max_row}" in ignored.group(1).split()


@pytest.mark.parametrize("name", [*TABLES, DICTIONARY_SHEET, "anomalies", "about"])
def test_header_is_frozen_and_filterable(book: openpyxl.Workbook, name: str) -> None:
    sheet = book[name]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:{get_column_letter(sheet.max_column)}{sheet.max_row}"


def test_multiline_text_wraps_and_keeps_its_line_breaks(inputs: dict[str, Any], book: openpyxl.Workbook) -> None:
    table, sheet = inputs["tables"]["measures"], book["measures"]
    for col, (field, values) in enumerate(zip(table.fields, table.values, strict=True), start=1):
        name = field["name"]
        multiline = field["type"] == "string" and any("\n" in v for v in values if v is not None)
        cells = [c for (c,) in sheet.iter_rows(min_row=3, min_col=col, max_col=col) if c.value is not None]
        if multiline:
            assert all(c.alignment.wrap_text for c in cells), name
            assert column_width(sheet, col) <= WIDTH_CAP
    evaluation = table.names.index("evaluation") + 1
    assert any("\n" in (c.value or "") for (c,) in sheet.iter_rows(min_row=3, min_col=evaluation, max_col=evaluation))
    # Short text does not wrap: a department name on one line reads best.
    department = table.names.index("department") + 1
    assert not sheet.cell(3, department).alignment.wrap_text


def test_column_widths_count_wide_characters_double_and_are_capped(book: openpyxl.Workbook) -> None:
    sheet = book["measures"]
    widths = {sheet.cell(2, c).value: column_width(sheet, c) for c in range(1, sheet.max_column + 1)}
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
    rows = {key: value for _, key, value in book["about"].iter_rows(min_row=3, values_only=True)}
    assert rows["source_file"] == RAW_PDF.name
    assert rows["sha256"] == hashlib.sha256(RAW_PDF.read_bytes()).hexdigest()
    assert rows["built_at"] == "2021-04-01T09:00:00+09:00"
    assert rows["version"] == VERSION


def test_same_inputs_give_the_same_bytes(inputs: dict[str, Any], xlsx: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    write_workbook(again, **inputs)
    assert again.read_bytes() == xlsx.read_bytes()


MEASURE_FIELDS = [{"name": "a", "type": "string", "title": "甲"}, {"name": "n", "type": "number", "title": "乙"}]


def small_inputs(**tables: Columns) -> dict[str, Any]:
    others = [name for name in TABLES if name != "measures"]
    empty = Columns([{"name": "a", "type": "string", "title": "甲"}], [[]])
    return {
        "tables": {**dict.fromkeys(others, empty), **tables},
        "anomalies": [],
        "sources": [],
        "built_at": BUILT_AT,
        "version": VERSION,
    }


def test_text_that_looks_like_a_formula_or_number_stays_text(tmp_path: Path) -> None:
    values = ["=1+1", "0123", "1e3", "http://example.com", None]
    table = Columns(MEASURE_FIELDS, [values, [0.5, 1.0, None, 2.0, 3.0]])
    write_workbook(tmp_path / "x.xlsx", **small_inputs(measures=table))
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["measures"]
    assert typed(sheet_rows(sheet)) == typed(expected_rows(table))


def test_a_table_whose_columns_do_not_match_its_fields_is_refused(tmp_path: Path) -> None:
    table = Columns(MEASURE_FIELDS, [["x"]])  # two fields, one column
    with pytest.raises(ValueError, match="2 fields but 1 columns"):
        write_workbook(tmp_path / "x.xlsx", **small_inputs(measures=table))
    assert not (tmp_path / "x.xlsx").exists()  # no half-written workbook


def test_the_built_workbook_equals_the_built_parquet_files(tmp_path: Path) -> None:
    """Through the command: the .xlsx in the output holds what the .parquet files hold."""
    from pipeline.cli import main
    from pipeline.output import workbook_name

    out = tmp_path / "clean"
    assert main(["--quiet", "--out", str(out), str(RAW_PDF)]) == 0
    book = openpyxl.load_workbook(out / workbook_name())
    for name in TABLES:
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert typed(sheet_rows(book[name])) == typed(expected_rows(parquet)), name
