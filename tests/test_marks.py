"""Stamps and watermarks drawn over a table belong to no cell (extract.layout.marks), told apart by how
they are drawn, never by their words; where only one sign sets a glyph apart, it stays and is named."""

from __future__ import annotations

from extract.layout.geometry import find_tables, page_grid
from extract.layout.marks import crossed_by_rule, set_marks_apart, slanted
from extract.model import Char, Segment

from .helpers import chars_at, page, ruled_grid

XS = [0.0, 100.0, 200.0, 300.0]
YS = [0.0, 30.0, 60.0, 90.0]


def stamp(text: str, x: float, top: float, size: float = 60.0, rotation: int = 45) -> list[Char]:
    """A stamp's glyphs, each box ``size`` square, set along a 45° line up to the right."""
    step = size * 0.7
    return [Char(t, x + i * step, x + i * step + size, top - i * step, top - i * step + size, size, rotation)
            for i, t in enumerate(text)]  # fmt: skip


def table_text() -> list[Char]:
    return [ch for r, y in enumerate((5.0, 35.0, 65.0)) for c, x in enumerate(XS[:-1])
            for ch in chars_at(f"値{r}{c}", x + 5, y)]  # fmt: skip


def test_a_large_slanted_stamp_over_the_table_is_in_no_cell_and_named() -> None:
    drawn = table_text() + stamp("案", 120.0, 20.0)
    grid = page_grid(page(ruled_grid(XS, YS), drawn))
    (table,) = grid.tables
    assert "案" not in "".join(c.text for c in table.grid.cells)
    assert [(m.text, m.sure) for m in grid.marks] == [("案", True)]


def test_a_stamps_glyphs_read_in_the_direction_they_run() -> None:
    kept, found = set_marks_apart(table_text() + stamp("公表用", 40.0, 80.0), ruled_grid(XS, YS))
    assert [m.text for m in found] == ["公表用"]
    assert len(kept) == len(table_text())


def test_a_large_upright_glyph_crossing_rules_is_a_mark() -> None:
    big = Char("案", 80.0, 140.0, 10.0, 70.0, 60.0)  # across the rule at x = 100 and y = 30
    assert crossed_by_rule(big, ruled_grid(XS, YS))
    _, found = set_marks_apart([*table_text(), big], ruled_grid(XS, YS))
    assert [(m.text, m.sure) for m in found] == [("案", True)]


def test_one_sign_alone_is_said_and_the_glyph_left_in_its_cell() -> None:
    """A large upright glyph inside one cell may be a heading: the reader cannot tell."""
    big = Char("注", 110.0, 140.0, 32.0, 58.0, 30.0)
    grid = page_grid(page(ruled_grid(XS, YS), [*table_text(), big]))
    assert "注" in "".join(c.text for c in grid.tables[0].grid.cells)
    assert [(m.text, m.sure) for m in grid.marks] == [("注", False)]


def test_table_text_vertical_labels_and_underlines_are_no_marks() -> None:
    vertical = [Char(t, 205.0, 215.0, 35.0 + 10 * i, 45.0 + 10 * i, 10.0, 270) for i, t in enumerate("担当")]
    underline = Segment(5.0, 14.5, 35.0, 14.5)  # a 0.5 pt stroke along the first cell's glyph feet
    assert not slanted(vertical[0])
    kept, found = set_marks_apart(table_text() + vertical, [*ruled_grid(XS, YS), underline])
    assert found == []
    assert len(kept) == len(table_text()) + 2


def test_a_stamp_over_a_table_ruled_across_only_does_not_make_columns() -> None:
    rules = [Segment(0.0, y, 300.0, y) for y in YS]
    plain = find_tables(rules, table_text())
    _, found = set_marks_apart(table_text() + stamp("公表用", 40.0, 80.0), rules)
    stamped = page_grid(page(rules, table_text() + stamp("公表用", 40.0, 80.0)))
    assert [m.text for m in found] == ["公表用"]
    assert [t.grid.xs for t in stamped.tables] == [t.grid.xs for t in plain]
