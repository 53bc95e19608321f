"""The code-point policy of ``normalize_text``, one rule at a time (normalize/text.py's docstring)."""

from __future__ import annotations

import pytest

from normalize.text import normalize_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("60～74", "60〜74"),  # U+FF5E, the full-width tilde: the wave dash, not NFKC's ASCII "~"
        ("60〜74", "60〜74"),  # U+301C stays
        ("60~74", "60~74"),  # an ASCII tilde is not a wave dash
    ],
)
def test_both_wave_dashes_become_the_japanese_one(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2212", "\uff0d", "-"])
def test_every_hyphen_like_dash_becomes_ascii(dash: str) -> None:
    assert normalize_text(f"1{dash}2") == "1-2"


@pytest.mark.parametrize("dash", ["\u2014", "\u2015"])
def test_long_dashes_become_the_horizontal_bar(dash: str) -> None:
    assert normalize_text(f"A{dash}B") == "A\u2015B"


def test_the_prolonged_sound_mark_is_a_letter_not_a_dash() -> None:
    assert normalize_text("ー") == "ー"
    assert normalize_text("センター") == "センター"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("相談  窓口", "相談 窓口"),  # a run of spaces is one space
        ("相談\u3000\u3000窓口", "相談 窓口"),  # so is a run of ideographic spaces
        ("相談\t窓口", "相談 窓口"),  # and a tab
        ("  相談窓口  ", "相談窓口"),  # spaces at the ends go
        ("相談 \n  窓口", "相談\n窓口"),  # and at each line's ends (indentation)
        ("\u3000相談\n\u3000窓口\u3000", "相談\n窓口"),
    ],
)
def test_spaces_collapse_and_indentation_goes(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("相談\r\n窓口", "相談\n窓口"),  # Windows line ends are one break, not two
        ("相談\r窓口", "相談\n窓口"),  # an old Mac line end is a break, not a space
        ("相談\n\n窓口", "相談\n\n窓口"),  # breaks are kept as they are
        ("相談窓口\n", "相談窓口\n"),  # even at the ends: only spaces are trimmed
        ("\n相談窓口", "\n相談窓口"),
    ],
)
def test_line_breaks_are_kept_and_made_one_kind(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


@pytest.mark.parametrize(
    "raw", ["６０歳～７４歳\u3000の方", " 1−2‐3 ", "A—B\r\nｶﾀｶﾅ", "相談  窓口\n  次の行", "⾃殺対策"]
)
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once
