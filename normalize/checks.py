"""Data anomalies worth a human look. Flags only: the published values stay as reported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import PurePath

from extract.columns.headers import RESULTS_ONLY, extra_label
from extract.model import FIELDS, LabelMatch, PageReport, TableKind
from schemas import ExtraField, Measure, Program

from .text import solid
from .values import actual_over_target

# A reported achievement rate may differ from actual ÷ target by rounding; more than this
# many percentage points is worth a look.
ACHIEVEMENT_TOLERANCE_PT = 1.0
# The city reports a rate above 100% as 100% in many rows ("target met"): not an error.
CAPPED_PCT = 100.0

# How much an anomaly asks of the staff, most first: 要確認, a value that contradicts another
# or is missing (someone should check it against the report); 参考, the report's own habit or
# a value the check cannot judge (worth knowing, nothing to correct).
TO_CHECK = "要確認"
FOR_REFERENCE = "参考"
SEVERITIES = (TO_CHECK, FOR_REFERENCE)


@dataclass(frozen=True)
class Anomaly:
    """A flag on one table row (or one program), with the cells a reader should look at."""

    kind: str
    fiscal_year: int
    program_no: int
    department: str | None
    detail: str
    source_file: str | None = None
    source_page: int | None = None
    table: TableKind | None = None
    department_seq: int | None = None
    fields: tuple[str, ...] = ()  # extracted fields (target, actual …) that show the problem
    detail_ja: str = ""  # the detail in Japanese, for the city's staff (the workbook)

    @property
    def severity(self) -> str:
        """要確認 or 参考: by the kind, so that two anomalies of one kind never differ."""
        return severity_of(self.kind)


def severity_of(kind: str) -> str:
    """A kind's severity: 要確認 unless SEVERITY says 参考 (a check added later asks for a look)."""
    return SEVERITY.get(kind, TO_CHECK)


def by_severity(found: Sequence[Anomaly]) -> list[Anomaly]:
    """The anomalies, 要確認 before 参考, each kind in the order the checks run (CHECKS) and
    each kind's anomalies in the order their check gives (the gravest first)."""
    order = {kind: i for i, kind in enumerate(CHECKS)}
    return sorted(found, key=lambda a: (SEVERITIES.index(a.severity), order.get(a.kind, len(order))))


TABLE_JA = {TableKind.RESULTS: "実績", TableKind.PLAN: "計画"}


def q(text: str | None) -> str:
    """A value quoted for a report: real line breaks stay (the report shows them as ⏎)."""
    return "-" if text is None else f"「{text}」"


def flag(
    kind: str, m: Measure, detail: str, fields: tuple[str, ...], department: str | None = None, *, detail_ja: str
) -> Anomaly:
    return Anomaly(
        kind, m.fiscal_year, m.program_no, department or m.department, detail,
        m.source_file, m.source_page, m.table, m.department_seq, fields, detail_ja,
    )  # fmt: skip


def achievement_mismatches(measures: Sequence[Measure]) -> list[Anomaly]:
    """Reported rates that differ from actual ÷ target by more than the tolerance: a rate
    capped at 100% (``capped_rates``) apart, the gravest first.

    Gravest: a rate that says the target was met (100% or more) where actual ÷ target falls
    short of it, then by how many points the two differ (№16, 99 ÷ 120 reported as 100%,
    before №12, 2 ÷ 6 reported as 50%).
    """
    found = []
    for m in measures:
        reported = m.achievement_pct
        expected = actual_over_target(m.target_value, m.target_unit, m.actual_value, m.actual_unit)
        if expected is None or reported is None or _capped(expected, reported):
            continue
        if abs(expected - reported) > ACHIEVEMENT_TOLERANCE_PT:
            detail = f"actual {q(m.actual_text)} ÷ target {q(m.target_text)} = {expected:.1f}%, reported {reported:g}%"
            ja = f"実績値{q(m.actual_text)} ÷ 目標値{q(m.target_text)} = {expected:.1f}%、報告は{reported:g}%"
            met_falsely = reported >= CAPPED_PCT > expected
            if met_falsely:
                detail += " (reported as met; actual is under target)"
                ja += "（目標達成と報告されているが、実績値は目標値に届いていない）"
            fields = ("target", "actual", "achievement")
            flagged = flag("achievement ≠ actual ÷ target", m, detail, fields, detail_ja=ja)
            found.append((not met_falsely, -abs(expected - reported), flagged))
    return [a for *_, a in sorted(found, key=lambda f: f[:2])]


def _capped(expected: float, reported: float) -> bool:
    """The city's habit: a rate over 100% reported as 100%."""
    return reported == CAPPED_PCT and expected > CAPPED_PCT + ACHIEVEMENT_TOLERANCE_PT


