"""The I/O step on PDFium (pypdfium2's raw API): the default reader, several times faster than
pdfminer, with the same output as ``pdfio`` (pdfplumber) to 0.01 pt.

What PDFium's text page does that a table reader must undo, and how:

* it adds spaces and line ends of its own (``FPDFText_IsGenerated``): dropped;
* it skips zero-width text objects (a lone space) and a text object that repeats the previous
  one (fake bold): both are drawn, so they are read back from the page objects;
* its character boxes are glyph outlines or use ascent/descent guessed from glyphs when the
  font declares none: boxes are rebuilt as pdfminer does (origin, advance × size, the font's
  declared /Descent), which is what the geometry was tuned on;
* its coordinates are PDF user space (y up, MediaBox origin, before /Rotate): everything is
  mapped to the upright page's top-left coordinates.

PDFium is not thread-safe: use processes for parallel reading (``extract.page_grids_parallel``).
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2  # noqa: F401 (importing it initialises the PDFium library)
import pypdfium2.raw as pdfium
import pypdfium2_raw.bindings as pdfium_bindings

from .chars import Matrix, multiply, reading_order, rotation_of, transform, upright_matrix
from .errors import ExtractionError
from .fontmetrics import font_metrics
from .model import Char, PageContent
from .pdffile import check_is_pdf, has_end_marker
from .rules import PaintedPath, Subpath, ruling_segments
from .settings import DEFAULT, Settings

_TEXT, _PATH, _FORM = pdfium.FPDF_PAGEOBJ_TEXT, pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM
_LINETO, _BEZIER, _MOVETO = pdfium.FPDF_SEGMENT_LINETO, pdfium.FPDF_SEGMENT_BEZIERTO, pdfium.FPDF_SEGMENT_MOVETO


SPACES = (" ", "\u3000", "\u00a0")  # the glyphs a zero-width text object can be, likeliest first


@dataclass(frozen=True, slots=True)
class Document:
    handle: object
    path: Path
    descents: dict[str, float]  # BaseFont → declared descent per unit of font size
    spaces: dict[str, dict[str, float]]  # BaseFont → space glyph → advance per unit of font size


@contextmanager
def open_pdf(path: Path) -> Iterator[Document]:
    """Open a PDF, turning PDFium's error codes into the same messages as ``pdfio``."""
    path = Path(path)
    if not path.exists():
        raise ExtractionError("file not found", file=str(path))
    check_is_pdf(path)
    handle = pdfium.FPDF_LoadDocument(str(path).encode("utf-8"), None)
    if not handle:
        code = pdfium.FPDF_GetLastError()
        if code == pdfium.FPDF_ERR_PASSWORD:
            raise ExtractionError("encrypted PDF: it needs a password to be read", file=str(path))
        detail = {pdfium.FPDF_ERR_FILE: "cannot open the file", pdfium.FPDF_ERR_FORMAT: "not a valid PDF structure",
                  pdfium.FPDF_ERR_SECURITY: "unsupported security handler"}.get(code, f"PDFium error {code}")
        raise ExtractionError(f"damaged or truncated PDF ({detail})", file=str(path))
    try:
        if not has_end_marker(path):
            # PDFium rebuilds a cut-off file's cross-reference table and reads what is left, so a
            # truncated download would silently lose pages; refuse it like pdfminer does.
            raise ExtractionError("damaged or truncated PDF (no %%EOF: the file is cut short)", file=str(path))
        yield Document(handle, path, *font_metrics(path))
    finally:
        pdfium.FPDF_CloseDocument(handle)


def count_pages(path: Path) -> int:
    with open_pdf(path) as doc:
        return pdfium.FPDF_GetPageCount(doc.handle)


def read_pages(path: Path, settings: Settings = DEFAULT, pages: Sequence[int] | None = None) -> Iterator[PageContent]:
    """Yield each page's characters and ruling lines; ``pages`` are 1-based numbers to read."""
    with open_pdf(path) as doc:
        for number in pages or range(1, pdfium.FPDF_GetPageCount(doc.handle) + 1):
            try:
                content = page_content(doc, number, settings)
            except Exception as e:
                raise ExtractionError(
                    f"cannot read page ({e or type(e).__name__})", file=str(path), page=number
                ) from e
            yield content


