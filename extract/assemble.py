"""Pure table assembly: page grids → program blocks → one row per program × department.

A table may run over many pages. A page with a header row starts (or repeats the header of) a
table; a page without one continues the previous page's table when its column boundaries
match. A program block whose № cell is empty at the top of a page continues the block above.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .errors import ExtractionError
from .geometry import overfull
from .headers import header_year, match_label, table_kind
from .model import Cell, CellText, ExtractedRow, Extraction, Grid, PageGrid, PageReport, TableKind
from .settings import DEFAULT, Settings

MERGED_FIELDS = ("no", "name", "description")
DIGITS = re.compile(r"\d+")


@dataclass
class TableContext:
    """What a page without a header needs from the page before it."""

    kind: TableKind
    fiscal_year: int
    columns: dict[int, str]  # grid column → field
    xs: tuple[float, ...]


@dataclass
class Block:
    """One program: the merged №/name/description cells and its department rows."""

    kind: TableKind
    fiscal_year: int
    no: int
    source_file: str
    page: int
    merged: dict[str, CellText]
    departments: list[dict[str, CellText]] = field(default_factory=list)


@dataclass(frozen=True)
class PageTable:
    """A page's grid read against its table's columns."""

    page: PageGrid
    context: TableContext
    first_data_row: int


def cell_text(cell: Cell | None, page: int) -> CellText:
    if cell is None:
        return CellText((), page, (0.0, 0.0, 0.0, 0.0))
    return CellText(cell.lines, page, cell.bbox)


def join_cells(a: CellText, b: CellText) -> CellText:
    """A cell cut by a page break: its lines continue on the next page."""
    if not b.lines:
        return a
    if not a.lines:
        return b
    return CellText(a.lines + b.lines, a.page, a.bbox)


def read_header(grid: Grid, settings: Settings) -> tuple[TableContext, float] | str:
    """The table's columns if grid row 0 is a header row, else why it is not one."""
    row0 = [c for c in grid.cells if c.row == 0]
    texts = [c.text for c in row0]
    matches = {c.col: match_label(c.text) for c in row0 if c.text.strip()}
    good = {col: m for col, m in matches.items() if m.score >= settings.header_min_score}
    columns: dict[int, str] = {}
    for c in row0:
        if c.col in good:
            for k in range(c.col, c.col + c.col_span):
                columns[k] = good[c.col].field  # type: ignore[assignment]
    kind = table_kind(set(columns.values()))
    year = header_year(texts)
    unknown = [m.label.replace("\n", "") for m in matches.values() if m.score < settings.header_min_score]
    if kind is not None and year is not None and not unknown:
        return TableContext(kind, year, columns, grid.xs), min(m.score for m in good.values())
    if unknown:
        return f"unknown labels {[u[:20] for u in unknown[:8]]}"
    if year is None:
        return "no fiscal year (令和/平成 年度) in its labels"
    return f"its columns {sorted(set(columns.values()))} make neither a results nor a plan table"


def same_columns(xs: Sequence[float], other: Sequence[float], tolerance: float) -> bool:
    return len(xs) == len(other) and all(abs(a - b) <= tolerance for a, b in zip(xs, other))


def page_table(
    page: PageGrid, previous: TableContext | None, report: PageReport, settings: Settings = DEFAULT
) -> PageTable | None:
    """Decide which table a page's grid belongs to; None for a page with no table."""
    grid, complete = page.grid, page.grid_complete
    report.grid_rows, report.grid_cols, report.grid_complete = grid.n_rows, grid.n_cols, complete
    report.outside_chars = page.outside_chars
    if grid.n_cols < settings.min_columns:
        report.notes.append("no ruled table on this page")
        return None
    if not complete:
        raise ExtractionError(
            "the table's grid is broken (a ruling line is missing); cells cannot be told apart",
            file=page.source_file, page=page.page_number,
        )
    header = read_header(grid, settings)
    if not isinstance(header, str):
        context, score = header
        report.header_found, report.header_score = True, round(score, 1)
        first = 1
    elif previous is not None and same_columns(grid.xs, previous.xs, settings.column_match_tolerance):
        context, first = previous, 0
        report.continued_from_previous = True
    else:
        raise ExtractionError(
            f"the table's first row matches no known table header ({header}), and its columns "
            "do not continue a table from the page before",
            file=page.source_file, page=page.page_number,
        )
    report.table, report.fiscal_year = context.kind, context.fiscal_year
    data = [c for c in grid.cells if c.row >= first]
    # Data cells never span columns in these tables; one that does has lost a ruling line.
    spanning = next((c for c in data if c.col_span > 1), None)
    if spanning is not None:
        raise ExtractionError(
            f"the table's grid is broken: a data cell spans grid columns {spanning.col}-"
            f"{spanning.col + spanning.col_span - 1} (a ruling line is missing)",
            file=page.source_file, page=page.page_number,
        )
    report.empty_cells = sum(1 for c in data if not c.lines)
    report.overfull_cells = sum(1 for c in data if overfull(c))
    return PageTable(page, context, first)


