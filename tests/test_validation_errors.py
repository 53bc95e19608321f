"""schemas.validate on hand-built records: a record failing its model, a duplicate key and a row
pointing at no row each stop the run with one line naming file, page, program and field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from pydantic import Field, model_validator

from extract.errors import PipelineError
from extract.model import TableKind
from schemas import Measure, Program, Record, make
from schemas.models import ForeignKey
from schemas.validate import check_keys

from . import records
from .records import measure_fields


def measure(no: int = 3, seq: int = 1, table: TableKind = TableKind.RESULTS, **values: Any) -> dict[str, Any]:
    """The fields of program № ``no``'s department row ``seq`` (report.pdf, page 3, 人事課)."""
    keys = {"program_no": no, "program_id": f"r2-{no:03d}", "department_seq": seq, "table": table}
    return measure_fields(**(keys | values))


def program(no: int = 3, table: TableKind = TableKind.RESULTS) -> Program:
    return records.program(program_no=no, program_id=f"r2-{no:03d}", table=table)


class Listed(Record):
    """A record with a list field, whose errors are located two deep."""

    name: str = Field(title="名前", description="Name")
    counts: list[int] = Field(title="件数", description="Counts")


class Checked(Record):
    """A record with a check over the whole record, whose error is located nowhere."""

    low: int = Field(title="下限", description="Low")
    high: int = Field(title="上限", description="High")

    @model_validator(mode="after")
    def _ordered(self) -> Checked:
        if self.low > self.high:
            raise ValueError("low above high")
        return self


def test_a_valid_record_is_built_through_its_model() -> None:
    m = make(Measure, **measure())
    assert isinstance(m, Measure) and (m.program_no, m.table, m.department) == (3, TableKind.RESULTS, "人事課")


def test_a_failing_record_is_one_line_naming_file_page_program_department_and_field() -> None:
    with pytest.raises(PipelineError) as e:
        make(Measure, **measure(source_page=4, department_seq=0))
    assert str(e.value) == (
        "report.pdf: page 4, program № 3, department 人事課, field department_seq: "
        "Measure record fails validation: Input should be greater than or equal to 1 (value 0)"
    )
    assert (e.value.file, e.value.page, e.value.program, e.value.department, e.value.field) == (
        "report.pdf",
        4,
        3,
        "人事課",
        "department_seq",
    )


def test_a_record_without_a_department_is_named_by_its_row() -> None:
    with pytest.raises(PipelineError) as e:
        make(Measure, **measure(seq=2, department=None))
    assert str(e.value) == (
        "report.pdf: page 3, program № 3, department row 2, field department: "
        "Measure record fails validation: Input should be a valid string (value None)"
    )


def test_a_record_without_department_or_row_names_neither() -> None:
    with pytest.raises(PipelineError) as e:
        make(Measure, **measure(seq=0, department=""))
    assert e.value.department is None and str(e.value) == (
        "report.pdf: page 3, program № 3, field department_seq: "
        "Measure record fails validation: Input should be greater than or equal to 1 (value 0)"
    )


def test_a_record_without_a_source_is_named_as_input() -> None:
    with pytest.raises(PipelineError) as e:
        make(
            Program,
            fiscal_year=2020,
            table="results",
            program_no=0,
            program_id="r2-000",
            program_name="x",
            department_count=1,
        )
    assert str(e.value) == (
        "<input>: program № 0, field program_no: Program record fails validation: "
        "Input should be greater than or equal to 1 (value 0)"
    )


def test_only_the_first_of_several_errors_is_said() -> None:
    with pytest.raises(PipelineError) as e:
        make(Measure, **measure(fiscal_year=1900, source_page=0))
    assert e.value.field == "fiscal_year" and e.value.page == 0
    assert e.value.message.endswith("greater than or equal to 1989 (value 1900)")


