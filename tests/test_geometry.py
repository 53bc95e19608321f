"""The geometry step on hand-made characters and rules: no PDF involved."""

from __future__ import annotations

import random

from extract.layout.cell_text import dedupe_chars, drop_repeats, group_lines
from extract.layout.geometry import find_tables
from extract.layout.grid import cells_from_walls, snap, walls
from extract.model import Cell, Char, Grid, Segment

from .helpers import chars_at, ruled_grid

XS = [0.0, 100.0, 200.0, 300.0]
YS = [0.0, 50.0, 100.0, 150.0]


def build_grid(segments: list[Segment], chars: list[Char]) -> tuple[Grid, bool]:
    """The page's largest table, as (grid, complete)."""
    table = find_tables(segments, chars)[0]
    return table.grid, table.complete


def cell(grid: Grid, row: int, col: int) -> Cell:
    """The cell at (row, col), which the test expects the grid to have."""
    found = grid.cell_at(row, col)
    assert found is not None, (row, col)
    return found


def test_snap_joins_nearly_equal_positions() -> None:
    assert snap([10.0, 10.4, 50.0, 11.0], 1.5) == [10.466666666666667, 50.0]


def test_full_grid_gives_one_cell_per_position() -> None:
    grid, complete = build_grid(ruled_grid(XS, YS), [])
    assert complete
    assert (grid.n_rows, grid.n_cols, len(grid.cells)) == (3, 3, 9)


def test_missing_inner_rules_make_a_merged_cell() -> None:
    grid, complete = build_grid(ruled_grid(XS, YS, merged=[(0, 0, 2)]), [])
    assert complete
    merged = grid.cell_at(1, 0)
    assert merged is not None and (merged.row, merged.row_span, merged.col_span) == (0, 3, 1)
    assert grid.cell_at(2, 0) is merged
    assert len(grid.cells) == 7


def test_walls_tolerate_rules_drawn_in_pieces() -> None:
    segs = [s for s in ruled_grid(XS, YS) if not (s.x0 == s.x1 == 100.0)]
    segs += [Segment(100.0, 0.0, 100.0, 75.0), Segment(100.5, 75.5, 100.5, 150.0)]
    xs, ys = [0.0, 100.25, 200.0, 300.0], YS
    v, h = walls(segs, xs, ys)
    assert all(row[1] for row in v)
    assert len(cells_from_walls(xs, ys, v, h)) == 9


def test_text_lands_in_its_cell_whatever_the_drawing_order() -> None:
    chars = chars_at("見出し", 5, 5) + chars_at("一行目", 105, 55) + chars_at("二行目", 105, 70)
    random.Random(0).shuffle(chars)
    grid, _ = build_grid(ruled_grid(XS, YS), chars)
    assert cell(grid, 0, 0).text == "見出し"
    assert cell(grid, 1, 1).text == "一行目\n二行目"
    line = cell(grid, 1, 1).lines[0]
    assert (line.x0, line.x1) == (105, 135)


def test_text_outside_the_rules_is_ignored() -> None:
    chars = chars_at("表題", 0, -40) + chars_at("中", 105, 55) + chars_at("1/8", 500, 700)
    grid, _ = build_grid(ruled_grid(XS, YS) + [Segment(0, -20, 80, -20)], chars)
    assert [c.text for c in grid.cells if c.text] == ["中"]
    assert grid.xs == tuple(XS)  # the title's underline is not a column


def test_a_gap_between_glyphs_is_a_space() -> None:
    chars = [Char("A", 0, 5, 0, 10, 10), Char("B", 5, 10, 0, 10, 10), Char("C", 15, 20, 0, 10, 10)]
    assert [ln.text for ln in group_lines(chars)] == ["AB C"]


def test_a_missing_side_rule_is_a_broken_grid() -> None:
    segs = [s for s in ruled_grid(XS, YS) if not (s.x0 == s.x1 == 300.0)]
    segs.append(Segment(300.0, 0.0, 300.0, 100.0))
    _, complete = build_grid(segs, [])
    assert not complete


