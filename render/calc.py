"""The city's way: a spreadsheet (openpyxl workbook) printed to PDF by LibreOffice Calc.

This renders the project's raw PDF and the Calc layout variants (paper, font, column widths,
header and page-break policy), so that every Calc rendering shares one code path.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from .common import (
    COLUMNS,
    MERGED_FIELDS,
    MM,
    PAPER,
    SHEET_TITLES,
    TABLES,
    TEXT_FIELDS,
    Column,
    Row,
    cell_lines,
    load_transcript,
    pages_of,
    program_blocks,
    table_rows,
    text_width_em,
    transcript_chars,
    wrapped_line_count,
)
from .soffice import export_pdf

# Room beside the longest line: LibreOffice's cell indents plus a margin, so that no printed
# line wraps again (0.6 em was measured to be too tight for a line ending in "GPSによる徘").
CELL_PADDING_EM = 1.0

HeaderPolicy = Literal["original", "every", "first"]
BreakPolicy = Literal["original", "auto"]
# A header group: a label printed once over several adjacent columns (the fields it spans);
# the grouped columns then print only their own sub-label in a second header row.
Group = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Layout:
    """How to lay the report out; the defaults reproduce the city's printout."""

    paper: str = "A3"
    font: str = "IPAexGothic"
    font_size: float = 9.0
    text_width_factor: float = 1.0
    headers: HeaderPolicy = "original"
    breaks: BreakPolicy = "original"
    # Extra page breaks (table, program №) to force on top of the policy, e.g. inside №3.
    extra_breaks: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)
    padding_em: float = CELL_PADDING_EM
    # Header labels per table (another template words them otherwise) …
    columns: dict[str, list[Column]] = field(default_factory=lambda: COLUMNS)
    # … and groups over them: with any, the header takes two rows and the ungrouped columns'
    # labels are merged down over both.
    groups: dict[str, list[Group]] = field(default_factory=dict)
    # Sheet names (LibreOffice may print them in the page header): the next year's report
    # names other years.
    sheet_titles: dict[str, str] = field(default_factory=lambda: SHEET_TITLES)


def paragraphs(lines: list[str], text_em: float, font: str) -> list[str]:
    """Printed lines → the paragraphs they were wrapped from, for re-wrapping at a new width.

    The lines are read by normalize/'s own rule (``join_wrapped``, measured in em: the column's
    text edge is its longest line), so the narrow variant checks that the pipeline finds the
    same paragraphs after LibreOffice has wrapped them anew. That is circular for this one
    variant by design: it tests the reading of new wraps, not the rule itself.
    """
    from extract.model import Line
    from normalize.text import join_wrapped, word_splitter

    printed = [Line(line, 0.0, text_width_em(line, font), 1.0) for line in lines]
    return join_wrapped(printed, text_em, words=word_splitter()).split("\n")


def column_widths_em(rows: list[Row], table: str, layout: Layout) -> list[float]:
    """Each column as wide as its longest printed line, so the printed lines stay as printed."""
    out = []
    for fld, label in layout.columns[table]:
        lines = label.split("\n") + [ln for r in rows for ln in cell_lines(r, fld)]
        em = max(text_width_em(ln, layout.font) for ln in lines) + layout.padding_em
        em = max(em, 2.2)
        if fld in TEXT_FIELDS:
            em *= layout.text_width_factor
        out.append(em)
    return out


def _xlsx_width(points: float) -> float:
    # LibreOffice prints an xlsx column width unit as 7 pt (measured on its PDF export).
    return points / 7.0


def write_sheet(ws: Worksheet, table: str, rows: list[Row], layout: Layout) -> None:
    cols = layout.columns[table]
    widths = column_widths_em(rows, table, layout)
    longest = [
        max(text_width_em(ln, layout.font) for r in rows for ln in cell_lines(r, fld) or [""]) for fld, _ in cols
    ]

    def content(row: Row, c: int) -> list[str]:
        """What the cell holds: its printed lines, or its paragraphs when columns change width."""
        fld = cols[c][0]
        lines = cell_lines(row, fld)
        if layout.text_width_factor == 1.0 or fld not in TEXT_FIELDS:
            return lines
        return paragraphs(lines, longest[c], layout.font)

    size = layout.font_size
    line_pt = size * 1.1  # IPAex prints at a 1.0 em pitch; keep a little air
    pad_pt = 4.0
    font = Font(name=layout.font, size=size)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9D9D9")

    for i, em in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _xlsx_width(em * size)

    def fits(lines: list[str], col: int) -> int:
        n = wrapped_line_count(lines, widths[col] - layout.padding_em, layout.font)
        slack = 1 if layout.text_width_factor != 1.0 and n > len(lines) else 0
        return n + slack

    def put_header(r: int) -> int:
        """Write the header from row ``r`` on; returns how many rows it took."""
        groups = layout.groups.get(table, [])
        label_row = r + 1 if groups else r
        height = 0
        for c, (_, label) in enumerate(cols, start=1):
            cell = ws.cell(row=label_row, column=c, value=label)
            cell.font, cell.border, cell.fill = font, border, header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            height = max(height, fits(label.split("\n"), c - 1))
        if groups:
            _put_groups(ws, r, cols, groups, font, border, header_fill)
            ws.row_dimensions[r].height = line_pt + pad_pt
        ws.row_dimensions[label_row].height = height * line_pt + pad_pt
        return label_row - r + 1

    page_heights: list[float] = []
    breaks: list[int] = []
    r = 1
    page_rows = pages_of(rows) if layout.breaks == "original" else [rows]
    for p, page in enumerate(page_rows):
        start = r
        if layout.headers == "original" and (table == "r2" or p < 2) or p == 0:
            r += put_header(r)
        for block in program_blocks(page):
            first = r
            for row in block:
                need = 1
                for c, (fld, _) in enumerate(cols):
                    if fld in MERGED_FIELDS and len(block) > 1:
                        continue
                    need = max(need, fits(content(row, c), c))
                ws.row_dimensions[r].height = need * line_pt + pad_pt
                for c, (fld, _) in enumerate(cols, start=1):
                    cell = ws.cell(row=r, column=c)
                    cell.font, cell.border = font, border
                    cell.alignment = Alignment(
                        horizontal="center" if fld == "no" else "left",
                        vertical="center",
                        wrap_text=True,
                    )
                    if fld in MERGED_FIELDS and row is not block[0]:
                        continue
                    value = "\n".join(content(row, c - 1))
                    cell.value = int(value) if fld == "no" else value
                if (table, row["no"], row["dept_index"]) in layout.extra_breaks:
                    breaks.append(r)
                r += 1
            if len(block) > 1:
                _merge_block(ws, block, cols, first, r - 1, widths, layout, line_pt, pad_pt, content)
        page_heights.append(sum(ws.row_dimensions[i].height for i in range(start, r)))
        if layout.breaks == "original" and p < len(page_rows) - 1:
            breaks.append(r - 1)

    for b in sorted(set(breaks)):
        ws.row_breaks.append(Break(id=b))
    _page_setup(ws, layout, sum(widths) * size, max(page_heights))


