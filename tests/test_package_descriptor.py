"""datapackage.json and the data dictionary, generated from the models: Frictionless types and
constraints per field, keys per format, units by the models' conventions, and the committed
data/clean/ descriptor and README.md exactly what the models generate."""

from __future__ import annotations

import json
import re
from typing import Any, Literal, Optional

import pytest
from pydantic import Field

import schemas.models
from extract.model import TableKind
from pipeline.provenance import describe
from schemas import RESOURCES, Measure, Program, Record, datapackage
from schemas.datapackage import CSV_ENCODING, PACKAGE_NAME, field_type, keys, resource_name, table_schema
from schemas.dictionary import Column, columns, markdown, unit_of
from schemas.provenance import Source

from .helpers import ROOT

CLEAN = ROOT / "data/clean"


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (int, ("integer", False, None)),
        (float, ("number", False, None)),
        (str, ("string", False, None)),
        (bool, ("boolean", False, None)),
        (float | None, ("number", True, None)),
        (Optional[int], ("integer", True, None)),  # noqa: UP045 - typing.Union, as well as X | None
        (None | str, ("string", True, None)),
        (Literal["a", "b"], ("string", False, ["a", "b"])),
        (Literal["a"] | None, ("string", True, ["a"])),
        (TableKind, ("string", False, ["results", "plan"])),
        (TableKind | None, ("string", True, ["results", "plan"])),
    ],
)
def test_each_annotation_has_a_frictionless_type_nullability_and_allowed_values(
    annotation: Any, expected: tuple[str, bool, list[Any] | None]
) -> None:
    assert field_type(annotation) == expected


class Sample(Record):
    """Every kind of field and constraint the descriptor knows."""

    count: int = Field(ge=1, le=9, title="件数", description="How many")
    share: float | None = Field(None, ge=0, title="割合", description="A share")
    label: str = Field(min_length=1, title="名前", description="A name")
    kind: TableKind | None = Field(None, title="表", description="A table")
    note: str | None = Field(None, title="備考", description="Free text")


def test_a_table_schema_lists_each_field_with_its_constraints() -> None:
    assert table_schema(Sample) == {
        "fields": [
            {
                "name": "count",
                "type": "integer",
                "title": "件数",
                "description": "How many",
                "constraints": {"required": True, "minimum": 1, "maximum": 9},
            },
            {
                "name": "share",
                "type": "number",
                "title": "割合",
                "description": "A share",
                "constraints": {"minimum": 0},
            },
            {
                "name": "label",
                "type": "string",
                "title": "名前",
                "description": "A name",
                "constraints": {"required": True, "minLength": 1},
            },
            {
                "name": "kind",
                "type": "string",
                "title": "表",
                "description": "A table",
                "constraints": {"enum": ["results", "plan"]},
            },
            {"name": "note", "type": "string", "title": "備考", "description": "Free text"},
        ],
        "missingValues": [""],
    }


def test_csv_resources_go_by_the_tables_name_other_formats_get_a_suffix() -> None:
    assert (resource_name("measures", "csv"), resource_name("measures", "parquet")) == ("measures", "measures-parquet")


def test_keys_point_at_the_table_in_the_same_format() -> None:
    measure_fk = ["fiscal_year", "table", "program_no"]
    assert keys(Measure, "parquet") == {
        "primaryKey": ["fiscal_year", "table", "program_no", "department_seq"],
        "foreignKeys": [{"fields": measure_fk, "reference": {"resource": "programs-parquet", "fields": measure_fk}}],
    }
    assert keys(Measure, "csv")["foreignKeys"][0]["reference"]["resource"] == "programs"
    assert keys(Program, "csv") == {"primaryKey": ["fiscal_year", "table", "program_no"]}


def test_the_package_has_a_resource_per_table_and_format_csv_with_its_encoding() -> None:
    package = datapackage()
    assert package["name"] == PACKAGE_NAME
    assert [r["name"] for r in package["resources"]] == [
        name for table in RESOURCES for name in (table, f"{table}-parquet")
    ]
    measures, measures_parquet = package["resources"][:2]
    assert {k: v for k, v in measures.items() if k != "schema"} == {
        "name": "measures",
        "path": "measures.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": CSV_ENCODING,
        "title": "measures",
        "description": RESOURCES["measures"][1],
    }
    assert CSV_ENCODING == "utf-8-sig"
    assert {k: v for k, v in measures_parquet.items() if k != "schema"} == {
        "name": "measures-parquet",
        "path": "measures.parquet",
        "format": "parquet",
        "title": "measures",
        "description": RESOURCES["measures"][1],
    }
    assert measures_parquet["schema"] == {**table_schema(Measure), **keys(Measure, "parquet")}


def test_a_package_of_one_format_lists_that_format_only() -> None:
    assert [r["path"] for r in datapackage(("parquet",))["resources"]] == [f"{t}.parquet" for t in RESOURCES]


def committed_sources() -> list[Source]:
    """The committed dataset's sources, as data/raw/SHA256SUMS and sources.toml describe them."""
    sums = [line.split() for line in (ROOT / "data/raw/SHA256SUMS").read_text().splitlines()]
    return [describe(ROOT / "data/raw" / name, digest) for digest, name in sums]


