"""The layout-variant PDFs are what they claim to be (independent of the extraction).

These read the transcription, which the pipeline never does: they check the fixtures, so that
a failing extraction test on a variant points at the extraction, not at a broken rendering.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW_PDF = ROOT / "data/raw/iizuka_suicide_plan_progress_fy2020_fy2021.pdf"
TRANSCRIPT = ROOT / "data/raw/reconstruction/transcript.json"
FIXTURES = ROOT / "tests/fixtures/variants"
SPACE = re.compile(r"\s+")
# Each test reads whole PDFs with pdfplumber: slow, and about the fixtures, not the pipeline.
pytestmark = pytest.mark.slow
# Variants that print every transcribed line as one line (the others re-wrap or overlap lines
# in a way pdfplumber's text lines do not keep apart) and cut rows at page breaks.
SPLITTING = ("writer_split", "canvas_rules")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    transcript: list[dict[str, Any]] = json.loads(TRANSCRIPT.read_text(encoding="utf-8"))
    return transcript


@cache
def page_lines(path: Path) -> list[list[str]]:
    """Each page's printed text lines, spaces removed."""
    with pdfplumber.open(path) as pdf:
        return [[SPACE.sub("", ln["text"]) for ln in p.extract_text_lines(return_chars=False)] for p in pdf.pages]


def unique_lines(rows: list[dict[str, Any]]) -> dict[str, tuple[str, int, int]]:
    """Transcribed lines (5+ characters) printed once in the report → (table, №, department)."""
    seen = Counter(SPACE.sub("", ln) for r in rows for v in r.values() if isinstance(v, list) for ln in v)
    return {
        SPACE.sub("", ln): (r["table"], r["no"], r["dept_index"])
        for r in rows
        for k, v in r.items()
        if isinstance(v, list) and not (r["dept_index"] and k in ("name", "description"))
        for ln in v
        if len(SPACE.sub("", ln)) >= 5 and seen[SPACE.sub("", ln)] == 1
    }


@pytest.mark.parametrize("variant", SPLITTING)
def test_every_transcribed_line_prints_whole(rows: list[dict[str, Any]], variant: str) -> None:
    printed = "\n".join(ln for page in page_lines(FIXTURES / f"{variant}.pdf") for ln in page)
    missing = {SPACE.sub("", ln) for r in rows for v in r.values() if isinstance(v, list) for ln in v} - {""}
    assert [ln for ln in sorted(missing) if ln not in printed] == []


@pytest.mark.parametrize("variant", SPLITTING)
def test_page_breaks_cut_rows_and_the_no3_block(rows: list[dict[str, Any]], variant: str) -> None:
    pages = ["\n".join(p) for p in page_lines(FIXTURES / f"{variant}.pdf")]
    where: dict[tuple[str, int, int], set[int]] = {}
    for line, key in unique_lines(rows).items():
        hits = [i for i, text in enumerate(pages) if line in text]
        if len(hits) == 1:
            where.setdefault(key, set()).update(hits)
    cut = {key for key, found in where.items() if len(found) > 1}
    assert cut, "no row is cut by a page break"
    no3_pages = set().union(*(found for (table, no, _), found in where.items() if (table, no) == ("r2", 3)))
    assert len(no3_pages) > 1, "FY2020 №3's merged block is not cut by a page break"


def test_canvas_rules_draws_rules_as_filled_rectangles_under_a_grey_header() -> None:
    with pdfplumber.open(FIXTURES / "canvas_rules.pdf") as pdf:
        for page in pdf.pages:
            assert page.lines == [] and page.curves == []
            assert all(r["fill"] and not r["stroke"] for r in page.rects)
            assert any(r["non_stroking_color"] not in (0, (0,), [0]) for r in page.rects)  # the grey band


def test_rotated_displays_exactly_like_the_committed_pdf() -> None:
    with pdfplumber.open(FIXTURES / "rotated.pdf") as turned, pdfplumber.open(RAW_PDF) as raw:
        assert [p.rotation for p in turned.pages] == [90, 270] * 4
        for a, b in zip(turned.pages, raw.pages, strict=True):
            assert (a.width, a.height) == pytest.approx((b.width, b.height))
            assert [(c["text"], round(c["x0"], 3), round(c["top"], 3)) for c in a.chars] == [
                (c["text"], round(c["x0"], 3), round(c["top"], 3)) for c in b.chars
            ]