def capped_rates(measures: Sequence[Measure]) -> list[Anomaly]:
    """Rates reported as 100% where actual ÷ target is above it: the city caps them (参考)."""
    out = []
    for m in measures:
        reported = m.achievement_pct
        expected = actual_over_target(m.target_value, m.target_unit, m.actual_value, m.actual_unit)
        if expected is not None and reported is not None and _capped(expected, reported):
            detail = f"actual {q(m.actual_text)} ÷ target {q(m.target_text)} = {expected:.1f}%, reported {reported:g}%"
            ja = f"実績値{q(m.actual_text)} ÷ 目標値{q(m.target_text)} = {expected:.1f}%、報告は上限の{reported:g}%"
            out.append(flag("achievement capped at 100%", m, detail, ("target", "actual", "achievement"), detail_ja=ja))
    return out


def actual_without_target(measures: Sequence[Measure]) -> list[Anomaly]:
    """An actual figure where the row prints no target at all."""
    return [
        _no_target_figure(m, "actual value but no target")
        for m in measures
        if m.actual_value is not None and m.target_value is None and not m.target_text
    ]


def target_not_a_figure(measures: Sequence[Measure]) -> list[Anomaly]:
    """An actual figure where the target is printed as words (「前年度からの増加または現状維持」):
    a target all the same, only no rate can be computed from it."""
    return [
        _no_target_figure(
            m,
            "target is text, not a figure",
            " (no figure to compute a rate from)",
            "（数値でないため達成度を計算できない）",
        )  # fmt: skip
        for m in measures
        if m.actual_value is not None and m.target_value is None and m.target_text
    ]


def _no_target_figure(m: Measure, kind: str, why: str = "", why_ja: str = "") -> Anomaly:
    """A row with an actual figure and none to compare it with: both cells quoted."""
    detail = f"actual {q(m.actual_text)}, target {q(m.target_text)}{why}"
    ja = f"実績値{q(m.actual_text)}、目標値{q(m.target_text)}{why_ja}"
    return flag(kind, m, detail, ("target", "actual"), detail_ja=ja)


def rare_departments(measures: Sequence[Measure]) -> list[Anomaly]:
    """Department names seen once in the whole run: often a typo of a common one."""
    names = Counter(name for m in measures for name in m.department.split("、") if name)
    return [
        flag(
            "department name occurs once",
            m,
            f"{q(name)} appears in no other row",
            ("department",),
            name,
            detail_ja=f"{q(name)}は他のどの行にも出てこない",
        )  # fmt: skip
        for m in measures
        for name in m.department.split("、")
        if name and names[name] == 1
    ]


def unmatched_programs(measures: Sequence[Measure]) -> list[Anomaly]:
    """Plans for year Y+1 with no results row for year Y, and the reverse: within one report,
    by program_id (the same as by № there), so that what holds across reports holds here."""
    results = {(m.fiscal_year, m.program_id): m for m in measures if m.table is TableKind.RESULTS}
    plans = {(m.fiscal_year, m.program_id): m for m in measures if m.table is TableKind.PLAN}
    result_years = {y for y, _ in results}
    plan_years = {y for y, _ in plans}
    out = []
    for (year, pid), m in sorted(plans.items()):
        if year - 1 in result_years and (year - 1, pid) not in results:
            out.append(
                replace(
                    flag(
                        "plan without results",
                        m,
                        f"FY{year} plan has no FY{year - 1} results row",
                        ("no",),
                        detail_ja=f"{year}年度の計画に{year - 1}年度の実績の行がない",
                    ),  # fmt: skip
                    department=None,
                )
            )
    for (year, pid), m in sorted(results.items()):
        if year + 1 in plan_years and (year + 1, pid) not in plans:
            out.append(
                replace(
                    flag(
                        "results without plan",
                        m,
                        f"FY{year} results have no FY{year + 1} plan row",
                        ("no",),
                        detail_ja=f"{year}年度の実績に{year + 1}年度の計画の行がない",
                    ),  # fmt: skip
                    department=None,
                )
            )
    return out


def anomalies(measures: Sequence[Measure]) -> list[Anomaly]:
    return (
        achievement_mismatches(measures)
        + capped_rates(measures)
        + actual_without_target(measures)
        + target_not_a_figure(measures)
        + rare_departments(measures)
        + unmatched_programs(measures)
    )


