"""Whole pages drawn by a second producer (reportlab): the report's table among other rules.

Several ruled tables on one page, with the report's chosen by its header; an underline and a
rule touching the table that belong to no cell; a glyph drawn twice for bold. Read end to end
by the default engine, so reader and geometry are tested together on a real PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest

from extract import extract
from extract.model import TableKind

reportlab = pytest.importorskip("reportlab")
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402

FONT = "HeiseiKakuGo-W5"  # a CID font every PDF reader knows: nothing to install
HEADER = ["№", "実施内容", "内容", "担当課", "令和3年度の実施計画", "令和3年度 指標名", "令和3年度 目標値"]
ROWS = [["1", "職員研修", "研修を行います。", "人事課", "年2回実施", "回数", "2回"],
        ["2", "相談窓口", "相談を受けます。", "健幸保健課", "周知する", "件数", "100件"]]  # fmt: skip


def grid(
    c: rl_canvas.Canvas, x0: float, top: float, widths: Sequence[float], rows: list[list[str]], height: float = 24
) -> None:
    """A ruled table in top-left coordinates (page height 595): stroked lines, text per cell."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top + i * height for i in range(len(rows) + 1)]
    c.setLineWidth(0.5)
    for y in ys:
        c.line(xs[0], 595 - y, xs[-1], 595 - y)
    for x in xs:
        c.line(x, 595 - ys[0], x, 595 - ys[-1])
    for r, cells in enumerate(rows):
        for i, text in enumerate(cells):
            c.drawString(xs[i] + 2, 595 - ys[r] - 14, text)


def page_pdf(tmp_path: Path) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(842, 595))
    c.setFont(FONT, 8)
    # Another, larger table above the report's: a schedule with labels of its own.
    other = [["月", "火", "水", "木", "金", "土", "日", "備考"]] + [[str(i)] * 8 for i in range(6)]
    grid(c, 40, 30, [50] * 8, other)
    widths = [30, 80, 110, 70, 110, 80, 60]
    grid(c, 40, 250, widths, [HEADER, *ROWS])
    # An underline under 職員研修 (a link, say) inside its cell, touching no rule...
    c.line(72, 595 - (250 + 24 + 17), 104, 595 - (250 + 24 + 17))
    # ...a rule running off the table's right side, and one hanging below it.
    c.line(580, 595 - 262, 700, 595 - 262)
    c.line(300, 595 - 322, 300, 595 - 360)
    # 相談窓口 in fake bold: drawn twice, a third of a point apart.
    c.drawString(72 + 0.3, 595 - (250 + 48) - 14, "相談窓口")
    c.showPage()
    c.save()
    path = tmp_path / "drawn.pdf"
    path.write_bytes(buf.getvalue())
    return path


def test_the_report_table_is_read_among_other_rules_on_a_drawn_page(tmp_path: Path) -> None:
    ex = extract(page_pdf(tmp_path))
    assert [(r.table, r.fiscal_year, r.program_no) for r in ex.rows] == [
        (TableKind.PLAN, 2021, 1),
        (TableKind.PLAN, 2021, 2),
    ]
    assert [r.text("name") for r in ex.rows] == ["職員研修", "相談窓口"]  # bold read once
    assert [r.text("target") for r in ex.rows] == ["2回", "100件"]
    (report,) = ex.reports
    assert report.tables_on_page >= 2
    assert (report.grid_rows, report.grid_cols) == (3, 7)  # no row or column from the stray rules
