"""The data dictionary is generated from the models: every column of every table, and a table
added to schemas/models.py later appears without anyone writing it down."""

from __future__ import annotations

import pytest
from pydantic import Field

import schemas.models
from schemas import RESOURCES, Record
from schemas.dictionary import columns, markdown
from schemas.provenance import Source, SourceEntry


def test_every_column_of_every_table_is_described_once() -> None:
    described = [(c.table, c.name) for c in columns()]
    expected = [(table, name) for table, (model, _) in RESOURCES.items() for name in model.model_fields]
    assert described == expected
    assert all(c.title and c.description and c.type for c in columns())


def test_units_follow_the_models_conventions() -> None:
    by_name = {(c.table, c.name): c for c in columns()}
    assert by_name[("measures", "achievement_pct")].unit == "%"
    assert by_name[("measures", "target_value")].unit == "target_unit 列の単位"
    assert by_name[("measures", "program_no")].unit == ""
    assert by_name[("measures", "fiscal_year")].key and not by_name[("measures", "plan")].key
    assert by_name[("measures", "table")].values == ("results", "plan")


def test_a_table_added_later_appears_by_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    class Progress(Record):
        primary_key = ("fiscal_year", "item")
        fiscal_year: int = Field(ge=1989, title="年度", description="Fiscal year")
        item: str = Field(title="項目", description="What is counted")
        people: int | None = Field(None, title="人数", description="People reached", json_schema_extra={"unit": "人"})

    monkeypatch.setitem(schemas.models.RESOURCES, "progress", (Progress, "One row per item and year"))
    added = [c for c in columns() if c.table == "progress"]
    assert [(c.name, c.title, c.unit) for c in added] == [
        ("fiscal_year", "年度", ""),
        ("item", "項目", ""),
        ("people", "人数", "人"),
    ]
    text = markdown()
    assert "## progress" in text and "| people | 人数 | 整数 (integer) | 人 |" in text


def test_the_markdown_names_the_sources() -> None:
    entry = SourceEntry("a.pdf", "cd" * 32, "飯塚市", "進捗状況", (2020, 2021), "original")
    text = markdown([Source("report.pdf", "ab" * 32), Source("a.pdf", "cd" * 32, entry)], "2026-11-28T18:25:57+00:00")
    assert "- `report.pdf` (SHA-256 `" + "ab" * 32 + "`): undescribed (no entry in sources.toml)" in text
    described = "`): 飯塚市, 「進捗状況」, FY2020, FY2021; publication date not known; the publisher's original file"
    assert "- `a.pdf` (SHA-256 `" + "cd" * 32 + described in text
    assert "a rebuild, not" not in text
    assert "Build timestamp: 2026-11-28T18:25:57+00:00, the newest date the source PDFs record" in text
