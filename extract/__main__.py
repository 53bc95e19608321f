"""A generic page reader, for people debugging a new report: every ruled table, as data.

    python -m extract REPORT.pdf [--pages 1,3] [--json] [--csv DIR]

It runs the pipeline's own reader (PDFium) and geometry (``page_grid``, with its bounds on what
a page may hold) and knows nothing of this report: no headers, no fields, no page-break
assembly. A spanning cell's text stands in its top-left position and the other positions it
covers are ""; a cell's lines are joined by "\\n". ``inferred`` lists what the rules did not draw
and was placed from the text ("columns", "rows"); ``turn`` (90 or 270) says the table was turned
on its page and read in its text's frame (bbox in that frame); ``notes`` holds the text of each box
drawn over the table, kept whole; ``marks`` each stamp or watermark drawn over it (its text, box,
and ``sure``: kept out of the cells, or, where only one sign set it apart, left in them);
``text_check``, only where there is one, what the text layer
holds in the table's box and its cells do not (``lost``), the reverse (``added``), the glyphs no
reader could name there (``unread``), and why, where the reader knows (``explained``). Tables
are listed top to bottom, then left to right, each bbox in pdfplumber's coordinates. Rules
that connect but draw no table (a chart's gridlines, an empty frame, a framed text box) are
listed after the page's tables with ``"rows": []``, ``skipped`` (why) and ``text`` (what they
hold), and get no CSV. With neither flag, JSON is printed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

from . import page_grids
from .errors import PipelineError
from .layout.cell_text import grid_rows


def page_numbers(text: str) -> list[int]:
    """'1,3,5-7' → [1, 3, 5, 6, 7]."""
    out: list[int] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if not first.isdigit() or (last and not last.isdigit()) or int(first) < 1:
            raise argparse.ArgumentTypeError(f"pages must look like 1,3,5-7, not {text!r}")
        out += range(int(first), int(last or first) + 1)
    return out


def tables(path: Path, pages: list[int] | None) -> list[dict[str, Any]]:
    """Each page's tables top to bottom, then left to right; a bbox in pdfplumber's coordinates
    (which keep the MediaBox's origin), or in the text's frame on a turned page."""
    from .layout.geometry import boxes_overlap

    found: list[dict[str, Any]] = []
    for grid in page_grids(path, pages=pages):
        dx, dy = (0.0, 0.0) if grid.turn else grid.origin

        def place(box: tuple[float, float, float, float], dx: float = dx, dy: float = dy) -> list[float]:
            return [round(v + 0.0, 2) for v in (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)]

        checks = {d.table: d for d in grid.text_check}
        for k, table in sorted(enumerate(grid.tables, start=1), key=lambda t: reading_place(t[1].bbox)):
            entry = {
                "page": grid.page_number,
                "bbox": place(table.bbox),
                "rows": grid_rows(table.grid),
                "inferred": list(table.inferred),
                "turn": grid.turn,
                "notes": list(table.notes),
                "marks": [
                    {"text": m.text, "bbox": place(m.bbox), "sure": m.sure}
                    for m in grid.marks
                    if boxes_overlap(m.bbox, table.bbox)
                ],
            }
            if k in checks:  # the text layer in its box differs from its cells (extract.layout.selfcheck)
                d = checks[k]
                entry["text_check"] = {"lost": d.lost, "added": d.added, "unread": d.unread, "explained": d.explained}
            found.append(entry)
        found += [
            {"page": grid.page_number, "bbox": place(a.bbox), "rows": [], "skipped": a.why, "text": a.text}
            for a in sorted(grid.set_apart, key=lambda a: reading_place(a.bbox))
        ]
    return found


def reading_place(box: tuple[float, float, float, float]) -> tuple[float, float]:
    """Where a reader comes to a table: by its top (to the point), then its left edge."""
    return (round(box[1]), box[0])


def write_csvs(found: list[dict[str, Any]], out: Path, stem: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    counts: dict[int, int] = {}
    for t in (t for t in found if "skipped" not in t):
        counts[t["page"]] = counts.get(t["page"], 0) + 1
        path = out / f"{stem}-p{t['page']}-t{counts[t['page']]}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(t["rows"])
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract", description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", type=Path, metavar="PDF")
    ap.add_argument("--pages", type=page_numbers, metavar="LIST", help="1-based pages, e.g. 1,3,5-7 (default: all)")
    ap.add_argument("--json", action="store_true", help="print the tables as a JSON list (the default)")
    ap.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV per table into DIR")
    args = ap.parse_args(argv)
    try:
        found = tables(args.pdf, args.pages)
    except PipelineError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.csv:
        try:
            written = write_csvs(found, args.csv, args.pdf.stem)
        except OSError as e:  # --csv naming a file, a read-only directory, a full disk
            print(f"error: {args.csv}: cannot write the CSV files ({e.strerror or e})", file=sys.stderr)
            return 1
        for path in written:
            print(path, file=sys.stderr)
    if args.json or not args.csv:
        try:
            json.dump(found, sys.stdout, ensure_ascii=False, indent=1)
            print()
        except BrokenPipeError:  # piped into head or less and closed early: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