def _put_groups(
    ws: Worksheet,
    r: int,
    cols: list[Column],
    groups: list[Group],
    font: Font,
    border: Border,
    fill: PatternFill,
) -> None:
    """Row ``r`` of a two-row header: group labels merged across, ungrouped labels merged down.

    The ungrouped columns' labels were written in row ``r + 1``; they move up into a cell
    merged over both rows, as a template with a grouped header prints them.
    """
    fields = [fld for fld, _ in cols]
    spans = {fields.index(m[0]) + 1: (label, fields.index(m[-1]) + 1) for label, m in groups}
    grouped = {c for first, (_, last) in spans.items() for c in range(first, last + 1)}
    # Style every cell before merging: openpyxl keeps only the merged range's first cell.
    for c in range(1, len(cols) + 1):
        cell = ws.cell(row=r, column=c)
        cell.font, cell.border, cell.fill = font, border, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for first, (label, last) in spans.items():
        ws.cell(row=r, column=first).value = label
        ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
    for c, (_, label) in enumerate(cols, start=1):
        if c not in grouped:
            ws.cell(row=r, column=c).value = label
            ws.cell(row=r + 1, column=c).value = None
            ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)


def _merge_block(
    ws: Worksheet,
    block: list[Row],
    cols: list[tuple[str, str]],
    first: int,
    last: int,
    widths: list[float],
    layout: Layout,
    line_pt: float,
    pad_pt: float,
    content: Callable[[Row, int], list[str]],
) -> None:
    """Merge №/実施内容/内容 over a program's department rows, growing the rows to fit them."""
    need = 0
    for c, (fld, _) in enumerate(cols, start=1):
        if fld in MERGED_FIELDS:
            ws.merge_cells(start_row=first, start_column=c, end_row=last, end_column=c)
            lines = content(block[0], c - 1)
            need = max(need, wrapped_line_count(lines, widths[c - 1] - layout.padding_em, layout.font))
    have = sum(ws.row_dimensions[i].height for i in range(first, last + 1))
    want = need * line_pt + pad_pt
    if want > have:
        extra = (want - have) / (last - first + 1)
        for i in range(first, last + 1):
            ws.row_dimensions[i].height += extra


def _page_setup(ws: Worksheet, layout: Layout, width_pt: float, page_height_pt: float) -> None:
    code, long_mm, short_mm = PAPER[layout.paper]
    margin = 0.4  # inch
    avail_w = long_mm * MM - 2 * margin * 72
    avail_h = short_mm * MM - 2 * margin * 72 - 20
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = code
    ws.page_margins.left = ws.page_margins.right = margin
    ws.page_margins.top = ws.page_margins.bottom = margin
    ws.page_margins.header = ws.page_margins.footer = 0.2
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    scale = avail_w / width_pt
    if layout.breaks == "original":
        scale = min(scale, avail_h / page_height_pt)
    ws.page_setup.scale = max(10, min(100, math.floor(scale * 100)))
    if layout.headers == "every":
        ws.print_title_rows = "1:2" if layout.groups else "1:1"


def build_workbook(rows: list[Row], layout: Layout) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for table in TABLES:
        ws = wb.create_sheet(layout.sheet_titles[table])
        write_sheet(ws, table, table_rows(rows, table), layout)
    return wb


def render(layout: Layout, pdf: Path, xlsx: Path | None = None, rows: list[Row] | None = None) -> None:
    """Write the workbook (beside the PDF unless ``xlsx`` is given) and print it to ``pdf``;
    ``rows`` replace the transcription (a report of another year)."""
    xlsx = xlsx or pdf.with_suffix(".xlsx")
    rows = load_transcript() if rows is None else rows
    build_workbook(rows, layout).save(xlsx)
    export_pdf(xlsx, pdf, layout.font, transcript_chars(rows))
