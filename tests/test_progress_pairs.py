"""The progress table (normalize.progress) on hand-built measures: a year's planned target beside
its actual, paired by program_id and department, with one side only where a year has one."""

from __future__ import annotations

from typing import Any

from extract.model import TableKind
from normalize.progress import progress
from schemas import Measure, Progress

from . import records

RESULTS, PLAN = TableKind.RESULTS, TableKind.PLAN


def measure(table: TableKind, **values: Any) -> Measure:
    """A FY2021 measure of program r2-001 in ``table``: the plan printed in one report, the
    results in the next."""
    source = "fy2020_fy2021.pdf" if table is PLAN else "fy2021_fy2022.pdf"
    return records.measure(**({"fiscal_year": 2021, "table": table, "source_file": source, "source_page": 2} | values))


def test_a_planned_target_stands_beside_its_actual() -> None:
    plan = measure(
        PLAN, program_no=3, program_name="電話相談", target_text="10件", target_value=10.0, target_unit="件",
        source_page=4,
    )  # fmt: skip
    results = measure(
        RESULTS, program_no=5, target_text="3件", target_value=3.0, target_unit="件", actual_text="10件",
        actual_value=10.0, actual_unit="件", achievement_text="100%", achievement_pct=100.0, source_page=7,
    )  # fmt: skip
    assert progress([plan, results]) == [
        Progress(
            fiscal_year=2021,
            program_id="r2-001",
            department_seq=1,
            department="人事課",
            planned_department="人事課",
            program_name="相談事業",  # as the results print it
            planned_program_no=3,
            program_no=5,
            planned_target_text="10件",
            planned_target_value=10.0,
            planned_target_unit="件",
            planned_target_pct=None,  # 件 is no percent
            target_text="3件",
            target_value=3.0,
            target_unit="件",
            target_pct=None,
            actual_text="10件",
            actual_value=10.0,
            actual_unit="件",
            actual_pct=None,
            achievement_text="100%",
            achievement_pct=100.0,
            achievement_recomputed_pct=333.3,  # 10 ÷ 3, to one decimal: the rate the city capped
            plan_source_file="fy2020_fy2021.pdf",
            plan_source_page=4,
            results_source_file="fy2021_fy2022.pdf",
            results_source_page=7,
        )
    ]


def test_a_year_with_a_plan_only_has_the_plan_side_and_its_names() -> None:
    plan = measure(PLAN, program_no=3, program_name="電話相談", department="福祉課", target_text="10件")
    (row,) = progress([plan])
    assert (row.department, row.planned_department, row.program_name) == ("福祉課", "福祉課", "電話相談")
    assert (row.planned_program_no, row.planned_target_text, row.plan_source_file) == (3, "10件", "fy2020_fy2021.pdf")
    results_side = (row.program_no, row.target_text, row.actual_text, row.achievement_pct, row.results_source_file)
    assert results_side == (None, None, None, None, None)
    assert row.achievement_recomputed_pct is None


def test_a_year_with_results_only_has_the_results_side() -> None:
    results = measure(RESULTS, target_value=4.0, actual_value=3.0, actual_text="3")
    (row,) = progress([results])
    assert (row.department, row.planned_department, row.planned_program_no, row.plan_source_file) == (
        "人事課",
        None,
        None,
        None,
    )
    assert (row.program_no, row.actual_text, row.results_source_page, row.achievement_recomputed_pct) == (
        1,
        "3",
        2,
        75.0,
    )


def test_no_recomputed_rate_where_the_figures_cannot_be_compared() -> None:
    rows = [
        measure(RESULTS, target_value=0.0, actual_value=3.0),
        measure(RESULTS, program_id="r2-002", target_value=None, actual_value=3.0),
        measure(RESULTS, program_id="r2-003", target_value=5.0, target_unit="件", actual_value=3.0, actual_unit="人"),
    ]
    assert [r.achievement_recomputed_pct for r in progress(rows)] == [None, None, None]


def test_departments_pair_by_name_then_a_renamed_one_by_what_remains() -> None:
    plan = [
        measure(PLAN, department_seq=2, department="健康づくり課", target_text="b"),
        measure(PLAN, department_seq=1, department="人事課", target_text="a"),
        measure(PLAN, department_seq=3, department="教育課", target_text="c"),
    ]
    results = [
        measure(RESULTS, department_seq=2, department="人事課", actual_text="A"),
        measure(RESULTS, department_seq=1, department="健康増進課", actual_text="B"),  # renamed
    ]
    rows = progress([*results, *plan])
    assert [
        (r.department_seq, r.department, r.planned_department, r.planned_target_text, r.actual_text) for r in rows
    ] == [
        (1, "健康増進課", "健康づくり課", "b", "B"),  # in the results' order
        (2, "人事課", "人事課", "a", "A"),
        (3, "教育課", "教育課", "c", None),  # then what only the plan names
    ]


def test_rows_come_by_year_then_program_and_never_mix_programs_or_years() -> None:
    rows = [
        measure(RESULTS, fiscal_year=2022, program_id="r2-001", actual_text="x"),
        measure(RESULTS, program_id="r2-002", actual_text="y"),
        measure(PLAN, program_id="r2-001", target_text="t"),
        measure(RESULTS, program_id="r2-001", actual_text="z"),
        measure(PLAN, fiscal_year=2020, program_id="r2-003", target_text="u"),
    ]
    got = [(r.fiscal_year, r.program_id, r.planned_target_text, r.actual_text) for r in progress(rows)]
    assert got == [
        (2020, "r2-003", "u", None),
        (2021, "r2-001", "t", "z"),
        (2021, "r2-002", None, "y"),
        (2022, "r2-001", None, "x"),
    ]
