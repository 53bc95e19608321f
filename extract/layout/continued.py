"""Pure: a row cut by a page break, told by geometry, whatever draws the table's rows.

Two things show that the row at the top of a page is the rest of the row above, cut by the
break, even where its department cell has text of its own (生涯学習課 / 市立図書館):

- Its text starts nearer its top rule than the table's rows start theirs: a row that begins on
  a page has its cell padding above its first line, the rest of a cut row has none
  (``starts_cut``, against the table's usual gap).
- In a table ruled with horizontal rules only, a page holding nothing but the rest of one row
  draws no rule inside its body: read alone, its lines would be rows, and its columns, placed
  from so little text, would not be the table's. Such a page is read on the columns of the page
  before, its body one row (``one_row_on_columns``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from statistics import median

from ..model import Cell, Grid, Line
from ..reading.chars import is_wide

# The rest of a cut row starts at least this much (em) nearer its top rule than the table's rows.
CUT_MARGIN_EM = 0.15


def top_gap(cell: Cell) -> float | None:
    """How far below its top rule the cell's text starts, in em; None for an empty cell."""
    line = cell.lines[0] if cell.lines else None
    if line is None or line.top is None or not line.size:
        return None
    return (line.top - cell.bbox[1]) / line.size


def top_gaps(grid: Grid, first_row: int, columns: dict[int, str]) -> dict[str, list[float]]:
    """The top gaps of a page's data cells by field, less the first data row's (which may be cut)."""
    out: dict[str, list[float]] = {}
    for c in grid.cells:
        if c.row > first_row and c.col in columns and (g := top_gap(c)) is not None:
            out.setdefault(columns[c.col], []).append(g)
    return out


def starts_cut(row: dict[str, Cell], gaps: dict[str, list[float]]) -> bool:
    """Does every cell of a row that has text start clearly nearer its top rule than the cells of
    its column do (``gaps``: the table's top gaps so far, by field)? A column sets its text at
    its own height (top, middle), so each cell is held to its own column. False where nothing
    is known."""
    found = [(f, g) for f, c in row.items() if (g := top_gap(c)) is not None]
    if not found or any(f not in gaps for f, _ in found):
        return False
    return all(g < median(gaps[f]) - CUT_MARGIN_EM for f, g in found)


def one_row_on_columns(grid: Grid, xs: Sequence[float], first_row: int, space_gap: float) -> Grid | None:
    """The page's grid on the columns ``xs`` (the page before's), every row from ``first_row``
    on one row: each printed line goes to the column its centre lies in, lines cut apart by a
    column boundary of the page's own are joined again. None where a header cell would not fit
    the columns (two header cells of other heights in one column)."""
    ys = (*grid.ys[: first_row + 1], grid.ys[-1])
    parts: dict[tuple[int, int], list[Line]] = {}
    spans: dict[tuple[int, int], int] = {}
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        row, span = (cell.row, cell.row_span) if cell.row < first_row else (first_row, 1)
        for line in cell.lines:
            if line.x0 is None or line.x1 is None:
                return None
            col = min(max(bisect_right(xs, (line.x0 + line.x1) / 2) - 1, 0), len(xs) - 2)
            if spans.setdefault((row, col), span) != span:
                return None
            parts.setdefault((row, col), []).append(line)
    cells = []
    for row in range(len(ys) - 1):
        for col in range(len(xs) - 1):
            span = spans.get((row, col), 1)
            lines = tuple(joined(parts.get((row, col), []), space_gap))
            cells.append(Cell(row, col, span, 1, (xs[col], ys[row], xs[col + 1], ys[row + span]), lines))
    covered = {(r, c.col) for c in cells for r in range(c.row + 1, c.row + c.row_span)}
    return Grid(tuple(xs), ys, tuple(c for c in cells if (c.row, c.col) not in covered))


def joined(lines: Sequence[Line], space_gap: float) -> list[Line]:
    """Lines top to bottom, pieces of one printed line (tops within half their size) joined left
    to right: with a space where the gap between them is wider than ``space_gap`` em, but never
    between two CJK characters (``spacing``)."""
    out: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.top or 0.0, ln.x0 or 0.0)):
        prev = out[-1] if out else None
        if (
            prev is not None and prev.top is not None and line.top is not None and prev.x1 is not None
            and line.x0 is not None and abs(line.top - prev.top) <= 0.5 * (line.size or 1.0)
        ):  # fmt: skip
            size = max(prev.size or 0.0, line.size or 0.0)
            wide = is_wide(prev.text[-1:]) and is_wide(line.text[:1])
            gap = " " if not wide and line.x0 - prev.x1 > space_gap * size else ""
            out[-1] = Line(prev.text + gap + line.text, prev.x0, line.x1, size, min(prev.top, line.top))
        else:
            out.append(line)
    return out
