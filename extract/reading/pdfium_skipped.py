"""PDFium: the text objects its text page leaves out (a lone space, a fake-bold repeat). They are
drawn, and pdfminer reports them, so ``missed_chars`` reads them back from the page's objects.
An object it cannot read back (a font the file does not embed, which the machine lacks) is
left ``Unread`` at its place, for another reader to fill (``extract.reading.sources``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..model import Char, Unread
from . import pdfium_c as fpdf
from .chars import Matrix, is_wide, multiply
from .pdfium_c import CFloat, FSMatrix, Handle
from .pdfium_glyphs import Fonts, pdfminer_char
from .pdfium_objects import TEXT, PageObject, object_matrix

SPACES = (" ", "\u3000", "\u00a0")  # the glyphs a zero-width text object can be, likeliest first


def missed_chars(
    objects: list[PageObject],
    seen: dict[int, list[Char]],
    fonts: Fonts,
    to_page: Matrix,
    found: list[Char],
    unread: list[Unread],
) -> Iterator[Char]:
    """Characters of text objects PDFium's text page skipped, as they are drawn.

    The text page drops a text object of zero width (a lone space) and one that repeats the
    previous object at (nearly) the same spot (fake bold). Both are on the page, and pdfminer
    reports them, so they are rebuilt here: a repeat as a copy of the object it repeats, moved
    by the difference of their origins; a zero-width glyph from the object's own matrix. A
    zero-width object in a font the file does not embed is added to ``unread`` instead.
    """
    # The glyphs found when the first lone space turns up (``found`` grows as this yields):
    # a lone space is placed among them (a few per page, so they are scanned, not indexed).
    placed: list[Char] | None = None
    # The previous text object, its outer matrix and its characters; its own matrix is only
    # asked for when an object the text page skipped follows it (a few per page, of thousands).
    previous: tuple[Handle, Matrix, list[Char]] | None = None
    size, width = CFloat(), CFloat()
    buffer = FSMatrix()
    for obj, kind, outer in objects:
        if kind != TEXT:
            continue
        if obj in seen:
            previous = (obj, outer, seen[obj])
            continue
        own = multiply(object_matrix(obj, buffer), outer)
        before = multiply(object_matrix(previous[0], buffer), previous[1]) if previous is not None else own
        if previous is not None and _repeats(before, own, previous[2]):
            dx, dy = own[4] - before[4], own[5] - before[5]
            copies = [
                Char(ch.text, ch.x0 + dx, ch.x1 + dx, ch.top + dy, ch.bottom + dy, ch.size, ch.rotation)
                for ch in previous[2]
            ]
            yield from copies
            previous = (obj, outer, copies)
            continue
        if not _zero_width(obj):
            continue  # skipped for a reason of its own (e.g. the rest of an /ActualText span)
        font = fpdf.FPDFTextObj_GetFont(obj) or 0
        fpdf.FPDFTextObj_GetFontSize(obj, size)
        m = object_matrix(obj)
        lin, descent = (m[0], m[1], m[2], m[3]), fonts.descent(font)
        if not fpdf.FPDFFont_GetIsEmbedded(font):
            # A font the file does not carry is drawn with whatever the machine has: where that
            # lacks the glyph (no CJK font installed), every glyph is outline-less and zero
            # width, not just a space, and neither the text page nor the object says what it
            # is. Where it stands is known: another reader names it there.
            spot = pdfminer_char("", lin, m[4], m[5], 0.0, size.value, descent, outer)
            unread.append(Unread(spot, fonts.name(font)))
            previous = (obj, outer, [])
            continue
        # A zero-width object is a glyph without an outline: a space. The text page cannot say
        # which space, so the one whose advance ends where the next glyph of the line starts
        # wins (exporters place a lone space right before the text that follows it); at a line's
        # end, the ideographic space after a full-width glyph, else the ASCII one.
        if placed is None:
            placed = found[:]
        options = []
        for space in SPACES:
            declared = fonts.space_width(font, space)
            if declared is not None:
                width.value = declared * size.value
            elif not fpdf.FPDFFont_GetGlyphWidth(font, ord(space), size.value, width):
                continue
            if width.value > 0:
                options.append(
                    pdfminer_char(
                        space, lin, m[4], m[5], width.value * math.hypot(m[0], m[1]), size.value, descent, outer
                    )
                )
        if not options:
            continue
        ch = _abutting(options, placed)
        if ch is None:  # at a line's end
            after_wide = _after_wide(options[0], placed)
            ch = next((o for o in options if o.text == "\u3000"), options[0]) if after_wide else options[0]
        yield ch
        previous = (obj, outer, [ch])


def _after_wide(space: Char, chars: list[Char]) -> bool:
    """Does a full-width glyph of the space's line end where it starts (to 0.1 pt)?"""
    line, start = round(space.top, 1), round(space.x0, 1)
    return any(
        abs(ch.x1 - space.x0) < 0.11 and round(ch.x1, 1) == start and ch.rotation == space.rotation
        and round(ch.top, 1) == line and is_wide(ch.text)
        for ch in chars
    )  # fmt: skip


def _abutting(options: list[Char], chars: list[Char]) -> Char | None:
    """The space that fills the gap to the next glyph on its line, if one follows within two em.

    The gap decides which space it is: an ideographic space is a full em, any other space far
    less. (The options' widths alone cannot decide: exporters place the next glyph with spacing
    of their own.) A line is a rotation and a top to 0.1 pt.
    """
    first = options[0]
    lo, hi, line = first.x0 + 0.01, first.x0 + 2 * first.size, round(first.top, 1)
    after = [ch.x0 for ch in chars if lo < ch.x0 < hi and ch.rotation == first.rotation and round(ch.top, 1) == line]
    if not after:
        return None
    gap = min(after) - first.x0
    wanted = "\u3000" if gap >= 0.75 * first.size else " "
    return next((o for o in options if o.text == wanted), None)


def _zero_width(obj: Handle) -> bool:
    left, b, r, t = CFloat(), CFloat(), CFloat(), CFloat()
    if not fpdf.FPDFPageObj_GetBounds(obj, left, b, r, t):
        return False
    return abs(r.value - left.value) < 0.01 or abs(t.value - b.value) < 0.01


def _repeats(before: Matrix, now: Matrix, chars: list[Char]) -> bool:
    """Is this text object drawn on top of the previous one (within a fifth of an em)?"""
    em = max((ch.size for ch in chars), default=0.0)
    return bool(chars) and math.hypot(now[4] - before[4], now[5] - before[5]) <= em / 5
