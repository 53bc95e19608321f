"""Pure: one program followed across consecutive reports, and a stable ``program_id`` for it.

Every report numbers its programs afresh: a program inserted as №5 moves every later №, an
ended one closes the gap. So a program is matched across two consecutive reports by what it
is: its name and description (rapidfuzz's similarity of the texts without white space), its
departments, and its № only as a weak hint. Each pair of consecutive reports gets one
optimal assignment (``extract.columns.assignment.best_assignment``, the Hungarian method): no two
programs of one report claim the same program of the other, whatever their order. A pair
scoring under ``FLOOR`` is never made: the earlier program has ended, the later one is new.

The id is the program's first appearance: the era year of the first fiscal year of the report
it first appears in, and its № there (``r2-005``: №5 of the report whose first year is 令和2 =
FY2020). Deterministic, readable, and never reused: two reports of one first year are refused
before this runs (``pipeline.build.same_tables``).

Where the matching is wrong, a person corrects it with a small TOML file (``parse_overrides``).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from extract.columns.assignment import INF, best_assignment
from extract.errors import PipelineError
from extract.model import TableKind

from .text import solid

# Weights of the evidence that two printings are one program (they sum to 1). The name and the
# description say what a program is; departments change with reorganisations; the № moves
# whenever a program is inserted or dropped before it, so it only breaks near-ties.
WEIGHTS = {"name": 0.45, "description": 0.40, "departments": 0.10, "no": 0.05}
# Below this a pair is never made. Measured on the committed report against the rendered next
# year's (tests/fixtures/next_year): true links score 0.795-1.0 (0.795: a reworded name); wrong
# pairs at most 0.52 (緊急通報システム事業 against 認知症高齢者等位置検索システム事業, one
# department), but for two sibling programs at 0.761 (市民向け and 職員向けゲートキーパー養成事業),
# kept apart by the assignment, not by the floor: the quality report shows such a near miss.
FLOOR = 0.6
# A link whose runner-up (the best other candidate of either side) is this close is unsure.
NARROW_MARGIN = 0.15

PrintingKey = tuple[str, int]  # source file, №: one program in one report


@dataclass(frozen=True)
class Printing:
    """One program as one report prints it (both tables of a report share its №)."""

    source_file: str
    first_year: int  # the report's first fiscal year (its results year)
    no: int
    name: str
    description: str | None
    departments: dict[TableKind, tuple[str, ...]]  # per table, in department_seq order

    @property
    def key(self) -> PrintingKey:
        return (self.source_file, self.no)

    def latest_departments(self) -> tuple[str, ...]:
        """Departments of the report's later year (its plan), the year the next report's results cover."""
        return self.departments.get(TableKind.PLAN) or self.departments.get(TableKind.RESULTS, ())

    def earliest_departments(self) -> tuple[str, ...]:
        return self.departments.get(TableKind.RESULTS) or self.departments.get(TableKind.PLAN, ())


@dataclass(frozen=True)
class Link:
    """The earlier report's program ``before`` is the later report's ``after``."""

    before: Printing
    after: Printing
    score: float
    runner_up: float  # the best score of another pair for either side (0 if none)
    override: bool = False  # made by the overrides file, whatever the score

    @property
    def unsure(self) -> bool:
        return not self.override and self.score - self.runner_up < NARROW_MARGIN


@dataclass(frozen=True)
class Unlinked:
    """A program new in a report (or ended after one), with the nearest program of the other
    report, so that a reader sees how near it came to a link."""

    printing: Printing
    nearest: Printing | None
    score: float  # similarity to ``nearest`` (0 if none)


@dataclass(frozen=True)
class Rename:
    """A department name gone from the later report, and one new in it, paired in its programs."""

    old: str
    new: str
    before_file: str
    after_file: str
    program_ids: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentChange:
    """A linked program's department row, paired by what remained, whose name changed otherwise
    than by a recognised rename (another department took the row over, or one was added)."""

    program_id: str
    before_no: int
    after_no: int
    before: str  # the department cell as the earlier report printed it
    after: str


@dataclass(frozen=True)
class Overrides:
    """Corrections a person made: per fiscal year shared by two reports (the plan of the
    earlier, the results of the later), pairs of №s that are, or are not, one program."""

    source: str | None = None  # the file they were read from, named in the quality report
    same: dict[int, dict[int, int]] = field(default_factory=dict)  # year → {earlier № → later №}
    different: dict[int, set[tuple[int, int]]] = field(default_factory=dict)  # year → {(earlier №, later №)}


@dataclass(frozen=True)
class Linkage:
    ids: dict[PrintingKey, str]
    links: list[Link]
    new: list[Unlinked]  # in a report after the first, linked to nothing before
    ended: list[Unlinked]  # in a report before the last, linked to nothing after
    renames: list[Rename]
    department_changes: list[DepartmentChange]  # paired department rows no rename explains
    overrides: Overrides


def era_year(fiscal_year: int) -> str:
    """令和 years from FY2019 (r1), 平成 before (h30 = FY2018)."""
    return f"r{fiscal_year - 2018}" if fiscal_year >= 2019 else f"h{fiscal_year - 1988}"


def program_id(p: Printing) -> str:
    return f"{era_year(p.first_year)}-{p.no:03d}"


def _names(departments: Sequence[str]) -> set[str]:
    return {n for d in departments for n in d.split("、") if n}


def similarity(a: Printing, b: Printing) -> float:
    """How sure it is that ``a`` (earlier report) and ``b`` (later) are one program, 0-1."""
    name = ratio(solid(a.name), solid(b.name)) / 100
    # A table without descriptions: the name stands for both.
    description = ratio(solid(a.description), solid(b.description)) / 100 if a.description and b.description else name
    da, db = _names(a.latest_departments()), _names(b.earliest_departments())
    departments = len(da & db) / len(da | db) if da | db else 0.0
    no = 1.0 if a.no == b.no else 0.0
    w = WEIGHTS
    return round(w["name"] * name + w["description"] * description + w["departments"] * departments + w["no"] * no, 4)


def link_pair(
    before: Sequence[Printing], after: Sequence[Printing], same: Mapping[int, int], different: set[tuple[int, int]]
) -> list[Link]:
    """One optimal assignment between two consecutive reports' programs, overrides first."""
    gains = [[similarity(a, b) for b in after] for a in before]
    by_no_a = {a.no: i for i, a in enumerate(before)}
    by_no_b = {b.no: j for j, b in enumerate(after)}
    forced = {(by_no_a[x], by_no_b[y]) for x, y in same.items()}
    banned_rows, banned_cols = {i for i, _ in forced}, {j for _, j in forced}
    masked = [
        [
            -INF
            if i in banned_rows or j in banned_cols or (a.no, b.no) in different or gains[i][j] < FLOOR
            else gains[i][j]
            for j, b in enumerate(after)
        ]
        for i, a in enumerate(before)
    ]
    pairs = sorted(forced | {(i, j) for i, j in enumerate(best_assignment(masked)) if j is not None})
    links = []
    for i, j in pairs:
        others = [g for jj, g in enumerate(gains[i]) if jj != j] + [row[j] for ii, row in enumerate(gains) if ii != i]
        links.append(Link(before[i], after[j], gains[i][j], max(others, default=0.0), override=(i, j) in forced))
    return links


