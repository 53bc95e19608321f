"""Pure table assembly: page grids → program blocks → one row per program × department.

A table may run over many pages. A page with a header row starts (or repeats the header of) a
table; a page without one continues the previous page's table when its column boundaries
match. A program block whose № cell is empty at the top of a page continues the block above.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .columns.headers import LABELS_FILE, Refusal, TableHeader, known_labels, read_header
from .errors import ExtractionError
from .layout.cell_text import overfull
from .layout.continued import one_row_on_columns, starts_cut, top_gaps
from .model import Cell, ExtractedRow, Extraction, Grid, PageGrid, PageReport, RuledTable, TableKind
from .settings import DEFAULT, Settings

MERGED_FIELDS = ("no", "name", "description")
DIGITS = re.compile(r"\d+")
# A position the grid has no cell for, read as an empty cell (with its page, by ``cell_text``).
EMPTY = Cell(0, 0, 1, 1, (0.0, 0.0, 0.0, 0.0))


@dataclass
class TableContext:
    """What a page without a header needs from the page before it."""

    kind: TableKind
    fiscal_year: int
    columns: dict[int, str]  # grid column → field
    xs: tuple[float, ...]
    extras: dict[int, str] = field(default_factory=dict)  # grid column → label, of columns naming no field
    inferred: tuple[str, ...] = ()  # what the page's rules did not draw (RuledTable.inferred)


@dataclass
class Block:
    """One program: the merged №/name/description cells and its department rows."""

    kind: TableKind
    fiscal_year: int
    no: int
    source_file: str
    page: int
    merged: dict[str, Cell]
    departments: list[dict[str, Cell]] = field(default_factory=list)
    extras: list[dict[str, Cell]] = field(default_factory=list)  # per department row: label → cell


@dataclass(frozen=True)
class PageTable:
    """A page's grid read against its table's columns."""

    page: PageGrid
    grid: Grid
    context: TableContext
    first_data_row: int


def cell_text(cell: Cell | None, page: int) -> Cell:
    """A grid cell as read into a row: with its page (an empty one where the grid has none)."""
    return replace(EMPTY if cell is None else cell, page=page)


def join_cells(a: Cell, b: Cell) -> Cell:
    """A cell cut by a page break: its lines continue on the next page."""
    if not b.lines:
        return a
    if not a.lines:
        return b
    return replace(a, lines=a.lines + b.lines)


def same_columns(xs: Sequence[float], other: Sequence[float], tolerance: float) -> bool:
    return len(xs) == len(other) and all(abs(a - b) <= tolerance for a, b in zip(xs, other, strict=False))


def choose_table(
    page: PageGrid, previous: TableContext | None, settings: Settings
) -> tuple[RuledTable, TableHeader | None] | str:
    """The page's table of the report: the first (largest) whose header reads, else the one
    whose columns continue the previous page's table; or why there is none."""
    why = ""
    refused: Refusal | None = None
    for table in page.tables:
        if table.grid.n_cols < settings.min_columns:
            continue
        header = read_header(table.grid, settings.header_min_score, known_labels(settings.labels_file))
        if isinstance(header, TableHeader):
            return table, header
        if isinstance(header, Refusal):
            refused = refused or header
        else:
            why = why or header
    if refused is not None:  # the report's header, but one that cannot be read safely
        raise ExtractionError(f"the table's header cannot be read safely: {refused.reason}",
                              file=page.source_file, page=page.page_number)  # fmt: skip
    for table in page.tables:
        if previous is not None and same_columns(table.grid.xs, previous.xs, settings.column_match_tolerance):
            return table, None
    return why


