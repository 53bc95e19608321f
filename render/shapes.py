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
    # Issue 28.
    "glyph_paths": [
        ["目", "本年度予算額", "前年度予算額"],
        ["1 個人", "15,840,700", "14,297,700"],
        ["2 法人", "2,580,200", "2,441,300"],
        ["計", "18,420,900", "16,739,000"],
    ],
    "chart_gridlines": [
        ["週", "件数", "前週比"],
        ["34", "12", "+2"],
        ["35", "10", "-2"],
    ],
    "box_in_cell": [
        ["種別", "内容"],
        ["外勤", "氏名"],
        ["証明欄", "名称・代表者\n電話"],
    ],
    "shaded_subrows": [
        ["施設名", "０歳", "１歳", "計"],
        *[
            row
            for name, counts in (("きたの保育園", (15, 15)), ("鶴満寺保育所", (6, 14)), ("中津保育園", (3, 5)))
            for row in (
                [f"{name} 募集数", str(counts[0]), str(counts[1]), str(sum(counts))],
                ["優先利用数", "0", "1", "1"],
                ["申込者数", str(counts[0] + 3), str(counts[1] + 2), str(sum(counts) + 5)],
            )
        ],
    ],
    "title_underline": [
        ["地域", "保育園名", "定員"],
        ["堺", "市立こうさぎ保育園", "96"],
        ["忠生", "市立忠生保育園", "120"],
    ],
    "open_sides": [
        ["区分", "2019", "2020", "2021", "計"],
        ["相談", "120", "135", "140", "395"],
        ["訪問", "90", "88", "95", "273"],
        ["研修", "12", "14", "15", "41"],
    ],
}
WIDTHS: dict[str, list[float]] = {
    "frame_only": [40.0, 110.0, 180.0],
    "double_rules": [90.0, 70.0, 70.0],
    "white_rules": [100.0, 90.0, 90.0],
    "box_over_grid": [50.0, 90.0, 110.0, 70.0, 60.0],
    "glyph_paths": [90.0, 110.0, 110.0],
    "chart_gridlines": [60.0, 60.0, 60.0],
    "box_in_cell": [80.0, 260.0],
    "shaded_subrows": [200.0, 50.0, 50.0, 50.0],
    "title_underline": [60.0, 160.0, 60.0],
    "open_sides": [70.0, 60.0, 60.0, 60.0, 60.0],
}
EXPECTED = TABLES  # the grid each is read to, row by row (the box's text is a note, in no cell)


def positions(name: str) -> tuple[list[float], list[float]]:
    xs = [X0]
    for w in WIDTHS[name]:
        xs.append(xs[-1] + w)
    heights = [ROW_H * (1 + max(cell.count("\n") for cell in row)) for row in TABLES[name]]
    ys = [TOP]
    for h in heights:
        ys.append(ys[-1] + h)
    return xs, ys


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
                for i, line in enumerate(s.split("\n")):
                    self.text(xs[c] + 4, ys[r] + i * ROW_H + (ROW_H - SIZE) / 2, line)

    def glyph(self, x: float, top: float, fill: bool = True) -> None:
        """A letter drawn as an outline, as Ghostscript or Illustrator turn text into paths: two
        stems and two bars 0.7 pt thick (thin enough to pass for rules: together a box), and a
        curved stroke."""
        path = self.c.beginPath()
        y = self.h - top
        for dx in (1.0, 7.0):
            path.rect(x + dx, y - 8.5, 0.7, 7.5)  # the stems
        for dy in (1.7, 8.5):
            path.rect(x + 1, y - dy, 6.7, 0.7)  # the bars
        path.moveTo(x + 3, y - 4)
        path.curveTo(x + 8, y - 3, x + 9, y - 8, x + 3, y - 8.5)
        path.lineTo(x + 3, y - 7.5)
        path.curveTo(x + 7, y - 7, x + 7, y - 4.5, x + 3, y - 5)
        path.close()
        self.c.setLineWidth(0.3)
        self.c.drawPath(path, stroke=int(not fill), fill=int(fill))

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


def glyph_paths(p: Page) -> None:
    """A ruled table whose text is also drawn as letter outlines over the text layer (filled, as
    DocuWorks re-written by Ghostscript does), under a title drawn as stroked outlines only
    (as Illustrator does): neither adds a rule."""
    xs, ys = positions("glyph_paths")
    p.grid(xs, ys)
    p.cells("glyph_paths")
    for r, row in enumerate(TABLES["glyph_paths"]):
        for c, s in enumerate(row):
            for i in range(len(s)):
                p.glyph(xs[c] + 4 + i * SIZE, ys[r] + (ROW_H - SIZE) / 2)
    for i in range(8):  # the title: outlines only, no text
        p.glyph(X0 + i * 12, TOP - 40, fill=False)


