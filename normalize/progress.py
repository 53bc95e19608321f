"""Pure: the planned target beside the actual, per program, department and fiscal year.

A year's plan table (in one report) and its results table (in the next) are paired by
``program_id`` (``normalize.linking``), and within a program department by department: by
name first, then by what remains (``linking.pair_departments``), so a renamed department
keeps its row. A year only one report covers gives rows with one side only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from extract.model import TableKind
from schemas import Measure, Progress, make

from .linking import pair_departments
from .values import actual_over_target


def progress(measures: Sequence[Measure]) -> list[Progress]:
    sides: dict[tuple[int, str], dict[TableKind, list[Measure]]] = defaultdict(lambda: defaultdict(list))
    for m in measures:
        sides[(m.fiscal_year, m.program_id)][m.table].append(m)
    out = []
    for (year, pid), by_table in sorted(sides.items()):
        plan = sorted(by_table[TableKind.PLAN], key=lambda m: m.department_seq)
        results = sorted(by_table[TableKind.RESULTS], key=lambda m: m.department_seq)
        pairs = pair_departments([m.department for m in plan], [m.department for m in results])
        for seq, (i, j) in enumerate(pairs, start=1):
            out.append(row(pid, year, seq, plan[i] if i is not None else None, results[j] if j is not None else None))
    return out


# Progress column → the field of the plan's measure, and of the results' measure, it is read from.
PLAN_SIDE = {
    "planned_department": "department",
    "planned_program_no": "program_no",
    "planned_target_text": "target_text",
    "planned_target_value": "target_value",
    "planned_target_unit": "target_unit",
    "planned_target_pct": "target_pct",
    "plan_source_file": "source_file",
    "plan_source_page": "source_page",
}
RESULTS_SIDE = {
    name: name
    for name in (
        "program_no", "target_text", "target_value", "target_unit", "target_pct", "actual_text", "actual_value",
        "actual_unit", "actual_pct", "achievement_text", "achievement_pct",
    )
} | {"results_source_file": "source_file", "results_source_page": "source_page"}  # fmt: skip


def side(m: Measure | None, columns: dict[str, str]) -> dict[str, Any]:
    """One side's columns: the measure's values, or null where the year has no such side."""
    return {column: getattr(m, name) if m else None for column, name in columns.items()}


def row(pid: str, year: int, seq: int, p: Measure | None, r: Measure | None) -> Progress:
    either = r or p
    assert either is not None  # a pair has at least one side
    recomputed = actual_over_target(r.target_value, r.target_unit, r.actual_value, r.actual_unit) if r else None
    return make(
        Progress,
        program_id=pid,
        fiscal_year=year,
        department_seq=seq,
        department=either.department,
        program_name=either.program_name,
        achievement_recomputed_pct=None if recomputed is None else round(recomputed, 1),
        **side(p, PLAN_SIDE),
        **side(r, RESULTS_SIDE),
    )
