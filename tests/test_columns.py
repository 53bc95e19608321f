"""Columns by meaning: a header is read by what its labels say and its cells hold, never by order.

Hand-made pages (no PDF) for each rule; small tables drawn by reportlab, their columns in
every order (hypothesis); and the report itself rendered with its columns moved, added, dropped
or relabelled (tests/fixtures/columns/, ``render.variants.COLUMN_LAYOUTS``).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import Engine, Extraction, extract
from extract.assemble import assemble
from extract.assignment import best_assignment
from extract.errors import ExtractionError
from extract.model import TableKind
from pipeline.dataset import build_dataset

from .helpers import ROOT, Tables
from .test_assemble import table_page

COLUMNS_DIR = ROOT / "tests/fixtures/columns"

RESULTS = ["№", "実施内容", "内容", "担当課", "令和2年度の実施計画", "令和2年度\n指標名", "令和2年度\n目標値",
           "令和2年度実施状況", "担当課の評価", "令和2年度\n実績値", "達成度（％）"]  # fmt: skip
FIELDS = ["no", "name", "description", "department", "plan", "indicator", "target", "status", "evaluation",
          "actual", "achievement"]  # fmt: skip


def results_rows(n: int = 4) -> list[list[str]]:
    """``n`` programs of a results table, each cell what such a report prints there."""
    return [
        [str(i), f"事業{i}", f"事業{i}を説明。", ["人事課", "税務課", "健幸保健課", "企業局"][i % 4],
         f"研修を{i}回行う", "開催回数", f"{i}回", f"研修を{i}回行った", "順調に実施", f"{i}回", "100%"]
        for i in range(1, n + 1)
    ]  # fmt: skip


def read(header: list[str], rows: list[list[str]]) -> Extraction:
    return assemble([table_page(rows, header=header)])


def fields_of(ex: Extraction) -> list[dict[str, str]]:
    return [{f: r.text(f) for f in r.fields} for r in ex.rows]


def permuted(order: list[int], header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    return [header[i] for i in order], [[row[i] for i in order] for row in rows]


# -- the assignment ----------------------------------------------------------------------------


def brute_force(gains: list[list[float]]) -> float:
    """The best total over every one-to-one assignment, by trying them all."""
    n, m = len(gains), len(gains[0])
    best = 0.0
    for cols in itertools.permutations([*range(m), *[None] * n], n):
        taken = [c for c in cols if c is not None]
        if len(taken) == len(set(taken)):
            best = max(best, sum(gains[i][c] for i, c in enumerate(cols) if c is not None and gains[i][c] > 0))
    return best


gain = st.one_of(st.floats(-60, 60, allow_nan=False), st.just(float("-inf")), st.just(0.0))


@given(st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(gain, min_size=n, max_size=n), min_size=1, max_size=4)))
def test_the_assignment_is_optimal_one_to_one_and_never_takes_a_worthless_pair(gains: list[list[float]]) -> None:
    chosen = best_assignment(gains)
    taken = [j for j in chosen if j is not None]
    assert len(taken) == len(set(taken))
    assert all(gains[i][j] > 0 for i, j in enumerate(chosen) if j is not None)
    total = sum(gains[i][j] for i, j in enumerate(chosen) if j is not None)
    assert total == pytest.approx(brute_force(gains))


# -- hand-made pages ---------------------------------------------------------------------------


def test_any_order_of_the_columns_reads_the_same_rows() -> None:
    rows = results_rows()
    want = fields_of(read(RESULTS, rows))
    for order in ([0, 3, 5, 6, 9, 10, 1, 2, 4, 7, 8], list(range(10, -1, -1)), [3, 0, 8, 1, 6, 2, 10, 4, 9, 5, 7]):
        ex = read(*permuted(order, RESULTS, rows))
        assert fields_of(ex) == want
        assert {m.label: m.field for m in ex.reports[0].header_labels}["担当課"] == "department"


def test_a_column_that_names_no_field_is_kept_with_its_label() -> None:
    rows = results_rows()
    for at in (1, 4, 11):  # after №, in the middle, last
        header = [*RESULTS[:at], "今後の方向性", *RESULTS[at:]]
        body = [[*r[:at], ["継続", "拡充", "見直し"][i % 3], *r[at:]] for i, r in enumerate(rows)]
        ex = read(header, body)
        assert fields_of(ex) == fields_of(read(RESULTS, rows))
        assert [r.extras["今後の方向性"].text for r in ex.rows] == ["継続", "拡充", "見直し", "継続"]
        (extra,) = [m for m in ex.reports[0].header_labels if m.field is None]
        assert extra.label == "今後の方向性"


def test_a_results_table_without_its_achievement_column_leaves_the_field_out() -> None:
    rows = results_rows()
    (r, *_) = read(RESULTS[:-1], [row[:-1] for row in rows]).rows
    assert r.table is TableKind.RESULTS and "achievement" not in r.fields and r.text("actual") == "1回"


def test_a_required_column_missing_is_refused_naming_it() -> None:
    keep = [i for i, f in enumerate(FIELDS) if f != "target"]
    with pytest.raises(ExtractionError, match=r"page 1: .*no column for the required field\(s\) target"):
        read(*permuted(keep, RESULTS, results_rows()))


def test_labels_pasted_over_each_others_columns_are_refused() -> None:
    # 担当課 over the rates and 達成度 over the departments: the labels say one thing, the cells
    # another. Read as labelled it would fill every department with a percentage.
    header = [*RESULTS]
    header[3], header[10] = header[10], header[3]
    with pytest.raises(ExtractionError) as e:
        read(header, results_rows())
    message = str(e.value)
    assert "test.pdf: page 1:" in message and "column 11 (担当課)" in message
    assert "holds percentages, not department names" in message


def test_two_columns_naming_one_field_equally_are_refused() -> None:
    header = [*RESULTS, "評価"]
    rows = [[*r, "A"] for r in results_rows()]
    header[8] = "評価"  # two columns both labelled 評価, both fit an evaluation
    with pytest.raises(ExtractionError, match="both read as evaluation"):
        read(header, rows)


def test_a_grade_is_an_evaluation() -> None:
    rows = [[*r[:8], grade, *r[9:]] for r, grade in zip(results_rows(), "ABCA", strict=True)]
    assert [r.text("evaluation") for r in read(RESULTS, rows).rows] == ["A", "B", "C", "A"]


def test_a_vertical_label_reads_as_one_word() -> None:
    header = [*RESULTS]
    header[3] = "担\n当\n課"
    ex = read(header, results_rows())
    assert {m.label: m.field for m in ex.reports[0].header_labels}["担当課"] == "department"


def test_a_column_whose_label_matches_nothing_is_not_placed_by_position() -> None:
    # 今年度の予定 stands where the plan usually does, between two matched columns; nothing
    # says it is the plan, so it is kept as an extra column and the plan is missing.
    header = [*RESULTS]
    header[4] = "今年度の予定"
    with pytest.raises(ExtractionError, match=r"no column for the required field\(s\) plan"):
        read(header, results_rows())


# -- small tables drawn as PDFs, their columns in any order ------------------------------------

reportlab = pytest.importorskip("reportlab")
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402

FONT = "HeiseiKakuGo-W5"


def draw(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A one-page ruled table: each column 70 pt wide, text 7 pt, a row per line."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    width, height = 842, 595
    c = rl_canvas.Canvas(buf, pagesize=(width, height), invariant=True)
    c.setFont(FONT, 6)
    xs = [20 + 72 * i for i in range(len(header) + 1)]
    body = [header, *rows]
    ys = [40 + 30 * i for i in range(len(body) + 1)]
    c.setLineWidth(0.5)
    for y in ys:
        c.line(xs[0], height - y, xs[-1], height - y)
    for x in xs:
        c.line(x, height - ys[0], x, height - ys[-1])
    for r, cells in enumerate(body):
        for k, text in enumerate(cells):
            for i, line in enumerate(text.split("\n")):
                c.drawString(xs[k] + 2, height - ys[r] - 9 - 8 * i, line)
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def dataset_rows(path: Path) -> list[dict[str, Any]]:
    dataset = build_dataset([extract(path)])
    return [m.model_dump(exclude={"source_file"}) for m in dataset.measures]


@pytest.fixture(scope="module")
def drawn_in_order(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return dataset_rows(draw(tmp_path_factory.mktemp("order") / "t.pdf", RESULTS, results_rows(3)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(RESULTS))))
def test_any_permutation_of_a_drawn_tables_columns_gives_the_same_dataset(
    tmp_path_factory: pytest.TempPathFactory, drawn_in_order: list[dict[str, Any]], order: list[int]
) -> None:
    header, rows = permuted(list(order), RESULTS, results_rows(3))
    assert dataset_rows(draw(tmp_path_factory.mktemp("perm") / "t.pdf", header, rows)) == drawn_in_order


# -- the report, its columns moved, added, dropped or relabelled -------------------------------

PROVENANCE = {"source_file", "source_page"}


def records(tables: Tables, name: str, drop: AbstractSet[str] = frozenset()) -> list[dict[str, Any]]:
    return [r.model_dump(exclude=PROVENANCE | drop) for r in tables[name]]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize(
    "variant", ["columns_reordered", "extra_after_no", "extra_middle_reordered", "extra_last", "vertical_department"]
)
def test_the_report_with_its_columns_moved_or_added_gives_the_same_dataset(
    tables: Tables, variant: str, engine: Engine
) -> None:
    dataset = build_dataset([extract(COLUMNS_DIR / f"{variant}.pdf", engine)])
    theirs = dataset.tables()
    for name in ("measures", "programs", "indicators"):
        assert records(theirs, name) == records(tables, name), name
    extra = dataset.extra_fields
    if variant.startswith("extra"):
        # Every department row of both tables: the extra column's value, under its label.
        assert len(extra) == len(tables["measures"]) == 164
        assert {e.label for e in extra} == {"今後の方向性"}
        assert {(e.program_no, e.value) for e in extra} >= {(1, "拡充"), (2, "見直し"), (3, "継続")}
    else:
        assert extra == []


@pytest.mark.slow
def test_the_report_without_its_achievement_column_has_no_achievement_and_nothing_else_differs(tables: Tables) -> None:
    dataset = build_dataset([extract(COLUMNS_DIR / "no_achievement.pdf")])
    theirs = dataset.tables()
    achievement = {"achievement_text", "achievement_pct"}
    assert records(theirs, "measures", achievement) == records(tables, "measures", achievement)
    assert all(m.achievement_text is None and m.achievement_pct is None for m in dataset.measures)
    assert records(theirs, "indicators", {"achievement_pct"}) == records(tables, "indicators", {"achievement_pct"})


@pytest.mark.slow
def test_the_report_with_two_labels_pasted_over_each_others_columns_is_refused() -> None:
    with pytest.raises(ExtractionError) as e:
        extract(COLUMNS_DIR / "swapped_labels.pdf")
    assert "swapped_labels.pdf: page" in str(e.value)
    assert "(担当課) was the best match for department, but holds percentages" in str(e.value)


@pytest.mark.slow
def test_a_build_keeps_the_extra_column_and_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from pipeline.cli import main

    out = tmp_path / "out"
    with caplog.at_level("INFO"):
        assert main(["--out", str(out), str(COLUMNS_DIR / "extra_middle_reordered.pdf")]) == 0
    quality = (out / "quality.md").read_text(encoding="utf-8")
    assert "1 column(s) not in the schema: 今後の方向性 (82 values kept in extra_fields)" in quality
    assert "| 5 | 今後の方向性 | (extra column) | 20 |  |" in quality
    assert "| 4 | 担当課 | department | 100 | 100 |" in quality
    assert "columns not in the schema, kept in extra_fields: 今後の方向性 (82 values)" in caplog.text
    extra = (out / "extra_fields.csv").read_text(encoding="utf-8-sig").splitlines()
    assert extra[0] == "fiscal_year,table,program_no,program_id,department_seq,label,value,source_file,source_page"
    assert len(extra) == 1 + 164
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


@pytest.mark.slow
def test_a_build_without_the_achievement_column_names_the_missing_field(tmp_path: Path) -> None:
    from pipeline.cli import main

    out = tmp_path / "out"
    assert main(["--quiet", "--out", str(out), str(COLUMNS_DIR / "no_achievement.pdf")]) == 0
    quality = (out / "quality.md").read_text(encoding="utf-8")
    assert "- field(s) without a column, null in every row: achievement" in quality


def test_an_optional_column_whose_cells_contradict_its_label_is_refused_not_dropped() -> None:
    # 達成度 over department names: dropping it would leave achievement silently empty.
    departments = ["人事課", "税務課", "企業局", "人事課"]
    rows = [[*r[:10], dept] for r, dept in zip(results_rows(), departments, strict=True)]
    wanted = r"column 11 \(達成度\(%\)\) was the best match for achievement, but holds department names"
    with pytest.raises(ExtractionError, match=wanted):
        read(RESULTS, rows)


def test_two_extra_columns_of_one_label_are_both_kept() -> None:
    header = [*RESULTS, "備考", "備考"]
    rows = [[*r, "甲", "乙"] for r in results_rows()]
    (r, *_) = read(header, rows).rows
    assert {label: cell.text for label, cell in r.extras.items()} == {"備考": "甲", "備考 (column 13)": "乙"}
