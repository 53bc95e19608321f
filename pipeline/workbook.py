"""The dataset as one Excel workbook, for the city's staff (Excel on Japanese Windows).

Sheets: one per table (``TABLES``: measures, programs, indicators, extra_fields, progress),
列の説明 (the data dictionary: every column's title, type, unit and meaning, from
``schemas.dictionary``), ``anomalies`` (in Japanese, the English kind kept beside it) and
``about`` (source files with their SHA-256, the sources' date, project version).

Every sheet starts with two header rows: the Japanese titles from the schema (what staff read),
then the machine names (what the CSV/Parquet columns and the code call them). A second row,
rather than cell notes, because it is visible without hovering, survives copy-paste and "save as
CSV", and needs no VML drawing part (notes make the file slower to write and to open). The two
rows are frozen and the autofilter sits on the machine-name row, the last header row, so sorting
and filtering never move either header row.

The inputs are plain data (``Columns``, dataclasses, strings) so any build step can
call this; it knows nothing about extraction.

Rows get no stored height: Excel then fits each row to its wrapped text when it opens the file
(LibreOffice does not, and shows one line until the row is re-fitted). A computed height would
be a guess at the font's metrics and could clip text in Excel, the program this is for.

XlsxWriter, not openpyxl: on this dataset it imports in ~0.03-0.07 s instead of ~0.12-0.2 s
and writes in ~0.05 s instead of ~0.15-0.25 s (normal or write_only mode), so the workbook
stays under 0.1 s, within 10% of a build. It is imported inside the function, so importing
this module costs nothing when no workbook is written.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize.checks import CHECKS, Anomaly
from schemas.dictionary import Column

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from .columns import Columns

TABLES = ("measures", "programs", "indicators", "extra_fields", "progress")

# Column widths are in Excel's unit, about one half-width character of the default font.
WIDTH_CAP = 50  # wider text wraps instead: a 300-character evaluation stays readable on screen
WIDTH_MIN = 4
WIDTH_PAD = 2  # the autofilter button covers the right end of the header cell
# Excel shows at most about 11 characters of a number in a General cell before it rounds.
NUMBER_WIDTH_MAX = 11
HEADER_ROWS = 2

# Japanese Excel's default font since 2016; Calibri would render kana with a fallback font.
DEFAULT_FONT = {"font_name": "游ゴシック", "font_size": 11}

# Titles for the anomaly sheet, worded like the schema's titles of the same columns. The kind
# in Japanese first (what staff read), then the English one kept for machines and filters.
ANOMALY_FIELDS: list[dict[str, str]] = [
    {"name": "kind_ja", "type": "string", "title": "種別"},
    {"name": "kind", "type": "string", "title": "種別（英語）"},
    {"name": "fiscal_year", "type": "integer", "title": "年度"},
    {"name": "program_no", "type": "integer", "title": "№"},
    {"name": "department", "type": "string", "title": "担当課"},
    {"name": "detail_ja", "type": "string", "title": "内容"},
    {"name": "source_file", "type": "string", "title": "出典ファイル"},
    {"name": "source_page", "type": "integer", "title": "出典ページ"},
    {"name": "table", "type": "string", "title": "表"},
    {"name": "department_seq", "type": "integer", "title": "担当課の順番"},
    {"name": "fields", "type": "string", "title": "確認する欄"},
    {"name": "detail", "type": "string", "title": "内容（英語）"},
]
# The anomaly's fields to check, by the titles the tables' columns carry.
FIELD_TITLES = {"no": "№", "department": "担当課", "target": "目標値", "actual": "実績値", "achievement": "達成度"}

# The data dictionary (schemas.dictionary), one row per column of every table.
DICTIONARY_SHEET = "列の説明"
DICTIONARY_FIELDS: list[dict[str, str]] = [
    {"name": name, "type": "string", "title": title}
    for name, title in (("table", "表（シート）"), ("name", "列名"), ("title", "見出し"), ("type", "型"),
                        ("unit", "単位"), ("required", "必須"), ("key", "キー"), ("description", "説明"))
]  # fmt: skip

ABOUT_FIELDS: list[dict[str, str]] = [
    {"name": "item", "type": "string", "title": "項目"},
    {"name": "key", "type": "string", "title": "キー"},
    {"name": "value", "type": "string", "title": "値"},
]


@dataclasses.dataclass(frozen=True)
class Formats:
    """The workbook's cell formats; XlsxWriter formats belong to one workbook, so made per call."""

    title: Format
    name: Format
    text: Format
    wrapped: Format
    integer: Format
    number: Format

    @classmethod
    def add_to(cls, book: Workbook) -> Formats:
        header = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "top"}
        body = {"valign": "top"}  # tall wrapped rows: every cell reads from the top
        return cls(
            title=book.add_format(header | {"text_wrap": True}),
            name=book.add_format(header | {"bold": False, "font_color": "#595959", "font_size": 9}),
            text=book.add_format(body),
            wrapped=book.add_format(body | {"text_wrap": True}),
            # "0" keeps an integer an integer on screen and tells a reader it is one: xlsx
            # stores every number as a double, so the format is where int vs float survives.
            integer=book.add_format(body | {"num_format": "0"}),
            number=book.add_format(body | {"num_format": "General"}),
        )