def page_content(doc: Document, number: int, settings: Settings) -> PageContent:
    page = pdfium.FPDF_LoadPage(doc.handle, number - 1)
    if not page:
        raise ValueError("PDFium cannot load the page")
    try:
        to_page, width, height = upright_matrix(media_box(page), pdfium.FPDFPage_GetRotation(page) * 90)
        objects = list(page_objects(page, to_page))
        text_page = pdfium.FPDFText_LoadPage(page)
        try:
            chars = page_chars(text_page, objects, to_page, _Fonts(doc.descents, doc.spaces))
        finally:
            pdfium.FPDFText_ClosePage(text_page)
        paths = [painted_path(obj, m) for obj, kind, m in objects if kind == _PATH]
        return PageContent(
            source_file=str(doc.path),
            page_number=number,
            width=width,
            height=height,
            chars=reading_order(chars),
            segments=tuple(ruling_segments(paths, settings)),
        )
    finally:
        pdfium.FPDF_ClosePage(page)


def media_box(page: object) -> tuple[float, float, float, float]:
    left, b, r, t = (ctypes.c_float() for _ in range(4))
    if not pdfium.FPDFPage_GetMediaBox(page, left, b, r, t):
        return (0.0, 0.0, pdfium.FPDF_GetPageWidthF(page), pdfium.FPDF_GetPageHeightF(page))
    return (left.value, b.value, r.value, t.value)


def object_matrix(obj: object) -> Matrix:
    m = pdfium.FS_MATRIX()
    pdfium.FPDFPageObj_GetMatrix(obj, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def page_objects(page: object, to_page: Matrix) -> Iterator[tuple[object, int, Matrix]]:
    """Every text and path object, form XObjects opened, each with the map from its own space
    to the upright page (an object inside a form is placed by the form's matrix)."""
    stack = [(pdfium.FPDFPage_GetObject(page, i), to_page) for i in range(pdfium.FPDFPage_CountObjects(page))]
    stack.reverse()
    while stack:
        obj, outer = stack.pop()
        kind = pdfium.FPDFPageObj_GetType(obj)
        if kind == _FORM:
            inner = multiply(object_matrix(obj), outer)
            n = pdfium.FPDFFormObj_CountObjects(obj)
            stack.extend((pdfium.FPDFFormObj_GetObject(obj, i), inner) for i in reversed(range(n)))
        elif kind in (_TEXT, _PATH):
            yield obj, kind, (multiply(object_matrix(obj), outer) if kind == _PATH else outer)


def painted_path(obj: object, m: Matrix) -> PaintedPath:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    width = ctypes.c_float()
    pdfium.FPDFPageObj_GetStrokeWidth(obj, width)
    subpaths: list[Subpath] = []
    points: list[tuple[float, float]] = []
    curves: set[int] = set()
    closed = False
    x, y = ctypes.c_float(), ctypes.c_float()
    n = pdfium.FPDFPath_CountSegments(obj)
    i = 0
    while i < n:
        seg = pdfium.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium.FPDFPathSegment_GetType(seg)
        if kind == _BEZIER:  # three points: two control points and the end
            seg = pdfium.FPDFPath_GetPathSegment(obj, i + 2)
            i += 2
        pdfium.FPDFPathSegment_GetPoint(seg, x, y)
        point = transform(m, x.value, y.value)
        if kind == _MOVETO:
            if points:
                subpaths.append(Subpath(tuple(points), closed, frozenset(curves)))
            points, curves, closed = [point], set(), False
        else:
            if kind == _BEZIER:
                curves.add(len(points) - 1)
            points.append(point)
        closed = closed or bool(pdfium.FPDFPathSegment_GetClose(seg))
        i += 1
    if points:
        subpaths.append(Subpath(tuple(points), closed, frozenset(curves)))
    return PaintedPath(tuple(subpaths), bool(stroke.value), fill_mode.value != 0, width.value)


class _Fonts:
    """Per-font facts looked up once per font handle, not once per character."""

    def __init__(self, descents: dict[str, float], spaces: dict[str, dict[str, float]]) -> None:
        self.descents = descents
        self.spaces = spaces
        self.by_handle: dict[int, float] = {}
        self.buf = ctypes.create_string_buffer(256)

    def name(self, font: int) -> str:
        n = pdfium.FPDFFont_GetBaseFontName(ctypes.cast(font, pdfium.FPDF_FONT), self.buf, len(self.buf))
        return self.buf.raw[: max(n - 1, 0)].decode("latin-1")

    def space_width(self, font: int, space: str) -> float | None:
        """A space glyph's advance per unit of font size, as the font dictionary declares it."""
        return self.spaces.get(self.name(font), {}).get(space)

    def descent(self, font: int) -> float:
        found = self.by_handle.get(font)
        if found is None:
            found = self.descents.get(self.name(font))
            if found is None:  # not declared where we could read it: PDFium's own metric
                d = ctypes.c_float()
                pdfium.FPDFFont_GetDescent(ctypes.cast(font, pdfium.FPDF_FONT), ctypes.c_float(1.0), d)
                found = d.value
            self.by_handle[font] = found
        return found


def _bind(name: str, restype: object, *argtypes: object) -> object:
    """A private prototype of a PDFium function taking and returning plain addresses (ints):
    pypdfium2's typed pointers cost a conversion per call, and the character loop makes
    several calls per character."""
    fn = pdfium_bindings._libs["pdfium"][name]
    fn.restype, fn.argtypes = restype, list(argtypes)
    return fn


_P, _I, _D, _F = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_float)
_count_chars = _bind("FPDFText_CountChars", _I, _P)
_is_generated = _bind("FPDFText_IsGenerated", _I, _P, _I)
_unicode = _bind("FPDFText_GetUnicode", ctypes.c_uint, _P, _I)
_text_object = _bind("FPDFText_GetTextObject", _P, _P, _I)
_font_size = _bind("FPDFText_GetFontSize", ctypes.c_double, _P, _I)
_origin = _bind("FPDFText_GetCharOrigin", _I, _P, _I, _D, _D)
_char_matrix = _bind("FPDFText_GetMatrix", _I, _P, _I, ctypes.POINTER(pdfium.FS_MATRIX))
_loose_box = _bind("FPDFText_GetLooseCharBox", _I, _P, _I, ctypes.POINTER(pdfium.FS_RECTF))
_object_font = _bind("FPDFTextObj_GetFont", _P, _P)
_glyph_width = _bind("FPDFFont_GetGlyphWidth", _I, _P, ctypes.c_uint, ctypes.c_float, _F)


