"""Pure: a page's glyphs → the text of each cell, as printed lines.

The steps, each a small function: a glyph drawn over itself (fake bold) read once
(``dedupe_chars``) → each glyph given to the cell its centre lies in (``fill_cells``) → a cell's
glyphs grouped into lines, each read left to right, with a space where a gap shows one the PDF
did not draw (``group_lines``).

Characters only: the cells themselves come from the rules (``grid``), and the tables from
``geometry``. ``overfull`` and ``grid_rows`` read the filled cells back.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from ..model import Cell, Char, Grid, Line
from ..settings import DEFAULT, Settings
from .spacing import line_text


def dedupe_chars(chars: Sequence[Char], settings: Settings = DEFAULT) -> list[Char]:
    """One glyph drawn twice (or more) over itself is read once; glyphs side by side are two.

    Exporters fake bold type by drawing a glyph again a fraction of a point to the side, or
    once filled and once stroked. Such copies cover most of each other's box; two real
    neighbours (``ll`` in a URL, ``ーー``) merely touch, however narrow the glyph. So the test
    is how much the boxes overlap relative to the glyphs' own extent (``same_glyph``), never
    a distance in em, which would swallow a narrow Latin letter's twin neighbour.

    Most glyphs have no twin at all, so those that might are found first by one sort, and only
    they are settled, in page order, by the exact test (``drop_repeats``).
    """
    twins = sorted(possible_twins(chars))
    if not twins:
        return list(chars)
    dropped = {twins[k] for k in repeats([chars[i] for i in twins], settings)}
    return [ch for i, ch in enumerate(chars) if i not in dropped]


def same_glyph(a: Char, b: Char, overlap: float = DEFAULT.duplicate_overlap) -> bool:
    """Are ``a`` and ``b`` one glyph drawn twice: same text and turn, and each box covering
    at least ``overlap`` of the smaller one's width and of its height?"""
    if a.text != b.text or a.rotation != b.rotation:
        return False
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    # A box without extent (a zero-width glyph) must sit on the other's edge, to 0.01 pt.
    wide = max(overlap * min(a.x1 - a.x0, b.x1 - b.x0), -0.01)
    tall = max(overlap * min(a.bottom - a.top, b.bottom - b.top), -0.01)
    return across >= wide and down >= tall


def _extent(chars: Iterable[Char]) -> float:
    """The largest side of any glyph box: no twin is further than this from its glyph."""
    return max((max(ch.x1 - ch.x0, ch.bottom - ch.top) for ch in chars), default=0.0)


def possible_twins(chars: Sequence[Char]) -> set[int]:
    """Indices of glyphs with a glyph of the same text within the largest glyph extent of the
    page (a superset of the glyphs ``drop_repeats`` can drop, and of those that can make it drop).

    Sorted by text, then left edge, a glyph's possible twins are just before it.
    """
    reach = _extent(chars)
    tops = [ch.top for ch in chars]
    order = sorted(zip([ch.text for ch in chars], [ch.x0 for ch in chars], range(len(chars)), strict=True))
    twins: set[int] = set()
    for k in range(1, len(order)):
        text, x0, i = order[k]
        j = k - 1
        while j >= 0:
            other, x, o = order[j]
            if other != text or x0 - x > reach:
                break
            if abs(tops[i] - tops[o]) <= reach:
                twins.add(i)
                twins.add(o)
            j -= 1
    return twins


def drop_repeats(chars: Sequence[Char], settings: Settings = DEFAULT) -> list[Char]:
    """Glyphs, in order, less each one drawn over an earlier glyph kept (``same_glyph``)."""
    dropped = repeats(chars, settings)
    return [ch for i, ch in enumerate(chars) if i not in dropped]


