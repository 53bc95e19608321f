"""Read a header row by its text: which field each column holds, the fiscal year, the table kind."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .model import TableKind

# Known labels per canonical field, with the era year taken out ("令和2年度の実施計画" is
# matched as "の実施計画"). Add another year's or city's wording here.
LABELS: dict[str, tuple[str, ...]] = {
    "no": ("№", "No", "No.", "番号"),
    "name": ("実施内容", "事業名", "取組"),
    "description": ("内容", "事業内容", "事業概要"),
    "department": ("担当課", "担当部署", "所管課"),
    "plan": ("の実施計画", "実施計画"),
    "indicator": ("指標名", "指標"),
    "target": ("目標値", "目標"),
    "status": ("実施状況",),
    "evaluation": ("実施状況に関する担当課の評価", "担当課の評価", "評価"),
    "actual": ("実績値", "実績"),
    "achievement": ("達成度(%)", "達成度", "達成率(%)"),
}
RESULTS_ONLY = {"status", "evaluation", "actual", "achievement"}
REQUIRED = {"no", "department", "plan", "indicator", "target"}

ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
ERA_YEAR = re.compile(r"(令和|平成|昭和)\s*(\d+|元)\s*年度?")
NOISE = re.compile(r"\s+")


@dataclass(frozen=True)
class HeaderMatch:
    field: str | None
    score: float
    label: str


def era_to_year(era: str, year: str) -> int:
    return ERA_BASE[era] + (1 if year == "元" else int(year))


def fiscal_years(text: str) -> list[int]:
    text = unicodedata.normalize("NFKC", text)
    return [era_to_year(m.group(1), m.group(2)) for m in ERA_YEAR.finditer(text)]


def label_key(text: str) -> str:
    """A header cell's text as matched: NFKC, no whitespace or line breaks, no era year."""
    text = unicodedata.normalize("NFKC", text)
    return NOISE.sub("", ERA_YEAR.sub("", text))


_CHOICES = [(label_key(label), name) for name, labels in LABELS.items() for label in labels]


def match_label(text: str) -> HeaderMatch:
    """The canonical field a header cell names, by fuzzy match (rapidfuzz) against LABELS."""
    key = label_key(text)
    if not key:
        return HeaderMatch(None, 0.0, text)
    best = process.extractOne(key, [c for c, _ in _CHOICES], scorer=fuzz.ratio)
    assert best is not None
    _, score, index = best
    return HeaderMatch(_CHOICES[index][1], float(score), text)


def table_kind(fields: set[str]) -> TableKind | None:
    """The kind follows from the set of columns: only a results table reports outcomes."""
    if not REQUIRED <= fields:
        return None
    return TableKind.RESULTS if fields & RESULTS_ONLY else TableKind.PLAN


def header_year(texts: list[str]) -> int | None:
    years = Counter(y for t in texts for y in fiscal_years(t))
    return years.most_common(1)[0][0] if years else None
