"""Extracted rows → the published records, built through their pydantic models.

Pure: rows in, records out; a value a model refuses stops the run naming where it was printed.
The only geometry used is each line's right end, to tell soft wraps
from real breaks (``text.clean_cell``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from extract.columns.profiles import DEPARTMENT_END
from extract.model import Cell, ExtractedRow, TableKind
from schemas import ExtraField, Indicator, Measure, Program, make

from .corrections import Correction, program_fixes, row_fixes, row_key
from .indicators import pair_items
from .linking import Linkage, Overrides, Printing, PrintingKey, link_reports
from .text import agree, clean_cell, line_ends, normalize_text, word_splitter
from .values import Quantity, is_null_text, mark_ratios, parse_quantity

# Columns of figures: there a figure with its unit ends an item (see normalize.text).
FIGURE_FIELDS = frozenset({"indicator", "target", "actual", "achievement"})
EdgeKey = tuple[str, str, int, str]  # source file, table, fiscal year, field
# A department name ends with one of these; a line that does not is wrapped, not a new name.


def edge_key(row: ExtractedRow, name: str) -> EdgeKey:
    return (row.source_file, row.table.value, row.fiscal_year, name)


# Extra columns' edges are keyed by their label behind this prefix: a label may read like a field.
EXTRA = "extra:"


def fields_of(row: ExtractedRow) -> Iterable[tuple[str, Cell]]:
    return row.fields.items()


def extras_of(row: ExtractedRow) -> Iterable[tuple[str, Cell]]:
    """A row's extra columns, named apart from the fields (a label may read like a field)."""
    return ((EXTRA + label, cell) for label, cell in row.extras.items())


def text_edges(
    rows: Iterable[ExtractedRow], cells: Callable[[ExtractedRow], Iterable[tuple[str, Cell]]] = fields_of
) -> dict[EdgeKey, float]:
    """How far right text reaches in each column of each table: the soft-wrap yardstick.

    Measured over the whole table, not page by page: a page whose lines all stop short would
    otherwise make every line look as if it reached the edge. Columns keep their width
    across a table's pages (the continuation pages are matched on it). ``cells``: which of a
    row's cells to measure (its fields, or its extra columns).
    """
    edges: dict[EdgeKey, float] = defaultdict(float)
    for row in rows:
        for name, cell in cells(row):
            for line in cell.lines:
                if line.x1 is not None:
                    key = edge_key(row, name)
                    edges[key] = max(edges[key], line.x1)
    return edges


def cell_string(row: ExtractedRow, name: str, edges: dict[EdgeKey, float]) -> str | None:
    return clean_text(row.fields.get(name), edges.get(edge_key(row, name)), figures=name in FIGURE_FIELDS)


def clean_text(cell: Cell | None, edge: float | None, figures: bool) -> str | None:
    """A cell's text, soft wraps joined against the column's text edge; None for no value."""
    if cell is None or not cell.lines:
        return None
    text = clean_cell(cell.lines, edge or cell.bbox[2], figures=figures, words=None if figures else word_splitter())
    return None if is_null_text(text) else text  # a dash alone means "no value", in every column


def departments(cell: Cell | None) -> str | None:
    """Several departments in one cell, one per line, joined by 、 (wrapped names rejoined)."""
    if cell is None:
        return None
    names: list[str] = []
    part = ""
    for line in cell.lines:
        part += normalize_text(line.text)
        if DEPARTMENT_END.search(part):
            names.append(part)
            part = ""
    if part:
        names.append(part)
    return "、".join(n for n in names if n) or None


def achievement_percent(q: Quantity) -> float | None:
    """The column is 達成度（％）: a bare number is a percentage, a bare decimal ≤ 1 a ratio."""
    if q.value is None or q.unit not in (None, "%", "ratio"):
        return None
    if q.unit is None:
        ratio = q.value <= 1 and q.text is not None and "." in q.text
        return replace(q, unit="ratio").as_percent() if ratio else q.value
    return q.as_percent()


def _quantity_columns(prefix: str, q: Quantity) -> dict[str, Any]:
    return {
        f"{prefix}_text": q.text,
        f"{prefix}_value": q.value,
        f"{prefix}_unit": q.unit,
        f"{prefix}_pct": q.as_percent(),
        f"{prefix}_qualifier": q.qualifier,
        f"{prefix}_note": q.note,
    }


