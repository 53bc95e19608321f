"""Typed prototypes of the PDFium C functions the PDFium reader calls.

pypdfium2's raw bindings are untyped (every call is ``Any`` to mypy) and wrap each handle in a
typed ctypes pointer, which costs a conversion per call; the reader makes several calls per
character. So the functions are bound here once more, privately (``CDLL[name]`` returns a
fresh function object, leaving pypdfium2's own prototypes alone), taking and returning handles
as plain addresses, and each is declared with the ``Callable`` type its C signature has.

A handle is an ``int`` (an address); PDFium's NULL comes back as ``None``. Out-parameters are
ctypes objects (``ctypes.c_float()``, ``FSMatrix()``...): ctypes passes them by reference
because the prototype says ``POINTER(...)``.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

import pypdfium2_raw.bindings as _bindings

Handle = int  # an FPDF_DOCUMENT, FPDF_PAGE, FPDF_TEXTPAGE, FPDF_PAGEOBJECT, FPDF_FONT... address
MaybeHandle = int | None  # what a function returning a handle gives: None for NULL

# Constants of fpdfview.h / fpdf_edit.h (fixed by PDFium's ABI).
FPDF_ERR_FILE, FPDF_ERR_FORMAT, FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY = 2, 3, 4, 5
FPDF_PAGEOBJ_TEXT, FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM = 1, 2, 5
FPDF_SEGMENT_LINETO, FPDF_SEGMENT_BEZIERTO, FPDF_SEGMENT_MOVETO = 0, 1, 2


class FSMatrix(ctypes.Structure):
    """FS_MATRIX: a, b, c, d, e, f as floats (the annotations type the fields for mypy)."""

    _fields_ = [(name, ctypes.c_float) for name in "abcdef"]
    a: float
    b: float
    c: float
    d: float
    e: float
    f: float


class FSRectF(ctypes.Structure):
    """FS_RECTF, in PDFium's field order (left, top, right, bottom)."""

    _fields_ = [(name, ctypes.c_float) for name in ("left", "top", "right", "bottom")]
    left: float
    top: float
    right: float
    bottom: float


_LIB: ctypes.CDLL = _bindings._libs["pdfium"]


def _init_library() -> None:
    """Initialise PDFium, which each process must do once before any other call.

    pypdfium2's helper layer does it when imported, but importing that layer takes 50 ms and
    the reader needs only the raw bindings. PDFium ignores every initialisation after the
    first (fpdfview.cpp: ``if (g_bLibraryInitialized) return;``), so this and pypdfium2's
    (the report's pictures use it) can meet in one process in either order.
    """
    config = _bindings.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
    _bindings.FPDF_InitLibraryWithConfig(config)


_init_library()


def _bind(name: str, restype: Any, *argtypes: Any) -> Any:
    """A private prototype of a PDFium function. It returns ``Any`` only because ctypes cannot
    say what a C function returns; each result is assigned to a name declared with its type."""
    fn = _LIB[name]
    fn.restype, fn.argtypes = restype, list(argtypes)
    return fn


_P, _I, _U, _UL = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong
_F, _PF, _PI = ctypes.c_float, ctypes.POINTER(ctypes.c_float), ctypes.POINTER(_I)
_PU = ctypes.POINTER(_U)

CFloat = ctypes.c_float
CDouble = ctypes.c_double
CInt = ctypes.c_int
CUInt = ctypes.c_uint

# Documents and pages.
FPDF_LoadDocument: Callable[[bytes, bytes | None], MaybeHandle] = _bind(
    "FPDF_LoadDocument", _P, ctypes.c_char_p, ctypes.c_char_p
)
FPDF_GetLastError: Callable[[], int] = _bind("FPDF_GetLastError", _UL)
FPDF_CloseDocument: Callable[[Handle], None] = _bind("FPDF_CloseDocument", None, _P)
FPDF_GetPageCount: Callable[[Handle], int] = _bind("FPDF_GetPageCount", _I, _P)
FPDF_LoadPage: Callable[[Handle, int], MaybeHandle] = _bind("FPDF_LoadPage", _P, _P, _I)
FPDF_ClosePage: Callable[[Handle], None] = _bind("FPDF_ClosePage", None, _P)
FPDFPage_GetRotation: Callable[[Handle], int] = _bind("FPDFPage_GetRotation", _I, _P)
FPDFPage_GetMediaBox: Callable[[Handle, CFloat, CFloat, CFloat, CFloat], int] = _bind(
    "FPDFPage_GetMediaBox", _I, _P, _PF, _PF, _PF, _PF
)
FPDF_GetPageWidthF: Callable[[Handle], float] = _bind("FPDF_GetPageWidthF", _F, _P)
FPDF_GetPageHeightF: Callable[[Handle], float] = _bind("FPDF_GetPageHeightF", _F, _P)

