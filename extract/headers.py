"""Read a table's header as a whole: which field each column holds, the fiscal year, the kind.

A header may stand over one row or several (a group cell such as 令和2年度 spanning the
columns below it). Each column's label is the text of every header cell above it, top to
bottom. Labels are matched to fields by one assignment over the whole row:

1. similarity of each label to the known labels of each field (rapidfuzz ``WRatio``, which
   takes the best of plain, partial and token ratios), from ``labels.toml``;
2. an order-preserving alignment (the columns stand in the usual order), so that two columns
   never claim one field and a label that resembles a field far away is not pulled there;
3. a label that matched nothing but stands between two matched columns, with exactly as many
   fields free between them as labels, is placed by position.

So one reworded label among well-known ones is still read, and a table whose labels are
mostly unknown is refused with the labels that matched nothing.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from .model import FIELDS, Cell, Grid, LabelMatch, TableKind

LABELS_FILE = Path(__file__).with_name("labels.toml")
RESULTS_ONLY = frozenset({"status", "evaluation", "actual", "achievement"})
REQUIRED = frozenset({"no", "department", "plan", "indicator", "target"})
# Below this similarity a label does not count as naming a field at all.
FLOOR = 40.0
# A label this similar to a field is a strong, unambiguous match.
STRONG = 80.0
# Header rows to try: a header deeper than this is not one of these reports.
MAX_HEADER_ROWS = 3

ERA_BASE = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925}
# Year forms: 令和2年度, 令和元年度, R2年度, R2, 平成30年度, H30, 2020年度 (after NFKC).
ERA_YEAR = re.compile(r"(令和|平成|昭和|(?<![A-Za-z])[RH])\s*(\d{1,2}|元)(?!\d)\s*(?:年度?)?")
WESTERN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年度?")
NOISE = re.compile(r"\s+")


@cache
def known_labels(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The labels file (``labels.toml`` unless another is given), checked: fields only.

    Read once per process (``cache``): it is configuration, not input.
    """
    path = path or LABELS_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValueError(f"{path}: unknown fields {sorted(unknown)}; known: {', '.join(FIELDS)}")
    return {f: tuple(label_key(str(x)) for x in data.get(f, ())) for f in FIELDS}


def era_to_year(era: str, year: str) -> int:
    return ERA_BASE[era] + (1 if year == "元" else int(year))


def fiscal_years(text: str) -> list[int]:
    text = unicodedata.normalize("NFKC", text)
    years = [era_to_year(m.group(1), m.group(2)) for m in ERA_YEAR.finditer(text)]
    return years + [int(m.group(1)) for m in WESTERN_YEAR.finditer(text)]


def label_key(text: str) -> str:
    """A label as matched: NFKC, case-folded, no white space or line breaks, no fiscal year."""
    text = unicodedata.normalize("NFKC", text)
    text = WESTERN_YEAR.sub("", ERA_YEAR.sub("", text))
    return NOISE.sub("", text).casefold()


def similarity(key: str, field: str, labels: dict[str, tuple[str, ...]]) -> float:
    return best_ratio(key, labels[field]) if key else 0.0


@lru_cache(maxsize=8192)
def best_ratio(key: str, known: tuple[str, ...]) -> float:
    """The best score of a label against a field's known labels. Memoised: every page repeats
    its header, and each is read one, two and three rows deep."""
    return max((fuzz.WRatio(key, label.casefold()) for label in known if label), default=0.0)


@dataclass(frozen=True)
class HeaderColumn:
    """One column of the header as read: the grid columns it covers and its label."""

    first_col: int
    last_col: int
    label: str


def header_columns(grid: Grid, depth: int) -> list[HeaderColumn]:
    """The columns under a header ``depth`` rows deep, each with the text of the cells above it.

    A cell spanning several columns (a group such as 令和2年度) lends its text to each column
    below it; a cell spanning the header's rows vertically is read once.
    """
    bottom = sorted((c for c in grid.cells if c.row <= depth - 1 < c.row + c.row_span), key=lambda c: c.col)
    out = []
    for cell in bottom:
        above: list[Cell] = []
        for r in range(depth):
            found = grid.cell_at(r, cell.col)
            if found is not None and found not in above:
                above.append(found)
        out.append(HeaderColumn(cell.col, cell.col + cell.col_span - 1, "\n".join(c.text for c in above if c.text)))
    return out


