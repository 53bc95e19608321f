"""Consecutive reports build one dataset: this report (FY2020 results, FY2021 plan) and the next
(FY2021 results, FY2022 plan, rendered by pipeline/render/next_year.py) share FY2021."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.build import build_dataset, same_tables
from pipeline.render.next_year import RENAMED_DEPARTMENT
from pipeline.worker import FileResult

from .helpers import RAW_PDF, ROOT

NEXT_PDF = ROOT / "tests/fixtures/next_year/next_year.pdf"


@pytest.fixture(scope="module")
def both(extracted, committed):
    return build_dataset([committed, extracted(NEXT_PDF)])


def test_the_next_report_reads_as_fy2021_results_and_fy2022_plan(extracted):
    years = Counter((r.fiscal_year, r.table.value) for r in extracted(NEXT_PDF).rows)
    assert set(years) == {(2021, "results"), (2022, "plan")}


def test_consecutive_reports_do_not_clash(extracted, committed):
    assert same_tables([FileResult(RAW_PDF, committed), FileResult(NEXT_PDF, extracted(NEXT_PDF))]) == []


def test_keys_stay_unambiguous_across_the_shared_year(both):
    from schemas import RESOURCES

    for name, records in both.tables().items():
        key = RESOURCES[name][0].primary_key
        assert len({tuple(getattr(r, f) for f in key) for r in records}) == len(records), name
    per_table = Counter((p.fiscal_year, p.table.value) for p in both.programs)
    # №10 dropped, a new №5 inserted: as many programs, numbered differently.
    assert per_table == {(2020, "results"): 72, (2021, "plan"): 72, (2021, "results"): 72, (2022, "plan"): 72}


def test_department_count_is_per_year_and_table(both):
    rows = Counter((m.fiscal_year, m.table, m.program_no) for m in both.measures)
    assert all(p.department_count == rows[(p.fiscal_year, p.table, p.program_no)] for p in both.programs)


def test_renamed_department_and_changed_figures_are_the_next_reports(both):
    old, new = RENAMED_DEPARTMENT
    no = 11  # after the inserted and the dropped program: the same № in both reports
    first = {(m.fiscal_year, m.table.value): m for m in both.measures if m.program_no == no}
    assert first[(2021, "plan")].department == old and first[(2021, "results")].department == new
    assert first[(2021, "results")].source_file == NEXT_PDF.name
    assert first[(2020, "results")].actual_value is not None
    assert first[(2021, "results")].actual_value == first[(2020, "results")].actual_value + 1
