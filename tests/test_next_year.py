"""Consecutive reports build one dataset: this report (FY2020 results, FY2021 plan) and the next
(FY2021 results, FY2022 plan, rendered by render/next_year.py) share FY2021."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from extract import Extraction, PipelineError
from pipeline.build import same_tables
from pipeline.dataset import Dataset, build_dataset
from pipeline.running.worker import FileResult
from render.next_year import DROPPED, INSERTED, NEW_PROGRAM, RENAMED_DEPARTMENT, REWORDED, next_no
from schemas import Measure

from .helpers import RAW_PDF, ROOT, Extracted

NEXT_PDF = ROOT / "tests/fixtures/next_year/next_year.pdf"


@pytest.fixture(scope="module")
def both(extracted: Extracted, committed: Extraction) -> Dataset:
    return build_dataset([committed, extracted(NEXT_PDF)])


def test_the_next_report_reads_as_fy2021_results_and_fy2022_plan(extracted: Extracted) -> None:
    years = Counter((r.fiscal_year, r.table.value) for r in extracted(NEXT_PDF).rows)
    assert set(years) == {(2021, "results"), (2022, "plan")}


def test_consecutive_reports_do_not_clash(extracted: Extracted, committed: Extraction) -> None:
    assert same_tables([FileResult(RAW_PDF, committed), FileResult(NEXT_PDF, extracted(NEXT_PDF))]) == []


def test_keys_stay_unambiguous_across_the_shared_year(both: Dataset) -> None:
    from schemas import RESOURCES

    for name, records in both.tables().items():
        key = RESOURCES[name][0].primary_key
        assert len({tuple(getattr(r, f) for f in key) for r in records}) == len(records), name
    per_table = Counter((p.fiscal_year, p.table.value) for p in both.programs)
    # №10 dropped, a new №5 inserted: as many programs, numbered differently.
    assert per_table == {(2020, "results"): 72, (2021, "plan"): 72, (2021, "results"): 72, (2022, "plan"): 72}


def test_department_count_is_per_year_and_table(both: Dataset) -> None:
    rows = Counter((m.fiscal_year, m.table, m.program_no) for m in both.measures)
    assert all(p.department_count == rows[(p.fiscal_year, p.table, p.program_no)] for p in both.programs)


def test_renamed_department_and_changed_figures_are_the_next_reports(both: Dataset) -> None:
    old, new = RENAMED_DEPARTMENT
    no = 11  # after the inserted and the dropped program: the same № in both reports
    first = {(m.fiscal_year, m.table.value): m for m in both.measures if m.program_no == no}
    assert first[(2021, "plan")].department == old and first[(2021, "results")].department == new
    assert first[(2021, "results")].source_file == NEXT_PDF.name
    assert first[(2020, "results")].actual_value is not None
    assert first[(2021, "results")].actual_value == first[(2020, "results")].actual_value + 1


# --- following programs across the two reports (normalize.linking) -----------------------

THIS = RAW_PDF.name


def ids_by_no(ds: Dataset, year: int, table: str) -> dict[int, str]:
    return {p.program_no: p.program_id for p in ds.programs if (p.fiscal_year, p.table.value) == (year, table)}


def test_ids_link_exactly_71_programs_carried_over_and_1_new(both: Dataset) -> None:
    this, nxt = ids_by_no(both, 2021, "plan"), ids_by_no(both, 2021, "results")
    assert {no: nxt[after] for no in this if (after := next_no(no)) is not None} == {
        no: pid for no, pid in this.items() if no != DROPPED
    }
    assert (len(both.linkage.links), len(both.linkage.new), len(both.linkage.ended)) == (71, 1, 1)
    assert all(link.after.no == next_no(link.before.no) for link in both.linkage.links)
    # Each report's two tables share the program's id, and every id is its first appearance.
    assert ids_by_no(both, 2020, "results") == this == {no: f"r2-{no:03d}" for no in range(1, 73)}
    assert ids_by_no(both, 2022, "plan") == nxt


def test_a_program_in_one_year_only_gets_an_id_of_its_own(both: Dataset) -> None:
    years: dict[str, set[tuple[int, str]]] = {}
    for p in both.programs:
        years.setdefault(p.program_id, set()).add((p.fiscal_year, p.table.value))
    assert years["r2-010"] == {(2020, "results"), (2021, "plan")}  # ended: not in the next report
    assert years["r3-005"] == {(2021, "results"), (2022, "plan")}  # new: the next report's №5
    assert len(years) == 73
    (new,) = both.linkage.new
    (ended,) = both.linkage.ended
    assert (new.printing.no, new.printing.name, ended.printing.no) == (INSERTED, NEW_PROGRAM["name"][0], DROPPED)
    assert {m.program_id for m in both.measures} == set(years)


def test_the_renamed_department_is_recognised_and_both_names_stay(both: Dataset) -> None:
    old, new = RENAMED_DEPARTMENT
    (rename,) = both.linkage.renames
    assert (rename.old, rename.new, rename.before_file, rename.after_file) == (old, new, THIS, NEXT_PDF.name)
    printed = {m.department for m in both.measures if m.program_id == "r2-011"}
    assert printed == {old, new}


def test_cross_table_checks_compare_a_program_with_itself(both: Dataset) -> None:
    from normalize.checks import program_text_mismatches

    found = program_text_mismatches(both.programs)
    names = sorted(a.program_no for a in found if a.kind == "program name differs between the tables")
    described = [a.program_no for a in found if a.kind == "description differs between the tables"]
    assert names == sorted(REWORDED)  # the four rewordings, and nothing else
    assert described == [15]  # its description names the renamed department


def test_progress_sets_each_fy2021_planned_target_beside_its_actual(both: Dataset) -> None:
    def fy2021(table: str) -> dict[tuple[int, int], Measure]:
        rows = [m for m in both.measures if (m.fiscal_year, m.table.value) == (2021, table)]
        return {(m.program_no, m.department_seq): m for m in rows}

    plan, results = fy2021("plan"), fy2021("results")
    rows = [r for r in both.progress if r.fiscal_year == 2021]
    by_plan = {(r.planned_program_no, r.planned_department, r.program_id): r for r in rows if r.planned_program_no}
    assert len(rows) == len(plan) + 1  # the new program has no plan row
    for (no, seq), p in plan.items():
        r = by_plan[(no, p.department, p.program_id)]
        assert (r.planned_target_text, r.plan_source_file, r.plan_source_page) == (p.target_text, THIS, p.source_page)
        if no == DROPPED:
            assert r.actual_text is None and r.results_source_file is None
            continue
        after = next_no(no)
        assert after is not None
        a = results[(after, seq)]  # the renderer keeps the department rows' order
        assert (r.actual_text, r.target_text, r.achievement_text, r.department) == (
            a.actual_text, a.target_text, a.achievement_text, a.department,
        )  # fmt: skip
        assert r.results_source_file == NEXT_PDF.name and r.results_source_page == a.source_page
    old, new = RENAMED_DEPARTMENT
    renamed = [r for r in rows if r.planned_department != r.department and r.planned_department]
    assert len(renamed) == 18 and all(
        r.planned_department is not None and r.planned_department.replace(old, new) == r.department for r in renamed
    )


def test_an_override_changes_a_link(extracted: Extracted, committed: Extraction) -> None:
    from normalize import parse_overrides

    text = "[FY2021]\nsame = { 10 = 5 }\ndifferent = { 7 = 8 }\n"
    ds = build_dataset([committed, extracted(NEXT_PDF)], parse_overrides(text, "program_links.toml"))
    nxt = ids_by_no(ds, 2021, "results")
    assert nxt[5] == "r2-010"  # forced: the ended program is the new one
    assert nxt[8] == "r3-008"  # forbidden: №7 is no longer linked, the next report's №8 is new
    assert {link.before.no for link in ds.linkage.links if link.override} == {10}
    assert [u.printing.no for u in ds.linkage.ended] == [7]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[FY2019]\nsame = { 1 = 1 }\n", "program_links.toml: [FY2019]: no two reports given share FY2019"),
        ("[FY2021]\nsame = { 99 = 1 }\n", "program_links.toml: [FY2021] 99 = 1: iizuka_"),
        ("[FY2021]\nsame = { 1 = 1, 2 = 1 }\n", "one later № given to two programs"),
        ("[2021]\nsame = { 1 = 1 }\n", "expected sections named like [FY2021]"),
        ("[FY2021]\nlink = { 1 = 1 }\n", "expected same = { 5 = 6 } or different"),
        ("[FY2021\n", "program_links.toml: not a TOML file"),
    ],
)
def test_a_wrong_overrides_file_is_one_line(
    extracted: Extracted, committed: Extraction, text: str, message: str
) -> None:
    from normalize import parse_overrides

    with pytest.raises(PipelineError, match=re.escape(message)) as e:
        build_dataset([committed, extracted(NEXT_PDF)], parse_overrides(text, "program_links.toml"))
    assert "\n" not in str(e.value)


def test_the_same_report_twice_is_still_refused(extracted: Extracted, tmp_path: Path) -> None:
    ex = extracted(NEXT_PDF)
    (clash,) = same_tables([FileResult(NEXT_PDF, ex), FileResult(tmp_path / "copy.pdf", ex)])
    assert "both hold the FY2021 results and FY2022 plan tables" in clash


def test_the_overrides_file_is_found_beside_the_pdfs(tmp_path: Path) -> None:
    from pipeline.build import OVERRIDES_NAME, overrides_file

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert overrides_file([a / "x.pdf", b / "y.pdf"]) is None
    (a / OVERRIDES_NAME).write_text("[FY2021]\n", encoding="utf-8")
    assert overrides_file([a / "x.pdf", b / "y.pdf"]) == a / OVERRIDES_NAME
    (b / OVERRIDES_NAME).write_text("[FY2021]\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="two program_links.toml files beside the PDFs"):
        overrides_file([a / "x.pdf", b / "y.pdf"])


@pytest.mark.slow
def test_both_reports_build_a_valid_package_and_the_report_names_the_corrections(tmp_path: Path) -> None:
    """Through the command, with program_links.toml beside the PDFs: frictionless validates the
    package (progress's key too), and quality.md lists the links and names the file."""
    import shutil

    import pandas as pd

    from pipeline.build import OVERRIDES_NAME
    from pipeline.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    for pdf in (RAW_PDF, NEXT_PDF):
        shutil.copy(pdf, raw / pdf.name)
    (raw / OVERRIDES_NAME).write_text("[FY2021]\ndifferent = { 7 = 8 }\n", encoding="utf-8")
    out = tmp_path / "clean"
    assert main(["--quiet", "--out", str(out), str(raw / RAW_PDF.name), str(raw / NEXT_PDF.name)]) == 0
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]
    quality = (out / "quality.md").read_text(encoding="utf-8")
    assert f"corrections applied from {raw / OVERRIDES_NAME}" in quality
    assert "70 programs carried over" in quality and "| 健幸保健課 | 健康増進課 |" in quality
    progress = pd.read_parquet(out / "progress.parquet")
    assert set(progress[progress.fiscal_year == 2021].program_id) >= {"r2-007", "r3-008"}