# The fields a measure reads as text (the department is split by ``departments``).
MEASURE_FIELDS = ("plan", "indicator", "target", "actual", "achievement", "status", "evaluation")


def measure(
    row: ExtractedRow,
    edges: dict[EdgeKey, float],
    program_name: str | None,
    program_id: str,
    fixed: Mapping[str, str | None] | None = None,
) -> Measure:
    """One row's record; ``fixed``: a person's corrections of its text (``corrections``), by
    field, taken in place of what was read, before anything is parsed from them."""
    fixed = fixed or {}
    text = {name: fixed.get(name, cell_string(row, name, edges)) for name in MEASURE_FIELDS if name in row.fields}
    target, actual, achievement = mark_ratios(
        parse_quantity(text.get("target")), parse_quantity(text.get("actual")), parse_quantity(text.get("achievement"))
    )
    results = row.table is TableKind.RESULTS
    if not results:  # a plan prints no actual: its row's indicators are counted as ``indicators`` splits them
        actual, achievement = Quantity(None), Quantity(None)
    listed = pair_items(text.get("indicator"), target.text, actual.text, achievement.text)
    return make(
        Measure,
        fiscal_year=row.fiscal_year,
        table=row.table,
        program_no=row.program_no,
        program_id=program_id,
        program_name=program_name,
        department_seq=row.department_seq,
        department=fixed["department"] if "department" in fixed else departments(row.fields.get("department")),
        plan=text.get("plan"),
        indicator=text.get("indicator"),
        indicator_count=len(listed),  # as ``indicators`` splits the row
        **_quantity_columns("target", target),
        status=text.get("status") if results else None,
        evaluation=text.get("evaluation") if results else None,
        **{k: (v if results else None) for k, v in _quantity_columns("actual", actual).items()},
        achievement_text=achievement.text if results else None,
        achievement_pct=achievement_percent(achievement) if results else None,
        source_file=PurePath(row.source_file).name,  # the file, wherever the run found it
        source_page=row.page,
    )


# Printed once per program in each table of a report: both printings must read the same.
PROGRAM_FIELDS = ("name", "description")

ProgramKey = tuple[int, TableKind, int]  # fiscal year, table, № (schemas.Program's key)


def measures_and_programs(
    rows: Sequence[ExtractedRow], overrides: Overrides | None = None, corrections: Sequence[Correction] = ()
) -> tuple[list[Measure], list[Program], Linkage]:
    """The measures (a row each), the programs (one each, keyed like ``schemas.Program``), and
    how each program is followed across the reports (``linking``), which gives their program_id.

    All come from one pass of the shared steps: the columns' text edges, and each program's
    name and description made to agree across the report's printings, so that a measure's
    program name is its program's, and programs are linked by the texts published. A person's
    ``corrections`` replace the text they name before anything is parsed or linked.
    """
    edges = text_edges(rows)
    fixes = row_fixes(corrections, rows, lambda r, name: read_text(r, name, edges))
    first: dict[ProgramKey, ExtractedRow] = {}
    count: Counter[ProgramKey] = Counter()
    for r in rows:
        key = (r.fiscal_year, r.table, r.program_no)
        first.setdefault(key, r)
        count[key] += 1
    texts = dict(zip(first, agreed_texts(list(first.values()), edges), strict=True))
    named = program_fixes(corrections, {row_key(r): texts[key] for key, r in first.items()})
    texts = {key: {**t, **named.get((row_key(first[key]), 0), {})} for key, t in texts.items()}
    linkage = link_reports(printings(rows, first, texts), overrides)

    def pid(r: ExtractedRow) -> str:
        return linkage.ids[(PurePath(r.source_file).name, r.program_no)]

    def fixed(r: ExtractedRow) -> dict[str, str | None] | None:
        return fixes.get((row_key(r), r.department_seq))

    measures = [
        measure(r, edges, texts[(r.fiscal_year, r.table, r.program_no)]["name"], pid(r), fixed(r)) for r in rows
    ]
    programs = [
        make(
            Program,
            fiscal_year=r.fiscal_year,
            table=r.table,
            program_no=r.program_no,
            program_id=pid(r),
            program_name=texts[key]["name"],
            description=texts[key]["description"],
            department_count=count[key],
        )
        for key, r in first.items()
    ]
    return measures, programs, linkage


def read_text(row: ExtractedRow, name: str, edges: dict[EdgeKey, float]) -> str | None:
    """A field of a row as it is published (what a correction's ``was`` is checked against)."""
    return departments(row.fields.get(name)) if name == "department" else cell_string(row, name, edges)


