"""Pure: what one reader gives where another cannot read, and the page's corner in pdfplumber's
coordinates.

PDFium draws a glyph of a font the file does not embed with whatever font the machine has; where
the machine has none with that glyph, the glyph has no outline and no width, its text page skips
it, and nothing PDFium reports names it (``pdfium_skipped``). pdfminer decodes the same glyph from
the content stream and the font's encoding, whatever is installed, so the default reader takes
pdfminer's characters at those places (``named_at``). A page so reads the same characters on
every machine.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Char, Unread

# How close (pt) a character's edges must be to where a glyph starts: the two readers agree to
# 0.01 pt (tests/test_readers.py).
EDGE = 0.02


def starts_at(ch: Char, spot: Char) -> bool:
    """Does the character start where ``spot`` (a box of no advance at a glyph's origin) is?

    The spot has the glyph's box across the baseline and no length along it: a glyph drawn there
    shares both its edges across the baseline and its edge at the origin (not the far one: the
    glyph before it ends there).
    """
    if ch.rotation != spot.rotation:
        return False

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= EDGE

    across = near(ch.top, spot.top) and near(ch.bottom, spot.bottom)
    along = near(ch.x0, spot.x0) and near(ch.x1, spot.x1)
    if ch.rotation == 0:
        return across and near(ch.x0, spot.x0)
    if ch.rotation == 180:
        return across and near(ch.x1, spot.x1)
    if ch.rotation == 90:  # reads bottom to top
        return along and near(ch.bottom, spot.bottom)
    if ch.rotation == 270:
        return along and near(ch.top, spot.top)
    # Any other angle: the spot within the glyph's box.
    return (
        ch.x0 - EDGE <= spot.x0
        and spot.x1 <= ch.x1 + EDGE
        and ch.top - EDGE <= spot.top <= spot.bottom <= ch.bottom + EDGE
    )


def named_at(unread: Sequence[Unread], chars: Sequence[Char]) -> tuple[tuple[Char, ...], tuple[Unread, ...]]:
    """Another reader's characters that start where PDFium could not name a glyph, and the places
    where that reader names none either (still unread).

    A place two text objects share (a glyph drawn over itself) takes the characters there once.
    """
    taken: list[Char] = []
    left: list[Unread] = []
    for u in unread:
        here = [ch for ch in chars if starts_at(ch, u.spot)]
        if not here:
            left.append(u)
        taken += [ch for ch in here if ch not in taken]
    return tuple(taken), tuple(left)


def plumber_origin(box: tuple[float, float, float, float], rotate: int) -> tuple[float, float]:
    """The upright page's top-left corner in pdfplumber's coordinates, for a MediaBox as written
    and /Rotate in degrees: pdfplumber keeps x as in the PDF and measures down from the box's
    top, so its corner is (x0, -y0) of the box (x and y swapped on a page turned a quarter)."""
    x0, y0 = min(box[0], box[2]), min(box[1], box[3])
    if rotate % 180 == 90:
        x0, y0 = y0, x0
    return (x0 + 0.0, -y0 + 0.0)
