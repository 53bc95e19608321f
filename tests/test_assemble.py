"""Assembly on hand-made pages: headers by their text, merged blocks, page breaks."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from extract.assemble import assemble
from extract.columns.headers import fiscal_years
from extract.errors import ExtractionError
from extract.layout.geometry import page_grid
from extract.model import PageGrid, Segment, TableKind

from .helpers import chars_at, page, ruled_grid

PLAN_HEADER = ["№", "実施内容", "内容", "担当課", "令和3年度の実施計画", "令和3年度\n指標名", "令和3年度\n目標値"]
W, H = 100.0, 40.0


def table_page(
    rows: list[list[str]],
    header: list[str] | None = PLAN_HEADER,
    merged: Sequence[tuple[int, int, int]] = (),
    number: int = 1,
) -> PageGrid:
    """A ruled page: an optional header row, then ``rows`` of cell texts ("" = empty)."""
    body = ([header] if header else []) + rows
    n_cols = len(body[0])
    xs = [i * W for i in range(n_cols + 1)]
    ys = [i * H for i in range(len(body) + 1)]
    chars = []
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            for k, line in enumerate(text.split("\n") if text else []):
                chars += chars_at(line, xs[c] + 2, ys[r] + 2 + k * 12, size=8)
    return page_grid(page(ruled_grid(xs, ys, merged), chars, number))


def row(
    no: str,
    name: str,
    dept: str,
    plan: str = "研修を行う",
    indicator: str = "回数",
    target: str = "1回",
    desc: str = "研修を行います。",
) -> list[str]:
    return [no, name, desc if no else "", dept, plan, indicator, target]


def test_header_labels_map_to_fields_and_give_year_and_kind() -> None:
    ex = assemble([table_page([row("1", "研修", "人事課")])])
    (r,) = ex.rows
    assert (r.table, r.fiscal_year, r.program_no, r.department_seq) == (TableKind.PLAN, 2021, 1, 1)
    assert {f: r.text(f) for f in ("name", "description", "department", "target")} == {
        "name": "研修",
        "description": "研修を行います。",
        "department": "人事課",
        "target": "1回",
    }
    assert ex.reports[0].header_found and ex.reports[0].header_score == 100.0


def test_merged_cells_become_one_block_with_a_row_per_department() -> None:
    rows = [row("3", "納付相談", "税務課"), row("", "", "企業局"), row("", "", "財産活用課")]
    # №, 実施内容 and 内容 (grid columns 0-2) merged over grid rows 1-3 (row 0 is the header)
    merged = [(c, 1, 3) for c in range(3)]
    ex = assemble([table_page(rows, merged=merged)])
    assert [(r.program_no, r.department_seq, r.text("department")) for r in ex.rows] == [
        (3, 1, "税務課"),
        (3, 2, "企業局"),
        (3, 3, "財産活用課"),
    ]
    assert {r.text("name") for r in ex.rows} == {"納付相談"}


def test_a_page_without_header_continues_by_its_column_positions() -> None:
    first = table_page([row("1", "研修", "人事課")], number=1)
    second = table_page([row("2", "相談", "健幸保健課")], header=None, number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.page, r.fiscal_year) for r in ex.rows] == [(1, 1, 2021), (2, 2, 2021)]
    assert ex.reports[1].continued_from_previous


def test_a_block_cut_by_a_page_break_continues_on_the_next_page() -> None:
    first = table_page([row("3", "納付相談", "税務課")], number=1)
    second = table_page([row("", "", "企業局"), row("4", "啓発", "人権課")], header=None, number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.department_seq, r.text("department")) for r in ex.rows] == [
        (3, 1, "税務課"),
        (3, 2, "企業局"),
        (4, 1, "人権課"),
    ]


def test_a_tall_row_cut_by_a_page_break_joins_the_row_above() -> None:
    first = table_page([row("5", "研修", "人事課", plan="前半の\n計画")], number=1)
    rest = ["", "", "", "", "後半", "", ""]
    second = table_page([rest, row("6", "相談", "健幸保健課")], header=None, number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.text("plan")) for r in ex.rows] == [(5, "前半の\n計画\n後半"), (6, "研修を行う")]


def test_the_name_column_may_carry_the_description_below_the_name() -> None:
    header = ["№", "実施内容", "担当課", "令和2年度の実施計画", "令和2年度指標名", "令和2年度目標値"]
    cells = ["7", "連絡会\n庁内の連携を図ります。", "健幸保健課", "計画を立てる", "回数", "1回"]
    ex = assemble([table_page([cells], header=header)])
    (r,) = ex.rows
    assert (r.fiscal_year, r.text("name"), r.text("description")) == (2020, "連絡会", "庁内の連携を図ります。")


def test_a_header_that_matches_no_known_table_is_an_error_naming_file_and_page() -> None:
    header = ["番号", "品目", "単価", "数量", "金額", "備考", "摘要"]
    with pytest.raises(ExtractionError, match=r"test.pdf: page 1: .*matches no known table"):
        assemble([table_page([row("1", "研修", "人事課")], header=header)])


def test_era_years() -> None:
    assert fiscal_years("令和2年度 令和元年度 平成30年度 令和３年度") == [2020, 2019, 2018, 2021]


def test_year_forms() -> None:
    assert fiscal_years("R2年度 R3 2020年度 平成30年度 令和元年度 令和２年度 H30") == [
        2020,
        2021,
        2018,
        2019,
        2020,
        2018,
        2020,
    ]


RESULTS_REWORDED = ["No.", "事業名称", "事業の概要", "担　当　課", "今年度の事業計画", "成果指標 (令和２年度)",
                    "目標数値", "事業の実施状況", "担当課の自己評価", "実績数値", "達成率"]  # fmt: skip


def results_row(no: str, name: str, dept: str) -> list[str]:
    return [no, name, "研修を行います。", dept, "研修を行う", "回数", "1回", "実施した", "順調", "2回", "100"]


def test_reworded_labels_are_read_as_a_whole_row() -> None:
    # None of these labels is in labels.toml; the row is read by similarity alone.
    ex = assemble([table_page([results_row("1", "研修", "人事課")], header=RESULTS_REWORDED)])
    (r,) = ex.rows
    assert (r.table, r.fiscal_year) == (TableKind.RESULTS, 2020)
    assert {f: r.text(f) for f in r.fields} == {
        "no": "1", "name": "研修", "description": "研修を行います。", "department": "人事課", "plan": "研修を行う",
        "indicator": "回数", "target": "1回", "status": "実施した", "evaluation": "順調", "actual": "2回",
        "achievement": "100",
    }  # fmt: skip
    mapping = {m.label: m.field for m in ex.reports[0].header_labels}
    assert mapping["今年度の事業計画"] == "plan"
    assert all(mapping.values())


def test_a_header_over_two_rows_gives_each_column_its_group_label() -> None:
    # Row 0: №, 実施内容, 内容, 担当課 span both rows; 令和3年度 spans the three columns below it.
    labels = [
        ["№", "実施内容", "内容", "担当課", "令和3年度", "", ""],
        ["", "", "", "", "の実施計画", "指標名", "目標値"],
    ]
    body = labels + [row("1", "研修", "人事課")]
    xs = [i * W for i in range(8)]
    ys = [i * H for i in range(4)]
    segs = [Segment(x, ys[0] if i in (0, 4, 7) else (ys[0] if i < 4 else ys[1]), x, ys[-1]) for i, x in enumerate(xs)]
    segs += [Segment(xs[0], ys[0], xs[-1], ys[0]), Segment(xs[4], ys[1], xs[-1], ys[1])]
    segs += [Segment(xs[0], y, xs[-1], y) for y in ys[2:]]
    chars = [
        ch for r, cells in enumerate(body) for c, t in enumerate(cells) for ch in chars_at(t, xs[c] + 2, ys[r] + 2, 8)
    ]
    ex = assemble([page_grid(page(segs, chars))])
    (r,) = ex.rows
    assert (r.table, r.fiscal_year, r.text("plan"), r.text("target")) == (TableKind.PLAN, 2021, "研修を行う", "1回")
    assert ex.reports[0].header_rows == 2


def test_an_unreadable_header_names_the_labels_and_the_file_to_extend() -> None:
    header = ["番号", "品目", "単価", "数量", "金額", "備考", "摘要"]
    with pytest.raises(ExtractionError) as e:
        assemble([table_page([row("1", "研修", "人事課")], header=header)])
    assert "'単価'" in str(e.value) and "labels.toml" in str(e.value)


def test_a_row_cut_by_a_page_break_continues_before_the_name_is_split_from_its_description() -> None:
    header = ["№", "実施内容", "担当課", "令和2年度の実施計画", "令和2年度指標名", "令和2年度目標値"]
    first = table_page([["7", "連絡会\n庁内の", "健幸保健課", "研修計画の", "回数", "1回"]], header=header, number=1)
    second = table_page([["", "連携を図ります。", "", "続き", "", ""]], header=header, number=2)
    (r,) = assemble([first, second]).rows
    assert (r.text("name"), r.text("description"), r.text("plan")) == (
        "連絡会",
        "庁内の\n連携を図ります。",
        "研修計画の\n続き",
    )


def test_the_report_table_is_chosen_by_its_header_among_several_on_a_page() -> None:
    ours = table_page([row("1", "研修", "人事課")])
    xs = [600 + i * 80.0 for i in range(9)]
    ys = [500 + i * 30.0 for i in range(6)]
    other = ruled_grid(xs, ys)  # a larger table of something else, further down the page
    chars = [ch for c in range(8) for ch in chars_at(f"列{c}", xs[c] + 2, ys[0] + 2, 8)]
    only = ours.tables[0]
    segs_chars = page(other, chars)
    from extract.layout.geometry import find_tables

    both = type(ours)(ours.source_file, 1, (*find_tables(segs_chars.segments, segs_chars.chars), only), 100, 0)
    ex = assemble([both])
    assert [(r.program_no, r.text("department")) for r in ex.rows] == [(1, "人事課")]
    assert ex.reports[0].tables_on_page == 2
