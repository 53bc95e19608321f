"""Pure table reconstruction: ruling lines and characters in, a grid of cells out.

The steps, each a small function: segments → boundaries (snapped x and y positions) →
walls (which grid edges are ruled) → cells (grid positions joined where no wall parts them)
→ cell text (characters placed by their centre, grouped into lines).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from .model import BBox, Cell, Char, Grid, Line, PageContent, PageGrid, Segment
from .settings import DEFAULT, Settings


def snap(values: Iterable[float], tolerance: float) -> list[float]:
    """Cluster nearly equal positions; each cluster becomes its mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def split_segments(segments: Iterable[Segment]) -> tuple[list[Segment], list[Segment]]:
    horizontal, vertical = [], []
    for s in segments:
        (horizontal if s.horizontal else vertical).append(s)
    return horizontal, vertical


def boundaries(segments: Sequence[Segment], settings: Settings = DEFAULT) -> tuple[list[float], list[float]]:
    """Column boundaries (xs) from vertical lines, row boundaries (ys) from horizontal ones.

    Only lines that belong to the ruled area count: a stray rule (an underline in a title)
    would otherwise add a column.
    """
    horizontal, vertical = split_segments(segments)
    if not horizontal or not vertical:
        return [], []
    xs = snap(((s.x0 + s.x1) / 2 for s in vertical), settings.snap_tolerance)
    ys = snap(((s.top + s.bottom) / 2 for s in horizontal), settings.snap_tolerance)
    return xs, ys


def _covered(intervals: list[tuple[float, float]], a: float, b: float, tol: float) -> bool:
    """Is [a, b] covered by the union of ``intervals`` (each widened by ``tol``)?"""
    reach = a
    for lo, hi in sorted(intervals):
        if lo - tol > reach:
            return False
        reach = max(reach, hi + tol)
        if reach >= b:
            return True
    return reach >= b


def walls(
    segments: Sequence[Segment], xs: Sequence[float], ys: Sequence[float], settings: Settings = DEFAULT
) -> tuple[list[list[bool]], list[list[bool]]]:
    """Which grid edges are ruled.

    ``v[r][i]``: a vertical rule at xs[i] spans grid row r. ``h[i][c]``: a horizontal rule at
    ys[i] spans grid column c.
    """
    horizontal, vertical = split_segments(segments)
    tol = settings.snap_tolerance
    on_x: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(xs))}
    for s in vertical:
        i = _nearest(xs, (s.x0 + s.x1) / 2, tol)
        if i is not None:
            on_x[i].append((s.top, s.bottom))
    on_y: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(ys))}
    for s in horizontal:
        i = _nearest(ys, (s.top + s.bottom) / 2, tol)
        if i is not None:
            on_y[i].append((s.x0, s.x1))
    j = settings.join_tolerance
    v = [[_covered(on_x[i], ys[r], ys[r + 1], j) for i in range(len(xs))] for r in range(len(ys) - 1)]
    h = [[_covered(on_y[i], xs[c], xs[c + 1], j) for c in range(len(xs) - 1)] for i in range(len(ys))]
    return v, h


def _nearest(values: Sequence[float], x: float, tol: float) -> int | None:
    best = min(range(len(values)), key=lambda i: abs(values[i] - x), default=None)
    return best if best is not None and abs(values[best] - x) <= tol else None


def cells_from_walls(
    xs: Sequence[float], ys: Sequence[float], v: list[list[bool]], h: list[list[bool]]
) -> list[Cell]:
    """Join grid positions that no rule parts into rectangular cells (merged cells).

    A join that would not give a rectangle (an L-shaped region: a broken grid) is left as
    separate cells; ``grid_is_complete`` reports it.
    """
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c]:
                continue
            width = 1
            while c + width < n_cols and not v[r][c + width] and not taken[r][c + width]:
                width += 1
            height = 1
            while r + height < n_rows and all(
                not h[r + height][cc] and not taken[r + height][cc] for cc in range(c, c + width)
            ):
                height += 1
            for rr in range(r, r + height):
                for cc in range(c, c + width):
                    taken[rr][cc] = True
            cells.append(Cell(r, c, height, width, (xs[c], ys[r], xs[c + width], ys[r + height])))
    return cells