def page_table(
    page: PageGrid, previous: TableContext | None, report: PageReport, settings: Settings = DEFAULT
) -> PageTable | None:
    """Decide which table a page's grid belongs to; None for a page with no table."""
    report.outside_chars = page.outside_chars
    report.tables_on_page = len(page.tables)
    if previous is not None and any(on_columns_before(t, previous, settings) for t in page.tables):
        page = replace(page, tables=tuple(on_columns_before(t, previous, settings) or t for t in page.tables))
        report.notes.append("the body draws no rule: one row cut by the page break, read on the columns before")
    if not any(t.grid.n_cols >= settings.min_columns for t in page.tables):
        report.notes.append("no ruled table on this page")
        return None
    chosen = choose_table(page, previous, settings)
    # The table read, or the largest one where none reads: a broken grid is said first, since
    # its header cannot be read either.
    table = page.tables[0] if isinstance(chosen, str) else chosen[0]
    grid = table.grid
    report.grid_rows, report.grid_cols, report.grid_complete = grid.n_rows, grid.n_cols, table.complete
    report.ruled_lines = table.ruled_lines
    report.inferred = table.inferred
    report.table_notes = table.notes
    if not table.complete:
        raise ExtractionError(
            "the table's grid is broken (a ruling line is missing); cells cannot be told apart",
            file=page.source_file,
            page=page.page_number,
        )
    if isinstance(chosen, str):
        raise ExtractionError(
            f"the table's first row matches no known table header ({chosen}); extend "
            f"{settings.labels_file or LABELS_FILE} with the new wording. Its columns do not "
            "continue a table from the page before either",
            file=page.source_file,
            page=page.page_number,
        )
    header = chosen[1]
    if header is not None:
        context = TableContext(header.kind, header.fiscal_year, header.columns, grid.xs, header.extras, table.inferred)
        report.header_found, report.header_score = True, round(header.score, 1)
        report.header_rows, report.header_labels = header.depth, header.labels
        first = header.depth
        if titles := [c.bbox for c in grid.cells if c.row < first]:
            report.header_box = (min(b[0] for b in titles), min(b[1] for b in titles),
                                 max(b[2] for b in titles), max(b[3] for b in titles))  # fmt: skip
    else:
        assert previous is not None
        context, first = previous, 0
        report.continued_from_previous = True
    report.table, report.fiscal_year = context.kind, context.fiscal_year
    data = [c for c in grid.cells if c.row >= first]
    # Data cells never span columns in these tables; one that does has lost a ruling line.
    spanning = next((c for c in data if c.col_span > 1), None)
    if spanning is not None:
        raise ExtractionError(
            f"the table's grid is broken: a data cell spans grid columns {spanning.col}-"
            f"{spanning.col + spanning.col_span - 1} (a ruling line is missing)",
            file=page.source_file,
            page=page.page_number,
        )
    report.empty_cells = sum(1 for c in data if not c.lines)
    report.overfull_cells = sum(1 for c in data if overfull(c))
    return PageTable(page, grid, context, first)


def on_columns_before(table: RuledTable, previous: TableContext, settings: Settings) -> RuledTable | None:
    """A page ruled across only that draws no rule inside its body (its rows inferred from its
    lines), after a page of the same table that drew its rows: the rest of one row cut by the
    break, read on the columns of the page before (``continued.one_row_on_columns``). None
    where that is not the case."""
    xs, before = table.grid.xs, previous.xs
    tolerance = settings.column_match_tolerance
    if not ({"columns", "rows"} <= set(table.inferred) and "columns" in previous.inferred):
        return None
    if "rows" in previous.inferred or same_columns(xs, before, tolerance):
        return None
    if abs(xs[0] - before[0]) > tolerance or abs(xs[-1] - before[-1]) > tolerance or table.grid.n_rows < 2:
        return None
    grid = one_row_on_columns(table.grid, before, 1, settings.space_gap)
    return None if grid is None else replace(table, grid=grid)


def _column_of(context: TableContext, name: str) -> int:
    """The (first) grid column of a field the table has: table_kind() requires № and 担当課."""
    return min(col for col, f in context.columns.items() if f == name)


Rows = list[dict[str, Cell]]


def page_blocks(pt: PageTable) -> Iterable[tuple[int | None, dict[str, Cell], Rows, Rows]]:
    """Each program block on the page: (№ or None when it continues, merged cells, department
    rows, and each department row's extra columns by label)."""
    ctx, grid, number = pt.context, pt.grid, pt.page.page_number
    no_col, dept_col = _column_of(ctx, "no"), _column_of(ctx, "department")
    no_cells = sorted((c for c in grid.cells if c.col == no_col and c.row >= pt.first_data_row), key=lambda c: c.row)
    for no_cell in no_cells:
        text = unicodedata.normalize("NFKC", no_cell.text).strip()
        if text and not DIGITS.fullmatch(text):
            raise ExtractionError(
                f"program № cell reads {no_cell.text!r}, not a number",
                file=pt.page.source_file,
                page=number,
                field="no",
            )
        program = int(text) if text else None
        merged = {
            f: cell_text(grid.cell_at(no_cell.row, col), number) for col, f in ctx.columns.items() if f in MERGED_FIELDS
        }
        rows, extras = [], []
        r = no_cell.row
        while r < no_cell.row + no_cell.row_span:
            dept = grid.cell_at(r, dept_col)
            assert dept is not None
            rows.append(
                {f: cell_text(grid.cell_at(r, col), number) for col, f in ctx.columns.items() if f not in MERGED_FIELDS}
            )
            extras.append({label: cell_text(grid.cell_at(r, col), number) for col, label in ctx.extras.items()})
            r = dept.row + dept.row_span
        yield program, merged, rows, extras


def split_name_description(merged: dict[str, Cell]) -> dict[str, Cell]:
    """Layouts without a 内容 column print the program name with its description below it.

    Split only once the block is whole: a page break may cut the cell, and its continuation
    belongs to the description, not the name.
    """
    if "description" in merged or "name" not in merged:
        return merged
    cell = merged["name"]
    return {
        **merged,
        "name": replace(cell, lines=cell.lines[:1]),
        "description": replace(cell, lines=cell.lines[1:]),
    }


def assemble(pages: Iterable[PageGrid], settings: Settings = DEFAULT) -> Extraction:
    """All tables of one PDF as rows, with a report per page."""
    blocks: list[Block] = []
    reports: list[PageReport] = []
    context: TableContext | None = None
    gaps: dict[str, list[float]] = {}  # the table's top gaps so far, by field (continued.top_gaps)
    source = ""
    for page in pages:
        source = page.source_file
        report = PageReport(page.source_file, page.page_number, turn=page.turn, marks=page.marks)
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
        if new_table:
            gaps = {}
        for position, (program, merged, rows, extras) in enumerate(page_blocks(pt)):
            report.rows += sum(1 for r in rows if any(c.lines for c in r.values()))
            if program is None:
                # A block without №: the rest of the block above, cut by a page break (first on
                # a page), or more department rows of it where a template rules the № column
                # between them instead of merging it. A new table cannot start with one.
                if not blocks or (new_table and position == 0):
                    raise ExtractionError(
                        "program block has no №", file=page.source_file, page=page.page_number, field="no"
                    )
                continue_block(blocks[-1], merged, rows, extras, cut=position == 0 and starts_cut(rows[0], gaps))
                continue
            kind, year = pt.context.kind, pt.context.fiscal_year
            blocks.append(Block(kind, year, program, page.source_file, page.page_number, merged, rows, extras))
        for f, found in top_gaps(pt.grid, pt.first_data_row, pt.context.columns).items():
            gaps.setdefault(f, []).extend(found)
    if not blocks:
        raise ExtractionError("no table found", file=source or None)
    return Extraction(list(block_rows(blocks)), reports)


def continue_block(block: Block, merged: dict[str, Cell], rows: Rows, extras: Rows, cut: bool = False) -> None:
    """A block cut by a page break: merged text continues, and so do the department rows.

    A top row with no department, or one whose text starts with no padding above it (``cut``:
    ``continued.starts_cut``), is the rest of the row above, cut by the break; its text joins
    that row. Any further rows are more departments of the same program.
    """
    extend(block.merged, {f: cell for f, cell in merged.items() if f != "no"})
    if rows and (cut or not rows[0]["department"].lines):
        extend(block.departments[-1], rows[0])
        extend(block.extras[-1], extras[0])
        rows, extras = rows[1:], extras[1:]
    block.departments.extend(rows)
    block.extras.extend(extras)


def extend(cells: dict[str, Cell], more: dict[str, Cell]) -> None:
    """Each of ``more``'s cells continues the cell of its field in ``cells`` (a field that only
    the later page has is taken as it is)."""
    for f, cell in more.items():
        cells[f] = join_cells(cells[f], cell) if f in cells else cell


def block_rows(blocks: Sequence[Block]) -> Iterable[ExtractedRow]:
    for b in blocks:
        merged = split_name_description(b.merged)
        for seq, (dept, extras) in enumerate(zip(b.departments, b.extras, strict=True), start=1):
            page = next((c.page for c in dept.values() if c.lines), b.page)
            yield ExtractedRow(b.kind, b.fiscal_year, b.no, seq, {**merged, **dept}, b.source_file, page, extras)
