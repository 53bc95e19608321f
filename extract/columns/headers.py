"""Read a table's header as a whole: which field each column holds, the fiscal year, the kind.

A header may stand over one row or several (a group cell such as 令和2年度 spanning the
columns below it). Each column's label is the text of every header cell above it, top to
bottom. Labels are matched to fields by one optimal assignment over the whole row
(``assignment.best_assignment``), whatever order the columns stand in:

1. each label is scored against the known labels of each field (rapidfuzz ``WRatio``, which
   takes the best of plain, partial and token ratios), from ``labels.toml``; a label below
   ``FLOOR`` names no field;
2. the content confirms the label (``profiles``): a column whose cells clearly contradict a
   field's profile (percentages under 担当課) is not assigned to it, and the next best
   assignment is taken;
3. a column that names no field is kept as an extra column (its values are published, not
   lost); two columns that name one field equally well, by label and content, are refused.

Nothing is placed by position alone, and no order of the columns is assumed.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ..model import FIELDS, Cell, Grid, LabelMatch, TableKind
from .assignment import best_assignment
from .profiles import CONTRADICTS_BELOW, DESCRIPTIONS, cell_values, describe, field_kinds, fit

LABELS_FILE = Path(__file__).with_name("labels.toml")
RESULTS_ONLY = frozenset({"status", "evaluation", "actual", "achievement"})
REQUIRED = frozenset({"no", "name", "department", "plan", "indicator", "target"})
# Below this similarity a label does not count as naming a field at all.
FLOOR = 40.0
# A label this similar to a field is a strong, unambiguous match.
STRONG = 80.0
INF = float("inf")
# A header with this many required fields matched strongly is the report's: a required field
# missing there is refused as such, not as "no known header".
REPORT_LIKE = 3
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
    """How well a label names a field (0-100); an empty label names none (rapidfuzz scores 0)."""
    return best_ratio(key, labels[field])


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


@dataclass(frozen=True)
class TableHeader:
    """A header that was read: what each grid column holds, and how sure the reading is."""

    kind: TableKind
    fiscal_year: int
    depth: int  # header rows
    columns: dict[int, str]  # grid column → field
    labels: tuple[LabelMatch, ...]
    extras: dict[int, str]  # grid column → label of a column that names no field

    @property
    def score(self) -> float:
        return mean_score(self.labels)


@dataclass(frozen=True)
class Refusal:
    """The report's header, but not one that can be read safely: the run stops with ``reason``.

    ``final``: the labels were recognised and the cells below refuted them (or left two
    columns tied), so those cells are data and no deeper header is tried. A header that lacks
    a required column is not final: the column may be labelled in a second header row.
    """

    reason: str
    final: bool = True


def mean_score(labels: Sequence[LabelMatch]) -> float:
    """Mean similarity of the labels that name a field (100 = every label known exactly)."""
    named = [m.score for m in labels if m.field]
    return sum(named) / len(named) if named else 0.0


def column_values(grid: Grid, columns: Sequence[HeaderColumn], depth: int) -> list[tuple[str, ...]]:
    """The data cells under each header column (the rows below the header), as
    ``profiles.cell_values`` reads them."""
    out: list[list[str]] = [[] for _ in columns]
    first = {c.first_col: i for i, c in enumerate(columns)}
    owner = {col: first[c.first_col] for c in columns for col in range(c.first_col, c.last_col + 1)}
    for cell in grid.cells:
        if cell.row >= depth and cell.lines and cell.col in owner:
            out[owner[cell.col]].append(cell.text)
    return [cell_values(texts) for texts in out]


@dataclass(frozen=True)
class Matching:
    """Labels matched to fields: the matches, and the assignment the labels alone would make."""

    matches: list[LabelMatch]
    by_label: list[int | None]  # field index per column, were the content not checked
    contents: list[tuple[str, ...]]  # each column's cells (``profiles.cell_values``)
    scores: list[list[float]]  # label similarity, column × field
    fits: list[list[float | None]]  # content fit, column × field (where the label names it)


def match_columns(
    columns: Sequence[HeaderColumn], contents: list[tuple[str, ...]], labels: dict[str, tuple[str, ...]]
) -> Matching:
    """One optimal assignment of columns to fields, by label similarity, within what the
    columns' content allows."""
    kinds = field_kinds()
    keys = [label_key(c.label) for c in columns]
    scores = [[similarity(k, f, labels) for f in FIELDS] for k in keys]
    gains = [[s - FLOOR for s in row] for row in scores]
    fits: list[list[float | None]] = [
        [fit(texts, kinds[f]) if gains[i][j] > 0 else None for j, f in enumerate(FIELDS)]
        for i, texts in enumerate(contents)
    ]
    allowed = [
        [-INF if (f := fits[i][j]) is not None and f < CONTRADICTS_BELOW else g for j, g in enumerate(row)]
        for i, row in enumerate(gains)
    ]
    chosen = best_assignment(allowed)
    out = []
    for c, row, fitted, j in zip(columns, scores, fits, chosen, strict=True):
        text = NOISE.sub("", unicodedata.normalize("NFKC", c.label))
        if j is None:
            out.append(LabelMatch(text, None, round(max(row), 1)))  # a score per field: never empty
        else:
            content = fitted[j]
            out.append(LabelMatch(text, FIELDS[j], round(row[j], 1), None if content is None else round(content, 1)))
    return Matching(out, best_assignment(gains), list(contents), scores, fits)


