"""normalize.linking on hand-built printings: program ids, the similarity of two printings, the
links one assignment makes, department renames, and the overrides file's rules and errors."""

from __future__ import annotations

import re

import pytest

from extract.errors import PipelineError
from extract.model import TableKind
from normalize.linking import (
    Link,
    Overrides,
    Printing,
    Unlinked,
    link_pair,
    link_reports,
    nearest,
    pair_departments,
    parse_overrides,
    program_id,
    similarity,
)

PLAN, RESULTS = TableKind.PLAN, TableKind.RESULTS


def printing(
    no: int,
    name: str = "納付相談",
    description: str | None = "",
    results: tuple[str, ...] = (),
    plan: tuple[str, ...] = (),
    file: str = "a.pdf",
    year: int = 2020,
) -> Printing:
    """One program as a report prints it; its description, unless given, says what its name says."""
    departments = {k: v for k, v in ((RESULTS, results), (PLAN, plan)) if v}
    return Printing(file, year, no, name, f"{name}を行います。" if description == "" else description, departments)


def later(p: Printing, no: int | None = None, file: str = "b.pdf", year: int = 2021) -> Printing:
    """The same program printed by the next report (its departments unchanged)."""
    return Printing(file, year, p.no if no is None else no, p.name, p.description, p.departments)


# --- ids ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_year", "no", "expected"),
    [
        (2018, 5, "h30-005"),
        (2019, 1, "r1-001"),
        (2020, 12, "r2-012"),
        (2021, 123, "r3-123"),
        (1989, 7, "h1-007"),
    ],
)
def test_a_program_id_is_the_era_year_of_its_first_report_and_its_padded_number(
    first_year: int, no: int, expected: str
) -> None:
    assert program_id(printing(no, year=first_year)) == expected


def test_a_printing_is_keyed_by_file_and_number() -> None:
    assert printing(4, file="x.pdf").key == ("x.pdf", 4)


@pytest.mark.parametrize(
    ("results", "plan", "latest", "earliest"),
    [
        (("税務課",), ("人事課",), ("人事課",), ("税務課",)),
        (("税務課",), (), ("税務課",), ("税務課",)),
        ((), ("人事課",), ("人事課",), ("人事課",)),
        ((), (), (), ()),
    ],
)
def test_latest_departments_are_the_plan_years_and_earliest_the_results_years(
    results: tuple[str, ...], plan: tuple[str, ...], latest: tuple[str, ...], earliest: tuple[str, ...]
) -> None:
    p = printing(1, results=results, plan=plan)
    assert (p.latest_departments(), p.earliest_departments()) == (latest, earliest)


@pytest.mark.parametrize(
    ("score", "runner_up", "override", "unsure"),
    [
        (0.9, 0.8, False, True),  # a runner-up within 0.15
        (0.15, 0.0, False, False),  # a margin of exactly 0.15 is enough
        (1.0, 0.0, False, False),
        (0.9, 0.85, True, False),  # a person made it: never unsure
    ],
)
def test_a_link_is_unsure_when_its_runner_up_is_within_the_margin(
    score: float, runner_up: float, override: bool, unsure: bool
) -> None:
    p = printing(1)
    assert Link(p, later(p), score, runner_up, override=override).unsure is unsure


# --- similarity --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        # name 0.45, description 0.40, departments 0.10, № 0.05
        (printing(1, results=("税務課",)), printing(1, results=("税務課",), file="b.pdf"), 1.0),
        (printing(1, results=("税務課",)), printing(2, results=("税務課",), file="b.pdf"), 0.95),
        (printing(1, results=("税務課",)), printing(1, results=("人事課",), file="b.pdf"), 0.9),
        # no departments on either side: nothing shared
        (printing(1), printing(1, file="b.pdf"), 0.9),
        # departments as sets of names, a cell listing several split at 、 (an empty name dropped)
        (printing(1, results=("税務課、人事課",)), printing(1, results=("税務課",), file="b.pdf"), 0.95),
        (printing(1, results=("税務課、",)), printing(1, results=("税務課",), file="b.pdf"), 1.0),
        # the earlier's plan year against the later's results year
        (
            printing(1, results=("人事課",), plan=("税務課",)),
            printing(1, results=("税務課",), plan=("人事課",), file="b.pdf"),
            1.0,
        ),
        # a description entirely different: name, departments and № alone (exactly the floor)
        (
            printing(1, description="あいう", results=("税務課",)),
            printing(1, description="かきく", results=("税務課",)),
            0.6,
        ),
        # white space does not count
        (
            printing(1, name="納付 相談", description="納付の\n相談"),
            printing(1, name="納付相談", description="納付の相談"),
            0.9,
        ),
        # a description missing on either side: the name stands for it
        (printing(1, description=None), printing(1, description="かきく"), 0.9),
        (printing(1, description="かきく"), printing(1, description=None), 0.9),
        (printing(1, name="あいう", description=None), printing(1, name="かきく", description="あいう"), 0.05),
    ],
)
def test_similarity_weighs_name_description_departments_and_number(a: Printing, b: Printing, score: float) -> None:
    assert similarity(a, b) == score


