"""Pure: the planned target beside the actual, per program, department and fiscal year.

A year's plan table (in one report) and its results table (in the next) are paired by
``program_id`` (``normalize.linking``), and within a program department by department: by
name first, then by what remains (``linking.pair_departments``), so a renamed department
keeps its row. A year only one report covers gives rows with one side only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

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
        planned_department=p.department if p else None,
        program_name=either.program_name,
        planned_program_no=p.program_no if p else None,
        program_no=r.program_no if r else None,
        planned_target_text=p.target_text if p else None,
        planned_target_value=p.target_value if p else None,
        planned_target_unit=p.target_unit if p else None,
        target_text=r.target_text if r else None,
        target_value=r.target_value if r else None,
        target_unit=r.target_unit if r else None,
        actual_text=r.actual_text if r else None,
        actual_value=r.actual_value if r else None,
        actual_unit=r.actual_unit if r else None,
        achievement_text=r.achievement_text if r else None,
        achievement_pct=r.achievement_pct if r else None,
        achievement_recomputed_pct=None if recomputed is None else round(recomputed, 1),
        plan_source_file=p.source_file if p else None,
        plan_source_page=p.source_page if p else None,
        results_source_file=r.source_file if r else None,
        results_source_page=r.source_page if r else None,
    )
