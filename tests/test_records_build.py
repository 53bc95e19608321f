"""Rows → records (normalize.records) on hand-built rows: each cell's text, the departments, the
achievement rate, the results-only fields, the programs and their agreed texts, the extra columns
and the indicators, as the published records carry them."""

from __future__ import annotations

from typing import Any

import pytest

from extract.model import Cell, ExtractedRow, Line, TableKind
from normalize.linking import Overrides, Printing
from normalize.records import (
    EXTRA,
    agreed_texts,
    clean_text,
    departments,
    extra_fields,
    extras_of,
    indicators,
    measure,
    measures_and_programs,
    printings,
    text_edges,
)
from normalize.records import achievement_percent as percent
from normalize.values import Quantity
from schemas import ExtraField, Indicator, Measure, Program

from .records import measure as measure_record

RESULTS, PLAN = TableKind.RESULTS, TableKind.PLAN
LEFT = 100.0


def cell(*lines: str | tuple[str, float | None], right: float = 300.0) -> Cell:
    """A cell whose lines start at LEFT; a line given alone reaches the cell's right edge."""
    parts = [(ln, right) if isinstance(ln, str) else ln for ln in lines]
    return Cell(0, 0, 1, 1, (LEFT, 0.0, right, 50.0), tuple(Line(t, LEFT, x1, 10.0) for t, x1 in parts), 1)


def row(
    table: TableKind = RESULTS,
    year: int = 2020,
    no: int = 1,
    seq: int = 1,
    file: str = "in/fy2020_fy2021.pdf",
    page: int = 2,
    extras: dict[str, Cell] | None = None,
    **fields: Cell,
) -> ExtractedRow:
    return ExtractedRow(table, year, no, seq, fields, file, page, extras or {})


def program_row(table: TableKind, year: int, no: int, name: str = "相談事業", dept: str = "人事課") -> ExtractedRow:
    return row(table, year, no, name=cell(name), department=cell(dept))


# ---- a cell's text


def test_a_cell_with_no_text_or_only_a_dash_has_no_value() -> None:
    assert clean_text(None, 300.0, figures=False) is None
    assert clean_text(Cell(0, 0, 1, 1, (LEFT, 0.0, 300.0, 50.0)), 300.0, figures=False) is None
    assert clean_text(cell("－"), 300.0, figures=True) is None
    assert clean_text(cell("相談"), 300.0, figures=False) == "相談"


def test_a_line_wraps_where_the_columns_text_reaches_not_where_the_cell_ends() -> None:
    lines = cell(("相談窓口を設置する", 150.0), ("研修を行う", 150.0), right=200.0)
    assert clean_text(lines, 150.0, figures=False) == "相談窓口を設置する研修を行う"
    assert clean_text(lines, None, figures=False) == "相談窓口を設置する\n研修を行う"  # no edge: the cell's


def test_in_a_column_of_figures_a_unit_ends_an_item_and_words_are_not_split() -> None:
    items = cell(("10件", 200.0), ("20件", 150.0), right=200.0)
    assert clean_text(items, 200.0, figures=True) == "10件\n20件"
    assert clean_text(items, 200.0, figures=False) == "10件20件"
    word = cell(("調査研", 130.0), ("究を行う", 120.0), right=200.0)  # a word broken short of the edge
    assert clean_text(word, 200.0, figures=False) == "調査研究を行う"
    assert clean_text(word, 200.0, figures=True) == "調査研\n究を行う"  # figures are not words


def test_each_column_of_each_table_is_measured_on_its_own_furthest_line() -> None:
    rows = [
        row(plan=cell(("a", 150.0), ("b", 180.0)), target=cell(("1件", 90.0))),
        row(page=3, plan=cell(("c", 170.0), ("d", None))),  # a line of unknown extent is not measured
        row(PLAN, 2021, plan=cell(("e", 120.0))),
        row(file="in/other.pdf", plan=cell(("f", 130.0))),
    ]
    assert text_edges(rows) == {
        ("in/fy2020_fy2021.pdf", "results", 2020, "plan"): 180.0,
        ("in/fy2020_fy2021.pdf", "results", 2020, "target"): 90.0,
        ("in/fy2020_fy2021.pdf", "plan", 2021, "plan"): 120.0,
        ("in/other.pdf", "results", 2020, "plan"): 130.0,
    }


