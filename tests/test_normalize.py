"""Normalizers on hand-made input: code points, soft wraps, values, indicator lists."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from extract.model import Line
from normalize.indicators import pair_items
from normalize.text import clean_cell, normalize_text
from normalize.values import Quantity, mark_ratios, parse_quantity
from pipeline.dataset import Dataset
from schemas import Measure, Program


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("１２３ＡＢＣ", "123ABC"),
        ("飯塚市⾃殺対策", "飯塚市自殺対策"),  # Kangxi radical U+2F83
        ("60歳〜74歳", "60歳〜74歳"),
        ("60歳～74歳", "60歳〜74歳"),  # full-width tilde and wave dash read the same
        ("1−2‐3－4", "1-2-3-4"),
        ("A—B", "A―B"),
        ("ホームページ", "ホームページ"),
        ("\u3000水道料金\u3000\u3000の相談 ", "水道料金 の相談"),
        ("ｶﾀｶﾅ", "カタカナ"),
    ],
)
def test_code_point_policy(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def line(text: str, x1: float) -> Line:
    return Line(text, None, x1, 10.0)


def test_soft_wraps_join_and_real_breaks_stay() -> None:
    edge = 300.0
    lines = [
        line("住民からの相談に応じる職員に対して研修を行い市民サー", 298.0),  # reaches the edge
        line("ビス向上を図ります。", 150.0),  # ends short: a real break
        line("・電話で相談を受けた", 210.0),
        line("【母子手帳交付】", 290.0),  # a heading ends its line even at the edge
        line("交付冊数", 120.0),
    ]
    assert clean_cell(lines, edge) == (
        "住民からの相談に応じる職員に対して研修を行い市民サービス向上を図ります。\n・電話で相談を受けた\n【母子手帳交付】\n交付冊数"
    )


def test_kinsoku_lets_a_wrap_stop_two_characters_short() -> None:
    edge = 300.0
    # "す。" went down together: 。 may not start a line, so the line stops ~2 em short
    assert clean_cell([line("早期対応につなげま", 277.0), line("す。", 20.0)], edge) == "早期対応につなげます。"
    # without kinsoku, two characters short is a real break
    assert (
        clean_cell([line("早期対応につなげま", 277.0), line("次の段落", 40.0)], edge) == "早期対応につなげま\n次の段落"
    )


def test_figure_columns_end_items_at_a_unit() -> None:
    lines = [line("妊婦健診受診者数", 100.0), line("1700人", 95.0), line("妊婦健診補助券", 100.0)]
    assert clean_cell(lines, 100.0, figures=True) == "妊婦健診受診者数1700人\n妊婦健診補助券"
    assert clean_cell(lines, 100.0) == "妊婦健診受診者数1700人妊婦健診補助券"  # in running text it may go on


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "note"),
    [
        ("1回", 1.0, "回", None, None),
        ("９，８０５", 9805.0, None, None, None),
        ("9,805", 9805.0, None, None, None),
        ("1,280（20名×32回×2会場）", 1280.0, None, None, "20名×32回×2会場"),
        ("平均　85％（2020年度報告）", 85.0, "%", "平均", "2020年度報告"),
        ("各５０件", 50.0, "件", "各", None),
        ("31種類以上", 31.0, "種類", "以上", None),
        ("37.10%", 37.1, "%", None, None),
        ("２７２８人", 2728.0, "人", None, None),
        ("年1回", 1.0, "回/年", None, None),
        ("1回/年", 1.0, "回/年", None, None),
    ],
)
def test_quantities_parse(text: str, value: float, unit: str | None, qualifier: str | None, note: str | None) -> None:
    q = parse_quantity(text)
    assert (q.value, q.unit, q.qualifier, q.note) == (value, unit, qualifier, note)


@pytest.mark.parametrize(
    "text", ["前年度からの増加または現状維持", "指標化困難", "職員総合健診:年1回\n産業医面談:月2回"]
)
def test_text_that_is_not_one_figure_keeps_its_text(text: str) -> None:
    q = parse_quantity(text)
    assert q.value is None and q.text == normalize_text(text)


@pytest.mark.parametrize("dash", ["－", "ー", "―", "-", "‐", " － ", ""])
def test_a_dash_alone_is_null(dash: str) -> None:
    assert parse_quantity(dash).text is None


def value(q: Quantity | None) -> float | None:
    """An item's figure; None when the item has no quantity at all."""
    return None if q is None else q.value


