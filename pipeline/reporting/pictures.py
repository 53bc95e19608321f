"""Pictures for the quality report, drawn with PDFium: a page overview and a crop per flag.

A picture is only as useful as it is legible: the report's text is about 4 pt, so pages and
crops of a flagged row are drawn at 150 dpi (4 pt is then 8 px, legible at 100% zoom), pages
cropped to the table with its header row so that it fills the picture, each crop with the
column titles of its table above the row. One resolution for both: each page is drawn once.

Pictures are stored as 4-bit PNGs: 15 greys, which read as well as 256 for text and keep a
report's worth of pictures to a few megabytes, and one red, which the page drawn in grey never
uses, for the outlines of the flagged cells (``OUTLINE``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extract.model import BBox

OVERVIEW_DPI = 150
CROP_DPI = 150
MARGIN_PT = 6.0
GREYS = 15  # the palette's other entry is the outline colour
OUTLINE = (230, 0, 18)  # red: the report's pages are drawn in grey, so no cell of theirs is red
GAP_PX = 6  # between a crop's column titles and its row, cut from elsewhere on the page
# zlib level for the PNGs: level 1 writes them several times faster than the default 6, for
# files about a fifth larger (text on white compresses well either way).
COMPRESS_LEVEL = 1
# Pages drawn whole ahead of their pictures (``Canvas.prepare``): at most this many in all, each
# at most this many pixels (A4 at 150 dpi is 2.2 million); and files kept open at once by a
# Canvas. So memory stays small however many files a build reads.
PREPARED_PAGES = 16
PREPARED_PIXELS = 5_000_000  # an A3 page at 150 dpi is 4.4 million
OPEN_FILES = 4


@dataclass(frozen=True)
class Picture:
    """A region of a page to draw, with boxes to outline on it (all in page points)."""

    name: str  # path inside the output directory
    page: int  # 1-based
    region: BBox
    outlines: tuple[BBox, ...]
    dpi: int
    # 90 or 270: the boxes are in the frame of the page turned that much clockwise (a table
    # turned on its page, read in its text's frame: extract.layout.turned), and so is the picture.
    turn: int = 0
    # The table's column titles, drawn above the region: on this page, or on the page that
    # printed the header (a row on a page that continues the table), over the region's width.
    titles: BBox | None = None
    titles_page: int = 0


# One file's pictures: what the drawing process draws in one go, its document open once.
FilePictures = tuple[Path, tuple[Picture, ...]]


def union(boxes: Iterable[BBox], margin: float = 0.0) -> BBox:
    bs = list(boxes)
    return (
        min(b[0] for b in bs) - margin, min(b[1] for b in bs) - margin,
        max(b[2] for b in bs) + margin, max(b[3] for b in bs) + margin,
    )  # fmt: skip


def draw(path: Path, pictures: Sequence[Picture]) -> tuple[dict[str, bytes], list[str]]:
    """Draw ``pictures`` of one PDF; a picture that cannot be drawn is a warning, not a failure."""
    with Canvas() as canvas:
        return canvas.draw(path, pictures)


class Canvas:
    """Draws pictures, keeping each document and page open between calls.

    Loading a page parses its content (~10 ms for a page of the report), and a page has an
    overview and several crops, drawn in two calls (a file's pages, then its flagged rows).
    ``prepare`` draws pages whole beforehand, while the build reads, normalises and checks; a
    picture is then cut from its page's drawing. At most ``OPEN_FILES`` files stay open: the
    one used longest ago is closed (and opened again if asked for).
    """

    def __init__(self) -> None:
        self.docs: dict[Path, Any] = {}  # an open document, or why it cannot be opened (str)
        self.pages: dict[tuple[Path, int], Any] = {}
        self.whole: dict[tuple[Path, int, int], Any] = {}  # (file, page, dpi) → the page drawn whole

    def __enter__(self) -> Canvas:
        return self

    def __exit__(self, *exc: object) -> None:
        for path in list(self.docs):
            self.close(path)

    def close(self, path: Path) -> None:
        """Close a file: its pages, its drawings made ahead, the document."""
        for key in [k for k in self.pages if k[0] == path]:
            self.pages.pop(key).close()
        for drawing in [k for k in self.whole if k[0] == path]:
            del self.whole[drawing]
        doc = self.docs.pop(path, None)
        if doc is not None and not isinstance(doc, str):
            doc.close()

    def document(self, path: Path) -> Any:
        """The open document; raises PictureError, with the same reason each time it is asked
        (by ``prepare`` and by each ``draw``), if PDFium cannot open it."""
        import pypdfium2 as pdfium

        if path in self.docs:
            self.docs[path] = self.docs.pop(path)  # used now: the last to be closed
        else:
            while len(self.docs) >= OPEN_FILES:
                self.close(next(iter(self.docs)))
            try:
                self.docs[path] = pdfium.PdfDocument(str(path))
            except Exception as e:  # a file that read well may still not render
                self.docs[path] = f"{path}: pictures not drawn ({e or type(e).__name__})"
        doc = self.docs[path]
        if isinstance(doc, str):
            raise PictureError(doc)
        return doc

    def page(self, path: Path, doc: Any, number: int) -> Any:
        page = self.pages.get((path, number))
        if page is None:
            page = self.pages[(path, number)] = doc[number - 1]
        return page

    def prepare(self, path: Path, busy: Callable[[], bool], max_pages: int = PREPARED_PAGES) -> int:
        """Draw a file's first ``max_pages`` pages whole, at the overviews' resolution, before any
        is asked for, until ``busy()`` says there is real work; returns the pages drawn.

        Every page gets an overview, but only a page with a flagged row gets a crop: a page is
        drawn at the crops' resolution when a crop of it is asked for, not ahead (on the report,
        half its pages have no flagged row; the bytes are the same either way: see
        ``drawn_whole``).

        Only pages of an ordinary size are drawn ahead (a few megapixels each); any other
        page, and any failure here, is left to ``draw``, which says what went wrong.
        """
        drawn = 0
        try:
            doc = self.document(path)
            for number in range(1, min(len(doc), max_pages) + 1):
                if busy():
                    return drawn
                drawn += 1
                page = self.page(path, doc, number)
                for dpi in sorted({OVERVIEW_DPI, CROP_DPI}):
                    self.drawn_whole(path, number, page, dpi)
        except Exception:  # ``draw`` says what went wrong, per picture
            return drawn
        return drawn

    def drawn_whole(self, path: Path, number: int, page: Any, dpi: int) -> Any:
        """The page drawn whole at ``dpi``, drawn now if ``prepare`` did not get to it; None for
        a page too large to draw whole.

        Every picture of an ordinary page is cut from this drawing, whether it was made ahead
        or not: a region drawn on its own differs from the same region cut from the whole page
        by a row of pixels, and the same build must give the same pictures however the timing
        of the processes fell. Only the page's size decides which way it is drawn.
        """
        key = (path, number, dpi)
        if key not in self.whole:
            width, height = page.get_size()
            if width * height * (dpi / 72) ** 2 > PREPARED_PIXELS:
                return None
            while len(self.whole) >= 2 * PREPARED_PAGES:  # memory stays bounded; a page drawn
                del self.whole[next(iter(self.whole))]  # again gives the same pixels
            self.whole[key] = page.render(scale=dpi / 72, grayscale=True).to_pil()
        return self.whole[key]

    def draw(self, path: Path, pictures: Sequence[Picture]) -> tuple[dict[str, bytes], list[str]]:
        """Draw ``pictures`` of one PDF; one that cannot be drawn is a warning, not a failure."""
        try:
            doc = self.document(path)
        except PictureError as e:
            return {}, [str(e)]
        out: dict[str, bytes] = {}
        warnings: list[str] = []
        for pic in pictures:
            try:
                page = self.page(path, doc, pic.page)
                image, boxes = render(page, pic, self.drawn_whole(path, pic.page, page, pic.dpi))
                if pic.titles is not None:
                    above = self.page(path, doc, pic.titles_page)
                    strip = replace(pic, page=pic.titles_page, region=(pic.region[0], pic.titles[1], pic.region[2],
                                                                       pic.titles[3]), outlines=())  # fmt: skip
                    head, _ = render(above, strip, self.drawn_whole(path, pic.titles_page, above, pic.dpi))
                    image, boxes = stacked(head, image, boxes)
                out[pic.name] = png(image, boxes, pic.dpi)
            except Exception as e:  # a damaged page: say so in the report, keep the data
                warnings.append(f"{path}: page {pic.page}: picture {pic.name} not drawn ({e or type(e).__name__})")
        return out, warnings


class PictureError(Exception):
    """A file PDFium cannot open for drawing (its data may still have been read)."""


def render(page: Any, pic: Picture, whole: Any = None) -> tuple[Any, list[tuple[float, float, float, float]]]:
    """The picture's region of a PDFium page as a grey PIL image, with its boxes in the image's
    pixels; cut from ``whole`` (the page drawn whole at the picture's resolution) when there is one."""
    width, height = page.get_size()
    scale = pic.dpi / 72
    if pic.turn:
        width, height = height, width
    px = pixel_box(clip(pic.region, width, height), scale)
    if pic.turn:  # drawn whole, turned as the reader turned the page, then cut
        image = page.render(scale=scale, rotation=pic.turn, grayscale=True).to_pil().crop(px)
    elif whole is not None and whole.size == (math.ceil(width * scale), math.ceil(height * scale)):
        image = whole.crop(px)
    else:
        image = page.render(scale=scale, crop=crop_for(*px, width, height, scale), grayscale=True).to_pil()
    x0, top = px[0] / scale, px[1] / scale
    return image, [((b[0] - x0) * scale, (b[1] - top) * scale, (b[2] - x0) * scale, (b[3] - top) * scale)
                   for b in pic.outlines]  # fmt: skip


def stacked(head: Any, image: Any, boxes: list[tuple[float, float, float, float]]) -> tuple[Any, list[Any]]:
    """The column titles above the row, a light band between them (they were cut apart)."""
    from PIL import Image

    out = Image.new("L", (max(head.width, image.width), head.height + GAP_PX + image.height), 255)
    out.paste(head, (0, 0))
    out.paste(Image.new("L", (out.width, GAP_PX), 200), (0, head.height))
    out.paste(image, (0, head.height + GAP_PX))
    shift = head.height + GAP_PX
    return out, [(b[0], b[1] + shift, b[2], b[3] + shift) for b in boxes]


def png(image: Any, boxes: Sequence[tuple[float, float, float, float]], dpi: int) -> bytes:
    """A grey image as a 4-bit PNG, the boxes outlined in red.

    15 grey levels read as well as 256 for text, at a third the size (and ten times faster than
    PIL's general-purpose ``quantize``); the 16th palette entry is the outline's red.
    """
    from PIL import Image, ImageDraw

    levels = image.point([v * GREYS // 256 for v in range(256)])
    paletted = Image.frombytes("P", levels.size, levels.tobytes())
    greys = [round(k * 255 / (GREYS - 1)) for k in range(GREYS) for _ in range(3)]
    paletted.putpalette(greys + list(OUTLINE))
    pen = ImageDraw.Draw(paletted)
    for b in boxes:
        pen.rectangle(list(b), outline=GREYS, width=max(2, round(1.5 * dpi / 72)))
    buf = io.BytesIO()
    paletted.save(buf, format="PNG", bits=4, compress_level=COMPRESS_LEVEL)
    return buf.getvalue()


def pixel_box(region: BBox, scale: float) -> tuple[int, int, int, int]:
    """The region on the page's pixel grid: its size is then its size in points × scale, ±1."""
    x0, top, x1, bottom = region
    return round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale)


def crop_for(left: int, top: int, right: int, bottom: int, width: float, height: float, scale: float) -> BBox:
    """pypdfium2's crop (points off each side: left, bottom, right, top) for a pixel box.

    pypdfium2 rounds each crop up to whole pixels, so each is given a hair under its pixel
    count: the bitmap is then exactly ``right - left`` by ``bottom - top``.
    """
    hair = 1e-6
    full_w, full_h = math.ceil(width * scale), math.ceil(height * scale)
    return (
        max(0.0, (left - hair) / scale), max(0.0, (full_h - bottom - hair) / scale),
        max(0.0, (full_w - right - hair) / scale), max(0.0, (top - hair) / scale),
    )  # fmt: skip


def clip(region: BBox, width: float, height: float) -> BBox:
    return (max(0.0, region[0]), max(0.0, region[1]), min(width, region[2]), min(height, region[3]))
