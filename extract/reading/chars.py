"""Small pure helpers both readers use for characters, so that they agree by construction."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from functools import cache

from ..model import Char

Matrix = tuple[float, float, float, float, float, float]


@cache
def is_wide(text: str) -> bool:
    """Is the glyph full width (Japanese letters, full-width forms)? Cached: asked per glyph."""
    return unicodedata.east_asian_width(text[:1] or " ") in ("W", "F")


def rotation_of(a: float, b: float) -> int:
    """The direction text runs, in whole degrees counter-clockwise, from a y-up matrix's first
    column (the image of the text's x axis)."""
    return round(math.degrees(math.atan2(b, a))) % 360


def reading_order(chars: Iterable[Char]) -> tuple[Char, ...]:
    """Characters by position, not by drawing order: rotation, then line, then along the line.

    The line key is the baseline side of the box rounded to 0.1 pt, so that glyphs of one line
    drawn by different text objects (or in a different order by another reader) sort alike.
    """
    return tuple(sorted(chars, key=_key))


def _key(c: Char) -> tuple[int, float, float, float]:
    if c.rotation == 90:  # reads bottom to top: lines left to right, along the line upwards
        return (90, round(c.x1, 1), -c.bottom, c.top)
    if c.rotation == 270:  # top to bottom: lines right to left
        return (270, -round(c.x0, 1), c.top, c.x0)
    if c.rotation == 180:
        return (180, -round(c.top, 1), -c.x1, c.x0)
    return (c.rotation, round(c.bottom, 1), c.x0, c.top)


def transform(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention: a point goes through m first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def upright_matrix(box: tuple[float, float, float, float], rotate: int) -> tuple[Matrix, float, float]:
    """The map from PDF user space (y up) to the upright page's top-left coordinates (y down),
    with the upright page's width and height.

    ``box`` is the MediaBox as written (corners in any order, origin anywhere); ``rotate`` is
    /Rotate in degrees, the clockwise turn a viewer applies before display.
    """
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    w, h = x1 - x0, y1 - y0
    turn = rotate % 360
    # u = x - x0, v = y - y0 (bottom-left origin, y up); then each turn maps (u, v) to (X, Y).
    if turn == 90:
        base, size = (0.0, 1.0, 1.0, 0.0, 0.0, 0.0), (h, w)  # X = v, Y = u
    elif turn == 180:
        base, size = (-1.0, 0.0, 0.0, 1.0, w, 0.0), (w, h)  # X = w - u, Y = v
    elif turn == 270:
        base, size = (0.0, -1.0, -1.0, 0.0, h, w), (h, w)  # X = h - v, Y = w - u
    else:
        base, size = (1.0, 0.0, 0.0, -1.0, 0.0, h), (w, h)  # X = u, Y = h - v
    return multiply((1.0, 0.0, 0.0, 1.0, -x0, -y0), base), size[0], size[1]