def test_a_bare_ratio_next_to_percentages_is_marked() -> None:
    target, actual = mark_ratios(parse_quantity("0.6"), parse_quantity("37.10%"))
    assert (target.value, target.unit, target.as_percent()) == (0.6, "ratio", 60.0)
    assert actual.as_percent() == 37.1


def test_indicator_lists_split_under_their_headings() -> None:
    items = pair_items(
        "【母子手帳交付】\n母子手帳交付冊数\n【妊婦健康診査】\n妊婦健診受診者数\n妊婦健診補助券利用枚数",
        "【母子手帳交付】\n母子手帳交付冊数\n1100冊\n【妊婦健康診査】\n妊婦健診受診者数\n1700人\n妊婦健診補助券利用枚数\n13000枚",
        "【母子手帳交付】\n母子手帳交付冊数\n932冊\n【妊婦健康診査】\n妊婦健診受診者数\n1480人\n妊婦健診補助券利用枚数\n11481枚",
        "86%",
    )
    assert [(i.group, i.name, value(i.target), value(i.actual)) for i in items] == [
        ("母子手帳交付", "母子手帳交付冊数", 1100, 932),
        ("妊婦健康診査", "妊婦健診受診者数", 1700, 1480),
        ("妊婦健康診査", "妊婦健診補助券利用枚数", 13000, 11481),
    ]


def test_each_target_applies_to_every_listed_actual() -> None:
    items = pair_items(
        "法律相談・一般相談年間受付件数", "各50件", "法律相談48件\n一般相談34件", "法律相談96%\n一般相談68%"
    )
    assert [(i.name, value(i.target), value(i.actual), value(i.achievement)) for i in items] == [
        ("法律相談", 50, 48, 96),
        ("一般相談", 50, 34, 68),
    ]


def test_a_break_inside_a_word_near_the_edge_is_a_wrap() -> None:
    from normalize.text import word_splitter

    # 必|要 and 猶|予 stop a little short of the column's edge (the cell wraps narrower than
    # its column), so geometry alone reads a real break; the word says otherwise.
    lines = [Line("相談しやすい環境を作る必", None, 90.0, 4.0), Line("要がある。", None, 20.0, 4.0)]
    assert clean_cell(lines, 100.0, words=word_splitter()) == "相談しやすい環境を作る必要がある。"
    assert clean_cell(lines, 100.0) == "相談しやすい環境を作る必\n要がある。"
    # Between two words, and far short of the edge: a real break stays.
    lines = [Line("個別健診で対応", None, 40.0, 4.0), Line("受診者数:926人", None, 60.0, 4.0)]
    assert clean_cell(lines, 100.0, words=word_splitter()) == "個別健診で対応\n受診者数:926人"
    # A figure with its unit ends an item, and ・ starts one.
    lines = [Line("妊産婦267人", None, 88.0, 4.0), Line("乳幼児健診は", None, 60.0, 4.0)]
    assert clean_cell(lines, 100.0, words=word_splitter()) == "妊産婦267人\n乳幼児健診は"


def test_a_dash_alone_is_null_in_every_column(dataset: Dataset) -> None:
    for m in dataset.measures:
        for name in ("indicator", "plan", "status", "evaluation", "target_text", "actual_text"):
            value = getattr(m, name)
            assert value is None or value.strip("-―ー‐−－—– \n"), (m.program_no, name, value)


def test_a_break_inside_a_word_is_a_wrap_whatever_the_geometry() -> None:
    from normalize.text import word_splitter

    # №67: 研 printed alone on a line, far short of the edge; 研究 is one word.
    lines = [Line("適応指導教室内で研", 0, 40.0, 4.0), Line("究協議を重ねる", 0, 30.0, 4.0)]
    assert clean_cell(lines, 100.0, words=word_splitter()) == "適応指導教室内で研究協議を重ねる"
    # Between two words a real break stays: 対応 | 受診者数.
    lines = [Line("個別健診で対応", 0, 40.0, 4.0), Line("受診者数:926人", 0, 60.0, 4.0)]
    assert clean_cell(lines, 100.0, words=word_splitter()) == "個別健診で対応\n受診者数:926人"