def program_text_mismatches(programs: Sequence[Program]) -> list[Anomaly]:
    """A program whose name or description reads differently in two of its printings.

    Each table of a report prints them, and consecutive reports print the overlapping year
    twice (as plan, then as results). The printings of one report are made to agree where
    only their line breaks differ (``records.agreed_texts``), so what is left differs in
    words: kept as printed, flagged. A program is compared with itself by program_id, not by
    №: a program whose № moved in the next report is still the same program.
    """
    by_id: dict[str, list[Program]] = {}
    for p in programs:
        by_id.setdefault(p.program_id, []).append(p)
    out = []
    for printings in by_id.values():
        # In the order printed: a report's results (year Y) then its plan (Y+1), then the next
        # report's: each year is compared with the printing before it, the shared year too.
        printings.sort(key=lambda p: (p.fiscal_year - (p.table is TableKind.PLAN), p.table is TableKind.PLAN))
        for a, b in pairwise(printings):
            moved = f" (№{a.program_no} → №{b.program_no})" if a.program_no != b.program_no else ""
            for name, x, y in (
                ("program name", a.program_name, b.program_name),
                ("description", a.description, b.description),
            ):
                if solid(x or "") != solid(y or ""):
                    detail = (
                        f"{a.program_id}{moved}: FY{a.fiscal_year} {a.table.value}: {q(x)}; "
                        f"FY{b.fiscal_year} {b.table.value}: {q(y)}"
                    )
                    ja = (
                        f"{a.program_id}{moved}: {a.fiscal_year}年度{TABLE_JA[a.table]}: {q(x)}; "
                        f"{b.fiscal_year}年度{TABLE_JA[b.table]}: {q(y)}"
                    )
                    kind = f"{name} differs between the tables"
                    out.append(Anomaly(kind, a.fiscal_year, a.program_no, None, detail, detail_ja=ja))
    out.sort(key=lambda a: (a.kind, a.fiscal_year, a.program_no))
    return out


@dataclass(frozen=True)
class TableColumns:
    """How one table's columns were read: what the quality report says of them."""

    source_file: str
    table: TableKind
    fiscal_year: int
    labels: tuple[LabelMatch, ...]  # each column as read on the table's first header page
    extra_values: dict[str, int]  # label of a column the schema has no field for → values kept
    missing: tuple[str, ...]  # fields the table has no column for: null in every row


def table_columns(reports: Sequence[PageReport], extras: Sequence[ExtraField]) -> list[TableColumns]:
    """Per table, its columns: the fields read, the columns kept as extra fields, and the
    fields with no column at all (never filled from another column)."""
    first: dict[tuple[str, TableKind, int], PageReport] = {}
    for p in reports:
        if p.header_found and p.table is not None and p.fiscal_year is not None:
            first.setdefault((p.source_file, p.table, p.fiscal_year), p)
    kept = Counter((e.source_file, e.table, e.fiscal_year, e.label) for e in extras)
    out = []
    for (file, kind, year), p in first.items():
        present = {m.field for m in p.header_labels if m.field}
        expected = [f for f in FIELDS if kind is TableKind.RESULTS or f not in RESULTS_ONLY]
        # A table without a 内容 column prints the description under the name (split from it).
        missing = tuple(f for f in expected if f not in present and not (f == "description" and "name" in present))
        name = PurePath(file).name
        labels: list[str] = []
        for i, m in enumerate(p.header_labels):
            if m.field is None:
                labels.append(extra_label(m.label, i, labels))
        extra = {label: kept[(name, kind, year, label)] for label in labels}
        out.append(TableColumns(file, kind, year, p.header_labels, extra, missing))
    return out


# Every check, by the kind its anomalies carry, with its name in Japanese (the workbook's
# anomaly sheet, for the city's staff), in the order the checks run. quality.md counts each,
# zeros included, so that a reader sees which checks ran and passed.
CHECKS: dict[str, str] = {
    "achievement ≠ actual ÷ target": "達成度が実績値÷目標値と合わない",
    "achievement capped at 100%": "達成度を100%で頭打ちにしている（実績値÷目標値は100%超）",
    "actual value but no target": "実績値があるのに目標値がない",
    "target is text, not a figure": "目標値が数値でない（達成度を計算できない）",
    "department name occurs once": "一度しか出てこない担当課名（誤字の可能性）",
    "plan without results": "前年度の実績がない計画",
    "results without plan": "翌年度の計画がない実績",
    "program name differs between the tables": "実施内容が表によって異なる",
    "description differs between the tables": "内容が表によって異なる",
    "value corrected by hand": "人の手で訂正した値",
}
# Each kind's severity (``Anomaly.severity``): the city's own habits and what a check cannot
# judge are 参考; everything else asks for a look at the report.
SEVERITY: dict[str, str] = {kind: TO_CHECK for kind in CHECKS} | {
    "achievement capped at 100%": FOR_REFERENCE,
    "target is text, not a figure": FOR_REFERENCE,
    "value corrected by hand": FOR_REFERENCE,  # a record of what a person did, already reviewed
}