def pair_departments(a: Sequence[str], b: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """One program's department rows in two printings, paired: the same name first, then what
    remains by one assignment over name similarity (a renamed department shares no name);
    rows left over stand alone. Ordered by ``b``'s rows, then ``a``'s left over."""
    pairs: dict[int, int] = {}
    free_a = list(range(len(a)))
    for j, name in enumerate(b):
        i = next((i for i in free_a if a[i] == name), None)
        if i is not None:
            pairs[j] = i
            free_a.remove(i)
    free_b = [j for j in range(len(b)) if j not in pairs]
    if free_a and free_b:
        # Any pair beats none (gain ≥ 1); the more alike, the better.
        gains = [[1 + ratio(a[i], b[j]) / 100 for j in free_b] for i in free_a]
        for k, choice in enumerate(best_assignment(gains)):
            if choice is not None:
                pairs[free_b[choice]] = free_a[k]
    out: list[tuple[int | None, int | None]] = [(pairs.get(j), j) for j in range(len(b))]
    return out + [(i, None) for i in range(len(a)) if i not in pairs.values()]


def _changed_departments(links: Sequence[Link]) -> list[tuple[Link, str, str]]:
    """Each linked program's department rows whose names differ, paired (``pair_departments``)
    between the earlier report's later year and the later report's earlier year."""
    out = []
    for link in links:
        a, b = link.before.latest_departments(), link.after.earliest_departments()
        out += [
            (link, a[i], b[j]) for i, j in pair_departments(a, b) if i is not None and j is not None and a[i] != b[j]
        ]
    return out


def renames(
    links: Sequence[Link], ids: Mapping[PrintingKey, str], reports: Mapping[str, Sequence[Printing]]
) -> list[Rename]:
    """Department names gone from the later report while another, new in it, takes their place
    in the same programs. A name that is still printed elsewhere in the later report is not
    renamed, only moved: its programs' pairs are not counted."""
    names = {f: _names([d for p in ps for ds in p.departments.values() for d in ds]) for f, ps in reports.items()}
    found: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for link, before, after in _changed_departments(links):
        old, new = _names([before]) - _names([after]), _names([after]) - _names([before])
        if len(old) == 1 and len(new) == 1:
            (o,), (n,) = old, new
            bf, af = link.before.source_file, link.after.source_file
            if o not in names[af] and n not in names[bf]:
                found[(o, n, bf, af)].append(ids[link.after.key])
    return [Rename(o, n, bf, af, tuple(sorted(set(p)))) for (o, n, bf, af), p in found.items()]


def unexplained_departments(
    links: Sequence[Link], ids: Mapping[PrintingKey, str], known: Sequence[Rename]
) -> list[DepartmentChange]:
    """Department rows paired by what remained whose names differ by more than a recognised
    rename: the pairing is a guess (``progress`` sets their sides beside each other), said."""
    renamed = {(r.old, r.new) for r in known}
    out = []
    for link, before, after in _changed_departments(links):
        old, new = sorted(_names([before]) - _names([after])), sorted(_names([after]) - _names([before]))
        if not (len(old) == len(new) == 1 and (old[0], new[0]) in renamed):
            out.append(DepartmentChange(ids[link.after.key], link.before.no, link.after.no, before, after))
    return out


def nearest(p: Printing, others: Sequence[Printing], later: bool) -> Unlinked:
    """``p`` and the most similar of the other report's programs (``later``: ``p`` is in the later)."""
    scored = [(similarity(o, p) if later else similarity(p, o), o) for o in others]
    score, best = max(scored, key=lambda s: s[0], default=(0.0, None))
    return Unlinked(p, best, score)


def link_reports(printings: Sequence[Printing], overrides: Overrides | None = None) -> Linkage:
    """Every program of every report linked to the next report's, and each given its id."""
    overrides = overrides or Overrides()
    reports: dict[str, list[Printing]] = defaultdict(list)
    for p in sorted(printings, key=lambda p: (p.first_year, p.source_file, p.no)):
        reports[p.source_file].append(p)
    order = sorted(reports, key=lambda f: reports[f][0].first_year)
    pair_years = {
        reports[later][0].first_year: (earlier, later) for earlier, later in zip(order, order[1:], strict=False)
    }
    for year in sorted(set(overrides.same) | set(overrides.different)):
        if year not in pair_years:
            raise PipelineError(
                f"{overrides.source}: [FY{year}]: no two reports given share FY{year} "
                f"(shared years: {', '.join(f'FY{y}' for y in sorted(pair_years)) or 'none, one report only'})"
            )
        earlier, later = pair_years[year]
        nos_a, nos_b = {p.no for p in reports[earlier]}, {p.no for p in reports[later]}
        pairs = list(overrides.same.get(year, {}).items()) + sorted(overrides.different.get(year, set()))
        for x, y in pairs:
            if x not in nos_a or y not in nos_b:
                missing = f"{earlier} has no №{x}" if x not in nos_a else f"{later} has no №{y}"
                raise PipelineError(f"{overrides.source}: [FY{year}] {x} = {y}: {missing}")
    ids: dict[PrintingKey, str] = {}
    links: list[Link] = []
    new: list[Unlinked] = []
    ended: list[Unlinked] = []
    for p in reports[order[0]] if order else []:
        ids[p.key] = program_id(p)
    for earlier, later in zip(order, order[1:], strict=False):
        year = reports[later][0].first_year
        pair = link_pair(
            reports[earlier], reports[later], overrides.same.get(year, {}), overrides.different.get(year, set())
        )
        links += pair
        linked_a, linked_b = {link.before.key for link in pair}, {link.after.key for link in pair}
        for link in pair:
            ids[link.after.key] = ids[link.before.key]
        for p in reports[later]:
            if p.key not in linked_b:
                ids[p.key] = program_id(p)
                new.append(nearest(p, reports[earlier], later=True))
        ended += [nearest(p, reports[later], later=False) for p in reports[earlier] if p.key not in linked_a]
    found = renames(links, ids, reports)
    return Linkage(ids, links, new, ended, found, unexplained_departments(links, ids, found), overrides)


def parse_overrides(text: str, source: str) -> Overrides:
    """The overrides file: a section per fiscal year that two consecutive reports share
    (the earlier report's plan year, the later report's results year)::

        [FY2021]
        same = { 5 = 6 }         # the earlier report's №5 is the later report's №6
        different = { 7 = 7 }    # the earlier report's №7 is not the later report's №7

    Anything else is refused in one line naming the file and the section.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PipelineError(f"{source}: not a TOML file ({e})") from None
    same: dict[int, dict[int, int]] = {}
    different: dict[int, set[tuple[int, int]]] = {}
    for section, body in data.items():
        if not (section.upper().startswith("FY") and section[2:].isdigit() and isinstance(body, dict)):
            raise PipelineError(f"{source}: [{section}]: expected sections named like [FY2021]")
        fy = int(section[2:])
        for kind, pairs in body.items():
            if kind not in ("same", "different") or not isinstance(pairs, dict):
                raise PipelineError(
                    f"{source}: [{section}] {kind}: expected same = {{ 5 = 6 }} or different = {{ 7 = 7 }}"
                )
            parsed = []
            for x, y in pairs.items():
                if not x.isdigit() or not isinstance(y, int) or isinstance(y, bool):
                    raise PipelineError(f"{source}: [{section}] {kind}: {x} = {y!r}: expected № = №")
                parsed.append((int(x), y))
            if kind == "same":
                later = [y for _, y in parsed]
                if len(set(later)) < len(later):
                    raise PipelineError(f"{source}: [{section}] same: one later № given to two programs")
                same[fy] = dict(parsed)
            else:
                different[fy] = set(parsed)
        clash = set(same.get(fy, {}).items()) & different.get(fy, set())
        if clash:
            x, y = min(clash)
            raise PipelineError(f"{source}: [{section}]: {x} = {y} is both the same and different")
    return Overrides(source, same, different)
