"""Two small tables that test how a page is read rather than how its rules are drawn (issue 28).

``not_embedded.pdf``: a ruled table in a CJK font the file does not embed (reportlab's
HeiseiKakuGo-W5, encoded with the half-width CMap UniJIS-UCS2-HW-H and no ToUnicode, as SkyPDF
writes ＭＳ Ｐゴシック), some cells drawn a glyph per text object and with a lone space, the way
that file draws them. A machine without a CJK font draws each such glyph without width.

``media_box.pdf``: a ruled table on a page whose MediaBox does not start at (0, 0), as Acrobat
writes some (``kobe_trend_sh18_1.pdf``): (-9, 9), so every box in pdfplumber's coordinates is
9 pt left of and 9 pt above the page's own.

    python -m render.fonts tests/fixtures/fonts
"""

from __future__ import annotations

import sys
from itertools import accumulate
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

CJK = "HeiseiKakuGo-W5"
SIZE = 10.0
PAGE = (400.0, 300.0)
X0, TOP, ROW_H = 40.0, 60.0, 22.0
WIDTHS = [60.0, 150.0, 60.0]
NOT_EMBEDDED = [
    ["区分", "施設名", "募集数"],
    ["民間", "レイモンド梅田北保育園", "4"],
    ["公立", "北 保育所", "12"],
    ["計", "", "16"],
]
MEDIA_BOX = [
    ["区分", "件数"],
    ["相談", "120"],
    ["訪問", "90"],
]
# Written by reportlab for a 400 × 300 page, and what replaces it (as long, so that the
# cross-reference table's offsets stay right).
PLAIN_BOX, SHIFTED_BOX = b"/MediaBox [ 0 0 400 300 ]", b"/MediaBox [ -9 9 391 309 ]"


def draw_table(c: Canvas, rows: list[list[str]], widths: list[float], font: str, one_glyph_each: bool) -> None:
    """The table's rules and text; with ``one_glyph_each``, the name column a glyph per text
    object (a space in it an object of its own), as SkyPDF writes them."""
    height = PAGE[1]
    xs = list(accumulate(widths, initial=X0))
    ys = [TOP + i * ROW_H for i in range(len(rows) + 1)]
    c.setLineWidth(0.75)
    for y in ys:
        c.line(xs[0], height - y, xs[-1], height - y)
    for x in xs:
        c.line(x, height - ys[0], x, height - ys[-1])
    c.setFont(font, SIZE)
    for r, row in enumerate(rows):
        baseline = height - ys[r] - ROW_H + 7
        for k, text in enumerate(row):
            x = xs[k] + 4
            if one_glyph_each and k == 1:
                for ch in text:
                    c.drawString(x, baseline, ch)
                    x += pdfmetrics.stringWidth(ch, font, SIZE)
            else:
                c.drawString(x, baseline, text)


def render_not_embedded(path: Path) -> None:
    font = UnicodeCIDFont(CJK, isHalfWidth=True)  # encoded UniJIS-UCS2-HW-H, never embedded
    pdfmetrics.registerFont(font)
    c = Canvas(str(path), pagesize=PAGE, invariant=True)
    draw_table(c, NOT_EMBEDDED, WIDTHS, font.fontName, one_glyph_each=True)
    c.save()


def render_media_box(path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(CJK))
    c = Canvas(str(path), pagesize=PAGE, invariant=True)
    draw_table(c, MEDIA_BOX, [70.0, 70.0], CJK, one_glyph_each=False)
    c.save()
    data = path.read_bytes()
    if data.count(PLAIN_BOX) != 1:
        raise RuntimeError(f"{path}: reportlab wrote no MediaBox {PLAIN_BOX!r}")
    path.write_bytes(data.replace(PLAIN_BOX, SHIFTED_BOX))


def main(argv: list[str] | None = None) -> None:
    out = Path((argv if argv is not None else sys.argv[1:])[0])
    out.mkdir(parents=True, exist_ok=True)
    render_not_embedded(out / "not_embedded.pdf")
    render_media_box(out / "media_box.pdf")


if __name__ == "__main__":
    main()