def write_workbook(
    path: Path,
    *,
    tables: Mapping[str, Columns],
    anomalies: Sequence[Anomaly],
    sources: Sequence[tuple[str, str]],
    built_at: datetime,
    version: str,
    dictionary: Sequence[Column] = (),
) -> None:
    """Write the workbook to ``path``.

    ``tables``: each table's fields and columns, as ``pipeline.columns.columns`` gives them;
    ``sources``: (file name, SHA-256 hex) of each source PDF. ``built_at`` is also the file's
    creation date, so the same inputs give the same bytes.
    """
    # Everything that can refuse the input runs before the workbook exists.
    sheets = [(name, tables[name].fields, _table_columns(tables[name])) for name in TABLES]
    if dictionary:
        sheets.append((DICTIONARY_SHEET, DICTIONARY_FIELDS, _dictionary_columns(dictionary)))
    sheets.append(("anomalies", ANOMALY_FIELDS, _anomaly_columns(anomalies)))
    sheets.append(("about", ABOUT_FIELDS, _about_columns(sources, built_at, version)))

    import xlsxwriter

    options = {
        "in_memory": True,  # the file is written whole by close(), with no temporary files
        "strings_to_formulas": False,  # text starting with "=" is text, not a formula
        "strings_to_urls": False,
        "default_format_properties": dict(DEFAULT_FONT),  # a copy: XlsxWriter adds keys to it
    }
    book = xlsxwriter.Workbook(str(path), options)
    book.set_properties({"title": "飯塚市自殺対策計画 進捗状況", "created": _utc_naive(built_at)})
    fmt = Formats.add_to(book)
    for name, sheet_fields, columns in sheets:
        _write_sheet(book.add_worksheet(name), fmt, sheet_fields, columns)
    # Not in a finally: after a failure nothing is written, rather than half a workbook.
    book.close()


def _utc_naive(moment: datetime) -> datetime:
    """XlsxWriter writes the creation date as UTC without converting; give it UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _table_columns(table: Columns) -> list[list[Any]]:
    if len(table.values) != len(table.fields):
        raise ValueError(f"a table of {len(table.fields)} fields but {len(table.values)} columns")
    return table.values


def _anomaly_columns(anomalies: Sequence[Anomaly]) -> list[list[Any]]:
    japanese = [CHECKS.get(a.kind, a.kind) for a in anomalies]
    return [japanese] + [[_plain(getattr(a, f["name"])) for a in anomalies] for f in ANOMALY_FIELDS[1:]]


def _dictionary_columns(dictionary: Sequence[Column]) -> list[list[Any]]:
    rows = [
        (c.table, c.name, c.title, c.type_title, c.unit or None, "必須" if c.required else None,
         "キー" if c.key else None, c.description + (f"（{'、'.join(c.values)}）" if c.values else ""))
        for c in dictionary
    ]  # fmt: skip
    return [list(column) for column in zip(*rows, strict=True)]


def _plain(value: Any) -> Any:
    """An anomaly's value as a cell holds it: a table kind by its name, fields as a list of
    the columns' Japanese titles."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return "、".join(FIELD_TITLES.get(str(f), str(f)) for f in value) or None
    return value