# Page objects, form XObjects and paths.
FPDFPage_CountObjects: Callable[[Handle], int] = _bind("FPDFPage_CountObjects", _I, _P)
FPDFPage_GetObject: Callable[[Handle, int], MaybeHandle] = _bind("FPDFPage_GetObject", _P, _P, _I)
FPDFPageObj_GetType: Callable[[MaybeHandle], int] = _bind("FPDFPageObj_GetType", _I, _P)
FPDFPageObj_GetMatrix: Callable[[MaybeHandle, FSMatrix], int] = _bind(
    "FPDFPageObj_GetMatrix", _I, _P, ctypes.POINTER(FSMatrix)
)
FPDFPageObj_GetBounds: Callable[[MaybeHandle, CFloat, CFloat, CFloat, CFloat], int] = _bind(
    "FPDFPageObj_GetBounds", _I, _P, _PF, _PF, _PF, _PF
)
FPDFPageObj_GetFillColor: Callable[[MaybeHandle, CUInt, CUInt, CUInt, CUInt], int] = _bind(
    "FPDFPageObj_GetFillColor", _I, _P, _PU, _PU, _PU, _PU
)
FPDFPageObj_GetStrokeWidth: Callable[[MaybeHandle, CFloat], int] = _bind("FPDFPageObj_GetStrokeWidth", _I, _P, _PF)
FPDFFormObj_CountObjects: Callable[[MaybeHandle], int] = _bind("FPDFFormObj_CountObjects", _I, _P)
FPDFFormObj_GetObject: Callable[[MaybeHandle, int], MaybeHandle] = _bind("FPDFFormObj_GetObject", _P, _P, _UL)
FPDFPath_GetDrawMode: Callable[[MaybeHandle, CInt, CInt], int] = _bind("FPDFPath_GetDrawMode", _I, _P, _PI, _PI)
FPDFPath_CountSegments: Callable[[MaybeHandle], int] = _bind("FPDFPath_CountSegments", _I, _P)
FPDFPath_GetPathSegment: Callable[[MaybeHandle, int], MaybeHandle] = _bind("FPDFPath_GetPathSegment", _P, _P, _I)
FPDFPathSegment_GetType: Callable[[MaybeHandle], int] = _bind("FPDFPathSegment_GetType", _I, _P)
FPDFPathSegment_GetPoint: Callable[[MaybeHandle, CFloat, CFloat], int] = _bind(
    "FPDFPathSegment_GetPoint", _I, _P, _PF, _PF
)
FPDFPathSegment_GetClose: Callable[[MaybeHandle], int] = _bind("FPDFPathSegment_GetClose", _I, _P)

# Text objects and fonts.
FPDFTextObj_GetFont: Callable[[MaybeHandle], MaybeHandle] = _bind("FPDFTextObj_GetFont", _P, _P)
FPDFTextObj_GetFontSize: Callable[[MaybeHandle, CFloat], int] = _bind("FPDFTextObj_GetFontSize", _I, _P, _PF)
FPDFFont_GetBaseFontName: Callable[[MaybeHandle, ctypes.Array[ctypes.c_char], int], int] = _bind(
    "FPDFFont_GetBaseFontName", _UL, _P, ctypes.POINTER(ctypes.c_char), _UL
)
FPDFFont_GetDescent: Callable[[MaybeHandle, float, CFloat], int] = _bind("FPDFFont_GetDescent", _I, _P, _F, _PF)
FPDFFont_GetGlyphWidth: Callable[[MaybeHandle, int, float, CFloat], int] = _bind(
    "FPDFFont_GetGlyphWidth", _I, _P, _U, _F, _PF
)
FPDFFont_GetIsEmbedded: Callable[[MaybeHandle], int] = _bind("FPDFFont_GetIsEmbedded", _I, _P)

# The text page: characters in PDFium's reading of the content stream.
FPDFText_LoadPage: Callable[[Handle], MaybeHandle] = _bind("FPDFText_LoadPage", _P, _P)
FPDFText_ClosePage: Callable[[Handle], None] = _bind("FPDFText_ClosePage", None, _P)
FPDFText_CountChars: Callable[[Handle], int] = _bind("FPDFText_CountChars", _I, _P)
FPDFText_IsGenerated: Callable[[Handle, int], int] = _bind("FPDFText_IsGenerated", _I, _P, _I)
FPDFText_GetFontSize: Callable[[Handle, int], float] = _bind("FPDFText_GetFontSize", ctypes.c_double, _P, _I)
FPDFText_GetMatrix: Callable[[Handle, int, FSMatrix], int] = _bind(
    "FPDFText_GetMatrix", _I, _P, _I, ctypes.POINTER(FSMatrix)
)
FPDFText_GetLooseCharBox: Callable[[Handle, int, FSRectF], int] = _bind(
    "FPDFText_GetLooseCharBox", _I, _P, _I, ctypes.POINTER(FSRectF)
)


def _bind_unchecked(name: str, restype: Any) -> Any:
    """A prototype without argument types, for the calls made once per character.

    ctypes then passes each argument as it comes, skipping a conversion that is a third of
    the call's cost; the caller must pass the handle as a ``c_void_p`` (a plain int would be
    passed as a C int), which the declared types make mypy check.
    """
    fn = _LIB[name]
    fn.restype = restype
    return fn


# The text page's per-character calls, unchecked (see _bind_unchecked); take CTextPage(handle).
CTextPage = ctypes.c_void_p
Ref = Any  # ctypes.byref(...) of an out-parameter
FPDFText_GetUnicode: Callable[[CTextPage, int], int] = _bind_unchecked("FPDFText_GetUnicode", _U)
FPDFText_GetTextObject: Callable[[CTextPage, int], MaybeHandle] = _bind_unchecked("FPDFText_GetTextObject", _P)
FPDFText_GetCharOrigin: Callable[[CTextPage, int, Ref, Ref], int] = _bind_unchecked("FPDFText_GetCharOrigin", _I)
FPDFText_GetLooseCharBoxRef: Callable[[CTextPage, int, Ref], int] = _bind_unchecked("FPDFText_GetLooseCharBox", _I)