def test_extra_columns_are_measured_apart_from_fields_of_the_same_name() -> None:
    rows = [row(plan=cell(("a", 150.0)), extras={"plan": cell(("b", 250.0)), "備考": cell(("c", None))})]
    assert dict(extras_of(rows[0])) == {EXTRA + "plan": rows[0].extras["plan"], EXTRA + "備考": rows[0].extras["備考"]}
    assert text_edges(rows, extras_of) == {("in/fy2020_fy2021.pdf", "results", 2020, "extra:plan"): 250.0}


# ---- departments


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["人事課"], "人事課"),
        (["人事課", "福祉課"], "人事課、福祉課"),  # one per line
        (["健康づくり", "課"], "健康づくり課"),  # a wrapped name rejoined
        (["子育て支援", "課", "教育委員会"], "子育て支援課、教育委員会"),
        (["人事課", "福祉"], "人事課、福祉"),  # a last line without an ending is a name still
        (["ＮＰＯ法人"], "NPO法人"),  # normalised
        ([""], None),
        ([], None),
    ],
)
def test_departments_one_per_line_wrapped_names_rejoined(lines: list[str], joined: str | None) -> None:
    assert departments(cell(*lines)) == joined


def test_no_department_cell_is_no_department() -> None:
    assert departments(None) is None


# ---- achievement rate


@pytest.mark.parametrize(
    ("quantity", "pct"),
    [
        (Quantity("80", 80.0), 80.0),  # the column is in percent: a bare number is one
        (Quantity("1", 1.0), 1.0),
        (Quantity("0.6", 0.6), 60.0),  # a bare decimal ≤ 1 is a ratio
        (Quantity("1.0", 1.0), 100.0),
        (Quantity("0.575", 0.575), 57.5),  # not 57.49999999999999
        (Quantity("1.5", 1.5), 1.5),
        (Quantity("80%", 80.0, "%"), 80.0),
        (Quantity("0.8", 0.8, "ratio"), 80.0),
        (Quantity("5件", 5.0, "件"), None),  # not a rate
        (Quantity("達成"), None),
        (Quantity(None), None),
    ],
)
def test_the_achievement_rate_in_percent(quantity: Quantity, pct: float | None) -> None:
    assert percent(quantity) == pct


# ---- measures


def full_row(table: TableKind) -> ExtractedRow:
    cells = {
        "name": cell("相談事業"),
        "department": cell("人事課", "福祉課"),
        "plan": cell("相談を受ける"),
        "indicator": cell("相談件数"),
        "target": cell("約100件以上(延べ)"),
        "actual": cell("80%"),
        "achievement": cell("0.8"),
        "status": cell("実施した"),
        "evaluation": cell("Ａ"),
    }
    r = row(table, 2020 if table is RESULTS else 2021, 3, seq=2, page=4)
    r.fields.update(cells)
    return r


def test_a_results_row_becomes_a_measure_with_every_field() -> None:
    m = measure(full_row(RESULTS), text_edges([full_row(RESULTS)]), "相談事業", "r2-003")
    assert m == Measure(
        fiscal_year=2020,
        table=RESULTS,
        program_no=3,
        program_id="r2-003",
        program_name="相談事業",
        department_seq=2,
        department="人事課、福祉課",
        plan="相談を受ける",
        indicator="相談件数",
        indicator_count=1,
        target_text="約100件以上(延べ)",
        target_value=100.0,
        target_unit="件",
        target_pct=None,  # 件 is no percent
        target_qualifier="約 以上",
        target_note="延べ",
        status="実施した",
        evaluation="A",
        actual_text="80%",
        actual_value=80.0,
        actual_unit="%",
        actual_pct=80.0,  # a percent: the same figure
        actual_qualifier=None,
        actual_note=None,
        achievement_text="0.8",
        achievement_pct=80.0,  # a ratio beside a percentage
        source_file="fy2020_fy2021.pdf",  # the file's name, wherever the run found it
        source_page=4,
    )


