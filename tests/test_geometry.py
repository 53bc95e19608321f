"""The geometry step on hand-made characters and rules: no PDF involved."""

from __future__ import annotations

import random

from extract.geometry import build_grid, cells_from_walls, group_lines, snap, walls
from extract.model import Char, Segment

from .helpers import chars_at, ruled_grid

XS = [0.0, 100.0, 200.0, 300.0]
YS = [0.0, 50.0, 100.0, 150.0]


def test_snap_joins_nearly_equal_positions():
    assert snap([10.0, 10.4, 50.0, 11.0], 1.5) == [10.466666666666667, 50.0]


def test_full_grid_gives_one_cell_per_position():
    grid, complete = build_grid(ruled_grid(XS, YS), [])
    assert complete
    assert (grid.n_rows, grid.n_cols, len(grid.cells)) == (3, 3, 9)


def test_missing_inner_rules_make_a_merged_cell():
    grid, complete = build_grid(ruled_grid(XS, YS, merged=[(0, 0, 2)]), [])
    assert complete
    merged = grid.cell_at(1, 0)
    assert merged is not None and (merged.row, merged.row_span, merged.col_span) == (0, 3, 1)
    assert grid.cell_at(2, 0) is merged
    assert len(grid.cells) == 7


def test_walls_tolerate_rules_drawn_in_pieces():
    segs = [s for s in ruled_grid(XS, YS) if not (s.x0 == s.x1 == 100.0)]
    segs += [Segment(100.0, 0.0, 100.0, 75.0), Segment(100.5, 75.5, 100.5, 150.0)]
    xs, ys = [0.0, 100.25, 200.0, 300.0], YS
    v, h = walls(segs, xs, ys)
    assert all(row[1] for row in v)
    assert len(cells_from_walls(xs, ys, v, h)) == 9


def test_text_lands_in_its_cell_whatever_the_drawing_order():
    chars = chars_at("見出し", 5, 5) + chars_at("一行目", 105, 55) + chars_at("二行目", 105, 70)
    random.Random(0).shuffle(chars)
    grid, _ = build_grid(ruled_grid(XS, YS), chars)
    assert grid.cell_at(0, 0).text == "見出し"
    assert grid.cell_at(1, 1).text == "一行目\n二行目"
    line = grid.cell_at(1, 1).lines[0]
    assert (line.x0, line.x1) == (105, 135)


def test_text_outside_the_rules_is_ignored():
    chars = chars_at("表題", 0, -40) + chars_at("中", 105, 55) + chars_at("1/8", 500, 700)
    grid, _ = build_grid(ruled_grid(XS, YS) + [Segment(0, -20, 80, -20)], chars)
    assert [c.text for c in grid.cells if c.text] == ["中"]
    assert grid.xs == tuple(XS)  # the title's underline is not a column


def test_a_gap_between_glyphs_is_a_space():
    chars = [Char("A", 0, 5, 0, 10, 10), Char("B", 5, 10, 0, 10, 10), Char("C", 15, 20, 0, 10, 10)]
    assert [ln.text for ln in group_lines(chars)] == ["AB C"]


def test_a_missing_side_rule_is_a_broken_grid():
    segs = [s for s in ruled_grid(XS, YS) if not (s.x0 == s.x1 == 300.0)]
    segs.append(Segment(300.0, 0.0, 300.0, 100.0))
    _, complete = build_grid(segs, [])
    assert not complete
