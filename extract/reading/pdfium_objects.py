"""PDFium: what a page draws, as objects (form XObjects opened), and its paths as painted.

``page_objects`` walks the page's object tree once, for both readings of it: the text objects
are read for the characters the text page skips, the path objects by ``painted_path``, which
hands ``rules`` the plain data it decides table rules from (as ``pdfio`` does for pdfminer).
"""

from __future__ import annotations

from collections.abc import Iterator

from . import pdfium_c as fpdf
from .chars import Matrix, multiply, transform
from .pdfium_c import CFloat, CInt, CUInt, FSMatrix, Handle
from .rules import PaintedPath, PathStep, subpaths

# The kinds of object page_objects yields, and the form XObjects it opens.
TEXT, PATH, _FORM = fpdf.FPDF_PAGEOBJ_TEXT, fpdf.FPDF_PAGEOBJ_PATH, fpdf.FPDF_PAGEOBJ_FORM
_BEZIER, _MOVETO = fpdf.FPDF_SEGMENT_BEZIERTO, fpdf.FPDF_SEGMENT_MOVETO

PageObject = tuple[Handle, int, Matrix]  # a text or path object, its type, its map to the page


def object_matrix(obj: Handle, m: FSMatrix | None = None) -> Matrix:
    """A page object's matrix (``m``: a buffer to reuse, in loops over many objects)."""
    m = FSMatrix() if m is None else m
    fpdf.FPDFPageObj_GetMatrix(obj, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def page_objects(page: Handle, to_page: Matrix) -> Iterator[PageObject]:
    """Every text and path object, form XObjects opened, each with the map from its own space
    to the upright page (an object inside a form is placed by the form's matrix)."""
    m = FSMatrix()
    stack = [(fpdf.FPDFPage_GetObject(page, i), to_page) for i in range(fpdf.FPDFPage_CountObjects(page))]
    stack.reverse()
    while stack:
        obj, outer = stack.pop()
        if not obj:  # PDFium gives no object: nothing drawn (its type would read as unknown)
            continue
        kind = fpdf.FPDFPageObj_GetType(obj)
        if kind == _FORM:
            inner = multiply(object_matrix(obj, m), outer)
            n = fpdf.FPDFFormObj_CountObjects(obj)
            stack.extend((fpdf.FPDFFormObj_GetObject(obj, i), inner) for i in reversed(range(n)))
        elif kind in (TEXT, PATH):
            yield obj, kind, (multiply(object_matrix(obj, m), outer) if kind == PATH else outer)


def painted_path(obj: Handle, m: Matrix) -> PaintedPath:
    fill_mode, stroke = CInt(), CInt()
    fpdf.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    width = CFloat()
    fpdf.FPDFPageObj_GetStrokeWidth(obj, width)
    filled = fill_mode.value != 0
    white = filled and fill_is_white(obj)
    return PaintedPath(subpaths(path_steps(obj, m)), bool(stroke.value), filled, width.value, white)


def fill_is_white(obj: Handle) -> bool:
    """Is the object filled in the page's own colour (opaque white)? PDFium gives 0-255 RGBA."""
    r, g, b, a = CUInt(), CUInt(), CUInt(), CUInt()
    if not fpdf.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return min(r.value, g.value, b.value) >= 253 and a.value >= 253


def path_steps(obj: Handle, m: Matrix) -> Iterator[PathStep]:
    """A path object's segments as ``rules.subpaths`` takes them, mapped to the page."""
    x, y = CFloat(), CFloat()
    n = fpdf.FPDFPath_CountSegments(obj)
    i = 0
    while i < n:
        seg = fpdf.FPDFPath_GetPathSegment(obj, i)
        kind = fpdf.FPDFPathSegment_GetType(seg)
        if kind == _BEZIER:  # three points: two control points and the end
            seg = fpdf.FPDFPath_GetPathSegment(obj, i + 2)
            i += 2
        fpdf.FPDFPathSegment_GetPoint(seg, x, y)
        yield ("m" if kind == _MOVETO else "c" if kind == _BEZIER else "l"), transform(m, x.value, y.value)
        if fpdf.FPDFPathSegment_GetClose(seg):
            yield "h", None
        i += 1
