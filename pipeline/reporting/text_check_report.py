"""quality.md's section and the log line's part on the build's own check (extract.layout.selfcheck):
each table's cells against the characters the page's text layer holds in its box."""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import TextDifference


def text_check_section(found: Sequence[TextDifference]) -> list[str]:
    """quality.md's note on the build's own check: each table's cells against the characters the
    page's text layer holds in its box, counted by PDFium's text page (extract.layout.selfcheck)."""
    md = ["", "### Every character once", ""]
    if not found:
        return md + ["Every table's cells and notes hold exactly the characters the page's text layer holds in "
                     "its box (counted by PDFium's text page; NFKC, white space left out), each once."]  # fmt: skip
    return md + ["These tables' cells and notes differ from the characters the page's text layer holds in their "
                 "box (counted by PDFium's text page); check them against the page:", "",
                 *[f"- {d}" for d in found]]  # fmt: skip


def text_check_summary(found: Sequence[TextDifference]) -> str:
    """The log line's part on the check: how many tables differ, how many of them unexplained,
    and the first few (unexplained first; quality.md lists them all)."""
    if not found:
        return "every character once"
    ordered = sorted(found, key=lambda d: bool(d.explained))
    shown = "; ".join(str(d) for d in ordered[:3]) + ("; …" if len(found) > 3 else "")
    unexplained = sum(1 for d in found if not d.explained)
    return f"{len(found)} table(s) differ from the text layer, {unexplained} unexplained: {shown}"
