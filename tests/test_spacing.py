"""The spacing policy, one rule at a time, on hand-built glyph rows (extract.layout.spacing)."""

from __future__ import annotations

from collections.abc import Sequence

from extract.layout.cell_text import group_lines
from extract.layout.spacing import drawn_between, spread_words, tracking
from extract.model import Char

SIZE = 10.0


def row(glyphs: Sequence[tuple[str, float, float]], size: float = SIZE) -> list[Char]:
    """Glyphs of one line from (text, x0, width)."""
    return [Char(t, x, x + w, 0.0, size, size) for t, x, w in glyphs]


def spaced(text: str, x: float, width: float, step: float) -> list[tuple[str, float, float]]:
    """``text`` one glyph every ``step`` pt, each ``width`` wide (a space in the text is skipped:
    its place is left empty, as an exporter positioning words leaves it)."""
    return [(t, x + i * step, width) for i, t in enumerate(text) if t != " "]


def text(chars: Sequence[Char]) -> str:
    (line,) = group_lines(chars)
    return line.text


def test_cjk_set_solid_reads_as_printed() -> None:
    assert text(row(spaced("担当課", 0.0, SIZE, SIZE))) == "担当課"


def test_an_undrawn_gap_between_two_cjk_characters_is_never_a_space() -> None:
    assert text(row([("人", 0.0, SIZE), ("事", 14.0, SIZE), ("課", 40.0, SIZE)])) == "人事課"


def test_cjk_spread_evenly_over_its_cell_reads_as_the_word() -> None:
    """Excel's distributed alignment (均等割付): 担当課 over a cell 80 pt wide."""
    assert text(row(spaced("担当課", 0.0, SIZE, 35.0))) == "担当課"
    assert text(row(spaced("健幸保健課、情報政策課", 0.0, SIZE, 16.0))) == "健幸保健課、情報政策課"


def test_a_drawn_ideographic_space_between_cjk_is_kept() -> None:
    assert text(row(spaced("計画　実績", 0.0, SIZE, SIZE))) == "計画　実績"


def test_latin_word_gaps_wider_than_a_fifth_of_an_em_are_spaces() -> None:
    glyphs = [("A", 0.0, 5.0), ("B", 5.0, 5.0), ("C", 13.0, 5.0)]  # 3 pt: 0.3 em
    assert text(row(glyphs)) == "AB C"
    assert text(row([("A", 0.0, 5.0), ("B", 6.5, 5.0)])) == "AB"  # 1.5 pt: kerning, not a word


def test_letter_spaced_latin_reads_its_wider_word_gaps_as_spaces_and_nothing_else() -> None:
    """Delhi and Mumbai, 5 pt glyphs 3 pt apart (tracking), words 3 + 3 pt apart."""
    glyphs = spaced("Delhi and Mumbai", 0.0, 5.0, 8.0)
    # each word gap is the tracking (3 pt) plus the width of the space the exporter left out
    assert text(row(glyphs)) == "Delhi and Mumbai"
    assert tracking(row(glyphs), 0.2) == 3.0


def test_a_date_spread_over_its_cell_carries_no_space() -> None:
    assert text(row(spaced("2021.3.31", 0.0, 5.0, 9.0))) == "2021.3.31"


def test_two_or_three_glyphs_apart_are_words_as_today() -> None:
    """Too few gaps to tell letter spacing from words: each wide gap is a space."""
    assert text(row(spaced("1 2 3", 0.0, 5.0, 5.0))) == "1 2 3"
    assert tracking(row(spaced("1 2 3", 0.0, 5.0, 5.0)), 0.2) == 0.0


def test_mixed_japanese_and_latin_keep_the_autospace_rule() -> None:
    autospaced = row([("徘", 0.0, SIZE), ("徊", 10.0, SIZE), ("S", 22.0, 6.0), ("O", 28.0, 6.0), ("S", 34.0, 6.0)])
    assert text(autospaced) == "徘徊SOS"
    wider = row([("徘", 0.0, SIZE), ("徊", 10.0, SIZE), ("S", 23.0, 6.0), ("O", 29.0, 6.0), ("S", 35.0, 6.0)])
    assert text(wider) == "徘徊 SOS"