def grid_is_complete(xs: Sequence[float], ys: Sequence[float], v: list[list[bool]], h: list[list[bool]]) -> bool:
    """The sides of the frame are ruled and no rule stops short of a crossing rule.

    The top and bottom rules may be missing under some columns: a merged cell cut by a page
    break is drawn open on the side of the break.
    """
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return False
    sides = all(v[r][0] and v[r][n_cols] for r in range(n_rows))
    ends = any(h[0]) and any(h[n_rows])
    # A vertical rule that stops between two grid rows must end on a horizontal rule.
    dangling = any(
        v[r][i] and not v[r + 1][i] and not (h[r + 1][i - 1] or h[r + 1][i])
        for r in range(n_rows - 1)
        for i in range(1, n_cols)
    )
    return sides and ends and not dangling


def group_lines(chars: Sequence[Char], settings: Settings = DEFAULT) -> list[Line]:
    """Characters of one cell → printed lines, top to bottom, each read left to right.

    Position, not content-stream order, decides: exporters may draw a cell's text in any
    order. A gap wider than ``space_gap`` × font size between two glyphs is a space.
    """
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        if rows and abs(ch.top - rows[-1][0].top) <= settings.line_tolerance * max(ch.size, 1.0):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        parts: list[str] = []
        for prev, ch in zip([None, *row], row):
            if prev is not None and ch.x0 - prev.x1 > settings.space_gap * ch.size and not (
                prev.text.isspace() or ch.text.isspace()
            ):
                parts.append(" ")
            parts.append(ch.text)
        lines.append(Line("".join(parts), row[0].x0, row[-1].x1, max(c.size for c in row)))
    return lines


def _centre_in(ch: Char, box: BBox) -> bool:
    cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


def fill_cells(
    cells: Sequence[Cell], chars: Sequence[Char], xs: Sequence[float], ys: Sequence[float], settings: Settings = DEFAULT
) -> list[Cell]:
    """Give each cell the lines of the characters whose centre lies inside it.

    A character's grid position comes from bisecting the boundaries, so the cost grows with
    the number of characters, not characters × cells.
    """
    owner: dict[tuple[int, int], int] = {}
    for i, cell in enumerate(cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                owner[(r, c)] = i
    inside: list[list[Char]] = [[] for _ in cells]
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        c, r = bisect_right(xs, cx) - 1, bisect_right(ys, cy) - 1
        i = owner.get((r, c))
        if i is not None:
            inside[i].append(ch)
    return [
        Cell(cell.row, cell.col, cell.row_span, cell.col_span, cell.bbox, tuple(group_lines(found, settings)))
        for cell, found in zip(cells, inside)
    ]


def overfull(cell: Cell, tolerance: float = 0.5) -> bool:
    """Text that runs past the cell's rules was clipped or spilled in the source."""
    return any(
        line.x0 is not None and line.x1 is not None and (line.x0 < cell.bbox[0] - tolerance or line.x1 > cell.bbox[2] + tolerance)
        for line in cell.lines
    )


def largest_ruled_region(segments: Sequence[Segment], settings: Settings = DEFAULT) -> list[Segment]:
    """The segments of the biggest connected set of crossing rules: the table.

    Rules elsewhere on the page (a title's underline, a box round a page number) are dropped.
    """
    segs = list(segments)
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    t = settings.join_tolerance
    boxes = [(s.x0 - t, s.top - t, s.x1 + t, s.bottom + t) for s in segs]
    order = sorted(range(len(segs)), key=lambda i: boxes[i][0])
    for a_pos, a in enumerate(order):
        for b in order[a_pos + 1 :]:
            if boxes[b][0] > boxes[a][2]:
                break
            if boxes[a][1] <= boxes[b][3] and boxes[b][1] <= boxes[a][3]:
                parent[find(a)] = find(b)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return max(groups.values(), key=len, default=[])


def build_grid(segments: Sequence[Segment], chars: Sequence[Char], settings: Settings = DEFAULT) -> tuple[Grid, bool]:
    """The whole geometry step for one page: the table's grid, and whether it is complete."""
    region = largest_ruled_region(segments, settings)
    xs, ys = boundaries(region, settings)
    if len(xs) < 2 or len(ys) < 2:
        return Grid((), (), ()), False
    v, h = walls(region, xs, ys, settings)
    cells = fill_cells(cells_from_walls(xs, ys, v, h), chars, xs, ys, settings)
    return Grid(tuple(xs), tuple(ys), tuple(cells)), grid_is_complete(xs, ys, v, h)


def page_grid(page: PageContent, settings: Settings = DEFAULT) -> PageGrid:
    grid, complete = build_grid(page.segments, page.chars, settings)
    outside = len(page.chars)
    if grid.cells:
        box = (grid.xs[0], grid.ys[0], grid.xs[-1], grid.ys[-1])
        outside = sum(1 for c in page.chars if not _centre_in(c, box))
    return PageGrid(page.source_file, page.page_number, grid, complete, len(page.chars), outside)
