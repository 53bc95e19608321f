"""The quality report's checks (normalize.checks), each on a few hand-built records: what is
flagged, what is not, and what the flag says (in English and in Japanese) and points at."""

from __future__ import annotations

import re

import pytest

from extract.model import LabelMatch, PageReport, TableKind
from normalize.checks import (
    CHECKS,
    FOR_REFERENCE,
    SEVERITY,
    TO_CHECK,
    Anomaly,
    TableColumns,
    achievement_mismatches,
    actual_without_target,
    anomalies,
    by_severity,
    capped_rates,
    program_text_mismatches,
    rare_departments,
    table_columns,
    target_not_a_figure,
    unmatched_programs,
)
from schemas import ExtraField, Measure

from .records import measure, program

RESULTS, PLAN = TableKind.RESULTS, TableKind.PLAN


def rated(target: float | None, actual: float | None, reported: float | None) -> Measure:
    return measure(
        target_text=None if target is None else f"{target:g}件",
        target_value=target,
        target_unit=None if target is None else "件",
        actual_text=None if actual is None else f"{actual:g}件",
        actual_value=actual,
        actual_unit=None if actual is None else "件",
        achievement_text=None if reported is None else f"{reported:g}%",
        achievement_pct=reported,
    )


# ---- achievement ≠ actual ÷ target


@pytest.mark.parametrize(
    ("target", "actual", "reported", "flagged"),
    [
        (100, 50, 50, False),  # agrees
        (100, 50, 51, False),  # one point off: rounding, within the tolerance
        (100, 50, 49, False),
        (100, 50, 51.5, True),  # reported higher than computed
        (100, 50, 48.5, True),  # reported lower than computed
        (100, 50, 60, True),
        (200, 391, 100, False),  # a capped rate (the city caps many at 100%): capped_rates
        (200, 150, 100, True),  # capped, but actual ÷ target is under 100%: a contradiction
        (200, 391, 110, True),  # over 100% but not capped at it
        (None, 50, 50, False),  # nothing to compute from
        (100, None, 50, False),
        (0, 50, 50, False),  # a zero target: no ratio
        (100, 50, None, False),  # no reported rate to compare with
    ],
)
def test_a_reported_rate_is_flagged_only_beyond_one_point_of_actual_over_target(
    target: float | None, actual: float | None, reported: float | None, flagged: bool
) -> None:
    found = achievement_mismatches([rated(target, actual, reported)])
    assert [a.kind for a in found] == (["achievement ≠ actual ÷ target"] if flagged else [])


@pytest.mark.parametrize(
    ("target", "actual", "reported", "flagged"),
    [
        (("80%", 80.0, "%"), ("0.6", 0.6, "ratio"), 75.0, False),  # a ratio against a percentage: 60 ÷ 80
        (("80%", 80.0, "%"), ("0.6", 0.6, "ratio"), 1.0, True),
        (("0.8", 0.8, "ratio"), ("60%", 60.0, "%"), 75.0, False),
        (("100件", 100.0, "件"), ("50人", 50.0, "人"), 80.0, False),  # 件 against 人: nothing to compute
        (("100", 100.0, None), ("50人", 50.0, "人"), 80.0, True),  # a unit on one side only: the other's
        (("100件", 100.0, "件"), ("50", 50.0, None), 80.0, True),
    ],
)
def test_a_rate_is_computed_only_from_figures_in_comparable_units(
    target: tuple[str, float, str | None], actual: tuple[str, float, str | None], reported: float, flagged: bool
) -> None:
    m = measure(
        target_text=target[0], target_value=target[1], target_unit=target[2],
        actual_text=actual[0], actual_value=actual[1], actual_unit=actual[2], achievement_pct=reported,
    )  # fmt: skip
    assert len(achievement_mismatches([m])) == flagged


def test_a_rate_mismatch_says_what_was_computed_and_points_at_the_row() -> None:
    m = rated(100, 50, 60).model_copy(
        update={"fiscal_year": 2021, "program_no": 7, "department_seq": 2, "department": "福祉課", "source_page": 9}
    )
    (flag,) = achievement_mismatches([m])
    assert flag == Anomaly(
        kind="achievement ≠ actual ÷ target",
        fiscal_year=2021,
        program_no=7,
        department="福祉課",
        detail="actual 「50件」 ÷ target 「100件」 = 50.0%, reported 60%",
        source_file="report.pdf",
        source_page=9,
        table=RESULTS,
        department_seq=2,
        fields=("target", "actual", "achievement"),
        detail_ja="実績値「50件」 ÷ 目標値「100件」 = 50.0%、報告は60%",
    )


