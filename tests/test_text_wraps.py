"""Soft wraps told from real line breaks: character widths, the wrap allowance, a cell's own wrap
edge, bullets, and breaks inside a word (normalize/text.py), on hand-built lines."""

from __future__ import annotations

import pytest

from extract.model import Line
from normalize.text import (
    WordSplitter,
    breaks_a_word,
    cell_wrap_edge,
    clean_cell,
    em_width,
    is_soft_wrap,
    join_wrapped,
    starts_bullet,
    word_ends,
    word_splitter,
    wrap_allowance_em,
)

EDGE = 100.0  # the column's text edge in these tests


def at(text: str, x1: float | None = 10.0, size: float | None = 4.0, x0: float | None = 0.0) -> Line:
    """A printed line of ``text`` that stops at ``x1``."""
    return Line(text, x0, x1, size)


def chars(text: str) -> list[str]:
    """A word splitter that makes every character a word: no break ever falls inside a word."""
    return list(text)


def vocabulary(*known: str) -> WordSplitter:
    """A word splitter that knows ``known`` words (longest first) and takes anything else a
    character at a time, skipping white space as MeCab does."""

    def split(text: str) -> list[str]:
        out, i = [], 0
        while i < len(text):
            if text[i].isspace():
                i += 1
                continue
            word = next((w for w in sorted(known, key=len, reverse=True) if text.startswith(w, i)), text[i])
            out.append(word)
            i += len(word)
        return out

    return split


