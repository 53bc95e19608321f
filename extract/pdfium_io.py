"""The I/O step on PDFium (pypdfium2's raw API): the default reader, several times faster than
pdfminer, with the same output as ``pdfio`` (pdfplumber) to 0.01 pt.

This module opens the document and reads it page by page: the page's objects
(``pdfium_objects``), its characters (``pdfium_text``) and its painted paths, which ``rules``
turns into ruling lines. What PDFium's text page does that a table reader must undo, and where:

* it adds spaces and line ends of its own (``FPDFText_IsGenerated``): dropped (``pdfium_text``);
* it skips zero-width text objects (a lone space) and a text object that repeats the previous
  one (fake bold): both are drawn, so they are read back from the page objects
  (``pdfium_skipped``);
* its character boxes are glyph outlines or use ascent/descent guessed from glyphs when the
  font declares none: boxes are rebuilt as pdfminer does (origin, advance × size, the font's
  declared /Descent), which is what the geometry was tuned on (``pdfium_glyphs``);
* its coordinates are PDF user space (y up, MediaBox origin, before /Rotate): everything is
  mapped to the upright page's top-left coordinates (``page_content``);
* it cannot report some pages' text as drawn (``NotAsDrawn``): those are read by ``pdfio``.

PDFium is not thread-safe: use processes for parallel reading (``extract.page_grids_parallel``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import pdfium_c as fpdf
from .chars import reading_order, upright_matrix
from .errors import ExtractionError
from .fontmetrics import font_metrics
from .model import PageContent
from .pdffile import check_is_pdf, has_end_marker
from .pdfium_c import CFloat, Handle
from .pdfium_glyphs import Fonts, NotAsDrawn
from .pdfium_objects import PATH, page_objects, painted_path
from .pdfium_text import page_chars
from .rules import ruling_segments
from .settings import DEFAULT, Settings


@dataclass(frozen=True, slots=True)
class Document:
    handle: Handle
    path: Path
    descents: dict[str, float]  # BaseFont → declared descent per unit of font size
    spaces: dict[str, dict[str, float]]  # BaseFont → space glyph → advance per unit of font size


@contextmanager
def open_pdf(path: Path) -> Iterator[Document]:
    """Open a PDF with what its font dictionaries declare (``fontmetrics``), for reading."""
    with load_document(path) as handle:
        yield Document(handle, Path(path), *font_metrics(path))


@contextmanager
def load_document(path: Path) -> Iterator[Handle]:
    """PDFium's handle of a PDF, its error codes turned into the same messages as ``pdfio``."""
    path = Path(path)
    check_is_pdf(path)
    handle = fpdf.FPDF_LoadDocument(str(path).encode("utf-8"), None)
    if not handle:
        code = fpdf.FPDF_GetLastError()
        if code == fpdf.FPDF_ERR_PASSWORD:
            raise ExtractionError("encrypted PDF: it needs a password to be read", file=str(path))
        detail = {
            fpdf.FPDF_ERR_FILE: "cannot open the file",
            fpdf.FPDF_ERR_FORMAT: "not a valid PDF structure",
            fpdf.FPDF_ERR_SECURITY: "unsupported security handler",
        }.get(code, f"PDFium error {code}")
        raise ExtractionError(f"damaged or truncated PDF ({detail})", file=str(path))
    try:
        if not has_end_marker(path):
            # PDFium rebuilds a cut-off file's cross-reference table and reads what is left, so a
            # truncated download would silently lose pages; refuse it like pdfminer does.
            raise ExtractionError("damaged or truncated PDF (no %%EOF: the file is cut short)", file=str(path))
        yield handle
    finally:
        fpdf.FPDF_CloseDocument(handle)


def count_pages(path: Path) -> int:
    with load_document(path) as handle:  # no font metrics: they are for reading the pages
        return fpdf.FPDF_GetPageCount(handle)


def read_pages(path: Path, settings: Settings = DEFAULT, pages: Sequence[int] | None = None) -> Iterator[PageContent]:
    """Yield each page's characters and ruling lines; ``pages`` are 1-based numbers to read.

    A page whose text PDFium cannot report as drawn (``NotAsDrawn``) is read by the reference
    reader, which decodes text from the content stream and the font's encoding as it stands.
    The two readers give the same ``PageContent`` (the tests hold them to 0.01 pt).
    """
    with open_pdf(path) as doc, ExitStack() as stack:
        reference: list[Any] = []  # pdfplumber's PDF, opened for the first such page
        for number in pages or range(1, fpdf.FPDF_GetPageCount(doc.handle) + 1):
            try:
                try:
                    content = page_content(doc, number, settings)
                except NotAsDrawn:
                    from . import pdfio  # imported here: pdfplumber costs 0.1 s, and few files need it

                    if not reference:
                        reference.append(stack.enter_context(pdfio.open_pdf(path)))
                    content = pdfio.read_page(reference[0], number, str(path), settings)
            except ExtractionError:
                raise
            except Exception as e:
                raise ExtractionError(f"cannot read page ({e or type(e).__name__})", file=str(path), page=number) from e
            yield content


def page_content(doc: Document, number: int, settings: Settings) -> PageContent:
    page = fpdf.FPDF_LoadPage(doc.handle, number - 1)
    if not page:
        raise ValueError("PDFium cannot load the page")
    try:
        to_page, width, height = upright_matrix(media_box(page), fpdf.FPDFPage_GetRotation(page) * 90)
        objects = list(page_objects(page, to_page))
        text_page = fpdf.FPDFText_LoadPage(page)
        if not text_page:
            raise ValueError("PDFium cannot read the page's text")
        try:
            chars = page_chars(text_page, objects, to_page, Fonts(doc.descents, doc.spaces))
        finally:
            fpdf.FPDFText_ClosePage(text_page)
        paths = [painted_path(obj, m) for obj, kind, m in objects if kind == PATH]
        return PageContent(
            source_file=str(doc.path),
            page_number=number,
            width=width,
            height=height,
            chars=reading_order(chars),
            segments=tuple(ruling_segments(paths, settings)),
        )
    finally:
        fpdf.FPDF_ClosePage(page)


def media_box(page: Handle) -> tuple[float, float, float, float]:
    left, b, r, t = CFloat(), CFloat(), CFloat(), CFloat()
    if not fpdf.FPDFPage_GetMediaBox(page, left, b, r, t):
        return (0.0, 0.0, fpdf.FPDF_GetPageWidthF(page), fpdf.FPDF_GetPageHeightF(page))
    return (left.value, b.value, r.value, t.value)
