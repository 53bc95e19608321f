"""Targets, actuals and achievement rates: text → value, unit, qualifier and note.

Policy:
- A cell that is empty or holds only dashes (- ― ー and their full-width forms) is null: the
  city writes a dash for "no value".
- Text in brackets is a note ("1,280 (20名×32回×2会場)" → 1280, note "20名×32回×2会場").
- 各 (each), 平均 (average), 約 (about) before the number and 以上 / 以下 / 未満 after it are
  the qualifier. 年/月/週 before the number make a rate: "年1回" → 1, unit "回/年".
- Text that is not exactly one figure ("指標化困難", or a list of several figures) keeps its
  text and has a null value; the ``indicators`` table splits lists.
- Ratios next to percentages: a bare number ≤ 1 with a decimal point, in a row whose other
  figures are percentages, is a ratio (0.6 ≙ 60%). It keeps its value 0.6 and gets the unit
  ``ratio``; ``as_percent`` turns it into 60.0 where a percentage is needed (achievement,
  checks). Nothing is rescaled silently in the published value columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import normalize_text

DASHES = set("-―ー‐−－—–")
NOTE = re.compile(r"\(([^()]*)\)")
_QUANTITY = re.compile(
    r"^(?P<pre>各|平均|約)?\s*(?P<per>年|月|週)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|[^\d\s,.:()/]{1,4}?)?(?P<unit_per>/[年月週日])?\s*"
    r"(?P<post>以上|以下|未満|程度)?$"
)


@dataclass(frozen=True)
class Quantity:
    text: str | None
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    note: str | None = None

    def as_percent(self) -> float | None:
        if self.value is None:
            return None
        if self.unit == "%":
            return self.value
        if self.unit == "ratio":
            return round(self.value * 100, 10)
        return None


def is_null_text(text: str) -> bool:
    stripped = text.replace(" ", "").replace("\n", "")
    return not stripped or set(stripped) <= DASHES


def parse_quantity(text: str | None) -> Quantity:
    """One cell's text → a Quantity; never raises."""
    if text is None:
        return Quantity(None)
    text = normalize_text(text)
    if is_null_text(text):
        return Quantity(None)
    notes = [n.strip() for n in NOTE.findall(text) if n.strip()]
    core = NOTE.sub("", text).strip()  # the pattern reads a line break as any white space
    m = _QUANTITY.match(core)
    if not m:
        return Quantity(text, note="; ".join(notes) or None)
    unit = m["unit"] or None
    if m["per"]:
        unit = f"{unit or ''}/{m['per']}"
    elif m["unit_per"]:
        unit = f"{unit or ''}{m['unit_per']}"
    qualifier = " ".join(q for q in (m["pre"], m["post"]) if q) or None
    return Quantity(text, float(m["num"].replace(",", "")), unit, qualifier, "; ".join(notes) or None)


def mark_ratios(*quantities: Quantity) -> tuple[Quantity, ...]:
    """Give a bare decimal ≤ 1 the unit ``ratio`` when the row's other figures are percentages."""
    if not any(q.unit == "%" for q in quantities):
        return quantities
    return tuple(
        Quantity(q.text, q.value, "ratio", q.qualifier, q.note)
        if q.value is not None and q.unit is None and q.value <= 1 and q.text and "." in q.text
        else q
        for q in quantities
    )


def _percent(value: float, unit: str | None) -> float:
    return value * 100 if unit == "ratio" else value


def actual_over_target(
    target: float | None, target_unit: str | None, actual: float | None, actual_unit: str | None
) -> float | None:
    """actual ÷ target in percent, where both are numbers in comparable units (two shares, one
    a ratio, compare as percentages; a unit on one side only is taken as the other's); None
    where they cannot be compared (no figure, a zero target, 件 against 人)."""
    if target is None or target == 0 or actual is None:
        return None
    if target_unit in ("%", "ratio") and actual_unit in ("%", "ratio"):
        return _percent(actual, actual_unit) / _percent(target, target_unit) * 100
    if target_unit == actual_unit or target_unit is None or actual_unit is None:
        return actual / target * 100
    return None