def _about_columns(sources: Sequence[tuple[str, str]], built_at: datetime, version: str) -> list[list[Any]]:
    # A time as ISO 8601 text, not an Excel date: Excel dates have no time zone.
    rows = []
    for file, digest in sources:  # each file beside its digest, to compare against sha256sum
        rows += [("出典ファイル", "source_file", file), ("SHA-256", "sha256", digest)]
    # The sources' own date (or SOURCE_DATE_EPOCH), not the clock: see pipeline.buildtime.
    rows += [("作成日時（出典PDFの日付）", "built_at", built_at.isoformat()), ("バージョン", "version", version)]
    return [list(column) for column in zip(*rows, strict=False)]


def _write_sheet(sheet: Worksheet, fmt: Formats, fields: list[dict[str, Any]], columns: list[list[Any]]) -> None:
    """Two header rows, the data column by column, then widths, freeze panes and autofilter."""
    for c, (field, values) in enumerate(zip(fields, columns, strict=True)):
        sheet.write_string(0, c, field.get("title") or field["name"], fmt.title)
        sheet.write_string(1, c, field["name"], fmt.name)
        width, wrap = _column_layout(field, values)
        cell_format = _write_column(sheet, c, field["type"], values, fmt, wrap)
        sheet.set_column(c, c, width, cell_format)
    rows = max((len(v) for v in columns), default=0)
    # Text columns are text on purpose (a target printed as "10", a № kept as written): tell
    # Excel, or it marks each such cell with a green "number stored as text" triangle.
    text = [c for c, f in enumerate(fields) if f["type"] not in ("integer", "number", "boolean")]
    if text and rows:
        from xlsxwriter.utility import xl_rowcol_to_cell as cell

        ranges = " ".join(f"{cell(HEADER_ROWS, c)}:{cell(HEADER_ROWS + rows - 1, c)}" for c in text)
        sheet.ignore_errors({"number_stored_as_text": ranges})
    sheet.freeze_panes(HEADER_ROWS, 0)
    sheet.autofilter(HEADER_ROWS - 1, 0, HEADER_ROWS - 1 + rows, len(fields) - 1)


def _write_column(sheet: Worksheet, c: int, kind: str, values: list[Any], fmt: Formats, wrap: bool) -> Format:
    """Typed writes (never the guessing ``write``): text stays text, None stays an empty cell."""
    if kind == "integer":
        cell_format, write = fmt.integer, sheet.write_number
    elif kind == "number":
        cell_format, write = fmt.number, sheet.write_number
    elif kind == "boolean":
        cell_format, write = fmt.text, sheet.write_boolean
    else:
        cell_format, write = (fmt.wrapped if wrap else fmt.text), sheet.write_string
    for r, value in enumerate(values, start=HEADER_ROWS):
        if value is not None:
            write(r, c, value, cell_format)
    return cell_format


def _column_layout(field: dict[str, Any], values: list[Any]) -> tuple[int, bool]:
    """Width in Excel units, and whether the column's text wraps (too wide, or multi-line)."""
    widest = max(display_width(field.get("title") or ""), display_width(field["name"]))
    wrap = False
    if field["type"] in ("integer", "number"):
        for v in values:
            if v is not None:
                widest = max(widest, min(len(repr(v)), NUMBER_WIDTH_MAX))
    else:
        for v in values:
            if v is None:
                continue
            v = str(v)
            wrap = wrap or "\n" in v
            widest = max(widest, display_width(v))
            if widest > WIDTH_CAP:
                return WIDTH_CAP, True
    return min(max(widest, WIDTH_MIN) + WIDTH_PAD, WIDTH_CAP), wrap


def display_width(text: str) -> int:
    """Width of the widest line, East Asian wide characters counting two.

    Ambiguous-width characters (○, ①, ※, …) count two as well: Japanese fonts draw them full
    width. A line longer than WIDTH_CAP characters is at least that wide, so it is not measured.
    """
    widest = 0
    for line in text.split("\n"):
        if line.isascii() or len(line) > WIDTH_CAP:
            width = len(line)
        else:
            width = sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
        widest = max(widest, width)
    return widest