def repeats(chars: Sequence[Char], settings: Settings = DEFAULT) -> set[int]:
    """Positions of the glyphs drawn over an earlier glyph kept (``same_glyph``)."""
    # Glyphs are bucketed by text and a grid of cells two extents wide: a glyph's twin then
    # lies in the same cell or the one on the nearer side, so each glyph is compared with the
    # few in four cells, not with every other glyph.
    cell = 2 * max(_extent(chars), 1.0)
    seen: dict[tuple[str, int, int], list[Char]] = {}
    out: set[int] = set()
    overlap = settings.duplicate_overlap
    for i, ch in enumerate(chars):
        fx, fy = ch.x0 / cell, ch.top / cell
        bx, by = int(fx // 1), int(fy // 1)
        nx = bx - 1 if fx - bx < 0.5 else bx + 1
        ny = by - 1 if fy - by < 0.5 else by + 1
        text = ch.text
        near = (seen.get(key) for key in ((text, bx, by), (text, nx, by), (text, bx, ny), (text, nx, ny)))
        if any(same_glyph(o, ch, overlap) for found in near if found for o in found):
            out.add(i)
        else:
            seen.setdefault((text, bx, by), []).append(ch)
    return out


def reading_frame(ch: Char) -> Char:
    """A rotated glyph in coordinates where its text runs left to right, lines downwards.

    Text turned 90° (a vertical header label) then groups into lines like upright text.
    """
    if ch.rotation == 90:  # reads bottom to top; lines advance to the right
        return Char(ch.text, -ch.bottom, -ch.top, ch.x0, ch.x1, ch.size, ch.rotation)
    if ch.rotation == 270:  # reads top to bottom; lines advance to the left
        return Char(ch.text, ch.top, ch.bottom, -ch.x1, -ch.x0, ch.size, ch.rotation)
    if ch.rotation == 180:
        return Char(ch.text, -ch.x1, -ch.x0, -ch.bottom, -ch.top, ch.size, ch.rotation)
    return ch


def group_lines(chars: Sequence[Char], settings: Settings = DEFAULT) -> list[Line]:
    """Characters of one cell → printed lines, top to bottom, each read left to right.

    Position, not content-stream order, decides: exporters may draw a cell's text in any
    order. A gap wider than ``space_gap`` × font size between two glyphs is a space. Rotated
    text is read in its own direction, after the upright text, and its lines carry no
    horizontal extent (a soft wrap cannot be told from it).
    """
    upright = [c for c in chars if c.rotation == 0]
    turned = [reading_frame(c) for c in chars if c.rotation != 0]
    lines = _lines(upright, settings)
    lines += [Line(line.text, None, None, line.size) for line in _lines(turned, settings)]
    return lines


def _lines(chars: Sequence[Char], settings: Settings) -> list[Line]:
    """Glyphs → lines, top to bottom, each read left to right.

    Each line's spaces come from its own geometry (``spacing.line_text``): a gap wider than
    ``space_gap`` em past the line's letter spacing is a space the PDF did not draw, never
    between two CJK characters; between Japanese and Latin text only one wider than
    ``asian_latin_gap`` em.

    A run of ASCII spaces is one space. PDFium's text page keeps only the first space of a run
    and nothing on the page tells a second space from kerning after the first, so the reader
    could only guess; both readers therefore give one. Other spaces (U+3000, which Japanese
    text uses to indent and align) are kept, each as drawn.
    """
    rows: list[list[Char]] = []
    tolerance = settings.line_tolerance
    for ch in sorted(chars, key=_top_x0):
        if rows and abs(ch.top - rows[-1][0].top) <= tolerance * (ch.size if ch.size > 1.0 else 1.0):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    space_gap, mixed_gap = settings.space_gap, settings.asian_latin_gap
    lines = []
    for row in rows:
        row.sort(key=_x0)
        size = max(ch.size for ch in row)
        # The top to a thousandth of a point: a page box with another origin leaves float noise in
        # the last digits (74.86300000000006 for 74.863), and the same page must give the same lines.
        top = round(min(c.top for c in row), 3)
        lines.append(Line(line_text(row, space_gap, mixed_gap), row[0].x0, row[-1].x1, size, top))
    return lines


def _top_x0(c: Char) -> tuple[float, float]:
    return (c.top, c.x0)


def _x0(c: Char) -> float:
    return c.x0


def fill_cells(
    cells: Sequence[Cell], chars: Sequence[Char], xs: Sequence[float], ys: Sequence[float], settings: Settings = DEFAULT
) -> list[Cell]:
    """Give each cell the lines of the characters whose centre lies inside it.

    A character's grid position comes from bisecting the boundaries, so the cost grows with
    the number of characters, not characters × cells.
    """
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    owner: list[int | None] = [None] * (n_cols * n_rows)  # grid position → its cell
    for i, cell in enumerate(cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                owner[r * n_cols + c] = i
    inside: list[list[Char]] = [[] for _ in cells]
    for ch in chars:
        c = bisect_right(xs, (ch.x0 + ch.x1) / 2) - 1
        r = bisect_right(ys, (ch.top + ch.bottom) / 2) - 1
        if 0 <= c < n_cols and 0 <= r < n_rows and (index := owner[r * n_cols + c]) is not None:
            inside[index].append(ch)
    return [
        Cell(cell.row, cell.col, cell.row_span, cell.col_span, cell.bbox, tuple(group_lines(found, settings)))
        for cell, found in zip(cells, inside, strict=False)
    ]


def overfull(cell: Cell, tolerance: float = 0.5) -> bool:
    """Text that runs past the cell's rules was clipped or spilled in the source."""
    return any(
        line.x0 is not None
        and line.x1 is not None
        and (line.x0 < cell.bbox[0] - tolerance or line.x1 > cell.bbox[2] + tolerance)
        for line in cell.lines
    )


def grid_rows(grid: Grid) -> list[list[str]]:
    """The grid as rows of cell texts: a spanning cell's text in its top-left position only."""
    rows = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows
