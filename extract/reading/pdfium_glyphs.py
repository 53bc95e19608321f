"""PDFium: a glyph's box as pdfminer gives it, and the font facts the box is built from.

PDFium's own character boxes are glyph outlines, or use an ascent and descent guessed from the
glyphs when the font declares none. The geometry was tuned on pdfminer's boxes, so every
character read from PDFium gets that box instead (``pdfminer_char``): from the origin along the
baseline by the advance, across it from the font's declared /Descent × size, one size high.
Both readings of the text (the text page's characters, and the text objects the text page
leaves out) build their boxes here; a page whose text PDFium cannot report as drawn raises
``NotAsDrawn``.
"""

from __future__ import annotations

import ctypes
import math

from ..model import Char
from . import pdfium_c as fpdf
from .chars import Matrix, rotation_of
from .pdfium_c import CFloat, Handle

Linear = tuple[float, float, float, float]  # a matrix's a, b, c, d: direction and scale, no offset


class NotAsDrawn(Exception):
    """PDFium cannot report the page's text as drawn: the page is read by pdfminer (``pdfio``).

    Raised for right-to-left text, which its text page reorders and rewrites (Arabic
    presentation forms become base letters, whose widths the font does not give). A glyph it
    cannot name (a font the file does not embed, which the machine lacks) costs no page: pdfminer
    names it at its place (``sources``).
    """


class Fonts:
    """Per-font facts looked up once per font handle, not once per character."""

    def __init__(self, descents: dict[str, float], spaces: dict[str, dict[str, float]]) -> None:
        self.descents = descents
        self.spaces = spaces
        self.by_handle: dict[int, float] = {}
        self.widths: dict[int, dict[int, float]] = {}  # font → code → advance per unit of size
        self.buf = ctypes.create_string_buffer(256)

    def name(self, font: Handle) -> str:
        n = fpdf.FPDFFont_GetBaseFontName(font, self.buf, len(self.buf))
        return self.buf.raw[: max(n - 1, 0)].decode("latin-1")

    def space_width(self, font: Handle, space: str) -> float | None:
        """A space glyph's advance per unit of font size, as the font dictionary declares it."""
        return self.spaces.get(self.name(font), {}).get(space)

    def descent(self, font: Handle) -> float:
        found = self.by_handle.get(font)
        if found is None:
            found = self.descents.get(self.name(font))
            if found is None:  # not declared where we could read it: PDFium's own metric
                d = CFloat()
                fpdf.FPDFFont_GetDescent(font, 1.0, d)
                found = d.value
            self.by_handle[font] = found
        return found

    def glyph_widths(self, font: Handle) -> dict[int, float]:
        """The cache of a font's glyph advances, by character code (filled by ``page_chars``)."""
        return self.widths.setdefault(font, {})


def pdfminer_char(
    text: str,
    lin: Linear,
    x: float,
    y: float,
    advance: float,
    size: float,
    descent: float,
    to_page: Matrix,
) -> Char:
    """pdfminer's box: along the baseline from the origin by the advance, across it from
    descent × size to descent × size + size, mapped to the upright page."""
    a, b, c, d = lin
    norm = math.hypot(a, b) or 1.0
    # Text space → user space: the advance is already in user units along (a, b); the em box's
    # height runs along (c, d) in text units.
    ux, uy = a / norm * advance, b / norm * advance
    lo, hi = descent * size, descent * size + size
    blx, bly = x + c * lo, y + d * lo  # the box's corner at the origin, below the baseline
    hx, hy = c * (hi - lo), d * (hi - lo)  # from there across the baseline to the top
    pa, pb, pc, pd, pe, pf = to_page
    if b == 0 and c == 0 and pb == 0 and pc == 0:  # the usual case: nothing turned, two corners do
        x0, x1 = pa * blx + pe, pa * (blx + ux) + pe
        y0, y1 = pd * bly + pf, pd * (bly + hy) + pf
        return Char(text, min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1), size * abs(d), 0 if pa * a > 0 else 180)
    xs = (blx, blx + ux, blx + hx, blx + ux + hx)
    ys = (bly, bly + uy, bly + hy, bly + uy + hy)
    px = [pa * u + pc * v + pe for u, v in zip(xs, ys, strict=False)]
    py = [pb * u + pd * v + pf for u, v in zip(xs, ys, strict=False)]
    rotation = rotation_of(pa * a + pc * b, -(pb * a + pd * b))  # the text's direction, y up
    return Char(text, min(px), max(px), min(py), max(py), size * math.hypot(c, d), rotation)