def test_a_plan_row_carries_no_results_only_fields_even_if_printed() -> None:
    m = measure(full_row(PLAN), {}, "相談事業", "r2-003")
    printed = ("約100件以上(延べ)", 100.0, "相談を受ける", "相談件数")
    assert (m.target_text, m.target_value, m.plan, m.indicator) == printed
    results_only = (
        m.status, m.evaluation, m.actual_text, m.actual_value, m.actual_unit, m.actual_qualifier, m.actual_note,
        m.achievement_text, m.achievement_pct,
    )  # fmt: skip
    assert results_only == (None,) * 9


def test_a_measures_cells_are_read_against_their_columns_edge_and_kind() -> None:
    rows = [
        row(
            department=cell("人事課"),
            plan=cell(("相談窓口を設置する", 150.0), ("研修を行う", 120.0), right=200.0),  # wraps at the edge
            target=cell(("10件", 200.0), ("20件", 150.0), right=200.0),  # figures: a unit ends an item
            status=cell(("調査研", 130.0), ("究を行う", 120.0), right=200.0),  # a word broken short
        ),
        row(seq=2, department=cell("福祉課"), plan=cell(("相談", 150.0), right=200.0)),  # the plan column's edge
    ]
    m = measure(rows[0], text_edges(rows), "相談事業", "r2-001")
    assert (m.plan, m.target_text, m.status) == ("相談窓口を設置する研修を行う", "10件\n20件", "調査研究を行う")
    alone = measure(rows[0], {}, "相談事業", "r2-001")  # no edges measured: each cell's own right side
    assert alone.plan == "相談窓口を設置する\n研修を行う"


def test_a_ratio_is_marked_only_beside_a_percentage() -> None:
    r = row(name=cell("x"), department=cell("人事課"), target=cell("0.5"), actual=cell("0.4"), achievement=cell("0.8"))
    m = measure(r, {}, "x", "r2-001")
    assert (m.target_unit, m.actual_unit, m.achievement_pct) == (None, None, 80.0)
    r.fields["target"] = cell("50%")
    m = measure(r, {}, "x", "r2-001")
    assert (m.target_unit, m.actual_unit, m.actual_value) == ("%", "ratio", 0.4)


# ---- programs across the printings of a report


def report_rows() -> list[ExtractedRow]:
    """One report: FY2020 results and FY2021 plan of programs №1 and №2; №1 has two departments
    in the results; №2's name wraps differently in the two tables."""
    return [
        program_row(RESULTS, 2020, 1, dept="人事課"),
        row(RESULTS, 2020, 1, seq=2, department=cell("福祉課")),  # the name printed once per program
        row(
            RESULTS,
            2020,
            2,
            name=cell(("ゲートキーパー", 200.0), "養成研修", right=200.0),
            description=cell("研修を行う"),
            department=cell("健康づくり課"),
        ),  # fmt: skip
        program_row(PLAN, 2021, 1, dept="人事課"),
        row(
            PLAN,
            2021,
            2,
            name=cell("ゲートキーパー養成研修"),
            description=cell("研修を行う"),
            department=cell("教育課"),
        ),
    ]


