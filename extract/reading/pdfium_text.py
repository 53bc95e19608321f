"""PDFium: the text page's characters, each with pdfminer's box (``pdfium_glyphs``).

The text page gives each character's code, origin and text object, but it adds spaces and line
ends of its own (dropped), marks a hyphen that ends a line as U+0002 (read as the hyphen-minus
it is), gives a ligature's letters one by one at one origin (joined back into one character, as
pdfminer reports it), and reorders right-to-left text (such a page raises ``NotAsDrawn``).
``page_chars`` undoes all of it in one pass over the characters, then adds what the text page
left out (``pdfium_skipped``).
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

from ..model import Char, Unread
from . import pdfium_c as fpdf
from .chars import Matrix
from .pdfium_c import CDouble, CFloat, FSMatrix, FSRectF, Handle
from .pdfium_glyphs import Fonts, Linear, NotAsDrawn, pdfminer_char
from .pdfium_objects import TEXT, PageObject
from .pdfium_skipped import missed_chars

# What PDFium's text page adds of its own (spaces and line ends; FPDFText_IsGenerated is asked
# only of these), and its marker of a glyph without Unicode.
_GENERATED = frozenset((0x20, 0x0D, 0x0A))
_NOT_DRAWN = frozenset((0xFFFE,))
# A hyphen that ends a printed line is reported as U+0002 (the text page's "hyphen at line end"
# mark, so that its own text output can join the word). The glyph is drawn, and pdfminer
# reports it as what it is: a hyphen-minus (PDFium marks only U+002D and U+00AD this way, and
# the two are one glyph; the text page keeps no trace of which code it was).
_LINE_END_HYPHEN, _HYPHEN = 0x2, 0x2D
_SPECIAL = _GENERATED | _NOT_DRAWN | {_LINE_END_HYPHEN}


@dataclass(slots=True)
class _TextStyle:
    """What the characters of a text object share: its matrix, size and font.

    Pages have thousands of short text objects (2.5 characters each in the report) and few
    styles, so a style's terms are worked out once per page and shared by its objects.

    The ``an``/``clo``/``dlo``/``hy`` terms are ``pdfminer_char``'s, precomputed in the same
    order of operations, so the fast path in ``page_chars`` gives the very same floats.
    """

    lin: Linear
    size: float
    descent: float
    font: Handle
    widths: dict[int, float]  # the font's glyph advances, shared by its objects
    hyp: float  # the scale of the text's x axis: advance per unit of glyph width × size
    upright: bool  # unturned text on an unturned page: two corners make the box
    an: float = 0.0  # a / |(a, b)|
    clo: float = 0.0  # c × descent × size
    dlo: float = 0.0  # d × descent × size
    hy: float = 0.0  # d × (hi - lo): the box's height (≈ d × size)
    box_size: float = 0.0
    rotation: int = 0


def _text_style(lin: Linear, size: float, font: Handle, fonts: Fonts, to_page: Matrix) -> _TextStyle:
    a, b, c, d = lin
    descent = fonts.descent(font)
    upright = b == 0 and c == 0 and to_page[1] == 0 and to_page[2] == 0
    t = _TextStyle(lin, size, descent, font, fonts.glyph_widths(font), math.hypot(a, b), upright)
    if upright:
        norm = math.hypot(a, b) or 1.0
        lo, hi = descent * size, descent * size + size
        t.an, t.clo, t.dlo, t.hy = a / norm, c * lo, d * lo, d * (hi - lo)
        t.box_size, t.rotation = size * abs(d), 0 if to_page[0] * a > 0 else 180
    return t


def page_chars(
    text_page: Handle, objects: list[PageObject], to_page: Matrix, fonts: Fonts, unread: list[Unread]
) -> list[Char]:
    """The text page's characters with pdfminer's boxes, plus what the text page left out
    (what it cannot read back goes to ``unread``: ``pdfium_skipped``).

    Matrix, font size and descent belong to the text object, and a glyph's width to its font
    and code, so each is asked once and looked up for the other characters. This loop runs
    once per character (tens of thousands a report), so it is written for speed: a text
    object's terms are loaded into locals when the object changes (its characters come
    together), and the usual case (upright text with a known width) is computed inline, in
    ``pdfminer_char``'s order of operations, so it gives the very same floats; ``pdfminer_char``
    does the rest.
    """
    tp = text_page
    # Local names: a global and an attribute lookup less per call, three calls per character
    # (unchecked ones: see pdfium_c._bind_unchecked).
    is_generated = fpdf.FPDFText_IsGenerated
    unicode, text_object = fpdf.FPDFText_GetUnicode, fpdf.FPDFText_GetTextObject
    origin = fpdf.FPDFText_GetCharOrigin
    page_handle = fpdf.CTextPage(tp)
    ox, oy = CDouble(), CDouble()
    x_ref, y_ref = ctypes.byref(ox), ctypes.byref(oy)
    m = FSMatrix()
    pa, _, _, pd, pe, pf = to_page
    styles: dict[tuple[float, float, float, float, float, int], _TextStyle] = {}
    style_of: dict[int, _TextStyle] = {}
    chars: list[Char] = []
    seen: dict[int, list[Char]] = {}  # text object → its characters, to copy a repeated object
    last = -1  # the text object whose terms are in the locals below
    t = own = widths = None
    size = hyp = clo = dlo = an = hy = box_size = 0.0
    fast = x_sorted = y_sorted = False
    rotation = 0
    piece_x = piece_y = math.nan  # the last glyph's origin: a ligature's pieces share it
    for i in range(fpdf.FPDFText_CountChars(tp)):
        code = unicode(page_handle, i)
        if code in _SPECIAL:
            if code == _LINE_END_HYPHEN:
                code = _HYPHEN
            elif code in _NOT_DRAWN or is_generated(tp, i):
                continue
        elif 0x590 <= code <= 0xFEFC and (code <= 0x8FF or 0xFB1D <= code <= 0xFDFF or code >= 0xFE70):
            # Right-to-left scripts (Hebrew, Arabic, Syriac … U+0590-08FF, and the Hebrew and Arabic
            # presentation forms), which the text page reorders and normalises (see NotAsDrawn);
            # spelt out as comparisons, as this runs per character.
            raise NotAsDrawn("right-to-left text")
        obj = text_object(page_handle, i) or 0
        if obj != last:
            last = obj
            t = style_of.get(obj)
            if t is None:
                fpdf.FPDFText_GetMatrix(tp, i, m)
                key = (m.a, m.b, m.c, m.d, fpdf.FPDFText_GetFontSize(tp, i), fpdf.FPDFTextObj_GetFont(obj) or 0)
                t = styles.get(key)
                if t is None:
                    t = styles[key] = _text_style(key[:4], key[4], key[5], fonts, to_page)
                style_of[obj] = t
                seen[obj] = []
            own = seen[obj]
            widths, size, hyp, fast = t.widths, t.size, t.hyp, t.upright
            clo, dlo, an, hy, box_size, rotation = t.clo, t.dlo, t.an, t.hy, t.box_size, t.rotation
            # The box's corners come out in order when the page's and the text's directions
            # agree (the advance is never negative), so no min/max is needed per character.
            x_sorted, y_sorted = pa * an >= 0, pd * hy >= 0
        assert t is not None and own is not None and widths is not None
        origin(page_handle, i, x_ref, y_ref)
        x, y = ox.value, oy.value
        if own and x == piece_x and y == piece_y and chars[-1] is own[-1]:
            # A glyph that stands for several characters (the ligature ﬁ: f, then i at the same
            # origin) is one character whose text is all of them, as pdfminer reports it; its
            # advance is the glyph's (PDFium's loose box), not the first letter's.
            whole = own[-1].text + chr(code)
            ch = pdfminer_char(whole, t.lin, x, y, _advance_of(tp, i, t, 0.0, x, y), size, t.descent, to_page)
            chars[-1] = own[-1] = ch
            continue
        piece_x, piece_y = x, y
        width = widths.get(code)
        if width is None:
            width = widths[code] = _glyph_width(t.font, code)
        if fast and width > 0:
            blx, bly = x + clo, y + dlo
            x0, x1 = pa * blx + pe, pa * (blx + an * (width * size * hyp)) + pe
            y0, y1 = pd * bly + pf, pd * (bly + hy) + pf
            if not x_sorted:
                x0, x1 = x1, x0
            if not y_sorted:
                y0, y1 = y1, y0
            ch = Char(chr(code), x0, x1, y0, y1, box_size, rotation)
        else:
            ch = pdfminer_char(chr(code), t.lin, x, y, _advance_of(tp, i, t, width, x, y), size, t.descent, to_page)
        chars.append(ch)
        own.append(ch)
    if len(seen) < sum(1 for _, kind, _ in objects if kind == TEXT):
        chars.extend(missed_chars(objects, seen, fonts, to_page, chars, unread))
    return chars


def _glyph_width(font: Handle, code: int) -> float:
    """The font's width for the character's code (pdfminer's advance), per unit of size; 0 when
    PDFium cannot map the character back to a code (a ligature's or /ActualText's pieces)."""
    glyph = CFloat()
    return glyph.value if fpdf.FPDFFont_GetGlyphWidth(font, code, 1.0, glyph) else 0.0


def _advance_of(tp: Handle, i: int, t: _TextStyle, width: float, x: float, y: float) -> float:
    """A character's advance: from its font's width, or else from PDFium's loose box."""
    if width > 0:
        return width * t.size * t.hyp
    box = FSRectF()
    fpdf.FPDFText_GetLooseCharBox(tp, i, box)
    return _advance(t.lin, box, x, y)


def _advance(lin: Linear, box: FSRectF, x: float, y: float) -> float:
    """The glyph's advance along its baseline, in page units.

    PDFium's loose box spans origin … origin + advance along the baseline (joined with the
    glyph's outline, which lies inside the advance for ordinary glyphs). Its far edge along the
    text direction, measured from the origin, is the advance.
    """
    ux, uy = lin[0], lin[1]
    norm = math.hypot(ux, uy) or 1.0
    ux, uy = ux / norm, uy / norm
    far_x = box.right if ux >= 0 else box.left
    far_y = box.top if uy >= 0 else box.bottom
    return max((far_x - x) * ux + (far_y - y) * uy, 0.0)


def text_layer(text_page: Handle, to_page: Matrix) -> tuple[Char, ...]:
    """The text page's characters as it reports them, for the build's own check (a second
    count, ``extract.layout.selfcheck``): none of ``page_chars``'s repairs, PDFium's own (loose) boxes,
    white space and the glyphs it cannot name left out, a line-end hyphen read as the hyphen."""
    tp, page_handle = text_page, fpdf.CTextPage(text_page)
    unicode, loose_box = fpdf.FPDFText_GetUnicode, fpdf.FPDFText_GetLooseCharBoxRef
    box = FSRectF()
    ref = ctypes.byref(box)
    pa, pb, pc, pd, pe, pf = to_page
    out = []
    for i in range(fpdf.FPDFText_CountChars(tp)):
        code = unicode(page_handle, i)
        if code in _NOT_DRAWN or chr(code).isspace():
            continue
        loose_box(page_handle, i, ref)
        x, y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
        cx, cy = pa * x + pc * y + pe, pb * x + pd * y + pf
        text = "-" if code == _LINE_END_HYPHEN else chr(code)
        out.append(Char(text, cx, cx, cy, cy, 0.0))
    return tuple(out)
