"""Tables the rules do not fully draw (issue 18), each rendered by the project (reportlab):
the report with horizontal rules only, the report turned a quarter on portrait pages, and small
generic tables (a frame with no inner rule, double rules, white rules on shading, a text box
over a grid). The report's renderings give the committed PDF's dataset; the generic ones their
exact grid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extract import page_grids
from extract.layout.cell_text import grid_rows
from pipeline.build import tables_of
from schemas import RESOURCES

from .helpers import ROOT, Extracted, Tables
from .test_dataset import without_provenance

SHAPES = ROOT / "tests/fixtures/shapes"
# The generic renderings' expected grids (render.shapes, which needs reportlab).
GENERIC = {
    "frame_only": ("columns", "rows"),  # a frame round a list aligned by text alone
    "double_rules": (),  # double rules as the frame and under the header
    "white_rules": (),  # 3 pt white bars over shaded cells, the only rules
    "box_over_grid": (),  # a framed text box floating over the grid
    # Issue 28: each shape below is read to its exact grid, as one table.
    "glyph_paths": (),  # letters drawn as outlines over the text layer (filled), a title as strokes
    "chart_gridlines": (),  # beside a bar chart (frame, gridlines, axis labels) and an empty frame
    "box_in_cell": (),  # lines to write on inside a cell, and a framed text box beside the table
    "shaded_subrows": (),  # three sub-rows per facility told apart by grey bands only
    "title_underline": (),  # a title's underline 2.2 pt above the top rule
    "open_sides": (),  # rows ruled across, no rule at the left or right side
}


def same_dataset(theirs: Tables, ours: Tables) -> None:
    for name in RESOURCES:
        pd.testing.assert_frame_equal(without_provenance(name, theirs[name]), without_provenance(name, ours[name]))


def test_the_report_with_horizontal_rules_only_gives_the_same_dataset(tables: Tables, extracted: Extracted) -> None:
    same_dataset(tables_of([extracted(SHAPES / "hrules_only.pdf")]), tables)


def test_columns_placed_from_the_text_are_said_to_be_inferred() -> None:
    grids = page_grids(SHAPES / "hrules_only.pdf", pages=[1])
    (table,) = grids[0].tables
    assert table.inferred == ("columns",)
    assert (table.grid.n_rows, table.grid.n_cols) == (9, 11)
    assert grid_rows(table.grid)[0][:2] == ["№", "実施内容"]


def test_the_json_and_quality_md_say_which_boundaries_were_inferred(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from extract.__main__ import main
    from extract.assemble import assemble
    from pipeline.reporting.report import grid_disagreements, inferred_section

    assert main([str(SHAPES / "hrules_only.pdf"), "--pages", "1", "--json"]) == 0
    (table,) = json.loads(capsys.readouterr().out)
    assert table["inferred"] == ["columns"]
    reports = assemble(page_grids(SHAPES / "hrules_only.pdf", pages=[1])).reports
    assert reports[0].inferred == ("columns",)
    assert grid_disagreements(reports) == []  # no vertical rule to count: not a disagreement
    assert inferred_section(reports)[-1] == "- hrules_only.pdf, page 1: columns placed from the text"


@pytest.mark.parametrize("name", ["turned_90", "turned_270"])
def test_the_report_turned_on_portrait_pages_gives_the_same_dataset(
    tables: Tables, extracted: Extracted, name: str
) -> None:
    extraction = extracted(SHAPES / f"{name}.pdf")
    assert {r.turn for r in extraction.reports} == {int(name.split("_")[1])}
    from pipeline.reporting.report import turned_section

    assert turned_section(extraction.reports)[-1] == f"- {name}.pdf, page 9: text runs {name[7:]}°, read turned"
    same_dataset(tables_of([extraction]), tables)


CAMELOT = ROOT.parent / "shared/corpus/camelot"


def corpus_case(case_id: str) -> dict[str, Any]:
    import json

    if not (CAMELOT / "cases.json").exists():
        pytest.skip("../shared/corpus is not here")
    return next(c for c in json.loads((CAMELOT / "cases.json").read_text(encoding="utf-8")) if c["id"] == case_id)


def same_text(rows: list[list[str]]) -> list[list[str]]:
    import unicodedata

    return [[" ".join(unicodedata.normalize("NFKC", v).split()) for v in row] for row in rows]


@pytest.mark.parametrize("case_id", ["clockwise_table_1", "anticlockwise_table_1"])
def test_camelots_turned_tables_come_out_as_a_reader_sees_them(case_id: str) -> None:
    case = corpus_case(case_id)
    (grid,) = page_grids(CAMELOT / case["pdf"], pages=[case["page"]])
    assert grid.turn in (90, 270)
    assert any(same_text(grid_rows(t.grid)) == same_text(case["expected"]) for t in grid.tables)


@pytest.mark.parametrize("name", list(GENERIC))
def test_each_generic_shape_gives_its_exact_grid(name: str) -> None:
    shapes = pytest.importorskip("render.shapes")
    grids = page_grids(SHAPES / f"{name}.pdf")
    (table,) = [t for g in grids for t in g.tables]
    assert grid_rows(table.grid) == shapes.EXPECTED[name]
    assert table.inferred == GENERIC[name]
    assert table.complete


def test_a_box_over_the_grid_is_a_note_kept_whole() -> None:
    shapes = pytest.importorskip("render.shapes")
    (grid,) = page_grids(SHAPES / "box_over_grid.pdf")
    (table,) = grid.tables
    assert table.notes == (shapes.NOTE,)
    assert grid.outside_chars == 0  # the note's glyphs are the table's, not lost


def test_a_frame_with_text_in_one_column_stays_one_cell() -> None:
    """A framed paragraph shows no column gap: it is a 1x1 table, its lines one cell's lines."""
    from extract.layout.geometry import find_tables

    from .helpers import chars_at, ruled_grid

    chars = chars_at("住民からの相談に応じる", 5, 5) + chars_at("市役所職員に対して", 5, 20)
    (table,) = find_tables(ruled_grid([0.0, 200.0], [0.0, 40.0]), chars)
    assert (table.grid.n_rows, table.grid.n_cols, table.inferred) == (1, 1, ())


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(SHAPES.glob("*.pdf")), ids=lambda p: p.stem)
def test_both_readers_give_the_same_tables(path: Path) -> None:
    from .test_conservation import tables_of

    assert tables_of(path, "pdfium") == tables_of(path, "pdfplumber")


