"""Figures that compare: a target or actual printed as a percent or a ratio is also given in
percent (``*_pct``), and a row printing several indicators says how many (``indicator_count``)."""

from __future__ import annotations

from collections import Counter
from typing import cast

from schemas import Indicator, Measure, Progress
from schemas.dictionary import columns

from .helpers import Tables


def typed(tables: Tables) -> tuple[list[Measure], list[Indicator], list[Progress]]:
    return (
        cast(list[Measure], tables["measures"]),
        cast(list[Indicator], tables["indicators"]),
        cast(list[Progress], tables["progress"]),
    )


PCT_OF = {"target_pct": "target", "actual_pct": "actual", "planned_target_pct": "planned_target"}


def test_r2_023s_targets_compare_as_60_and_60(tables: Tables) -> None:
    all_measures, all_indicators, all_progress = typed(tables)
    measures = {(m.fiscal_year, m.table.value): m for m in all_measures if m.program_id == "r2-023"}
    fy2020, fy2021 = measures[(2020, "results")], measures[(2021, "plan")]
    assert (fy2020.department, fy2020.target_text, fy2020.target_unit) == ("医療保険課", "0.6", "ratio")
    assert (fy2021.department, fy2021.target_text) == ("医療保険課", "60%")
    assert fy2020.target_pct == fy2021.target_pct == 60.0
    assert fy2020.actual_pct == 37.1
    progress = {p.fiscal_year: p for p in all_progress if p.program_id == "r2-023" and p.department_seq == 2}
    assert progress[2020].target_pct == progress[2021].planned_target_pct == 60.0
    (indicator,) = [i for i in all_indicators if (i.program_id, i.fiscal_year, i.department_seq) == ("r2-023", 2020, 2)]
    assert (indicator.target_pct, indicator.actual_pct) == (60.0, 37.1)


def test_a_pct_column_is_the_value_in_percent_exactly_where_the_unit_is_percent_or_ratio(tables: Tables) -> None:
    seen = Counter[str]()
    for name in ("measures", "indicators", "progress"):
        for record in tables[name]:
            for pct, stem in PCT_OF.items():
                if not hasattr(record, pct):
                    continue
                value, unit = getattr(record, f"{stem}_value"), getattr(record, f"{stem}_unit")
                expected = None if value is None else {"%": value, "ratio": round(value * 100, 10)}.get(unit)
                assert getattr(record, pct) == expected, (name, record, pct)
                seen[unit] += getattr(record, pct) is not None
    assert seen["%"] > 0 and seen["ratio"] > 0


def test_indicator_count_is_the_rows_of_indicators_and_several_leave_the_rate_to_them(tables: Tables) -> None:
    measures, indicators, _ = typed(tables)
    counted = Counter((i.fiscal_year, i.table, i.program_no, i.department_seq) for i in indicators)
    for m in measures:
        assert m.indicator_count == counted[(m.fiscal_year, m.table, m.program_no, m.department_seq)]
    (no6,) = [m for m in measures if (m.program_id, m.fiscal_year) == ("r2-006", 2020)]
    assert (no6.indicator_count, no6.achievement_pct) == (2, None)
    rates = [i.achievement_pct for i in indicators if (i.program_id, i.fiscal_year) == ("r2-006", 2020)]
    assert rates == [96.0, 68.0]
    several = {m.program_no for m in measures if m.indicator_count > 1 and m.fiscal_year == 2020}
    assert several == {2, 6, 18, 20, 24}


def test_the_dictionary_says_the_pct_columns_are_in_percent_and_where_each_indicator_is() -> None:
    described = {(c.table, c.name): c for c in columns()}
    for model, table in ((Measure, "measures"), (Indicator, "indicators"), (Progress, "progress")):
        for pct in PCT_OF:
            if pct in model.model_fields:
                assert described[(table, pct)].unit == "%"
                assert "a ratio 0.6 is 60" in described[(table, pct)].description
    assert "each indicator's target, actual and achievement are in `indicators`" in (
        described[("measures", "indicator_count")].description
    )
