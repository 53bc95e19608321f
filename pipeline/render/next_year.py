"""The next year's report (FY2021 results, FY2022 plan), rendered the city's way (Calc).

Not a layout variant: its rows differ on purpose, so that building it together with the
committed report tests what consecutive reports share. FY2021 is the plan in one and the
results in the other; keys must keep the two apart. Changed, deterministically:

* labels and sheet names one year on (令和2→3, 令和3→4);
* every whole number in the actual and target cells one more (so figures differ);
* program 5 dropped (the city ended it), in both tables;
* program 1's department renamed (人事課 → 人事管理課, a reorganisation).

    python -m scripts.render_variants --next-year tests/fixtures/next_year/next_year.pdf
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from . import calc
from .common import COLUMNS, SHEET_TITLES, Column, Row, load_transcript

DROPPED = 5
RENAMED = (1, "人事課", "人事管理課")


def one_year_on(label: str) -> str:
    """令和3 → 令和4 first, then 令和2 → 令和3 (the other order would move 2 → 4)."""
    return label.replace("令和3", "令和4").replace("令和2", "令和3")


COLUMNS_NEXT: dict[str, list[Column]] = {
    t: [(f, one_year_on(label)) for f, label in cols] for t, cols in COLUMNS.items()
}
TITLES_NEXT = {t: one_year_on(title) for t, title in SHEET_TITLES.items()}


def _plus_one(line: str) -> str:
    """Whole numbers one more; decimals (0.6, 1.5) and era years are left as they are."""
    return re.sub(r"(?<![\d.])\d+(?![\d.])", lambda m: str(int(m.group()) + 1), line)


def next_year_rows(rows: list[Row]) -> list[Row]:
    out = []
    for row in rows:
        if row["no"] == DROPPED:
            continue
        r = copy.deepcopy(row)
        for fld in ("actual", "target"):
            r[fld] = [_plus_one(line) for line in r.get(fld, [])]
        no, old, new = RENAMED
        if r["no"] == no:
            r["department"] = [new if d == old else d for d in r["department"]]
        out.append(r)
    return out


def render(pdf: Path, work: Path) -> None:
    layout = calc.Layout(columns=COLUMNS_NEXT, sheet_titles=TITLES_NEXT)
    calc.render(layout, pdf, work / f"{pdf.stem}.xlsx", rows=next_year_rows(load_transcript()))
