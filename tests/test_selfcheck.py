"""The build's own check (extract.layout.selfcheck): each table against the page's text layer in its box."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from extract.layout.selfcheck import text_differences, unexplained
from extract.model import (
    Cell,
    Char,
    Extraction,
    Grid,
    Line,
    Mark,
    PageContent,
    PageGrid,
    RuledTable,
    TextDifference,
    Unread,
)  # fmt: skip
from pipeline.running.worker import text_check_error


def table(box: tuple[float, float, float, float], text: str, notes: tuple[str, ...] = ()) -> RuledTable:
    x0, top, x1, bottom = box
    cell = Cell(0, 0, 1, 1, box, (Line(text),) if text else ())
    return RuledTable(Grid((x0, x1), (top, bottom), (cell,)), True, notes=notes)


def at(text: str, x: float, y: float) -> Char:
    """A character of the second count: a point at its box's centre."""
    return Char(text, x, x, y, y, 0.0)


def page(layer: tuple[Char, ...] | None, **more: object) -> PageContent:
    return PageContent("in/report.pdf", 3, 200.0, 200.0, (), (), layer, **more)  # type: ignore[arg-type]


def grid(*tables: RuledTable) -> PageGrid:
    return PageGrid("in/report.pdf", 3, tables, 10, 0)


LAYER = (at("相", 10, 10), at("談", 20, 10), at("1", 30, 10), at("題", 150, 150))  # 題: outside the table


def test_cells_holding_what_the_box_draws_differ_in_nothing() -> None:
    assert text_differences(page(LAYER), grid(table((0, 0, 100, 20), "相談 1"))) == ()
    # A voicing mark apart, a full-width digit, a note: all the same after NFKC.
    layer = (at("か", 10, 10), at("\u3099", 12, 10), at("１", 20, 10), at("注", 40, 10))
    assert text_differences(page(layer), grid(table((0, 0, 100, 20), "が1", ("注",)))) == ()


def test_a_character_in_no_cell_is_named_and_unexplained() -> None:
    (d,) = text_differences(page(LAYER), grid(table((0, 0, 100, 20), "相談")))
    assert (d.page, d.table, d.lost, d.added, d.explained) == (3, 1, "1", "", "")
    assert unexplained([d]) == [d]
    assert str(d) == "report.pdf, page 3, table 1: lost '1'"


def test_characters_pdfminer_named_where_pdfium_could_not_are_explained() -> None:
    borrowed = (Char("梅", 38, 48, 5, 15, 10.0),)
    (d,) = text_differences(page(LAYER, borrowed=borrowed), grid(table((0, 0, 100, 20), "相談1梅")))
    assert d.added == "梅" and d.explained.startswith("read by pdfminer")
    assert unexplained([d]) == []
    # Anything more than what pdfminer named is not explained by it.
    (d,) = text_differences(page(LAYER, borrowed=borrowed), grid(table((0, 0, 100, 20), "相談1梅梅")))
    assert d.added == "梅梅" and not d.explained


def test_a_stamp_kept_out_of_the_cells_is_explained_and_nothing_more() -> None:
    """A stamp's glyphs are in the text layer and in no cell (extract.layout.marks set them apart): the
    difference is named, with why, and does not stop the build; any other character still does."""
    layer = (*LAYER, at("案", 60, 12))
    stamp = Mark("案", (40.0, 0.0, 90.0, 40.0))
    stamped = PageGrid("in/report.pdf", 3, (table((0, 0, 100, 20), "相談1"),), 10, 0, marks=(stamp,))
    (d,) = text_differences(page(layer), stamped)
    assert d.lost == "案" and d.explained.startswith("a stamp or watermark")
    assert unexplained([d]) == []
    (d,) = text_differences(page(layer), replace(stamped, tables=(table((0, 0, 100, 20), "相談"),)))
    assert d.lost == "1案" and not d.explained  # 1 is no stamp's
    # A stamp the reader was unsure of stays in its cell, and explains nothing.
    (d,) = text_differences(page(layer), replace(stamped, marks=(replace(stamp, sure=False),)))
    assert d.lost == "案" and not d.explained


def test_a_glyph_no_reader_could_name_is_unexplained() -> None:
    spot = Unread(Char("", 50, 50, 5, 15, 10.0), "MS-PGothic")
    (d,) = text_differences(page(LAYER, unread=(spot,)), grid(table((0, 0, 100, 20), "相談1")))
    assert d.unread == 1 and not d.explained
    assert text_check_error(Path("in/report.pdf"), Extraction([], [], [d])) == (
        "in/report.pdf: page 3, table 1: the cells do not hold what the page draws (1 glyph(s) no reader could name)"
    )


def test_a_character_in_two_tables_is_named_once_for_the_page() -> None:
    # A box drawn inside a table's cell, listed as a table too: each holds what its box draws,
    # and together they hold 1 twice.
    outer, inner = table((0, 0, 100, 20), "相談1"), table((25, 5, 35, 15), "1")
    (d,) = text_differences(page(LAYER), grid(outer, inner))
    assert (d.table, d.lost, d.added) == (0, "", "1")
    assert str(d) == "report.pdf, page 3, its tables together: added '1'"


def test_no_second_count_checks_nothing_and_a_clean_extraction_fails_nothing() -> None:
    assert text_differences(page(None), grid(table((0, 0, 100, 20), "?"))) == ()
    assert text_check_error(Path("x.pdf"), Extraction([], [])) is None
    explained = TextDifference("x.pdf", 1, 1, "", "梅", "read by pdfminer")
    assert text_check_error(Path("x.pdf"), Extraction([], [], [explained])) is None


def test_an_unexplained_difference_stops_the_build_unless_keep_going(tmp_path: Path) -> None:
    from pipeline.build import readable
    from pipeline.running.worker import FileResult

    lost = TextDifference("in/report.pdf", 3, 1, "1", "")
    extraction = Extraction([], [], [lost])
    result = FileResult(Path("in/report.pdf"), extraction, text_check_error(Path("in/report.pdf"), extraction))
    stopped = readable([result], keep_going=False, out=tmp_path)
    assert not stopped.files
    assert stopped.errors == (
        "in/report.pdf: page 3, table 1: the cells do not hold what the page draws "
        "(in the text layer but in no cell: 1)",
    )
    kept = readable([result], keep_going=True, out=tmp_path)
    assert kept.extractions == [extraction] and kept.errors == stopped.errors


def test_quality_md_and_the_log_line_name_every_difference() -> None:
    from pipeline.reporting.text_check_report import text_check_section, text_check_summary

    explained = TextDifference("in/a.pdf", 4, 1, "", "梅", "read by pdfminer: glyphs of a font …")
    lost = TextDifference("in/a.pdf", 5, 2, "1", "")
    assert text_check_summary([]) == "every character once"
    assert text_check_summary([explained, lost]) == (
        "2 table(s) differ from the text layer, 1 unexplained: a.pdf, page 5, table 2: lost '1'; "
        "a.pdf, page 4, table 1: added '梅' (read by pdfminer: glyphs of a font …)"
    )
    section = text_check_section([explained, lost])
    assert "- a.pdf, page 5, table 2: lost '1'" in section and "### Every character once" in section