def test_similarity_is_rounded_to_four_places() -> None:
    # names 0.8 alike, descriptions 0.909090…: 0.45 × 0.8 + 0.40 × 0.909090… = 0.723636…
    assert similarity(printing(1, name="納付相談事業"), printing(2, name="納付相談")) == 0.7236


# --- one assignment between two reports ---------------------------------------------------


def _pairs(links: list[Link]) -> list[tuple[int, int]]:
    return [(link.before.no, link.after.no) for link in links]


def test_a_pair_at_the_floor_is_made_and_one_under_it_is_not() -> None:
    at_floor = printing(1, description="あいう", results=("税務課",))
    under = printing(2, name="教育相談", description="あいう", results=("学校教育課",))
    after = [
        printing(1, description="かきく", results=("税務課",), file="b.pdf"),  # 0.6 with №1
        printing(5, name="教育相談", description="かきく", results=("学校教育課",), file="b.pdf"),  # 0.55 with №2
    ]
    links = link_pair([at_floor, under], after, {}, set())
    assert _pairs(links) == [(1, 1)] and links[0].score == 0.6


def test_each_program_is_claimed_once_and_the_runner_up_is_the_best_other_score() -> None:
    a = [printing(1, name="納付相談", results=("税務課",)), printing(2, name="納付相談事業", results=("税務課",))]
    b = [later(a[1], no=1), later(a[0], no=2)]  # swapped numbers
    links = link_pair(a, b, {}, set())
    assert _pairs(links) == [(1, 2), (2, 1)]
    # each pair scores 0.95 (only the № differs); the best other score of either side is 0.8736
    assert [(link.score, link.runner_up, link.override, link.unsure) for link in links] == [
        (0.95, 0.8736, False, True),
        (0.95, 0.8736, False, True),
    ]


def test_a_lone_pair_has_no_runner_up() -> None:
    p = printing(1, results=("税務課",))
    (link,) = link_pair([p], [later(p)], {}, set())
    assert (link.score, link.runner_up, link.unsure) == (1.0, 0.0, False)


def test_overrides_force_a_pair_and_forbid_one() -> None:
    a = [printing(1, name="納付相談"), printing(2, name="教育相談"), printing(3, name="研修")]
    b = [later(a[0]), later(a[1]), later(a[2])]
    # №1 is forced onto the later №2 (a poor match): neither may pair with anything else;
    # №3 and the later №3 are forbidden; the later №1 stays alone.
    links = link_pair(a, b, {1: 2}, {(3, 3)})
    assert _pairs(links) == [(1, 2)]
    (forced,) = links
    assert forced.override and not forced.unsure
    assert forced.score == similarity(a[0], b[1])


def test_a_forbidden_pair_leaves_both_free_for_others() -> None:
    a = [printing(1, name="納付相談"), printing(2, name="教育相談")]
    assert _pairs(link_pair(a, [later(a[0]), later(a[1])], {}, {(1, 1)})) == [(2, 2)]
    # 納付相談 and 納付相談事業 are alike enough (0.7236) to pair crosswise once their own pairs are forbidden
    a = [printing(1, name="納付相談"), printing(2, name="納付相談事業")]
    assert _pairs(link_pair(a, [later(a[0]), later(a[1])], {}, {(1, 1), (2, 2)})) == [(1, 2), (2, 1)]


# --- department rows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "pairs"),
    [
        # left over rows pair by likeness, not by order
        (["健康増進課", "税務部"], ["税務課", "健康推進課"], [(1, 0), (0, 1)]),
        # any pair beats none, however unlike
        (["人事課"], ["学校教育課"], [(0, 0)]),
        # a name printed twice: its first row pairs first
        (["税務課", "税務課"], ["税務課"], [(0, 0), (1, None)]),
        # the same name pairs first, even where likeness alone would trade it for two near
        # names (高齢者支援課室 ↔ 高齢者支援課介護係, 高齢者支援課介護係 ↔ 者支援課介護係班)
        (["高齢者支援課介護係", "高齢者支援課室"], ["高齢者支援課介護係", "者支援課介護係班"], [(0, 0), (1, 1)]),
        ([], [], []),
        (["税務課"], [], [(0, None)]),
    ],
)
def test_department_rows_pair_by_name_then_by_likeness(
    a: list[str], b: list[str], pairs: list[tuple[int | None, int | None]]
) -> None:
    assert pair_departments(a, b) == pairs