def printings(
    rows: Sequence[ExtractedRow], first: dict[ProgramKey, ExtractedRow], texts: dict[ProgramKey, dict[str, str | None]]
) -> list[Printing]:
    """Each report's programs as ``linking`` compares them: the name and description of the
    results table (the plan's where the report has no results row), departments per table."""
    first_year: dict[str, int] = {}
    depts: dict[tuple[str, int], dict[TableKind, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        file = PurePath(r.source_file).name
        first_year[file] = min(first_year.get(file, r.fiscal_year), r.fiscal_year)
        depts[(file, r.program_no)][r.table].append(departments(r.fields.get("department")) or "")
    chosen: dict[tuple[str, int], ProgramKey] = {}
    for key, r in first.items():
        at = (PurePath(r.source_file).name, r.program_no)
        if at not in chosen or r.table is TableKind.RESULTS:
            chosen[at] = key
    return [
        Printing(
            source_file=file,
            first_year=first_year[file],
            no=no,
            name=texts[key]["name"] or "",
            description=texts[key]["description"],
            departments={t: tuple(d) for t, d in depts[(file, no)].items()},
        )
        for (file, no), key in chosen.items()
    ]


def agreed_texts(firsts: Sequence[ExtractedRow], edges: dict[EdgeKey, float]) -> list[dict[str, str | None]]:
    """Each program row's name and description, the printings of one report made to agree.

    A report prints a program's name and description in each of its tables. Where the words
    are the same, the breaks are settled once for all printings (``text.agree``), so both
    years' rows carry one text; where the words differ, each stays as printed (and
    ``checks.program_text_mismatches`` lists it).
    """
    out = [{f: cell_string(r, f, edges) for f in PROGRAM_FIELDS} for r in firsts]
    same: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, r in enumerate(firsts):
        same[(r.source_file, r.program_no)].append(i)
    for group in same.values():
        if len(group) < 2:
            continue
        for f in PROGRAM_FIELDS:
            printed = [(out[i][f], firsts[i].fields.get(f)) for i in group]
            if any(text is None or cell is None for text, cell in printed):
                continue
            one = agree([(text, line_ends(cell.lines)) for text, cell in printed if text and cell])
            if one is not None:
                for i in group:
                    out[i][f] = one
    return out


def extra_fields(rows: Sequence[ExtractedRow], ids: dict[PrintingKey, str]) -> list[ExtraField]:
    """The values of the columns the schema has no field for, one record each (empty cells and
    lone dashes left out, as elsewhere); ``ids``: each program's id (``Linkage.ids``)."""
    edges = text_edges(rows, extras_of)
    out = []
    for r in rows:
        for label, cell in r.extras.items():
            value = clean_text(cell, edges.get(edge_key(r, EXTRA + label)), figures=False)
            if value is None:
                continue
            out.append(
                make(
                    ExtraField,
                    fiscal_year=r.fiscal_year,
                    table=r.table,
                    program_no=r.program_no,
                    program_id=ids[(PurePath(r.source_file).name, r.program_no)],
                    department_seq=r.department_seq,
                    label=label,
                    value=value,
                    source_file=PurePath(r.source_file).name,
                    source_page=r.page,
                )
            )
    return out


def indicators(measure_records: Sequence[Measure]) -> list[Indicator]:
    out = []
    for m in measure_records:
        items = pair_items(m.indicator, m.target_text, m.actual_text, m.achievement_text)
        for seq, it in enumerate(items, start=1):
            # A figure the row does not list for this indicator (another count of items) is none.
            target, actual, achievement = (q or Quantity(None) for q in (it.target, it.actual, it.achievement))
            out.append(
                make(
                    Indicator,
                    fiscal_year=m.fiscal_year,
                    table=m.table,
                    program_no=m.program_no,
                    program_id=m.program_id,
                    department_seq=m.department_seq,
                    indicator_seq=seq,
                    group=it.group,
                    indicator=it.name,
                    target_value=target.value,
                    target_unit=target.unit,
                    target_pct=target.as_percent(),
                    actual_value=actual.value,
                    actual_unit=actual.unit,
                    actual_pct=actual.as_percent(),
                    achievement_pct=achievement_percent(achievement),
                    source_file=m.source_file,
                    source_page=m.source_page,
                )
            )
    return out