def test_a_cell_that_wraps_short_of_its_column_wraps_at_its_own_edge() -> None:
    from normalize.text import cell_wrap_edge

    # №3 教育総務課: three lines stop at 118 where the column's text reaches 129.
    lines = [Line("納付相談を通じて生活していく上で無理のない納付", 0, 118.0, 4.3),
             Line("計画とするため、分割納付を勧めることや必要に", 0, 118.0, 4.3),
             Line("応じて猶予を認めた。", 0, 40.0, 4.3)]  # fmt: skip
    assert cell_wrap_edge(lines, 129.0) == 118.0
    assert clean_cell(lines, 129.0) == "".join(line.text for line in lines)
    # A short list whose lines happen to be equal is no wrap edge, nor a sentence's end.
    short = [Line("相談件数", 0, 17.2, 4.3), Line("訪問件数", 0, 17.2, 4.3), Line("会議", 0, 8.6, 4.3)]
    assert cell_wrap_edge(short, 129.0) is None
    ended = [Line("周知を図る。", 0, 118.0, 4.3), Line("研修を行う。", 0, 118.0, 4.3), Line("以上", 0, 8.6, 4.3)]
    assert clean_cell(ended, 129.0) == "周知を図る。\n研修を行う。\n以上"


def test_a_bullet_after_a_sentence_starts_an_item() -> None:
    # №16 FY2021: the first item reaches the column's edge, the next starts with ・.
    lines = [Line("・産後ケア事業の周知。", 0, 99.5, 4.0), Line("・母子手帳交付時の状況把握", 0, 99.5, 4.0),
             Line("と支援", 0, 12.0, 4.0)]  # fmt: skip
    assert clean_cell(lines, 100.0) == "・産後ケア事業の周知。\n・母子手帳交付時の状況把握と支援"
    # ・ joining two words, wrapped to a line start, is still a wrap.
    lines = [Line("子育て世代包括支援センター", 0, 99.5, 4.0), Line("・産後ケア事業", 0, 30.0, 4.0)]
    assert clean_cell(lines, 100.0) == "子育て世代包括支援センター・産後ケア事業"


def test_two_printings_agree_on_their_breaks() -> None:
    from normalize.text import agree

    # №44: FY2020 shows a real break after 図ります。; FY2021's line reached the edge there.
    a = ("啓発を図ります。\nまた、教室を開く。", {8, 17})
    b = ("啓発を図ります。また、教室を開く。", {8, 17})
    assert agree([a, b]) == agree([b, a]) == "啓発を図ります。\nまた、教室を開く。"
    # Where one printing runs on past the point, there is no break.
    assert agree([a, ("啓発を図ります。また、教室を開く。", {10, 17})]) == "啓発を図ります。また、教室を開く。"
    # Different words: no one text.
    assert agree([a, ("啓発を図る。", {6})]) is None


def test_no_clean_text_keeps_a_break_inside_a_word(dataset: Dataset) -> None:
    from normalize.text import breaks_a_word, word_splitter

    words = word_splitter()
    found = []
    tables: tuple[Sequence[Measure | Program], ...] = (dataset.measures, dataset.programs)
    for records in tables:
        for record in records:
            for col in ("program_name", "description", "plan", "status", "evaluation"):
                text = getattr(record, col, None) or ""
                for i, ch in enumerate(text):
                    if ch == "\n" and breaks_a_word(text[:i], text[i + 1 :], words):
                        found.append((record.program_no, col, text[max(0, i - 6) : i + 6]))
    assert found == []


def test_both_years_carry_one_description_per_program(dataset: Dataset) -> None:
    by_no: dict[int, set[tuple[str, str | None]]] = {}
    for p in dataset.programs:
        by_no.setdefault(p.program_no, set()).add((p.program_name, p.description))
    assert all(len(texts) == 1 for texts in by_no.values())
    (no44,) = by_no[44]
    assert no44[1] is not None and "図ります。\nまた、" in no44[1]


def test_program_text_that_differs_in_words_is_flagged(dataset: Dataset) -> None:
    from normalize.checks import program_text_mismatches

    assert program_text_mismatches(dataset.programs) == []
    changed = [p.model_copy(update={"description": "別の説明"}) if p.program_no == 5 and p.fiscal_year == 2021 else p
               for p in dataset.programs]  # fmt: skip
    (flag,) = program_text_mismatches(changed)
    assert (flag.program_no, flag.fiscal_year, flag.kind) == (5, 2020, "description differs between the tables")