def _two_reports(after_departments: list[tuple[str, ...]], before_departments: list[tuple[str, ...]]) -> list[Printing]:
    names = ["納付相談", "教育相談", "健康相談", "生活相談"]
    a = [printing(i + 1, name=names[i], results=d) for i, d in enumerate(before_departments)]
    b = [printing(i + 1, name=names[i], results=d, file="b.pdf", year=2021) for i, d in enumerate(after_departments)]
    return a + b


def test_a_department_gone_and_one_new_in_the_same_programs_is_a_rename() -> None:
    reports = _two_reports(
        before_departments=[("健幸保健課",), ("人事課",), ("健幸保健課", "税務課")],
        after_departments=[("健康増進課",), ("人事課",), ("税務課", "健康増進課")],
    )
    linkage = link_reports(reports[::-1])  # the order given does not matter
    (rename,) = linkage.renames
    assert rename == type(rename)("健幸保健課", "健康増進課", "a.pdf", "b.pdf", ("r2-001", "r2-003"))
    assert linkage.department_changes == []


def test_a_name_within_a_cell_of_several_is_renamed_too() -> None:
    linkage = link_reports(_two_reports([("税務課、健康増進課",)], [("税務課、健幸保健課",)]))
    assert [(r.old, r.new, r.program_ids) for r in linkage.renames] == [("健幸保健課", "健康増進課", ("r2-001",))]
    assert linkage.department_changes == []


def test_a_department_still_printed_in_the_later_report_was_moved_not_renamed() -> None:
    linkage = link_reports(_two_reports([("人事課",), ("税務課",)], [("税務課",), ("教育課",)]))
    assert linkage.renames == []
    changes = [(c.program_id, c.before_no, c.after_no, c.before, c.after) for c in linkage.department_changes]
    assert changes == [("r2-001", 1, 1, "税務課", "人事課"), ("r2-002", 2, 2, "教育課", "税務課")]


def test_a_cell_whose_names_change_by_more_than_one_is_not_a_rename_but_is_said() -> None:
    linkage = link_reports(_two_reports([("人事課、税務課",)], [("教育課",)]))
    assert linkage.renames == []
    (change,) = linkage.department_changes
    assert (change.before, change.after) == ("教育課", "人事課、税務課")


def test_renames_compare_the_earlier_plan_with_the_later_results() -> None:
    a = printing(1, results=("人事課",), plan=("健幸保健課",))
    b = printing(1, results=("健康増進課",), plan=("税務課",), file="b.pdf", year=2021)
    linkage = link_reports([a, b])
    assert [(r.old, r.new) for r in linkage.renames] == [("健幸保健課", "健康増進課")]


def test_linked_programs_with_the_same_departments_change_nothing() -> None:
    linkage = link_reports(_two_reports([("税務課",), ("人事課",)], [("税務課",), ("人事課",)]))
    assert (linkage.renames, linkage.department_changes) == ([], [])


# --- every report linked to the next -----------------------------------------------------


def test_ids_follow_a_program_through_three_reports_and_new_ones_get_their_own() -> None:
    first = [printing(1, name="納付相談"), printing(2, name="教育相談")]
    second = [
        printing(1, name="研修会", file="m.pdf", year=2021),  # new, inserted before the others
        printing(2, name="納付相談", file="m.pdf", year=2021),
        printing(3, name="教育相談", file="m.pdf", year=2021),
    ]
    third = [printing(1, name="研修会", file="c.pdf", year=2022), printing(2, name="教育相談", file="c.pdf", year=2022)]
    linkage = link_reports(third + first + second)
    assert linkage.ids == {
        ("a.pdf", 1): "r2-001",
        ("a.pdf", 2): "r2-002",
        ("m.pdf", 1): "r3-001",
        ("m.pdf", 2): "r2-001",
        ("m.pdf", 3): "r2-002",
        ("c.pdf", 1): "r3-001",
        ("c.pdf", 2): "r2-002",
    }
    assert [(u.printing.key, u.nearest.key if u.nearest else None) for u in linkage.new] == [
        (("m.pdf", 1), ("a.pdf", 1))
    ]
    assert [u.printing.key for u in linkage.ended] == [("m.pdf", 2)]
    assert _pairs(linkage.links) == [(1, 2), (2, 3), (1, 1), (3, 2)]
    assert linkage.overrides == Overrides()


