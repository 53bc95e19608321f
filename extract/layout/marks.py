"""Pure: text drawn over a page that belongs to no cell (a draft stamp, a watermark), set apart.

Offices stamp drafts with large light text (案, 公表用) drawn slanted across each page, over or
under the table. Its glyphs are not data: dropped into whichever cells lie under them, they make
``76回`` read ``76回⏎案``. The reader tells them apart by how they are drawn, never by their
words (there is no list of stamp words). A glyph is a mark when two or more of these hold:

- it is far larger than the page's text (``Settings.mark_size`` times the median glyph size);
- it runs at an angle no table text uses: not upright, not a quarter turn (vertical header
  labels and turned tables run at 90° and 270°);
- a ruling line runs through the middle of its box: table text sits between its rules (an
  underline runs along a glyph's foot, not through its middle).

A glyph for which exactly one holds cannot be told apart by geometry alone (a large upright
heading inside a cell, a slanted glyph between rules): it stays where it is printed, and is
named as such, so that a person checks it. (Colour and transparency, which would tell more,
are not read: the readers give glyphs without them.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from ..model import Char, Mark, Segment
from ..settings import DEFAULT, Settings

# A ruling line through this middle share of a glyph's box (each way) crosses the glyph.
MIDDLE = 0.5


def slanted(ch: Char) -> bool:
    """Does the glyph run at an angle other than upright or a quarter turn?"""
    return ch.rotation % 90 != 0


def crossed_by_rule(ch: Char, segments: Sequence[Segment]) -> bool:
    """Does a ruling line run through the middle of the glyph's box?"""
    w, h = ch.x1 - ch.x0, ch.bottom - ch.top
    mx0, mx1 = ch.x0 + (1 - MIDDLE) / 2 * w, ch.x1 - (1 - MIDDLE) / 2 * w
    mt, mb = ch.top + (1 - MIDDLE) / 2 * h, ch.bottom - (1 - MIDDLE) / 2 * h
    for s in segments:
        if s.horizontal:
            y = (s.top + s.bottom) / 2
            if mt < y < mb and s.x0 < mx1 and s.x1 > mx0:
                return True
        else:
            x = (s.x0 + s.x1) / 2
            if mx0 < x < mx1 and s.top < mb and s.bottom > mt:
                return True
    return False


def signs(ch: Char, text_size: float, segments: Sequence[Segment], settings: Settings = DEFAULT) -> int:
    """How many of the three signs of a stamp the glyph shows (see the module's docstring)."""
    big = ch.size >= settings.mark_size * text_size
    if not big and not slanted(ch):  # the common case: no rule can make it a mark alone
        return 0
    return int(big) + int(slanted(ch)) + int(crossed_by_rule(ch, segments))


def set_marks_apart(
    chars: Sequence[Char], segments: Sequence[Segment], settings: Settings = DEFAULT
) -> tuple[list[Char], list[Mark]]:
    """The glyphs that belong to the page's text, and the marks drawn over it: those with two
    signs or more set apart (sure), those with one kept in place and named (not sure)."""
    if not chars:
        return [], []
    text_size = median(c.size for c in chars)
    big = settings.mark_size * text_size
    if all(c.size < big and c.rotation % 90 == 0 for c in chars):  # the common page: nothing to set apart
        return list(chars), []
    kept: list[Char] = []
    sure: list[Char] = []
    unsure: list[Char] = []
    for ch in chars:
        n = 0 if ch.text.isspace() else signs(ch, text_size, segments, settings)
        if n >= 2:
            sure.append(ch)
            continue
        if n == 1:
            unsure.append(ch)
        kept.append(ch)
    return kept, [*stamps(sure, True), *stamps(unsure, False)]


def stamps(chars: Sequence[Char], sure: bool) -> list[Mark]:
    """Mark glyphs grouped into stamps: glyphs of one angle and size, each within two of its
    size of another, read along the direction they run."""
    groups: list[list[Char]] = []
    for ch in sorted(chars, key=_centre):
        near = [g for g in groups if any(_close(ch, o) for o in g)]
        merged = [ch, *(o for g in near for o in g)]
        groups = [g for g in groups if g not in near] + [merged]
    out = []
    for group in groups:
        angle = math.radians(group[0].rotation)
        along = (math.cos(angle), -math.sin(angle))  # the text's direction, y down the page

        def position(c: Char, along: tuple[float, float] = along) -> float:
            x, y = _centre(c)
            return x * along[0] + y * along[1]

        ordered = sorted(group, key=position)
        x0, top = min(c.x0 for c in group), min(c.top for c in group)
        out.append(
            Mark(
                "".join(c.text for c in ordered),
                (x0, top, max(c.x1 for c in group), max(c.bottom for c in group)),
                sure,
            )
        )
    return sorted(out, key=lambda m: (m.bbox[1], m.bbox[0]))


def _centre(c: Char) -> tuple[float, float]:
    return ((c.x0 + c.x1) / 2, (c.top + c.bottom) / 2)


def _close(a: Char, b: Char) -> bool:
    if a.rotation != b.rotation:
        return False
    (ax, ay), (bx, by) = _centre(a), _centre(b)
    return math.hypot(ax - bx, ay - by) <= 2 * max(a.size, b.size)
