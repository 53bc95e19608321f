"""The quality report's section on programs followed across reports (``normalize.linking``).

Every link is listed with its score, weakest first, so that a person checks the unsure ones
first and corrects a wrong one in the overrides file (named here, with how to write it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from normalize.linking import FLOOR, NARROW_MARGIN, Linkage, Printing, Unlinked

OVERRIDES_HELP = (
    "To correct a link, write `program_links.toml` beside the PDFs (see the README): a section per "
    "fiscal year two reports share, e.g. `[FY2021]` with `same = { 5 = 6 }` (the earlier report's №5 "
    "is the later report's №6) or `different = { 7 = 7 }` (they are not one program); the next build "
    "applies it."
)


def _name(p: Printing | None) -> str:
    return "" if p is None else f"№{p.no} {p.name}"


Table = Callable[[Sequence[str], Sequence[Sequence[Any]]], list[str]]  # header, rows → markdown lines


def links_section(linkage: Linkage, table: Table) -> list[str]:
    md = ["## Programs across reports", ""]
    if not linkage.links and not linkage.new:
        return md + [
            "One report: each program's id is its first appearance (its № there, e.g. r2-005); nothing to link.",
            "",
        ]
    o = linkage.overrides
    unsure = [link for link in linkage.links if link.unsure]
    md += [
        "Programs are matched between consecutive reports by name, description and departments (№ only "
        f"breaks near-ties), one optimal assignment per pair of reports; a pair scoring under {FLOOR:g} is "
        f"never made. Score 1 = the same texts, departments and №; runner-up: the best score of another pair "
        f"for either side (a margin under {NARROW_MARGIN:g} is marked unsure).",
        "",
        f"- {len(linkage.links)} programs carried over ({len(unsure)} unsure), {len(linkage.new)} new, "
        f"{len(linkage.ended)} ended, {len(linkage.renames)} department rename(s), "
        f"{len(linkage.department_changes)} department row(s) paired by what remained",
        f"- corrections applied from {o.source}" if o.source else "- no corrections file (program_links.toml)",
        "",
        OVERRIDES_HELP,
        "",
    ]
    if linkage.renames:
        md += ["### Department renames", ""]
        md += table(
            ["before", "after", "earlier report", "later report", "programs"],
            [(r.old, r.new, r.before_file, r.after_file, ", ".join(r.program_ids)) for r in linkage.renames],
        )
        md.append("")
    if linkage.department_changes:
        md += ["### Departments paired by what remained, not by a rename", ""]
        md += [
            "A linked program's department rows are paired by name first, then by what remains; these "
            "pairs differ by more than a recognised rename, so progress sets a plan and a result of "
            "different departments side by side: check them.",
            "",
        ]
        md += table(
            ["program_id", "№ before", "№ after", "department before", "department after"],
            [(c.program_id, c.before_no, c.after_no, c.before, c.after) for c in linkage.department_changes],
        )
        md.append("")
    md += _unlinked("New programs", "the nearest program of the report before", linkage.new, table)
    md += _unlinked("Ended programs", "the nearest program of the report after", linkage.ended, table)
    md += ["### Links, weakest first", ""]
    rows = [
        (
            f"FY{link.after.first_year}", linkage.ids[link.before.key], link.before.no, link.after.no,
            f"{link.score:.3f}", f"{link.runner_up:.3f}", link.before.name, link.after.name,
            "override" if link.override else ("unsure" if link.unsure else ""),
        )
        for link in sorted(linkage.links, key=lambda link: (link.score, -link.runner_up, link.after.no))
    ]  # fmt: skip
    md += table(["shared year", "program_id", "№ before", "№ after", "score", "runner-up", "name before",
                 "name after", "note"], rows)  # fmt: skip
    return md + [""]


def _unlinked(title: str, nearest: str, items: Sequence[Unlinked], table: Table) -> list[str]:
    if not items:
        return []
    # Over the floor, the nearest program was taken by a closer match: worth a look.
    rows = [
        (u.printing.source_file, u.printing.no, u.printing.name, _name(u.nearest), f"{u.score:.3f}",
         "over the floor: the nearest is linked to a closer match; check it" if u.score >= FLOOR else "")
        for u in items
    ]  # fmt: skip
    return [f"### {title}", "", *table(["report", "№", "name", nearest, "score", "note"], rows), ""]
