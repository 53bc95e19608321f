"""camelot-py (lattice) as a second engine, to cross-check the primary one.

Camelot finds ruling lines on a rendered image of the page (OpenCV), not in the PDF's
drawing operators, so its grid is an independent opinion. Its cells become the same
``PageGrid`` as ours, and the same assembly reads them. Camelot does not tell where each line
of a cell's text starts and ends, so its ``Line`` objects carry no x-extent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ExtractionError
from .geometry import cells_from_walls, grid_is_complete
from .model import Cell, Grid, Line, PageGrid, RuledTable
from .pdffile import check_is_pdf
from .settings import DEFAULT, Settings

# Camelot's default (15) drops the short rules of small cells on an A3 page.
LINE_SCALE = 40


def read_pages_camelot(path: Path, settings: Settings = DEFAULT) -> Iterator[PageGrid]:
    from camelot.io import read_pdf  # imported here: it is slow to import and only this engine needs it

    check_is_pdf(Path(path))
    try:
        tables = read_pdf(str(path), pages="all", flavor="lattice", line_scale=LINE_SCALE, split_text=True)
    except Exception as e:
        raise ExtractionError(f"camelot cannot read this PDF ({e or type(e).__name__})", file=str(path)) from e
    by_page: dict[int, list[Any]] = {}
    for t in tables:
        by_page.setdefault(int(t.page), []).append(t)
    for number in sorted(by_page):
        # One table per page is ours; camelot may also report small boxes elsewhere.
        table = max(by_page[number], key=lambda t: t.shape[0] * t.shape[1])
        yield table_grid(table, str(path), number)


def table_grid(table: Any, source: str, page_number: int) -> PageGrid:  # table: camelot.core.Table
    cols = table.cols  # [(x_left, x_right)] left to right
    rows = table.rows  # [(y_top, y_bottom)] top to bottom, PDF y-up coordinates
    xs = [cols[0][0]] + [c[1] for c in cols]
    ys_up = [rows[0][0]] + [r[1] for r in rows]
    ys = [-y for y in ys_up]  # flip so that y grows down the page, as everywhere else
    grid_cells = table.cells
    n_rows, n_cols = len(rows), len(cols)
    v = [[grid_cells[r][0].left] + [grid_cells[r][i].right for i in range(n_cols)] for r in range(n_rows)]
    h = [[grid_cells[0][c].top for c in range(n_cols)]] + [
        [grid_cells[i][c].bottom for c in range(n_cols)] for i in range(n_rows)
    ]
    cells = []
    for cell in cells_from_walls(xs, ys, v, h):
        texts = [
            grid_cells[r][c].text.strip("\n")
            for r in range(cell.row, cell.row + cell.row_span)
            for c in range(cell.col, cell.col + cell.col_span)
            if grid_cells[r][c].text.strip()
        ]
        lines = tuple(Line(t.strip()) for t in "\n".join(texts).split("\n") if t.strip())
        cells.append(Cell(cell.row, cell.col, cell.row_span, cell.col_span, cell.bbox, lines))
    n_chars = sum(len(line.text) for c in cells for line in c.lines)
    table_ = RuledTable(Grid(tuple(xs), tuple(ys), tuple(cells)), grid_is_complete(xs, ys, v, h))
    return PageGrid(source, page_number, (table_,), n_chars, 0)
