"""A second producer: the table drawn directly on a reportlab canvas, as report generators do.

Unlike an office suite it draws every rule as a thin FILLED rectangle (no stroked lines), shades
the header row with a grey filled rectangle, and cuts rows wherever the page ends: the table
is laid out on one endless strip and the strip is sliced into pages between two text lines,
so a tall row (or a merged department block) continues on the next page, without its № there,
under a repeated header. Text lines are placed exactly as the transcription's printed lines.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .common import (
    COLUMNS,
    FONT_FILES,
    MERGED_FIELDS,
    MM,
    PAPER,
    TABLES,
    Column,
    Row,
    cell_lines,
    load_transcript,
    program_blocks,
    table_rows,
    text_width_em,
    transcript_chars,
    write_distinct_glyph_font,
)

ASCENT_EM = 0.88  # IPAex's ascender: from a line's top to its baseline
INDENT = "\u3000"  # a typed full-width space


@dataclass(frozen=True)
class CanvasLayout:
    """Sizes of the canvas rendering; the font size is chosen so the widest table fits."""

    paper: str = "A3"
    font: str = "IPAexGothic"
    margin_mm: float = 12.0
    line_pitch_em: float = 1.25
    pad_pt: float = 2.0  # above and below a cell's text
    padding_em: float = 1.0  # beside the longest line, half on each side
    rule_pt: float = 0.5  # thickness of the filled rectangles that stand for rules
    header_grey: float = 0.8
    # Blank room above a table on its first page, per table: 450 pt makes the FY2020 table's
    # first page break fall inside №3's merged block (a tall block must be cut too, not only
    # single rows); elsewhere the breaks fall where the page ends.
    lead_space_pt: tuple[tuple[str, float], ...] = (("r2", 450.0),)
    # Columns (field, label) per table where they differ from the city's (common.COLUMNS): in
    # another order, with a column the schema does not know (common.EXTRA_VALUES), or without one.
    columns: tuple[tuple[str, tuple[Column, ...]], ...] = ()
    # Fields whose cells are set vertically, one character a line (縦書き, a narrow column).
    vertical: tuple[str, ...] = ()
    # Page breaks may cut a department row between two of its lines; else only between rows
    # (a department cut in the middle of its vertical name would read as two departments).
    cut_rows: bool = True
    # False: horizontal rules only, no vertical rule anywhere (the "booktabs" style of many Word
    # templates); the columns are then told by the text and by where the row rules stop.
    vertical_rules: bool = True
    # 90 or 270: each landscape page drawn turned a quarter (counter-clockwise for 90) on a
    # portrait page without /Rotate, as Word prints a landscape table in a portrait document.
    turn: int = 0
    # What an office print carries (issue 27). Fields whose cells and header label are set in
    # Excel's distributed alignment (均等割付): each glyph placed alone, spread over the cell.
    distributed: tuple[str, ...] = ()
    # A draft stamp drawn large, light grey and at 45° across the middle of every page, over
    # the table (after it) or under it; "" for none.
    stamp: str = ""
    stamp_over: bool = True
    stamp_size_pt: float = 150.0
    # The continuation lines of a ・ item typed with a full-width space to sit under the bullet.
    indent: bool = False
    # Fields whose first printed line is underlined: 1 single, 2 double (a 0.5 pt stroke under
    # the glyphs, inside the cell, as Excel underlines a phrase).
    underline: tuple[tuple[str, int], ...] = ()
    # Page breaks forced inside a row: (table, program №, line) breaks before that printed line
    # of the program's first department row (the page's slice ends there).
    breaks: tuple[tuple[str, int, int], ...] = ()

    def columns_of(self, table: str) -> list[Column]:
        return list(dict(self.columns).get(table, COLUMNS[table]))

    def lines(self, row: Row, fld: str) -> list[str]:
        lines = cell_lines(row, fld)
        return [c for line in lines for c in line] if fld in self.vertical else lines

    def printed(self, row: Row, fld: str) -> list[str]:
        """The lines as typed: with an indent on each continuation of a ・ item (``indent``)."""
        lines = self.lines(row, fld)
        if not self.indent:
            return lines
        out: list[str] = []
        in_item = False
        for line in lines:
            in_item = line.startswith("・") or (in_item and bool(out))
            out.append(INDENT + line if in_item and not line.startswith("・") else line)
        return out


@dataclass(frozen=True)
class Cell:
    """A cell on the endless strip: its box (top-down y) and its printed lines."""

    x0: float
    x1: float
    top: float
    bottom: float
    lines: tuple[str, ...]
    center: bool = False
    merged: bool = False  # over a program's department rows
    spread: bool = False  # distributed alignment (均等割付)
    underline: int = 0  # strokes under the first line (CanvasLayout.underline)


def _register_font(layout: CanvasLayout, chars: set[str], tmp: Path) -> str:
    """Register the font with a glyph per code point, so ToUnicode keeps ⾃ and the dashes apart."""
    ttf = tmp / f"{layout.font}-distinct.ttf"
    write_distinct_glyph_font(Path(FONT_FILES[layout.font]), ttf, chars)
    pdfmetrics.registerFont(TTFont(layout.font, str(ttf)))
    return layout.font


def _page_size(layout: CanvasLayout) -> tuple[float, float]:
    """The landscape page the table is laid out on (turned pages are printed portrait)."""
    _, long_mm, short_mm = PAPER[layout.paper]
    return long_mm * MM, short_mm * MM


def _paper_size(layout: CanvasLayout) -> tuple[float, float]:
    """The printed page: the layout's page, or portrait where the layout is turned."""
    w, h = _page_size(layout)
    return (h, w) if layout.turn else (w, h)


