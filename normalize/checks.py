"""Data anomalies worth a human look. Flags only: the published values stay as reported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# A reported achievement rate may differ from actual ÷ target by rounding; more than this
# many percentage points is worth a look.
ACHIEVEMENT_TOLERANCE_PT = 1.0


@dataclass(frozen=True)
class Anomaly:
    kind: str
    fiscal_year: int
    program_no: int
    department: str | None
    detail: str
    source_file: str | None = None
    source_page: int | None = None


def _percent(value: float | None, unit: str | None) -> float | None:
    if value is None:
        return None
    return value * 100 if unit == "ratio" else value


def achievement_mismatches(measures: Sequence[dict[str, Any]]) -> list[Anomaly]:
    out = []
    for m in measures:
        t, a, reported = m.get("target_value"), m.get("actual_value"), m.get("achievement_pct")
        if t in (None, 0) or a is None or reported is None:
            continue
        tu, au = m.get("target_unit"), m.get("actual_unit")
        if tu in ("%", "ratio") and au in ("%", "ratio"):
            expected = _percent(a, au) / _percent(t, tu) * 100  # type: ignore[operator]
        elif tu == au or tu is None or au is None:
            expected = a / t * 100
        else:
            continue
        if abs(expected - reported) > ACHIEVEMENT_TOLERANCE_PT:
            out.append(
                Anomaly(
                    "achievement ≠ actual ÷ target", m["fiscal_year"], m["program_no"], m.get("department"),
                    f"actual {m.get('actual_text')!r} ÷ target {m.get('target_text')!r} = {expected:.1f}%, "
                    f"reported {reported:g}%",
                    m.get("source_file"), m.get("source_page"),
                )
            )
    return out


def actual_without_target(measures: Sequence[dict[str, Any]]) -> list[Anomaly]:
    return [
        Anomaly(
            "actual value but no target", m["fiscal_year"], m["program_no"], m.get("department"),
            f"actual {m.get('actual_text')!r}, target {m.get('target_text')!r}",
            m.get("source_file"), m.get("source_page"),
        )
        for m in measures
        if m.get("actual_value") is not None and m.get("target_value") is None
    ]


def rare_departments(measures: Sequence[dict[str, Any]]) -> list[Anomaly]:
    """Department names seen once in the whole run: often a typo of a common one."""
    names = Counter(
        name for m in measures for name in (m.get("department") or "").split("、") if name
    )
    return [
        Anomaly(
            "department name occurs once", m["fiscal_year"], m["program_no"], name,
            f"{name!r} appears in no other row", m.get("source_file"), m.get("source_page"),
        )
        for m in measures
        for name in (m.get("department") or "").split("、")
        if name and names[name] == 1
    ]


def unmatched_programs(measures: Sequence[dict[str, Any]]) -> list[Anomaly]:
    """Plans for year Y+1 with no results row for year Y, and the reverse."""
    results = {(m["fiscal_year"], m["program_no"]) for m in measures if m["table"] == "results"}
    plans = {(m["fiscal_year"], m["program_no"]) for m in measures if m["table"] == "plan"}
    result_years = {y for y, _ in results}
    plan_years = {y for y, _ in plans}
    out = []
    for year, no in sorted(plans):
        if year - 1 in result_years and (year - 1, no) not in results:
            out.append(Anomaly("plan without results", year, no, None, f"FY{year} plan has no FY{year - 1} results row"))
    for year, no in sorted(results):
        if year + 1 in plan_years and (year + 1, no) not in plans:
            out.append(Anomaly("results without plan", year, no, None, f"FY{year} results have no FY{year + 1} plan row"))
    return out


def anomalies(measures: Sequence[dict[str, Any]]) -> list[Anomaly]:
    return (
        achievement_mismatches(measures)
        + actual_without_target(measures)
        + rare_departments(measures)
        + unmatched_programs(measures)
    )
