"""Pure: a table turned a quarter on its page with no /Rotate, read in the text's own frame.

Word prints a landscape table in a portrait document turned by 90° (its text then reads bottom
to top) or 270° (top to bottom), and says nothing of it in /Rotate. Read as the page lies, its
rows are columns. When most glyphs inside the page's ruled regions run one of those two ways,
the whole page is mapped to the frame a reader turning the page sees (the page turned
clockwise by 90° for text reading bottom to top, anticlockwise for top to bottom): glyphs
become upright, rules follow, the page's width and height swap. The grid is then built there,
like any other, and its coordinates are those of the turned page (``PageGrid.turn``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..model import BBox, Char, PageContent, Segment
from ..reading.chars import reading_order

TURNS = (90, 270)


def text_turn(chars: Sequence[Char], regions: Sequence[BBox]) -> int:
    """90 or 270 when more than half the glyphs whose centre lies in ``regions`` run that way
    (90: bottom to top; 270: top to bottom); 0 otherwise."""
    counts: Counter[int] = Counter()
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in regions):
            counts[c.rotation] += 1
    total = sum(counts.values())
    turn, n = max(((t, counts[t]) for t in TURNS), key=lambda tn: tn[1])
    return turn if total and 2 * n > total else 0


def char_in_frame(c: Char, turn: int, width: float, height: float) -> Char:
    """A glyph in the frame of the page turned so that text running ``turn`` degrees reads
    left to right (the page's ``width`` × ``height`` before the turn)."""
    rotation = (c.rotation - turn) % 360
    if turn == 90:  # turned clockwise: X = height - y, Y = x
        return Char(c.text, height - c.bottom, height - c.top, c.x0, c.x1, c.size, rotation)
    # turned anticlockwise: X = y, Y = width - x
    return Char(c.text, c.top, c.bottom, width - c.x1, width - c.x0, c.size, rotation)


def segment_in_frame(s: Segment, turn: int, width: float, height: float) -> Segment:
    if turn == 90:
        return Segment(height - s.bottom, s.x0, height - s.top, s.x1)
    return Segment(s.top, width - s.x1, s.bottom, width - s.x0)


def in_text_frame(page: PageContent, turn: int) -> PageContent:
    """The page as a reader who turns it by ``turn`` (90 or 270) sees it."""
    if turn not in TURNS:
        raise ValueError(f"turn must be 90 or 270, not {turn}")
    w, h = page.width, page.height
    chars = reading_order(char_in_frame(c, turn, w, h) for c in page.chars)
    segments = tuple(segment_in_frame(s, turn, w, h) for s in page.segments)
    return replace(page, width=h, height=w, chars=chars, segments=segments)
