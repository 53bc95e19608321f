"""The I/O step: read characters and ruling lines off each page, and nothing more.

Everything after this works on plain ``PageContent`` and never touches the PDF, so the
geometry can be tested without one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.cmapdb import CMap, CMapBase, CMapDB
from pdfminer.layout import LTContainer, LTCurve
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFCIDFont, PDFFont
from pdfminer.pdfinterp import PDFResourceManager
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import ExtractionError
from ..model import Char, PageContent
from ..settings import DEFAULT, Settings
from .chars import reading_order, rotation_of
from .pdffile import check_is_pdf
from .rules import PaintedPath, PathStep, Subpath, is_white, ruling_segments, subpaths

__all__ = ["check_is_pdf", "count_pages", "open_pdf", "page_content", "read_pages"]


@contextmanager
def open_pdf(path: Path) -> Iterator[PDF]:
    """Open a PDF, turning pdfminer's many failure types into one error that names the file."""
    path = Path(path)
    check_is_pdf(path)
    try:
        pdf = pdfplumber.open(path)
        pdf.rsrcmgr = ResourceManager()
        pdf.pages  # noqa: B018 (reads the page tree: a truncated file fails here)
    except Exception as e:  # pdfminer raises many types on a damaged file
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args and isinstance(e.args[0], Exception) else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ExtractionError("encrypted PDF: it needs a password to be read", file=str(path)) from e
        detail = str(cause) or type(cause).__name__
        raise ExtractionError(f"damaged or truncated PDF ({detail})", file=str(path)) from e
    with pdf:
        yield pdf


# pdfminer's copies of Adobe's CMaps that "usecmap" another keep only the codes they change: a
# font encoded with one decodes every other code (all of CJK, for UniJIS-UCS2-HW-H) to nothing,
# and its glyphs are dropped without a word. Each is read here over the CMap it uses.
PARTIAL_CMAPS = {
    "UniJIS-UCS2-HW-H": "UniJIS-UCS2-H",
    "UniJIS-UCS2-HW-V": "UniJIS-UCS2-V",
    "ETenms-B5-H": "ETen-B5-H",
    "ETenms-B5-V": "ETen-B5-V",
}


class ResourceManager(PDFResourceManager):
    """pdfminer's resource manager, whose CID fonts decode with whole CMaps (``PARTIAL_CMAPS``)."""

    def __init__(self) -> None:
        super().__init__()
        self.whole: dict[str, CMap] = {}

    def get_font(self, objid: object, spec: Any) -> PDFFont:
        font = super().get_font(objid, spec)
        if isinstance(font, PDFCIDFont):
            font.cmap = self.whole_cmap(font.cmap)
        return font

    def whole_cmap(self, cmap: CMapBase) -> CMapBase:
        name = str(cmap.attrs.get("CMapName", ""))
        parent = PARTIAL_CMAPS.get(name)
        if parent is None or not isinstance(cmap, CMap):
            return cmap
        base = CMapDB.get_cmap(parent)
        if name not in self.whole and isinstance(base, CMap):
            whole = CMap(CMapName=name)
            whole.code2cid = overlaid(base.code2cid, cmap.code2cid)
            whole.attrs.update(cmap.attrs)
            self.whole[name] = whole
        return self.whole.get(name, cmap)


def overlaid(base: dict[int, object], changes: dict[int, object]) -> dict[int, object]:
    """A CMap's code tree (byte → CID, or byte → the tree of the next byte) with ``changes`` over
    ``base``, neither changed."""
    out = dict(base)
    for k, v in changes.items():
        below = out.get(k)
        out[k] = overlaid(below, v) if isinstance(v, dict) and isinstance(below, dict) else v
    return out


def count_pages(path: Path) -> int:
    with open_pdf(path) as pdf:
        return len(pdf.pages)


def read_pages(path: Path, settings: Settings = DEFAULT, pages: Sequence[int] | None = None) -> Iterator[PageContent]:
    """Yield each page's characters and ruling lines; ``pages`` are 1-based numbers to read."""
    with open_pdf(path) as pdf:
        for number in pages or range(1, len(pdf.pages) + 1):
            try:
                yield read_page(pdf, number, str(path), settings)
            except Exception as e:
                raise ExtractionError(f"cannot read page ({e or type(e).__name__})", file=str(path), page=number) from e