def test_only_the_rows_whose_rate_disagrees_are_flagged() -> None:
    rows = [
        rated(None, 50, 50),  # rows with nothing to compare come first: the check goes on past them
        rated(100, 50, None),
        rated(100, 50, 50),
        rated(100, 30, 50).model_copy(update={"program_no": 2}),
        rated(10, 5, 50),
        rated(10, 9, 50).model_copy(update={"program_no": 4}),
    ]
    assert [a.program_no for a in achievement_mismatches(rows)] == [4, 2]  # 40 points off, then 20


@pytest.mark.parametrize(
    ("target", "actual", "reported", "capped"),
    [
        (342, 391, 100, True),  # №49: 114.3% reported as 100%
        (100, 101, 100, False),  # within a point of 100: agrees
        (100, 102.5, 100, True),
        (200, 391, 110, False),  # not 100: a real mismatch
        (120, 99, 100, False),  # №16: 82.5% reported as 100%, a contradiction
        (None, 50, 100, False),
        (100, 150, None, False),
    ],
)
def test_a_rate_over_100_reported_as_100_is_its_own_kind_for_reference(
    target: float | None, actual: float | None, reported: float | None, capped: bool
) -> None:
    found = capped_rates([rated(target, actual, reported)])
    assert [(a.kind, a.severity) for a in found] == ([("achievement capped at 100%", "参考")] if capped else [])
    mismatched = achievement_mismatches([rated(target, actual, reported)])
    assert not (found and mismatched)  # never both


def test_a_capped_rate_says_the_rate_and_the_cap_in_japanese() -> None:
    (flag,) = capped_rates([rated(342, 391, 100)])
    assert flag.detail_ja == "実績値「391件」 ÷ 目標値「342件」 = 114.3%、報告は上限の100%"
    assert flag.fields == ("target", "actual", "achievement")


def test_a_contradicting_rate_is_to_check_and_a_rate_claiming_a_target_met_comes_first() -> None:
    rows = [
        rated(6, 2, 50).model_copy(update={"program_no": 12}),  # 33.3% reported 50%: 16.7 points
        rated(3800, 270, 14).model_copy(update={"program_no": 14}),  # 7.1% reported 14%
        rated(120, 99, 100).model_copy(update={"program_no": 16}),  # 82.5% reported 100%: "met"
        rated(540, 560, 110).model_copy(update={"program_no": 35}),  # 103.7% reported 110%
    ]
    found = achievement_mismatches(rows)
    assert [a.program_no for a in found] == [16, 12, 14, 35]
    assert {a.severity for a in found} == {"要確認"}
    assert found[0].detail_ja.endswith("（目標達成と報告されているが、実績値は目標値に届いていない）")
    assert "reported as met" not in found[1].detail


# ---- actual value but no target


@pytest.mark.parametrize(
    ("target", "actual", "flagged"),
    [(None, 5.0, True), (10.0, 5.0, False), (None, None, False), (10.0, None, False), (None, 0.0, True)],
)
def test_an_actual_figure_without_a_target_figure_is_flagged(
    target: float | None, actual: float | None, flagged: bool
) -> None:
    m = measure(target_value=target, actual_value=actual)
    assert [a.kind for a in actual_without_target([m])] == (["actual value but no target"] if flagged else [])
    assert target_not_a_figure([m]) == []


def test_an_actual_without_target_flag_quotes_the_actual_and_shows_the_missing_target() -> None:
    m = measure(actual_text="12件", actual_value=12.0, department_seq=2)
    (flag,) = actual_without_target([m])  # no target printed at all: shown as a dash
    assert (flag.detail, flag.detail_ja) == ("actual 「12件」, target -", "実績値「12件」、目標値-")
    assert (flag.fields, flag.department, flag.department_seq, flag.source_page, flag.severity) == (
        ("target", "actual"),
        "人事課",
        2,
        3,
        "要確認",
    )


@pytest.mark.parametrize(
    ("target_text", "actual", "flagged"),
    [
        ("前年度からの増加または現状維持", 611.0, True),  # №64
        ("広報掲載1回/年\nホームページ更新 1回/年", 4.0, True),  # №24: two figures, not one
        ("前年度からの増加", None, False),  # nothing to compare
        (None, 5.0, False),  # no target at all: actual_without_target
    ],
)
def test_a_target_printed_as_words_is_its_own_kind_not_a_missing_target(
    target_text: str | None, actual: float | None, flagged: bool
) -> None:
    m = measure(target_text=target_text, actual_text=None if actual is None else f"{actual:g}件", actual_value=actual)
    found = target_not_a_figure([m])
    assert [(a.kind, a.severity) for a in found] == ([("target is text, not a figure", "参考")] if flagged else [])
    assert not (found and actual_without_target([m]))


