"""Pure: a person's corrections of values the reader got wrong (``corrections.toml``), and
where each one lands.

A correction names one field of one printed row: the file (its name and SHA-256), the fiscal
year, the table, the № and the department as read (none for a program-level field, printed
once per program), the field by its published name, ``was`` (the text the reader gives now,
exactly) and ``value`` (the text to publish), with ``why``. It replaces the text the reader
gives *before* anything is parsed from it, so a corrected ``actual_text`` gets its value,
unit, qualifier and note from the same parser, and everything computed downstream (indicators,
progress, the checks) sees the corrected text.

Never stale, never silent: a ``was`` that is not what the reader gives now, a row or field
that is not there, or two corrections of one field stop the run in one line naming the
correction. ``parse_corrections`` reads the file; ``row_fixes`` and ``program_fixes`` place the
corrections on the rows (given each row's published text, from ``records``), checking each ``was``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from extract.errors import PipelineError
from extract.model import ExtractedRow, TableKind
from schemas import AppliedCorrection, Measure, Program, make

from .checks import Anomaly, q
from .text import normalize_text

# The fields a correction may name, by their published names → the extracted field read for it.
ROW_FIELDS = {
    "department": "department", "plan": "plan", "indicator": "indicator", "target_text": "target",
    "status": "status", "evaluation": "evaluation", "actual_text": "actual", "achievement_text": "achievement",
}  # fmt: skip
PROGRAM_FIELDS = {"program_name": "name", "description": "description"}
# Published in the results table only (the plan table has no such column).
RESULTS_ONLY = frozenset({"status", "evaluation", "actual_text", "achievement_text"})
# Computed from a *_text field: correcting the text corrects them (never one of them alone).
COMPUTED = re.compile(r"^(target|actual|achievement)_(value|unit|qualifier|note|pct)$")
KEYS = ("file", "sha256", "fiscal_year", "table", "program_no", "department", "field", "was", "value", "why")
REQUIRED = frozenset(KEYS) - {"department"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")

RowKey = tuple[str, int, TableKind, int]  # file name, fiscal year, table, №: one printed program
Fixes = dict[tuple[RowKey, int], dict[str, str | None]]  # (program, department_seq 0 = the program) → field → text


@dataclass(frozen=True)
class Correction:
    """One entry of the corrections file (``entry``: its 1-based place there, to name it)."""

    source: str  # the corrections file, as the build found it
    entry: int
    file: str
    sha256: str
    fiscal_year: int
    table: TableKind
    program_no: int
    department: str | None  # as the reader gives it; None for a program-level field
    field: str  # the published name
    was: str | None  # None: the reader gives no value (an empty cell, or only a dash)
    value: str | None  # None: publish no value
    why: str

    @property
    def program(self) -> RowKey:
        return (self.file, self.fiscal_year, self.table, self.program_no)

    @property
    def target(self) -> tuple[RowKey, str | None, str]:
        return (self.program, self.department, self.field)

    def name(self) -> str:
        """How an error line names it (after the corrections file): the entry, and the field it corrects."""
        dept = f" {self.department}" if self.department else ""
        row = f"FY{self.fiscal_year} {self.table.value} №{self.program_no}{dept}"
        return f"correction {self.entry} ({self.file} {row} {self.field})"


def refused(source: str, why: str) -> PipelineError:
    """One line naming the corrections file first (``PipelineError``'s file), then the entry."""
    return PipelineError(why, file=source)


def shown(text: str | None) -> str:
    return "nothing" if text is None else repr(text)


def _text(value: str) -> str | None:
    """``was`` and ``value`` as the dataset holds text: an empty string or a lone dash is null."""
    from .values import is_null_text

    return None if is_null_text(value) else value


def parse_corrections(text: str, source: str) -> tuple[Correction, ...]:
    """The corrections file: one ``[[correction]]`` table per correction::

        [[correction]]
        file = "report.pdf"
        sha256 = "…"              # the file's SHA-256, as sha256sum prints it
        fiscal_year = 2020
        table = "results"         # or "plan"
        program_no = 12
        department = "健幸保健課"  # as read; leave out for program_name or description
        field = "actual_text"
        was = "15人"               # what the reader gives now ("" for nothing)
        value = "16人"             # what to publish ("" for nothing)
        why = "the city's errata of 2021-06-01"

    Anything else is refused in one line naming the file, the entry and why.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise refused(source, f"not a TOML file ({e})") from None
    if set(data) - {"correction"}:
        other = sorted(set(data) - {"correction"})[0]
        raise refused(source, f"{other}: unknown key; each correction is a [[correction]] table")
    entries = data.get("correction", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise refused(source, "correction: expected [[correction]] tables")
    out = tuple(_entry(source, i, body) for i, body in enumerate(entries, start=1))
    seen: dict[tuple[RowKey, str | None, str], Correction] = {}
    for c in out:
        if (first := seen.setdefault(c.target, c)) is not c:
            raise refused(c.source, f"{c.name()}: corrects the same field as correction {first.entry}; keep one")
    return out


def _entry(source: str, entry: int, body: dict[str, Any]) -> Correction:
    where = f"correction {entry}"
    if unknown := sorted(set(body) - set(KEYS)):
        raise refused(source, f"{where}: {unknown[0]}: unknown key (expected {', '.join(KEYS)})")
    if missing := [k for k in KEYS if k in REQUIRED and k not in body]:
        raise refused(source, f"{where}: {missing[0]} is missing")
    for key in ("file", "sha256", "table", "field", "was", "value", "why", "department"):
        if key in body and not isinstance(body[key], str):
            raise refused(source, f"{where}: {key} = {body[key]!r}: expected text in quotes")
    for key in ("fiscal_year", "program_no"):
        if not isinstance(body[key], int) or isinstance(body[key], bool):
            raise refused(source, f"{where}: {key} = {body[key]!r}: expected a whole number")
    file, field, why = body["file"], body["field"], body["why"].strip()
    if not file or PurePath(file).name != file:
        raise refused(source, f"{where}: file = {file!r}: expected the PDF's file name, with no folder")
    if not SHA256.match(body["sha256"]):
        raise refused(source, f"{where}: sha256 = {body['sha256']!r}: expected 64 lower-case hex digits (sha256sum)")
    if not 1989 <= body["fiscal_year"] <= 2100:
        raise refused(source, f"{where}: fiscal_year = {body['fiscal_year']}: expected a year such as 2020")
    if body["program_no"] < 1:
        raise refused(source, f"{where}: program_no = {body['program_no']}: expected a № of 1 or more")
    if body["table"] not in {t.value for t in TableKind}:
        raise refused(
            source, f"{where}: table = {body['table']!r}: expected one of {', '.join(t.value for t in TableKind)}"
        )
    if not why or "\n" in why:
        raise refused(source, f"{where}: why: expected one line saying why the value is corrected")
    _check_field(source, where, field, body)
    value = body["value"]
    if (normal := "\n".join(normalize_text(line) for line in value.split("\n"))) != value:
        raise refused(source, f"{where}: value {value!r} is not as the dataset writes text; write {normal!r}")
    return Correction(
        source, entry, file, body["sha256"], body["fiscal_year"], TableKind(body["table"]), body["program_no"],
        body.get("department") or None, field, _text(body["was"]), _text(value), why,
    )  # fmt: skip


def _check_field(source: str, where: str, field: str, body: dict[str, Any]) -> None:
    if COMPUTED.match(field):
        stem = field.split("_")[0]
        raise refused(source, f"{where}: field = {field!r} is computed from {stem}_text; correct {stem}_text")
    if field not in ROW_FIELDS and field not in PROGRAM_FIELDS:
        names = ", ".join([*ROW_FIELDS, *PROGRAM_FIELDS])
        raise refused(source, f"{where}: field = {field!r}: no such field (one of {names})")
    if field in ROW_FIELDS and not body.get("department"):
        raise refused(source, f"{where}: department is missing ({field} is one department row's)")
    if field in PROGRAM_FIELDS and body.get("department"):
        raise refused(source, f"{where}: department: {field} is the program's, printed once; leave department out")
    if field in RESULTS_ONLY and body["table"] == TableKind.PLAN.value:
        raise refused(source, f"{where}: field = {field!r}: the plan table has no such field")


@dataclass(frozen=True)
class Corrections:
    """The corrections of a build: those of its files (``entries``), and those naming a file
    beside the PDFs that this build does not read (``skipped``, named in quality.md)."""

    source: str | None = None  # the corrections file; None: there is none
    entries: tuple[Correction, ...] = ()
    skipped: tuple[Correction, ...] = ()


Reader = Callable[[ExtractedRow, str], str | None]  # a row's published text of an extracted field


def row_fixes(corrections: Sequence[Correction], rows: Sequence[ExtractedRow], read: Reader) -> Fixes:
    """The row-level corrections placed on their rows (by department as read), each ``was``
    checked against what ``read`` gives now; a correction that finds no row or no column stops
    the run, naming it."""
    by_program: dict[RowKey, list[ExtractedRow]] = {}
    for r in rows:
        by_program.setdefault(row_key(r), []).append(r)
    out: Fixes = {}
    for c in corrections:
        if c.field not in ROW_FIELDS:
            continue
        program = by_program.get(c.program)
        if not program:
            raise no_such_program(c)
        read_departments = [read(r, "department") for r in program]
        matching = [r for r, d in zip(program, read_departments, strict=True) if d == c.department]
        if len(matching) != 1:
            named = "、".join(d or "(none)" for d in read_departments)
            why = "no" if not matching else "more than one"
            raise refused(
                c.source, f"{c.name()}: №{c.program_no} has {why} row of department {c.department!r} (it has {named})"
            )
        row = matching[0]
        name = ROW_FIELDS[c.field]
        if name not in row.fields:
            raise refused(c.source, f"{c.name()}: the table has no column for {c.field}")
        check_was(c, read(row, name))
        out.setdefault((c.program, row.department_seq), {})[name] = c.value
    return out


def program_fixes(corrections: Sequence[Correction], texts: Mapping[RowKey, Mapping[str, str | None]]) -> Fixes:
    """The program-level corrections (name, description) on the program's texts as published."""
    out: Fixes = {}
    for c in corrections:
        if c.field not in PROGRAM_FIELDS:
            continue
        if c.program not in texts:
            raise no_such_program(c)
        name = PROGRAM_FIELDS[c.field]
        check_was(c, texts[c.program].get(name))
        out.setdefault((c.program, 0), {})[name] = c.value
    return out


def no_such_program(c: Correction) -> PipelineError:
    return refused(
        c.source, f"{c.name()}: there is no №{c.program_no} in {c.file}'s FY{c.fiscal_year} {c.table.value} table"
    )


def check_was(c: Correction, now: str | None) -> None:
    if now != c.was:
        raise refused(
            c.source,
            f"{c.name()}: stale: was = {shown(c.was)}, but the reader now gives {shown(now)}; "
            "check the value and update or remove the correction",
        )


def row_key(row: ExtractedRow) -> RowKey:
    return (PurePath(row.source_file).name, row.fiscal_year, row.table, row.program_no)


def corrections_table(
    corrections: Sequence[Correction], measures: Sequence[Measure], programs: Sequence[Program]
) -> list[AppliedCorrection]:
    """One record per correction applied, placed on the published row it changed: a row-level
    one by its department as published (its own ``value`` for a corrected department, or what
    a correction of the department made of the name it gives)."""
    renamed = {(c.program, c.was): c.value for c in corrections if c.field == "department"}  # was, value: not null
    rows: dict[tuple[str, int, TableKind, int, str | None], Measure] = {
        (m.source_file, m.fiscal_year, m.table, m.program_no, m.department): m for m in measures
    }
    ids = {(p.fiscal_year, p.table, p.program_no): p.program_id for p in programs}
    out = []
    for c in sorted(corrections, key=lambda c: (c.fiscal_year, c.table.value, c.program_no, c.entry)):
        seq, department = 0, None
        if c.field in ROW_FIELDS:
            published = c.value if c.field == "department" else renamed.get((c.program, c.department), c.department)
            m = rows[(c.file, c.fiscal_year, c.table, c.program_no, published)]
            seq, department = m.department_seq, c.department
        out.append(
            make(
                AppliedCorrection,
                fiscal_year=c.fiscal_year, table=c.table, program_no=c.program_no,
                program_id=ids[(c.fiscal_year, c.table, c.program_no)], department_seq=seq, department=department,
                field=c.field, was=c.was, value=c.value, why=c.why, source_file=c.file, source_sha256=c.sha256,
            )
        )  # fmt: skip
    return sorted(out, key=lambda r: (r.fiscal_year, r.table.value, r.program_no, r.department_seq, r.field))


CORRECTED = "value corrected by hand"


def corrected_anomalies(applied: Sequence[AppliedCorrection], measures: Sequence[Measure]) -> list[Anomaly]:
    """Each correction applied as a flag on its row, so that the anomalies (quality.md, with a
    picture of the printed row and the corrected cell outlined, and the workbook's sheet) show
    where a person changed what the reader gave, beside what the reader may have got wrong."""
    pages: dict[tuple[int, TableKind, int, int], Measure] = {}
    for m in measures:
        pages[(m.fiscal_year, m.table, m.program_no, m.department_seq)] = m
        pages.setdefault((m.fiscal_year, m.table, m.program_no, 0), m)
    out = []
    for c in applied:
        m = pages[(c.fiscal_year, c.table, c.program_no, c.department_seq)]
        row = c.department_seq > 0
        out.append(
            Anomaly(
                CORRECTED, c.fiscal_year, c.program_no, m.department if row else None,
                f"{c.field}: {q(c.was)} → {q(c.value)} ({c.why})", c.source_file, m.source_page, c.table,
                c.department_seq if row else None, (ROW_FIELDS[c.field],) if row else (),
                f"{c.field}を{q(c.was)}から{q(c.value)}に訂正（{c.why}）",
            )
        )  # fmt: skip
    return out