def test_quality_report_lists_links_weakest_first_with_new_ended_and_renames(both: Dataset) -> None:
    from pipeline.reporting.links_report import links_section
    from pipeline.reporting.report import _table

    md = links_section(both.linkage, _table)
    text = "\n".join(md)
    assert "71 programs carried over (1 unsure), 1 new, 1 ended, 1 department rename(s)" in text
    assert "no corrections file (program_links.toml)" in text
    links = md[md.index("### Links, weakest first") + 4 :]
    scores = [float(line.split(" | ")[4]) for line in links if line.startswith("| FY")]
    assert len(scores) == 71 and scores == sorted(scores)
    ended = next(line for line in md if line.startswith(f"| {THIS} | {DROPPED} |"))
    assert "check it" in ended  # its nearest (the staff version of the same training) is over the floor


def test_departments_pair_by_name_first_then_by_what_remains() -> None:
    from normalize.linking import pair_departments

    assert pair_departments(["人事課", "税務課"], ["税務課", "人事課"]) == [(1, 0), (0, 1)]
    # a renamed department takes the row that remains; a row left over stands alone
    assert pair_departments(["健幸保健課", "情報政策課"], ["情報政策課", "健康増進課"]) == [(1, 0), (0, 1)]
    assert pair_departments(["人事課", "税務課"], ["税務課"]) == [(1, 0), (0, None)]
    assert pair_departments([], ["税務課"]) == [(None, 0)]


def test_a_department_taken_over_by_another_is_not_a_rename_but_is_said() -> None:
    from extract.model import TableKind
    from normalize.linking import Printing, link_reports

    def printing(file: str, year: int, no: int, name: str, department: str) -> Printing:
        return Printing(file, year, no, name, f"{name}を行います。", {TableKind.RESULTS: (department,)})

    a = [printing("a.pdf", 2020, 1, "納付相談", "税務課"), printing("a.pdf", 2020, 2, "教育相談", "学校教育課")]
    b = [printing("b.pdf", 2021, 1, "納付相談", "学校教育課"), printing("b.pdf", 2021, 2, "教育相談", "学校教育課")]
    linkage = link_reports(a + b)
    assert [(link.before.no, link.after.no) for link in linkage.links] == [(1, 1), (2, 2)]
    assert linkage.renames == []  # 学校教育課 was already there: 税務課 was not renamed to it
    (change,) = linkage.department_changes
    assert (change.program_id, change.before, change.after) == ("r2-001", "税務課", "学校教育課")
    assert linkage.ids[("b.pdf", 2)] == "r2-002"
