"""The next year's report (FY2021 results, FY2022 plan), drawn on a reportlab canvas.

Not a layout variant: its rows differ on purpose, the way a plan's program list changes from
one year to the next, so that building it together with the committed report tests what
consecutive reports share and how each program is followed across them (``normalize.linking``).
FY2021 is the plan in one and the results in the other; keys must keep the two apart. Changed,
deterministically:

* labels one year on (令和2→3, 令和3→4);
* every whole number in the actual and target cells one more (so figures differ);
* a new program inserted as №5 (so the old №5–9 become №6–10);
* the old №10 dropped (the city ended it), so from №11 on the numbers are this report's again;
* four programs' names reworded (``REWORDED``, by this report's №);
* 健幸保健課 renamed 健康増進課 by a reorganisation, in every cell that names it (the
  department column, and the description of №15).

Drawn by ``canvas`` (reportlab), not Calc, so that rendering it needs no LibreOffice:

    python -m scripts.render_variants --next-year tests/fixtures/next_year/next_year.pdf
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from . import canvas
from .common import COLUMNS, Column, Row, load_transcript

INSERTED = 5  # the new program's № in the next report
DROPPED = 10  # this report's № of the program the next one no longer has
RENAMED_DEPARTMENT = ("健幸保健課", "健康増進課")
# This report's № → the program's name as the next report prints it.
REWORDED = {
    1: "職員メンタルヘルス研修",
    8: "飯塚市健康づくり推進協議会",
    42: "認知症カフェ運営事業",
    63: "放課後児童クラブ（学童保育）事業",
}
# The inserted program, as both tables print it (the plan table leaves out the results' fields).
NEW_PROGRAM: Row = {
    "name": ["SNS相談窓口の周知事業"],
    "description": [
        "若い世代が利用しやすいSNSによる相談窓口を、市の公式LINEやホームページで",
        "周知し、悩みを抱える人を早期に相談につなげます。",
    ],
    "department": ["健康増進課"],
    "plan": ["公式LINEで毎月、相談窓口を案内する。"],
    "indicator": ["配信回数"],
    "target": ["12回"],
    "status": ["公式LINEで相談窓口の案内を配信した。"],
    "evaluation": ["計画どおり配信できた。"],
    "actual": ["12回"],
    "achievement": ["100%"],
}
RESULTS_ONLY = ("status", "evaluation", "actual", "achievement")


def one_year_on(label: str) -> str:
    """令和3 → 令和4 first, then 令和2 → 令和3 (the other order would move 2 → 4)."""
    return label.replace("令和3", "令和4").replace("令和2", "令和3")


COLUMNS_NEXT: dict[str, list[Column]] = {
    t: [(f, one_year_on(label)) for f, label in cols] for t, cols in COLUMNS.items()
}


def _plus_one(line: str) -> str:
    """Whole numbers one more; decimals (0.6, 1.5) and era years are left as they are."""
    return re.sub(r"(?<![\d.])\d+(?![\d.])", lambda m: str(int(m.group()) + 1), line)


def next_no(no: int) -> int | None:
    """This report's № → the next report's (None: dropped)."""
    if no == DROPPED:
        return None
    return no + 1 if INSERTED <= no < DROPPED else no


def _new_program(table: str, page: int) -> Row:
    row: Row = {"page": page, "table": table, "no": INSERTED, "dept_index": 0}
    row.update({k: list(v) for k, v in NEW_PROGRAM.items() if table == "r2" or k not in RESULTS_ONLY})
    return row


def next_year_rows(rows: list[Row]) -> list[Row]:
    old, new = RENAMED_DEPARTMENT
    out = []
    for row in rows:
        no = next_no(row["no"])
        if no is None:
            continue
        if row["no"] == INSERTED and row["dept_index"] == 0:
            out.append(_new_program(row["table"], row["page"]))
        r = copy.deepcopy(row)
        r["no"] = no
        for fld in ("actual", "target"):
            r[fld] = [_plus_one(line) for line in r.get(fld, [])]
        if row["no"] in REWORDED:
            r["name"] = [REWORDED[row["no"]]]
        for fld, value in r.items():
            if isinstance(value, list):
                r[fld] = [line.replace(old, new) for line in value]
        out.append(r)
    return out


LAYOUT = canvas.CanvasLayout(columns=tuple((t, tuple(cols)) for t, cols in COLUMNS_NEXT.items()))


def render(pdf: Path) -> None:
    canvas.render(LAYOUT, pdf, rows=next_year_rows(load_transcript()))
