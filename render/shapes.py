"""Small generic tables the rules do not fully draw, drawn with reportlab (issue 18).

Each is one A4 landscape page holding one table whose cells are known (``EXPECTED``): a frame
with no inner rule (columns aligned by text alone), double rules under the header and as the
frame, white rules over a shaded table, and a framed text box floating over a ruled grid. The
tests read each to its exact grid (and the box's text as the table's note).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .common import FONT_FILES, MM

FONT = "IPAexGothic"
SIZE = 10.0
PAGE = (297 * MM, 210 * MM)
X0, TOP = 60.0, 80.0
ROW_H = 20.0
NOTE = "居住地、属性等は、\n現在、調査中です。"

TABLES: dict[str, list[list[str]]] = {
    "frame_only": [
        ["1", "本町3番", "高槻小学校正門"],
        ["2", "本町3番", "高槻幼稚園"],
        ["3", "城東町15番", "府営城東住宅4棟東側"],
        ["4", "京口町1番", "理安寺西側"],
    ],
    "double_rules": [
        ["区分", "件数", "割合"],
        ["相談", "120", "40%"],
        ["訪問", "90", "30%"],
        ["研修", "90", "30%"],
    ],
    "white_rules": [
        ["区分", "令和2年度", "令和3年度"],
        ["相談件数", "120", "135"],
        ["訪問件数", "90", "88"],
        ["研修回数", "12", "14"],
    ],
    "box_over_grid": [
        ["№", "リリース日", "居住地", "年代", "性別"],
        *[[str(1908 + i), "4月12日", "", f"{2 + i % 5}0代", "女性" if i % 2 else "男性"] for i in range(8)],
    ],
}
WIDTHS: dict[str, list[float]] = {
    "frame_only": [40.0, 110.0, 180.0],
    "double_rules": [90.0, 70.0, 70.0],
    "white_rules": [100.0, 90.0, 90.0],
    "box_over_grid": [50.0, 90.0, 110.0, 70.0, 60.0],
}
EXPECTED = TABLES  # the grid each is read to, row by row (the box's text is a note, in no cell)


def positions(name: str) -> tuple[list[float], list[float]]:
    xs = [X0]
    for w in WIDTHS[name]:
        xs.append(xs[-1] + w)
    return xs, [TOP + i * ROW_H for i in range(len(TABLES[name]) + 1)]


class Page:
    """One page in top-down coordinates."""

    def __init__(self, canvas: Canvas) -> None:
        self.c, self.h = canvas, PAGE[1]

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, self.h - y0, x1, self.h - y1)

    def rect(self, x0: float, top: float, x1: float, bottom: float, grey: float, stroke: bool = False) -> None:
        self.c.setFillGray(grey)
        self.c.rect(x0, self.h - bottom, x1 - x0, bottom - top, stroke=int(stroke), fill=1)
        self.c.setFillGray(0)

    def text(self, x: float, top: float, s: str) -> None:
        self.c.drawString(x, self.h - top - 0.88 * SIZE, s)

    def cells(self, name: str) -> None:
        xs, ys = positions(name)
        for r, row in enumerate(TABLES[name]):
            for c, s in enumerate(row):
                self.text(xs[c] + 4, ys[r] + (ROW_H - SIZE) / 2, s)

    def grid(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        for y in ys:
            self.line(xs[0], y, xs[-1], y)
        for x in xs:
            self.line(x, ys[0], x, ys[-1])


def frame_only(p: Page) -> None:
    """A frame round a list whose columns are aligned by text alone."""
    xs, ys = positions("frame_only")
    p.grid([xs[0], xs[-1]], [ys[0], ys[-1]])
    p.cells("frame_only")


def double_rules(p: Page) -> None:
    """A grid framed by a double rule, with a double rule under its header (1.9 pt apart, as ICDAR us-038)."""
    xs, ys = positions("double_rules")
    p.grid(xs, ys)
    d = 1.9
    p.grid([xs[0] - d, xs[-1] + d], [ys[0] - d, ys[-1] + d])  # the frame's outer line
    p.line(xs[0], ys[1] + d, xs[-1], ys[1] + d)  # the header's second line
    p.cells("double_rules")


def white_rules(p: Page) -> None:
    """Cells filled with colour, parted only by 3 pt white bars (and framed by nothing)."""
    xs, ys = positions("white_rules")
    p.rect(xs[0], ys[0], xs[-1], ys[1], 0.55)
    p.rect(xs[0], ys[1], xs[-1], ys[-1], 0.85)
    for x in xs:
        p.rect(x - 1.5, ys[0] - 1.5, x + 1.5, ys[-1] + 1.5, 1.0)
    for y in ys:
        p.rect(xs[0] - 1.5, y - 1.5, xs[-1] + 1.5, y + 1.5, 1.0)
    p.cells("white_rules")


def box_over_grid(p: Page) -> None:
    """A ruled grid with a framed, white-filled text box floating over its empty column."""
    xs, ys = positions("box_over_grid")
    p.grid(xs, ys)
    p.cells("box_over_grid")
    x0, top, x1, bottom = xs[2] + 5, ys[2] + 7, xs[3] - 5, ys[6] - 6
    p.rect(x0, top, x1, bottom, 1.0, stroke=True)
    for i, s in enumerate(NOTE.split("\n")):
        p.text(x0 + 4, top + 8 + i * 1.4 * SIZE, s)


SHAPES: dict[str, Callable[[Page], None]] = {
    "frame_only": frame_only,
    "double_rules": double_rules,
    "white_rules": white_rules,
    "box_over_grid": box_over_grid,
}


def render(name: str, pdf: Path) -> None:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILES[FONT]))
    canvas = Canvas(str(pdf), pagesize=PAGE, invariant=True)
    canvas.setFont(FONT, SIZE)
    SHAPES[name](Page(canvas))
    canvas.showPage()
    canvas.save()
