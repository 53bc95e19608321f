"""Targets, actuals and rates as printed → value, unit, qualifier and note; ratios next to
percentages; actual over target (normalize/values.py)."""

from __future__ import annotations

import pytest

from normalize.values import Quantity, actual_over_target, is_null_text, mark_ratios, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "note"),
    [
        ("926", 926.0, None, None, None),
        ("12.5", 12.5, None, None, None),
        ("1,234,567.5", 1234567.5, None, None, None),
        ("１，２８０", 1280.0, None, None, None),
        ("10 件", 10.0, "件", None, None),
        ("45.5%", 45.5, "%", None, None),
        ("3か所", 3.0, "か所", None, None),
        ("月2回", 2.0, "回/月", None, None),  # 年/月/週 before the figure: a rate
        ("週3", 3.0, "/週", None, None),  # … even without a unit
        ("2回/月", 2.0, "回/月", None, None),  # or after its unit
        ("12/年", 12.0, "/年", None, None),
        ("約50人以上", 50.0, "人", "約 以上", None),  # both qualifiers, in order
        ("50人未満", 50.0, "人", "未満", None),
        ("平均\n85%", 85.0, "%", "平均", None),  # a figure wrapped after its qualifier
        ("85%\n", 85.0, "%", None, None),
        ("1,280(20名)(2会場)", 1280.0, None, None, "20名; 2会場"),  # every note, in order
        ("1,280( )", 1280.0, None, None, None),  # an empty bracket is no note
        ("1,280\n(20名×32回)", 1280.0, None, None, "20名×32回"),
    ],
)
def test_one_figure_parses_to_value_unit_qualifier_and_note(
    text: str, value: float, unit: str | None, qualifier: str | None, note: str | None
) -> None:
    q = parse_quantity(text)
    assert (q.value, q.unit, q.qualifier, q.note) == (value, unit, qualifier, note)


def test_a_quantity_keeps_its_text_normalised() -> None:
    assert parse_quantity("１，２８０（２０名）").text == "1,280(20名)"


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("指標化困難", None),
        ("指標化困難(注1)(注2)", "注1; 注2"),  # not a figure, but its notes are notes
        ("指標化困難( )", None),
        ("10件 20件", None),  # two figures are not one
        ("X", None),
        ("1,2,3", None),
    ],
)
def test_text_that_is_not_one_figure_has_no_value(text: str, note: str | None) -> None:
    q = parse_quantity(text)
    assert (q.text, q.value, q.unit, q.qualifier, q.note) == (text, None, None, None, note)


@pytest.mark.parametrize("text", [None, "", "-", " - ", "-\n-", "ーー", "―", "－", "—", "−"])
def test_no_text_or_a_dash_alone_is_no_quantity(text: str | None) -> None:
    assert parse_quantity(text) == Quantity(None)


@pytest.mark.parametrize(
    ("text", "null"),
    [
        ("", True),
        (" \n ", True),
        ("-―ー‐−－—–", True),  # every kind of dash at once
        ("- -\n-", True),
        ("X", False),
        ("-X", False),
        ("0", False),
    ],
)
def test_only_dashes_and_white_space_are_null(text: str, null: bool) -> None:
    assert is_null_text(text) is null


@pytest.mark.parametrize(
    ("q", "percent"),
    [
        (Quantity("85%", 85.0, "%"), 85.0),
        (Quantity("0.6", 0.6, "ratio"), 60.0),  # not 60.00000000000001
        (Quantity("0.375", 0.375, "ratio"), 37.5),
        (Quantity("0.1234567890123", 0.1234567890123, "ratio"), 12.3456789012),  # ten decimals
        (Quantity("85人", 85.0, "人"), None),
        (Quantity("85", 85.0), None),
        (Quantity("%", None, "%"), None),
    ],
)
def test_a_share_reads_as_a_percentage(q: Quantity, percent: float | None) -> None:
    assert q.as_percent() == percent


@pytest.mark.parametrize(
    ("texts", "units"),
    [
        (("0.6", "37.10%"), ("ratio", "%")),
        (("1.0", "50%", "-"), ("ratio", "%", None)),  # up to 1, and a null cell is left alone
        (("1.5", "50%"), (None, "%")),  # over 1: not a share
        (("1", "50%"), (None, "%")),  # no decimal point: a count
        (("0.5人", "50%"), ("人", "%")),  # a unit of its own
        (("指標化困難", "50%"), (None, "%")),
        (("0.6", "37.1"), (None, None)),  # no percentage in the row
    ],
)
def test_a_bare_decimal_up_to_one_next_to_percentages_is_a_ratio(
    texts: tuple[str, ...], units: tuple[str | None, ...]
) -> None:
    quantities = mark_ratios(*(parse_quantity(t) for t in texts))
    assert tuple(q.unit for q in quantities) == units
    assert tuple(q.value for q in quantities) == tuple(parse_quantity(t).value for t in texts)  # never rescaled


def test_a_ratio_keeps_its_text_qualifier_and_note() -> None:
    (ratio, _) = mark_ratios(parse_quantity("約0.6(見込)"), parse_quantity("50%"))
    assert ratio == Quantity("約0.6(見込)", 0.6, "ratio", "約", "見込")


@pytest.mark.parametrize(
    ("target", "target_unit", "actual", "actual_unit", "rate"),
    [
        (100.0, None, 50.0, None, 50.0),
        (1.0, "回", 2.0, "回", 200.0),
        (50.0, "%", 25.0, "%", 50.0),
        (0.5, "ratio", 25.0, "%", 50.0),  # a ratio against a percentage
        (50.0, "%", 0.25, "ratio", 50.0),
        (0.5, "ratio", 0.25, "ratio", 50.0),
        (100.0, "件", 50.0, None, 50.0),  # a unit on one side only
        (100.0, None, 50.0, "件", 50.0),
        (50.0, "%", 25.0, None, 50.0),
        (100.0, "件", 50.0, "人", None),  # 件 against 人
        (100.0, "%", 50.0, "件", None),
        (None, None, 50.0, None, None),
        (100.0, None, None, None, None),
        (0.0, None, 50.0, None, None),  # no share of a zero target
    ],
)
def test_actual_over_target_in_percent_where_comparable(
    target: float | None, target_unit: str | None, actual: float | None, actual_unit: str | None, rate: float | None
) -> None:
    assert actual_over_target(target, target_unit, actual, actual_unit) == rate
