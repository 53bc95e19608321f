"""Schema records for tests, built from plausible defaults: a measure and a program of the
results table of FY2020, program №1 (r2-001), one department (人事課) on page 3 of report.pdf.
A test passes only the fields its case is about, so what it asserts on is in the test."""

from __future__ import annotations

from typing import Any

from extract.model import TableKind
from schemas import Measure, Program

MEASURE: dict[str, Any] = {
    "fiscal_year": 2020,
    "table": TableKind.RESULTS,
    "program_no": 1,
    "program_id": "r2-001",
    "program_name": "相談事業",
    "department_seq": 1,
    "department": "人事課",
    "indicator_count": 0,
    "source_file": "report.pdf",
    "source_page": 3,
}

PROGRAM: dict[str, Any] = {
    "fiscal_year": 2020,
    "table": TableKind.RESULTS,
    "program_no": 1,
    "program_id": "r2-001",
    "program_name": "相談事業",
    "description": "相談を受ける",
    "department_count": 1,
}


def measure_fields(**values: Any) -> dict[str, Any]:
    """A measure's fields, not yet validated (for tests of the validation itself)."""
    return MEASURE | values


def measure(**values: Any) -> Measure:
    return Measure(**(MEASURE | values))


def program(**values: Any) -> Program:
    return Program(**(PROGRAM | values))