def test_new_and_ended_programs_are_scored_earlier_report_first_in_every_pair() -> None:
    # Departments make the score one-way (the earlier report's plan year against the later
    # report's results year): a new program is scored as the later side, an ended one as the
    # earlier side, and programs ended in each pair of reports are all kept.
    p1 = printing(1, name="納付相談", results=("教育課",), plan=("人事課",))
    p2 = printing(2, name="自殺予防週間", results=("教育課",), plan=("人事課",))
    q1 = printing(1, name="納付相談", results=("人事課",), plan=("税務課",), file="b.pdf", year=2021)
    q2 = printing(2, name="ゲートキーパー研修", results=("人事課",), plan=("税務課",), file="b.pdf", year=2021)
    r1 = printing(1, name="納付相談", results=("税務課",), plan=("税務課",), file="c.pdf", year=2022)
    assert similarity(p2, q2) != similarity(q2, p2)  # what the test relies on
    linkage = link_reports([p1, p2, q1, q2, r1])
    assert [(u.printing.key, u.nearest, u.score) for u in linkage.new] == [(q2.key, p2, similarity(p2, q2))]
    assert [(u.printing.key, u.nearest, u.score) for u in linkage.ended] == [
        (p2.key, q2, similarity(p2, q2)),
        (q2.key, r1, similarity(q2, r1)),
    ]


def test_reports_are_ordered_by_their_first_year_not_their_file_name() -> None:
    a = printing(1, file="z.pdf", year=2020)
    linkage = link_reports([later(a, file="a.pdf", year=2021), a])
    assert linkage.ids == {("z.pdf", 1): "r2-001", ("a.pdf", 1): "r2-001"}


def test_no_printings_link_to_nothing() -> None:
    linkage = link_reports([])
    assert (linkage.ids, linkage.links, linkage.new, linkage.ended) == ({}, [], [], [])


def test_an_unlinked_program_comes_with_the_nearest_of_the_other_report() -> None:
    p = printing(1, name="納付相談", results=("税務課",), file="b.pdf", year=2021)
    near = printing(1, name="納付相談事業", plan=("税務課",), results=("人事課",))
    far = printing(2, name="研修", description="あいう")
    # p is in the later report: compared as the later side (near's plan year against p's results)
    assert nearest(p, [far, near], later=True) == Unlinked(p, near, similarity(near, p))
    assert similarity(near, p) == 0.8736 and similarity(p, near) == 0.7736
    assert nearest(p, [far, near], later=False) == Unlinked(p, near, 0.7736)
    assert nearest(p, [], later=True) == Unlinked(p, None, 0.0)


def test_of_equally_near_programs_the_first_is_named() -> None:
    p = printing(1, file="b.pdf", year=2021)
    twins = [printing(2, name="教育相談"), printing(3, name="教育相談")]
    assert nearest(p, twins, later=True) == Unlinked(p, twins[0], similarity(twins[1], p))


def test_link_reports_applies_the_overrides() -> None:
    a = [printing(1, name="納付相談"), printing(2, name="教育相談")]
    b = [later(a[0]), later(a[1])]
    overrides = Overrides("links.toml", {2021: {1: 2}}, {2021: {(2, 1)}})
    linkage = link_reports(a + b, overrides)
    assert linkage.overrides is overrides
    assert linkage.ids[("b.pdf", 2)] == "r2-001" and linkage.ids[("b.pdf", 1)] == "r3-001"
    assert [u.printing.key for u in linkage.ended] == [("a.pdf", 2)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            Overrides("links.toml", {2022: {1: 1}}),
            "links.toml: [FY2022]: no two reports given share FY2022 (shared years: FY2021)",
        ),
        (
            Overrides("links.toml", {}, {2020: {(1, 1)}}),
            "links.toml: [FY2020]: no two reports given share FY2020 (shared years: FY2021)",
        ),
        (Overrides("links.toml", {2021: {3: 1}}), "links.toml: [FY2021] 3 = 1: a.pdf has no №3"),
        (Overrides("links.toml", {2021: {1: 3}}), "links.toml: [FY2021] 1 = 3: b.pdf has no №3"),
        (Overrides("links.toml", {2021: {1: 1}}, {2021: {(2, 4)}}), "links.toml: [FY2021] 2 = 4: b.pdf has no №4"),
        (Overrides("links.toml", {}, {2021: {(4, 2)}}), "links.toml: [FY2021] 4 = 2: a.pdf has no №4"),
    ],
)
def test_an_override_that_names_no_program_is_refused_in_one_line(overrides: Overrides, message: str) -> None:
    a = [printing(1, name="納付相談"), printing(2, name="教育相談")]
    with pytest.raises(PipelineError) as e:
        link_reports(a + [later(a[0]), later(a[1])], overrides)
    assert str(e.value) == f"<input>: {message}"