def test_an_error_inside_a_field_names_its_path() -> None:
    with pytest.raises(PipelineError) as e:
        make(Listed, name="a", counts=[1, "x"])
    assert e.value.field == "counts.1"
    assert e.value.message == (
        "Listed record fails validation: Input should be a valid integer, unable to parse string as an integer "
        "(value 'x')"
    )


def test_an_error_of_the_whole_record_names_no_field() -> None:
    with pytest.raises(PipelineError) as e:
        make(Checked, low=2, high=1)
    assert e.value.field is None and str(e.value) == (
        "<input>: Checked record fails validation: Value error, low above high (value {'low': 2, 'high': 1})"
    )
    assert isinstance(e.value.__cause__, Exception)


# --- keys --------------------------------------------------------------------------------


def measures(*keys: tuple[int, int]) -> list[Measure]:
    return [Measure(**measure(no, seq)) for no, seq in keys]


def test_unique_keys_and_rows_that_point_at_rows_pass() -> None:
    check_keys({"programs": [program(3), program(4)], "measures": measures((3, 1), (3, 2), (4, 1))})


def test_a_duplicate_key_is_one_line_naming_the_key() -> None:
    with pytest.raises(PipelineError) as e:
        check_keys({"programs": [program(3)], "measures": measures((3, 1), (3, 2), (3, 1))})
    assert str(e.value) == (
        "report.pdf: page 3, program № 3, field fiscal_year+table+program_no+department_seq: "
        "duplicate measures key (fiscal_year=2020, table=results, program_no=3, department_seq=1)"
    )


def test_one_key_in_two_tables_is_no_duplicate() -> None:
    plan = Measure(**measure(3, 1, TableKind.PLAN))
    check_keys({"programs": [program(3), program(3, TableKind.PLAN)], "measures": [*measures((3, 1)), plan]})


def test_a_duplicate_in_a_table_after_an_empty_one_is_found() -> None:
    with pytest.raises(PipelineError, match="duplicate programs key"):
        check_keys({"measures": [], "programs": [program(3), program(3)]})


def test_a_row_pointing_at_no_row_is_one_line_naming_the_foreign_key() -> None:
    with pytest.raises(PipelineError) as e:
        check_keys({"programs": [program(3)], "measures": measures((3, 1), (5, 1))})
    assert str(e.value) == (
        "report.pdf: page 3, program № 5, field fiscal_year+table+program_no: "
        "measures row refers to no programs row (fiscal_year=2020, table=results, program_no=5)"
    )


def test_a_row_of_the_other_table_is_not_the_row_pointed_at() -> None:
    with pytest.raises(PipelineError, match="refers to no programs row"):
        check_keys({"programs": [program(3, TableKind.PLAN)], "measures": measures((3, 1))})


def test_rows_pointing_into_an_empty_table_point_at_no_row() -> None:
    with pytest.raises(PipelineError, match="measures row refers to no programs row"):
        check_keys({"programs": [], "measures": measures((3, 1))})


def test_a_foreign_key_into_a_table_not_given_is_not_checked() -> None:
    check_keys({"measures": measures((3, 1))})


def test_every_foreign_key_of_a_record_is_checked() -> None:
    class Pair(Record):
        primary_key = ("a", "b")
        foreign_keys = (ForeignKey(("a",), "left"), ForeignKey(("b",), "right"))
        a: int = Field(title="a", description="a")
        b: int = Field(title="b", description="b")

    class Side(Record):
        primary_key = ("a",)
        a: int = Field(title="a", description="a")

    class Other(Record):
        primary_key = ("b",)
        b: int = Field(title="b", description="b")

    tables: dict[str, Sequence[Record]] = {"left": [Side(a=1)], "right": [Other(b=2)], "pairs": [Pair(a=1, b=3)]}
    with pytest.raises(PipelineError) as e:
        check_keys(tables)
    assert str(e.value) == "<input>: field b: pairs row refers to no right row (b=3)"
