"""Pure: the glyphs of one printed line → its text, with a space only where the line shows one.

The policy, from the line's own geometry:

- A drawn space glyph is a space (a run of ASCII spaces is one), as long as it is drawn between
  glyphs: a space whose centre lies inside a letter's box is drawn over the letter (a run of
  padding spaces under a word, as camelot's ``split_text_lattice.pdf`` draws), not between two.
- A gap wider than ``Settings.space_gap`` em where nothing is drawn is a space, measured past
  the line's own letter spacing (``tracking``): a letter-spaced heading, a date spread over its
  cell, or a name set in Excel's distributed alignment (均等割付) carries no space inside it,
  while the word gaps of letter-spaced Latin, wider than its letter gaps, still are spaces.
- An undrawn gap between two CJK (full-width) characters is never a space: Japanese puts none
  between words, and a gap there is alignment (均等割付), not a word break.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..model import Char
from ..reading.chars import is_wide

# A line is letter-spaced only when it has at least this many gaps between glyphs, each wider
# than a space would be: two or three glyphs apart are as likely words ("1 2") as a spread word.
MIN_SPREAD_GAPS = 3
# Gaps of a run of glyphs spread evenly (distributed alignment) differ by less than this (em):
# the exporter places each glyph at an equal step.
EVEN_TOLERANCE = 0.05
# Glyphs spread evenly this many or more form one word for column inference.
MIN_SPREAD_GLYPHS = 3


def drawn_between(row: Sequence[Char]) -> list[Char]:
    """The line's glyphs (sorted left to right) less each space glyph whose centre lies inside a
    non-space glyph's box: a space drawn over a letter separates nothing."""
    if not any(c.text.isspace() for c in row):
        return list(row)
    solid = [c for c in row if not c.text.isspace()]
    if not solid:
        return list(row)
    starts = [c.x0 for c in solid]
    ends = [c.x1 for c in solid]
    kept = []
    for c in row:
        if c.text.isspace():
            mid = (c.x0 + c.x1) / 2
            k = bisect_right(starts, mid) - 1
            # Boxes of one line rarely overlap, so the nearest glyph starting left of the centre,
            # or the one before it, is the one that could cover it. A space that starts where
            # its letter starts is part of one glyph's text (a glyph mapped to " ("), which
            # PDFium gives as one character: kept, so that both readers read it alike.
            if any(j >= 0 and starts[j] < mid < ends[j] and not _same_origin(c, solid[j]) for j in (k, k - 1)):
                continue
        kept.append(c)
    return kept


def _same_origin(a: Char, b: Char) -> bool:
    """Do two glyph boxes start at one point (one glyph's text split into characters)?"""
    return abs(a.x0 - b.x0) < 0.001


def tracking(row: Sequence[Char], space_gap: float) -> float:
    """The line's letter spacing (pt): the narrowest undrawn gap between two of its glyphs when
    every such gap is wider than a space (``space_gap`` em) and there are ``MIN_SPREAD_GAPS`` or
    more; else 0. Gaps a drawn space fills are the line's word breaks, not its letter spacing."""
    gaps: list[float] = []
    for a, b in zip(row, row[1:], strict=False):
        if a.text.isspace() or b.text.isspace():
            continue
        gap = b.x0 - a.x1
        if gap <= space_gap * max(a.size, b.size):
            return 0.0
        gaps.append(gap)
    return min(gaps) if len(gaps) >= MIN_SPREAD_GAPS else 0.0


def line_text(row: Sequence[Char], space_gap: float, mixed_gap: float) -> str:
    """One line's glyphs, sorted left to right, as text (see the module's policy).

    Between Japanese and Latin text, word processors add spacing of their own (LibreOffice
    Writer about a fifth of an em: 徘徊 SOS): only a gap wider than ``mixed_gap`` em is a space
    there.
    """
    row = drawn_between(row)
    track = tracking(row, space_gap)
    prev = row[0]
    parts = [prev.text]
    prev_space, prev_wide = prev.text.isspace(), is_wide(prev.text)
    for ch in row[1:]:
        space, wide = ch.text.isspace(), is_wide(ch.text)
        if space and prev_space and ch.text == " " == prev.text:
            prev = ch
            continue
        if not (prev_space or space or (wide and prev_wide)):
            gap = mixed_gap if wide != prev_wide else space_gap
            if ch.x0 - prev.x1 - track > gap * ch.size:
                parts.append(" ")
        parts.append(ch.text)
        prev, prev_space, prev_wide = ch, space, wide
    return "".join(parts)


def spread_words(row: Sequence[Char], space_gap: float) -> list[tuple[float, float]]:
    """The horizontal extents a line's glyphs (sorted left to right) cover, a run of
    ``MIN_SPREAD_GLYPHS`` or more set at one even step wider than a space (a label in
    distributed alignment, 担　当　課) as one extent: no column boundary runs through it."""
    out: list[tuple[float, float]] = []
    i, n = 0, len(row)
    while i < n:
        j = i
        step = row[i + 1].x0 - row[i].x1 if i + 1 < n else 0.0
        em = row[i].size
        if step > space_gap * em and not row[i].text.isspace():
            while (
                j + 1 < n
                and not row[j + 1].text.isspace()
                and abs(row[j + 1].x0 - row[j].x1 - step) <= EVEN_TOLERANCE * em
            ):
                j += 1
        if j + 1 - i >= MIN_SPREAD_GLYPHS:
            out.append((row[i].x0, row[j].x1))
            i = j + 1
        else:
            out.append((row[i].x0, row[i].x1))
            i += 1
    return out
