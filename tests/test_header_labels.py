"""How a header's words are read (extract.columns.headers): fiscal years in any era or form, labels as
matched, their similarity to a field, the year and kind a header gives, and extra columns' names."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.columns.headers import (
    LABELS_FILE,
    era_to_year,
    extra_label,
    fiscal_years,
    header_year,
    known_labels,
    label_key,
    mean_score,
    similarity,
    table_kind,
)
from extract.model import FIELDS, LabelMatch, TableKind


@pytest.mark.parametrize(
    ("era", "year", "western"),
    [("令和", "2", 2020), ("令和", "元", 2019), ("R", "3", 2021), ("平成", "30", 2018), ("H", "1", 1989),
     ("昭和", "64", 1989)],
)  # fmt: skip
def test_an_era_year_is_its_western_year(era: str, year: str, western: int) -> None:
    assert era_to_year(era, year) == western


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("令和2年度", [2020]),
        ("令和元年度 実績", [2019]),
        ("R3年度", [2021]),
        ("R3", [2021]),
        ("H30", [2018]),
        ("平成30年度", [2018]),
        ("昭和64年", [1989]),
        ("2020年度", [2020]),
        ("２０２１年度", [2021]),  # full-width digits read after NFKC
        ("令和２年度", [2020]),
        ("Ｒ２年度", [2020]),
        ("2021年度 令和2年度", [2020, 2021]),  # era years first, then western ones
        ("実施内容", []),
        ("目標値 100", []),
    ],
)
def test_fiscal_years_are_read_in_every_era_and_form(text: str, years: list[int]) -> None:
    assert fiscal_years(text) == years


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("令和２年度　実績値", "実績値"),
        ("2020年度\n目標値", "目標値"),
        ("R3 指標名", "指標名"),
        ("達成度（％）", "達成度(%)"),
        ("No.", "no."),
        ("ＮＯ", "no"),
        ("担 当\n課", "担当課"),
        ("", ""),
    ],
)
def test_a_label_is_matched_without_its_year_white_space_case_or_width(label: str, key: str) -> None:
    assert label_key(label) == key


def test_the_labels_file_gives_every_field_its_labels_as_matched() -> None:
    labels = known_labels()
    assert tuple(labels) == FIELDS
    assert "no." in labels["no"] and "達成度(%)" in labels["achievement"]
    assert known_labels(LABELS_FILE) == labels


def test_a_labels_file_naming_an_unknown_field_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "labels.toml"
    path.write_text('no = ["No"]\nremarks = ["備考"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.toml: unknown fields \['remarks'\]; known: no, name, description"):
        known_labels(path)


def test_a_field_the_labels_file_leaves_out_has_no_labels(tmp_path: Path) -> None:
    path = tmp_path / "labels.toml"
    path.write_text('no = ["Ｎｏ"]\n', encoding="utf-8")
    labels = known_labels(path)
    assert labels["no"] == ("no",)
    assert all(labels[f] == () for f in FIELDS if f != "no")


@pytest.mark.parametrize(
    ("key", "field", "least", "most"),
    [
        ("担当課", "department", 100.0, 100.0),
        ("no", "no", 100.0, 100.0),  # the file's "No", case-folded
        ("担当部署名", "department", 80.0, 99.9),
        ("担当課", "target", 0.0, 39.9),
        ("", "department", 0.0, 0.0),
    ],
)
def test_a_labels_similarity_to_a_field_is_its_best_match_among_the_fields_labels(
    key: str, field: str, least: float, most: float
) -> None:
    assert least <= similarity(key, field, known_labels()) <= most


def test_a_field_without_labels_is_named_by_no_label() -> None:
    labels: dict[str, tuple[str, ...]] = {f: () for f in FIELDS} | {"no": ("no",)}
    assert similarity("no", "name", labels) == 0.0
    assert similarity("no", "no", labels) == 100.0


def test_an_empty_label_names_no_field_even_against_an_empty_known_label() -> None:
    assert similarity("", "no", {f: ("",) for f in FIELDS}) == 0.0


def test_the_mean_score_counts_only_the_labels_that_name_a_field() -> None:
    labels = [LabelMatch("№", "no", 100.0), LabelMatch("備考", None, 20.0), LabelMatch("担当", "department", 80.0)]
    assert mean_score(labels) == 90.0
    assert mean_score([LabelMatch("備考", None, 20.0)]) == 0.0
    assert mean_score([]) == 0.0


REQUIRED = {"no", "name", "department", "plan", "indicator", "target"}


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        (REQUIRED, TableKind.PLAN),
        (REQUIRED | {"description"}, TableKind.PLAN),
        (REQUIRED | {"status"}, TableKind.RESULTS),
        (REQUIRED | {"achievement"}, TableKind.RESULTS),
        (REQUIRED | {"evaluation", "actual"}, TableKind.RESULTS),
        (REQUIRED - {"target"}, None),
        (REQUIRED - {"no"} | {"status", "evaluation", "actual", "achievement"}, None),
        (set(), None),
    ],
)
def test_the_kind_follows_from_the_columns_only_a_results_table_reports_outcomes(
    fields: set[str], kind: TableKind | None
) -> None:
    assert table_kind(fields) == kind


@pytest.mark.parametrize(
    ("labels", "year"),
    [
        (["№", "令和3年度の実施計画", "令和3年度\n指標名"], 2021),
        (["令和2年度\n実績値", "令和3年度\n目標値", "令和2年度\n達成度"], 2020),  # the year most labels give
        (["令和2年度 令和3年度", "令和3年度"], 2021),
        (["R2", "2020年度"], 2020),
        (["№", "担当課"], None),
        ([], None),
    ],
)
def test_the_headers_year_is_the_one_its_labels_give_most_often(labels: list[str], year: int | None) -> None:
    assert header_year(labels) == year


@pytest.mark.parametrize(
    ("label", "index", "taken", "name"),
    [
        ("備考", 7, [], "備考"),
        ("備考", 7, ["備考"], "備考 (column 8)"),
        ("備考", 0, ["摘要"], "備考"),
        ("", 3, [], "(column 4)"),
    ],
)
def test_an_extra_column_is_named_by_its_label_or_else_its_position(
    label: str, index: int, taken: list[str], name: str
) -> None:
    assert extra_label(label, index, taken) == name