def test_a_target_printed_as_words_is_quoted_in_both_languages() -> None:
    m = measure(target_text="増加", actual_text="12件", actual_value=12.0, actual_unit="件", department_seq=2)
    (flag,) = target_not_a_figure([m])
    assert flag.detail == "actual 「12件」, target 「増加」 (no figure to compute a rate from)"
    assert flag.detail_ja == "実績値「12件」、目標値「増加」（数値でないため達成度を計算できない）"
    assert (flag.fields, flag.department_seq) == (("target", "actual"), 2)


# ---- department name occurs once


def test_a_department_name_seen_once_is_flagged_under_that_name() -> None:
    rows = [
        measure(department="人事課"),
        measure(department="人事課、福祉課", department_seq=2),  # 福祉課 only here
        measure(department="人事科", program_no=2),  # a typo of 人事課
        measure(department="福祉課、", program_no=3),  # an empty name after the last 、 is no name
    ]
    found = rare_departments(rows)
    assert [(a.department, a.program_no) for a in found] == [("人事科", 2)]
    (flag,) = found
    assert flag.kind == "department name occurs once"
    assert (flag.detail, flag.detail_ja) == (
        "「人事科」 appears in no other row",
        "「人事科」は他のどの行にも出てこない",
    )
    assert flag.fields == ("department",)


def test_each_rare_name_of_a_shared_cell_is_flagged_alone() -> None:
    rows = [measure(department="人事課"), measure(department="人事課、福祉課、保険課", program_no=2)]
    found = rare_departments(rows)
    assert [(a.department, a.program_no) for a in found] == [("福祉課", 2), ("保険課", 2)]


# ---- plans and results that have no counterpart


def test_plans_and_results_without_a_counterpart_in_the_neighbouring_year_are_flagged() -> None:
    rows = [
        measure(fiscal_year=2020, table=RESULTS, program_id="r2-002", program_no=2),
        measure(fiscal_year=2020, table=RESULTS, program_id="r2-001", program_no=1),
        measure(fiscal_year=2020, table=RESULTS, program_id="r2-003", program_no=3),  # no FY2021 plan
        measure(fiscal_year=2021, table=PLAN, program_id="r2-004", program_no=4),  # no FY2020 results
        measure(fiscal_year=2021, table=PLAN, program_id="r2-002", program_no=2),
        measure(fiscal_year=2021, table=PLAN, program_id="r2-001", program_no=1),
        measure(fiscal_year=2021, table=PLAN, program_id="r2-000", program_no=9),  # no FY2020 results
        # Years the other table does not cover at all: nothing to miss.
        measure(fiscal_year=2023, table=PLAN, program_id="r2-001", program_no=1),
        measure(fiscal_year=2018, table=RESULTS, program_id="r2-001", program_no=1),
    ]
    found = unmatched_programs(rows)
    assert [(a.kind, a.fiscal_year, a.program_no) for a in found] == [
        ("plan without results", 2021, 9),  # plans first, by year and program_id
        ("plan without results", 2021, 4),
        ("results without plan", 2020, 3),
    ]
    assert all(a.department is None and a.fields == ("no",) and a.table is not None for a in found)
    plan, _, results = found
    assert (plan.detail, plan.detail_ja) == (
        "FY2021 plan has no FY2020 results row",
        "2021年度の計画に2020年度の実績の行がない",
    )
    assert (results.detail, results.detail_ja) == (
        "FY2020 results have no FY2021 plan row",
        "2020年度の実績に2021年度の計画の行がない",
    )
    assert (plan.table, results.table) == (PLAN, RESULTS)


def test_a_program_is_matched_across_years_by_program_id_not_by_number() -> None:
    rows = [
        measure(fiscal_year=2020, table=RESULTS, program_id="r2-005", program_no=5),
        measure(fiscal_year=2021, table=PLAN, program_id="r2-005", program_no=6),  # renumbered: same program
    ]
    assert unmatched_programs(rows) == []


