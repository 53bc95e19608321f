"""Pure: column and row boundaries the rules do not draw, placed from the text and the rules' ends.

A table ruled with horizontal rules only (the "booktabs" style of many templates), or a frame
with no rule inside, still has columns: the gaps that run through every row of the region, as
camelot's stream and pdfplumber's ``text`` strategies find them. Where rules exist they say
more than the text: a row rule drawn cell by cell starts and stops at the column boundaries, so
its ends place a boundary exactly, even where the text of two columns comes close.

Drawn rules always win: a boundary is inferred only where the region draws no inner vertical
rule at all, and every table built here says so (``RuledTable.inferred``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from statistics import median

from ..model import BBox, Char, Segment
from ..settings import DEFAULT, Settings
from .spacing import spread_words

Interval = tuple[float, float]
# Full-width rules a table ruled across only has at least: above and below its header, at its foot.
MIN_FULL_LINES = 3
# A rule that runs through glyph boxes, or this close under them (a fraction of their size),
# along half its length underlines them (a link): no table rule runs through text; cells
# have padding (Okinawa's tight rows leave 0.18 em under the glyph boxes).
UNDERLINE_GAP = 0.05


def chars_inside(chars: Sequence[Char], bbox: BBox) -> list[Char]:
    """Glyphs whose centre lies in the box."""
    x0, top, x1, bottom = bbox
    return [c for c in chars if x0 <= (c.x0 + c.x1) / 2 < x1 and top <= (c.top + c.bottom) / 2 < bottom]


def covered(intervals: Sequence[Interval]) -> list[Interval]:
    """The union of intervals, as disjoint intervals left to right."""
    out: list[list[float]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def gaps(intervals: Sequence[Interval], lo: float, hi: float) -> list[Interval]:
    """The stretches of [lo, hi] no interval covers, between two covered stretches."""
    spans = covered(intervals)
    return [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False) if a[1] > lo and b[0] < hi]


def column_boundaries(
    chars: Sequence[Char], ends: Sequence[float], lo: float, hi: float, settings: Settings = DEFAULT
) -> list[float]:
    """Inner column boundaries of a region spanning [lo, hi] across, none of them drawn.

    Each gap in the text that runs through every row of the region is a boundary: at the rule
    end inside it if a row rule starts or stops there (``ends``: where row rules drawn cell by
    cell start and stop inside the region, snapped), else at its middle if it is at least
    ``column_gap`` em wide (a word space is a quarter em). A rule end inside the text (a
    heading spanning columns) is a boundary too; the heading's cell then spans it. A label
    spread evenly over its cell (均等割付) is one word (``word_extents``), never two columns.
    """
    if not chars:
        return []
    em = median(c.size for c in chars)
    out: list[float] = []
    for a, b in gaps(word_extents(chars, settings), lo, hi):
        inside = [x for x in ends if a <= x <= b]
        if inside:
            out += inside
        elif b - a >= settings.column_gap * em:
            out.append((a + b) / 2)
    out += [x for x in ends if x not in out]
    return sorted(out)


def word_extents(chars: Sequence[Char], settings: Settings = DEFAULT) -> list[Interval]:
    """The extents the glyphs cover across, line by line, each run of glyphs spread at one even
    step (``spacing.spread_words``) as one extent."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=_top):
        if lines and abs(ch.top - lines[-1][0].top) <= settings.line_tolerance * max(ch.size, 1.0):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [w for line in lines for w in spread_words(sorted(line, key=_x0), settings.space_gap)]


def row_boundaries(chars: Sequence[Char], top: float, bottom: float) -> list[float]:
    """Inner row boundaries of a band with no rule inside: one row per printed line, parted
    at the middle of the gap between two lines."""
    return [(a + b) / 2 for a, b in gaps([(c.top, c.bottom) for c in chars], top, bottom)]


def crossed(chars: Sequence[Char], xs: Sequence[float], ys: Sequence[float], at: int) -> list[bool]:
    """For each grid row, does a glyph of that row run across the boundary ``xs[at]``?"""
    x = xs[at]
    out = [False] * (len(ys) - 1)
    for c in chars:
        if c.x0 < x < c.x1:
            r = bisect_right(ys, (c.top + c.bottom) / 2) - 1
            if 0 <= r < len(out):
                out[r] = True
    return out


