"""Program blocks: a № cell and the department rows beside it, continued across page breaks,
each department row becoming one ExtractedRow with its page, extra columns and place."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.assemble import assemble, cell_text, join_cells, split_name_description
from extract.errors import ExtractionError
from extract.model import Cell, ExtractedRow, Line, TableKind

from .assemble_grids import (
    PLAN_HEADER,
    RESULTS_HEADER,
    grid,
    page_of,
    plan_page,
    plan_row,
    table,
)

WITH_NOTE = (*PLAN_HEADER, "備考")  # a column naming no field: kept as an extra column
MERGED = [0, 1, 2]  # grid columns of №, 実施内容 and 内容 in PLAN_HEADER


def merged_over(first_row: int, n_rows: int, cols: list[int] = MERGED) -> list[tuple[int, int, int, int]]:
    """№, name and description cells merged over ``n_rows`` department rows."""
    return [(first_row, c, n_rows, 1) for c in cols]


def noted(no: str, name: str, dept: str, note: str, plan: str = "研修を行う") -> list[str]:
    return [*plan_row(no, name, dept, plan), note]


def cut(plan: str = "", note: str = "") -> list[str]:
    """The rest of a row cut by a page break: no №, no department, the plan's (and note's) end."""
    return ["", "", "", "", plan, "", "", note]


def extras_of(r: ExtractedRow) -> dict[str, str]:
    return {label: cell.text for label, cell in r.extras.items()}


def cell(*lines: str, page: int = 1) -> Cell:
    return Cell(1, 1, 1, 1, (100.0, 40.0, 200.0, 80.0), tuple(Line(t) for t in lines), page)


def test_full_width_and_padded_numbers_are_read_as_program_numbers() -> None:
    rows = [plan_row("１２", "研修", "人事課"), plan_row(" 13 ", "相談", "健幸保健課")]
    assert [r.program_no for r in assemble([plan_page(rows)]).rows] == [12, 13]


def test_a_number_cell_that_reads_no_number_is_refused_naming_page_and_field() -> None:
    first = plan_page([plan_row("1", "研修", "人事課")])
    second = plan_page([plan_row("2a", "相談", "健幸保健課")], header=None, number=3)
    with pytest.raises(ExtractionError) as e:
        assemble([first, second])
    assert str(e.value) == "test.pdf: page 3, field no: program № cell reads '2a', not a number"


def test_a_table_cannot_start_with_a_block_without_number() -> None:
    with pytest.raises(ExtractionError) as e:
        assemble([plan_page([plan_row("", "研修", "人事課"), plan_row("2", "相談", "健幸保健課")], number=2)])
    assert str(e.value) == "test.pdf: page 2, field no: program block has no №"


def test_a_new_table_on_the_next_page_cannot_continue_the_block_of_the_last_one() -> None:
    plan = plan_page([plan_row("1", "研修", "人事課")])
    results_rows = [
        ["", "", "", "企業局", "研修を行う", "回数", "1回", "実施した", "順調", "2回", "100"],
        ["2", "相談", "相談を受けます。", "健幸保健課", "相談", "件数", "10件", "実施した", "順調", "12件", "120"],
    ]
    results = page_of(table([list(RESULTS_HEADER), *results_rows]), number=2)
    with pytest.raises(ExtractionError) as e:
        assemble([plan, results])
    assert str(e.value) == "test.pdf: page 2, field no: program block has no №"


def test_the_header_repeated_on_the_next_page_keeps_the_table_and_its_block_continues() -> None:
    first = plan_page([plan_row("3", "納付相談", "税務課")])
    second = plan_page([plan_row("", "", "企業局"), plan_row("4", "啓発", "人権課")], number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.department_seq, r.text("department"), r.page) for r in ex.rows] == [
        (3, 1, "税務課", 1),
        (3, 2, "企業局", 2),
        (4, 1, "人権課", 2),
    ]


def test_department_rows_whose_number_cells_are_ruled_apart_belong_to_the_block_above() -> None:
    # Some templates rule the № column between a program's department rows instead of merging it.
    rows = [plan_row("1", "研修", "人事課"), plan_row("", "", "企業局"), plan_row("2", "相談", "健幸保健課")]
    ex = assemble([plan_page(rows)])
    assert [(r.program_no, r.department_seq, r.text("department"), r.text("name")) for r in ex.rows] == [
        (1, 1, "人事課", "研修"),
        (1, 2, "企業局", "研修"),
        (2, 1, "健幸保健課", "相談"),
    ]


def test_blocks_are_read_top_down_whatever_order_the_grid_lists_its_cells_in() -> None:
    rows = [list(PLAN_HEADER), plan_row("1", "研修", "人事課"), plan_row("2", "相談", "健幸保健課")]
    g = grid(rows)
    shuffled = replace(g, cells=tuple(reversed(g.cells)))
    page = page_of(replace(table(rows), grid=shuffled))
    assert [(r.program_no, r.text("department")) for r in assemble([page]).rows] == [(1, "人事課"), (2, "健幸保健課")]


def test_each_cell_of_a_row_carries_the_page_it_was_printed_on() -> None:
    first = plan_page([noted("3", "納付相談", "税務課", "注1")], header=WITH_NOTE, number=4)
    second = page_of(table([noted("", "", "企業局", "注2")]), number=5)
    one, two = assemble([first, second]).rows
    assert (one.page, two.page) == (4, 5)
    assert {f: c.page for f, c in one.fields.items()} == {f: 4 for f in one.fields}
    assert {f: c.page for f, c in two.fields.items()} == {
        "no": 4, "name": 4, "description": 4, "department": 5, "plan": 5, "indicator": 5, "target": 5,
    }  # fmt: skip
    assert (one.extras["備考"].page, two.extras["備考"].page) == (4, 5)


def test_a_department_row_without_any_text_is_placed_on_its_blocks_page() -> None:
    rows = [plan_row("1", "研修", "人事課"), ["", "", "", "", "", "", ""]]
    (r1, r2) = assemble([plan_page(rows, merged_over(1, 2), number=6)]).rows
    assert (r2.program_no, r2.department_seq, r2.text("department"), r2.page) == (1, 2, "", 6)
    assert all(c.page == 6 and not c.lines for f, c in r2.fields.items() if f not in ("no", "name", "description"))


def test_extra_columns_are_kept_by_their_label_for_each_department_row() -> None:
    rows = [noted("1", "研修", "人事課", "注1"), noted("", "", "企業局", "注2"), noted("2", "相談", "健幸保健課", "")]
    ex = assemble([plan_page(rows, merged_over(1, 2), header=WITH_NOTE)])
    assert [(r.program_no, r.department_seq, extras_of(r)) for r in ex.rows] == [
        (1, 1, {"備考": "注1"}),
        (1, 2, {"備考": "注2"}),
        (2, 1, {"備考": ""}),
    ]
    assert all("備考" not in r.fields for r in ex.rows)


def test_a_row_cut_by_a_page_break_joins_the_last_department_and_later_rows_are_new_ones() -> None:
    first_rows = [
        noted("1", "研修", "人事課", "注A"),
        noted("", "", "企業局", "注B"),
        noted("", "", "税務課", "注C", plan="前半"),
    ]
    first = plan_page(first_rows, merged_over(1, 3), header=WITH_NOTE, number=1)
    # On the next page the block goes on: the cut row's rest, then one more department.
    second_rows = [cut("後半", "続き"), noted("", "", "人権課", "注D")]
    second = page_of(table(second_rows, spans=merged_over(0, 2)), number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.department_seq, r.text("department"), r.text("plan"), extras_of(r)) for r in ex.rows] == [
        (1, 1, "人事課", "研修を行う", {"備考": "注A"}),
        (1, 2, "企業局", "研修を行う", {"備考": "注B"}),
        (1, 3, "税務課", "前半\n後半", {"備考": "注C\n続き"}),
        (1, 4, "人権課", "研修を行う", {"備考": "注D"}),
    ]
    assert [r.page for r in ex.rows] == [1, 1, 1, 2]


def test_the_cut_name_and_description_continue_on_the_next_page() -> None:
    first = plan_page([plan_row("5", "自殺対策\n連絡会", "健幸保健課", desc="庁内の")], number=1)
    second = page_of(table([["", "の開催", "連携を図ります。", "", "", "", ""]]), number=2)
    (r,) = assemble([first, second]).rows
    assert (r.text("no"), r.text("name"), r.text("description")) == (
        "5",
        "自殺対策\n連絡会\nの開催",
        "庁内の\n連携を図ります。",
    )
    assert (r.fields["name"].page, r.page) == (1, 1)


def test_a_blank_number_cell_on_the_next_page_adds_nothing_to_the_number() -> None:
    first = plan_page([plan_row("5", "研修", "人事課")], number=1)
    second = page_of(table([["\u3000", "", "", "企業局", "研修を行う", "回数", "1回"]]), number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.text("no"), r.text("department")) for r in ex.rows] == [
        (5, "5", "人事課"),
        (5, "5", "企業局"),
    ]


def test_a_column_only_the_next_pages_header_has_joins_the_continued_row() -> None:
    first = plan_page([plan_row("1", "研修", "人事課", plan="前半")], number=1)
    second = plan_page([cut("後半", "続き"), noted("2", "相談", "健幸保健課", "")], header=WITH_NOTE, number=2)
    one, two = assemble([first, second]).rows
    assert (one.text("plan"), extras_of(one), one.extras["備考"].page) == ("前半\n後半", {"備考": "続き"}, 2)
    assert (two.program_no, extras_of(two)) == (2, {"備考": ""})


def test_rows_carry_their_file_table_year_and_program() -> None:
    page = replace(plan_page([plan_row("7", "研修", "人事課")], number=2), source_file="plan-2021.pdf")
    (r,) = assemble([page]).rows
    assert (r.source_file, r.table, r.fiscal_year, r.program_no, r.department_seq, r.page) == (
        "plan-2021.pdf",
        TableKind.PLAN,
        2021,
        7,
        1,
        2,
    )


@pytest.mark.parametrize(
    ("merged", "name", "description"),
    [
        ({"name": cell("連絡会", "庁内の", "連携を図ります。")}, ("連絡会",), ("庁内の", "連携を図ります。")),
        ({"name": cell("連絡会")}, ("連絡会",), ()),
        ({"name": cell("連絡会", "庁内の"), "description": cell("内容")}, ("連絡会", "庁内の"), ("内容",)),
    ],
)
def test_the_name_cell_gives_its_first_line_to_the_name_and_the_rest_to_the_description(
    merged: dict[str, Cell], name: tuple[str, ...], description: tuple[str, ...]
) -> None:
    out = split_name_description(merged)
    assert tuple(line.text for line in out["name"].lines) == name
    assert tuple(line.text for line in out["description"].lines) == description


def test_cells_without_a_name_are_not_split() -> None:
    merged = {"no": cell("1", "2")}
    assert split_name_description(merged) == merged


@pytest.mark.parametrize(
    ("a", "b", "lines"),
    [
        (cell("前半", page=1), cell(page=2), ("前半",)),
        (cell(page=1), cell("後半", page=2), ("後半",)),
        (cell("前半", page=1), cell("後半", page=2), ("前半", "後半")),
    ],
)
def test_a_cell_cut_by_a_page_break_reads_its_lines_in_order(a: Cell, b: Cell, lines: tuple[str, ...]) -> None:
    joined = join_cells(a, b)
    assert tuple(line.text for line in joined.lines) == lines
    # The joined cell keeps the place of the part holding its first line.
    assert joined.page == (a.page if a.lines else b.page)


def test_a_grid_position_without_a_cell_reads_as_an_empty_cell_of_its_page() -> None:
    empty = cell_text(None, 3)
    assert (empty.lines, empty.text, empty.page) == ((), "", 3)
    assert empty.bbox[2] <= empty.bbox[0]  # no box to draw on the page's picture
    printed = cell("研修")
    assert cell_text(printed, 4) == replace(printed, page=4)
