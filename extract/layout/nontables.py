"""Pure: ruled regions that are no tables, set apart with the reason (issue 28).

Rules that connect make a grid, but not every grid is a table. A chart's plot area is ruled by
its gridlines, with the axis labels along its left side and foot and nothing inside; a bar
chart's frame holds no text at all; a framed paragraph (a text box) is one cell with no inner
rule; two rules across a cover page, or underlines inside a form's cell, enclose text that shows
no columns. Listed as tables, they would hand a reader empty or one-cell grids, and the text of
a region drawn inside another table's cell twice. Each is set apart here with why, and keeps its
text (``SetApart.text``), so that what the page prints is still listed once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import BBox, Cell, RuledTable, SetApart
from ..settings import DEFAULT, Settings

EMPTY = "no text: an empty frame, or a chart's plot area"
SPARSE = "gridlines with text in a few cells only: a chart"
AXES = "gridlines with text only at their left and foot: a chart's axis labels"
TEXT_BOX = "a framed text box: one cell, no inner rule"
NO_COLUMNS = "rules with text between them that shows no columns (a column holds nothing)"
IN_A_CELL = "rules inside a cell of another table, whose text it is"

# An axis label: a number (with a decimal point, a sign, a percent sign or a unit of time).
_LABEL = re.compile(r"[-+−△]?[\d,.]+\s*[%％年月日週歳]?")


def set_apart(tables: Sequence[RuledTable], settings: Settings = DEFAULT) -> tuple[list[RuledTable], list[SetApart]]:
    """The page's tables, less those that are no tables (each with why and its text)."""
    kept: list[RuledTable] = []
    apart: list[SetApart] = []
    for table in tables:
        why = why_no_table(table, settings) or inside_a_cell(table, tables)
        if why is None:
            kept.append(table)
        else:
            apart.append(SetApart(table.bbox, why, table_text(table)))
    return kept, apart


def why_no_table(table: RuledTable, settings: Settings = DEFAULT) -> str | None:
    grid = table.grid
    filled = [c for c in grid.cells if c.text.strip()]
    if not filled:
        return EMPTY
    n_cells = grid.n_rows * grid.n_cols
    if n_cells >= settings.chart_min_cells and len(filled) < settings.chart_filled_share * n_cells:
        return SPARSE
    if axis_labels_only(filled, grid.n_rows):
        return AXES
    if grid.n_rows == grid.n_cols == 1 and not table.inferred:
        return TEXT_BOX
    if "columns" in table.inferred and any(
        not any(c.text.strip() for c in grid.cells if c.col <= col < c.col + c.col_span) for col in range(grid.n_cols)
    ):
        return NO_COLUMNS
    return None


def axis_labels_only(filled: Sequence[Cell], n_rows: int) -> bool:
    """Is the text only down the first column (numbers: a value axis) and along the last row
    (a category axis), as gridlines with their labels are, with three rows or more?

    A form with its labels down the first column and across the top is no chart: its top row
    holds text."""
    if n_rows < 3:
        return False
    left = [c for c in filled if c.col == 0 and c.row + c.row_span < n_rows]
    if len(left) < 2 or any(not _LABEL.fullmatch(c.text.strip()) for c in left):
        return False
    return all(c.col == 0 or c.row + c.row_span == n_rows for c in filled)


def inside_a_cell(table: RuledTable, tables: Sequence[RuledTable]) -> str | None:
    """Rules placed by inference (underlines in a form's cell) inside one cell of a ruled table:
    that cell already holds their text. A ruled table drawn in a cell stays listed (camelot's
    table_region case asks for it)."""
    if not table.inferred:
        return None
    for other in tables:
        if other is table or other.inferred:
            continue
        if any(_within(table.bbox, cell.bbox) for cell in other.grid.cells):
            return IN_A_CELL
    return None


def _within(inner: BBox, outer: BBox, tolerance: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def table_text(table: RuledTable) -> str:
    """A region's text, cell by cell in reading order, each cell's lines kept."""
    cells = sorted(table.grid.cells, key=lambda c: (c.row, c.col))
    return "\n".join(t for t in (c.text for c in cells) if t.strip())
