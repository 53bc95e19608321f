"""The data-quality report written next to the data: quality.md and its pictures.

Per page: how sure the extraction is (camelot's ``parsing_report`` habit), including the
header mapping chosen and each label's score. Per anomaly: a picture of its row, cropped from
the page, with the flagged cells outlined, so that a reader can check it against the PDF.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.model import BBox, ExtractedRow
from normalize.checks import CHECKS, Anomaly

from .pictures import CROP_DPI, MARGIN_PT, OVERVIEW_DPI, Picture, union

if TYPE_CHECKING:
    from .build import Dataset
    from .worker import FileResult

log = logging.getLogger("quality")
RowKey = tuple[str, str, int, int, int]  # file name, table, fiscal year, №, department row


def row_key(file: str, table: str, year: int, no: int, seq: int) -> RowKey:
    return (Path(file).name, table, year, no, seq)


def overview_name(source_file: str, page: int) -> str:
    return f"pages/{Path(source_file).stem}-p{page}.png"


def anomaly_name(a: Anomaly) -> str:
    table = a.table.value if a.table else "table"
    stem = Path(a.source_file or "file").stem
    return f"anomalies/{stem}-{table}-{a.fiscal_year}-no{a.program_no}-{a.department_seq}.png"


def page_pictures(result: FileResult) -> list[Picture]:
    """Each page, cropped to the cells the extraction used, with those cells outlined."""
    assert result.extraction is not None
    boxes: dict[int, set[BBox]] = {}
    for row in result.extraction.rows:
        for cell in row.fields.values():
            if cell.lines or cell.bbox[2] > cell.bbox[0]:
                boxes.setdefault(cell.page, set()).add(cell.bbox)
    return [
        Picture(
            overview_name(str(result.path), page), page, union(found, MARGIN_PT), tuple(sorted(found)), OVERVIEW_DPI
        )
        for page, found in sorted(boxes.items())
    ]


def anomaly_pictures(result: FileResult, found: Sequence[Anomaly]) -> dict[Anomaly, Picture]:
    """A crop of each flagged row at its first page, the flagged cells outlined."""
    assert result.extraction is not None
    rows: dict[RowKey, ExtractedRow] = {}
    for r in result.extraction.rows:
        rows.setdefault(row_key(r.source_file, r.table.value, r.fiscal_year, r.program_no, r.department_seq), r)
    out = {}
    for a in found:
        if a.table is None or a.department_seq is None or a.source_file != Path(result.path).name:
            continue
        row = rows.get(row_key(a.source_file, a.table.value, a.fiscal_year, a.program_no, a.department_seq))
        if row is None:
            continue
        cells = [c for c in row.fields.values() if c.page == row.page and c.bbox[2] > c.bbox[0]]
        if not cells:
            continue
        region = union((c.bbox for c in cells), MARGIN_PT)
        flagged = tuple(row.fields[f].bbox for f in a.fields if f in row.fields and row.fields[f].page == row.page)
        out[a] = Picture(anomaly_name(a), row.page, region, flagged, CROP_DPI)
    return out


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def cell(v: Any) -> str:
        return "" if v is None else str(v).replace("|", "\\|").replace("\n", "⏎")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def render_markdown(
    results: Sequence[FileResult], dataset: Dataset, found: Sequence[Anomaly], links: dict[Anomaly, str],
    images: set[str], warnings: Sequence[str],
) -> str:  # fmt: skip
    md = ["# Data-quality report", "", "Line breaks inside a cell are shown as ⏎.", ""]
    md += ["## Rows", ""]
    per_table = Counter((m.table.value, m.fiscal_year) for m in dataset.measures)
    md += _table(["table", "fiscal year", "rows"], [(t, y, n) for (t, y), n in sorted(per_table.items())])
    md += ["", f"programs: {len(dataset.programs)}, indicators: {len(dataset.indicators)}", ""]
    md += ["## Extraction, page by page", ""]
    md += [
        "Header: the header row was read, with the mean fuzzy score of its labels (100 = exact). "
        "Grid complete: every ruling line found. Empty/overfull: data cells with no text / text past "
        "their rules. Outside: characters printed outside the tables (titles, page numbers). "
        "Tables: ruled tables on the page.",
        "",
    ]
    rows, mappings = [], []
    for r in results:
        assert r.extraction is not None
        for p in r.extraction.reports:
            header = (
                f"yes ({p.header_score:g})" if p.header_found else ("continues" if p.continued_from_previous else "no")
            )
            image = overview_name(p.source_file, p.page)
            rows.append((Path(p.source_file).name, p.page, p.table.value if p.table else "", p.fiscal_year, header,
                         "yes" if p.grid_complete else "NO", p.rows, p.empty_cells, p.overfull_cells, p.outside_chars,
                         p.tables_on_page, f"[page]({image})" if image in images else ""))  # fmt: skip
            if p.header_labels:
                mapping = ", ".join(
                    f"{m.label} → {m.field or '(not read)'} {m.score:g}{' by position' if m.by_position else ''}"
                    for m in p.header_labels
                )
                mappings.append((Path(p.source_file).name, p.page, p.header_rows, mapping))
    md += _table(["file", "page", "table", "FY", "header", "grid complete", "rows", "empty", "overfull", "outside",
                  "tables", "picture"], rows)  # fmt: skip
    md += ["", "### Header mapping", "", "Each header label, the field it was read as, and its score."]
    md += ["", *_table(["file", "page", "header rows", "label → field score"], mappings)]
    if warnings:
        md += ["", "### Warnings", "", *[f"- {w}" for w in warnings]]
    md += ["", "## Anomalies", "", "Flags for a human look; the published values stay as reported.", ""]
    md += ["Every check that ran, with what it found (0: it ran and found nothing).", ""]
    by_kind = Counter(a.kind for a in found)
    kinds = [*CHECKS, *sorted(k for k in by_kind if k not in CHECKS)]
    md += _table(["check", "チェック", "count"], [(k, CHECKS.get(k, ""), by_kind[k]) for k in kinds]) + [""]
    for kind in sorted(by_kind):
        md += [f"### {kind}", ""]
        md += _table(
            ["FY", "№", "department", "detail", "page", "picture"],
            [(a.fiscal_year, a.program_no, a.department, a.detail, a.source_page,
              f"[row]({links[a]})" if a in links else "") for a in found if a.kind == kind],
        )  # fmt: skip
        md.append("")
    return "\n".join(md)


def quality_files(
    results: Sequence[FileResult], dataset: Dataset, found: Sequence[Anomaly], crops: dict[Anomaly, Picture],
    images: dict[str, bytes], warnings: Sequence[str],
) -> dict[str, str | bytes]:  # fmt: skip
    """quality.md and its pictures, as files to write beside the data (``crops``: the picture
    meant for each anomaly; ``images``: the pictures drawn, by name)."""
    links = {a: pic.name for a, pic in crops.items() if pic.name in images}
    report = render_markdown(results, dataset, found, links, set(images), warnings)
    pages = sum(len(r.extraction.reports) for r in results if r.extraction)
    log.info(
        "quality: %d file(s), %d page(s), %d measures; %d anomalies (%s)",
        len(results), pages, len(dataset.measures), len(found),
        ", ".join(f"{k}: {n}" for k, n in sorted(Counter(a.kind for a in found).items())) or "none",
    )  # fmt: skip
    return {"quality.md": report, **images}
