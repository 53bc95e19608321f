"""Extraction on real PDFs: the committed report and its layout variants (the second engine
against the first: test_crosscheck)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from extract import Extraction

from .helpers import RAW_PDF, VARIANTS, Extracted

SPACE = re.compile(r"\s+")


def flat(extraction: Extraction) -> dict[tuple[str, int, int, int], dict[str, str]]:
    """Rows keyed by (table, №, department) with cell texts, line breaks and spaces removed."""
    return {
        (r.table.value, r.fiscal_year, r.program_no, r.department_seq): {
            f: SPACE.sub("", c.text) for f, c in r.fields.items()
        }
        for r in extraction.rows
    }


def test_both_tables_all_programs(committed: Extraction) -> None:
    per_table = Counter((r.table.value, r.fiscal_year) for r in committed.rows)
    assert per_table == {("results", 2020): 82, ("plan", 2021): 82}
    for table in ("results", "plan"):
        nos = sorted({r.program_no for r in committed.rows if r.table.value == table})
        assert nos == list(range(1, 73))


def test_multi_department_programs(committed: Extraction) -> None:
    depts = Counter((r.table.value, r.program_no) for r in committed.rows)
    assert depts[("results", 3)] == depts[("plan", 3)] == 10
    assert depts[("results", 23)] == depts[("plan", 23)] == 2
    no3 = [r for r in committed.rows if r.table.value == "results" and r.program_no == 3]
    assert [r.text("department") for r in no3][:3] == ["税務課", "子育て支援課", "企業局"]
    assert {r.text("name") for r in no3} == {"納付相談"}


def test_cells_keep_printed_lines_extents_and_provenance(committed: Extraction) -> None:
    first = committed.rows[0]
    desc = first.fields["description"]
    assert desc.text == (
        "住民からの相談に応じる市役所職員に対してメンタルヘルス研修を行い市民サー\n"
        "ビス及び職場のメンタルヘルス向上を図ります。"
    )
    x0, top, x1, bottom = desc.bbox
    for ln in desc.lines:
        assert ln.x0 is not None and ln.x1 is not None and x0 <= ln.x0 < ln.x1 <= x1, ln
    # the soft-wrapped line runs further right
    wrapped, last = desc.lines[0].x1, desc.lines[1].x1
    assert wrapped is not None and last is not None and wrapped > last
    assert (first.source_file, first.page, desc.page) == (str(RAW_PDF), 1, 1)


def test_reports_say_how_sure_each_page_is(committed: Extraction) -> None:
    assert [r.page for r in committed.reports] == list(range(1, 9))
    assert [r.header_found for r in committed.reports] == [True] * 5 + [False] * 3
    assert all(r.grid_complete and r.overfull_cells == 0 for r in committed.reports)
    assert sum(r.rows for r in committed.reports) == 164


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda p: p.stem)
def test_layout_variants_read_the_same(committed: Extraction, extracted: Extracted, variant: Path) -> None:
    assert flat(extracted(variant)) == flat(committed)


def test_variants_are_committed() -> None:
    assert {p.stem for p in VARIANTS} >= {
        "a4",
        "mincho",
        "narrow",
        "header_every_page",
        "header_first_page",
        "auto_breaks",
    }
