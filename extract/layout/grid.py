"""Pure: one table's ruling lines → its grid of cells.

The steps, each a small function: segments → boundaries (snapped x and y positions) → the
boundaries no cell edge runs along dropped (``prune_boundaries``) → walls (which grid edges are
ruled) → cells (grid positions joined where no wall parts them, ``cells_from_walls``).

Rules only: which rules make a table is ``geometry``'s to say, and the text in the cells is
``cell_text``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Cell, Segment
from ..settings import DEFAULT, Settings


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
    horizontal: list[Segment] = []
    vertical: list[Segment] = []
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
    tol = rule_tolerance(settings)
    xs = snap(((s.x0 + s.x1) / 2 for s in vertical), tol)
    ys = snap(((s.top + s.bottom) / 2 for s in horizontal), tol)
    return xs, ys


def rule_tolerance(settings: Settings = DEFAULT) -> float:
    """Parallel rules this close are one: pieces of one rule drawn a little apart
    (``snap_tolerance``) or the two lines of a double rule (``double_rule_gap``)."""
    return max(settings.snap_tolerance, settings.double_rule_gap)


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
    tol = rule_tolerance(settings)
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


def prune_boundaries(
    segments: Sequence[Segment], xs: list[float], ys: list[float], settings: Settings = DEFAULT
) -> tuple[list[float], list[float], list[list[bool]], list[list[bool]]]:
    """Drop boundaries that no cell edge runs along, and edge rows or columns outside the frame.

    A hyperlink's underline inside a cell, or a rule that touches the table from outside,
    makes a boundary of its own; it parts no cells, so it must add no row or column.
    """
    while True:
        v, h = walls(segments, xs, ys, settings)
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        if n_rows < 1 or n_cols < 1:
            return xs, ys, v, h
        drop_y = [i for i in range(1, n_rows) if not any(h[i])]
        drop_x = [i for i in range(1, n_cols) if not any(v[r][i] for r in range(n_rows))]
        if n_rows > 1:
            drop_y += [i for i, r in ((0, 0), (n_rows, n_rows - 1)) if not (v[r][0] or v[r][n_cols])]
        if n_cols > 1:
            drop_x += [i for i, c in ((0, 0), (n_cols, n_cols - 1)) if not (h[0][c] or h[n_rows][c])]
        if not drop_x and not drop_y:
            return xs, ys, v, h
        xs = [x for i, x in enumerate(xs) if i not in drop_x]
        ys = [y for i, y in enumerate(ys) if i not in drop_y]


def cells_from_walls(xs: Sequence[float], ys: Sequence[float], v: list[list[bool]], h: list[list[bool]]) -> list[Cell]:
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