def test_a_glyph_drawn_twice_at_one_spot_is_read_once() -> None:
    bold = chars_at("太字", 5, 5) + [
        Char(c.text, c.x0 + 0.3, c.x1 + 0.3, c.top, c.bottom, c.size) for c in chars_at("太字", 5, 5)
    ]
    assert [c.text for c in dedupe_chars(bold)] == ["太", "字"]
    assert [c.text for c in dedupe_chars(chars_at("ーー", 5, 5))] == ["ー", "ー"]  # neighbours stay
    grid, _ = build_grid(ruled_grid(XS, YS), bold)
    assert cell(grid, 0, 0).text == "太字"


def latin(text: str, x0: float, top: float, width: float = 2.2, size: float = 10.0, rotation: int = 0) -> list[Char]:
    """Narrow glyphs side by side (Helvetica's l and i are 0.22 em), as a reader reports them."""
    return [Char(c, x0 + width * i, x0 + width * (i + 1), top, top + size, size, rotation) for i, c in enumerate(text)]


def test_a_doubled_narrow_letter_is_two_letters() -> None:
    # ``ll`` in a URL or ``ii`` in a romanised name: neighbours a fifth of an em apart, whose
    # boxes touch but do not cover each other.
    for word in ("peachbells", "watanabeiin", "attending", "..", "ll", "ーー"):
        width = 10.0 if word == "ーー" else 2.2
        assert "".join(c.text for c in dedupe_chars(latin(word, 5, 5, width))) == word
    # Condensed type (negative tracking) lets neighbours overlap a little: still two.
    tight = [c._replace(x0=c.x0 - 0.4 * i, x1=c.x1 - 0.4 * i) for i, c in enumerate(latin("ll", 5, 5))]
    assert len(dedupe_chars(tight)) == 2
    # The same in a column turned on the page: its boxes are tall, not wide.
    turned = [Char("l", 5, 15, 5 + 2.2 * i, 7.2 + 2.2 * i, 10, 270) for i in range(2)]
    assert len(dedupe_chars(turned)) == 2


def test_fake_bold_of_a_narrow_letter_is_read_once() -> None:
    # Exporters draw the glyph again 0.2 to 1 pt to the side, or once filled and once stroked.
    for dx, dy in ((0.2, 0), (0.5, 0), (1.0, 0), (0.3, 0.3), (0, 0)):
        word = latin("Allergy", 5, 5)
        bold = word + [c._replace(x0=c.x0 + dx, x1=c.x1 + dx, top=c.top + dy, bottom=c.bottom + dy) for c in word]
        assert "".join(c.text for c in dedupe_chars(bold)) == "Allergy", (dx, dy)
    # Drawn three times (fill, stroke, offset) is still one glyph.
    once = latin("i", 5, 5)
    thrice = once + once + [c._replace(x0=c.x0 + 0.4, x1=c.x1 + 0.4) for c in once]
    assert [c.text for c in dedupe_chars(thrice)] == ["i"]


def test_text_turned_90_degrees_reads_in_its_own_direction() -> None:
    # A vertical label: glyphs stacked downwards, each turned (rotation 270 reads top to bottom).
    down = [Char(ch, 110, 120, 55 + 10 * i, 65 + 10 * i, 10, 270) for i, ch in enumerate("指標名")]
    up = [Char(ch, 210, 220, 85 - 10 * i, 95 - 10 * i, 10, 90) for i, ch in enumerate("目標値")]
    grid, _ = build_grid(ruled_grid(XS, YS), down + up)
    assert cell(grid, 1, 1).text == "指標名"
    assert cell(grid, 1, 2).text == "目標値"


def test_an_underline_or_a_rule_touching_the_table_adds_no_row_or_column() -> None:
    plain, _ = build_grid(ruled_grid(XS, YS), chars_at("リンク", 105, 55))
    stray = [
        Segment(105, 66, 135, 66),  # a hyperlink's underline inside a cell
        Segment(300, 20, 380, 20),  # a rule running off the table's right side
        Segment(150, 150, 150, 190),  # a rule hanging below the table
        Segment(50, 190, 150, 190),
    ]
    grid, complete = build_grid(ruled_grid(XS, YS) + stray, chars_at("リンク", 105, 55))
    assert complete
    assert (grid.xs, grid.ys) == (plain.xs, plain.ys)
    assert cell(grid, 1, 1).text == "リンク"


