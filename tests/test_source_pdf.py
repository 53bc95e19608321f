"""The committed raw PDF is a faithful rebuild of the city's report (issue: source PDF).

These read the transcription, which the pipeline itself never does: they prove the raw input,
not the pipeline.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfplumber.pdf import PDF

ROOT = Path(__file__).resolve().parent.parent
RAW_PDF = ROOT / "data/raw/iizuka_suicide_plan_progress_fy2020_fy2021.pdf"
TRANSCRIPT = ROOT / "data/raw/reconstruction/transcript.json"
HEADER_LABELS = {
    "r2": "№ 実施内容 内容 担当課 令和2年度の実施計画 令和2年度 指標名 令和2年度 目標値 "
    "令和2年度実施状況 令和2年度　実施状況に関する担当課の評価 令和2年度 実績値 達成度（％）",
    "r3": "№ 実施内容 内容 担当課 令和3年度の実施計画 令和3年度 指標名 令和3年度 目標値",
}
HEADER_PAGES = {1: "r2", 2: "r2", 3: "r2", 4: "r3", 5: "r3"}
MERGED = ("name", "description")
SPACE = re.compile(r"\s+")
# These read the raw PDF with pdfplumber page by page against the transcription: slow, and they
# prove the committed input rather than the pipeline.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf() -> Iterator[PDF]:
    with pdfplumber.open(RAW_PDF) as doc:
        yield doc


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    transcript: list[dict[str, Any]] = json.loads(TRANSCRIPT.read_text(encoding="utf-8"))
    return transcript


def transcribed_lines(row: dict[str, Any]) -> list[str]:
    merged_repeat = row["dept_index"] > 0
    return [str(row["no"])] * (not merged_repeat) + [
        line
        for key, value in row.items()
        if isinstance(value, list) and not (merged_repeat and key in MERGED)
        for line in value
    ]


def test_eight_pages(pdf: PDF) -> None:
    assert len(pdf.pages) == 8


def test_every_transcribed_line_is_a_printed_line_of_its_page(pdf: PDF, rows: list[dict[str, Any]]) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        (table,) = page.find_tables()
        printed = {SPACE.sub("", line) for row in table.extract() for cell in row if cell for line in cell.split("\n")}
        missing = [
            (r["no"], line)
            for r in rows
            if r["page"] == number
            for line in transcribed_lines(r)
            if SPACE.sub("", line) not in printed
        ]
        assert not missing, f"page {number}: lines not printed as transcribed: {missing[:5]}"


def test_page_text_is_exactly_the_transcription(pdf: PDF, rows: list[dict[str, Any]]) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        printed = Counter(c["text"] for c in page.chars if not c["text"].isspace())
        if number in HEADER_PAGES:
            printed -= Counter(SPACE.sub("", HEADER_LABELS[HEADER_PAGES[number]]))
        expected = Counter(SPACE.sub("", "".join(transcribed_lines(r))) for r in rows if r["page"] == number)
        expected = Counter("".join(c * n for c, n in expected.items()))
        assert printed == expected, (
            f"page {number}: extra {dict(printed - expected)}, missing {dict(expected - printed)}"
        )


def test_one_ruled_table_per_page(pdf: PDF) -> None:
    assert [len(p.find_tables()) for p in pdf.pages] == [1] * 8