def test_the_committed_descriptor_is_what_the_models_generate() -> None:
    committed = json.loads((CLEAN / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == datapackage(held=[(2020, "results"), (2021, "plan")], sources=committed_sources())


def test_the_descriptor_names_the_years_and_each_source_with_its_digest_and_origin() -> None:
    committed = json.loads((CLEAN / "datapackage.json").read_text(encoding="utf-8"))
    assert committed["title"] == "飯塚市自殺対策計画 進捗状況（令和2年度実績・令和3年度計画）"
    assert committed["description"].startswith(
        "Iizuka City's suicide-countermeasure plan: the FY2020 results and FY2021 plan tables, read by geometry"
    )
    assert committed["description"].endswith(
        "Read from a rebuild, not the publisher's own file: iizuka_suicide_plan_progress_fy2020_fy2021.pdf."
    )
    (source,) = committed["sources"]
    assert source["path"] == "iizuka_suicide_plan_progress_fy2020_fy2021.pdf" and len(source["sha256"]) == 64
    assert (source["publisher"], source["fiscal_years"], source["origin"]) == ("飯塚市", [2020, 2021], "rebuild")
    two = datapackage(held=[(2020, "results"), (2021, "plan"), (2021, "results"), (2022, "plan")])
    assert two["title"] == "飯塚市自殺対策計画 進捗状況（令和2年度実績・令和3年度計画・令和3年度実績・令和4年度計画）"
    assert "the FY2020 results, FY2021 plan, FY2021 results and FY2022 plan tables" in two["description"]
    assert "sources" not in datapackage()


# --- the data dictionary -----------------------------------------------------------------


class Units(Record):
    """Fields whose unit the dictionary reads from a declaration or a naming convention."""

    rate_pct: float = Field(title="率", description="Rate")
    people: int = Field(title="人数", description="People", json_schema_extra={"unit": "人"})
    declared_pct: float = Field(title="件数", description="Declared beats convention", json_schema_extra={"unit": "件"})
    odd: int = Field(title="奇", description="Not a text unit", json_schema_extra={"unit": 5})
    target_value: float = Field(title="目標", description="Target")
    target_unit: str = Field(title="単位", description="Unit")
    lonely_value: float = Field(title="値", description="A value without a unit column")
    value: float = Field(title="値", description="Named value itself")
    value_unit: str = Field(title="単位", description="A unit column for 'value_value', not 'value'")


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("rate_pct", "%"),
        ("people", "人"),
        ("declared_pct", "件"),
        ("odd", ""),
        ("target_value", "target_unit 列の単位"),
        ("target_unit", ""),
        ("lonely_value", ""),
        ("value", ""),
    ],
)
def test_a_columns_unit_is_declared_or_read_from_the_naming_conventions(name: str, unit: str) -> None:
    assert unit_of(name, set(Units.model_fields), Units) == unit


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("integer", "整数 (integer)"),
        ("number", "数値 (number)"),
        ("string", "文字列 (string)"),
        ("boolean", "真偽値 (boolean)"),
        ("date", "date (date)"),
    ],
)
def test_a_type_is_titled_in_japanese_with_its_frictionless_name(kind: str, title: str) -> None:
    assert Column("t", "c", "", kind, "", False, False, (), "").type_title == title


class Plain(Record):
    primary_key = ("n",)
    n: int = Field(title="番号", description="Number")
    level: Literal[1, 2] | None = Field(None)


def test_each_column_says_title_type_unit_required_key_and_values() -> None:
    assert columns({"plain": (Plain, "Plain rows")}) == [
        Column("plain", "n", "番号", "integer", "", True, True, (), "Number"),
        Column("plain", "level", "", "string", "", False, False, ("1", "2"), ""),
    ]


class Awkward(Record):
    primary_key = ("a",)
    a: int = Field(title="縦|棒", description="One | two\nlines", json_schema_extra={"unit": "人|回"})
    b: TableKind | None = Field(None, title="表", description="Which table")


def test_the_markdown_escapes_bars_and_line_breaks_and_bolds_key_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(schemas.models.RESOURCES, "awkward", (Awkward, "Awkward rows"))
    text = markdown()
    section = text[text.index("## awkward") :]
    assert section.splitlines()[:10] == [
        "## awkward",
        "",
        "Awkward rows. Files: `awkward.csv`, `awkward.parquet`.",
        "",
        "Key: a.",
        "",
        "| column | 見出し (title) | type | unit | required | meaning |",
        "|---|---|---|---|---|---|",
        "| **a** | 縦\\|棒 | 整数 (integer) | 人\\|回 | yes | One \\| two lines |",
        "| b | 表 | 文字列 (string) |  |  | Which table (one of: results, plan) |",
    ]


def test_without_sources_or_date_the_markdown_says_neither() -> None:
    text = markdown()
    assert "Read from:" not in text and "Dated" not in text
    assert text.startswith("# 飯塚市自殺対策計画 進捗状況 — data dictionary (列の説明)\n\nWritten by the pipeline")
    assert text.endswith("\n\nKey columns are in bold. A blank cell is a null (nothing printed, or only a dash).\n")


def test_the_committed_data_dictionary_is_what_the_models_generate() -> None:
    committed = (CLEAN / "README.md").read_text(encoding="utf-8")
    dated = re.search(r"^Build timestamp: (\S+), ", committed, re.M)
    assert dated is not None
    assert markdown(committed_sources(), dated[1]) == committed