def page_chars(
    text_page: object, objects: list[tuple[object, int, Matrix]], to_page: Matrix, fonts: _Fonts
) -> list[Char]:
    """The text page's characters with pdfminer's boxes, plus what the text page left out.

    Matrix, font size and descent belong to the text object, and a glyph's width to its font
    and code, so each is asked once and looked up for the other characters.
    """
    tp = ctypes.cast(text_page, ctypes.c_void_p).value
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    m = pdfium.FS_MATRIX()
    box = pdfium.FS_RECTF()
    glyph = ctypes.c_float()
    per_object: dict[int, tuple[tuple[float, float, float, float], float, float, int]] = {}
    widths: dict[tuple[int, int], float] = {}
    chars: list[Char] = []
    seen: dict[int, list[Char]] = {}  # text object → its characters, to copy a repeated object
    for i in range(_count_chars(tp)):
        if _is_generated(tp, i):
            continue
        code = _unicode(tp, i)
        if code in (0xFFFE, 0x2):  # a line-end hyphen marker or an unmappable glyph
            continue
        obj = _text_object(tp, i) or 0
        known = per_object.get(obj)
        if known is None:
            _char_matrix(tp, i, m)
            font = _object_font(obj) or 0
            known = ((m.a, m.b, m.c, m.d), _font_size(tp, i), fonts.descent(font), font)
            per_object[obj] = known
        lin, size, descent, font = known
        _origin(tp, i, pox, poy)
        width = widths.get((font, code))
        if width is None:
            # The font's width for the character's code (pdfminer's advance); 0 when PDFium
            # cannot map the character back to a code (a ligature's or /ActualText's pieces).
            width = glyph.value if _glyph_width(font, code, 1.0, ctypes.byref(glyph)) else 0.0
            widths[(font, code)] = width
        if width > 0:
            advance = width * size * math.hypot(lin[0], lin[1])
        else:
            _loose_box(tp, i, box)
            advance = _advance(lin, box, ox.value, oy.value)
        ch = _char(chr(code), lin, ox.value, oy.value, advance, size, descent, to_page)
        chars.append(ch)
        seen.setdefault(obj, []).append(ch)
    if len(seen) < sum(1 for _, kind, _ in objects if kind == _TEXT):
        chars.extend(missed_chars(objects, seen, fonts, to_page, chars))
    return chars


def _advance(lin: tuple[float, float, float, float], box: object, x: float, y: float) -> float:
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