def test_an_override_with_one_report_only_says_there_is_no_shared_year() -> None:
    with pytest.raises(PipelineError) as e:
        link_reports([printing(1)], Overrides("links.toml", {2021: {1: 1}}))
    assert (
        e.value.message
        == "links.toml: [FY2021]: no two reports given share FY2021 (shared years: none, one report only)"
    )


def test_overrides_name_every_shared_year() -> None:
    reports = [printing(1, year=y, file=f"{y}.pdf") for y in (2020, 2021, 2022)]
    with pytest.raises(PipelineError) as e:
        link_reports(reports, Overrides("links.toml", {2023: {1: 1}}))
    assert e.value.message.endswith("(shared years: FY2021, FY2022)")


# --- the overrides file ------------------------------------------------------------------


def test_the_overrides_file_reads_same_and_different_per_fiscal_year() -> None:
    text = "[FY2021]\nsame = { 5 = 6, 7 = 9 }\ndifferent = { 7 = 7 }\n\n[fy2022]\ndifferent = { 1 = 2, 3 = 4 }\n"
    assert parse_overrides(text, "links.toml") == Overrides(
        "links.toml", {2021: {5: 6, 7: 9}}, {2021: {(7, 7)}, 2022: {(1, 2), (3, 4)}}
    )
    assert parse_overrides("", "links.toml") == Overrides("links.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[2021]\nsame = { 1 = 1 }\n", "f.toml: [2021]: expected sections named like [FY2021]"),
        ("[FY]\nsame = { 1 = 1 }\n", "f.toml: [FY]: expected sections named like [FY2021]"),
        ("[FYxx]\n", "f.toml: [FYxx]: expected sections named like [FY2021]"),
        ("[FYx021]\n", "f.toml: [FYx021]: expected sections named like [FY2021]"),
        ("FY2021 = 5\n", "f.toml: [FY2021]: expected sections named like [FY2021]"),
        ("[FY2021]\nlink = { 1 = 1 }\n", "f.toml: [FY2021] link: expected same = { 5 = 6 } or different = { 7 = 7 }"),
        ("[FY2021]\nsame = 5\n", "f.toml: [FY2021] same: expected same = { 5 = 6 } or different = { 7 = 7 }"),
        (
            "[FY2021]\ndifferent = [1, 2]\n",
            "f.toml: [FY2021] different: expected same = { 5 = 6 } or different = { 7 = 7 }",
        ),
        ("[FY2021]\nsame = { a = 1 }\n", "f.toml: [FY2021] same: a = 1: expected № = №"),
        ("[FY2021]\ndifferent = { 1 = '2' }\n", "f.toml: [FY2021] different: 1 = '2': expected № = №"),
        ("[FY2021]\nsame = { 1 = true }\n", "f.toml: [FY2021] same: 1 = True: expected № = №"),
        ("[FY2021]\nsame = { 1 = 1.5 }\n", "f.toml: [FY2021] same: 1 = 1.5: expected № = №"),
        ("[FY2021]\nsame = { 1 = 3, 2 = 3 }\n", "f.toml: [FY2021] same: one later № given to two programs"),
        (
            "[FY2021]\nsame = { 4 = 5, 1 = 2 }\ndifferent = { 4 = 5, 1 = 2, 3 = 3 }\n",
            "f.toml: [FY2021]: 1 = 2 is both the same and different",
        ),
    ],
)
def test_a_wrong_overrides_file_is_refused_in_one_line_naming_file_and_section(text: str, message: str) -> None:
    with pytest.raises(PipelineError) as e:
        parse_overrides(text, "f.toml")
    assert e.value.message == message


def test_an_overrides_file_that_is_no_toml_says_so() -> None:
    with pytest.raises(PipelineError) as e:
        parse_overrides("[FY2021\n", "f.toml")
    assert re.fullmatch(r"f\.toml: not a TOML file \(.+\)", e.value.message)
    assert e.value.__cause__ is None and e.value.__suppress_context__


def test_the_same_pair_in_two_years_is_no_clash() -> None:
    text = "[FY2021]\nsame = { 1 = 2 }\n[FY2022]\ndifferent = { 1 = 2 }\n"
    assert parse_overrides(text, "f.toml") == Overrides("f.toml", {2021: {1: 2}}, {2022: {(1, 2)}})