def chart_gridlines(p: Page) -> None:
    """A ruled table beside a bar chart: its frame, gridlines across and bars, labelled along
    its left side and foot, and an empty frame. Only the table is a table."""
    xs, ys = positions("chart_gridlines")
    p.grid(xs, ys)
    p.cells("chart_gridlines")
    left, top, right, bottom = X0 + 260, TOP, X0 + 460, TOP + 150
    p.grid([left, right], [top, bottom])  # the chart's frame
    for k in range(7):  # gridlines every 20 pt, labelled 12 … 0 at the left
        y = top + 10 + 20 * k
        p.line(left + 30, y, right - 10, y, 0.3)
        p.text(left + 8, y - SIZE / 2, str(12 - 2 * k))
    for k in range(5):  # the bars, and their week under the last gridline
        x = left + 45 + 30 * k
        p.rect(x, top + 10 + 20 * (1 + k % 4), x + 12, top + 130, 0.4)
        p.text(x, top + 134, str(34 + k))
    p.grid([X0 + 260, X0 + 460], [TOP + 170, TOP + 250])  # an empty frame (a map's border)


def box_in_cell(p: Page) -> None:
    """A form: a ruled table whose cell holds lines to write on (underlines, not touching the
    cell's sides), and a framed text box beside it with no inner rule."""
    xs, ys = positions("box_in_cell")
    p.grid(xs, ys)
    p.cells("box_in_cell")
    for i in range(2):
        y = ys[2] + (i + 1) * ROW_H - 3
        p.line(xs[1] + 3, y, xs[2] - 10, y, 0.3)
    box = (X0 + 380, TOP, X0 + 560, TOP + 45)
    p.grid([box[0], box[2]], [box[1], box[3]])
    for i, s in enumerate(NOTE.split("\n")):
        p.text(box[0] + 6, box[1] + 6 + i * 1.4 * SIZE, s)


def shaded_subrows(p: Page) -> None:
    """Each facility's three sub-rows told apart only by grey bands across every column (dark,
    light, none), under a shaded header: rules between facilities and columns only."""
    xs, ys = positions("shaded_subrows")
    p.rect(xs[0], ys[0], xs[-1], ys[1], 0.6)  # the header, shaded whole
    for g in range(3):
        first = 1 + 3 * g
        p.rect(xs[0], ys[first], xs[-1], ys[first + 1], 0.75)
        p.rect(xs[0], ys[first + 1], xs[-1], ys[first + 2], 0.88)
    p.grid(xs, [ys[0], ys[1], ys[4], ys[7], ys[10]])
    p.cells("shaded_subrows")


def title_underline(p: Page) -> None:
    """A table whose title's underline runs 2.2 pt above its top rule, across part of it; the
    frame's sides start 0.4 pt above the top rule (as Excel draws them), so they reach it."""
    xs, ys = positions("title_underline")
    p.text(xs[1], ys[0] - 14, "保育園応募状況一覧")
    p.line(xs[1], ys[0] - 2.2, xs[1] + 95, ys[0] - 2.2, 0.5)
    p.grid(xs, ys)
    for x in (xs[0], xs[-1]):
        p.line(x, ys[0] - 0.4, x, ys[0] + 1)
    p.cells("title_underline")


def open_sides(p: Page) -> None:
    """Rows ruled across, columns ruled inside only: no rule at the left or right side."""
    xs, ys = positions("open_sides")
    for y in ys:
        p.line(xs[0], y, xs[-1], y)
    for x in xs[1:-1]:
        p.line(x, ys[0], x, ys[-1])
    p.cells("open_sides")


SHAPES: dict[str, Callable[[Page], None]] = {
    "frame_only": frame_only,
    "double_rules": double_rules,
    "white_rules": white_rules,
    "box_over_grid": box_over_grid,
    "glyph_paths": glyph_paths,
    "chart_gridlines": chart_gridlines,
    "box_in_cell": box_in_cell,
    "shaded_subrows": shaded_subrows,
    "title_underline": title_underline,
    "open_sides": open_sides,
}


def render(name: str, pdf: Path) -> None:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILES[FONT]))
    canvas = Canvas(str(pdf), pagesize=PAGE, invariant=True)
    canvas.setFont(FONT, SIZE)
    SHAPES[name](Page(canvas))
    canvas.showPage()
    canvas.save()
