"""Hand-built grids for reading headers (extract.columns.headers) directly: no page, no geometry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from extract.model import Cell, Grid, Line

W, H = 100.0, 40.0
Row = list[str | None]  # cell texts; None where a spanning cell covers the place

PLAN: Row = ["№", "実施内容", "内容", "担当課", "令和3年度の実施計画", "令和3年度\n指標名", "令和3年度\n目標値"]
PLAN_FIELDS = ["no", "name", "description", "department", "plan", "indicator", "target"]
RESULTS: Row = PLAN + ["実施状況", "担当課の評価", "実績値", "達成度（％）"]
RESULTS_FIELDS = PLAN_FIELDS + ["status", "evaluation", "actual", "achievement"]
DEPARTMENTS = ["人事課", "税務課", "健幸保健課", "企業局"]


def plan_row(i: int) -> Row:
    """Program ``i`` of a plan table, each cell what the report prints there."""
    row: Row = [
        str(i),
        f"事業{i}",
        f"事業{i}を説明します。",
        DEPARTMENTS[i % 4],
        f"研修を{i}回行う",
        "開催回数",
        f"{i}回",
    ]
    return row


def results_row(i: int) -> Row:
    return plan_row(i) + [f"研修を{i}回行った", "順調に実施", f"{i}回", "100%"]


def cell(row: int, col: int, text: str, rows: int = 1, cols: int = 1) -> Cell:
    lines = tuple(Line(t) for t in text.split("\n")) if text else ()
    return Cell(row, col, rows, cols, (col * W, row * H, (col + cols) * W, (row + rows) * H), lines)


def grid(rows: Sequence[Sequence[str | None]], spans: Mapping[tuple[int, int], tuple[int, int]] | None = None) -> Grid:
    """A grid of ``rows`` of cell texts ("" an empty cell, None a place a spanning cell covers);
    ``spans`` gives (rows, columns) spanned by the cell at (row, column)."""
    spans = spans or {}
    n_cols = max((len(r) for r in rows), default=0)
    cells = [
        cell(r, c, text, *spans.get((r, c), (1, 1)))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text is not None
    ]
    return Grid(tuple(c * W for c in range(n_cols + 1)), tuple(r * H for r in range(len(rows) + 1)), tuple(cells))
