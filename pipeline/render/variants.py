"""The layout variants the extraction tests run on: name → how to render it.

Each variant changes what another city, template or producer might change (paper, font,
column widths, where the header repeats, where pages break, …); the extraction must read them
all to the same rows. The PDFs are committed under tests/fixtures/variants/ so that CI needs
no LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import calc, canvas, rotate, writer
from .common import COMMON, Column

# A renderer writes one PDF; ``work`` is a scratch folder for intermediate documents.
Renderer = Callable[[Path, Path], None]

# Break inside №3's ten-department block (after its 5th department row), in both tables.
INSIDE_NO3 = (("r2", 3, 4), ("r3", 3, 4))


def _two_row_columns(r2: bool) -> list[Column]:
    """The standard columns, labelled as they read under a group cell of a two-row header."""
    cols = COMMON + [("plan", "実施計画"), ("indicator", "指標名"), ("target", "目標値")]
    if r2:
        cols += [("status", "実施状況"), ("evaluation", "担当課の評価")]
        cols += [("actual", "実績値"), ("achievement", "達成度（％）")]
    return cols


# A two-row header: the year over the plan columns, 評価 over the evaluation, and the year
# again over the one figure column after it; №/実施内容/内容/担当課/達成度 merged over both rows.
TWO_ROW_COLUMNS = {"r2": _two_row_columns(True), "r3": _two_row_columns(False)}
TWO_ROW_GROUPS: dict[str, list[calc.Group]] = {
    "r2": [
        ("令和2年度", ("plan", "indicator", "target")),
        ("評価", ("status", "evaluation")),
        ("令和2年度", ("actual",)),
    ],
    "r3": [("令和3年度", ("plan", "indicator", "target"))],
}

# Every label worded as another template words it (none identical to the city's): other
# terms, ideographic spaces inside a label, a full-width year digit, "No." for №.
REWORDED_COLUMNS: dict[str, list[Column]] = {
    "r2": [
        ("no", "No."),
        ("name", "事業名"),
        ("description", "事業概要"),
        ("department", "所管課"),
        ("plan", "令和２年度の事業計画"),
        ("indicator", "令和２年度\n成果指標"),
        ("target", "令和２年度\n目標数値"),
        ("status", "令和２年度\n事業の実施状況"),
        ("evaluation", "令和２年度　実施状況に対する所管課の評価"),
        ("actual", "令和２年度\n実績数値"),
        ("achievement", "達成率"),
    ],
    "r3": [
        ("no", "No."),
        ("name", "事業名"),
        ("description", "事業概要"),
        ("department", "担　当　課"),
        ("plan", "令和３年度の事業計画"),
        ("indicator", "令和３年度\n成果指標"),
        ("target", "令和３年度\n目標数値"),
    ],
}

CALC_LAYOUTS: dict[str, calc.Layout] = {
    "a4": calc.Layout(paper="A4"),
    # LibreOffice sets IPAex Mincho a little wider than its advance widths say.
    "mincho": calc.Layout(font="IPAexMincho", padding_em=1.6),
    "narrow": calc.Layout(text_width_factor=0.8),
    "header_every_page": calc.Layout(headers="every"),
    "header_first_page": calc.Layout(headers="first"),
    "auto_breaks": calc.Layout(breaks="auto", headers="first", extra_breaks=INSIDE_NO3),
    "two_row_header": calc.Layout(columns=TWO_ROW_COLUMNS, groups=TWO_ROW_GROUPS),
    "reworded": calc.Layout(columns=REWORDED_COLUMNS),
}


def _calc(layout: calc.Layout) -> Renderer:
    def run(pdf: Path, work: Path) -> None:
        calc.render(layout, pdf, work / f"{pdf.stem}.xlsx")

    return run


def _writer(layout: writer.WriterLayout) -> Renderer:
    def run(pdf: Path, work: Path) -> None:
        writer.render(layout, pdf, work / f"{pdf.stem}.docx")

    return run


VARIANTS: dict[str, Renderer] = {
    **{name: _calc(layout) for name, layout in CALC_LAYOUTS.items()},
    # Writer: rows cut by page breaks (also inside merged blocks), no 内容 column.
    "writer_split": _writer(writer.WriterLayout()),
    # reportlab: rules as filled rectangles, grey header band, rows cut anywhere.
    "canvas_rules": lambda pdf, work: canvas.render(canvas.CanvasLayout(), pdf),
    # The committed PDF, pages stored portrait with /Rotate 90 and 270 on alternate pages.
    "rotated": lambda pdf, work: rotate.render(rotate.RAW_PDF, pdf),
}


def render_variant(name: str, out_dir: Path, work: Path) -> Path:
    pdf = out_dir / f"{name}.pdf"
    VARIANTS[name](pdf, work)
    return pdf
