"""Property tests of the normalizers (hypothesis): total, idempotent, and no digit lost."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.model import Line
from normalize.indicators import items
from normalize.text import clean_cell, normalize_text
from normalize.values import parse_quantity

# Any code point, and text made of what the report is made of, so that both the odd corners
# of Unicode and the realistic mixtures get their share.
REPORT_CHARS = "０１２３４５６７８９0123456789,，.．%％件人回冊・、。（）()【】〜～－ー―‐−⾃自各平均以上　 \n"
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.text(alphabet=REPORT_CHARS, max_size=40)


def digits(s: str) -> list[int]:
    return [unicodedata.decimal(c) for c in s if unicodedata.decimal(c, None) is not None]


def is_subsequence(needle: list[int], hay: list[int]) -> bool:
    it = iter(hay)
    return all(any(d == h for h in it) for d in needle)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_normalize_text_is_total_idempotent_and_keeps_digits(s: str) -> None:
    out = normalize_text(s)
    assert normalize_text(out) == out
    assert is_subsequence(digits(s), digits(out))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(ANY_TEXT, st.floats(0, 500)), max_size=6), st.floats(0, 600))
def test_clean_cell_is_total_idempotent_and_keeps_digits(lines: list[tuple[str, float]], edge: float) -> None:
    printed = [Line(t, None, x1, 10.0) for t, x1 in lines]
    out = clean_cell(printed, edge)
    assert normalize_text(out) == out
    assert is_subsequence(digits("".join(t for t, _ in lines)), digits(out))


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_parse_quantity_never_raises_and_keeps_the_text(s: str) -> None:
    q = parse_quantity(s)
    assert q.text is None or q.text == normalize_text(s)
    assert parse_quantity(q.text) == q if q.text is not None else True
    items(s)


@given(st.integers(0, 10**9), st.sampled_from(["件", "人", "回", "%", "冊", ""]))
def test_every_written_number_parses_back(n: int, unit: str) -> None:
    for written in (
        f"{n}{unit}",
        f"{n:,}{unit}",
        unicodedata.normalize("NFKC", f"{n}{unit}").translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ):
        q = parse_quantity(written)
        assert q.value == n and q.unit == (unit or None)
