"""The dataset as one Excel workbook, for the city's staff (Excel on Japanese Windows).

Sheets, named in Japanese (``workbook_ja.SHEET_NAMES``): one per table (``TABLES``: measures,
programs, indicators, extra_fields, progress, corrections), 列の説明 (the data dictionary: every column's
title, type, unit and meaning, from ``schemas.dictionary``), 確認事項 (the anomalies, 要確認
before 参考, each linked to the picture of its row) and an about sheet (source files with their
SHA-256, the sources' date, project version, and which sheet is which file).

Every sheet starts with two title rows: the machine names (what the CSV/Parquet columns and
the code call them; small and grey), then the Japanese titles (what staff read), which carry
the filters, so sorting and filtering never move either title row. The title rows and the key
columns (年度, 表, №, 事業名, 担当課, where the sheet has them) are frozen. Coded values are
shown in Japanese (実績 / 計画, 比率); the CSV and Parquet files keep the codes.

The inputs are plain data (``Columns``, dataclasses, strings) so any build step can
call this; it knows nothing about extraction.

Each sheet prints as an office prints: landscape, one page wide (A3 for a wide sheet, as the
report itself, A4 for a narrow one), the title rows on every page, headed with the dataset's
title and the build's timestamp (never the clock), footed with the sheet's name and
``ページ N / M``. Rows are as tall as their wrapped text: LibreOffice does not fit a row to its
text when it opens a file, so the height is written, estimated from the text's display width
(a line too many rather than one too few).

XlsxWriter, not openpyxl: on this dataset it imports in ~0.03-0.07 s instead of ~0.12-0.2 s
and writes in ~0.05 s instead of ~0.15-0.25 s (normal or write_only mode), so the workbook
stays under 0.1 s, within 10% of a build. It is imported inside the function, so importing
this module costs nothing when no workbook is written.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize.checks import CHECKS, Anomaly, by_severity
from schemas.dictionary import Column
from schemas.provenance import Source

from .workbook_ja import SHEET_NAMES, description_ja, shown

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from .columns import Columns

TABLES = ("measures", "programs", "indicators", "extra_fields", "progress", "corrections")
DATASET_TITLE = "飯塚市自殺対策計画 進捗状況"

# Column widths are in Excel's unit, about one half-width character of the default font.
WIDTH_CAP = 40  # wider text wraps instead: a 300-character evaluation reads on screen and on paper
TITLE_WIDTH_MAX = 10  # a longer title wraps rather than widen a column of short values
KEY_WIDTH_CAP = 24  # a frozen column: the key columns together stay a fraction of the screen
WIDTH_MIN = 4
WIDTH_PAD = 2  # the autofilter button covers the right end of the title cell
# Excel shows at most about 11 characters of a number in a General cell before it rounds.
NUMBER_WIDTH_MAX = 11
HEADER_ROWS = 2
NAME_ROW, TITLE_ROW = 0, 1  # the machine names, then the Japanese titles (with the filters)
# The columns frozen with the titles: a sheet freezes up to the last of these it has.
KEY_COLUMNS = ("fiscal_year", "table", "program_no", "program_name", "department")

# Printing: a sheet wider than this (Excel units) prints on A3, as the report does, else A4.
A3, A4 = 8, 9  # Excel's paper codes
A4_WIDTH_MAX = 160
# Row heights in points: a line of 11 pt 游ゴシック is 18.75 pt in Excel. A full-width character
# there is about 2.1 units wide, not the 2 that ``text_width`` counts: a line is taken to hold a
# little less than it does, so that a row is a line too tall rather than one too short.
WRAP_SAFETY = 0.95
LINE_PT = 18.75
NAME_LINE_PT = 13.0  # the machine-name row, in 9 pt

# Japanese Excel's default font since 2016; Calibri would render kana with a fallback font.
DEFAULT_FONT = {"font_name": "游ゴシック", "font_size": 11}

# The anomaly sheet: most severe first, what staff read first; the English kind and detail
# kept at the end for machines and filters. Titles are those of the same columns elsewhere.
ANOMALY_FIELDS: list[dict[str, str]] = [
    {"name": "severity", "type": "string", "title": "重要度"},
    {"name": "kind_ja", "type": "string", "title": "種別"},
    {"name": "fiscal_year", "type": "integer", "title": "年度"},
    {"name": "table", "type": "string", "title": "表"},
    {"name": "program_no", "type": "integer", "title": "№"},
    {"name": "department", "type": "string", "title": "担当課"},
    {"name": "detail_ja", "type": "string", "title": "確認の内容"},
    {"name": "picture", "type": "link", "title": "該当行の図"},
    {"name": "fields", "type": "string", "title": "確認する欄"},
    {"name": "source_file", "type": "string", "title": "出典ファイル"},
    {"name": "source_page", "type": "integer", "title": "出典ページ"},
    {"name": "department_seq", "type": "integer", "title": "担当課の順番"},
    {"name": "kind", "type": "string", "title": "種別（英語）"},
    {"name": "detail", "type": "string", "title": "確認の内容（英語）"},
]
# The anomaly's fields to check, by the titles the tables' columns carry.
FIELD_TITLES = {"no": "№", "department": "担当課", "target": "目標値", "actual": "実績値", "achievement": "達成度"}

# The data dictionary (schemas.dictionary), one row per column of every table.
DICTIONARY_SHEET = SHEET_NAMES["dictionary"]
DICTIONARY_FIELDS: list[dict[str, str]] = [
    {"name": name, "type": "string", "title": title}
    for name, title in (("sheet", "シート"), ("name", "列名"), ("title", "見出し"), ("type", "型"),
                        ("unit", "単位"), ("required", "必須"), ("key", "キー"), ("description", "説明"),
                        ("table", "ファイル"))
]  # fmt: skip

ABOUT_FIELDS: list[dict[str, str]] = [
    {"name": "item", "type": "string", "title": "項目"},
    {"name": "item_name", "type": "string", "title": "項目（英語）"},
    {"name": "value", "type": "string", "title": "記載事項"},
]
# What an empty table's sheet says in place of rows.
EMPTY = "この表に行はありません。"
EMPTY_WHY = {
    "extra_fields": "報告書のすべての列が、決まった列として読めたためです。",
    "corrections": "読み取った値を手で訂正したもの（corrections.toml）はありません。",
}


@dataclasses.dataclass(frozen=True)
class Formats:
    """The workbook's cell formats; XlsxWriter formats belong to one workbook, so made per call."""

    title: Format
    name: Format
    text: Format
    wrapped: Format
    integer: Format
    number: Format
    link: Format

    @classmethod
    def add_to(cls, book: Workbook) -> Formats:
        header = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "top", "text_wrap": True}
        body = {"valign": "top"}  # tall wrapped rows: every cell reads from the top
        return cls(
            title=book.add_format(header),
            name=book.add_format(header | {"bold": False, "font_color": "#595959", "font_size": 9}),
            text=book.add_format(body),
            wrapped=book.add_format(body | {"text_wrap": True}),
            # "0" keeps an integer an integer on screen and tells a reader it is one: xlsx
            # stores every number as a double, so the format is where int vs float survives.
            integer=book.add_format(body | {"num_format": "0"}),
            number=book.add_format(body | {"num_format": "General"}),
            link=book.add_format(body | {"font_color": "#0563C1", "underline": 1}),
        )


