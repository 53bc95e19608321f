"""The published records. Every record passes one of these models before anything is written.

Field titles are the Japanese labels of the report; descriptions say what a value means. The
Frictionless ``datapackage.json`` is generated from these models (``schemas.datapackage``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.model import TableKind


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    @field_validator("*", mode="before")
    @classmethod
    def _empty_text_is_null(cls, v: object) -> object:
        return None if isinstance(v, str) and v == "" else v


class Measure(Record):
    """One table row: a program × responsible department × fiscal year."""

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year (令和2年度 = 2020)")
    table: TableKind = Field(title="表", description="results: 実績 (what was done); plan: 実施計画 (what is planned)")
    program_no: int = Field(ge=1, title="№", description="Program number in the plan")
    program_name: str = Field(min_length=1, title="実施内容", description="Program name")
    department_seq: int = Field(
        ge=1, title="担当課の順番", description="1-based position of the department row within its program"
    )
    department: str = Field(
        min_length=1, title="担当課", description="Responsible department(s); several in one cell are joined by 、"
    )
    plan: str | None = Field(None, title="実施計画", description="The year's implementation plan")
    indicator: str | None = Field(None, title="指標名", description="Indicator name(s)")
    target_text: str | None = Field(
        None, title="目標値", description="Target as printed (normalised); null when the cell holds only a dash"
    )
    target_value: float | None = Field(
        None, title="目標値（数値）", description="Target as a number when the cell holds exactly one figure"
    )
    target_unit: str | None = Field(
        None, title="目標値（単位）", description="Unit of target_value (件, 人, %, 回/年, ratio …)"
    )
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
    actual_qualifier: str | None = Field(None, title="実績値（修飾）", description="Qualifier of the actual value")
    actual_note: str | None = Field(
        None, title="実績値（注記）", description="Text in brackets beside the actual value"
    )
    achievement_text: str | None = Field(None, title="達成度", description="Achievement rate as printed (results only)")
    achievement_pct: float | None = Field(
        None, ge=0, title="達成度（％）", description="Achievement rate in percent, as reported (a ratio 0.6 is 60)"
    )
    source_file: str = Field(title="出典ファイル", description="PDF the row was read from")
    source_page: int = Field(ge=1, title="出典ページ", description="Page (1-based) where the row starts")


class Program(Record):
    """One program in one fiscal year's table."""

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year")
    program_no: int = Field(ge=1, title="№", description="Program number in the plan")
    program_name: str = Field(min_length=1, title="実施内容", description="Program name")
    description: str | None = Field(None, title="内容", description="What the program does")
    department_count: int = Field(ge=1, title="担当課数", description="Number of department rows")


class Indicator(Record):
    """One indicator of one department row, in long format: a cell listing several is split."""

    fiscal_year: int = Field(ge=1989, le=2100, title="年度", description="Fiscal year")
    table: TableKind = Field(title="表", description="results or plan")
    program_no: int = Field(ge=1, title="№", description="Program number")
    department_seq: int = Field(ge=1, title="担当課の順番", description="Department row within the program")
    indicator_seq: int = Field(ge=1, title="指標の順番", description="1-based position of the indicator in its cell")
    group: str | None = Field(None, title="区分", description="【heading】 the indicator is listed under, if any")
    indicator: str = Field(min_length=1, title="指標名", description="Indicator name")
    target_value: float | None = Field(None, title="目標値", description="Target for this indicator")
    target_unit: str | None = Field(None, title="目標値（単位）", description="Unit of the target")
    actual_value: float | None = Field(
        None, title="実績値", description="Actual value for this indicator (results only)"
    )
    actual_unit: str | None = Field(None, title="実績値（単位）", description="Unit of the actual value")
    achievement_pct: float | None = Field(
        None, title="達成度（％）", description="Achievement rate in percent, where reported per indicator"
    )
    source_file: str = Field(title="出典ファイル", description="PDF the row was read from")
    source_page: int = Field(ge=1, title="出典ページ", description="Page (1-based)")


RESOURCES: dict[str, tuple[type[Record], str]] = {
    "measures": (Measure, "One row per program × department × fiscal year (results and plan tables)"),
    "programs": (Program, "One row per fiscal year and program"),
    "indicators": (Indicator, "One row per indicator, cells listing several split into rows"),
}