def turn_page(canvas: Canvas, layout: CanvasLayout) -> None:
    """Map the landscape layout onto the portrait paper, turned by ``layout.turn``."""
    w, h = _page_size(layout)
    if layout.turn == 90:  # (x, y) -> (h - y, x): text reads bottom to top
        canvas.translate(h, 0)
        canvas.rotate(90)
    elif layout.turn == 270:  # (x, y) -> (y, w - x): text reads top to bottom
        canvas.translate(0, w)
        canvas.rotate(-90)
    elif layout.turn:
        raise ValueError(f"turn must be 0, 90 or 270, not {layout.turn}")


def column_widths_em(rows: list[Row], table: str, layout: CanvasLayout) -> list[float]:
    """Each column as wide as its longest printed line (or header label line)."""
    out = []
    for fld, label in layout.columns_of(table):
        lines = label.split("\n") + [ln for r in rows for ln in layout.lines(r, fld)]
        out.append(max(text_width_em(ln, layout.font) for ln in lines) + layout.padding_em)
    return out


def font_size(rows: list[Row], layout: CanvasLayout) -> float:
    """One size for both tables: the largest at which the widest table fits the page width."""
    width = _page_size(layout)[0] - 2 * layout.margin_mm * MM
    widest = max(sum(column_widths_em(table_rows(rows, t), t, layout)) for t in TABLES)
    return min(9.0, width / widest)


def strip_cells(rows: list[Row], table: str, xs: list[float], size: float, layout: CanvasLayout) -> list[Cell]:
    """The table body on an endless strip from y = 0: department rows, merged cells over blocks."""
    cols = layout.columns_of(table)
    pitch = layout.line_pitch_em * size

    def height(n_lines: int) -> float:
        return n_lines * pitch + 2 * layout.pad_pt

    cells: list[Cell] = []
    y = 0.0
    for block in program_blocks(rows):
        merged = [c for c, (fld, _) in enumerate(cols) if fld in MERGED_FIELDS and len(block) > 1]
        heights = [
            height(max(len(layout.lines(r, fld)) for c, (fld, _) in enumerate(cols) if c not in merged)) for r in block
        ]
        need = max((height(len(layout.lines(block[0], cols[c][0]))) for c in merged), default=0.0)
        heights[-1] += max(0.0, need - sum(heights))  # the merged text must fit the block
        for c in merged:
            fld = cols[c][0]
            lines = tuple(layout.printed(block[0], fld))
            spread = fld in layout.distributed
            cells.append(Cell(xs[c], xs[c + 1], y, y + sum(heights), lines, fld == "no", merged=True, spread=spread))
        top = y
        for row, h in zip(block, heights, strict=False):
            for c, (fld, _) in enumerate(cols):
                if c not in merged:
                    lines = tuple(layout.printed(row, fld))
                    spread, under = fld in layout.distributed, dict(layout.underline).get(fld, 0)
                    cells.append(
                        Cell(xs[c], xs[c + 1], top, top + h, lines, fld == "no", spread=spread, underline=under)
                    )
            top += h
        y = top
    return cells