@dataclasses.dataclass(frozen=True)
class Sheet:
    """One sheet to write: its tab name, the file it stands for, its columns."""

    name: str
    source: str  # the machine name: the table (CSV/Parquet file) or what the sheet is
    fields: list[dict[str, Any]]
    columns: list[list[Any]]


def write_workbook(
    path: Path,
    *,
    tables: Mapping[str, Columns],
    anomalies: Sequence[Anomaly],
    sources: Sequence[Source],
    built_at: datetime,
    version: str,
    dictionary: Sequence[Column] = (),
    pictures: Mapping[Anomaly, str] | None = None,
) -> None:
    """Write the workbook to ``path``.

    ``tables``: each table's fields and columns, as ``pipeline.writing.columns.columns`` gives them;
    ``sources``: each source PDF, its SHA-256 and what it is. ``built_at`` is also the file's
    creation date and stands in every page's header, so the same inputs give the same bytes.
    ``pictures``: each anomaly's picture, by its path beside the workbook (``report.anomaly_name``
    when not given).
    """
    # Everything that can refuse the input runs before the workbook exists.
    titles = one_title_each({name: tables[name].fields for name in TABLES})
    sheets = [
        Sheet(SHEET_NAMES[name], name, [f | {"title": titles[name, f["name"]]} for f in tables[name].fields],
              _table_columns(tables[name]))
        for name in TABLES
    ]  # fmt: skip
    if dictionary:
        sheets.append(Sheet(DICTIONARY_SHEET, "dictionary", DICTIONARY_FIELDS, _dictionary_columns(dictionary, titles)))
    ordered = by_severity(anomalies)
    sheets.append(Sheet(SHEET_NAMES["anomalies"], "anomalies", ANOMALY_FIELDS, _anomaly_columns(ordered, pictures)))
    about = _about_columns(sources, built_at, version) + _sheet_files(dictionary=bool(dictionary))
    sheets.append(Sheet(SHEET_NAMES["about"], "about", ABOUT_FIELDS, [list(c) for c in zip(*about, strict=True)]))

    import xlsxwriter

    options = {
        "in_memory": True,  # the file is written whole by close(), with no temporary files
        "strings_to_formulas": False,  # text starting with "=" is text, not a formula
        "strings_to_urls": False,
        "default_format_properties": dict(DEFAULT_FONT),  # a copy: XlsxWriter adds keys to it
    }
    book = xlsxwriter.Workbook(str(path), options)
    book.set_properties({"title": DATASET_TITLE, "created": _utc_naive(built_at)})
    fmt = Formats.add_to(book)
    for sheet in sheets:
        worksheet = book.add_worksheet(sheet.name)
        widths = _write_sheet(worksheet, fmt, sheet)
        _print_setup(worksheet, widths, built_at)
    # Not in a finally: after a failure nothing is written, rather than half a workbook.
    book.close()