def align(scores: Sequence[Sequence[float]]) -> list[int | None]:
    """Order-preserving assignment of labels (rows of ``scores``) to fields (columns).

    Maximises the summed similarity above ``FLOOR``; each field goes to one label at most, and
    matched labels keep the fields' order. Classic sequence alignment (dynamic programming).
    """
    n, m = len(scores), len(scores[0]) if scores else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            gain = scores[i - 1][j - 1] - FLOOR
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + gain if gain > 0 else 0.0)
    out: list[int | None] = [None] * n
    i, j = n, m
    while i > 0 and j > 0:
        gain = scores[i - 1][j - 1] - FLOOR
        if gain > 0 and best[i][j] == best[i - 1][j - 1] + gain:
            out[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return out


def place_by_position(assigned: list[int | None]) -> list[int | None]:
    """Fill runs of unmatched labels that stand between two matched ones, where exactly as many
    fields lie free between those two as there are labels in the run."""
    out = list(assigned)
    matched = [i for i, f in enumerate(out) if f is not None]
    for a, b in zip(matched, matched[1:], strict=False):
        fa, fb = out[a], out[b]
        assert fa is not None and fb is not None
        if b - a > 1 and fb - fa == b - a:
            for k in range(1, b - a):
                out[a + k] = fa + k
    return out


@dataclass(frozen=True)
class TableHeader:
    """A header that was read: what each grid column holds, and how sure the reading is."""

    kind: TableKind
    fiscal_year: int
    depth: int  # header rows
    columns: dict[int, str]  # grid column → field
    labels: tuple[LabelMatch, ...]

    @property
    def score(self) -> float:
        return mean_score(self.labels)


def mean_score(labels: Sequence[LabelMatch]) -> float:
    """Mean similarity of the labels that name a field (100 = every label known exactly)."""
    named = [m.score for m in labels if m.field]
    return sum(named) / len(named) if named else 0.0


def match_columns(columns: Sequence[HeaderColumn], labels: dict[str, tuple[str, ...]]) -> list[LabelMatch]:
    keys = [label_key(c.label) for c in columns]
    scores = [[similarity(k, f, labels) for f in FIELDS] for k in keys]
    by_score = align(scores)
    placed = place_by_position(by_score)
    out = []
    for c, row, s, p in zip(columns, scores, by_score, placed, strict=False):
        text = NOISE.sub("", unicodedata.normalize("NFKC", c.label))
        if p is None:
            out.append(LabelMatch(text, None, round(max(row, default=0.0), 1)))
        else:
            out.append(LabelMatch(text, FIELDS[p], round(row[p], 1), by_position=s is None))
    return out


def table_kind(fields: set[str]) -> TableKind | None:
    """The kind follows from the set of columns: only a results table reports outcomes."""
    if not fields >= REQUIRED:
        return None
    return TableKind.RESULTS if fields & RESULTS_ONLY else TableKind.PLAN


def header_year(texts: Sequence[str]) -> int | None:
    years = Counter(y for t in texts for y in fiscal_years(t))
    return years.most_common(1)[0][0] if years else None


def reading(grid: Grid, depth: int, labels: dict[str, tuple[str, ...]], min_score: float) -> TableHeader | str:
    """The header ``depth`` rows deep, or why those rows are not a header."""
    columns = header_columns(grid, depth)
    matches = match_columns(columns, labels)
    named = [m for m in matches if m.field]
    kind = table_kind({m.field for m in named if m.field})
    year = header_year([c.label for c in columns])
    unmatched = [m.label[:20] for m in matches if m.label and (m.field is None or m.by_position or m.score < STRONG)]
    strong = sum(1 for m in named if m.score >= STRONG)
    if kind is None or 2 * strong < len(named):
        missing = sorted(REQUIRED - {m.field for m in named if m.field})
        return f"labels not recognised: {unmatched or 'none'}; fields not found: {missing or 'none'}"
    score = mean_score(matches)
    if score < min_score:
        return f"labels match known ones too weakly (mean score {score:.0f}); labels not recognised: {unmatched}"
    if year is None:
        return "no fiscal year (令和2年度, R2, 2020年度 …) in its labels"
    cols = {
        k: m.field for c, m in zip(columns, matches, strict=True) if m.field for k in range(c.first_col, c.last_col + 1)
    }
    return TableHeader(kind, year, depth, cols, tuple(matches))


def read_header(grid: Grid, min_score: float, labels: dict[str, tuple[str, ...]] | None = None) -> TableHeader | str:
    """The best reading of the grid's top rows as a header, or why none is good enough.

    Depths 1 to ``MAX_HEADER_ROWS`` are tried; a depth that swallows a data row reads worse,
    so the best-scoring reading wins, the shallower one on a tie.
    """
    labels = labels or known_labels()
    found: list[TableHeader] = []
    why = "the table has no rows"  # else: why its first row is no header, the likeliest depth
    for depth in range(1, min(MAX_HEADER_ROWS, grid.n_rows - 1) + 1):
        r = reading(grid, depth, labels, min_score)
        if isinstance(r, TableHeader):
            found.append(r)
        elif depth == 1:
            why = r
    if not found:
        return why
    return max(found, key=lambda h: (round(h.score, 6), -h.depth))
