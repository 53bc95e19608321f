"""Pure table finding: a page's ruling lines and characters in, its tables out.

The steps, each a small function: the page's rules → sets of connected rules, each a table
(``ruled_regions``) → its grid of cells (``grid``) → each cell's text (``cell_text``). A table
whose rules draw no columns gets them from its text (``inference``), a text box drawn over a
table is its note (``boxes``), a page whose text runs a quarter turn is read in the text's frame
(``turned``), and a page no report can have is refused before any of it (``check_page``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..errors import ExtractionError
from ..model import BBox, Char, Grid, Mark, PageContent, PageGrid, RuledTable, Segment
from ..settings import DEFAULT, Settings
from . import boxes, inference, marks, nontables, turned
from .cell_text import dedupe_chars, fill_cells, group_lines
from .grid import (
    boundaries,
    cells_from_walls,
    grid_is_complete,
    prune_boundaries,
    rule_tolerance,
    snap,
    split_segments,
    walls,
)


def ruled_regions(segments: Sequence[Segment], settings: Settings = DEFAULT) -> list[list[Segment]]:
    """The page's sets of connected rules, largest first: each is a table (or a stray box).

    Rules elsewhere on the page (a title's underline, a box round a page number) form sets
    of their own, and several tables on one page stay apart.
    """
    segs = list(segments)
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    t = settings.join_tolerance
    boxes = [(s.x0 - t, s.top - t, s.x1 + t, s.bottom + t) for s in segs]
    order = sorted(range(len(segs)), key=lambda i: boxes[i][0])
    for a_pos, a in enumerate(order):
        for b in order[a_pos + 1 :]:
            if boxes[b][0] > boxes[a][2]:
                break
            if boxes[a][1] <= boxes[b][3] and boxes[b][1] <= boxes[a][3]:
                parent[find(a)] = find(b)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return sorted(groups.values(), key=len, reverse=True)


def table_from_rules(
    region: Sequence[Segment], chars: Sequence[Char], settings: Settings = DEFAULT
) -> RuledTable | None:
    """One connected set of rules → its grid with the text of each cell; None if no grid.

    A region whose frame holds no vertical rule (a frame alone, or row rules between two sides)
    gets its columns, and a frame alone its rows, from the text (``infer_boundaries``). A text
    box drawn over the table (``boxes.floating_boxes``) adds no rule; its text is a note.
    """
    floating = boxes.floating_boxes(region, rule_tolerance(settings))
    if floating:
        region, chars, notes = set_boxes_apart(region, chars, floating, settings)
        table = table_from_rules(region, chars, settings)
        return None if table is None else replace(table, notes=table.notes + notes)
    region = [*region, *open_sides(region, chars, settings)]
    xs, ys = boundaries(region, settings)
    if len(xs) < 2 or len(ys) < 2:
        return None
    xs, ys, v, h = prune_boundaries(region, xs, ys, settings)
    if len(xs) < 2 or len(ys) < 2:
        return None
    if (trimmed := without_edge_slivers(xs, ys, h, chars, settings)) != ys:
        ys = trimmed
        v, h = walls(region, xs, ys, settings)
    if len(xs) == 2:
        return infer_boundaries(region, xs, ys, chars, settings) or table_from_walls(xs, ys, v, h, chars, settings)
    return table_from_walls(xs, ys, v, h, chars, settings)


def open_sides(region: Sequence[Segment], chars: Sequence[Char], settings: Settings = DEFAULT) -> list[Segment]:
    """The sides a table does not draw: where two row rules or more run on past its outermost
    column rule and text stands there between them, a side where the rules end (the outer
    columns would otherwise be lost, their text in no cell)."""
    horizontal, vertical = split_segments(region)
    if not horizontal or not vertical:
        return []
    tol = rule_tolerance(settings)
    sides = []
    for left in (True, False):
        edge = min(s.x0 for s in vertical) if left else max(s.x0 for s in vertical)
        past = [s for s in horizontal if (s.x0 < edge - tol if left else s.x1 > edge + tol)]
        if len(snap((s.top for s in past), tol)) < 2:
            continue
        end = min(s.x0 for s in past) if left else max(s.x1 for s in past)
        top, bottom = min(s.top for s in past), max(s.top for s in past)
        lo, hi = (end, edge - tol) if left else (edge + tol, end)
        if any(lo <= (c.x0 + c.x1) / 2 <= hi and top <= (c.top + c.bottom) / 2 <= bottom for c in chars):
            sides.append(Segment(end, top, end, bottom))
    return sides


def without_edge_slivers(
    xs: Sequence[float], ys: list[float], h: list[list[bool]], chars: Sequence[Char], settings: Settings = DEFAULT
) -> list[float]:
    """The row boundaries less a rule that runs along the table's top or foot a few points away
    (``Settings.edge_sliver``), across part of it only, with no text between: a title's
    underline just above the frame (machida_nursery_2026) is no row. A full-width rule there
    is the table's own (a double frame, a row cut by a page break) and stays."""
    ys = list(ys)
    for first in (True, False):
        if len(ys) < 3:
            break
        edge, inner = (0, 1) if first else (-1, -2)
        lo, hi = sorted((ys[edge], ys[inner]))
        if hi - lo > settings.edge_sliver or all(h[edge]):
            continue
        if any(xs[0] <= (c.x0 + c.x1) / 2 <= xs[-1] and lo <= (c.top + c.bottom) / 2 <= hi for c in chars):
            continue
        del ys[edge]
    return ys


def set_boxes_apart(
    region: Sequence[Segment], chars: Sequence[Char], floating: Sequence[tuple[BBox, Sequence[Segment]]],
    settings: Settings = DEFAULT,
) -> tuple[list[Segment], list[Char], tuple[str, ...]]:  # fmt: skip
    """The region less the boxes' sides, the glyphs less those in the boxes, and each box's text
    (its lines joined by newlines), top to bottom."""
    sides = {s for _, found in floating for s in found}
    inside: list[list[Char]] = [[] for _ in floating]
    rest: list[Char] = []
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        k = next((k for k, (b, _) in enumerate(floating) if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
        (rest if k is None else inside[k]).append(ch)
    notes = tuple("\n".join(line.text for line in group_lines(found, settings)) for found in inside if found)
    return [s for s in region if s not in sides], rest, notes


def draws_columns(region: Sequence[Segment], settings: Settings = DEFAULT) -> bool:
    """Does the region draw a vertical rule? A dot or a corner square (under ``thin_rect`` both
    ways) has no direction to speak of: one reader calls it horizontal, another vertical."""
    return any(not s.horizontal and s.bottom - s.top >= settings.thin_rect for s in region)


def table_from_open_rules(
    stack: Sequence[Segment], chars: Sequence[Char], settings: Settings = DEFAULT
) -> RuledTable | None:
    """Horizontal rules alone (``inference.stacked_rules``) → a table whose sides are where the
    rules start and stop, its columns from the text; None unless two columns or more are found."""
    ys = snap(((s.top + s.bottom) / 2 for s in stack), rule_tolerance(settings))
    if len(ys) < 2:
        return None
    x0, x1 = min(s.x0 for s in stack), max(s.x1 for s in stack)
    sides = [Segment(x0, ys[0], x0, ys[-1]), Segment(x1, ys[0], x1, ys[-1])]
    return infer_boundaries([*stack, *sides], [x0, x1], ys, chars, settings)


def infer_boundaries(
    region: Sequence[Segment], xs: list[float], ys: list[float], chars: Sequence[Char], settings: Settings = DEFAULT
) -> RuledTable | None:
    """A framed region with no inner vertical rule → its columns from the text gaps and the
    row rules' ends (``inference.column_boundaries``); a frame with no inner rule at all (or a
    header rule only) also gets a row per printed line. None where the text shows no columns."""
    inside = inference.chars_inside(chars, (xs[0], ys[0], xs[-1], ys[-1]))
    tol = rule_tolerance(settings)
    ends = [x for s in split_segments(region)[0] for x in (s.x0, s.x1) if xs[0] + tol < x < xs[-1] - tol]
    inner = inference.column_boundaries(inside, snap(ends, tol), xs[0], xs[-1], settings)
    if not inner:
        return None
    xs = [xs[0], *inner, xs[-1]]
    drawn_ys = ys
    if len(ys) <= 3:  # a frame, or a frame with one rule under the header: rows are lines of text
        bands = range(len(ys) - 1) if len(ys) == 2 else range(1, len(ys) - 1)
        ys = sorted(ys + [y for b in bands for y in inference.row_boundaries(
            [c for c in inside if ys[b] <= (c.top + c.bottom) / 2 < ys[b + 1]], ys[b], ys[b + 1])])  # fmt: skip
    v, h = walls(region, xs, ys, settings)
    v = inference.inferred_walls(inside, xs, ys, v, inner)
    h = [row if y in drawn_ys else [True] * len(row) for y, row in zip(ys, h, strict=True)]
    table = table_from_walls(xs, ys, v, h, chars, settings)
    return replace(table, inferred=("columns", "rows") if ys != drawn_ys else ("columns",))


def table_from_walls(
    xs: Sequence[float], ys: Sequence[float], v: list[list[bool]], h: list[list[bool]], chars: Sequence[Char],
    settings: Settings = DEFAULT,
) -> RuledTable:  # fmt: skip
    """A grid (boundaries and which of its edges are ruled) → its cells, each holding the lines
    of the characters inside it (``chars`` already deduplicated).

    Whoever found the grid, our rules or camelot's picture of the page, the cells' text comes
    from here: two engines whose grids agree then give the same cells.
    """
    cells = fill_cells(cells_from_walls(xs, ys, v, h), chars, xs, ys, settings)
    return RuledTable(Grid(tuple(xs), tuple(ys), tuple(cells)), grid_is_complete(xs, ys, v, h))


def find_tables(segments: Sequence[Segment], chars: Sequence[Char], settings: Settings = DEFAULT) -> list[RuledTable]:
    """Every ruled table on a page, largest (most rules) first; then the tables ruled with
    horizontal rules only, their columns inferred from the text."""
    chars = dedupe_chars(chars, settings)
    regions = ruled_regions(segments, settings)
    ruled = [r for r in regions if draws_columns(r, settings)]
    tables = [t for t in (table_from_rules(region, chars, settings) for region in ruled) if t is not None]
    blocked = [t.bbox for t in tables]
    open_rules = inference.stacked_rules(
        [r for r in regions if not draws_columns(r, settings)], chars, blocked, rule_tolerance(settings)
    )
    found = (table_from_open_rules(stack, chars, settings) for stack in open_rules)
    return tables + [t for t in found if t is not None]


def check_page(page: PageContent, settings: Settings = DEFAULT) -> None:
    """Refuse a page no report can have, before any work scales with it (see Settings)."""

    def refuse(message: str) -> ExtractionError:
        return ExtractionError(message, file=page.source_file, page=page.page_number)

    lo, hi = settings.min_page_side, settings.max_page_side
    if not (lo <= page.width <= hi and lo <= page.height <= hi):
        raise refuse(
            f"page size {page.width:g} × {page.height:g} pt is zero, absurd or unreadable "
            f"(a page side must be {lo:g} to {hi:,.0f} pt)"
        )
    if len(page.segments) > settings.max_segments_per_page:
        raise refuse(
            f"{len(page.segments):,} ruling lines on one page, more than the {settings.max_segments_per_page:,} "
            "a report page can have (Settings.max_segments_per_page)"
        )
    if len(page.chars) > settings.max_chars_per_page:
        raise refuse(
            f"{len(page.chars):,} characters on one page, more than the {settings.max_chars_per_page:,} "
            "a report page can have (Settings.max_chars_per_page)"
        )


def page_grid(page: PageContent, settings: Settings = DEFAULT) -> PageGrid:
    """A page's tables; a page whose tables' text runs a quarter turn (no /Rotate) is read in
    the text's own frame (``turned``), and its grid says by how much it was turned."""
    check_page(page, settings)
    turn = 0
    if any(c.rotation in turned.TURNS for c in page.chars):  # else no need to find the regions twice
        turn = turned.text_turn(page.chars, [region_box(r) for r in ruled_regions(page.segments, settings)])
    if turn:
        page = turned.in_text_frame(page, turn)
    page, found = marks_apart(page, settings)
    tables, apart = nontables.set_apart(find_tables(page.segments, page.chars, settings), settings)
    return replace(grid_of_page(page, tables, settings, turn, found), set_apart=tuple(apart))


def marks_apart(page: PageContent, settings: Settings = DEFAULT) -> tuple[PageContent, tuple[Mark, ...]]:
    """The page less the glyphs of the stamps drawn over it (``marks``), and the stamps."""
    kept, found = marks.set_marks_apart(page.chars, page.segments, settings)
    if not found:
        return page, ()
    return replace(page, chars=tuple(kept)), tuple(found)


def marks_over_tables(found: Sequence[Mark], tables: Sequence[RuledTable]) -> tuple[Mark, ...]:
    """The stamps worth naming: every sure one, and the unsure ones that lie over a table (a
    large heading above the table is no one's question)."""
    boxes = [t.bbox for t in tables]
    return tuple(m for m in found if m.sure or any(boxes_overlap(m.bbox, b) for b in boxes))


def boxes_overlap(a: BBox, b: BBox) -> bool:
    """Do two boxes share some area?"""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def region_box(region: Sequence[Segment]) -> BBox:
    """The box round a set of rules."""
    x0, top = min(s.x0 for s in region), min(s.top for s in region)
    return (x0, top, max(s.x1 for s in region), max(s.bottom for s in region))


def grid_of_page(
    page: PageContent, tables: Sequence[RuledTable], settings: Settings = DEFAULT, turn: int = 0,
    found: Sequence[Mark] = (),
) -> PageGrid:  # fmt: skip
    """What assembly gets of a page: its tables (largest first), each with the count of the
    rules the page draws across it (``ruled_lines``), the page's character counts, and the
    stamps drawn over it (``found``, those worth naming)."""
    counted = tuple(replace(t, ruled_lines=ruled_lines(page.segments, t.bbox, settings)) for t in tables)
    outside = count_outside(page.chars, tables)
    named = marks_over_tables(found, tables)
    return PageGrid(page.source_file, page.page_number, counted, len(page.chars), outside, turn, marks=named)


def ruled_lines(segments: Sequence[Segment], bbox: BBox, settings: Settings = DEFAULT) -> tuple[int, int]:
    """How many distinct vertical and horizontal rules the page draws inside a table's box.

    A cheap count that does not depend on how the grid was built (no walls, no pruning): a
    grid with another number of column or row boundaries (camelot missed a rule, or ours
    dropped one as an underline) is worth a human look, and quality.md names its page.
    """
    x0, top, x1, bottom = bbox
    t = settings.join_tolerance
    inside = [s for s in segments if s.x0 >= x0 - t and s.x1 <= x1 + t and s.top >= top - t and s.bottom <= bottom + t]
    horizontal, vertical = split_segments(inside)
    tol = rule_tolerance(settings)
    return len(snap(((s.x0 + s.x1) / 2 for s in vertical), tol)), len(
        snap(((s.top + s.bottom) / 2 for s in horizontal), tol)
    )


def count_outside(chars: Sequence[Char], tables: Sequence[RuledTable]) -> int:
    """Characters whose centre lies in no table (titles, page numbers)."""
    boxes = [t.bbox for t in tables]
    inside = 0
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx < x1 and top <= cy < bottom:
                inside += 1
                break
    return len(chars) - inside
