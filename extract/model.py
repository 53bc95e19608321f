"""Plain data passed between the extraction steps.

Coordinates are PDF points with the origin at the page's top-left corner (pdfplumber's
``top``/``bottom`` convention), so that "down the page" is "larger y" everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


class Char(NamedTuple):
    """One glyph as printed: its text and box.

    A named tuple, not a frozen dataclass: a report has tens of thousands of glyphs, and a
    tuple is made four times faster (a frozen dataclass sets each field through
    ``object.__setattr__``).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # Direction the text runs, in degrees counter-clockwise from left-to-right: 90 reads
    # bottom to top, 270 top to bottom (vertical header labels), 180 upside down.
    rotation: int = 0


@dataclass(frozen=True, slots=True)
class Segment:
    """A ruling line: horizontal when top == bottom, vertical when x0 == x1."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Unread:
    """Glyphs drawn where no reader could say what they are (extract.reading.sources): PDFium draws them
    without width in a font the file does not embed (the machine lacks it), and pdfminer cannot
    decode that font. Their number is unknown; where they stand is known."""

    spot: Char  # a box of no advance at the text object's origin (its text is "")
    font: str


@dataclass(frozen=True, slots=True)
class PageContent:
    """What the I/O step reads off one page: the only input of the geometry step."""

    source_file: str
    page_number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    segments: tuple[Segment, ...]
    # The page's text layer as a second reader counts it, for the build's own check
    # (extract.layout.selfcheck): PDFium's text page, character by character with its own boxes.
    # None where no second count was made.
    layer: tuple[Char, ...] | None = None
    # Characters in ``chars`` that the default reader took from pdfminer, where PDFium drew a
    # glyph it could not name (extract.reading.sources); ``layer`` does not hold them.
    borrowed: tuple[Char, ...] = ()
    unread: tuple[Unread, ...] = ()
    # The upright page's top-left corner in pdfplumber's coordinates (which keep the MediaBox's
    # origin): add it to a box to give the box as pdfplumber does.
    origin: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of a cell, with its horizontal extent inside the page.

    The extent lets normalize/ tell a soft wrap (the line runs to the cell's right edge) from a
    real break. Engines that cannot give it leave x0/x1 as None.
    """

    text: str
    x0: float | None = None
    x1: float | None = None
    size: float | None = None  # font size, so that distances can be measured in em
    top: float | None = None  # the top of its highest glyph: where the line starts in its cell


@dataclass(frozen=True, slots=True)
class Cell:
    """A ruled cell of the grid; spans are in grid rows/columns (merged cells span several).

    Once read into a row, a cell also says on which page it was printed; a cell cut by a
    page break keeps its first part's place and carries the lines of both parts.
    """

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    lines: tuple[Line, ...] = ()
    page: int = 0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Grid:
    """A page's table: column and row boundaries, and the cells they make."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[Cell, ...]
    # Each grid position → its cell, for ``cell_at`` (asked for every field of every row).
    _at: dict[tuple[int, int], Cell] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        at = {}
        for c in reversed(self.cells):  # the first cell listed wins a position, as in a scan
            for r in range(c.row, c.row + c.row_span):
                for k in range(c.col, c.col + c.col_span):
                    at[(r, k)] = c
        object.__setattr__(self, "_at", at)

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell_at(self, row: int, col: int) -> Cell | None:
        return self._at.get((row, col))


@dataclass(frozen=True, slots=True)
class RuledTable:
    """One ruled table found on a page: its grid, and whether every ruling line was found."""

    grid: Grid
    complete: bool
    # Vertical and horizontal rules the page draws inside the table's box, counted apart from
    # the grid (geometry.ruled_lines); None where nobody counted.
    ruled_lines: tuple[int, int] | None = None
    # What the rules did not draw and was placed from the text ("columns", "rows"): a guess,
    # said in quality.md and in ``python -m extract --json`` (extract.layout.inference).
    inferred: tuple[str, ...] = ()
    # The text of boxes drawn over the table (not part of its grid), each kept whole.
    notes: tuple[str, ...] = ()

    @property
    def bbox(self) -> BBox:
        return (self.grid.xs[0], self.grid.ys[0], self.grid.xs[-1], self.grid.ys[-1])


@dataclass(frozen=True, slots=True)
class TextDifference:
    """One table whose cells and notes do not hold what the page's text layer holds in its box
    (extract.layout.selfcheck). Characters are NFKC, spaces left out; ``table`` counts from 1 in the
    page's order of tables (PageGrid.tables), and 0 is the page's tables together: ``added``
    then holds the characters output in two tables."""

    source_file: str
    page: int
    table: int
    lost: str  # in the text layer inside the box, in no cell: each character as often as missing
    added: str  # in the cells, not in the text layer there
    explained: str = ""  # why, where the reader knows (characters read by pdfminer); "" if not
    unread: int = 0  # places in the box where a glyph is drawn that no reader could name (Unread)

    def __str__(self) -> str:
        parts = [
            f"lost {self.lost!r}" if self.lost else "",
            f"added {self.added!r}" if self.added else "",
            f"{self.unread} glyph(s) no reader could name" if self.unread else "",
        ]
        what = ", ".join(p for p in parts if p)
        where = f"table {self.table}" if self.table else "its tables together"
        return f"{self.source_file.rsplit('/', 1)[-1]}, page {self.page}, {where}: {what}" + (
            f" ({self.explained})" if self.explained else ""
        )


@dataclass(frozen=True, slots=True)
class SetApart:
    """Rules that connect into a grid but draw no table (a chart, an empty frame, a text box):
    where, why, and the text inside (so that it is listed once, though in no table)."""

    bbox: BBox
    why: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Mark:
    """Glyphs drawn over the page as one stamp: their text in reading order and their box.

    ``sure`` is False where only one sign says stamp: its glyphs stay in the cells."""

    text: str
    bbox: BBox
    sure: bool = True


@dataclass(frozen=True, slots=True)
class PageGrid:
    """What an engine hands to assembly for one page: its ruled tables and a few counts."""

    source_file: str
    page_number: int
    tables: tuple[RuledTable, ...]  # largest first
    n_chars: int  # 0 means no text layer
    outside_chars: int  # characters printed outside every table (titles, page numbers)
    # 90 or 270: the page's text runs a quarter turn with no /Rotate, and every coordinate here
    # is in the text's own frame (the page turned clockwise for 90, anticlockwise for 270).
    turn: int = 0
    origin: tuple[float, float] = (0.0, 0.0)  # PageContent.origin
    # The build's own check of its tables against the page's text layer (extract.layout.selfcheck).
    text_check: tuple[TextDifference, ...] = ()
    # Grids that are no tables (extract.layout.nontables), not in ``tables``.
    set_apart: tuple[SetApart, ...] = ()
    # Stamps and watermarks drawn over the page (extract.layout.marks): sure ones kept out of every
    # cell, unsure ones over a table left in place; each named in quality.md.
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """How one header label was read: the field it names and how similar it is (0-100)."""

    label: str
    field: str | None  # None: the column names no field, and is kept as an extra column
    score: float
    # The share (0-100) of the column's cells that fit the field's content profile (None
    # where no cell under the header has text, or the column names no field).
    content_score: float | None = None


class TableKind(StrEnum):
    RESULTS = "results"
    PLAN = "plan"


FIELDS = (
    "no", "name", "description", "department", "plan", "indicator", "target",
    "status", "evaluation", "actual", "achievement",
)  # fmt: skip


@dataclass(slots=True)
class ExtractedRow:
    """One table row: a program × department, as the PDF prints it."""

    table: TableKind
    fiscal_year: int
    program_no: int
    department_seq: int  # 1-based position of the department row within its program
    fields: dict[str, Cell]
    source_file: str
    page: int  # where the row starts
    # Columns the schema has no field for, by their label as printed: published, not lost.
    extras: dict[str, Cell] = field(default_factory=dict)

    def text(self, name: str) -> str:
        cell = self.fields.get(name)
        return cell.text if cell else ""


@dataclass(slots=True)
class PageReport:
    """How sure the extraction is about one page (after camelot's ``parsing_report``)."""

    source_file: str
    page: int
    table: TableKind | None = None
    fiscal_year: int | None = None
    header_found: bool = False
    header_score: float | None = None  # mean fuzzy score of the header's labels, 0-100
    header_rows: int = 0
    header_labels: tuple[LabelMatch, ...] = ()  # the mapping chosen, label by label
    tables_on_page: int = 0  # ruled tables found; the report's is chosen by its header
    continued_from_previous: bool = False
    grid_rows: int = 0
    grid_cols: int = 0
    grid_complete: bool = True  # every grid position covered by exactly one cell
    # Vertical and horizontal rules the page draws in the table's box, counted apart from the
    # grid (geometry.ruled_lines): a grid with another number of boundaries is named in quality.md.
    ruled_lines: tuple[int, int] | None = None
    # What the page's rules did not draw and was placed from the text ("columns", "rows").
    inferred: tuple[str, ...] = ()
    turn: int = 0  # the page read in its text's frame, turned this much (PageGrid.turn)
    table_notes: tuple[str, ...] = ()  # text of boxes drawn over the table, kept whole (RuledTable.notes)
    marks: tuple[Mark, ...] = ()  # stamps and watermarks drawn over the page (PageGrid.marks)
    header_box: BBox | None = None  # the header rows' cells, on a page that prints them (the report's pictures)
    rows: int = 0
    empty_cells: int = 0
    overfull_cells: int = 0  # cells whose text runs past their ruling lines
    outside_chars: int = 0  # characters printed outside the table (titles, page numbers)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    rows: list[ExtractedRow]
    reports: list[PageReport]
    # Every table whose cells differ from the page's text layer (extract.layout.selfcheck), page by page.
    text_check: list[TextDifference] = field(default_factory=list)