def test_every_check_runs_in_the_order_the_report_lists_them() -> None:
    rows = [
        rated(100, 50, 60).model_copy(update={"department": "人事課"}),  # rate mismatch
        rated(100, 150, 100).model_copy(update={"department": "人事課"}),  # capped at 100%
        measure(actual_value=3.0, program_no=2, program_id="r2-002", department="人事課"),  # no target
        measure(target_text="増加", actual_value=3.0, department="人事課"),  # a target in words
        measure(fiscal_year=2021, table=PLAN, department="福祉課"),  # a department named once
        measure(fiscal_year=2021, table=PLAN, program_no=3, program_id="r2-003", department="人事課"),  # no results
        # … and r2-002's FY2020 results have no FY2021 plan.
    ]
    kinds = [a.kind for a in anomalies(rows)]
    assert kinds == [
        "achievement ≠ actual ÷ target",
        "achievement capped at 100%",
        "actual value but no target",
        "target is text, not a figure",
        "department name occurs once",
        "plan without results",
        "results without plan",
    ]
    assert list(dict.fromkeys(kinds)) == list(CHECKS)[:7]
    ordered = by_severity(anomalies(rows))
    assert [a.severity for a in ordered] == ["要確認"] * 5 + ["参考"] * 2
    assert [a.kind for a in ordered][-2:] == ["achievement capped at 100%", "target is text, not a figure"]


def test_every_kind_has_a_severity_and_only_the_city_s_habits_and_corrections_are_for_reference() -> None:
    assert set(SEVERITY) == set(CHECKS)
    assert {k for k, s in SEVERITY.items() if s == FOR_REFERENCE} == {
        "achievement capped at 100%",
        "target is text, not a figure",
        "value corrected by hand",  # what a person already looked at and decided
    }
    assert Anomaly("a check added later", 2020, 1, None, "").severity == TO_CHECK


# ---- a program printed differently in two tables


def test_a_program_is_compared_with_its_printing_just_before_in_the_order_printed() -> None:
    printings = [
        program(fiscal_year=2022, table=PLAN, program_name="電話相談"),  # the next report's plan
        program(fiscal_year=2021, table=RESULTS, program_name="電話相談"),  # the next report's results
        program(fiscal_year=2021, table=PLAN, program_name="相談事業"),  # this report's plan
        program(fiscal_year=2020, table=RESULTS, program_name="相談事業"),  # this report's results
    ]
    (flag,) = program_text_mismatches(printings)
    assert flag == Anomaly(
        kind="program name differs between the tables",
        fiscal_year=2021,
        program_no=1,
        department=None,
        detail="r2-001: FY2021 plan: 「相談事業」; FY2021 results: 「電話相談」",
        detail_ja="r2-001: 2021年度計画: 「相談事業」; 2021年度実績: 「電話相談」",
    )


def test_a_program_whose_number_moved_says_so() -> None:
    printings = [
        program(fiscal_year=2020, table=RESULTS, program_no=5, description="相談を受ける"),
        program(fiscal_year=2021, table=RESULTS, program_no=7, description="電話で相談を受ける"),
    ]
    (flag,) = program_text_mismatches(printings)
    assert (flag.kind, flag.fiscal_year, flag.program_no) == ("description differs between the tables", 2020, 5)
    assert flag.detail == "r2-001 (№5 → №7): FY2020 results: 「相談を受ける」; FY2021 results: 「電話で相談を受ける」"
    assert flag.detail_ja == "r2-001 (№5 → №7): 2020年度実績: 「相談を受ける」; 2021年度実績: 「電話で相談を受ける」"


@pytest.mark.parametrize(
    ("a", "b", "flagged"),
    [
        ("相談を\n受ける", "相談を受ける", False),  # only a line break differs
        ("相談を 受ける", "相談を受ける ", False),  # only white space
        (None, None, False),
        (None, "相談を受ける", True),  # printed in one table only
        ("相談を受ける", None, True),
        ("相談を受ける", "相談をうける", True),
    ],
)
def test_only_a_difference_in_words_is_flagged(a: str | None, b: str | None, flagged: bool) -> None:
    printings = [program(table=RESULTS, description=a), program(fiscal_year=2021, table=PLAN, description=b)]
    found = program_text_mismatches(printings)
    assert [f.kind for f in found] == (["description differs between the tables"] if flagged else [])


def test_a_missing_text_is_shown_as_a_dash() -> None:
    printings = [program(table=RESULTS, description=None), program(fiscal_year=2021, table=PLAN, description="内容")]
    (flag,) = program_text_mismatches(printings)
    assert flag.detail == "r2-001: FY2020 results: -; FY2021 plan: 「内容」"


def test_different_programs_are_never_compared_and_flags_are_sorted() -> None:
    printings = [
        program(program_id="r2-002", program_no=2, program_name="研修", fiscal_year=2020),
        program(program_id="r2-002", program_no=2, program_name="研修会", fiscal_year=2021, table=PLAN),
        program(program_id="r2-001", program_no=1, program_name="相談", description="あ", fiscal_year=2020),
        program(
            program_id="r2-001", program_no=1, program_name="相談会", description="い", fiscal_year=2021, table=PLAN
        ),
        program(program_id="r2-003", program_no=3, program_name="研修会", fiscal_year=2021, table=PLAN),  # alone
    ]
    found = program_text_mismatches(printings)
    assert [(a.kind, a.program_no) for a in found] == [
        ("description differs between the tables", 1),
        ("program name differs between the tables", 1),
        ("program name differs between the tables", 2),
    ]
    assert all(a.kind in CHECKS for a in found)


