"""Cells that list several indicators → one item each, under their headings, and the pairing of
target, actual and achievement items (normalize/indicators.py)."""

from __future__ import annotations

import pytest

from normalize.indicators import IndicatorItem, Item, items, pair_items
from normalize.values import Quantity


def row(found: list[Item]) -> list[tuple[str | None, str | None, float | None, str | None, str | None]]:
    """Each item as (group, label, value, unit, note)."""
    return [(i.group, i.label, i.quantity.value, i.quantity.unit, i.quantity.note) for i in found]


@pytest.mark.parametrize("text", [None, "", "\n\n", "指標化困難", "【健診】"])
def test_a_cell_without_a_figure_has_no_items(text: str | None) -> None:
    assert items(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("受診者数926人", [(None, "受診者数", 926.0, "人", None)]),
        ("受診者数 926人", [(None, "受診者数", 926.0, "人", None)]),
        ("受診者数:926人", [(None, "受診者数", 926.0, "人", None)]),  # the separator goes
        ("受診者数:\n926人", [(None, "受診者数", 926.0, "人", None)]),  # on the line above too
        ("926人", [(None, None, 926.0, "人", None)]),  # a figure alone has no label
        ("各50件", [(None, None, 50.0, "件", None)]),
        ("妊婦健診\n補助券利用枚数\n13000枚", [(None, "妊婦健診補助券利用枚数", 13000.0, "枚", None)]),
        ("受診者数\n\n926人", [(None, "受診者数", 926.0, "人", None)]),  # a blank line is skipped
        ("  受診者数  \n  926人  ", [(None, "受診者数", 926.0, "人", None)]),
        ("相談件数12件\n訪問件数3件", [(None, "相談件数", 12.0, "件", None), (None, "訪問件数", 3.0, "件", None)]),
        ("受診者数926人\n未定", [(None, "受診者数", 926.0, "人", None)]),  # a label with no figure after it
        ("コード1,2,3\n相談件数5件", [(None, "コード1,2,3相談件数", 5.0, "件", None)]),  # not one figure: a label
    ],
)
def test_each_figure_is_an_item_labelled_by_the_text_before_it(
    text: str, expected: list[tuple[str | None, str | None, float | None, str | None, str | None]]
) -> None:
    assert row(items(text)) == expected


def test_items_fall_under_the_heading_above_them() -> None:
    text = "【母子手帳交付】\n交付冊数1100冊\n【妊婦健康診査】\n受診者数\n1700人\n補助券利用枚数\n13000枚"
    assert row(items(text)) == [
        ("母子手帳交付", "交付冊数", 1100.0, "冊", None),
        ("妊婦健康診査", "受診者数", 1700.0, "人", None),
        ("妊婦健康診査", "補助券利用枚数", 13000.0, "枚", None),
    ]


def test_a_heading_drops_a_label_left_without_a_figure() -> None:
    assert row(items("前置き\n【健診】\n926人")) == [("健診", None, 926.0, "人", None)]


@pytest.mark.parametrize(
    ("text", "label", "note"),
    [
        ("受診者数926人(延べ)", "受診者数", "延べ"),
        ("受診者数926人 (延べ) (速報)", "受診者数", "延べ; 速報"),  # every note after the figure
        ("受診者数926人( )", "受診者数", None),  # an empty bracket is no note
        ("受診(電話)者数926人", "受診(電話)者数", None),  # a bracket inside the label is the label's
    ],
)
def test_brackets_after_a_figure_are_its_note(text: str, label: str, note: str | None) -> None:
    assert row(items(text)) == [(None, label, 926.0, "人", note)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("相談BOX:\n12件", "相談BOX"),  # only the separator goes, not the letters before it
        ("相談件数)\n12件", "相談件数"),  # an unmatched ")" goes
        ("相談(延べ)件数)\n12件", "相談(延べ)件数)"),  # a matched one stays
    ],
)
def test_a_label_loses_its_separator_and_an_unmatched_bracket(text: str, label: str) -> None:
    (item,) = items(text)
    assert item.label == label


def names_and_values(
    found: list[IndicatorItem],
) -> list[tuple[str | None, str, float | None, float | None, float | None]]:
    def v(q: Quantity | None) -> float | None:
        return None if q is None else q.value

    return [(i.group, i.name, v(i.target), v(i.actual), v(i.achievement)) for i in found]


def test_two_target_items_make_two_indicators_paired_by_position() -> None:
    found = pair_items("指標", "相談件数50件\n訪問件数10件", "相談件数48件\n訪問件数12件", "96%\n120%")
    assert names_and_values(found) == [(None, "相談件数", 50.0, 48.0, 96.0), (None, "訪問件数", 10.0, 12.0, 120.0)]


def test_items_that_do_not_pair_up_leave_that_side_empty() -> None:
    found = pair_items("指標", "相談件数50件\n訪問件数10件", "相談件数48件", "96%\n120%\n80%")
    assert names_and_values(found) == [(None, "相談件数", 50.0, None, None), (None, "訪問件数", 10.0, None, None)]


def test_an_item_without_a_label_takes_the_indicators_name() -> None:
    assert [i.name for i in pair_items("相談件数", "50件\n10件", None, None)] == ["相談件数", "相談件数"]
    assert [i.name for i in pair_items(None, "50件\n10件", None, None)] == ["", ""]
    assert [i.name for i in pair_items(None, "各50件", "48件\n12件", None)] == ["", ""]


@pytest.mark.parametrize("target", ["各50件", "各50件以上"])
def test_an_each_target_applies_to_every_listed_actual(target: str) -> None:
    found = pair_items("相談件数", target, "法律相談48件\n一般相談34件", "96%\n68%\n1%")
    assert names_and_values(found) == [(None, "法律相談", 50.0, 48.0, None), (None, "一般相談", 50.0, 34.0, None)]
    assert all(i.target is not None and i.target.qualifier is not None for i in found)


def test_a_target_that_is_not_each_keeps_the_row_one_indicator() -> None:
    found = pair_items("相談件数", "50件", "法律相談48件\n一般相談34件", None)
    assert [(i.name, i.target and i.target.value, i.actual and i.actual.text) for i in found] == [
        ("相談件数", 50.0, "法律相談48件\n一般相談34件")
    ]


def test_an_each_target_with_one_actual_keeps_the_row_one_indicator() -> None:
    found = pair_items("相談件数", "各50件", "48件", "96%")
    assert names_and_values(found) == [(None, "相談件数", 50.0, 48.0, 96.0)]


def test_a_row_of_whole_cells_marks_its_ratios() -> None:
    (item,) = pair_items("受診率", "0.6", "37.1%", None)
    assert (item.target, item.achievement) == (Quantity("0.6", 0.6, "ratio"), Quantity(None))


def test_a_row_without_an_indicator_or_lists_has_no_items() -> None:
    assert pair_items(None, "50件", "48件", "96%") == []
    assert pair_items("", "50件", "48件", "96%") == []