def one_title_each(tables: Mapping[str, Sequence[dict[str, Any]]]) -> dict[tuple[str, str], str]:
    """Each column's title, by (table, name): its schema title, unless a column of another
    name took that title first (indicators' target_value titled 目標値, the title of measures'
    printed target): then the title its name has where it first appears (目標値（数値）).
    One title means one thing in every sheet."""
    first: dict[str, str] = {}  # name → its title where it first appears
    owner: dict[str, str] = {}  # title → the name that has it
    out: dict[tuple[str, str], str] = {}
    for table, fields in tables.items():
        for f in fields:
            name, title = f["name"], f.get("title") or f["name"]
            first.setdefault(name, title)
            if owner.setdefault(title, name) != name:
                title = first[name]
            out[table, name] = title
    return out


def _utc_naive(moment: datetime) -> datetime:
    """XlsxWriter writes the creation date as UTC without converting; give it UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _table_columns(table: Columns) -> list[list[Any]]:
    """Each column's values, coded values shown (実績 for results)."""
    if len(table.values) != len(table.fields):
        raise ValueError(f"a table of {len(table.fields)} fields but {len(table.values)} columns")
    return [
        [shown(f["name"], v) if isinstance(v, str) else v for v in values] if f["type"] == "string" else values
        for f, values in zip(table.fields, table.values, strict=True)
    ]


def _anomaly_columns(anomalies: Sequence[Anomaly], pictures: Mapping[Anomaly, str] | None) -> list[list[Any]]:
    if pictures is None:
        from ..reporting.report import anomaly_name

        pictures = {a: anomaly_name(a) for a in anomalies if a.table is not None and a.department_seq is not None}
    computed: dict[str, list[Any]] = {
        "kind_ja": [CHECKS.get(a.kind, a.kind) for a in anomalies],
        "picture": [pictures.get(a) for a in anomalies],
        "table": [shown("table", a.table.value) if a.table else None for a in anomalies],
    }
    return [computed.get(f["name"]) or [_plain(getattr(a, f["name"])) for a in anomalies] for f in ANOMALY_FIELDS]


def _dictionary_columns(dictionary: Sequence[Column], titles: Mapping[tuple[str, str], str]) -> list[list[Any]]:
    rows = [
        (SHEET_NAMES.get(c.table, c.table), c.name, titles.get((c.table, c.name), c.title), c.type_title,
         c.unit or None, "必須" if c.required else None, "キー" if c.key else None,
         description_ja(c.table, c.name, c.description) + (f"（{'、'.join(map(_shown_code, c.values))}）"
                                                           if c.values else ""),
         c.table)
        for c in dictionary
    ]  # fmt: skip
    return [list(column) for column in zip(*rows, strict=True)]


