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
* a glyph of a font the file does not embed, which the machine lacks, it draws without width
  and cannot name: pdfminer names it at its place (``sources``), so that what a page reads does
  not depend on the fonts installed;
* it cannot report some pages' text as drawn (``NotAsDrawn``): those are read by ``pdfio``.

Each page also carries the text page's characters as PDFium reports them (``text_layer``), the
second count the build checks its tables against (``selfcheck``).

PDFium is not thread-safe: use processes for parallel reading (``extract.page_grids_parallel``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ExtractionError
from ..model import PageContent, Unread
from ..settings import DEFAULT, Settings
from . import pdfium_c as fpdf
from .chars import reading_order, upright_matrix
from .fontmetrics import font_metrics
from .pdffile import check_is_pdf, has_end_marker
from .pdfium_c import CFloat, Handle
from .pdfium_glyphs import Fonts, NotAsDrawn
from .pdfium_objects import PATH, page_objects, painted_path
from .pdfium_text import page_chars, text_layer
from .rules import ruling_segments
from .sources import named_at, plumber_origin


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

        def other_reader(number: int) -> PageContent:
            from . import pdfio  # imported here: pdfplumber costs 0.1 s, and few files need it

            if not reference:
                reference.append(stack.enter_context(pdfio.open_pdf(path)))
            return pdfio.read_page(reference[0], number, str(path), settings)

        for number in pages or range(1, fpdf.FPDF_GetPageCount(doc.handle) + 1):
            try:
                try:
                    content = page_content(doc, number, settings)
                    if content.unread:  # glyphs PDFium cannot name: pdfminer names them there
                        content = with_named(content, other_reader(number))
                except NotAsDrawn:
                    content = next(with_layers(path, [other_reader(number)]))
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
            unread: list[Unread] = []
            chars = page_chars(text_page, objects, to_page, Fonts(doc.descents, doc.spaces), unread)
            layer = text_layer(text_page, to_page)
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
            layer=layer,
            unread=tuple(unread),
            origin=plumber_origin(media_box(page), fpdf.FPDFPage_GetRotation(page) * 90),
        )
    finally:
        fpdf.FPDF_ClosePage(page)


def with_named(content: PageContent, other: PageContent) -> PageContent:
    """The page with the glyphs PDFium could not name named by the other reader, where it can."""
    borrowed, left = named_at(content.unread, other.chars)
    return replace(content, chars=reading_order((*content.chars, *borrowed)), borrowed=borrowed, unread=left)


def media_box(page: Handle) -> tuple[float, float, float, float]:
    left, b, r, t = CFloat(), CFloat(), CFloat(), CFloat()
    if not fpdf.FPDFPage_GetMediaBox(page, left, b, r, t):
        return (0.0, 0.0, fpdf.FPDF_GetPageWidthF(page), fpdf.FPDF_GetPageHeightF(page))
    return (left.value, b.value, r.value, t.value)


def with_layers(path: Path, contents: Iterable[PageContent]) -> Iterator[PageContent]:
    """Each page with PDFium's text page as its second count (``PageContent.layer``), for pages
    another reader read (``pdfio``): the build checks them against it as it checks its own."""
    with load_document(path) as handle:
        for content in contents:
            if content.layer is not None:
                yield content
                continue
            page = fpdf.FPDF_LoadPage(handle, content.page_number - 1)
            if not page:
                yield content
                continue
            try:
                to_page, _, _ = upright_matrix(media_box(page), fpdf.FPDFPage_GetRotation(page) * 90)
                text_page = fpdf.FPDFText_LoadPage(page)
                layer = text_layer(text_page, to_page) if text_page else None
                if text_page:
                    fpdf.FPDFText_ClosePage(text_page)
            finally:
                fpdf.FPDF_ClosePage(page)
            yield replace(content, layer=layer)
