"""Pure: does a column's content fit a field? The content check of the header's assignment.

Each field has a kind of content (``profiles.toml``); a column fits a kind to the share of its
non-empty cells whose text fits. Labels say what a column is meant to hold, the cells what it
holds: a column that clearly contradicts its label is never filled into that field.
"""

from __future__ import annotations

import re
import statistics
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from ..model import FIELDS

PROFILES_FILE = Path(__file__).with_name("profiles.toml")
# Below this share of fitting cells (0-100) a column contradicts a field.
CONTRADICTS_BELOW = 50.0
# Fewer non-empty cells than this tell nothing: a page may hold only the rest of a row cut by
# its page break (a fragment such as 続き), and one odd cell is no pattern.
MIN_EVIDENCE = 3

# A department's name ends with one of these (normalize.records splits cells listing several
# departments on them too).
DEPARTMENT_END = re.compile(r"(?:課|局|室|所|館|部|係|園|センター|事務所|委員会)$")
_FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_PERCENT = re.compile(r"\d(?:[\d,]*)(?:\.\d+)?%")
_DASH = re.compile(r"[-‐‑–—―ー−－]+")
_GRADE = re.compile(r"[A-ESa-es]|[◎○〇△×✕▲●]|[1-5]")
_ACHIEVING = re.compile(r"達成|未達|実施")
_DIGIT = re.compile(r"\d")


def solid(text: str) -> str:
    """A cell's text as the checks read it: NFKC, no white space or line breaks."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _bare_figure(t: str) -> bool:
    return bool(_FIGURE.fullmatch(t) or _PERCENT.fullmatch(t))


def _integer(t: str) -> bool:
    return t.isascii() and t.isdigit() and len(t) <= 4


def _name(t: str) -> bool:
    return not _bare_figure(t) and not _DASH.fullmatch(t)


def _sentence(t: str) -> bool:
    return len(t) >= 4 and _name(t)


def _assessment(t: str) -> bool:
    return _name(t) or bool(_GRADE.fullmatch(t))


def _department(t: str) -> bool:
    return bool(DEPARTMENT_END.search(t))


def _quantity(t: str) -> bool:
    return bool(_DASH.fullmatch(t) or _DIGIT.search(t) or (len(t) <= 15 and not _department(t)))


def _rate(t: str) -> bool:
    return bool(_DASH.fullmatch(t) or "%" in t or _FIGURE.fullmatch(t) or _ACHIEVING.search(t))


KINDS: dict[str, Callable[[str], bool]] = {
    "integer": _integer,
    "name": _name,
    "sentence": _sentence,
    "assessment": _assessment,
    "department": _department,
    "quantity": _quantity,
    "rate": _rate,
}
# What a column of each kind holds, in words, for the message that refuses a column.
DESCRIPTIONS = {
    "integer": "whole numbers",
    "name": "names",
    "sentence": "sentences",
    "assessment": "evaluations",
    "department": "department names",
    "quantity": "figures",
    "rate": "percentages",
}


@cache
def field_kinds(path: Path | None = None) -> dict[str, str]:
    """The profiles file, checked: every field has a known kind. Read once per process."""
    path = path or PROFILES_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    wrong = {f: k for f, k in data.items() if f not in FIELDS or k not in KINDS}
    missing = set(FIELDS) - set(data)
    if wrong or missing:
        raise ValueError(f"{path}: unknown fields or kinds {wrong}, fields without a kind {sorted(missing)}")
    return {f: str(k) for f, k in data.items()}


def cell_values(texts: Sequence[str]) -> tuple[str, ...]:
    """A column's non-empty cells as the checks read them (``solid``): made once per column,
    then tested against each kind."""
    return tuple(t for t in (solid(x) for x in texts) if t)


def fit(values: Sequence[str], kind: str) -> float | None:
    """The share (0-100) of a column's ``cell_values`` that fit ``kind``; None when fewer than
    ``MIN_EVIDENCE`` cells have text."""
    if len(values) < MIN_EVIDENCE:
        return None
    test = KINDS[kind]
    return 100.0 * sum(1 for t in values if test(t)) / len(values)


def describe(values: Sequence[str]) -> str:
    """What a column holds (its ``cell_values``), in a few words, for the message that refuses it."""
    for kind in ("integer", "rate", "department"):
        if 100.0 * sum(1 for t in values if KINDS[kind](t)) / max(len(values), 1) >= CONTRADICTS_BELOW:
            return DESCRIPTIONS[kind]
    length = round(statistics.median(len(t) for t in values)) if values else 0
    return f"{length}-character words" if length < 4 else "sentences"
