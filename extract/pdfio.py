"""The I/O step: read characters and ruling lines off each page, and nothing more.

Everything after this works on plain ``PageContent`` and never touches the PDF, so the
geometry can be tested without one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from .errors import ExtractionError
from .model import Char, PageContent, Segment
from .settings import DEFAULT, Settings


def check_is_pdf(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise ExtractionError("not a PDF (no %PDF- header)", file=str(path))


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfplumber.PDF]:
    """Open a PDF, turning pdfminer's many failure types into one error that names the file."""
    path = Path(path)
    if not path.exists():
        raise ExtractionError("file not found", file=str(path))
    check_is_pdf(path)
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 (reads the page tree: a truncated file fails here)
    except Exception as e:  # pdfminer raises many types on a damaged file
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args and isinstance(e.args[0], Exception) else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ExtractionError("encrypted PDF: it needs a password to be read", file=str(path)) from e
        detail = str(cause) or type(cause).__name__
        raise ExtractionError(f"damaged or truncated PDF ({detail})", file=str(path)) from e
    with pdf:
        yield pdf


def count_pages(path: Path) -> int:
    with open_pdf(path) as pdf:
        return len(pdf.pages)


def read_pages(path: Path, settings: Settings = DEFAULT, pages: Sequence[int] | None = None) -> Iterator[PageContent]:
    """Yield each page's characters and ruling lines; ``pages`` are 1-based numbers to read."""
    with open_pdf(path) as pdf:
        for number in pages or range(1, len(pdf.pages) + 1):
            page = pdf.pages[number - 1]
            try:
                yield page_content(page, str(path), settings)
            except Exception as e:
                raise ExtractionError(
                    f"cannot read page ({e or type(e).__name__})", file=str(path), page=number
                ) from e
            finally:
                page.close()  # pdfplumber caches layout objects per page; free them as we go


def page_content(page: pdfplumber.page.Page, source: str, settings: Settings) -> PageContent:
    chars = tuple(
        Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"])
        for c in page.chars
        if c.get("upright", True)
    )
    return PageContent(
        source_file=source,
        page_number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        chars=chars,
        segments=tuple(ruling_segments(page, settings)),
    )


def ruling_segments(page: pdfplumber.page.Page, settings: Settings) -> Iterator[Segment]:
    """Stroked lines, the outlines of stroked rects, and thin filled rects drawn as lines.

    A large filled rect without a stroke is a cell's background, not a border.
    """
    for ln in page.lines:
        yield Segment(ln["x0"], ln["top"], ln["x1"], ln["bottom"])
    for r in page.rects:
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        if x1 - x0 < settings.thin_rect or bottom - top < settings.thin_rect:
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if x1 - x0 < bottom - top:
                yield Segment(cx, top, cx, bottom)
            else:
                yield Segment(x0, cy, x1, cy)
        elif r.get("stroke"):
            yield Segment(x0, top, x1, top)
            yield Segment(x0, bottom, x1, bottom)
            yield Segment(x0, top, x0, bottom)
            yield Segment(x1, top, x1, bottom)
