"""The cheap structural check: a grid against the count of rules its page draws (quality.md)."""

from __future__ import annotations

from collections.abc import Sequence

from extract.assemble import assemble
from extract.camelot_engine import Lattice, page_grid_camelot
from extract.layout.geometry import page_grid, ruled_lines
from extract.layout.grid import walls
from extract.model import PageContent, Segment
from pipeline.reporting.report import grid_check, grid_disagreements

from .helpers import chars_at, page, ruled_grid

HEADER = ["№", "実施内容", "内容", "担当課", "令和3年度の実施計画", "令和3年度\n指標名", "令和3年度\n目標値"]
BODY = ["1", "研修", "説明", "人事課", "計画", "回数", "1回"]
XS = [i * 100.0 for i in range(len(HEADER) + 1)]
YS = [0.0, 40.0, 80.0]


def report_page(extra: Sequence[Segment] = ()) -> PageContent:
    chars = []
    for r, row in enumerate((HEADER, BODY)):
        for c, text in enumerate(row):
            for k, line in enumerate(text.split("\n")):
                chars += chars_at(line, XS[c] + 2, YS[r] + 2 + k * 12, size=8)
    return page(ruled_grid(XS, YS) + list(extra), chars, source="report.pdf")


def test_rules_are_counted_in_the_table_box_only() -> None:
    segments = ruled_grid(XS, YS) + [Segment(0, -20, 300, -20)]  # a title's underline, above the table
    assert ruled_lines(segments, (XS[0], YS[0], XS[-1], YS[-1])) == (len(XS), len(YS))


def test_a_grid_that_agrees_with_the_rules_is_not_named() -> None:
    (report,) = assemble([page_grid(report_page())]).reports
    assert report.ruled_lines == (len(XS), len(YS)) == (report.grid_cols + 1, report.grid_rows + 1)
    assert grid_disagreements([report]) == []
    assert grid_check([report])[-1].startswith("Every grid has as many")


def test_a_camelot_grid_that_missed_a_rule_is_named_with_its_page() -> None:
    content = report_page()
    v, h = walls(content.segments, XS, YS)
    # camelot saw no rule between the two columns 実施内容 | 内容: one boundary fewer (the name
    # column then carries the description, as in a layout without 内容)
    missed = Lattice(
        tuple(x for i, x in enumerate(XS) if i != 2),
        tuple(YS),
        tuple(tuple(b for i, b in enumerate(row) if i != 2) for row in v),
        tuple(tuple(b for i, b in enumerate(row) if i != 1) for row in h),
    )
    (report,) = assemble([page_grid_camelot(content, [missed])]).reports
    assert grid_disagreements([report]) == [
        "report.pdf, page 1: the grid has 7 column and 3 row boundaries; "
        "the page draws 8 vertical and 3 horizontal rules there"
    ]
    assert grid_check([report])[-1].startswith("- report.pdf, page 1: ")


def test_an_underline_that_our_grid_drops_is_named_too() -> None:
    # A link's underline inside a cell parts no cells, so our grid has no row for it; the page
    # still draws it: a human decides.
    (report,) = assemble([page_grid(report_page([Segment(102, 70, 130, 70)]))]).reports
    assert report.grid_rows == 2
    assert grid_disagreements([report]) == [
        "report.pdf, page 1: the grid has 8 column and 3 row boundaries; "
        "the page draws 8 vertical and 4 horizontal rules there"
    ]
