"""A row cut by a page break, told by geometry (extract.layout.continued), on hand-built cells."""

from __future__ import annotations

from extract.layout.continued import joined, one_row_on_columns, starts_cut, top_gap
from extract.model import Cell, Grid, Line

SIZE = 10.0


def cell(row: int, col: int, *lines: tuple[str, float, float, float], top: float = 0.0) -> Cell:
    """A cell whose top rule is at ``top``, holding lines given as (text, x0, x1, line top)."""
    return Cell(row, col, 1, 1, (0.0, top, 100.0, top + 50.0), tuple(Line(t, a, b, SIZE, y) for t, a, b, y in lines))


def test_a_cells_top_gap_is_where_its_text_starts_below_its_rule_in_em() -> None:
    assert top_gap(cell(0, 0, ("人事課", 0.0, 30.0, 103.0), top=100.0)) == 0.3
    assert top_gap(cell(0, 0)) is None


def test_a_row_whose_text_starts_at_its_rule_is_the_rest_of_a_cut_row() -> None:
    gaps = {"department": [0.3, 0.3, 0.3], "plan": [0.3, 0.3]}
    cut = {"department": cell(1, 0, ("市立図書館", 0.0, 50.0, 100.0), top=100.0),
           "plan": cell(1, 1, ("コロナ", 0.0, 30.0, 100.2), top=100.0)}  # fmt: skip
    fresh = {"department": cell(1, 0, ("市立図書館", 0.0, 50.0, 103.0), top=100.0)}
    assert starts_cut(cut, gaps)
    assert not starts_cut(fresh, gaps)


def test_each_cell_is_held_to_its_own_column_and_nothing_known_is_no_cut() -> None:
    """A column set in the middle of its rows has larger gaps than one set at the top."""
    gaps = {"no": [1.5, 1.5], "department": [0.3, 0.3]}
    centred = {"no": cell(1, 0, ("3", 0.0, 5.0, 101.0), top=100.0)}  # 0.1 em, well above its column's 1.5
    assert starts_cut(centred, gaps)
    assert not starts_cut(centred, {"department": [0.3]})  # no history for its column
    assert not starts_cut({"no": cell(1, 0)}, gaps)  # no text at all


def test_pieces_of_one_printed_line_are_joined_and_lines_kept_in_order() -> None:
    lines = [
        Line("実施状況", 60.0, 100.0, SIZE, 10.0),
        Line("令和2年度", 0.0, 50.0, SIZE, 10.0),
        Line("二行目", 0.0, 30.0, SIZE, 22.0),
    ]
    assert [ln.text for ln in joined(lines, 0.2)] == ["令和2年度実施状況", "二行目"]
    latin = [Line("Delhi", 0.0, 25.0, SIZE, 0.0), Line("and", 30.0, 45.0, SIZE, 0.0)]
    assert [ln.text for ln in joined(latin, 0.2)] == ["Delhi and"]


def test_a_page_with_one_cut_row_is_read_on_the_columns_before() -> None:
    """Its own columns (a boundary through the middle of the first column) give way to the page
    before's; its body lines, rows of their own, are one row."""
    own = Grid(
        (0.0, 40.0, 100.0, 200.0),
        (0.0, 20.0, 32.0, 44.0),
        (
            cell(0, 0, ("№", 10.0, 20.0, 2.0)), cell(0, 1), cell(0, 2, ("担当課", 120.0, 150.0, 2.0)),
            cell(1, 0, ("て等の", 50.0, 80.0, 21.0)), cell(1, 1), cell(1, 2, ("市立図書館", 110.0, 160.0, 21.0)),
            cell(2, 0, ("展示", 50.0, 70.0, 33.0)), cell(2, 1), cell(2, 2),
        ),
    )  # fmt: skip
    grid = one_row_on_columns(own, (0.0, 100.0, 200.0), 1, 0.2)
    assert grid is not None
    assert (grid.n_rows, grid.n_cols) == (2, 2)
    assert [[grid.cell_at(r, c).text for c in range(2)] for r in range(2)] == [  # type: ignore[union-attr]
        ["№", "担当課"],
        ["て等の\n展示", "市立図書館"],
    ]