def _char(
    text: str, lin: tuple[float, float, float, float], x: float, y: float, advance: float, size: float,
    descent: float, to_page: Matrix,
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


def missed_chars(objects: list[tuple[object, int, Matrix]], seen: dict[int, list[Char]], fonts: _Fonts,
                 to_page: Matrix, found: list[Char]) -> Iterator[Char]:
    """Characters of text objects PDFium's text page skipped, as they are drawn.

    The text page drops a text object of zero width (a lone space) and one that repeats the
    previous object at (nearly) the same spot (fake bold). Both are on the page, and pdfminer
    reports them, so they are rebuilt here: a repeat as a copy of the object it repeats, moved
    by the difference of their origins; a zero-width glyph from the object's own matrix.
    """
    starts: dict[tuple[int, float], list[float]] = {}
    wide_ends: set[tuple[int, float, float]] = set()
    previous: tuple[Matrix, list[Char]] | None = None
    size, width = ctypes.c_float(), ctypes.c_float()
    for obj, kind, outer in objects:
        if kind != _TEXT:
            continue
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        own = multiply(object_matrix(obj), outer)
        if key in seen:
            previous = (own, seen[key])
            continue
        if previous is not None and _repeats(previous[0], own, previous[1]):
            dx, dy = own[4] - previous[0][4], own[5] - previous[0][5]
            copies = [Char(ch.text, ch.x0 + dx, ch.x1 + dx, ch.top + dy, ch.bottom + dy, ch.size, ch.rotation)
                      for ch in previous[1]]
            yield from copies
            previous = (own, copies)
            continue
        if not _zero_width(obj):
            continue  # skipped for a reason of its own (e.g. the rest of an /ActualText span)
        # A zero-width object is a glyph without an outline: a space. The text page cannot say
        # which space, so the one whose advance ends where the next glyph of the line starts
        # wins (exporters place a lone space right before the text that follows it); at a line's
        # end, the ideographic space after a full-width glyph, else the ASCII one.
        if not starts:  # where glyphs start and where full-width ones end, once per page
            for found_ch in found:
                starts.setdefault((found_ch.rotation, round(found_ch.top, 1)), []).append(found_ch.x0)
                if _wide(found_ch.text):
                    wide_ends.add((found_ch.rotation, round(found_ch.top, 1), round(found_ch.x1, 1)))
        pdfium.FPDFTextObj_GetFontSize(obj, size)
        font = pdfium.FPDFTextObj_GetFont(obj)
        m = object_matrix(obj)
        lin, descent = (m[0], m[1], m[2], m[3]), fonts.descent(ctypes.cast(font, ctypes.c_void_p).value or 0)
        options = []
        for space in SPACES:
            declared = fonts.space_width(ctypes.cast(font, ctypes.c_void_p).value or 0, space)
            if declared is not None:
                width.value = declared * size.value
            elif not pdfium.FPDFFont_GetGlyphWidth(font, ord(space), ctypes.c_float(size.value), width):
                continue
            if width.value > 0:
                options.append(_char(space, lin, m[4], m[5], width.value * math.hypot(m[0], m[1]), size.value,
                                     descent, outer))
        if not options:
            continue
        ch = _abutting(options, starts)
        if ch is None:
            after_wide = (options[0].rotation, round(options[0].top, 1), round(options[0].x0, 1)) in wide_ends
            ch = next((o for o in options if o.text == "\u3000"), options[0]) if after_wide else options[0]
        yield ch
        previous = (own, [ch])


def _abutting(options: list[Char], starts: dict[tuple[int, float], list[float]]) -> Char | None:
    """The space that fills the gap to the next glyph on its line, if one follows within two em.

    The gap decides which space it is: an ideographic space is a full em, any other space far
    less. (The options' widths alone cannot decide: exporters place the next glyph with spacing
    of their own.)
    """
    first = options[0]
    line_starts = starts.get((first.rotation, round(first.top, 1)), ())
    after = [x for x in line_starts if first.x0 + 0.01 < x < first.x0 + 2 * first.size]
    if not after:
        return None
    gap = min(after) - first.x0
    wanted = "\u3000" if gap >= 0.75 * first.size else " "
    return next((o for o in options if o.text == wanted), None)


def _wide(text: str) -> bool:
    return unicodedata.east_asian_width(text[:1] or " ") in ("W", "F")


def _zero_width(obj: object) -> bool:
    left, b, r, t = (ctypes.c_float() for _ in range(4))
    if not pdfium.FPDFPageObj_GetBounds(obj, left, b, r, t):
        return False
    return abs(r.value - left.value) < 0.01 or abs(t.value - b.value) < 0.01


def _repeats(before: Matrix, now: Matrix, chars: list[Char]) -> bool:
    """Is this text object drawn on top of the previous one (within a fifth of an em)?"""
    em = max((ch.size for ch in chars), default=0.0)
    return bool(chars) and math.hypot(now[4] - before[4], now[5] - before[5]) <= em / 5
