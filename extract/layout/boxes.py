"""Pure: a framed text box drawn over a table is a note of the table, not part of its grid.

Excel lets a text box float over the cells (「居住地、属性、渡航歴、接触歴等は、現在、調査中です。」
over Tokyo's patient list). Its frame touches the table's rules, so it joins the table's set of
rules, and read as rules its four sides would add two columns and two rows and cut its text at
the grid's rules. A box is told from the grid by its sides: each is drawn for the box alone,
continuing no rule of the table (a cell's side always continues a neighbour's, or the frame).
Its rules are set aside and its text is kept whole, as the table's note.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import BBox, Segment

Key = tuple[int, int]


def _key(a: float, b: float) -> Key:
    return round(a), round(b)


def boxes_drawn(region: Sequence[Segment]) -> list[tuple[BBox, tuple[Segment, ...]]]:
    """Every rectangle the rules draw side by side as four segments (top and bottom rules with
    the same ends, verticals between them at both ends), with its four segments. Found by
    lookups on rounded positions, so the cost grows with the number of rules, not its square."""
    horizontal = {_key(s.x0, s.top): s for s in region if s.horizontal}
    by_ends = {(round(s.x0), round(s.x1), round(s.top)): s for s in horizontal.values()}
    vertical = {_key(s.x0, s.top): s for s in region if not s.horizontal}
    found: list[tuple[BBox, tuple[Segment, ...]]] = []
    for top in horizontal.values():
        left, right = vertical.get(_key(top.x0, top.top)), vertical.get(_key(top.x1, top.top))
        if left is None or right is None or round(left.bottom) != round(right.bottom):
            continue
        bottom = by_ends.get((round(top.x0), round(top.x1), round(left.bottom)))
        if bottom is not None:
            found.append(((top.x0, top.top, top.x1, left.bottom), (top, bottom, left, right)))
    return found


def continues(side: Segment, lines: dict[tuple[bool, int], list[Segment]], tolerance: float) -> bool:
    """Does another rule lie on the side's line (same y, or same x) beyond the side's ends?
    ``lines``: the region's rules by direction and rounded position (``rules_by_line``)."""
    at = side.top if side.horizontal else side.x0
    lo, hi = (side.x0, side.x1) if side.horizontal else (side.top, side.bottom)
    keys = range(round(at - tolerance), round(at + tolerance) + 1)
    for s in (s for k in keys for s in lines.get((side.horizontal, k), ())):
        s_at, s_lo, s_hi = (s.top, s.x0, s.x1) if side.horizontal else (s.x0, s.top, s.bottom)
        if abs(s_at - at) <= tolerance and (s_lo < lo - tolerance or s_hi > hi + tolerance):
            return True
    return False


def rules_by_line(region: Sequence[Segment]) -> dict[tuple[bool, int], list[Segment]]:
    out: dict[tuple[bool, int], list[Segment]] = {}
    for s in region:
        out.setdefault((s.horizontal, round(s.top if s.horizontal else s.x0)), []).append(s)
    return out


def floating_boxes(region: Sequence[Segment], tolerance: float) -> list[tuple[BBox, tuple[Segment, ...]]]:
    """The boxes drawn over a table: rectangles none of whose sides continues another rule, with
    the table's rules running under them from side to side (a table's own frame encloses its
    rules; a box floating over it is crossed by them)."""
    out = []
    lines = rules_by_line(region)
    for box, sides in boxes_drawn(region):
        if not any(continues(side, lines, tolerance) for side in sides) and crossed(box, region, tolerance):
            out.append((box, sides))
    return out


def crossed(box: BBox, region: Sequence[Segment], tolerance: float) -> bool:
    """Does a rule run across the box, in at one side and out at the other?"""
    x0, top, x1, bottom = box
    return any(
        (top < s.top < bottom and s.x0 < x0 - tolerance and s.x1 > x1 + tolerance)
        if s.horizontal
        else (x0 < s.x0 < x1 and s.top < top - tolerance and s.bottom > bottom + tolerance)
        for s in region
    )