def ambiguity(matching: Matching) -> str | None:
    """Two columns that name one field equally well (label and content), one of them left out:
    which one holds the field would be a guess."""
    for i, m in enumerate(matching.matches):
        if m.field is None:
            continue
        j = FIELDS.index(m.field)
        for k, other in enumerate(matching.matches):
            if k == i or other.field is not None or not other.label:
                continue
            score, content = matching.scores[k][j], matching.fits[k][j]
            if abs(score - m.score) < 0.5 and (content or 0.0) >= (m.content_score or 0.0):
                return (
                    f"columns {i + 1} ({m.label}) and {k + 1} ({other.label}) both read as {m.field} "
                    f"(label score {m.score:g}, content fits as well); which one is meant cannot be told"
                )
    return None


def contradiction(matching: Matching) -> str | None:
    """A column whose label names a field strongly, whose cells contradict that field, and
    which no other column holds: a template whose labels stand over the wrong columns. Read
    as printed, every value would land in the wrong field; read without it, the field would be
    silently empty."""
    assigned = {m.field for m in matching.matches if m.field}
    # A required field first: its column is the one the message should name.
    candidates = sorted(
        ((i, j) for i, j in enumerate(matching.by_label) if j is not None),
        key=lambda ij: (FIELDS[ij[1]] not in REQUIRED, ij[0]),
    )
    for i, j in candidates:
        # The label's score for the field it names, not for one its column was read as instead.
        if FIELDS[j] in assigned or matching.scores[i][j] < STRONG:
            continue
        fitted = matching.fits[i][j]
        if fitted is not None and fitted < CONTRADICTS_BELOW:
            m, f = matching.matches[i], FIELDS[j]
            return (
                f"column {i + 1} ({m.label}) was the best match for {f}, but holds "
                f"{describe(matching.contents[i])}, not {DESCRIPTIONS[field_kinds()[f]]}; "
                f"no other column can be read as {f}"
            )
    return None


def table_kind(fields: set[str]) -> TableKind | None:
    """The kind follows from the set of columns: only a results table reports outcomes."""
    if not fields >= REQUIRED:
        return None
    return TableKind.RESULTS if fields & RESULTS_ONLY else TableKind.PLAN


def header_year(texts: Sequence[str]) -> int | None:
    years = Counter(y for t in texts for y in fiscal_years(t))
    return years.most_common(1)[0][0] if years else None


