"""Two printings of the same words agreeing on one text: where lines end, where breaks are kept,
and moving breaks onto a text (normalize/text.py)."""

from __future__ import annotations

import pytest

from extract.model import Line
from normalize.text import agree, break_positions, line_ends, solid, with_breaks


def test_solid_text_has_no_white_space_or_breaks() -> None:
    assert solid(" 相談\u3000窓口\n の 設置\t") == "相談窓口の設置"


def test_line_ends_count_letters_after_normalising() -> None:
    lines = [Line("相談 窓口"), Line("\u3000の設置"), Line("ＡＢ")]
    assert line_ends(lines) == {4, 7, 9}
    assert line_ends([]) == set()


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        ("相談窓口", set()),
        ("相談\n窓口", {2}),
        ("相談 窓口\nの 設置\nを", {4, 7}),  # spaces are not counted
        ("\n相談", {0}),
        ("相談\n\n窓口", {2}),
    ],
)
def test_break_positions_count_letters_before_each_break(text: str, breaks: set[int]) -> None:
    assert break_positions(text) == breaks


@pytest.mark.parametrize(
    ("text", "breaks", "out"),
    [
        ("相談窓口の設置", {2, 4}, "相談\n窓口\nの設置"),
        ("相談\n窓口の設置", {4}, "相談窓口\nの設置"),  # old breaks go
        ("相談 窓口の設置", {2}, "相談\n窓口の設置"),  # a break lands on the letter, not the space
        ("相談窓口", {0}, "相談窓口"),  # never before the first letter
        ("相談窓口", {4}, "相談窓口"),  # nor after the last
        ("相談窓口", {1, 2, 3}, "相\n談\n窓\n口"),
    ],
)
def test_breaks_move_to_the_given_positions(text: str, breaks: set[int], out: str) -> None:
    assert with_breaks(text, breaks) == out


def test_breaks_of_the_given_text_round_trip() -> None:
    text = "啓発を図ります。\nまた、教室を開く。\n以上"
    assert with_breaks(text.replace("\n", ""), break_positions(text)) == text


def test_one_printing_agrees_with_itself() -> None:
    assert agree([("啓発を図ります。\nまた、", {8, 11})]) == "啓発を図ります。\nまた、"
    assert agree([("啓発を図ります。\nまた、", {11})]) == "啓発を図ります。また、"  # no line ended there


def test_printings_agree_on_a_break_every_one_could_show() -> None:
    a = ("啓発を図ります。\nまた、", {8, 11})
    b = ("啓発を図ります。また、", {3, 8, 11})
    assert agree([a, b]) == agree([b, a]) == "啓発を図ります。\nまた、"
    # a break shown by neither printing stays out, even where both ended a line
    assert agree([("啓発を図ります。また、", {3, 11}), ("啓発を図ります。また、", {3, 11})]) == "啓発を図ります。また、"


def test_the_first_printings_spacing_is_kept() -> None:
    a = ("相談 窓口", {4})
    b = ("相談窓口", {4})
    assert agree([a, b]) == "相談 窓口"
    assert agree([b, a]) == "相談窓口"


def test_printings_of_different_words_do_not_agree() -> None:
    assert agree([("相談窓口", {4}), ("相談窓口の設置", {7})]) is None
    assert agree([("相談窓口", {4}), ("相談窓口", {4}), ("相談窓", {3})]) is None
