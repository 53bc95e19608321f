"""Hand-built grids for the assembly tests: cells with their text, no geometry step.

A table is given as rows of cell texts ("" = empty, "\n" parts lines). ``spans`` lists the
merged cells as (row, col, row_span, col_span), anchored at their top-left position; the
positions they cover are left out of the grid, as a ruled table leaves them.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import Cell, Grid, Line, PageGrid, RuledTable

PLAN_HEADER = ("№", "実施内容", "内容", "担当課", "令和3年度の実施計画", "令和3年度\n指標名", "令和3年度\n目標値")
RESULTS_HEADER = ("№", "実施内容", "内容", "担当課", "令和2年度の実施計画", "令和2年度\n指標名",
                  "令和2年度\n目標値", "実施状況", "評価", "実績値", "達成度")  # fmt: skip
W, H, SIZE = 100.0, 40.0, 8.0
Span = tuple[int, int, int, int]  # row, col, row_span, col_span


def plan_row(no: str, name: str, dept: str, plan: str = "研修を行う", desc: str = "研修を行います。") -> list[str]:
    """One department row of a plan table (PLAN_HEADER's columns)."""
    return [no, name, desc if no else "", dept, plan, "回数", "1回"]


def lines_of(text: str, x0: float, width: float = W) -> tuple[Line, ...]:
    """A cell's text as printed lines, each starting 2 pt inside the cell and fitting it."""
    return tuple(Line(t, x0 + 2, min(x0 + 2 + len(t) * SIZE, x0 + width - 2), SIZE) for t in text.split("\n") if text)


def grid(
    rows: Sequence[Sequence[str]], spans: Sequence[Span] = (), x0: float = 0.0, widths: Sequence[float] = ()
) -> Grid:
    """A ruled grid of ``rows`` (the first row's length gives the columns)."""
    n_cols = len(rows[0])
    widths = list(widths) or [W] * n_cols
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [i * H for i in range(len(rows) + 1)]
    covered = {(r + i, c + k) for r, c, rs, cs in spans for i in range(rs) for k in range(cs) if (i, k) != (0, 0)}
    span_at = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    cells = []
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            if (r, c) in covered:
                continue
            rs, cs = span_at.get((r, c), (1, 1))
            bbox = (xs[c], ys[r], xs[c + cs], ys[r + rs])
            cells.append(Cell(r, c, rs, cs, bbox, lines_of(text, xs[c], xs[c + cs] - xs[c])))
    return Grid(tuple(xs), tuple(ys), tuple(cells))


def table(
    rows: Sequence[Sequence[str]],
    spans: Sequence[Span] = (),
    *,
    complete: bool = True,
    x0: float = 0.0,
    widths: Sequence[float] = (),
) -> RuledTable:
    return RuledTable(grid(rows, spans, x0, widths), complete)


def page_of(
    *tables: RuledTable, number: int = 1, source: str = "test.pdf", n_chars: int = 100, turn: int = 0
) -> PageGrid:
    """A page holding ``tables`` (in the order given: an engine lists the largest first)."""
    return PageGrid(source, number, tables, n_chars, 0, turn)


def plan_page(
    rows: Sequence[Sequence[str]],
    spans: Sequence[Span] = (),
    *,
    header: Sequence[str] | None = PLAN_HEADER,
    number: int = 1,
) -> PageGrid:
    """A page with one plan table: ``header`` (None: a page that continues the table above) and
    ``rows``; ``spans`` count grid rows from the header's row."""
    body = ([list(header)] if header else []) + [list(r) for r in rows]
    return page_of(table(body, spans), number=number)