def reading(
    grid: Grid, depth: int, labels: dict[str, tuple[str, ...]], min_score: float
) -> TableHeader | Refusal | str:
    """The header ``depth`` rows deep; a refusal when it is the report's header but cannot be
    read safely; or why those rows are not a header."""
    columns = header_columns(grid, depth)
    matching = match_columns(columns, column_values(grid, columns, depth), labels)
    matches = matching.matches
    named = [m for m in matches if m.field]
    kind = table_kind({m.field for m in named if m.field})
    year = header_year([c.label for c in columns])
    unmatched = [m.label[:20] for m in matches if m.label and (m.field is None or m.score < STRONG)]
    strong = sum(1 for m in named if m.score >= STRONG)
    why = contradiction(matching)
    if why is not None and table_kind({FIELDS[j] for j in matching.by_label if j is not None}) is not None:
        return Refusal(why)
    if kind is None or 2 * strong < len(named):
        missing = REQUIRED - {m.field for m in named if m.field}
        if missing and sum(1 for m in named if m.field in REQUIRED and m.score >= STRONG) >= REPORT_LIKE:
            return Refusal(
                f"no column for the required field(s) {', '.join(sorted(missing))}; none of the other labels "
                f"({', '.join(unmatched) or 'none'}) reads as one (extend {LABELS_FILE.name} if one is reworded)",
                final=False,
            )
        return f"labels not recognised: {unmatched or 'none'}; fields not found: {sorted(missing) or 'none'}"
    score = mean_score(matches)
    if score < min_score:
        return f"labels match known ones too weakly (mean score {score:.0f}); labels not recognised: {unmatched}"
    if year is None:
        return "no fiscal year (令和2年度, R2, 2020年度 …) in its labels"
    unsure = ambiguity(matching)
    if unsure is not None:
        return Refusal(unsure)
    cols = {
        k: m.field for c, m in zip(columns, matches, strict=True) if m.field for k in range(c.first_col, c.last_col + 1)
    }
    extras: dict[int, str] = {}
    for i, (c, m, texts) in enumerate(zip(columns, matches, matching.contents, strict=True)):
        if m.field is None and (m.label or texts):
            extras[c.first_col] = extra_label(m.label, i, extras.values())
    return TableHeader(kind, year, depth, cols, tuple(matches), extras)


def extra_label(label: str, index: int, taken: Iterable[str]) -> str:
    """The name an extra column's values are kept under: its label, or its position where it
    has none or shares it with an earlier extra column (rows key their extras by it)."""
    name = label or f"(column {index + 1})"
    return f"{name} (column {index + 1})" if name in taken else name


def read_header(
    grid: Grid, min_score: float, labels: dict[str, tuple[str, ...]] | None = None
) -> TableHeader | Refusal | str:
    """The best reading of the grid's top rows as a header, a refusal, or why none is good enough.

    Depths 1 to ``MAX_HEADER_ROWS`` are tried; a depth that swallows a data row reads worse,
    so the best-scoring reading wins, the shallower one on a tie. A refusal ends the search:
    its labels were recognised, so the rows below it are data, and a deeper reading would only
    hide them (and the content that refuted the labels) inside the header.
    """
    labels = labels or known_labels()
    found: list[TableHeader] = []
    refused: Refusal | None = None
    why = "the table has no rows"  # else: why its first row is no header, the likeliest depth
    for depth in range(1, min(MAX_HEADER_ROWS, grid.n_rows - 1) + 1):
        r = reading(grid, depth, labels, min_score)
        if isinstance(r, TableHeader):
            found.append(r)
            if r.score >= 100.0:
                break  # every label known exactly: no deeper reading can score higher
        elif isinstance(r, Refusal):
            refused = refused or r
            if r.final:
                break
        elif depth == 1:
            why = r
    if found:
        return max(found, key=lambda h: (round(h.score, 6), -h.depth))
    return refused or why