class Recorder:
    """A word splitter (one word per character) that remembers the texts it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, text: str) -> list[str]:
        self.seen.append(text)
        return list(text.replace("\n", ""))


@pytest.mark.parametrize(
    ("ch", "width"),
    [("あ", 1.0), ("漢", 1.0), ("＠", 1.0), ("Ａ", 1.0), ("a", 0.5), ("1", 0.5), ("ｱ", 0.5), ("―", 0.5)],
)
def test_wide_and_full_width_characters_are_one_em_the_rest_half(ch: str, width: float) -> None:
    assert em_width(ch) == width


@pytest.mark.parametrize(
    ("next_text", "allowance"),
    [
        ("あ", 1.75),  # one wide character, plus the tolerance
        ("あい", 1.75),  # only the first character counts
        ("ｱｲ", 1.25),  # a narrow one
        ("100人", 2.25),  # a run of digits wraps as one word: 3 × 0.5
        ("100%です", 2.75),  # the % belongs to the run
        ("AB、次", 2.75),  # kinsoku: 、 may not start a line, so it came down with AB
        ("す。", 2.75),  # … or with す
        ("す。次", 2.75),
        ("すで。", 1.75),  # a kinsoku character further on does not count
    ],
)
def test_a_wrap_may_stop_short_by_the_next_lines_first_word(next_text: str, allowance: float) -> None:
    assert wrap_allowance_em(next_text) == allowance


def test_a_line_that_reaches_the_edge_within_the_allowance_is_a_wrap() -> None:
    # the next line starts with あ: 1.75 em × 4 pt = 7 pt of slack
    assert is_soft_wrap(at("相談窓口", 93.5), at("あい"), EDGE)
    assert not is_soft_wrap(at("相談窓口", 93.0), at("あい"), EDGE)  # exactly the allowance short: a break
    assert not is_soft_wrap(at("相談窓口", 60.0), at("あい"), EDGE)
    # a font size the engine did not give is taken as 10 pt: 17.5 pt of slack
    assert is_soft_wrap(at("相談窓口", 83.0, size=None), at("あい"), EDGE)
    assert not is_soft_wrap(at("相談窓口", 82.0, size=None), at("あい"), EDGE)


def test_a_line_without_an_extent_is_no_wrap_by_geometry() -> None:
    assert not is_soft_wrap(at("相談窓口", None), at("あい"), EDGE)


def test_an_empty_line_on_either_side_is_never_a_wrap() -> None:
    assert not is_soft_wrap(at("  ", 100.0), at("、続き"), EDGE)
    assert not is_soft_wrap(at("相談窓口", 100.0), at("  "), EDGE)


@pytest.mark.parametrize("first", ["、", "。", "）", "ー", "っ", "ょ", "々", "％", "：", "／"])
def test_a_line_that_may_not_start_a_line_continues_the_one_above(first: str) -> None:
    # whatever the geometry, and even after a heading
    assert is_soft_wrap(at("相談窓口", 10.0), at(first + "続き"), EDGE)
    assert is_soft_wrap(at("【相談窓口】", 10.0), at(first), EDGE)


@pytest.mark.parametrize("first", ["X線検査", "Aさん", "12件"])
def test_latin_letters_and_digits_may_start_a_line(first: str) -> None:
    assert not is_soft_wrap(at("相談窓口", 10.0), at(first), EDGE)


@pytest.mark.parametrize(
    "next_text",
    ["【見出し】", "〔注〕", "※印の事業", "○相談", "●相談", "■相談", "→相談", "1. 相談", "2) 相談", "①相談", "⑳相談"],
)
def test_a_line_that_starts_an_item_is_never_a_wrap(next_text: str) -> None:
    assert not is_soft_wrap(at("相談窓口の設置", 99.9), at(next_text), EDGE)


def test_a_numbered_line_without_a_space_after_its_number_may_be_a_wrap() -> None:
    assert is_soft_wrap(at("相談窓口の設置", 99.9), at("1.5倍に"), EDGE)


@pytest.mark.parametrize("text", ["【母子手帳交付】", "〔相談〕", "【母子手帳交付】 "])
def test_a_heading_ends_its_line_even_at_the_edge(text: str) -> None:
    assert not is_soft_wrap(at(text, 99.9), at("交付冊数"), EDGE)


@pytest.mark.parametrize("text", ["交付冊数1100冊", "受診率 45.5%", "相談件数1,200件", "10か所", "3種類", "月2回/月"])
def test_in_a_figures_column_a_figure_with_its_unit_ends_its_item(text: str) -> None:
    assert not is_soft_wrap(at(text, 99.9), at("次の指標"), EDGE, figures=True)
    assert is_soft_wrap(at(text, 99.9), at("次の指標"), EDGE)  # running text may go on


@pytest.mark.parametrize("text", ["交付冊数の", "1100冊の交付", "受診率は"])
def test_in_a_figures_column_a_line_without_a_closing_figure_may_wrap(text: str) -> None:
    assert is_soft_wrap(at(text, 99.9), at("次の指標"), EDGE, figures=True)


def test_a_break_inside_a_word_is_a_wrap_only_with_a_word_splitter() -> None:
    line, nxt = at("適応指導教室内で研", 40.0), at("究協議を重ねる")
    assert is_soft_wrap(line, nxt, EDGE, words=word_splitter())
    assert not is_soft_wrap(line, nxt, EDGE)
    assert not is_soft_wrap(at("個別健診で対応", 40.0), at("受診者数"), EDGE, words=word_splitter())


def test_the_splitter_judges_a_break_with_the_cells_text_before_it() -> None:
    seen = Recorder()
    is_soft_wrap(at("研", 10.0), at("究協議"), EDGE, words=seen, before="適応指導教室内で研")
    assert seen.seen == ["適応指導教室内で研究協議"]
    seen = Recorder()
    is_soft_wrap(at("研", 10.0), at("究協議"), EDGE, words=seen)  # no context given: the line alone
    assert seen.seen == ["研究協議"]


def test_the_splitter_sees_a_dozen_characters_each_side_of_a_break() -> None:
    seen = Recorder()
    breaks_a_word("一二三四五六七八九十壱弐参", "あいうえおかきくけこさしす", seen)
    assert seen.seen == ["二三四五六七八九十壱弐参あいうえおかきくけこさし"]


def test_in_a_cell_the_splitter_sees_the_last_three_lines_before_a_break() -> None:
    seen = Recorder()
    join_wrapped([at(ch, 4.0) for ch in "あいうえお"], EDGE, words=seen)
    assert seen.seen == ["あい", "あ\nいう", "あ\nい\nうえ", "\nい\nう\nえお"]


def test_word_ends_follow_the_splitters_words() -> None:
    assert word_ends("研究協議", vocabulary("研究", "協議")) == {2, 4}
    assert word_ends("ああ", chars) == {1, 2}  # the same word twice ends twice
    assert word_ends("研究 協議", vocabulary("研究", "協議")) == {2, 5}  # white space is skipped


def test_word_ends_stop_where_the_splitter_changed_a_character() -> None:
    def changes(text: str) -> list[str]:
        return ["研究", "X", "協議"]

    assert word_ends("研究協議", changes) == {2}


@pytest.mark.parametrize(
    ("before", "after", "inside"),
    [
        ("A研", "究", True),  # 研究 is one word
        ("研", "究A", True),
        ("適応指導教室内で研 ", "  究協議", True),  # spaces at the break do not count
        ("研究", "協議", False),  # two words
        ("ABC", "究", False),  # Latin before the break
        ("研", "ABC", False),  # or after it
        ("研", "・究", False),  # ・ is no letter
        ("", "究", False),
        ("研", "", False),
        ("  ", "究", False),
    ],
)
def test_a_break_is_inside_a_word_only_between_two_japanese_letters_of_one_word(
    before: str, after: str, inside: bool
) -> None:
    assert breaks_a_word(before, after, vocabulary("研究", "協議")) is inside


@pytest.mark.parametrize(
    ("prev", "line", "starts"),
    [
        ("・産後ケア事業の周知。", "・母子手帳交付時", True),
        ("周知を図る。 ", "  ・母子手帳交付時", True),
        ("相談（電話）", "・面談", True),
        ("子育て世代包括支援センター", "・産後ケア事業", False),  # ・ joining two words
        ("周知を図る。", "母子手帳交付時", False),  # no ・
    ],
)
def test_a_bullet_right_after_a_sentence_starts_an_item(prev: str, line: str, starts: bool) -> None:
    assert starts_bullet(prev, line) is starts


# Lines of a cell in a column whose text reaches 129; a cell wraps at 118.
@pytest.mark.parametrize(
    ("lines", "edge"),
    [
        ([at("a", 118.0), at("b", 118.0), at("c", 40.0)], 118.0),
        ([at("a", 116.0), at("b", 118.0), at("c", 40.0)], 118.0),  # 0.5 em apart: one edge, the outer
        ([at("a", 118.0), at("b", 116.0), at("c", 40.0), at("d", 10.0)], 118.0),
        ([at("a", 118.0), at("b", 115.0), at("c", 40.0)], None),  # 0.75 em apart: no edge
        ([at("a", 114.0), at("b", 118.0, size=8.0), at("c", 40.0)], 118.0),  # em is the largest size
        ([at("a", 113.0, size=None), at("b", 118.0, size=None), at("c", 40.0, size=None)], 118.0),  # 10 pt
        ([at("a", 112.5, size=None), at("b", 118.0, size=None), at("c", 40.0, size=None)], None),
        ([at("a", 118.0), at("b", 40.0)], None),  # one line is no edge
        ([at("a", 118.0), at("b", 40.0), at("c", 118.0)], None),  # nor is the last line
        ([at("a", 118.0, x0=None), at("b", 118.0, x0=None), at("c", 40.0, x0=None)], None),  # no left
        ([at("a", None), at("b", None), at("c", 40.0)], None),
        ([at("a", 129.0), at("b", 129.0), at("c", 40.0)], None),  # that is the column's edge
        ([at("a", 96.75), at("b", 96.75), at("c", 10.0)], 96.75),  # three quarters of the width
        ([at("a", 96.0), at("b", 96.0), at("c", 10.0)], None),  # a short list, not an edge
        ([at("a", 100.0), at("b", 100.0, x0=20.0), at("c", 10.0, x0=20.0)], 100.0),  # from the leftmost
        ([at("a", 60.0), at("b", 60.0), at("c", 118.0), at("d", 118.0), at("e", 9.0)], 118.0),
    ],
)
def test_a_cell_wraps_at_its_own_edge_where_two_lines_reach_it(lines: list[Line], edge: float | None) -> None:
    assert cell_wrap_edge(lines, 129.0) == edge


def test_an_empty_cell_joins_to_nothing() -> None:
    assert join_wrapped([], EDGE) == ""
    assert clean_cell([], EDGE) == ""


def test_a_single_line_is_the_cell() -> None:
    assert clean_cell([at(" 相談窓口 ", 40.0)], EDGE) == "相談窓口"


def test_a_figures_column_has_no_narrower_wrap_edge() -> None:
    lines = [
        at("交付冊数の合計は", 118.0, size=4.3),
        at("健診の受診者数は", 118.0, size=4.3),
        at("延べ", 40.0, size=4.3),
    ]
    assert join_wrapped(lines, 129.0) == "交付冊数の合計は健診の受診者数は延べ"
    assert join_wrapped(lines, 129.0, figures=True) == "交付冊数の合計は\n健診の受診者数は\n延べ"


def test_a_bullet_after_a_sentence_is_a_break_even_at_the_edge() -> None:
    lines = [at("周知を図る。", 99.9), at("・研修を行う", 40.0)]
    assert join_wrapped(lines, EDGE) == "周知を図る。\n・研修を行う"
    lines = [at("支援センター", 99.9), at("・産後ケア", 40.0)]
    assert join_wrapped(lines, EDGE) == "支援センター・産後ケア"


def test_a_sentence_end_followed_by_spaces_still_ends_its_line() -> None:
    # a cell that wraps at 118 where the column reaches 129; its sentences end at that edge
    lines = [at("周知を図る。 ", 118.0, size=4.3), at("研修を行う。\u3000", 118.0, size=4.3), at("以上", 8.6, size=4.3)]
    assert clean_cell(lines, 129.0) == "周知を図る。\n研修を行う。\n以上"


def test_an_indent_typed_on_a_wraps_continuation_goes_with_the_wrap() -> None:
    """A list item's continuation starts with a full-width space to sit under the bullet."""
    lines = [at("・特定健", 99.9), at("\u3000康診査を行う", 60.0, x0=4.0)]
    assert join_wrapped(lines, EDGE) == "・特定健康診査を行う"
    assert clean_cell([at("・分割に", 99.9), at("\u3000\u3000よる", 30.0)], EDGE) == "・分割による"


def test_a_space_between_two_words_that_the_wrap_fell_on_stays_outside_a_list_item() -> None:
    """Outside a ・ item, a wrap that falls on the space between two entries (a narrower column
    rewrapped 健診925人　1歳…) keeps it: the two entries stay apart, as the wider printing shows."""
    lines = [at("健診925人", 99.9), at("\u30001歳6か月児健診808人", 60.0)]
    assert join_wrapped(lines, EDGE) == "健診925人\u30001歳6か月児健診808人"
    assert clean_cell(lines, EDGE) == "健診925人 1歳6か月児健診808人"
    # Within an item, after a real break, a later wrap's indent goes with it again.
    item = [at("前文。", 20.0), at("・特定健", 99.9), at("\u3000康診査", 60.0)]
    assert join_wrapped(item, EDGE) == "前文。\n・特定健康診査"


def test_an_indent_on_a_line_after_a_real_break_is_left_to_the_code_point_policy() -> None:
    lines = [at("研修を行う。", 40.0), at("\u3000以上", 20.0)]
    assert join_wrapped(lines, EDGE) == "研修を行う。\n\u3000以上"
    assert clean_cell(lines, EDGE) == "研修を行う。\n以上"