def test_each_program_is_one_record_per_table_with_its_department_count() -> None:
    measures, programs, linkage = measures_and_programs(report_rows())
    assert programs == [
        Program(fiscal_year=2020, table=RESULTS, program_no=1, program_id="r2-001", program_name="相談事業",
                description=None, department_count=2),
        Program(fiscal_year=2020, table=RESULTS, program_no=2, program_id="r2-002",
                program_name="ゲートキーパー養成研修", description="研修を行う", department_count=1),
        Program(fiscal_year=2021, table=PLAN, program_no=1, program_id="r2-001", program_name="相談事業",
                description=None, department_count=1),
        Program(fiscal_year=2021, table=PLAN, program_no=2, program_id="r2-002",
                program_name="ゲートキーパー養成研修", description="研修を行う", department_count=1),
    ]  # fmt: skip
    assert linkage.ids == {("fy2020_fy2021.pdf", 1): "r2-001", ("fy2020_fy2021.pdf", 2): "r2-002"}
    # Every measure carries its program's agreed name and id, the second department row too.
    assert [(m.program_no, m.department_seq, m.program_name, m.program_id) for m in measures] == [
        (1, 1, "相談事業", "r2-001"),
        (1, 2, "相談事業", "r2-001"),
        (2, 1, "ゲートキーパー養成研修", "r2-002"),
        (1, 1, "相談事業", "r2-001"),
        (2, 1, "ゲートキーパー養成研修", "r2-002"),
    ]


def test_a_program_is_followed_into_the_next_report_by_its_id() -> None:
    nxt = [
        row(RESULTS, 2021, 5, file="fy2021_fy2022.pdf", name=cell("相談事業"), department=cell("人事課")),
        row(PLAN, 2022, 5, file="fy2021_fy2022.pdf", name=cell("相談事業"), department=cell("人事課")),
    ]
    measures, programs, linkage = measures_and_programs([*report_rows(), *nxt])
    assert linkage.ids[("fy2021_fy2022.pdf", 5)] == "r2-001"
    assert {(p.fiscal_year, p.table, p.program_no): p.program_id for p in programs if p.program_no == 5} == {
        (2021, RESULTS, 5): "r2-001",
        (2022, PLAN, 5): "r2-001",
    }


def test_each_measure_is_read_against_its_tables_column_edges() -> None:
    rows = report_rows()
    rows[0].fields["plan"] = cell(("相談窓口を設置する", 150.0), ("研修を行う", 120.0), right=200.0)
    rows[1].fields["plan"] = cell(("相談", 150.0), right=200.0)  # the furthest any plan line reaches
    measures, _, _ = measures_and_programs(rows)
    assert [m.plan for m in measures[:2]] == ["相談窓口を設置する研修を行う", "相談"]


def test_a_persons_override_links_programs_their_texts_would_not() -> None:
    nxt = [
        row(RESULTS, 2021, 5, file="fy2021_fy2022.pdf", name=cell("こころの健康講座"), department=cell("教育課")),
        row(PLAN, 2022, 5, file="fy2021_fy2022.pdf", name=cell("こころの健康講座"), department=cell("教育課")),
    ]
    _, _, linkage = measures_and_programs([*report_rows(), *nxt])
    assert linkage.ids[("fy2021_fy2022.pdf", 5)] == "r3-005"  # new in the later report
    overrides = Overrides(source="program_links.toml", same={2021: {1: 5}})
    measures, programs, linkage = measures_and_programs([*report_rows(), *nxt], overrides)
    assert linkage.ids[("fy2021_fy2022.pdf", 5)] == "r2-001"
    assert linkage.overrides is overrides
    ids = {m.program_id for m in measures if m.program_no == 5} | {p.program_id for p in programs if p.program_no == 5}
    assert ids == {"r2-001"}


