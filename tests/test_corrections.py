"""corrections.toml: a person's correction of a value read wrong, applied before parsing, never
stale and never silent; its table, its report, and the command that writes one."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extract import Extraction, PipelineError
from normalize.corrections import Corrections, parse_corrections
from pipeline.corrections_file import CORRECTIONS_NAME, appended, entry_text, resolve
from pipeline.dataset import Dataset, build_dataset
from pipeline.raw import sha256
from schemas import RESOURCES

from .helpers import RAW_PDF, Extracted
from .pandas_frames import frame

NEXT_PDF = RAW_PDF.parents[2] / "tests/fixtures/next_year/next_year.pdf"
SHA = sha256(RAW_PDF)
NEXT_SHA = sha256(NEXT_PDF)
# №3's 医療保険課 row of the FY2020 results: target 554, actual 768件, reported 139%.
ROW = {"fiscal_year": 2020, "table": "results", "program_no": 3, "department": "医療保険課"}


def entry(file: str = RAW_PDF.name, sha: str = SHA, **fields: object) -> str:
    """One [[correction]] table; ``fields`` over the defaults (№3 医療保険課's actual, 768件 → 770件)."""
    values: dict[str, object] = {**ROW, "field": "actual_text", "was": "768件", "value": "770件"}
    values.update(fields, why=fields.get("why", "the city's errata"))
    lines = ["[[correction]]", f'file = "{file}"', f'sha256 = "{sha}"']
    for key, v in values.items():
        if v is not None:
            lines.append(
                f'{key} = "{v}"' if isinstance(v, str) else f"{key} = {str(v).lower() if isinstance(v, bool) else v}"
            )
    return "\n".join(lines) + "\n"


def corrections(text: str, built: Sequence[Path] = (RAW_PDF,), source: Path | None = None) -> Corrections:
    source = source or RAW_PDF.parent / CORRECTIONS_NAME
    return resolve(parse_corrections(text, str(source)), source, built)


def apply(extractions: Sequence[Extraction], text: str, built: Sequence[Path] = (RAW_PDF,)) -> Dataset:
    return build_dataset(extractions, None, corrections(text, built))


# --- the file -----------------------------------------------------------------------------


def test_an_entry_reads_as_written() -> None:
    (c,) = parse_corrections(entry(), "c.toml")
    assert (c.file, c.sha256, c.fiscal_year, c.table.value, c.program_no, c.department) == (
        RAW_PDF.name, SHA, 2020, "results", 3, "医療保険課",
    )  # fmt: skip
    assert (c.field, c.was, c.value, c.why, c.entry) == ("actual_text", "768件", "770件", "the city's errata", 1)
    assert parse_corrections("", "c.toml") == ()
    # An empty was or value is no value, as an empty cell or a lone dash is.
    (c,) = parse_corrections(entry(was="", value="-"), "c.toml")
    assert (c.was, c.value) == (None, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[correction]\n", "c.toml: not a TOML file"),
        ("[fix]\nfile = 'a'\n", "c.toml: fix: unknown key; each correction is a [[correction]] table"),
        ("correction = 3\n", "c.toml: correction: expected [[correction]] tables"),
        (entry(colour="red"), "c.toml: correction 1: colour: unknown key"),
        (entry(why=None).replace('why = "the city\'s errata"\n', ""), "c.toml: correction 1: why is missing"),
        (entry(why=""), "c.toml: correction 1: why: expected one line"),
        (entry(program_no="twelve"), "c.toml: correction 1: program_no = 'twelve': expected a whole number"),
        (entry(program_no=1.5), "c.toml: correction 1: program_no = 1.5: expected a whole number"),
        (entry(program_no=True), "c.toml: correction 1: program_no = True: expected a whole number"),
        (entry(program_no=0), "c.toml: correction 1: program_no = 0: expected a № of 1 or more"),
        (entry(fiscal_year=20), "c.toml: correction 1: fiscal_year = 20: expected a year"),
        (entry(table="actuals"), "c.toml: correction 1: table = 'actuals': expected one of results, plan"),
        (entry(was=768), "c.toml: correction 1: was = 768: expected text in quotes"),
        (entry(sha="ABC"), "c.toml: correction 1: sha256 = 'ABC': expected 64 lower-case hex digits"),
        (entry(file="raw/x.pdf"), "c.toml: correction 1: file = 'raw/x.pdf': expected the PDF's file name"),
        (entry(field="actual_value"), "c.toml: correction 1: field = 'actual_value' is computed from actual_text"),
        (entry(field="colour"), "c.toml: correction 1: field = 'colour': no such field"),
        (entry(department=None), "c.toml: correction 1: department is missing"),
        (entry(field="description"), "c.toml: correction 1: department: description is the program's"),
        (entry(table="plan"), "c.toml: correction 1: field = 'actual_text': the plan table has no such field"),
        (entry(value="７７０件"), "c.toml: correction 1: value '７７０件' is not as the dataset writes"),
        (entry() + entry(value="771件"), "c.toml: correction 2 (iizuka_suicide_plan_progress_fy2020_fy2021.pdf "
         "FY2020 results №3 医療保険課 actual_text): corrects the same field as correction 1; keep one"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_in_one_line_naming_file_and_entry(text: str, message: str) -> None:
    with pytest.raises(PipelineError) as e:
        parse_corrections(text, "c.toml")
    assert str(e.value).startswith(message) and "\n" not in str(e.value)


def test_an_entry_written_by_the_command_reads_back_to_itself() -> None:
    (c,) = parse_corrections(entry(was='a \\"quoted\\"\\nline', value="b\\\\c"), "c.toml")
    (back,) = parse_corrections(entry_text(c), "c.toml")
    assert back == c and c.was == 'a "quoted"\nline' and c.value == "b\\c"


def test_appending_keeps_every_byte_of_the_file() -> None:
    for old in ("", "# mine", "# mine\n", "# mine\n\n"):
        new = appended(old, "[[correction]]\n")
        assert new.startswith(old) and new.endswith("[[correction]]\n")
        assert new == old or new[len(old) :].lstrip("\n") == "[[correction]]\n"


# --- applied, end to end on the dataset ---------------------------------------------------


@pytest.fixture(scope="module")
def corrected(committed: Extraction) -> Dataset:
    return apply([committed], entry())


def changed_cells(before: Dataset, after: Dataset) -> dict[str, set[tuple[tuple[object, ...], str]]]:
    """Per table, the (key, column) cells that differ, rows added or dropped as (key, "*")."""
    out: dict[str, set[tuple[tuple[object, ...], str]]] = {}
    for name, (model, _) in RESOURCES.items():
        keys = list(model.primary_key)
        a = frame(name, before.tables()[name]).set_index(keys)
        b = frame(name, after.tables()[name]).set_index(keys)
        cells = {(k, "*") for k in a.index.symmetric_difference(b.index)}
        for k in a.index.intersection(b.index):
            for col in a.columns:
                x, y = a.at[k, col], b.at[k, col]
                if not (pd.isna(x) and pd.isna(y)) and (pd.isna(x) or pd.isna(y) or x != y):
                    cells.add((k, col))
        out[name] = cells
    return out


def test_one_actual_corrected_changes_only_that_rows_actual_and_what_is_computed_from_it(
    dataset: Dataset, corrected: Dataset
) -> None:
    changes = changed_cells(dataset, corrected)
    row = (2020, "results", 3, 5)
    # 770件 has the unit, qualifier and note of 768件: of the actual's parsed columns only the value changes.
    assert changes["measures"] == {(row, "actual_text"), (row, "actual_value")}
    assert changes["indicators"] == {((*row, 1), "actual_value")}
    assert changes["progress"] == {((2020, "r2-003", 5), c) for c in ("actual_text", "actual_value",
                                                                       "achievement_recomputed_pct")}  # fmt: skip
    assert changes["programs"] == changes["extra_fields"] == set()
    assert len(changes["corrections"]) == 1
    (m,) = [m for m in corrected.measures if (m.fiscal_year, m.table.value, m.program_no, m.department_seq) == row]
    assert (m.actual_text, m.actual_value, m.actual_unit, m.achievement_pct) == ("770件", 770.0, "件", 139.0)
    (p,) = [p for p in corrected.progress if (p.program_id, p.department_seq, p.fiscal_year) == ("r2-003", 5, 2020)]
    assert (p.actual_text, p.achievement_recomputed_pct) == ("770件", 139.0)


def test_the_corrections_table_has_the_keys_the_field_and_the_files_digest(corrected: Dataset) -> None:
    (c,) = corrected.corrections
    assert c.model_dump(mode="json") == {
        "fiscal_year": 2020, "table": "results", "program_no": 3, "program_id": "r2-003", "department_seq": 5,
        "department": "医療保険課", "field": "actual_text", "was": "768件", "value": "770件",
        "why": "the city's errata", "source_file": RAW_PDF.name, "source_sha256": SHA,
    }  # fmt: skip


def test_a_corrected_target_is_parsed_like_a_read_one(committed: Extraction) -> None:
    ds = apply([committed], entry(field="target_text", was="554", value="600件以上(見込み)"))
    (m,) = [m for m in ds.measures if (m.table.value, m.program_no, m.department_seq) == ("results", 3, 5)]
    assert (m.target_value, m.target_unit, m.target_qualifier, m.target_note) == (600.0, "件", "以上", "見込み")


def test_a_program_level_correction_changes_the_program_and_its_rows(committed: Extraction) -> None:
    text = entry(fiscal_year=2021, table="plan", program_no=1, department=None, field="program_name",
                 was="メンタルヘルス研修", value="職員のメンタルヘルス研修")  # fmt: skip
    ds = apply([committed], text)
    (p,) = [p for p in ds.programs if (p.fiscal_year, p.table.value, p.program_no) == (2021, "plan", 1)]
    assert p.program_name == "職員のメンタルヘルス研修"
    assert {m.program_name for m in ds.measures if (m.fiscal_year, m.program_no) == (2021, 1)} == {p.program_name}
    (c,) = ds.corrections
    assert (c.department_seq, c.department, c.field) == (0, None, "program_name")


def test_a_corrected_department_and_another_field_of_its_row_both_land_on_it(committed: Extraction) -> None:
    text = entry(field="department", was="医療保険課", value="国保年金課") + entry(field="actual_text")
    ds = apply([committed], text)
    assert [(c.department_seq, c.field) for c in ds.corrections] == [(5, "actual_text"), (5, "department")]
    (m,) = [m for m in ds.measures if (m.table.value, m.program_no, m.department_seq) == ("results", 3, 5)]
    assert (m.department, m.actual_text) == ("国保年金課", "770件")


def test_the_next_years_report_is_corrected_beside_the_committed_one(
    extracted: Extracted, committed: Extraction
) -> None:
    text = entry(file=NEXT_PDF.name, sha=NEXT_SHA, fiscal_year=2021, program_no=1, department="人事課",
                 was="2回", value="3回")  # fmt: skip
    ds = build_dataset(
        [committed, extracted(NEXT_PDF)],
        None,
        corrections(text, (RAW_PDF, NEXT_PDF), NEXT_PDF.parent / CORRECTIONS_NAME),
    )
    (m,) = [
        m
        for m in ds.measures
        if (m.fiscal_year, m.table.value, m.program_no, m.department_seq) == (2021, "results", 1, 1)
    ]
    assert (m.actual_text, m.actual_value, m.source_file) == ("3回", 3.0, NEXT_PDF.name)
    (p,) = [p for p in ds.progress if (p.fiscal_year, p.program_no, p.department_seq) == (2021, 1, 1)]
    assert p.actual_text == "3回" and p.planned_target_text is not None  # the plan side, from the other report
    (c,) = ds.corrections
    assert (c.source_file, c.source_sha256, c.program_id) == (NEXT_PDF.name, NEXT_SHA, m.program_id)


# --- never stale, never silent ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"was": "767件"}, "stale: was = '767件', but the reader now gives '768件'"),
        ({"field": "achievement_text", "was": ""}, "stale: was = nothing, but the reader now gives '139%'"),
        ({"program_no": 99}, "there is no №99 in iizuka_suicide_plan_progress_fy2020_fy2021.pdf's FY2020 results"),
        ({"department": "総務課"}, "№3 has no row of department '総務課' (it has 税務課、子育て支援課、"),
        ({"fiscal_year": 2021}, "there is no №3 in iizuka_suicide_plan_progress_fy2020_fy2021.pdf's FY2021 results"),
    ],
)
def test_a_correction_that_no_longer_applies_stops_the_run_naming_it(
    committed: Extraction, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(PipelineError) as e:
        apply([committed], entry(**fields))
    line = str(e.value)
    assert line.startswith(f"{RAW_PDF.parent / CORRECTIONS_NAME}: correction 1 (") and message in line
    assert "\n" not in line


def test_a_file_changed_since_the_correction_stops_the_run() -> None:
    with pytest.raises(PipelineError, match=f"stale: written for the file with SHA-256 {'0' * 64}, but .* has {SHA}"):
        corrections(entry(sha="0" * 64))


def test_a_file_beside_but_not_built_is_skipped_and_a_missing_one_refused(tmp_path: Path) -> None:
    shutil.copy(RAW_PDF, tmp_path / RAW_PDF.name)
    (tmp_path / "other.pdf").write_bytes(b"%PDF-1.4\n")
    source = tmp_path / CORRECTIONS_NAME
    found = corrections(entry() + entry(file="other.pdf", sha="1" * 64), (tmp_path / RAW_PDF.name,), source)
    assert [c.file for c in found.entries] == [RAW_PDF.name] and [c.file for c in found.skipped] == ["other.pdf"]
    with pytest.raises(
        PipelineError,
        match=r"correction 2 \(gone.pdf .*\): there is no file gone.pdf among the PDFs built or beside corrections",
    ):
        corrections(entry() + entry(file="gone.pdf", sha="1" * 64), (tmp_path / RAW_PDF.name,), source)


def test_the_report_lists_each_correction_and_each_skipped_one(committed: Extraction, tmp_path: Path) -> None:
    from pipeline.reporting.corrections_report import corrections_section
    from pipeline.reporting.report import _table

    shutil.copy(RAW_PDF, tmp_path / RAW_PDF.name)
    (tmp_path / "other.pdf").write_bytes(b"%PDF-1.4\n")
    found = corrections(entry() + entry(file="other.pdf", sha="1" * 64), (tmp_path / RAW_PDF.name,),
                        tmp_path / CORRECTIONS_NAME)  # fmt: skip
    ds = build_dataset([committed], None, found)
    md = "\n".join(corrections_section(ds.corrected, ds.corrections, _table))
    assert "- 1 value(s) corrected from corrections.toml" in md and str(tmp_path) not in md
    assert "| 2020 | results | 3 | 医療保険課 | actual_text | 768件 | 770件 | the city's errata |" in md
    assert "### Skipped: the file is not in this build" in md and "| 2 | other.pdf | 2020 | results | 3 |" in md
    empty = "\n".join(corrections_section(Corrections(), [], _table))
    assert "No corrections file (corrections.toml): every value is as the reader gave it." in empty


def test_each_correction_is_an_anomaly_with_its_cell_to_look_at(dataset: Dataset, corrected: Dataset) -> None:
    from pipeline.dataset import check

    (a,) = [a for a in check(corrected).anomalies if a.kind == "value corrected by hand"]
    assert (a.program_no, a.department_seq, a.fields, a.source_page) == (3, 5, ("actual",), 1)
    assert a.detail == "actual_text: 「768件」 → 「770件」 (the city's errata)"
    assert a.detail_ja == "actual_textを「768件」から「770件」に訂正（the city's errata）"
    assert not [a for a in check(dataset).anomalies if a.kind == "value corrected by hand"]


def test_on_the_next_years_report_a_stale_one_stops_and_one_of_a_file_not_built_is_skipped(
    extracted: Extracted, committed: Extraction
) -> None:
    beside = NEXT_PDF.parent / CORRECTIONS_NAME
    fields: dict[str, Any] = {"fiscal_year": 2021, "program_no": 1, "department": "人事課", "value": "3回"}
    with pytest.raises(PipelineError, match=r"stale: was = '1回', but the reader now gives '2回'"):
        build_dataset(
            [committed, extracted(NEXT_PDF)], None,
            corrections(entry(NEXT_PDF.name, NEXT_SHA, was="1回", **fields), (RAW_PDF, NEXT_PDF), beside),
        )  # fmt: skip
    # Built alone, the committed report leaves the next year's correction aside, and says so.
    found = corrections(entry(NEXT_PDF.name, NEXT_SHA, was="2回", **fields), (RAW_PDF,), beside)
    assert (found.entries, [c.file for c in found.skipped]) == ((), [NEXT_PDF.name])
    assert build_dataset([committed], None, found).corrections == []


def test_a_field_whose_column_the_table_does_not_print_is_refused(extracted: Extracted) -> None:
    pdf = RAW_PDF.parents[2] / "tests/fixtures/columns/no_achievement.pdf"
    text = entry(pdf.name, sha256(pdf), field="achievement_text", was="", value="140%")
    with pytest.raises(
        PipelineError, match=r"correction 1 \(no_achievement.pdf .*\): the table has no column for achievement_text"
    ):
        build_dataset([extracted(pdf)], None, corrections(text, (pdf,), pdf.parent / CORRECTIONS_NAME))