def read_page(pdf: PDF, number: int, source: str, settings: Settings = DEFAULT) -> PageContent:
    """One page (1-based) of an open PDF."""
    page = pdf.pages[number - 1]
    try:
        return page_content(with_ordered_box(page), source, settings)
    finally:
        page.close()  # pdfplumber caches layout objects per page; free them as we go


def with_ordered_box(page: Page) -> Page:
    """The page again, if its MediaBox gives its corners in reverse order, with them in order.

    pdfminer places the content relative to the box's first corner as written, so a box like
    [0 0 -1190 -842] would move everything off the page.
    """
    box = [float(v) for v in page.page_obj.mediabox]
    ordered = [min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])]
    if box == ordered:
        return page
    page.page_obj.mediabox = (ordered[0], ordered[1], ordered[2], ordered[3])
    page.page_obj.attrs["MediaBox"] = ordered
    return Page(page.pdf, page.page_obj, page.page_number, page.initial_doctop)


def page_content(page: Page, source: str, settings: Settings) -> PageContent:
    """One page as plain data, in the upright page's top-left coordinates.

    pdfminer draws /Rotate'd pages upright; pdfplumber keeps x in PDF space and measures top
    from the MediaBox's top, so a box whose corner is not at (0, 0) is shifted back here.
    """
    dx, dy = -float(page.bbox[0]), -float(page.bbox[1])
    chars = (plumber_char(c) for c in page.chars)
    segments = ruling_segments(painted_paths(page), settings)
    if dx or dy:
        chars = (c._replace(x0=c.x0 + dx, x1=c.x1 + dx, top=c.top + dy, bottom=c.bottom + dy) for c in chars)
        segments = [replace(s, x0=s.x0 + dx, x1=s.x1 + dx, top=s.top + dy, bottom=s.bottom + dy) for s in segments]
    return PageContent(
        source_file=source,
        page_number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        chars=reading_order(chars),
        segments=tuple(segments),
        origin=(-dx + 0.0, -dy + 0.0),
    )


def plumber_char(c: dict[str, Any]) -> Char:
    """A pdfplumber char, rotated ones included: ``matrix`` is pdfminer's y-up text matrix."""
    a, b = c["matrix"][0], c["matrix"][1]
    rotation = rotation_of(a, b)
    # pdfminer's ``size`` is the box's height; across rotated text that is the advance, so the
    # font size is then the box's width.
    size = c["width"] if rotation in (90, 270) else c["size"]
    return Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], size, rotation)


def painted_paths(page: Page) -> Iterator[PaintedPath]:
    """pdfplumber's lines, rects and curves as plain painted paths (top-left coordinates), in
    the order the page paints them (``rules.without_letters`` reads the pieces of one glyph's
    outline, which pdfminer paints one by one, as painted in a row)."""
    for obj in paths_in_order(page, page.layout):
        path = obj.get("path")
        found = subpaths(path_steps(path)) if path else (Subpath(tuple(obj["pts"])),)
        filled = bool(obj.get("fill"))
        white = filled and white_colour(obj.get("non_stroking_color"))
        yield PaintedPath(found, bool(obj.get("stroke")), filled, float(obj.get("linewidth") or 0), white)


def paths_in_order(page: Page, container: LTContainer[Any]) -> Iterator[dict[str, Any]]:
    """The page's lines, rects and curves as pdfplumber gives them, in painting order (its
    ``lines``, ``rects`` and ``curves`` hold them by kind), form XObjects opened."""
    for obj in container:
        if isinstance(obj, LTContainer):
            yield from paths_in_order(page, obj)
        elif isinstance(obj, LTCurve):
            yield page.process_object(obj)


def white_colour(colour: Any) -> bool:
    """pdfminer's fill colour (a number, a tuple of numbers, or a pattern's name) is white."""
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, tuple | list) or not all(isinstance(v, int | float) for v in colour):
        return False
    return is_white([float(v) for v in colour])


def path_steps(path: list[tuple[Any, ...]]) -> Iterator[PathStep]:
    """pdfplumber's ("m", pt) / ("l", pt) / ("c", c1, c2, pt) / ("h",) list as ``rules.subpaths``
    takes it. Its items are pdfminer's, untyped (``Any``); the points are (x, y) number pairs."""
    for op, *args in path:
        if op in ("m", "l"):
            yield op, tuple(args[0])
        elif op in ("c", "v", "y"):
            yield "c", tuple(args[-1])
        elif op == "h":
            yield "h", None