def test_the_printings_linking_compares_prefer_the_results_table() -> None:
    rows = [
        program_row(PLAN, 2021, 1, name="計画の名前", dept="人事課"),
        program_row(RESULTS, 2020, 1, name="実績の名前", dept="福祉課"),
        row(RESULTS, 2020, 1, seq=2, department=cell("健康", "課")),
        program_row(PLAN, 2021, 2, name="計画だけ", dept="教育課"),
        row(PLAN, 2021, 3, department=cell("教育課")),  # no name printed
    ]
    first: dict[tuple[int, TableKind, int], ExtractedRow] = {}
    for r in rows:
        first.setdefault((r.fiscal_year, r.table, r.program_no), r)
    texts = {key: {"name": r.fields["name"].text if "name" in r.fields else None, "description": None}
             for key, r in first.items()}  # fmt: skip
    assert printings(rows, first, texts) == [
        Printing("fy2020_fy2021.pdf", 2020, 1, "実績の名前", None, {PLAN: ("人事課",), RESULTS: ("福祉課", "健康課")}),
        Printing("fy2020_fy2021.pdf", 2020, 2, "計画だけ", None, {PLAN: ("教育課",)}),
        Printing("fy2020_fy2021.pdf", 2020, 3, "", None, {PLAN: ("教育課",)}),
    ]


def test_a_row_without_a_department_counts_as_an_empty_one() -> None:
    rows = [program_row(RESULTS, 2020, 1), row(RESULTS, 2020, 1, seq=2)]
    first = {(2020, RESULTS, 1): rows[0]}
    (p,) = printings(rows, first, {(2020, RESULTS, 1): {"name": "相談事業", "description": "d"}})
    assert (p.departments, p.description) == ({RESULTS: ("人事課", "")}, "d")


def test_the_printings_of_one_program_agree_on_their_breaks_where_the_words_are_the_same() -> None:
    firsts = [
        # A program printed once: left as printed.
        row(RESULTS, 2020, 2, name=cell(("相談窓口", 150.0), ("の設置", 150.0), right=200.0)),
        # Results: the name wraps at the column's edge; the description breaks short of it (a
        # real break).
        row(
            RESULTS,
            2020,
            1,
            name=cell(("相談窓口の", 200.0), "設置", right=200.0),
            description=cell(("窓口を置く。", 150.0), ("週に一度", 200.0), right=200.0),
        ),
        # Plan: the name on one line; the description's first line reaches the column's edge, so
        # this printing alone cannot tell its break from a wrap.
        row(
            PLAN,
            2021,
            1,
            name=cell("相談窓口の設置"),
            description=cell(("窓口を置く。", 200.0), ("週に一度", 150.0), right=200.0),
        ),
        # The same № in another report is another printing group.
        row(RESULTS, 2021, 1, file="fy2021_fy2022.pdf", name=cell(("相談窓口", 150.0), ("の設置", 200.0))),
    ]
    edges = text_edges(firsts)
    alone = [agreed_texts([r], edges)[0] for r in firsts]
    assert alone[2] == {"name": "相談窓口の設置", "description": "窓口を置く。週に一度"}
    assert agreed_texts(firsts, edges) == [
        {"name": "相談窓口\nの設置", "description": None},
        {"name": "相談窓口の設置", "description": "窓口を置く。\n週に一度"},
        {"name": "相談窓口の設置", "description": "窓口を置く。\n週に一度"},  # the break the results show
        {"name": "相談窓口\nの設置", "description": None},
    ]


def test_a_text_missing_from_one_printing_leaves_the_other_field_to_agree() -> None:
    firsts = [
        row(RESULTS, 2020, 1, name=cell("－"),
            description=cell(("窓口を置く。", 150.0), ("週に一度", 200.0), right=200.0)),
        row(PLAN, 2021, 1, name=cell("相談"),
            description=cell(("窓口を置く。", 200.0), ("週に一度", 150.0), right=200.0)),
    ]  # fmt: skip
    assert agreed_texts(firsts, text_edges(firsts)) == [
        {"name": None, "description": "窓口を置く。\n週に一度"},
        {"name": "相談", "description": "窓口を置く。\n週に一度"},
    ]


