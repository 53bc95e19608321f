"""The layout variants the extraction tests run on: name → how to render it.

Each variant changes what another city, template or producer might change (paper, font,
column widths, where the header repeats, where pages break, …); the extraction must read them
all to the same rows. The PDFs are committed under tests/fixtures/variants/ so that CI needs
no LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import calc, canvas, rotate, shapes, writer
from .common import COLUMNS, COMMON, Column

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

Columns = tuple[tuple[str, tuple[Column, ...]], ...]  # CanvasLayout.columns


def _columns(order: dict[str, list[str]], labels: dict[str, str] | None = None) -> Columns:
    """The city's columns of each table in another ``order`` of fields (``direction`` is the
    extra column 今後の方向性), some relabelled (``labels``: field → label)."""
    out = []
    for table, fields in order.items():
        known = dict(COLUMNS[table]) | {"direction": "今後の方向性"} | (labels or {})
        out.append((table, tuple((f, known[f]) for f in fields)))
    return tuple(out)


R2_FIELDS = [f for f, _ in COLUMNS["r2"]]
R3_FIELDS = [f for f, _ in COLUMNS["r3"]]
# Every figure column before the text columns, in both tables (a template that groups them).
REORDERED = {
    "r2": ["no", "name", "description", "department", "indicator", "target", "actual", "achievement", "plan",
           "status", "evaluation"],
    "r3": ["no", "name", "description", "department", "indicator", "target", "plan"],
}  # fmt: skip


def _with_direction(order: dict[str, list[str]], after: str | None) -> dict[str, list[str]]:
    """``order`` with the extra column after the field ``after`` (None: last)."""
    out = {}
    for table, fields in order.items():
        at = fields.index(after) + 1 if after else len(fields)
        out[table] = [*fields[:at], "direction", *fields[at:]]
    return out


USUAL = {"r2": R2_FIELDS, "r3": R3_FIELDS}
# Columns that move, grow or shrink, as next year's or another city's report has them: each is
# read to the committed PDF's dataset (plus the extra column in extra_fields), or refused.
COLUMN_LAYOUTS: dict[str, canvas.CanvasLayout] = {
    "columns_reordered": canvas.CanvasLayout(columns=_columns(REORDERED)),
    "extra_after_no": canvas.CanvasLayout(columns=_columns(_with_direction(USUAL, "no"))),
    "extra_middle_reordered": canvas.CanvasLayout(columns=_columns(_with_direction(REORDERED, "department"))),
    "extra_last": canvas.CanvasLayout(columns=_columns(_with_direction(USUAL, None))),
    "no_achievement": canvas.CanvasLayout(columns=_columns({"r2": R2_FIELDS[:-1]})),
    # 担当課 set vertically in a narrow column: its label and its department names.
    "vertical_department": canvas.CanvasLayout(
        columns=_columns(USUAL, {"department": "担\n当\n課"}), vertical=("department",), cut_rows=False
    ),
    # A template whose 担当課 and 達成度 labels were pasted over each other's columns: refused.
    "swapped_labels": canvas.CanvasLayout(
        columns=_columns({"r2": R2_FIELDS}, {"department": "達成度（％）", "achievement": "担当課"})
    ),
}

# Rendered to tests/fixtures/shapes/: tables the rules do not fully draw, each read to the
# committed PDF's dataset (no vertical rule at all; the table turned on portrait pages).
SHAPE_LAYOUTS: dict[str, canvas.CanvasLayout] = {
    "hrules_only": canvas.CanvasLayout(vertical_rules=False),
    "turned_90": canvas.CanvasLayout(turn=90),
    "turned_270": canvas.CanvasLayout(turn=270),
}

# Rendered to tests/fixtures/marks/: what an office print carries (issue 27), each read to the
# committed PDF's dataset: a draft stamp drawn over the table, department names and their label
# in distributed alignment (均等割付), indents typed on the continuation lines of ・ items; all
# of them on the ruled table and on the one ruled across only, and on A4 in Mincho, with the
# FY2020 table's №72 cut by a page break between its two department lines (生涯学習課 /
# 市立図書館). The canvas cuts rows wherever a page ends, so rows run across pages in each.
_ALL_MARKS = canvas.CanvasLayout(
    distributed=("department",), stamp="公表用", stamp_over=False, indent=True, breaks=(("r2", 72, 1),)
)
_UNDERLINED = (("name", 1), ("plan", 2))
MARK_LAYOUTS: dict[str, canvas.CanvasLayout] = {
    "stamp": canvas.CanvasLayout(stamp="案"),
    "distributed": canvas.CanvasLayout(distributed=("department",)),
    "indent": canvas.CanvasLayout(indent=True),
    # with phrases underlined once and twice in their cells, which must stay text (no rule)
    "all_ruled": replace(_ALL_MARKS, underline=_UNDERLINED),
    "all_hrules": replace(_ALL_MARKS, vertical_rules=False),
    "a4_mincho": replace(_ALL_MARKS, paper="A4", font="IPAexMincho", underline=_UNDERLINED),
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


def _canvas(layout: canvas.CanvasLayout) -> Renderer:
    def run(pdf: Path, work: Path) -> None:
        canvas.render(layout, pdf)

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
# Rendered to tests/fixtures/columns/: they are read to the committed PDF's dataset with their
# columns' differences (an extra column, none for 達成度), or refused; not to the same tables.
COLUMN_VARIANTS: dict[str, Renderer] = {name: _canvas(layout) for name, layout in COLUMN_LAYOUTS.items()}


MARK_VARIANTS: dict[str, Renderer] = {name: _canvas(layout) for name, layout in MARK_LAYOUTS.items()}


def _shape(name: str) -> Renderer:
    def run(pdf: Path, work: Path) -> None:
        shapes.render(name, pdf)

    return run


SHAPE_VARIANTS: dict[str, Renderer] = {
    **{name: _canvas(layout) for name, layout in SHAPE_LAYOUTS.items()},
    **{name: _shape(name) for name in shapes.SHAPES},  # small generic tables, read to their grid
}


def render_variant(name: str, out_dir: Path, work: Path) -> Path:
    pdf = out_dir / f"{name}.pdf"
    (VARIANTS | COLUMN_VARIANTS | SHAPE_VARIANTS | MARK_VARIANTS)[name](pdf, work)
    return pdf