def test_flags_of_one_kind_are_sorted_by_year_then_number() -> None:
    printings = [
        program(program_id="r2-002", program_no=2, program_name="研修", fiscal_year=2021),
        program(program_id="r2-002", program_no=2, program_name="研修会", fiscal_year=2022, table=PLAN),
        program(program_id="r2-003", program_no=3, program_name="相談", fiscal_year=2020),
        program(program_id="r2-003", program_no=3, program_name="相談会", fiscal_year=2021, table=PLAN),
        program(program_id="r2-001", program_no=1, program_name="啓発", fiscal_year=2021),
        program(program_id="r2-001", program_no=1, program_name="啓発会", fiscal_year=2022, table=PLAN),
    ]
    assert [(a.fiscal_year, a.program_no) for a in program_text_mismatches(printings)] == [
        (2020, 3),
        (2021, 1),
        (2021, 2),
    ]


# ---- how each table's columns were read


def labels(*fields: str | None, names: tuple[str, ...] = ()) -> tuple[LabelMatch, ...]:
    """Header labels reading ``fields`` in order (None: a column no field names, labelled from ``names``)."""
    extra = iter(names)
    return tuple(LabelMatch(f if f else next(extra), f, 90.0) for f in fields)


RESULT_FIELDS = ("no", "name", "department", "plan", "indicator", "target", "status", "evaluation", "actual")


def test_each_table_reports_its_fields_extra_columns_and_missing_fields() -> None:
    results = labels(*RESULT_FIELDS, None, None, None, names=("備考", "", "備考"))
    plan = labels("no", "department", "plan", "indicator", None, names=("予算額",))
    reports = [
        PageReport("in/2020/report.pdf", 1, RESULTS, 2020, header_found=True, header_labels=results),
        PageReport("in/2020/report.pdf", 2, RESULTS, 2020, header_found=True, header_labels=labels("no")),  # not first
        PageReport("in/2020/report.pdf", 3, None, 2020, header_found=True, header_labels=labels("no")),
        PageReport("in/2020/report.pdf", 4, PLAN, None, header_found=True, header_labels=labels("no")),
        PageReport("in/2020/report.pdf", 5, PLAN, 2021, header_found=False, header_labels=labels("no")),
        PageReport("in/2020/report.pdf", 6, PLAN, 2021, header_found=True, header_labels=plan),
    ]

    def kept(label: str, table: TableKind = RESULTS, year: int = 2020, file: str = "report.pdf") -> ExtraField:
        return ExtraField(
            fiscal_year=year, table=table, program_no=1, program_id="r2-001", department_seq=1, label=label,
            value="x", source_file=file, source_page=1,
        )  # fmt: skip

    extras = [
        kept("備考"),
        kept("備考"),
        kept("備考 (column 12)"),
        kept("予算額", PLAN, 2021),
        kept("予算額", RESULTS, 2021),  # another table's
        kept("予算額", PLAN, 2020),  # another year's
        kept("予算額", PLAN, 2021, "other.pdf"),  # another file's
    ]
    assert table_columns(reports, extras) == [
        TableColumns(
            "in/2020/report.pdf",
            RESULTS,
            2020,
            results,
            {"備考": 2, "(column 11)": 0, "備考 (column 12)": 1},
            # No 内容 column: the description is printed under the name, so not missing.
            ("achievement",),
        ),
        TableColumns("in/2020/report.pdf", PLAN, 2021, plan, {"予算額": 1}, ("name", "description", "target")),
    ]


def test_a_plan_table_is_not_missing_the_columns_only_results_have() -> None:
    plan = labels("no", "name", "description", "department", "plan", "indicator", "target")
    reports = [PageReport("report.pdf", 1, PLAN, 2021, header_found=True, header_labels=plan)]
    (columns,) = table_columns(reports, [])
    assert (columns.missing, columns.extra_values) == ((), {})


# ---- the checks' names


def test_every_check_has_a_name_in_japanese() -> None:
    assert len(CHECKS) == len(set(CHECKS.values())) == 10  # with corrections applied (normalize.corrections)
    for kind, name in CHECKS.items():
        assert not re.search(r"[A-Za-z]", name), (kind, name)
