"""The camelot engine's own steps, without camelot: its structure in our coordinates, our text in it."""

from __future__ import annotations

from extract.camelot_engine import Lattice, lattice_from, page_grid_camelot
from extract.layout.geometry import page_grid
from extract.layout.grid import walls

from .helpers import chars_at, page, ruled_grid

XS = [0.0, 100.0, 200.0, 300.0]
YS = [0.0, 50.0, 100.0, 150.0]
PAGE_H = 800.0  # helpers.page's height


def test_camelot_rows_are_flipped_to_top_left_coordinates() -> None:
    # camelot: y up from the page's bottom; rows top to bottom as (top, bottom)
    cols = [(10.0, 60.0), (60.0, 90.0)]
    rows = [(790.0, 770.0), (770.0, 700.0)]
    # cell (0, 0) and (1, 0) are one merged cell: no rule between them
    edges = [
        [(True, True, True, False), (True, True, True, True)],
        [(True, True, False, True), (True, True, True, True)],
    ]
    lattice = lattice_from(cols, rows, edges, PAGE_H)
    assert lattice.xs == (10.0, 60.0, 90.0)
    assert lattice.ys == (10.0, 30.0, 100.0)
    assert lattice.v == ((True, True, True), (True, True, True))
    assert lattice.h == ((True, True), (False, True), (True, True))


def test_camelot_grid_holds_the_same_cells_as_ours_where_the_grids_agree() -> None:
    chars = chars_at("見出し", 5, 5) + chars_at("一行目", 105, 55) + chars_at("二行目", 105, 70)
    segments = ruled_grid(XS, YS, merged=[(0, 1, 2)])
    ours = page_grid(page(segments, chars))
    v, h = walls(segments, XS, YS)
    # camelot's boundaries are read off a picture: a fraction of a point away from the rules
    theirs = Lattice(tuple(x + 0.3 for x in XS), tuple(y - 0.2 for y in YS), tuple(map(tuple, v)), tuple(map(tuple, h)))
    got = page_grid_camelot(page(segments, chars), [theirs])
    assert [(c.row, c.col, c.row_span, c.col_span, c.lines) for c in got.tables[0].grid.cells] == [
        (c.row, c.col, c.row_span, c.col_span, c.lines) for c in ours.tables[0].grid.cells
    ]
    empty = got.tables[0].grid.cell_at(2, 0)
    assert got.tables[0].complete and empty is not None and empty.text == ""
    assert (got.n_chars, got.outside_chars) == (ours.n_chars, ours.outside_chars)


def test_a_page_without_camelot_tables_is_still_a_page() -> None:
    got = page_grid_camelot(page(ruled_grid(XS, YS), chars_at("表", 5, 5)), [])
    assert (got.tables, got.n_chars, got.outside_chars) == ((), 1, 1)
