"""Reading a table's header from its grid (extract.columns.headers): the columns under a header one to
three rows deep, the field each holds by label and content, the extra columns kept, and the
header refused (with why) where reading it would be a guess."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from extract.columns.headers import (
    HeaderColumn,
    Refusal,
    TableHeader,
    column_values,
    header_columns,
    known_labels,
    read_header,
    reading,
)
from extract.model import TableKind

from .header_grids import PLAN, PLAN_FIELDS, RESULTS, RESULTS_FIELDS, Row, grid, plan_row, results_row

MIN_SCORE = 70.0  # the settings' default
Rows = Sequence[Sequence[str | None]]
Spans = Mapping[tuple[int, int], tuple[int, int]]


def header(g_rows: Rows, spans: Spans | None = None) -> TableHeader:
    h = read_header(grid(g_rows, spans), MIN_SCORE)
    assert isinstance(h, TableHeader), h
    return h


def refusal(g_rows: Rows, spans: Spans | None = None) -> Refusal:
    r = read_header(grid(g_rows, spans), MIN_SCORE)
    assert isinstance(r, Refusal), r
    return r


# -- the columns under a header ----------------------------------------------------------------


def test_each_column_under_a_header_carries_the_text_of_every_cell_above_it() -> None:
    # 令和2年度 spans the two columns below it; 担当課 spans both header rows.
    g = grid([["担当課", "令和2年度", None], [None, "実績値", "達成度"], ["人事課", "3回", "100%"]],
             {(0, 0): (2, 1), (0, 1): (1, 2)})  # fmt: skip
    assert header_columns(g, 2) == [
        HeaderColumn(0, 0, "担当課"),
        HeaderColumn(1, 1, "令和2年度\n実績値"),
        HeaderColumn(2, 2, "令和2年度\n達成度"),
    ]
    # One row deep, the group cell is one column over two grid columns.
    assert header_columns(g, 1) == [HeaderColumn(0, 0, "担当課"), HeaderColumn(1, 2, "令和2年度")]


def test_a_header_column_leaves_out_empty_cells_above_it() -> None:
    g = grid([["", "目標"], ["№", "値"], ["1", "3回"]])
    assert header_columns(g, 2) == [HeaderColumn(0, 0, "№"), HeaderColumn(1, 1, "目標\n値")]


def test_a_column_spanning_grid_columns_below_the_header_is_read_from_its_first() -> None:
    g = grid([["№", "担当課", None], ["1", "人事課", "税務課"]], {(0, 1): (1, 2)})
    assert header_columns(g, 1) == [HeaderColumn(0, 0, "№"), HeaderColumn(1, 2, "担当課")]


def test_the_values_under_a_column_are_its_data_cells_below_the_header() -> None:
    g = grid([["№", "担当課", None], ["1", "人事課", "税務課"], ["2", "", "企業 局"], ["3", "秘書課", ""]],
             {(0, 1): (1, 2)})  # fmt: skip
    columns = header_columns(g, 1)
    # Both grid columns under 担当課 are its values; empty cells are none; white space goes.
    assert column_values(g, columns, 1) == [("1", "2", "3"), ("人事課", "税務課", "企業局", "秘書課")]
    # Two rows deep, the first data row is header.
    assert column_values(g, header_columns(g, 2), 2) == [("2", "3"), ("秘書課",), ("企業局",)]


# -- what each column holds ------------------------------------------------------------------


def test_a_plan_header_reads_each_column_as_its_field() -> None:
    h = header([PLAN] + [plan_row(i) for i in range(1, 4)])
    assert (h.kind, h.fiscal_year, h.depth, h.extras) == (TableKind.PLAN, 2021, 1, {})
    assert h.columns == dict(enumerate(PLAN_FIELDS))
    assert h.score == 100.0
    assert [m.label for m in h.labels] == ["No", "実施内容", "内容", "担当課", "令和3年度の実施計画",
                                           "令和3年度指標名", "令和3年度目標値"]  # fmt: skip
    assert {m.content_score for m in h.labels} == {100.0}


def test_a_results_header_reads_as_a_results_table() -> None:
    h = header([RESULTS] + [results_row(i) for i in range(1, 4)])
    assert (h.kind, h.fiscal_year, h.depth) == (TableKind.RESULTS, 2021, 1)
    assert h.columns == dict(enumerate(RESULTS_FIELDS))


def test_the_columns_may_stand_in_any_order() -> None:
    order = [3, 0, 6, 1, 5, 2, 4]
    h = header([[PLAN[i] for i in order]] + [[plan_row(r)[i] for i in order] for r in range(1, 4)])
    assert h.columns == {k: PLAN_FIELDS[i] for k, i in enumerate(order)}


def test_a_field_over_two_grid_columns_holds_both() -> None:
    rows: list[Row] = [PLAN[:3] + [PLAN[3], None] + PLAN[4:]]
    rows += [r[:4] + ["企業局"] + r[4:] for r in (plan_row(i) for i in range(1, 4))]
    h = header(rows, {(0, 3): (1, 2)})
    assert h.columns[3] == h.columns[4] == "department"
    assert h.columns[5] == "plan"


def test_a_label_is_scored_rounded_to_a_tenth_and_content_likewise() -> None:
    rows = [["№", "実施内容", "担当部署名", "実施計画", "指標", "目標値(令和3年度)"]]
    rows += [["1", "研修", "人事課", "研修を行う", "回数", "1回"], ["2", "相談", "税務課", "相談を行う", "件数", "2件"],
             ["3", "啓発", "市民", "啓発を行う", "回数", "3回"]]  # fmt: skip
    h = header(rows)
    dept = h.labels[2]
    assert dept.field == "department"
    assert dept.score == round(dept.score, 1) and 80.0 <= dept.score < 100.0
    assert dept.content_score == 66.7


def test_content_is_not_scored_where_fewer_than_three_cells_have_text() -> None:
    h = header([PLAN, plan_row(1), plan_row(2)])
    assert h.columns == dict(enumerate(PLAN_FIELDS))
    assert {m.content_score for m in h.labels} == {None}


# -- extra columns ---------------------------------------------------------------------------


def test_a_column_that_names_no_field_is_kept_under_its_label() -> None:
    rows = [PLAN + ["備考"]] + [plan_row(i) + ["特になし"] for i in range(1, 4)]
    h = header(rows)
    assert h.extras == {7: "備考"}
    assert 7 not in h.columns
    assert h.labels[7].field is None and h.labels[7].content_score is None
    assert h.labels[7].score == round(h.labels[7].score, 1) < 40.0


def test_two_extra_columns_of_one_label_are_told_apart_by_position() -> None:
    rows = [PLAN + ["備考", "備考"]] + [plan_row(i) + ["a", "b"] for i in range(1, 4)]
    assert header(rows).extras == {7: "備考", 8: "備考 (column 9)"}


def test_an_unlabelled_column_is_kept_by_its_position_only_where_it_holds_something() -> None:
    rows = [PLAN + ["", ""]] + [plan_row(i) + ["", "メモ"] for i in range(1, 4)]
    assert header(rows).extras == {8: "(column 9)"}


# -- headers over several rows ---------------------------------------------------------------


def test_a_header_over_two_rows_is_read_two_rows_deep() -> None:
    top = ["№", "実施内容", "内容", "担当課", "実施計画", "令和3年度", None, None]
    below: Row = [None, None, None, None, None, "指標名", "目標値", "実績値"]
    data = [plan_row(i) + [f"{i}回"] for i in range(1, 4)]
    spans = {(0, c): (2, 1) for c in range(5)} | {(0, 5): (1, 3)}
    h = header([top, below, *data], spans)
    assert h.depth == 2
    assert (h.kind, h.fiscal_year) == (TableKind.RESULTS, 2021)
    assert h.columns == dict(enumerate(PLAN_FIELDS + ["actual"]))


def test_the_best_scoring_depth_wins() -> None:
    # One row deep, "令和3年度" names no field and the labels under it are data; two rows deep
    # every label is known.
    top = ["№", "実施内容", "担当課", "令和3年度", None, None]
    below: Row = [None, None, None, "実施計画", "指標名", "目標値"]
    data: list[Row] = [[str(i), f"事業{i}", "人事課", "研修を行う", "開催回数", f"{i}回"] for i in range(1, 4)]
    spans = {(0, c): (2, 1) for c in range(3)} | {(0, 3): (1, 3)}
    h = header([top, below, *data], spans)
    assert (h.depth, h.score) == (2, 100.0)


def test_a_header_is_never_read_deeper_than_three_rows() -> None:
    # Labels split over four rows: only four rows deep are the indicator and target found.
    top: Row = ["№", "実施内容", "担当課", "実施計画", "指", "目"]
    rows: list[Row] = [top, [None] * 4 + ["標", "標"], [None] * 4 + ["名", "値"],
                                     [None] * 4 + ["令和3年度", "令和3年度"]]  # fmt: skip
    data: list[Row] = [[str(i), f"事業{i}", "人事課", "研修を行う", "開催回数", f"{i}回"] for i in range(1, 4)]
    spans = {(0, c): (4, 1) for c in range(4)}
    g = grid(rows + data, spans)
    assert isinstance(reading(g, 4, known_labels(), MIN_SCORE), TableHeader)
    # Not found: why the first row is no header is said.
    assert read_header(g, MIN_SCORE) == "no fiscal year (令和2年度, R2, 2020年度 …) in its labels"


def test_a_header_reads_no_deeper_than_the_rows_above_its_last() -> None:
    # A header needs a row under it: the header row alone is read as no header at all, while
    # one data row under it is enough.
    assert read_header(grid([PLAN]), MIN_SCORE) == "the table has no rows"
    assert isinstance(read_header(grid([PLAN, plan_row(1)]), MIN_SCORE), TableHeader)


def test_an_empty_table_has_no_header() -> None:
    assert read_header(grid([]), MIN_SCORE) == "the table has no rows"


# -- what is not a header --------------------------------------------------------------------


def test_rows_of_unknown_labels_are_no_header_and_say_which_labels_and_fields() -> None:
    rows = [["番号", "品目", "単価", "数量"], ["1", "りんご", "100", "3"], ["2", "みかん", "50", "4"]]
    why = read_header(grid(rows), MIN_SCORE)
    assert why == (
        "labels not recognised: ['品目', '単価', '数量']; fields not found: ['department', 'indicator', 'name', 'plan']"
    )


def test_a_row_with_nothing_recognisable_says_none() -> None:
    why = read_header(grid([["", ""], ["1", "2"], ["3", "4"]]), MIN_SCORE)
    assert why == (
        "labels not recognised: none; fields not found: ['department', 'indicator', 'name', 'no', 'plan', 'target']"
    )


def test_a_header_without_a_fiscal_year_is_no_header() -> None:
    rows = [["№", "実施内容", "内容", "担当課", "実施計画", "指標名", "目標値"]] + [plan_row(i) for i in range(1, 4)]
    assert read_header(grid(rows), MIN_SCORE) == "no fiscal year (令和2年度, R2, 2020年度 …) in its labels"


def weak_rows(labels: Row) -> list[Row]:
    data: list[Row] = [
        [str(i), f"事業{i}", "人事課", "研修を行う", "開催回数", f"{i}回", f"事業{i}を説明します。"]
        for i in range(1, 4)
    ]
    return [list(labels)] + [d[: len(labels)] for d in data]


# Three labels strong (№, 実施内容, 目標値), the others weak (40-80): 当署 department, 画定 plan,
# 指針 indicator, 概況 description.
WEAK: Row = ["№", "実施内容", "当署", "画定", "指針", "令和3年度目標値"]


def test_a_header_with_half_its_labels_strong_is_read() -> None:
    h = header(weak_rows(WEAK))
    assert h.columns == dict(enumerate(["no", "name", "department", "plan", "indicator", "target"]))
    assert [m.score for m in h.labels] == [100.0, 100.0, 66.7, 60.0, 60.0, 100.0]


def test_labels_that_match_too_weakly_on_average_are_no_header() -> None:
    why = reading(grid(weak_rows(WEAK)), 1, known_labels(), 82.0)
    assert why == "labels match known ones too weakly (mean score 81); labels not recognised: ['当署', '画定', '指針']"


def test_a_header_scoring_exactly_the_minimum_is_read() -> None:
    score = header(weak_rows(WEAK)).score
    assert isinstance(read_header(grid(weak_rows(WEAK)), score), TableHeader)


def test_a_header_with_fewer_than_half_its_labels_strong_is_no_header() -> None:
    why = reading(grid(weak_rows([*WEAK, "概況"])), 1, known_labels(), MIN_SCORE)
    assert why == "labels not recognised: ['当署', '画定', '指針', '概況']; fields not found: none"


# -- refusals --------------------------------------------------------------------------------


def test_a_required_column_missing_is_refused_naming_it_and_the_unrecognised_labels() -> None:
    rows = [PLAN[:6] + ["備考", "摘要"]] + [plan_row(i)[:6] + ["なし", "なし"] for i in range(1, 4)]
    r = refusal(rows)
    assert r.reason == (
        "no column for the required field(s) target; none of the other labels (備考, 摘要) reads as one "
        "(extend labels.toml if one is reworded)"
    )
    assert r.final is False


def test_several_missing_required_columns_are_named_in_order() -> None:
    rows = [["№", "実施内容", "担当課", "令和3年度"]] + [[str(i), f"事業{i}", "人事課", "x"] for i in range(1, 4)]
    r = refusal(rows)
    assert r.reason.startswith("no column for the required field(s) indicator, plan, target; none of the other "
                               "labels (令和3年度) reads as one")  # fmt: skip


def test_a_missing_column_with_no_other_label_says_none() -> None:
    rows = [["№", "実施内容", "担当課", "令和3年度の実施計画"]] + [
        [str(i), "a", "人事課", "研修を行う"] for i in range(1, 4)
    ]
    assert refusal(rows).reason.startswith("no column for the required field(s) indicator, target; none of the "
                                           "other labels (none) reads")  # fmt: skip


def test_too_few_strong_required_labels_is_no_header_not_a_refusal() -> None:
    # Two required fields strongly named: a table of some other kind, not the report's.
    rows = [["№", "担当課", "令和3年度"]] + [[str(i), "人事課", "x"] for i in range(1, 4)]
    assert isinstance(read_header(grid(rows), MIN_SCORE), str)


def test_a_refusal_missing_a_column_lets_a_deeper_header_be_read() -> None:
    top: Row = ["№", "実施内容", "内容", "担当課", "実施計画", "指標名", "令和3年度"]
    below: Row = [None] * 6 + ["目標値"]
    spans = {(0, c): (2, 1) for c in range(6)}
    h = header([top, below] + [plan_row(i) for i in range(1, 4)], spans)
    assert (h.depth, h.columns) == (2, dict(enumerate(PLAN_FIELDS)))


def test_labels_over_the_wrong_columns_are_refused_naming_the_column_and_what_it_holds() -> None:
    # 目標値 stands over the departments, 担当課 over the targets: the first is named.
    labels = PLAN[:3] + ["令和3年度\n目標値"] + PLAN[4:6] + ["担当課"]
    r = refusal([labels] + [plan_row(i) for i in range(1, 5)])
    assert r.final
    assert r.reason == (
        "column 4 (令和3年度目標値) was the best match for target, but holds department names, not figures; "
        "no other column can be read as target"
    )


def test_an_optional_column_contradicting_its_label_is_refused() -> None:
    labels = RESULTS[:9] + ["達成度（％）", "実績値"]
    rows = [labels] + [r[:9] + ["順調", "達成"] for r in (results_row(i) for i in range(1, 5))]
    r = refusal(rows)
    assert r.reason.startswith("column 10 (達成度(%)) was the best match for achievement, but holds 2-character "
                               "words, not percentages")  # fmt: skip


def test_a_contradiction_names_a_required_field_before_an_earlier_optional_one() -> None:
    # 達成度 (column 4) stands over evaluations, 担当課 (column 11) over percentages.
    labels = RESULTS[:3] + ["達成度（％）"] + RESULTS[4:10] + ["担当課"]
    rows = [labels] + [r[:3] + ["順調"] + r[4:10] + ["100%"] for r in (results_row(i) for i in range(1, 5))]
    assert refusal(rows).reason == (
        "column 11 (担当課) was the best match for department, but holds percentages, not department names; "
        "no other column can be read as department"
    )


def test_two_columns_naming_one_field_equally_are_refused_naming_both() -> None:
    rows = [PLAN + ["目標値"]] + [plan_row(i) + [plan_row(i)[6]] for i in range(1, 4)]
    r = refusal(rows)
    assert r.final
    assert r.reason == (
        "columns 7 (令和3年度目標値) and 8 (目標値) both read as target (label score 100, content fits as well); "
        "which one is meant cannot be told"
    )


def test_a_second_column_whose_content_fits_worse_is_an_extra_not_a_tie() -> None:
    rows = [PLAN + ["目標値"]] + [plan_row(i) + ["人事課"] for i in range(1, 4)]
    h = header(rows)
    assert h.columns[6] == "target" and h.extras == {7: "目標値"}


def test_a_second_column_whose_label_is_weaker_is_an_extra_not_a_tie() -> None:
    rows = [PLAN + ["目標値等"]] + [plan_row(i) + [plan_row(i)[6]] for i in range(1, 4)]
    h = header(rows)
    assert h.columns[6] == "target" and h.extras == {7: "目標値等"}


def test_the_columns_under_a_header_stand_left_to_right_whatever_the_order_of_the_cells() -> None:
    # The tall 担当課 (row 0) is listed before the cells of row 1 to its left.
    g = grid([["令和2年度", None, "担当課"], ["実績値", "達成度", None]], {(0, 0): (1, 2), (0, 2): (2, 1)})
    assert [c.label for c in header_columns(g, 2)] == ["令和2年度\n実績値", "令和2年度\n達成度", "担当課"]


def test_a_header_column_reads_the_cells_there_are_above_it() -> None:
    # No cell stands over 値 in the first row (the grid has a hole there).
    g = grid([["№", None], ["番号", "値"], ["1", "3回"]])
    assert header_columns(g, 2) == [HeaderColumn(0, 0, "№\n番号"), HeaderColumn(1, 1, "値")]


def test_cells_under_no_header_column_belong_to_none() -> None:
    g = grid([["№", "担当課", None], ["1", "人事課", "税務課"]])
    assert column_values(g, header_columns(g, 1), 1) == [("1",), ("人事課",)]


def test_an_extra_columns_score_is_its_best_label_score_rounded_to_a_tenth() -> None:
    # 担当課名 names department and evaluation, both held by closer labels: it is an extra.
    rows = [RESULTS + ["担当課名"]] + [results_row(i) + ["人事課"] for i in range(1, 4)]
    h = header(rows)
    assert h.extras == {11: "担当課名"}
    assert (h.labels[11].field, h.labels[11].score) == (None, 85.7)


def test_a_label_over_the_wrong_cells_is_an_extra_where_another_column_holds_its_field() -> None:
    # 目標値 stands over department names; 目標値等 over the targets holds the field.
    rows = [PLAN + ["目標値等"]] + [r[:6] + ["人事課", r[6]] for r in (plan_row(i) for i in range(1, 4))]
    h = header(rows)
    assert (h.columns[7], h.extras) == ("target", {6: "令和3年度目標値"})


def test_wrong_cells_under_a_header_lacking_a_required_column_refuse_it_for_the_missing_column() -> None:
    # 目標値 stands over department names, and no column is labelled 担当課: the labels alone
    # are no table, so what is missing is said.
    labels = PLAN[:3] + ["令和3年度\n目標値"] + PLAN[4:6]
    r = refusal([labels] + [plan_row(i)[:6] for i in range(1, 5)])
    assert r == Refusal(
        "no column for the required field(s) department, target; none of the other labels (令和3年度目標値) reads "
        "as one (extend labels.toml if one is reworded)",
        final=False,
    )


def test_a_long_unrecognised_label_is_named_by_its_first_twenty_characters() -> None:
    remark = "この欄には各課が自由に記入する備考を載せています"
    rows = [PLAN[:6] + [remark]] + [plan_row(i)[:6] + ["なし"] for i in range(1, 4)]
    assert f"labels ({remark[:20]}) reads" in refusal(rows).reason


def test_a_strong_optional_label_does_not_make_a_table_the_reports() -> None:
    # № and 担当課 strongly, 内容 too, but it is no required field: not the report's header.
    rows = [["№", "内容", "担当課", "令和3年度"]] + [
        [str(i), f"事業{i}の説明です。", "人事課", "x"] for i in range(1, 4)
    ]
    assert reading(grid(rows), 1, known_labels(), MIN_SCORE) == (
        "labels not recognised: ['令和3年度']; fields not found: ['indicator', 'name', 'plan', 'target']"
    )


# A plan label one character off (計書 for 計画): its score is exactly 80, the least strong one.
TYPO = "令和3年度の実施計書"


def test_a_label_scoring_exactly_the_strong_mark_is_strong() -> None:
    rows = [["№", "実施内容", "当署", TYPO, "指針", "目定"]] + [
        [str(i), f"事業{i}", "人事課", "研修を行う", "開催回数", f"{i}回"] for i in range(1, 4)
    ]
    # №, 実施内容 and the typo strong, three of six: the header is read, the typo as plan.
    h = header(rows)
    assert (h.columns[3], h.labels[3].score) == ("plan", 80.0)


def test_a_label_scoring_exactly_the_strong_mark_counts_towards_the_reports_header() -> None:
    # №, 実施内容 and the typo: three required fields named strongly, so a missing one is refused.
    rows = [["№", "実施内容", TYPO, "備考"]] + [[str(i), f"事業{i}", "研修を行う", "なし"] for i in range(1, 4)]
    r = refusal(rows)
    assert r.reason.startswith("no column for the required field(s) department, indicator, target; none of the "
                               "other labels (備考) reads as one")  # fmt: skip


def test_a_label_scoring_exactly_the_strong_mark_is_refused_over_the_wrong_cells() -> None:
    labels = PLAN[:4] + [TYPO] + PLAN[5:]
    rows = [labels] + [r[:4] + ["1回"] + r[5:] for r in (plan_row(i) for i in range(1, 4))]
    assert refusal(rows).reason == (
        f"column 5 ({TYPO}) was the best match for plan, but holds 2-character words, not sentences; "
        "no other column can be read as plan"
    )


def test_two_columns_tied_are_refused_wherever_an_extra_column_stands() -> None:
    rows = [["備考", *PLAN, "目標値"]] + [["なし", *plan_row(i), plan_row(i)[6]] for i in range(1, 4)]
    assert refusal(rows).reason.startswith("columns 8 (令和3年度目標値) and 9 (目標値) both read as target")


def test_two_columns_tied_without_content_to_tell_them_apart_are_refused() -> None:
    rows = [PLAN + ["目標値"], plan_row(1) + ["1回"], plan_row(2) + ["2回"]]
    assert refusal(rows).reason.startswith("columns 7 (令和3年度目標値) and 8 (目標値) both read as target")


def test_a_column_read_as_another_field_is_no_rival() -> None:
    # 担当 scores 90 for department and for evaluation; 担当課 holds department, so 担当 is read as
    # evaluation, although 担当課 would name evaluation as well as it does.
    rows = [PLAN + ["担当"]] + [plan_row(i) + ["順調に実施"] for i in range(1, 4)]
    h = header(rows)
    assert (h.columns[3], h.columns[7], h.kind) == ("department", "evaluation", TableKind.RESULTS)


# -- the depth read --------------------------------------------------------------------------

TOP: Row = ["№", "取組", "担当", "令和3年度の実施計画", "指標", "目標"]  # 担当: department, 90
DATA: list[Row] = [[str(i), f"事業{i}", "人事課", "研修を行う", "開催回数", f"{i}回"] for i in range(1, 4)]


def test_a_deeper_header_that_reads_better_wins() -> None:
    # 課 under 担当 makes 担当課: read two rows deep every label is known exactly.
    rows: list[Row] = [TOP, ["", "", "課", "", "", ""], *DATA]
    assert reading(grid(rows), 1, known_labels(), MIN_SCORE) != reading(grid(rows), 2, known_labels(), MIN_SCORE)
    h = header(rows)
    assert (h.depth, h.score, h.labels[2].label) == (2, 100.0, "担当課")


def test_a_blank_row_under_the_header_leaves_it_one_row_deep() -> None:
    # Read one or two rows deep the header is the same: the shallower reading wins.
    h = header([TOP, [""] * 6, *DATA])
    assert (h.depth, h.score) == (1, (100.0 * 5 + 90.0) / 6)


def test_a_label_over_the_wrong_cells_is_refused_even_where_its_column_reads_weakly_as_another_field() -> None:
    # Figures under 実施計画: the column reads weakly as evaluation, the plan is missing. Refused
    # as the template it is, not read deeper with data rows taken into the header.
    rows = [PLAN] + [r[:4] + ["1回"] + r[5:] for r in (plan_row(i) for i in range(1, 5))]
    assert read_header(grid(rows), MIN_SCORE) == Refusal(
        "column 5 (令和3年度の実施計画) was the best match for plan, but holds 2-character words, not sentences; "
        "no other column can be read as plan"
    )


def test_a_column_half_of_whose_cells_fit_its_field_is_read_as_it() -> None:
    # Two of the four cells under 担当課 are department names: not a contradiction.
    rows = [PLAN] + [r[:3] + [d] + r[4:] for r, d in zip((plan_row(i) for i in range(1, 5)),
                                                        ["人事課", "未定", "税務課", "市民"], strict=True)]  # fmt: skip
    h = header(rows)
    assert (h.columns[3], h.labels[3].content_score) == ("department", 50.0)


def test_a_column_the_content_check_moves_to_another_field_is_not_refused_for_the_first() -> None:
    # By label alone 担当課 would be evaluation and 担当部署 department; 担当部署 holds figures, so
    # 担当課 (half of its cells department names) is department, and 担当部署 an extra column.
    depts = ["人事課", "100", "税務課", "200"]
    rows = [PLAN + ["担当部署"]]
    rows += [
        r[:3] + [d] + r[4:] + [f"{i}00"]
        for i, (r, d) in enumerate(zip((plan_row(i) for i in range(1, 5)), depts, strict=True))
    ]
    h = header(rows)
    assert (h.kind, h.columns[3], h.extras) == (TableKind.PLAN, "department", {7: "担当部署"})