def line_spans(cells: list[Cell], size: float, layout: CanvasLayout) -> list[tuple[float, float]]:
    """Where each text line sits on the strip (top, bottom): page breaks must fall between them."""
    pitch = layout.line_pitch_em * size
    return [
        (c.top + layout.pad_pt + i * pitch, c.top + layout.pad_pt + (i + 1) * pitch)
        for c in cells
        for i in range(len(c.lines))
    ]


def page_slices(
    total: float, first: float, body: float, spans: list[tuple[float, float]], forced: Sequence[float] = ()
) -> list[tuple[float, float]]:
    """Cut the strip into page slices of at most ``first`` / ``body`` pt, never through a line;
    a slice also ends at each ``forced`` position it reaches."""
    slices: list[tuple[float, float]] = []
    start = 0.0
    while start < total - 0.01:
        end = start + (first if not slices else body)
        if end >= total:
            end = total
        else:
            cut = [top for top, bottom in spans if top < end < bottom]
            end = min(cut, default=end)
        end = min([end, *(y for y in forced if start + 0.01 < y < end)])
        slices.append((start, end))
        start = end
    return slices


class Drawer:
    """Draws on one page, in top-down coordinates (reportlab's y grows upwards)."""

    def __init__(self, canvas: Canvas, page_h: float, layout: CanvasLayout, size: float) -> None:
        self.c, self.page_h, self.layout, self.size = canvas, page_h, layout, size

    def hrule(self, x0: float, x1: float, y: float) -> None:
        t = self.layout.rule_pt
        self.c.rect(x0 - t / 2, self.page_h - y - t / 2, x1 - x0 + t, t, stroke=0, fill=1)

    def vrule(self, x: float, top: float, bottom: float) -> None:
        if not self.layout.vertical_rules:
            return
        t = self.layout.rule_pt
        self.c.rect(x - t / 2, self.page_h - bottom - t / 2, t, bottom - top + t, stroke=0, fill=1)

    def text(self, x0: float, x1: float, top: float, line: str, center: bool, spread: bool = False) -> None:
        size = self.size
        baseline = self.page_h - (top + ASCENT_EM * size)
        if spread and len(line) > 1:
            self.spread(x0, x1, baseline, line)
        elif center:
            self.c.drawCentredString((x0 + x1) / 2, baseline, line)
        else:
            self.c.drawString(x0 + self.layout.padding_em / 2 * size, baseline, line)

    def underline(self, x0: float, top: float, line: str, strokes: int) -> None:
        """A 0.5 pt stroke (two, 1.5 pt apart) under a left-aligned line, inside its cell."""
        size = self.size
        x = x0 + self.layout.padding_em / 2 * size
        width = pdfmetrics.stringWidth(line, self.layout.font, size)
        self.c.saveState()
        self.c.setLineWidth(0.5)
        for k in range(strokes):
            y = self.page_h - (top + ASCENT_EM * size) - 1.0 - 1.5 * k
            self.c.line(x, y, x + width, y)
        self.c.restoreState()

    def spread(self, x0: float, x1: float, baseline: float, line: str) -> None:
        """Excel's distributed alignment: each glyph drawn alone, the room left over shared
        equally between them, from the cell's left padding to its right."""
        pad = self.layout.padding_em / 2 * self.size
        widths = [pdfmetrics.stringWidth(ch, self.layout.font, self.size) for ch in line]
        step = (x1 - x0 - 2 * pad - sum(widths)) / (len(line) - 1)
        x = x0 + pad
        for ch, w in zip(line, widths, strict=True):
            self.c.drawString(x, baseline, ch)
            x += w + step

    def stamp(self, text: str) -> None:
        """A draft stamp: large light-grey text at 45° across the middle of the page."""
        w, h = _page_size(self.layout)
        size = self.layout.stamp_size_pt
        self.c.saveState()
        self.c.setFillGray(0.85)
        self.c.setFont(self.layout.font, size)
        self.c.translate(w / 2, h / 2)
        self.c.rotate(45)
        self.c.drawCentredString(0, -size / 3, text)
        self.c.restoreState()