def inferred_walls(
    chars: Sequence[Char], xs: Sequence[float], ys: Sequence[float], v: list[list[bool]], inferred: Sequence[float]
) -> list[list[bool]]:
    """``v`` with a wall at each inferred x in every row but those whose text runs across it."""
    v = [row[:] for row in v]
    for x in inferred:
        i = bisect_left(xs, x)
        for r, across in enumerate(crossed(chars, xs, ys, i)):
            v[r][i] = v[r][i] or not across
    return v


def stacked_rules(
    regions: Sequence[Sequence[Segment]], chars: Sequence[Char], blocked: Sequence[BBox], tolerance: float,
    min_overlap: float = 0.5,
) -> list[list[Segment]]:  # fmt: skip
    """Sets of horizontal rules with no vertical rule, stacked into one region per table.

    Rules join the stack above them when their extents overlap by ``min_overlap`` of the
    shorter one, and no ruled table (``blocked``) lies between them: a title's underline and a
    footer's rule must not enclose the table between them. A rule that underlines text (a link)
    joins none. A stack is then cut into tables at each table's last full-width rule
    (``tables_in_stack``).
    """
    stacks: list[tuple[list[Sequence[Segment]], float, float, float]] = []  # rules, x0, x1, last top
    regions = [r for r, under in zip(regions, underlines(regions, chars), strict=True) if not under]
    for region in sorted(regions, key=lambda r: extent(r)[2]):
        x0, x1, y = extent(region)
        for k in range(len(stacks) - 1, -1, -1):
            lines, a, b, last = stacks[k]
            overlap = min(b, x1) - max(a, x0)
            between = any(bx0 < min(b, x1) and bx1 > max(a, x0) and btop >= last and bbottom <= y
                          for bx0, btop, bx1, bbottom in blocked)  # fmt: skip
            if overlap >= min_overlap * min(b - a, x1 - x0) and not between:
                stacks[k] = ([*lines, region], min(a, x0), max(b, x1), y)
                break
        else:
            stacks.append(([region], x0, x1, y))
    return [[s for line in table for s in line] for lines, *_ in stacks for table in tables_in_stack(lines, tolerance)]


def extent(rules: Sequence[Segment]) -> tuple[float, float, float]:
    """Where a set of rules starts and stops across, and its top."""
    return min(s.x0 for s in rules), max(s.x1 for s in rules), min(s.top for s in rules)


def tables_in_stack(lines: Sequence[Sequence[Segment]], tolerance: float) -> list[list[Sequence[Segment]]]:
    """Rule lines, top to bottom, cut into tables: a table ends at the last line as wide as its
    top line. Lines that stop short of it (a merged cell's side) belong to it only if a full
    line follows; lines of another width after its last full line start the next table (two
    tables stacked with no gap, as Okinawa's report prints them).

    A table has at least three full lines (above and below its header, and at its foot, as the
    sparest "booktabs" table has): a line with fewer below it is a stray rule, such as the
    underlines of links printed one under another, and is left out.
    """
    out: list[list[Sequence[Segment]]] = []
    start = 0
    while start < len(lines):
        a, b, _ = extent(lines[start])
        full = [k for k in range(start, len(lines)) if covers(extent(lines[k]), a, b, tolerance)]
        if len(full) < MIN_FULL_LINES:
            start += 1
            continue
        out.append(list(lines[start : full[-1] + 1]))
        start = full[-1] + 1
    return out


def covers(line: tuple[float, float, float], a: float, b: float, tolerance: float) -> bool:
    return line[0] <= a + tolerance and line[1] >= b - tolerance


def underlines(lines: Sequence[Sequence[Segment]], chars: Sequence[Char]) -> list[bool]:
    """For each line of rules, does it underline text: does it run through glyph boxes (or
    within ``UNDERLINE_GAP`` of their size under them) along at least half its length?"""
    by_bottom = sorted(chars, key=_bottom)
    bottoms = [c.bottom for c in by_bottom]
    size = max((c.size for c in chars), default=0.0)
    out = []
    for line in lines:
        x0, x1, y = extent(line)
        near = by_bottom[bisect_left(bottoms, y - UNDERLINE_GAP * size) : bisect_right(bottoms, y + 2 * size)]
        through = [c for c in near if c.top < y <= c.bottom + UNDERLINE_GAP * c.size and x0 <= c.x0 and c.x1 <= x1]
        out.append(sum(c.x1 - c.x0 for c in through) >= 0.5 * (x1 - x0))
    return out


def _bottom(c: Char) -> float:
    return c.bottom


def _top(c: Char) -> float:
    return c.top


def _x0(c: Char) -> float:
    return c.x0