def _shown_code(code: str) -> str:
    """A coded value with how the workbook shows it: results（実績）."""
    ja = shown("table", code)
    return code if ja == code else f"{code}＝{ja}"


def _plain(value: Any) -> Any:
    """An anomaly's value as a cell holds it: a table kind by its name, fields as a list of
    the columns' Japanese titles."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return "、".join(FIELD_TITLES.get(str(f), str(f)) for f in value) or None
    return value


def _about_columns(sources: Sequence[Source], built_at: datetime, version: str) -> list[tuple[str, str, str]]:
    # A time as ISO 8601 text, not an Excel date: Excel dates have no time zone.
    rows = []
    for source in sources:  # each file beside its digest (to compare against sha256sum) and what it is
        rows += source.facts()
    # The newest date the source PDFs record (or SOURCE_DATE_EPOCH), not the clock and not when
    # they were published: see pipeline.writing.buildtime.
    rows += [
        ("ビルド日時（出典PDFが記録する最新の日付。公表日ではない）", "built_at", built_at.isoformat()),
        ("バージョン", "version", version),
    ]
    return rows


def _sheet_files(*, dictionary: bool) -> list[tuple[str, str, str]]:
    """Which sheet is which file beside the workbook: the analysts' names for the staff's sheets."""
    files = {name: f"{name}.csv、{name}.parquet" for name in TABLES}
    files |= {"dictionary": "README.md、datapackage.json", "anomalies": "quality.md、quality.html"}
    return [
        (f"シート「{SHEET_NAMES[name]}」", name, file)
        for name, file in files.items()
        if dictionary or name != "dictionary"
    ]


def _write_sheet(sheet: Worksheet, fmt: Formats, spec: Sheet) -> list[int]:
    """The title rows, the data column by column, widths, row heights, frozen keys and the
    filters; returns the columns' widths."""
    fields, columns = spec.fields, spec.columns
    names = [f["name"] for f in fields]
    frozen = max((names.index(k) + 1 for k in KEY_COLUMNS if k in names), default=0)
    frozen = frozen if spec.source in TABLES else 0
    caps = [KEY_WIDTH_CAP if c < frozen else WIDTH_CAP for c in range(len(fields))]
    layouts = [_column_layout(f, v, cap) for f, v, cap in zip(fields, columns, caps, strict=True)]
    widths = fill_a4([w for w, _ in layouts], [w == cap and wrap for (w, wrap), cap in zip(layouts, caps, strict=True)])
    wrapped = [wrap for _, wrap in layouts]
    for c, (field, values) in enumerate(zip(fields, columns, strict=True)):
        sheet.write_string(NAME_ROW, c, field["name"], fmt.name)
        sheet.write_string(TITLE_ROW, c, field.get("title") or field["name"], fmt.title)
        cell_format = _write_column(sheet, c, field["type"], values, fmt, wrapped[c])
        sheet.set_column(c, c, widths[c], cell_format)
    rows = max((len(v) for v in columns), default=0)
    _row_heights(sheet, fields, columns, widths, wrapped)
    # Text columns are text on purpose (a target printed as "10", a № kept as written): tell
    # Excel, or it marks each such cell with a green "number stored as text" triangle.
    text = [c for c, f in enumerate(fields) if f["type"] not in ("integer", "number", "boolean", "link")]
    if text and rows:
        from xlsxwriter.utility import xl_rowcol_to_cell as cell

        ranges = " ".join(f"{cell(HEADER_ROWS, c)}:{cell(HEADER_ROWS + rows - 1, c)}" for c in text)
        sheet.ignore_errors({"number_stored_as_text": ranges})
    if not rows:
        sheet.write_string(HEADER_ROWS, 0, EMPTY + EMPTY_WHY.get(spec.source, ""), fmt.text)
    sheet.freeze_panes(HEADER_ROWS, frozen)
    sheet.autofilter(TITLE_ROW, 0, TITLE_ROW + rows, len(fields) - 1)
    return widths


def fill_a4(widths: Sequence[int], capped: Sequence[bool]) -> list[int]:
    """A sheet that prints on A4 gives its spare width to its capped text columns (a
    description then takes half the lines, and the printout half the pages)."""
    spare = A4_WIDTH_MAX - sum(widths)
    n = sum(capped)
    if spare <= 0 or not n:
        return list(widths)
    return [w + spare // n if grow else w for w, grow in zip(widths, capped, strict=True)]


def _print_setup(sheet: Worksheet, widths: Sequence[float], built_at: datetime) -> None:
    """Landscape, one page wide, the title rows on every page, header and footer."""
    sheet.set_landscape()
    sheet.set_paper(A3 if sum(widths) > A4_WIDTH_MAX else A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(NAME_ROW, TITLE_ROW)
    sheet.hide_gridlines(0)  # printed too: a wrapped cell's extent is then visible on paper
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    stamp = built_at.isoformat().replace("&", "&&")
    sheet.set_header(f"&L{DATASET_TITLE}&Rビルド日時 {stamp}", {"margin": 0.3})
    sheet.set_footer("&L&A&Rページ &P / &N", {"margin": 0.3})


def _write_column(sheet: Worksheet, c: int, kind: str, values: list[Any], fmt: Formats, wrap: bool) -> Format:
    """Typed writes (never the guessing ``write``): text stays text, None stays an empty cell."""
    if kind == "link":  # a picture beside the workbook, by its relative path
        for r, value in enumerate(values, start=HEADER_ROWS):
            if value is not None:
                sheet.write_url(r, c, f"external:{value}", fmt.link, string="図を開く", tip=value)
        return fmt.link
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


def _column_layout(field: dict[str, Any], values: list[Any], cap: int = WIDTH_CAP) -> tuple[int, bool]:
    """Width in Excel units, and whether the column's text wraps (too wide, or multi-line).
    The machine name wraps in its small row rather than widen the column."""
    widest = min(display_width(field.get("title") or ""), TITLE_WIDTH_MAX)
    wrap = False
    if field["type"] in ("integer", "number"):
        for v in values:
            if v is not None:
                widest = max(widest, min(len(repr(v)), NUMBER_WIDTH_MAX))
    elif field["type"] == "link":
        widest = max(widest, 10)
    else:
        for v in values:
            if v is None:
                continue
            v = str(v)
            wrap = wrap or "\n" in v
            widest = max(widest, display_width(v))
            if widest > cap:
                return cap, True
    return min(max(widest, WIDTH_MIN) + WIDTH_PAD, cap), wrap


def _row_heights(
    sheet: Worksheet, fields: Sequence[dict[str, Any]], columns: Sequence[list[Any]], widths: Sequence[float],
    wrapped: Sequence[bool],
) -> None:  # fmt: skip
    """Each row as tall as its tallest wrapped cell; the title rows as tall as their titles."""
    names = max(_lines(f["name"], w * 1.2) for f, w in zip(fields, widths, strict=True))  # 9 pt: more fit
    sheet.set_row(NAME_ROW, NAME_LINE_PT * names)
    titles = max(_lines(f.get("title") or "", w - WIDTH_PAD) for f, w in zip(fields, widths, strict=True))
    sheet.set_row(TITLE_ROW, LINE_PT * titles)
    tall = [c for c, w in enumerate(wrapped) if w]
    for r in range(max((len(v) for v in columns), default=0)):
        lines = max((_lines(columns[c][r], widths[c]) for c in tall), default=1)
        if lines > 1:
            sheet.set_row(HEADER_ROWS + r, LINE_PT * lines)


def _lines(value: Any, width: float) -> int:
    """How many lines a cell's text takes in a column ``width`` units wide, wrapped: each line
    as printed, broken where it reaches the edge (a unit spare for the cell's padding)."""
    if not isinstance(value, str) or not value:
        return 1
    usable = max(1.0, (width - 1) * WRAP_SAFETY)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in value.split("\n"))


def text_width(line: str) -> int:
    """A line's width in half-width characters, East Asian wide and ambiguous ones counting two."""
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


def display_width(text: str) -> int:
    """Width of the widest line, East Asian wide characters counting two.

    Ambiguous-width characters (○, ①, ※, …) count two as well: Japanese fonts draw them full
    width. A line longer than WIDTH_CAP characters is at least that wide, so it is not measured.
    """
    widest = 0
    for line in text.split("\n"):
        widest = max(widest, len(line) if len(line) > WIDTH_CAP else text_width(line))
    return widest