def test_mixed_text_spread_evenly_carries_no_space() -> None:
    """令和3年度 in distributed alignment: full-width and half-width glyphs at one step."""
    glyphs = row([("令", 0.0, SIZE), ("和", 18.0, SIZE), ("3", 36.0, 5.0), ("年", 49.0, SIZE), ("度", 67.0, SIZE)])
    assert text(glyphs) == "令和3年度"


def test_drawn_spaces_follow_todays_policy() -> None:
    """A drawn space is a space; a run of ASCII spaces is one; U+3000 is kept as drawn."""
    glyphs = [("A", 0.0, 5.0), (" ", 5.0, 2.5), (" ", 7.5, 2.5), ("B", 10.0, 5.0)]
    assert text(row(glyphs)) == "A B"
    assert text(row([("A", 0.0, 5.0), ("\u3000", 5.0, SIZE), ("B", 15.0, 5.0)])) == "A\u3000B"


def test_a_space_drawn_over_a_letter_separates_nothing() -> None:
    """camelot's split_text_lattice.pdf draws a run of padding spaces under Delhi and Mumbai."""
    letters = spaced("Delhi", 10.0, 3.0, 3.0)
    padding = [(" ", 0.5 + 0.96 * i, 1.0) for i in range(40)]
    chars = sorted(row(letters + padding), key=lambda c: c.x0)
    assert text(chars).strip() == "Delhi"
    assert all(c.text != " " or not 10.0 < (c.x0 + c.x1) / 2 < 25.0 for c in drawn_between(chars))


def test_a_space_drawn_between_two_letters_is_still_a_space() -> None:
    chars = row([("a", 0.0, 5.0), (" ", 5.1, 2.5), ("b", 7.7, 5.0)])
    assert drawn_between(chars) == chars
    assert text(chars) == "a b"


def test_a_label_spread_evenly_is_one_extent_for_column_inference() -> None:
    label = row(spaced("担当課", 100.0, SIZE, 35.0))
    assert spread_words(label, 0.2) == [(100.0, 180.0)]
    # two words far apart stay two: no even step through three glyphs
    words = row(spaced("甲乙", 0.0, SIZE, SIZE) + spaced("丙", 80.0, SIZE, SIZE))
    assert spread_words(words, 0.2) == [(0.0, 10.0), (10.0, 20.0), (80.0, 90.0)]


def test_a_space_that_starts_where_its_letter_starts_is_part_of_one_glyphs_text() -> None:
    """A glyph mapped to " 【": pdfplumber gives a space and a 【 from one origin, PDFium one character."""
    chars = row([("0", 0.0, 5.0), (" ", 5.0, 5.0), ("【", 5.0, SIZE), ("木", 15.0, SIZE)])
    assert text(chars) == "0 【木"


def test_a_spread_label_over_a_table_ruled_across_only_is_one_column() -> None:
    """担当課 and the names under it in distributed alignment, all three glyphs at one step: the
    gaps between their glyphs run through every row, yet they part no columns."""
    from extract.layout.geometry import find_tables
    from extract.model import Segment

    rules = [Segment(0.0, y, 300.0, y) for y in (0.0, 20.0, 40.0, 60.0)]
    rows = [("№", "担当課", "計画"), ("1", "人事課", "研修"), ("2", "財政課", "相談")]
    chars = []
    for r, (no, dept, plan) in enumerate(rows):
        line = row(spaced(no, 5.0, SIZE, SIZE) + spaced(dept, 60.0, SIZE, 35.0) + spaced(plan, 200.0, SIZE, SIZE))
        chars += [c._replace(top=5.0 + 20.0 * r, bottom=15.0 + 20.0 * r) for c in line]
    (table,) = find_tables(rules, chars)
    assert table.grid.n_cols == 3
    assert [c.text for c in table.grid.cells if c.row == 0] == ["№", "担当課", "計画"]