def test_several_tables_on_a_page_stay_apart() -> None:
    other = ruled_grid([400.0, 450.0, 500.0], [0.0, 30.0, 60.0])
    tables = find_tables(ruled_grid(XS, YS) + other, chars_at("別", 405, 5))
    assert [(t.grid.n_rows, t.grid.n_cols) for t in tables] == [(3, 3), (2, 2)]
    assert cell(tables[1].grid, 0, 0).text == "別"


def test_autospace_between_japanese_and_latin_is_no_space() -> None:
    # LibreOffice Writer sets 徘徊 and SOS a fifth of an em apart; a real space is wider.
    autospaced = chars_at("徘徊", 0, 0) + [Char(c, 22 + 6 * i, 28 + 6 * i, 0, 10, 10) for i, c in enumerate("SOS")]
    assert [ln.text for ln in group_lines(autospaced)] == ["徘徊SOS"]
    spaced = chars_at("徘徊", 0, 0) + [Char(c, 23 + 6 * i, 29 + 6 * i, 0, 10, 10) for i, c in enumerate("SOS")]
    assert [ln.text for ln in group_lines(spaced)] == ["徘徊 SOS"]


def test_the_twin_prefilter_drops_exactly_what_the_full_test_drops() -> None:
    # Glyphs with no same-text glyph near them are kept without the exact test; on a page
    # with many repeats (fake bold, jittered in both directions, sizes mixed), the result is
    # the same as running the exact test over every glyph.
    rng = random.Random(7)
    page = []
    for _ in range(3000):
        x0, top, size = rng.uniform(0, 400), rng.uniform(0, 600), rng.choice((6.0, 8.0, 12.0))
        text = rng.choice("太字ーの。1l")
        width = size * (0.22 if text == "l" else 0.5 if text == "1" else 1.0)
        page.append(Char(text, x0, x0 + width, top, top + size, size))
    for c in rng.sample(page, 600):
        dx, dy = rng.uniform(-3, 3), rng.uniform(-3, 3)
        page.append(c._replace(x0=c.x0 + dx, x1=c.x1 + dx, top=c.top + dy, bottom=c.bottom + dy))
    rng.shuffle(page)
    assert dedupe_chars(page) == drop_repeats(page)
    assert len(dedupe_chars(page)) < len(page)


def test_a_double_rule_is_one_rule() -> None:
    """Two parallel lines 1.9 pt apart (a double border, ICDAR us-038) part cells once: no
    empty row under the header, no empty ring inside the frame."""
    segs = ruled_grid(XS, YS)
    segs += [Segment(-1.9, -1.9, 301.9, -1.9), Segment(-1.9, 151.9, 301.9, 151.9)]  # the frame, doubled
    segs += [Segment(-1.9, -1.9, -1.9, 151.9), Segment(301.9, -1.9, 301.9, 151.9)]
    segs += [Segment(0.0, 51.9, 300.0, 51.9)]  # a double rule under the header row
    grid, complete = build_grid(segs, chars_at("見出し", 5, 5))
    assert complete
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert cell(grid, 0, 0).text == "見出し"


def test_a_white_bar_over_shading_is_a_rule_and_the_shading_is_not() -> None:
    from extract.reading.rules import PaintedPath, Subpath, ruling_segments

    def box(x0: float, top: float, x1: float, bottom: float) -> tuple[Subpath]:
        return (Subpath(((x0, top), (x1, top), (x1, bottom), (x0, bottom)), closed=True),)

    shading = PaintedPath(box(0, 0, 300, 100), stroke=False, fill=True)
    white_bar = PaintedPath(box(148.5, 0, 151.5, 100), stroke=False, fill=True, white_fill=True)  # 3 pt wide
    grey_bar = PaintedPath(box(148.5, 0, 151.5, 100), stroke=False, fill=True)
    assert ruling_segments([shading]) == []
    assert ruling_segments([shading, grey_bar]) == []  # a 3 pt grey band is shading
    assert ruling_segments([shading, white_bar]) == [Segment(150.0, 0, 150.0, 100)]