def _column_of(context: TableContext, name: str) -> int | None:
    return next((col for col, f in sorted(context.columns.items()) if f == name), None)


def page_blocks(pt: PageTable) -> Iterable[tuple[int | None, dict[str, CellText], list[dict[str, CellText]]]]:
    """Each program block on the page: (№ or None when it continues, merged cells, department rows)."""
    ctx, grid, number = pt.context, pt.page.grid, pt.page.page_number
    no_col, dept_col = _column_of(ctx, "no"), _column_of(ctx, "department")
    assert no_col is not None and dept_col is not None  # table_kind() requires both
    no_cells = sorted((c for c in grid.cells if c.col == no_col and c.row >= pt.first_data_row), key=lambda c: c.row)
    for no_cell in no_cells:
        text = unicodedata.normalize("NFKC", no_cell.text).strip()
        if text and not DIGITS.fullmatch(text):
            raise ExtractionError(
                f"program № cell reads {no_cell.text!r}, not a number",
                file=pt.page.source_file, page=number, field="no",
            )
        program = int(text) if text else None
        merged = {
            f: cell_text(grid.cell_at(no_cell.row, col), number)
            for col, f in ctx.columns.items()
            if f in MERGED_FIELDS
        }
        rows = []
        r = no_cell.row
        while r < no_cell.row + no_cell.row_span:
            dept = grid.cell_at(r, dept_col)
            assert dept is not None
            rows.append(
                {f: cell_text(grid.cell_at(r, col), number) for col, f in ctx.columns.items() if f not in MERGED_FIELDS}
            )
            r = dept.row + dept.row_span
        yield program, merged, rows


def split_name_description(merged: dict[str, CellText]) -> None:
    """Layouts without a 内容 column print the program name with its description below it."""
    if "description" in merged or "name" not in merged:
        return
    cell = merged["name"]
    merged["name"] = CellText(cell.lines[:1], cell.page, cell.bbox)
    merged["description"] = CellText(cell.lines[1:], cell.page, cell.bbox)


def assemble(pages: Iterable[PageGrid], settings: Settings = DEFAULT) -> Extraction:
    """All tables of one PDF as rows, with a report per page."""
    blocks: list[Block] = []
    reports: list[PageReport] = []
    context: TableContext | None = None
    source = ""
    for page in pages:
        source = page.source_file
        report = PageReport(page.source_file, page.page_number)
        reports.append(report)
        if not page.n_chars:
            raise ExtractionError(
                "page has no text layer (a scanned image?); run OCR first", file=page.source_file, page=page.page_number
            )
        pt = page_table(page, context, report, settings)
        if pt is None:
            continue
        new_table = context is None or (pt.context.kind, pt.context.fiscal_year) != (context.kind, context.fiscal_year)
        context = pt.context
        for position, (program, merged, rows) in enumerate(page_blocks(pt)):
            report.rows += sum(1 for r in rows if any(c.lines for c in r.values()))
            if program is None:
                # Only the first block of a page, in the table the page before ended, continues.
                if position > 0 or new_table or not blocks:
                    raise ExtractionError(
                        "program block has no №", file=page.source_file, page=page.page_number, field="no"
                    )
                continue_block(blocks[-1], merged, rows, page.page_number)
                continue
            split_name_description(merged)
            kind, year = pt.context.kind, pt.context.fiscal_year
            blocks.append(Block(kind, year, program, page.source_file, page.page_number, merged, rows))
    if not blocks:
        raise ExtractionError("no table found", file=source or None)
    return Extraction(list(block_rows(blocks)), reports)


def continue_block(block: Block, merged: dict[str, CellText], rows: list[dict[str, CellText]], page: int) -> None:
    """A block cut by a page break: merged text continues, and so do the department rows.

    A top row with no department is the rest of the row above, cut by the break; its text
    joins that row. Any further rows are more departments of the same program.
    """
    for f, cell in merged.items():
        if f != "no":
            block.merged[f] = join_cells(block.merged.get(f, cell_text(None, page)), cell)
    if rows and not rows[0].get("department", cell_text(None, page)).lines:
        last = block.departments[-1]
        for f, cell in rows[0].items():
            last[f] = join_cells(last.get(f, cell_text(None, page)), cell)
        rows = rows[1:]
    block.departments.extend(rows)


def block_rows(blocks: Sequence[Block]) -> Iterable[ExtractedRow]:
    for b in blocks:
        for seq, dept in enumerate(b.departments, start=1):
            page = next((c.page for c in dept.values() if c.lines), b.page)
            yield ExtractedRow(b.kind, b.fiscal_year, b.no, seq, {**b.merged, **dept}, b.source_file, page)

