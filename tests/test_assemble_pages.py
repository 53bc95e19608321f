"""Which table of a page is read, what its page report says, and how a page that cannot be
read is refused: with one error line naming file and page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from extract.assemble import assemble, same_columns
from extract.columns.headers import LABELS_FILE, read_header
from extract.errors import ExtractionError
from extract.model import FIELDS, Line, PageGrid, RuledTable, TableKind
from extract.settings import DEFAULT, Settings

from .assemble_grids import PLAN_HEADER, page_of, plan_page, plan_row, table

NEXT_PAGE_MESSAGE = "Its columns do not continue a table from the page before either"


def error_of(pages: list[PageGrid], settings: Settings = DEFAULT) -> str:
    with pytest.raises(ExtractionError) as e:
        assemble(pages, settings)
    return str(e.value)


@pytest.mark.parametrize(
    ("xs", "other", "same"),
    [
        ((0.0, 100.0, 200.0), (0.0, 100.0, 200.0), True),
        ((0.0, 100.0, 200.0), (3.0, 97.0, 203.0), True),  # every boundary exactly the tolerance off
        ((0.0, 100.0, 200.0), (0.0, 100.0, 203.5), False),
        ((0.0, 100.0, 200.0), (1.0, 101.0, 201.0), True),
        ((0.0, 100.0, 200.0), (0.0, 100.0), False),  # a column fewer
        ((0.0, 100.0), (0.0, 100.0, 200.0), False),  # a column more
    ],
)
def test_columns_continue_when_every_boundary_is_within_the_tolerance(
    xs: tuple[float, ...], other: tuple[float, ...], same: bool
) -> None:
    assert same_columns(xs, other, 3.0) is same


def test_a_page_without_header_continues_a_table_whose_columns_are_shifted_by_the_tolerance() -> None:
    first = plan_page([plan_row("1", "研修", "人事課")])
    body = [plan_row("2", "相談", "健幸保健課")]
    shifted = page_of(table(body, x0=DEFAULT.column_match_tolerance), number=2)
    ex = assemble([first, shifted])
    assert [(r.program_no, r.page, r.table, r.fiscal_year) for r in ex.rows] == [
        (1, 1, TableKind.PLAN, 2021),
        (2, 2, TableKind.PLAN, 2021),
    ]
    report = ex.reports[1]
    assert (report.continued_from_previous, report.header_found) == (True, False)
    assert (report.table, report.fiscal_year, report.rows) == (TableKind.PLAN, 2021, 1)


def test_a_page_without_header_whose_columns_do_not_match_is_refused_with_the_header_reason() -> None:
    first = plan_page([plan_row("1", "研修", "人事課")])
    moved = table([plan_row("2", "相談", "健幸保健課")], x0=DEFAULT.column_match_tolerance + 1)
    reason = read_header(moved.grid, DEFAULT.header_min_score)
    assert isinstance(reason, str) and reason
    message = error_of([first, page_of(moved, number=2)])
    assert message == (
        f"test.pdf: page 2: the table's first row matches no known table header ({reason}); extend "
        f"{LABELS_FILE} with the new wording. {NEXT_PAGE_MESSAGE}"
    )


def test_a_first_page_without_header_is_refused_as_no_known_table() -> None:
    rows = [plan_row("1", "研修", "人事課"), plan_row("2", "相談", "健幸保健課")]
    message = error_of([plan_page(rows, header=None, number=4)])
    assert message.startswith("test.pdf: page 4: the table's first row matches no known table header (labels")
    assert message.endswith(NEXT_PAGE_MESSAGE)


def labels_with(tmp_path: Path, field: str, label: str) -> Path:
    """A copy of labels.toml that knows one more label for ``field``."""
    text = LABELS_FILE.read_text(encoding="utf-8").replace(f"\n{field} = [", f'\n{field} = ["{label}", ', 1)
    path = tmp_path / "labels.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_labels_file_of_the_settings_reads_a_new_wording_and_is_the_file_named_in_errors(tmp_path: Path) -> None:
    reworded = ("№", "実施内容", "内容", "実施機関", "令和3年度の実施計画", "令和3年度\n指標名", "令和3年度\n目標値")
    page = plan_page([plan_row("1", "研修", "人事課")], header=reworded)
    assert "required field(s) department" in error_of([page])
    settings = Settings(labels_file=labels_with(tmp_path, "department", "実施機関"))
    (r,) = assemble([page], settings).rows
    assert (r.program_no, r.text("department")) == (1, "人事課")
    unknown = ["番号", "品目", "単価", "数量", "金額", "備考", "摘要"]
    message = error_of([plan_page([plan_row("1", "研修", "人事課")], header=unknown)], settings)
    assert f"; extend {settings.labels_file} with the new wording" in message


def test_a_table_with_as_many_columns_as_the_least_is_read_and_a_narrower_one_is_not() -> None:
    page = plan_page([plan_row("1", "研修", "人事課")])
    n_cols = len(PLAN_HEADER)
    assert [r.program_no for r in assemble([page], Settings(min_columns=n_cols)).rows] == [1]
    assert error_of([page], Settings(min_columns=n_cols + 1)) == "test.pdf: no table found"


def test_a_narrow_table_listed_before_the_report_table_is_passed_over() -> None:
    narrow = table([["注", "1"], ["注", "2"]])
    ours = table([list(PLAN_HEADER), plan_row("1", "研修", "人事課")], x0=300.0)
    ex = assemble([page_of(narrow, ours)])
    assert [(r.program_no, r.text("department")) for r in ex.rows] == [(1, "人事課")]
    assert ex.reports[0].tables_on_page == 2


def test_a_page_with_no_ruled_table_is_noted_and_the_table_on_later_pages_is_read() -> None:
    title = page_of(table([["飯塚市", "自殺対策計画"]]), number=1)
    ex = assemble([title, plan_page([plan_row("1", "研修", "人事課")], number=2)])
    assert [(r.program_no, r.page) for r in ex.rows] == [(1, 2)]
    assert [(p.page, p.notes, p.tables_on_page) for p in ex.reports] == [
        (1, ["no ruled table on this page"], 1),
        (2, [], 1),
    ]


def test_a_document_without_any_table_says_so_naming_its_file() -> None:
    title = page_of(table([["飯塚市", "自殺対策計画"]]), source="plan.pdf")
    assert error_of([title, replace(title, page_number=2)]) == "plan.pdf: no table found"
    assert error_of([]) == "<input>: no table found"


def test_a_page_without_a_text_layer_is_refused_asking_for_ocr() -> None:
    first = plan_page([plan_row("1", "研修", "人事課")])
    scanned = replace(plan_page([plan_row("2", "相談", "健幸保健課")], number=3), n_chars=0)
    assert error_of([first, scanned]) == "test.pdf: page 3: page has no text layer (a scanned image?); run OCR first"


def test_a_table_with_a_missing_ruling_line_is_refused() -> None:
    broken = table([list(PLAN_HEADER), plan_row("1", "研修", "人事課")], complete=False)
    assert error_of([page_of(broken, number=2)]) == (
        "test.pdf: page 2: the table's grid is broken (a ruling line is missing); cells cannot be told apart"
    )


def test_a_data_cell_spanning_two_columns_is_refused_as_a_missing_ruling_line() -> None:
    # The first data row's plan cell runs over the indicator column (grid columns 4-5).
    body = [list(PLAN_HEADER), plan_row("1", "研修", "人事課"), plan_row("2", "相談", "健幸保健課")]
    page = page_of(table(body, spans=[(1, 4, 1, 2)]), number=3)
    assert error_of([page]) == (
        "test.pdf: page 3: the table's grid is broken: a data cell spans grid columns 4-5 (a ruling line is missing)"
    )


def test_a_header_cell_spanning_columns_is_no_broken_grid() -> None:
    header = ["№", "実施内容", "内容", "担当課", "令和3年度", "", ""]
    below = ["", "", "", "", "の実施計画", "指標名", "目標値"]
    spans = [(0, c, 2, 1) for c in range(4)] + [(0, 4, 1, 3)]
    (r,) = assemble([page_of(table([header, below, plan_row("1", "研修", "人事課")], spans=spans))]).rows
    assert (r.program_no, r.text("plan"), r.text("target")) == (1, "研修を行う", "1回")


def test_a_header_of_the_report_that_cannot_be_read_safely_is_refused_with_why() -> None:
    no_target = ("№", "実施内容", "内容", "担当課", "令和3年度の実施計画", "令和3年度\n指標名", "備考")
    first = plan_page([plan_row("1", "研修", "人事課")])
    second = plan_page([plan_row("2", "相談", "健幸保健課")], header=no_target, number=2)
    assert error_of([first, second]).startswith(
        "test.pdf: page 2: the table's header cannot be read safely: no column for the required field(s) target;"
    )


def test_the_page_report_says_what_was_read_on_the_page() -> None:
    body = [
        list(PLAN_HEADER),
        ["1", "研修", "", "人事課", "研修を行う", "回数", ""],  # two empty cells in the first data row
        plan_row("2", "相談", "健幸保健課"),
        plan_row("", "", "企業局"),  # a second department of program 2 (its № etc. merged)
    ]
    ours = table(body, spans=[(2, c, 2, 1) for c in range(3)])
    # The second department's plan runs past its cell's right rule.
    plan = next(c for c in ours.grid.cells if (c.row, c.col) == (3, 4))
    spilled = replace(plan, lines=(Line("研修を行う", plan.bbox[0] + 2, plan.bbox[2] + 10, 8.0),))
    cells = tuple(spilled if c is plan else c for c in ours.grid.cells)
    ours = RuledTable(replace(ours.grid, cells=cells), True, ruled_lines=(8, 5), inferred=("rows",), notes=("※ 注記",))
    page = PageGrid("test.pdf", 5, (ours,), 120, 7, 90)
    report = assemble([page]).reports[0]
    assert {f: getattr(report, f) for f in ("source_file", "page", "table", "fiscal_year", "turn")} == {
        "source_file": "test.pdf",
        "page": 5,
        "table": TableKind.PLAN,
        "fiscal_year": 2021,
        "turn": 90,
    }
    assert (report.header_found, report.header_score, report.header_rows) == (True, 100.0, 1)
    assert [m.field for m in report.header_labels] == list(FIELDS[:7])
    assert (report.tables_on_page, report.continued_from_previous, report.outside_chars) == (1, False, 7)
    assert (report.grid_rows, report.grid_cols, report.grid_complete) == (4, 7, True)
    assert (report.ruled_lines, report.inferred, report.table_notes) == ((8, 5), ("rows",), ("※ 注記",))
    assert (report.rows, report.empty_cells, report.overfull_cells, report.notes) == (3, 2, 1, [])


def test_the_page_report_gives_the_header_score_to_one_decimal() -> None:
    reworded = ["No.", "事業名称", "事業の概要", "担　当　課", "今年度の事業計画", "成果指標 (令和２年度)",
                "目標数値", "事業の実施状況", "担当課の自己評価", "実績数値", "達成率"]  # fmt: skip
    row = ["1", "研修", "研修を行います。", "人事課", "研修を行う", "回数", "1回", "実施した", "順調", "2回", "100"]
    report = assemble([page_of(table([reworded, row]))]).reports[0]
    named = [m.score for m in report.header_labels if m.field]
    mean = sum(named) / len(named)
    assert round(mean, 2) != round(mean, 1) != round(mean)  # a score the rounding shows
    assert report.header_score == round(mean, 1)
