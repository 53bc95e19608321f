"""Assembly on hand-made pages: headers by their text, merged blocks, page breaks."""

from __future__ import annotations

import pytest

from extract.assemble import assemble
from extract.errors import ExtractionError
from extract.geometry import page_grid
from extract.headers import fiscal_years, match_label
from extract.model import TableKind

from .helpers import chars_at, page, ruled_grid

PLAN_HEADER = ["№", "実施内容", "内容", "担当課", "令和3年度の実施計画", "令和3年度\n指標名", "令和3年度\n目標値"]
W, H = 100.0, 40.0


def table_page(rows, header=PLAN_HEADER, merged=(), number=1):
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


def row(no, name, dept, plan="計画", indicator="回数", target="1回", desc="説明"):
    return [no, name, desc if no else "", dept, plan, indicator, target]


def test_header_labels_map_to_fields_and_give_year_and_kind():
    ex = assemble([table_page([row("1", "研修", "人事課")])])
    (r,) = ex.rows
    assert (r.table, r.fiscal_year, r.program_no, r.department_seq) == (TableKind.PLAN, 2021, 1, 1)
    assert {f: r.text(f) for f in ("name", "description", "department", "target")} == {
        "name": "研修", "description": "説明", "department": "人事課", "target": "1回",
    }
    assert ex.reports[0].header_found and ex.reports[0].header_score == 100.0


def test_merged_cells_become_one_block_with_a_row_per_department():
    rows = [row("3", "納付相談", "税務課"), row("", "", "企業局"), row("", "", "財産活用課")]
    # №, 実施内容 and 内容 (grid columns 0-2) merged over grid rows 1-3 (row 0 is the header)
    merged = [(c, 1, 3) for c in range(3)]
    ex = assemble([table_page(rows, merged=merged)])
    assert [(r.program_no, r.department_seq, r.text("department")) for r in ex.rows] == [
        (3, 1, "税務課"), (3, 2, "企業局"), (3, 3, "財産活用課"),
    ]
    assert {r.text("name") for r in ex.rows} == {"納付相談"}


def test_a_page_without_header_continues_by_its_column_positions():
    first = table_page([row("1", "研修", "人事課")], number=1)
    second = table_page([row("2", "相談", "健幸保健課")], header=None, number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.page, r.fiscal_year) for r in ex.rows] == [(1, 1, 2021), (2, 2, 2021)]
    assert ex.reports[1].continued_from_previous


def test_a_block_cut_by_a_page_break_continues_on_the_next_page():
    first = table_page([row("3", "納付相談", "税務課")], number=1)
    second = table_page([row("", "", "企業局"), row("4", "啓発", "人権課")], header=None, number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.department_seq, r.text("department")) for r in ex.rows] == [
        (3, 1, "税務課"), (3, 2, "企業局"), (4, 1, "人権課"),
    ]


def test_a_tall_row_cut_by_a_page_break_joins_the_row_above():
    first = table_page([row("5", "研修", "人事課", plan="前半の\n計画")], number=1)
    rest = ["", "", "", "", "後半", "", ""]
    second = table_page([rest, row("6", "相談", "健幸保健課")], header=None, number=2)
    ex = assemble([first, second])
    assert [(r.program_no, r.text("plan")) for r in ex.rows] == [(5, "前半の\n計画\n後半"), (6, "計画")]


def test_the_name_column_may_carry_the_description_below_the_name():
    header = ["№", "実施内容", "担当課", "令和2年度の実施計画", "令和2年度指標名", "令和2年度目標値"]
    ex = assemble([table_page([["7", "連絡会\n庁内の連携を図ります。", "健幸保健課", "計画", "回数", "1回"]], header=header)])
    (r,) = ex.rows
    assert (r.fiscal_year, r.text("name"), r.text("description")) == (2020, "連絡会", "庁内の連携を図ります。")


def test_a_header_that_matches_no_known_table_is_an_error_naming_file_and_page():
    header = ["番号", "品目", "単価", "数量", "金額", "備考", "摘要"]
    with pytest.raises(ExtractionError, match=r"test.pdf: page 1: .*matches no known table"):
        assemble([table_page([row("1", "研修", "人事課")], header=header)])


@pytest.mark.parametrize(
    ("label", "field"),
    [("令和2年度の実施計画", "plan"), ("達成度（％）", "achievement"), ("令和2年度\n指標名", "indicator"),
     ("令和２年度　実施状況に関する担当課の評価", "evaluation"), ("令和2年度実施状況", "status"), ("内容", "description")],
)
def test_labels_match_by_fuzzy_text(label, field):
    assert match_label(label).field == field


def test_era_years():
    assert fiscal_years("令和2年度 令和元年度 平成30年度 令和３年度") == [2020, 2019, 2018, 2021]
