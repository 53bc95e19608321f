"""Every code block of the README (and of any docs/ page) that reads the data runs here, read from
the README itself so that the two cannot drift, and its results are asserted: on the committed
data/clean and on a build of two consecutive reports (the committed PDF and the next-year
fixture), where a snippet keyed by the wrong column gives wrong rows.

A snippet's results are the values of its top-level expressions (what a notebook shows), in
order, and the names it leaves behind.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extract import Extraction
from pipeline.dataset import build_dataset
from pipeline.writing.output import tables_as_columns, write_tables

from .helpers import ROOT, Extracted
from .test_next_year import NEXT_PDF

DATA = "data/clean/"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]


@dataclass(frozen=True)
class Snippet:
    where: str  # file and line, for the failure message
    code: str

    def run(self, data: Path) -> tuple[list[Any], dict[str, Any]]:
        """The values of its top-level expressions and its names, reading ``data`` for data/clean."""
        tree = ast.parse(self.code.replace(DATA, f"{data}/"))
        names: dict[str, Any] = {}
        shown = []
        for stmt in tree.body:
            if isinstance(stmt, ast.Expr):
                shown.append(eval(compile(ast.Expression(stmt.value), self.where, "eval"), names))
            else:
                exec(compile(ast.Module([stmt], []), self.where, "exec"), names)
        return shown, names


def snippets() -> list[Snippet]:
    """The python blocks that read the data, from every document."""
    out = []
    for doc in documents():
        text = doc.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            if DATA in m.group(1):
                line = text.count("\n", 0, m.start()) + 2
                out.append(Snippet(f"{doc.relative_to(ROOT)}:{line}", m.group(1)))
    return out


@pytest.fixture(scope="session")
def two_reports(extracted: Extracted, committed: Extraction, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tables of a build of the committed PDF and the next year's, as the build writes them."""
    out = tmp_path_factory.mktemp("two_reports")
    write_tables(out, tables_as_columns(build_dataset([committed, extracted(NEXT_PDF)]).tables()))
    return out


def where(name: str, two_reports: Path) -> Path:
    return ROOT / DATA if name == "committed" else two_reports


Check = Callable[[list[Any], dict[str, Any], str], None]


def check_pandas_tour(shown: list[Any], names: dict[str, Any], data: str) -> None:
    head, indicators, progress = shown
    assert len(head) == 5 and head.iloc[0].program_id == "r2-001"
    assert set(names["fy2020"].fiscal_year) == {2020} and len(names["fy2020"]) == 82
    # №18 lists 6 indicators in each table of each report: FY2020 results and FY2021 plan, and
    # with the next report also FY2021 results and FY2022 plan.
    assert len(indicators) == {"committed": 6, "two": 12}[data]
    assert indicators.iloc[0].indicator == "母子手帳交付冊数"
    assert list(progress.fiscal_year) == {"committed": [2020, 2021], "two": [2020, 2021, 2022]}[data]
    assert progress.iloc[0].achievement_text == "50%" and progress.iloc[0].achievement_recomputed_pct == 33.3


def check_targets_side_by_side(shown: list[Any], names: dict[str, Any], data: str) -> None:
    r2_023, r2_023_pct = shown
    years = {"committed": [2020, 2021], "two": [2020, 2021, 2022]}[data]
    assert list(r2_023.columns) == list(r2_023_pct.columns) == years
    assert r2_023.loc[2].tolist() == {"committed": ["0.6", "60%"], "two": ["0.6", "60%", "61%"]}[data]
    # Printed as a ratio one year and a percent the next, the targets compare as 60 and 60.
    assert r2_023_pct.loc[2].tolist() == {"committed": [60.0, 60.0], "two": [60.0, 60.0, 61.0]}[data]
    assert r2_023_pct.loc[1].tolist()[:2] == [85.0, 89.0]
    # One row per program and department row, whatever the number of reports.
    assert len(names["targets"]) == {"committed": 82, "two": 83}[data]


def check_duckdb_low_results(shown: list[Any], names: dict[str, Any], data: str) -> None:
    assert shown == [None]  # .show() prints
    rows = names["low"].fetchall()
    # One next-year target per result: 10 FY2020 results under 50%, and 9 FY2021 ones.
    assert len(rows) == {"committed": 10, "two": 19}[data]
    keys = [(year, program_id, department) for year, program_id, department, *_ in rows]
    assert len(keys) == len(set(keys))
    assert rows[0] == (2020, "r2-010", "健幸保健課", 0.0, "1回")
    if data == "two":
        assert (2021, "r2-047", "高齢介護課", 0.0, "3") in rows


# Each snippet's checks, by a line only that snippet has: a snippet with none fails below.
CHECKS: dict[str, Check] = {
    'fy2020 = m[(m.table == "results") & (m.fiscal_year == 2020)]': check_pandas_tour,
    "targets = p.pivot(": check_targets_side_by_side,
    "import duckdb": check_duckdb_low_results,
}


def checks_of(snippet: Snippet) -> Check:
    found = [check for marker, check in CHECKS.items() if marker in snippet.code]
    assert len(found) == 1, f"{snippet.where}: a snippet that reads the data needs exactly one check here"
    return found[0]


def test_the_readme_has_snippets_that_read_the_data_and_each_has_its_checks() -> None:
    found = snippets()
    assert len(found) == len(CHECKS)
    for snippet in found:
        checks_of(snippet)


@pytest.mark.parametrize("data", ["committed", "two"])
@pytest.mark.parametrize("snippet", snippets(), ids=lambda s: s.where)
def test_snippet_runs_and_gives_what_it_says(snippet: Snippet, data: str, two_reports: Path) -> None:
    shown, names = snippet.run(where(data, two_reports))
    checks_of(snippet)(shown, names, data)


def test_program_no_keys_no_example() -> None:
    """The README's rule: follow a program by program_id, never by program_no."""
    for snippet in snippets():
        assert "program_no" not in snippet.code, snippet.where


def test_no_other_block_reads_the_data_files() -> None:
    """A snippet in another language (SQL, shell) that reads the tables would escape the checks
    above: the data is read in python blocks only."""
    for doc in documents():
        for m in re.finditer(r"^```(\w*)\n(.*?)^```", doc.read_text(encoding="utf-8"), re.S | re.M):
            if m.group(1) != "python":
                assert not re.search(r"data/clean/\w+\.(parquet|csv)", m.group(2)), (doc, m.group(2)[:200])