def test_printings_that_differ_in_words_or_lack_a_text_stay_as_printed() -> None:
    firsts = [
        row(RESULTS, 2020, 1, name=cell(("相談窓口の", 150.0), "設置"), description=cell("窓口を置く")),
        row(PLAN, 2021, 1, name=cell(("相談窓口の", 150.0), "開設"), description=cell("－")),
    ]
    assert agreed_texts(firsts, text_edges(firsts)) == [
        {"name": "相談窓口の\n設置", "description": "窓口を置く"},
        {"name": "相談窓口の\n開設", "description": None},
    ]


# ---- extra columns


def test_extra_columns_keep_every_value_with_its_programs_id() -> None:
    rows = [
        row(RESULTS, 2020, 1, seq=2, page=5, extras={"予算額": cell("－"), "備考": cell(("継続", 150.0), "実施")}),
        row(PLAN, 2021, 4, extras={"備考": Cell(0, 0, 1, 1, (LEFT, 0.0, 300.0, 50.0))}),  # empty
        row(PLAN, 2021, 4, seq=2, extras={"備考": cell(("新規", 250.0), ("事業", 200.0))}),
        row(PLAN, 2021, 5, extras={"備考": cell(("調査研", 130.0), ("究を行う", 120.0))}),  # free text: a word rejoined
    ]
    ids = {("fy2020_fy2021.pdf", n): f"r2-00{n}" for n in (1, 4, 5)}
    assert extra_fields(rows, ids) == [
        ExtraField(fiscal_year=2020, table=RESULTS, program_no=1, program_id="r2-001", department_seq=2, label="備考",
                   value="継続\n実施", source_file="fy2020_fy2021.pdf", source_page=5),
        ExtraField(fiscal_year=2021, table=PLAN, program_no=4, program_id="r2-004", department_seq=2, label="備考",
                   value="新規事業", source_file="fy2020_fy2021.pdf", source_page=2),
        ExtraField(fiscal_year=2021, table=PLAN, program_no=5, program_id="r2-005", department_seq=1, label="備考",
                   value="調査研究を行う", source_file="fy2020_fy2021.pdf", source_page=2),
    ]  # fmt: skip


# ---- indicators


def test_each_indicator_of_a_cell_is_a_record_numbered_from_one() -> None:
    common: dict[str, Any] = {
        "fiscal_year": 2020, "table": RESULTS, "program_no": 3, "program_id": "r2-003", "department_seq": 2,
        "source_file": "fy2020_fy2021.pdf", "source_page": 4,
    }  # fmt: skip
    m = measure_record(
        **common, indicator="相談件数", target_text="【相談】\n電話 100件\n来所 50件",
        actual_text="電話 80件\n来所 60件", achievement_text="80%\n120%",
    )  # fmt: skip
    assert indicators([m, measure_record(program_no=4, indicator=None)]) == [
        Indicator(**common, indicator_seq=1, group="相談", indicator="電話", target_value=100.0, target_unit="件",
                  actual_value=80.0, actual_unit="件", achievement_pct=80.0),
        Indicator(**common, indicator_seq=2, group="相談", indicator="来所", target_value=50.0, target_unit="件",
                  actual_value=60.0, actual_unit="件", achievement_pct=120.0),
    ]  # fmt: skip


def test_an_indicator_the_other_cells_list_no_figure_for_has_none() -> None:
    m = measure_record(
        indicator="相談件数", target_text="電話 100件\n来所 50件", actual_text="80件", achievement_text="80%\n90%\n70%"
    )
    got = [(i.indicator, i.target_value, i.actual_value, i.actual_unit, i.achievement_pct) for i in indicators([m])]
    assert got == [("電話", 100.0, None, None, None), ("来所", 50.0, None, None, None)]


def test_an_indicator_without_figures_has_none() -> None:
    (it,) = indicators([measure_record(indicator="満足度", target_text="向上", achievement_text="0.9")])
    assert (it.indicator_seq, it.group, it.indicator) == (1, None, "満足度")
    assert (it.target_value, it.target_unit, it.actual_value, it.actual_unit, it.achievement_pct) == (
        None, None, None, None, 90.0,
    )  # fmt: skip
