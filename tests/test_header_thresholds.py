"""The thresholds of reading a header (extract.columns.headers), met exactly: labels file entries whose
similarity to a header label is known to the tenth (rapidfuzz's ratio of two strings of one
length is the share of their characters in common), so that each threshold is tried on both
sides of it."""

from __future__ import annotations

import pytest

from extract.columns.headers import Refusal, TableHeader, known_labels, read_header

from .header_grids import PLAN, Row, grid, plan_row

N = 1000
KNOWN = "a" * N  # the one label the labels file gives the field under test


def scoring(score: float) -> str:
    """A header label whose similarity to ``KNOWN`` is ``score`` exactly."""
    same = round(score * N / 100)
    return "a" * same + "b" * (N - same)


def labels_with(field: str) -> dict[str, tuple[str, ...]]:
    return known_labels() | {field: (KNOWN,)}


@pytest.mark.parametrize(("rival", "tied"), [(99.8, True), (99.6, True), (99.5, False), (99.0, False)])
def test_two_labels_tie_where_their_scores_are_less_than_half_a_point_apart(rival: float, tied: bool) -> None:
    # Two target columns of one content: KNOWN (100) holds the field, the other is a rival.
    rows: list[Row] = [PLAN[:6] + [KNOWN, scoring(rival)]]
    rows += [r[:6] + [r[6], r[6]] for r in (plan_row(i) for i in range(1, 4))]
    h = read_header(grid(rows), 70.0, labels_with("target"))
    if tied:
        assert isinstance(h, Refusal) and h.reason.startswith("columns 7 (aaa")
    else:
        assert isinstance(h, TableHeader), h
        assert (h.columns[6], h.extras) == ("target", {7: scoring(rival)})


@pytest.mark.parametrize("score", [40.1, 40.5, 41.0, 60.0])
def test_a_label_that_barely_names_a_field_is_still_checked_against_the_content(score: float) -> None:
    # A column whose label names actual (weakly) over department names: an extra column.
    rows: list[Row] = [PLAN + [scoring(score)]] + [plan_row(i) + ["人事課"] for i in range(1, 4)]
    h = read_header(grid(rows), 70.0, labels_with("actual"))
    assert isinstance(h, TableHeader), h
    assert (h.kind, h.extras) == ("plan", {7: scoring(score)})


def test_a_label_scoring_the_floor_names_no_field_and_rivals_none() -> None:
    # 40.2 names actual and holds it; 40.0 (the floor) names nothing, so although its score is
    # within half a point and its cells fit as well, it is no rival: an extra column.
    rows: list[Row] = [PLAN + [scoring(40.2), scoring(40.0)]] + [plan_row(i) + ["1回", "2回"] for i in range(1, 4)]
    h = read_header(grid(rows), 70.0, labels_with("actual"))
    assert isinstance(h, TableHeader), h
    assert (h.columns[7], h.extras) == ("actual", {8: scoring(40.0)})


def test_a_deeper_reading_wins_by_however_little_it_reads_better() -> None:
    # One row deep the target's label is 995 of KNOWN's 1000 characters (99.7); two rows deep,
    # with the five below it, KNOWN itself: the deeper reading wins by less than half a point.
    below: Row = ["", "", "", "", "", "", "a" * 5]
    rows: list[Row] = [PLAN[:6] + ["a" * 995], below]
    rows += [plan_row(i) for i in range(1, 4)]
    h = read_header(grid(rows), 70.0, labels_with("target"))
    assert isinstance(h, TableHeader), h
    assert (h.depth, h.score, h.columns[6]) == (2, 100.0, "target")
