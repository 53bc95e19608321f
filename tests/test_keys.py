"""Keys: declared on the models, written into datapackage.json, enforced before writing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from extract import Extraction
from extract.errors import PipelineError
from extract.model import ExtractedRow
from pipeline.dataset import Dataset, build_dataset
from schemas import RESOURCES, datapackage
from schemas.validate import check_keys

from .helpers import Tables


def test_every_resource_declares_a_primary_key_and_the_foreign_keys_chain() -> None:
    resources = {r["name"]: r["schema"] for r in datapackage()["resources"]}
    for name, schema in resources.items():
        fields = {f["name"] for f in schema["fields"]}
        assert schema["primaryKey"] and set(schema["primaryKey"]) <= fields, name
    assert resources["measures"]["foreignKeys"][0]["reference"]["resource"] == "programs"
    assert resources["indicators"]["foreignKeys"][0]["reference"]["resource"] == "measures"
    assert resources["indicators-parquet"]["foreignKeys"][0]["reference"]["resource"] == "measures-parquet"
    assert resources["programs"]["primaryKey"] == ["fiscal_year", "table", "program_no"]


def test_the_committed_report_satisfies_its_keys(tables: Tables) -> None:
    check_keys(tables)
    assert set(tables) == set(RESOURCES)


def test_a_duplicate_key_names_file_page_program_and_fields(dataset: Dataset) -> None:
    measures = list(dataset.measures)
    with pytest.raises(PipelineError) as e:
        check_keys({**dataset.tables(), "measures": [*measures, measures[5]]})
    m = measures[5]
    assert str(e.value).startswith(f"{m.source_file}: page {m.source_page}, program № {m.program_no}")
    assert "duplicate measures key" in str(e.value) and "fiscal_year+table+program_no+department_seq" in str(e.value)


def test_a_dangling_foreign_key_stops_the_run(dataset: Dataset) -> None:
    orphan = dataset.indicators[0].model_copy(update={"department_seq": 99})
    with pytest.raises(PipelineError, match="indicators row refers to no measures row") as e:
        check_keys({**dataset.tables(), "indicators": [*dataset.indicators, orphan]})
    assert f"page {orphan.source_page}" in str(e.value)


def test_programs_count_departments_per_table(dataset: Dataset) -> None:
    measures = dataset.measures
    for p in dataset.programs:
        rows = [m for m in measures if (m.fiscal_year, m.table, m.program_no) == (p.fiscal_year, p.table, p.program_no)]
        assert p.department_count == len(rows)


def next_year(rows: Sequence[ExtractedRow], source: str = "next_report.pdf") -> list[ExtractedRow]:
    """The committed report's rows as next year's report would give them (FY+1), with program 3
    dropped and program 1's department renamed: a stand-in until a rendered next-year PDF exists."""
    out = []
    for r in rows:
        if r.program_no == 3:
            continue
        fields = dict(r.fields)
        if r.program_no == 1 and "department" in fields:
            cell = fields["department"]
            fields["department"] = replace(cell, lines=(replace(cell.lines[0], text="新人事課"),))
        out.append(replace(r, fiscal_year=r.fiscal_year + 1, fields=fields, source_file=source))
    return out


def test_consecutive_reports_build_one_dataset_with_unambiguous_keys(committed: Extraction) -> None:
    ds = build_dataset([committed, Extraction(next_year(committed.rows), [])])
    programs = {(p.fiscal_year, p.table.value, p.program_no): p for p in ds.programs}
    # FY2021 appears twice: plan in this report, results in the next; two rows, told by table.
    assert (2021, "plan", 1) in programs and (2021, "results", 1) in programs
    assert (2021, "results", 3) not in programs and (2021, "plan", 3) in programs
    for p in ds.programs:
        assert p.department_count == sum(
            1 for m in ds.measures if (m.fiscal_year, m.table, m.program_no) == (p.fiscal_year, p.table, p.program_no)
        )
    renamed = [
        m.department for m in ds.measures if (m.fiscal_year, m.table.value, m.program_no) == (2021, "results", 1)
    ]
    assert renamed == ["新人事課"]


def test_two_versions_of_one_years_report_are_refused_but_consecutive_ones_are_not(
    committed: Extraction, tmp_path: Path
) -> None:
    from pipeline.build import same_tables
    from pipeline.running.worker import FileResult

    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    revised = Extraction([r for r in committed.rows if r.program_no != 3], [])
    assert same_tables([FileResult(a, committed), FileResult(b, revised)]) == [
        f"{a} and {b}: both hold the FY2020 results and FY2021 plan tables "
        "(the same report twice, or two versions of one year's); pass only one"
    ]
    assert same_tables([FileResult(a, committed), FileResult(c, Extraction(next_year(committed.rows), []))]) == []
