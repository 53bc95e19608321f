"""A rewrite of a finished PDF whose pages are stored turned, with /Rotate to turn them back.

Scanners, printers' "save as PDF" and some office suites store a landscape page as a portrait
one with /Rotate 90 (or 270); a viewer shows it upright, but the content stream's coordinates
run the other way. Each page here DISPLAYS exactly like the original: its content is drawn
turned by the inverse rotation, the MediaBox is swapped to portrait, and /Rotate set.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, NumberObject, RectangleObject

from .common import ROOT

RAW_PDF = ROOT / "data/raw/iizuka_suicide_plan_progress_fy2020_fy2021.pdf"


def stored_turned(page: PageObject, rotate: int) -> None:
    """Turn the page's content by -``rotate`` into a swapped box and set /Rotate ``rotate``.

    A viewer turns a page clockwise by /Rotate; so the content is turned counter-clockwise
    by the same angle beforehand (PDF rotation matrices turn counter-clockwise), then moved
    back into the positive quadrant of the new box.
    """
    if rotate not in (90, 270):
        raise ValueError(f"rotate must be 90 or 270, not {rotate}")
    box = page.mediabox
    x0, y0, w, h = float(box.left), float(box.bottom), float(box.width), float(box.height)
    t = Transformation().translate(-x0, -y0).rotate(rotate)
    t = t.translate(h, 0) if rotate == 90 else t.translate(0, w)
    page.add_transformation(t)
    new_box = RectangleObject([0, 0, h, w])
    page.mediabox = new_box
    page.cropbox = new_box
    page[NameObject("/Rotate")] = NumberObject(rotate)


def render(src: Path, pdf: Path, rotations: tuple[int, ...] = (90, 270)) -> None:
    """Copy ``src`` to ``pdf`` with page i stored turned by ``rotations[i % len(rotations)]``."""
    reader = PdfReader(src)
    if any(int(p.get("/Rotate", 0)) for p in reader.pages):
        raise ValueError(f"{src}: already has rotated pages")
    writer = PdfWriter(clone_from=reader)
    for i, page in enumerate(writer.pages):
        stored_turned(page, rotations[i % len(rotations)])
    with open(pdf, "wb") as out:
        writer.write(out)
