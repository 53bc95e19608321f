"""The published records. Every record passes one of these models before anything is written.

Field titles are the Japanese labels of the report; descriptions say what a value means. The
Frictionless ``datapackage.json`` is generated from these models (``schemas.datapackage``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.model import TableKind


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table name a row of ``resource`` by the same field names there."""

    fields: tuple[str, ...]
    resource: str


# What program_id means, in every table that carries it (and in the data dictionary).
PROGRAM_ID = (
    "The program across reports: the same in every report and year for one program, different for "
    "different programs (the № changes when a program is inserted or dropped before it). Made from "
    "the program's first appearance: the era year of the first fiscal year of the report it first "
    "appears in and its № there (r2-005: №5 of the report whose first year is 令和2 = FY2020). "
    "Programs are matched between consecutive reports by name, description and departments "
    "(quality.md lists every link with its score; program_links.toml corrects one)"
)


# What a *_pct column beside a target or an actual means (in every table that has one).
IN_PERCENT = (
    "in percent, where it is a percent or a ratio (a ratio 0.6 is 60), so that figures printed "
    "either way compare; null for other units"
)


class Record(BaseModel):
    """A published row. ``primary_key`` and ``foreign_keys`` are declared here, next to the
    fields they name: datapackage.json is generated from them and ``schemas.validate.check_keys``
    enforces them before anything is written."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)
    primary_key: ClassVar[tuple[str, ...]] = ()
    foreign_keys: ClassVar[tuple[ForeignKey, ...]] = ()

    @field_validator("*", mode="before")
    @classmethod
    def _empty_text_is_null(cls, v: object) -> object:
        return None if isinstance(v, str) and v == "" else v


class Measure(Record):
    """One table row: a program × responsible department × fiscal year."""

    # A report has a results and a plan table; consecutive reports overlap in one fiscal year
    # (plan in one, results in the next): the table is part of every key.
    primary_key = ("fiscal_year", "table", "program_no", "department_seq")
    foreign_keys = (ForeignKey(("fiscal_year", "table", "program_no"), "programs"),)

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year (令和2年度 = 2020)")
    table: TableKind = Field(title="表", description="results: 実績 (what was done); plan: 実施計画 (what is planned)")
    program_no: int = Field(ge=1, title="№", description="Program number in the plan")
    program_id: str = Field(
        min_length=1,
        title="事業ID",
        description=PROGRAM_ID,
    )
    program_name: str = Field(min_length=1, title="実施内容", description="Program name")
    department_seq: int = Field(
        ge=1, title="担当課の順番", description="1-based position of the department row within its program"
    )
    department: str = Field(
        min_length=1, title="担当課", description="Responsible department(s); several in one cell are joined by 、"
    )
    plan: str | None = Field(None, title="実施計画", description="The year's implementation plan")
    indicator: str | None = Field(None, title="指標名", description="Indicator name(s)")
    indicator_count: int = Field(
        ge=0,
        title="指標数",
        description="How many indicators the row prints (its rows in `indicators`). Where it is more than 1, "
        "each indicator's target, actual and achievement are in `indicators`: this row's figures are the "
        "cells as printed, and its achievement_pct is null unless the cell holds one rate",
    )
    target_text: str | None = Field(
        None, title="目標値", description="Target as printed (normalised); null when the cell holds only a dash"
    )
    target_value: float | None = Field(
        None, title="目標値（数値）", description="Target as a number when the cell holds exactly one figure"
    )
    target_unit: str | None = Field(
        None, title="目標値（単位）", description="Unit of target_value (件, 人, %, 回/年, ratio …)"
    )
    target_pct: float | None = Field(None, title="目標値（％）", description=f"target_value {IN_PERCENT}")
    target_qualifier: str | None = Field(
        None, title="目標値（修飾）", description="各 (each), 平均 (average), 約, 以上 (at least), 以下, 未満"
    )
    target_note: str | None = Field(None, title="目標値（注記）", description="Text in brackets beside the target")
    status: str | None = Field(None, title="実施状況", description="What was done (results only)")
    evaluation: str | None = Field(
        None, title="担当課の評価", description="The department's own evaluation (results only)"
    )
    actual_text: str | None = Field(None, title="実績値", description="Actual value as printed (results only)")
    actual_value: float | None = Field(
        None, title="実績値（数値）", description="Actual as a number when the cell holds exactly one figure"
    )
    actual_unit: str | None = Field(None, title="実績値（単位）", description="Unit of actual_value")
    actual_pct: float | None = Field(None, title="実績値（％）", description=f"actual_value {IN_PERCENT}")
    actual_qualifier: str | None = Field(None, title="実績値（修飾）", description="Qualifier of the actual value")
    actual_note: str | None = Field(
        None, title="実績値（注記）", description="Text in brackets beside the actual value"
    )
    achievement_text: str | None = Field(None, title="達成度", description="Achievement rate as printed (results only)")
    achievement_pct: float | None = Field(
        None,
        ge=0,
        title="達成度（％）",
        description="Achievement rate in percent, as reported (a ratio 0.6 is 60); null where the cell is not "
        "one figure (a rate per indicator: see `indicators`; words such as おおむね達成: see achievement_text)",
    )
    source_file: str = Field(title="出典ファイル", description="PDF the row was read from")
    source_page: int = Field(ge=1, title="出典ページ", description="Page (1-based) where the row starts")


class Program(Record):
    """One program in one fiscal year's table.

    Keyed by (fiscal_year, table, program_no): a program seen in both tables of one fiscal year
    (the plan of one report, the results of the next) is two rows, told apart by ``table``,
    each with its own department_count.
    """

    primary_key = ("fiscal_year", "table", "program_no")

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year")
    table: TableKind = Field(title="表", description="results or plan: the table the program was read from")
    program_no: int = Field(ge=1, title="№", description="Program number in the plan")
    program_id: str = Field(
        min_length=1,
        title="事業ID",
        description=PROGRAM_ID,
    )
    program_name: str = Field(min_length=1, title="実施内容", description="Program name")
    description: str | None = Field(None, title="内容", description="What the program does")
    department_count: int = Field(ge=1, title="担当課数", description="Number of department rows")


class Indicator(Record):
    """One indicator of one department row, in long format: a cell listing several is split."""

    primary_key = ("fiscal_year", "table", "program_no", "department_seq", "indicator_seq")
    foreign_keys = (ForeignKey(("fiscal_year", "table", "program_no", "department_seq"), "measures"),)

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year")
    table: TableKind = Field(title="表", description="results or plan")
    program_no: int = Field(ge=1, title="№", description="Program number")
    program_id: str = Field(
        min_length=1,
        title="事業ID",
        description=PROGRAM_ID,
    )
    department_seq: int = Field(ge=1, title="担当課の順番", description="Department row within the program")
    indicator_seq: int = Field(ge=1, title="指標の順番", description="1-based position of the indicator in its cell")
    group: str | None = Field(None, title="区分", description="【heading】 the indicator is listed under, if any")
    indicator: str = Field(min_length=1, title="指標名", description="Indicator name")
    target_value: float | None = Field(None, title="目標値", description="Target for this indicator")
    target_unit: str | None = Field(None, title="目標値（単位）", description="Unit of the target")
    target_pct: float | None = Field(None, title="目標値（％）", description=f"target_value {IN_PERCENT}")
    actual_value: float | None = Field(
        None, title="実績値", description="Actual value for this indicator (results only)"
    )
    actual_unit: str | None = Field(None, title="実績値（単位）", description="Unit of the actual value")
    actual_pct: float | None = Field(None, title="実績値（％）", description=f"actual_value {IN_PERCENT}")
    achievement_pct: float | None = Field(
        None, title="達成度（％）", description="Achievement rate in percent, where reported per indicator"
    )
    source_file: str = Field(title="出典ファイル", description="PDF the row was read from")
    source_page: int = Field(ge=1, title="出典ページ", description="Page (1-based)")


class ExtraField(Record):
    """A value of a column the schema has no field for (今後の方向性, 予算額, 備考 …), in long
    format: nothing a report prints is lost because this schema did not foresee it."""

    primary_key = ("fiscal_year", "table", "program_no", "department_seq", "label")
    foreign_keys = (ForeignKey(("fiscal_year", "table", "program_no", "department_seq"), "measures"),)

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year")
    table: TableKind = Field(title="表", description="results or plan")
    program_no: int = Field(ge=1, title="№", description="Program number")
    program_id: str = Field(
        min_length=1,
        title="事業ID",
        description=PROGRAM_ID,
    )
    department_seq: int = Field(ge=1, title="担当課の順番", description="Department row within the program")
    label: str = Field(
        min_length=1, title="列見出し", description="The column's header label as printed (normalised, no white space)"
    )
    value: str = Field(
        min_length=1, title="値", description="The cell as printed (normalised); empty cells are left out"
    )
    source_file: str = Field(title="出典ファイル", description="PDF the row was read from")
    source_page: int = Field(ge=1, title="出典ページ", description="Page (1-based) where the row starts")


class Progress(Record):
    """A program's department in one fiscal year: what the plan set beside what was done.

    Each year's report prints the coming year's targets (the plan table) and the past year's
    results, so a year's planned target is in one report and its actual in the next. The two
    sides are one program by ``program_id`` and one department row by name first, then by
    what remains (a renamed department keeps its row; both names stay as printed).
    """

    primary_key = ("fiscal_year", "program_id", "department_seq")

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year")
    program_id: str = Field(min_length=1, title="事業ID", description=PROGRAM_ID)
    department_seq: int = Field(
        ge=1,
        title="担当課の順番",
        description="1-based position of the row within the program's year: the results' order, "
        "then departments only the plan names",
    )
    department: str = Field(
        min_length=1, title="担当課", description="Responsible department as printed in the results, else in the plan"
    )
    planned_department: str | None = Field(
        None, title="計画時の担当課", description="The department as the plan printed it (differs after a rename)"
    )
    program_name: str = Field(
        min_length=1, title="実施内容", description="Program name as printed in the results, else in the plan"
    )
    planned_program_no: int | None = Field(None, ge=1, title="計画時の№", description="№ in the plan table")
    program_no: int | None = Field(None, ge=1, title="実績の№", description="№ in the results table")
    planned_target_text: str | None = Field(
        None, title="計画の目標値", description="Target as the plan table printed it (the report before)"
    )
    planned_target_value: float | None = Field(
        None, title="計画の目標値（数値）", description="planned_target_text as a number when it is one figure"
    )
    planned_target_unit: str | None = Field(
        None, title="計画の目標値（単位）", description="Unit of planned_target_value"
    )
    planned_target_pct: float | None = Field(
        None, title="計画の目標値（％）", description=f"planned_target_value {IN_PERCENT}"
    )
    target_text: str | None = Field(None, title="目標値", description="Target as the results table printed it")
    target_value: float | None = Field(None, title="目標値（数値）", description="target_text as a number")
    target_unit: str | None = Field(None, title="目標値（単位）", description="Unit of target_value")
    target_pct: float | None = Field(None, title="目標値（％）", description=f"target_value {IN_PERCENT}")
    actual_text: str | None = Field(None, title="実績値", description="Actual value as printed in the results")
    actual_value: float | None = Field(None, title="実績値（数値）", description="actual_text as a number")
    actual_unit: str | None = Field(None, title="実績値（単位）", description="Unit of actual_value")
    actual_pct: float | None = Field(None, title="実績値（％）", description=f"actual_value {IN_PERCENT}")
    achievement_text: str | None = Field(None, title="達成度", description="Achievement rate as printed in the results")
    achievement_pct: float | None = Field(
        None, ge=0, title="達成度（％）", description="Achievement rate in percent, as reported"
    )
    achievement_recomputed_pct: float | None = Field(
        None,
        title="達成度（再計算、％）",
        description="actual ÷ target × 100 from the results' figures, to one decimal, where both are "
        "numbers in comparable units (the city caps many reported rates at 100%)",
    )
    plan_source_file: str | None = Field(None, title="計画の出典ファイル", description="PDF of the plan side")
    plan_source_page: int | None = Field(None, ge=1, title="計画の出典ページ", description="Page of the plan side")
    results_source_file: str | None = Field(None, title="実績の出典ファイル", description="PDF of the results side")
    results_source_page: int | None = Field(
        None, ge=1, title="実績の出典ページ", description="Page of the results side"
    )


class AppliedCorrection(Record):
    """A value a person corrected (``corrections.toml`` beside the PDFs): what the reader gave,
    what is published instead, and why. Join it to measures (program-level fields: to programs)
    to find every value a person changed."""

    primary_key = ("fiscal_year", "table", "program_no", "department_seq", "field")
    foreign_keys = (ForeignKey(("fiscal_year", "table", "program_no"), "programs"),)

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year")
    table: TableKind = Field(title="表", description="results or plan: the table of the corrected row")
    program_no: int = Field(ge=1, title="№", description="Program number")
    program_id: str = Field(min_length=1, title="事業ID", description=PROGRAM_ID)
    department_seq: int = Field(
        ge=0,
        title="担当課の順番",
        description="The corrected row within its program (measures' department_seq); 0 for a field of "
        "the program itself (program_name, description: the programs table)",
    )
    department: str | None = Field(
        None, title="担当課", description="The row's department as read (null for a field of the program)"
    )
    field: str = Field(
        min_length=1, title="訂正した列", description="The corrected column, by its name in measures or programs"
    )
    was: str | None = Field(None, title="読み取った値", description="The text the reader gave (null: no value)")
    value: str | None = Field(None, title="訂正後の値", description="The text published instead (null: no value)")
    why: str = Field(min_length=1, title="理由", description="Why, as the person who corrected it wrote")
    source_file: str = Field(title="出典ファイル", description="PDF the corrected value was read from")
    source_sha256: str = Field(
        min_length=64, max_length=64, title="出典ファイルのSHA-256", description="SHA-256 of that PDF (sha256sum)"
    )


RESOURCES: dict[str, tuple[type[Record], str]] = {
    "measures": (Measure, "One row per program × department × fiscal year (results and plan tables)"),
    "programs": (Program, "One row per fiscal year, table and program"),
    "indicators": (Indicator, "One row per indicator, cells listing several split into rows"),
    "extra_fields": (ExtraField, "One row per value of a column the schema has no field for"),
    "progress": (Progress, "One row per program, department and fiscal year: planned target beside actual"),
    "corrections": (AppliedCorrection, "One row per value a person corrected (corrections.toml), with what was read"),
}
