"""Split cells that list several indicators into one item each (long format).

A results cell may list several figures, each after its label, grouped under 【headings】:

    【母子手帳交付】            ← group
    母子手帳交付冊数1100冊       ← label + figure on one line
    妊婦健診補助券利用枚数       ← label alone …
    13000枚                     ← … its figure on the next line

``items`` reads such a cell; ``pair_items`` lines up target, actual and achievement items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import NOTE, Quantity, mark_ratios, parse_quantity

_GROUP = re.compile(r"^【(?P<group>[^】]*)】$")
_TRAILING_NOTE = re.compile(r"(?:\s*\([^()]*\))+\s*$")  # (note) after a figure, not inside a label
_LABELLED = re.compile(r"^(?P<label>.*?)[:\s]*(?P<qty>(?:各|平均|約)?\s*(?:年|月|週)?\d[\d,]*(?:\.\d+)?[^\d:]{0,5})$")


@dataclass(frozen=True)
class Item:
    group: str | None
    label: str | None
    quantity: Quantity


def items(text: str | None) -> list[Item]:
    """The labelled figures of a cell, in order; lines without a figure label the next one."""
    out: list[Item] = []
    if not text:
        return out
    group: str | None = None
    pending: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if m := _GROUP.match(line):
            group, pending = m["group"], []
            continue
        trailing = _TRAILING_NOTE.search(line)
        m = _LABELLED.match(line[: trailing.start()] if trailing else line)
        q = parse_quantity(m["qty"]) if m else Quantity(None)
        if m and q.value is not None:
            notes = "; ".join(n for n in NOTE.findall(trailing.group()) if n.strip()) if trailing else None
            out.append(
                Item(
                    group,
                    _label("".join(pending) + m["label"]),
                    Quantity(q.text, q.value, q.unit, q.qualifier, notes or None),
                )
            )
            pending = []
        else:
            pending.append(line)
    return out


def _label(text: str) -> str | None:
    """A label as printed, less the separator before its figure and an unmatched ")"."""
    text = text.strip().rstrip(":")
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    return text or None


@dataclass(frozen=True)
class IndicatorItem:
    group: str | None
    name: str
    target: Quantity | None
    actual: Quantity | None
    achievement: Quantity | None


def _nth(seq: list[Item], n: int, count: int) -> Quantity | None:
    return seq[n].quantity if len(seq) == count else None


def _each(q: Quantity) -> bool:
    """Is the figure one for each of several (各50件, 各50件以上)?"""
    return q.qualifier is not None and q.qualifier.startswith("各")


def pair_items(
    indicator: str | None, target: str | None, actual: str | None, achievement: str | None
) -> list[IndicatorItem]:
    """One IndicatorItem per indicator of a row.

    Several target items set the list; failing that, a single 各 (each) target applies to
    every actual item; failing that, the row is one indicator with its whole cells.
    """
    t, a, p = items(target), items(actual), items(achievement)
    if len(t) >= 2:
        return [
            IndicatorItem(it.group, it.label or indicator or "", it.quantity, _nth(a, i, len(t)), _nth(p, i, len(t)))
            for i, it in enumerate(t)
        ]
    if len(t) == 1 and _each(t[0].quantity) and len(a) >= 2:
        return [
            IndicatorItem(it.group, it.label or indicator or "", t[0].quantity, it.quantity, _nth(p, i, len(a)))
            for i, it in enumerate(a)
        ]
    if not indicator:
        return []
    whole = mark_ratios(parse_quantity(target), parse_quantity(actual), parse_quantity(achievement))
    return [IndicatorItem(None, indicator, *whole)]