def test_two_tables_ruled_across_only_and_stacked_with_no_gap_stay_two() -> None:
    """A stack of row rules is cut at a table's last full-width rule (Okinawa's report prints
    tables of other widths right under each other)."""
    from extract.layout.geometry import find_tables
    from extract.model import Segment

    from .helpers import chars_at

    wide = [Segment(0.0, y, 300.0, y) for y in (0.0, 20.0, 40.0, 60.0)]
    narrow = [Segment(0.0, y, 200.0, y) for y in (80.0, 100.0, 120.0)]
    chars = [
        ch for r, y in enumerate((5.0, 25.0, 45.0)) for x in (5.0, 105.0, 205.0) for ch in chars_at(f"甲{r}", x, y)
    ]
    chars += [ch for y in (85.0, 105.0) for x in (5.0, 105.0) for ch in chars_at("乙", x, y)]
    tables = find_tables(wide + narrow, chars)
    assert sorted((t.grid.n_rows, t.grid.n_cols) for t in tables) == [(2, 2), (3, 3)]


def test_links_underlined_one_under_another_are_no_table() -> None:
    from extract.layout.geometry import find_tables
    from extract.model import Segment

    from .helpers import chars_at

    chars, rules = [], []
    for i, url in enumerate(["http://a.example.jp/", "http://www.b.example.jp/", "http://c.example.jp/x"]):
        top = 30.0 * i
        line = chars_at(url, 0.0, top, size=5.0)  # 5 pt glyphs, each a full em wide here
        chars += line
        rules.append(Segment(line[0].x0, top + 4.6, line[-1].x1, top + 4.6))  # through the glyphs' feet
    assert find_tables(rules, chars) == []


def test_what_draws_no_table_is_set_apart_with_why_and_its_text() -> None:
    shapes = pytest.importorskip("render.shapes")
    from extract.layout import nontables

    (chart,) = page_grids(SHAPES / "chart_gridlines.pdf")
    assert [a.why for a in chart.set_apart] == [nontables.AXES, nontables.EMPTY]
    assert chart.set_apart[0].text.split("\n")[:3] == ["12", "10", "8"]
    (form,) = page_grids(SHAPES / "box_in_cell.pdf")
    ((box),) = form.set_apart
    assert (box.why, box.text) == (nontables.TEXT_BOX, shapes.NOTE)


def test_the_json_lists_what_was_skipped_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from extract.__main__ import main

    assert main([str(SHAPES / "chart_gridlines.pdf"), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [t["rows"][0][0] for t in found if "skipped" not in t] == ["週"]
    skipped = [t for t in found if "skipped" in t]
    assert [t["rows"] for t in skipped] == [[], []]
    assert all(t["skipped"].startswith(("gridlines", "no text")) for t in skipped)


def test_a_white_bar_on_the_white_page_is_no_rule_and_a_large_rounded_frame_still_is() -> None:
    from extract.model import Segment
    from extract.reading.rules import PaintedPath, Subpath, ruling_segments

    band = Subpath(((0.0, 0.0), (300.0, 0.0), (300.0, 3.6), (0.0, 3.6)), closed=True)
    assert ruling_segments([PaintedPath((band,), stroke=False, fill=True, white_fill=True)]) == []
    # A frame stroked with rounded corners: not letter-sized, its straight sides are rules.
    rounded = Subpath(((10.0, 0.0), (190.0, 0.0), (200.0, 10.0), (200.0, 90.0)), curves=frozenset({1}))
    assert ruling_segments([PaintedPath((rounded,), stroke=True, fill=False)]) == [
        Segment(10.0, 0.0, 190.0, 0.0),
        Segment(200.0, 10.0, 200.0, 90.0),
    ]


JPREAL2 = ROOT.parent / "shared/corpus/jpreal2"


@pytest.mark.parametrize(
    ("name", "page", "sizes"),
    [
        ("fuji_r7_kan01_shizei.pdf", 1, [(7, 3), (4, 4), (1, 4), (2, 3)]),  # was 15 tables, 49x15 first
        ("osaka_kodomo_hoikuriyuu29.pdf", 1, [(25, 5), (6, 5)]),  # was 13 tables, 9 of title glyphs
        ("kobe_infection_sh16_38.pdf", 3, []),  # a line chart and a map of bar charts
        ("kobe_carenet_yoko_h30.pdf", 1, []),  # a cover page's two rules
        ("osaka_kodomo_yodogawa.pdf", 3, [(38, 9)]),  # sub-rows by shading: was 14 rows
        ("machida_nursery_2026.pdf", 1, [(42, 17)]),  # a title's underline: was 43 rows
    ],
)
def test_real_documents_give_the_tables_a_reader_sees(name: str, page: int, sizes: list[tuple[int, int]]) -> None:
    if not (JPREAL2 / name).exists():
        pytest.skip("../shared/corpus is not here")
    (grid,) = page_grids(JPREAL2 / name, pages=[page])
    assert [(t.grid.n_rows, t.grid.n_cols) for t in grid.tables] == sizes
