"""camelot-py (lattice) as a second engine, to cross-check the primary one.

Camelot finds ruling lines on a rendered image of the page (OpenCV), not by our reading of the
PDF's drawing operators, so its grid is a second opinion on the table's structure. That is all
it contributes: its cells' boxes and spans, and its tables' regions. The cells' text comes
from our own reader's glyphs, placed by the same geometry step (``geometry.table_from_walls``),
because camelot's text is another reader's (pdfminer's boxes, its own line grouping, no line
extents): with it, the two engines' datasets always differed in their wraps, and a
cross-check that always differs checks nothing. Where the grids agree, the engines hand
assembly identical cells; where they do not, ``pipeline.crosscheck`` shows the cells.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ExtractionError
from .layout.cell_text import dedupe_chars
from .layout.geometry import check_page, grid_of_page, marks_apart, table_from_walls
from .layout.selfcheck import checked
from .model import PageContent, PageGrid
from .reading import pdfium_io
from .reading.pdffile import check_is_pdf
from .settings import DEFAULT, Settings

# Camelot's default (15) drops the short rules of small cells on an A3 page.
LINE_SCALE = 40


@dataclass(frozen=True)
class Lattice:
    """One table as camelot found it, in our coordinates (top-left origin, y down).

    ``v[r][i]``: a vertical rule at xs[i] spans grid row r; ``h[i][c]``: a horizontal rule at
    ys[i] spans grid column c (as ``grid.walls`` gives them for our grids).
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    v: tuple[tuple[bool, ...], ...]
    h: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        return (len(self.xs) - 1) * (len(self.ys) - 1)


def read_pages_camelot(path: Path, settings: Settings = DEFAULT) -> Iterator[PageGrid]:
    """Every page: our reader's glyphs and rules, in camelot's grids.

    Our reader goes first: a file it refuses is refused with the default engine's words, and
    the bounds on a page (``geometry.check_page``) hold before camelot renders anything.
    """
    path = Path(path)
    check_is_pdf(path)
    pages = list(pdfium_io.read_pages(path, settings))
    for page in pages:
        check_page(page, settings)
    found = camelot_lattices(path, {p.page_number: p.height for p in pages}, settings)
    for page in pages:
        yield page_grid_camelot(page, found.get(page.page_number, []), settings)


def page_grid_camelot(page: PageContent, lattices: Sequence[Lattice], settings: Settings = DEFAULT) -> PageGrid:
    """One page's camelot tables, largest first, filled with the page's glyphs."""
    page, found = marks_apart(page, settings)
    chars = dedupe_chars(page.chars, settings)
    ordered = sorted(lattices, key=lambda t: t.size, reverse=True)
    tables = [table_from_walls(t.xs, t.ys, [list(r) for r in t.v], [list(r) for r in t.h], chars, settings)
              for t in ordered]  # fmt: skip
    return checked(page, grid_of_page(page, tables, settings, found=found))


def camelot_lattices(path: Path, heights: dict[int, float], settings: Settings = DEFAULT) -> dict[int, list[Lattice]]:
    """Camelot's tables of each page (by page number), in our coordinates.

    ``heights``: each page's upright height, to flip camelot's y-up coordinates. Camelot
    takes rules closer than ``line_tol`` (pt) for one; ours is ``snap_tolerance``, so that both
    engines count the rules of one drawing alike (camelot's default, 2 pt, merges a row rule
    with a frame drawn 2 pt below it, which ours keeps apart). Ours also joins a double rule
    (``Settings.double_rule_gap``, 1.95 pt); camelot, measuring in pixels, cannot be set to
    that without also taking the 2 pt pair: no PDF the crosscheck reads draws a double rule.
    """
    from camelot.io import read_pdf  # imported here: it is slow to import and only this engine needs it

    try:
        tables = read_pdf(
            str(path), pages="all", flavor="lattice", line_scale=LINE_SCALE, line_tol=settings.snap_tolerance
        )
    except Exception as e:
        why = " ".join(str(e).split()) or type(e).__name__  # OpenCV's messages run over lines
        if "Insufficient memory" in why:  # OpenCV out of address space: the worker says --max-memory
            raise MemoryError(why) from e
        raise ExtractionError(f"camelot cannot read this PDF ({why})", file=str(path)) from e
    by_page: dict[int, list[Lattice]] = {}
    for t in tables:
        number = int(t.page)
        if number in heights:  # a page our reader has (it read them all)
            by_page.setdefault(number, []).append(lattice(t, heights[number]))
    return by_page


def lattice(table: Any, page_height: float) -> Lattice:  # table: camelot.core.Table
    """A camelot table's structure, without its text.

    Camelot (through playa's "page" space) gives coordinates on the upright page, /Rotate
    applied, with the origin at the MediaBox's bottom-left corner and y up; ours share the
    origin's corner on the left and x, and measure y down from the top: y → height - y.
    """
    cols = [(float(a), float(b)) for a, b in table.cols]  # (left, right), left to right
    rows = [(float(a), float(b)) for a, b in table.rows]  # (top, bottom), top to bottom, y up
    edges = [[(c.left, c.right, c.top, c.bottom) for c in row] for row in table.cells]
    return lattice_from(cols, rows, edges, page_height)


def lattice_from(
    cols: Sequence[tuple[float, float]],
    rows: Sequence[tuple[float, float]],
    edges: Sequence[Sequence[tuple[bool, bool, bool, bool]]],
    page_height: float,
) -> Lattice:
    """Camelot's columns, rows (y up) and each cell's ruled sides (left, right, top, bottom)
    → our boundaries and walls. Pure, so that the flip is tested without camelot."""
    xs = (cols[0][0], *(c[1] for c in cols))
    ys = tuple(page_height - y for y in (rows[0][0], *(r[1] for r in rows)))
    n_rows, n_cols = len(rows), len(cols)
    v = tuple((bool(edges[r][0][0]), *(bool(edges[r][c][1]) for c in range(n_cols))) for r in range(n_rows))
    h = (tuple(bool(edges[0][c][2]) for c in range(n_cols)),) + tuple(
        tuple(bool(edges[r][c][3]) for c in range(n_cols)) for r in range(n_rows)
    )
    return Lattice(xs, ys, v, h)