def draw_header(d: Drawer, table: str, xs: list[float], top: float, height: float) -> None:
    """Grey filled band, its rules, and the labels centred in their cells."""
    pitch = d.layout.line_pitch_em * d.size
    d.c.setFillGray(d.layout.header_grey)
    d.c.rect(xs[0], d.page_h - top - height, xs[-1] - xs[0], height, stroke=0, fill=1)
    d.c.setFillGray(0)
    d.hrule(xs[0], xs[-1], top)
    d.hrule(xs[0], xs[-1], top + height)  # also closes the top of a row cut by the page break
    for c, (_, label) in enumerate(d.layout.columns_of(table)):
        lines = label.split("\n")
        first = top + (height - len(lines) * pitch) / 2
        spread = d.layout.columns_of(table)[c][0] in d.layout.distributed
        for i, line in enumerate(lines):
            d.text(xs[c], xs[c + 1], first + i * pitch, line, center=True, spread=spread)
    for x in xs:
        d.vrule(x, top, top + height)


def draw_slice(d: Drawer, cells: list[Cell], start: float, end: float, y0: float) -> None:
    """The cells' parts between strip ``start`` and ``end``, drawn from page y ``y0`` down.

    A cell cut at the top shows no top rule of its own (the header's rule closes it) and its
    lines above the cut, such as the №, stay on the page before.
    """
    pitch = d.layout.line_pitch_em * d.size
    shift = y0 - start
    for cell in cells:
        top, bottom = max(cell.top, start), min(cell.bottom, end)
        if bottom - top < 0.01:
            continue
        if cell.top > start + 0.01:
            d.hrule(cell.x0, cell.x1, cell.top + shift)
        d.vrule(cell.x0, top + shift, bottom + shift)
        for i, line in enumerate(cell.lines):
            line_top = cell.top + d.layout.pad_pt + i * pitch
            if start - 0.01 <= line_top < end:
                d.text(cell.x0, cell.x1, line_top + shift, line, cell.center, cell.spread)
                if i == 0 and cell.underline and not cell.center and not cell.spread:
                    d.underline(cell.x0, line_top + shift, line, cell.underline)
    x1 = max(c.x1 for c in cells)
    d.vrule(x1, y0, end + shift)
    d.hrule(min(c.x0 for c in cells), x1, end + shift)


def draw_table(canvas: Canvas, rows: list[Row], table: str, size: float, layout: CanvasLayout) -> None:
    page_w, page_h = _page_size(layout)
    margin = layout.margin_mm * MM
    xs = [margin]
    for em in column_widths_em(rows, table, layout):
        xs.append(xs[-1] + em * size)
    pitch = layout.line_pitch_em * size
    header_h = max(len(label.split("\n")) for _, label in layout.columns_of(table)) * pitch + 2 * layout.pad_pt
    cells = strip_cells(rows, table, xs, size, layout)
    lead = dict(layout.lead_space_pt).get(table, 0.0)
    body = page_h - 2 * margin - header_h
    spans = line_spans(cells, size, layout) if layout.cut_rows else [(c.top, c.bottom) for c in cells if not c.merged]
    forced = [forced_break(cells, no, line, size, layout) for t, no, line in layout.breaks if t == table]
    slices = page_slices(max(c.bottom for c in cells), body - lead, body, spans, forced)
    for i, (start, end) in enumerate(slices):
        top = margin + (lead if i == 0 else 0.0)
        turn_page(canvas, layout)
        canvas.setFont(layout.font, size)
        d = Drawer(canvas, page_h, layout, size)
        if layout.stamp and not layout.stamp_over:
            d.stamp(layout.stamp)
        draw_header(d, table, xs, top, header_h)
        draw_slice(d, cells, start, end, top + header_h)
        if layout.stamp and layout.stamp_over:
            d.stamp(layout.stamp)
        canvas.showPage()


def forced_break(cells: list[Cell], no: int, line: int, size: float, layout: CanvasLayout) -> float:
    """Where on the strip the ``line``-th printed line of program ``no``'s first row starts."""
    top = next(c.top for c in cells if c.center and c.lines == (str(no),))
    return top + layout.pad_pt + line * layout.line_pitch_em * size


def render(layout: CanvasLayout, pdf: Path, rows: list[Row] | None = None) -> None:
    """Both tables, each from a new page, into ``pdf`` (reproducible: ``invariant``); ``rows``:
    the transcription's, unless given (the next year's report changes them)."""
    rows = load_transcript() if rows is None else rows
    with tempfile.TemporaryDirectory() as tmp:
        _register_font(layout, transcript_chars(rows), Path(tmp))
        canvas = Canvas(str(pdf), pagesize=_paper_size(layout), invariant=True)
        size = font_size(rows, layout)
        for table in TABLES:
            draw_table(canvas, table_rows(rows, table), table, size, layout)
        canvas.save()
