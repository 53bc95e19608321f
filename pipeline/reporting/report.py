"""The data-quality report written next to the data: quality.md and its pictures.

Per page: how sure the extraction is (camelot's ``parsing_report`` habit), including the
header mapping chosen and each label's score. Per anomaly: a picture of its row, cropped from
the page, with the flagged cells outlined, so that a reader can check it against the PDF.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.model import BBox, ExtractedRow, PageReport
from normalize.checks import CHECKS, SEVERITIES, Anomaly, TableColumns, by_severity, severity_of, table_columns

from .corrections_report import corrections_section
from .links_report import links_section
from .pictures import CROP_DPI, MARGIN_PT, OVERVIEW_DPI, FilePictures, Picture, union
from .quality_html import QualityReport, render_html
from .text_check_report import text_check_section, text_check_summary

if TYPE_CHECKING:
    from schemas.provenance import Source

    from ..dataset import Checked, Dataset
    from ..running.worker import FileResult

log = logging.getLogger("quality")
ROW_MARGIN_PT = 1.5  # a crop's margin above and below its row (and its column titles)
RowKey = tuple[str, str, int, int, int]  # file name, table, fiscal year, №, department row


def row_key(file: str, table: str, year: int, no: int, seq: int) -> RowKey:
    return (Path(file).name, table, year, no, seq)


def overview_name(source_file: str, page: int) -> str:
    return f"pages/{Path(source_file).stem}-p{page}.png"


def anomaly_name(a: Anomaly) -> str:
    table = a.table.value if a.table else "table"
    stem = Path(a.source_file or "file").stem
    return f"anomalies/{stem}-{table}-{a.fiscal_year}-no{a.program_no}-{a.department_seq}.png"


@dataclass(frozen=True)
class Pictures:
    """Every picture quality.md shows, each once: what the drawing process is asked for."""

    # Every file's pages, then every file's flagged rows: the order quality.md shows them in,
    # and so the order its warnings name what could not be drawn.
    jobs: tuple[FilePictures, ...]
    rows: Mapping[Anomaly, str]  # the picture of each anomaly's row, by name


def pictures_to_draw(results: Sequence[FileResult], found: Sequence[Anomaly]) -> Pictures:
    """What quality.md shows: each page's overview, and a crop of each flagged row.

    Two anomalies of one row share its picture's name, so it is drawn once, outlining the cells
    the last of them flags: the picture drawing it for each in turn would leave.
    """
    pages: list[FilePictures] = []
    rows: list[FilePictures] = []
    named: dict[Anomaly, str] = {}
    for r in results:
        crops = anomaly_pictures(r, found)
        pages.append((r.path, tuple(page_pictures(r, crops.values()))))
        named.update({a: pic.name for a, pic in crops.items()})
        rows.append((r.path, tuple({pic.name: pic for pic in crops.values()}.values())))
    return Pictures(tuple(job for job in [*pages, *rows] if job[1]), named)


def page_pictures(result: FileResult, flagged: Iterable[Picture] = ()) -> list[Picture]:
    """Each page, cropped to its table (the header row and the cells the extraction used),
    with the cells the anomalies flag there outlined."""
    assert result.extraction is not None
    boxes: dict[int, set[BBox]] = {}
    for row in result.extraction.rows:
        for cell in row.fields.values():
            if cell.lines or cell.bbox[2] > cell.bbox[0]:
                boxes.setdefault(cell.page, set()).add(cell.bbox)
    for report in result.extraction.reports:
        if report.header_box is not None and report.page in boxes:
            boxes[report.page].add(report.header_box)
    outlined: dict[int, set[BBox]] = {}
    for crop in flagged:
        outlined.setdefault(crop.page, set()).update(crop.outlines)
    turns = page_turns(result)
    return [
        Picture(
            overview_name(str(result.path), page),
            page,
            union(found, MARGIN_PT),
            tuple(sorted(outlined.get(page, ()))),
            OVERVIEW_DPI,
            turns.get(page, 0),
        )  # fmt: skip
        for page, found in sorted(boxes.items())
    ]


def page_turns(result: FileResult) -> dict[int, int]:
    """Pages read in a turned frame (extract.layout.turned): their pictures are drawn turned too."""
    assert result.extraction is not None
    return {r.page: r.turn for r in result.extraction.reports if r.turn}


def titles_for(reports: Sequence[PageReport], page: int) -> tuple[int, BBox] | None:
    """Where a row on ``page`` finds its table's column titles: the page itself when it prints
    the header, else the last page before it that does (the table continues from there)."""
    printed = [(r.page, r.header_box) for r in reports if r.header_box is not None and r.page <= page]
    return max(printed, key=lambda p: p[0]) if printed else None


def anomaly_pictures(result: FileResult, found: Sequence[Anomaly]) -> dict[Anomaly, Picture]:
    """A crop of each flagged row at its first page, under its table's column titles, the
    flagged cells outlined."""
    assert result.extraction is not None
    rows: dict[RowKey, ExtractedRow] = {}
    for r in result.extraction.rows:
        rows.setdefault(row_key(r.source_file, r.table.value, r.fiscal_year, r.program_no, r.department_seq), r)
    out = {}
    turns = page_turns(result)
    for a in found:
        if a.table is None or a.department_seq is None or a.source_file != Path(result.path).name:
            continue
        row = rows.get(row_key(a.source_file, a.table.value, a.fiscal_year, a.program_no, a.department_seq))
        if row is None:
            continue
        cells = [c for c in row.fields.values() if c.page == row.page and c.bbox[2] > c.bbox[0]]
        if not cells:
            continue
        # A small margin above and below: the rows next to it are not what is flagged.
        x0, top, x1, bottom = union(c.bbox for c in cells)
        region = (x0 - MARGIN_PT, top - ROW_MARGIN_PT, x1 + MARGIN_PT, bottom + ROW_MARGIN_PT)
        flagged = tuple(row.fields[f].bbox for f in a.fields if f in row.fields and row.fields[f].page == row.page)
        reports = [p for p in result.extraction.reports if p.table is row.table and p.turn == turns.get(row.page, 0)]
        titles = titles_for(reports, row.page)
        titles_page, titles_box = titles if titles else (0, None)
        if titles_box is not None:
            titles_box = (titles_box[0], titles_box[1] - ROW_MARGIN_PT, titles_box[2], titles_box[3] + ROW_MARGIN_PT)
        out[a] = Picture(anomaly_name(a), row.page, region, flagged, CROP_DPI, turns.get(row.page, 0),
                         titles_box, titles_page)  # fmt: skip
    return out


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def cell(v: Any) -> str:
        return "" if v is None else str(v).replace("|", "\\|").replace("\n", "⏎")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def render_markdown(
    results: Sequence[FileResult], dataset: Dataset, found: Sequence[Anomaly], links: dict[Anomaly, str],
    images: set[str], warnings: Sequence[str], columns: Sequence[TableColumns], sources: Sequence[Source] = (),
) -> str:  # fmt: skip
    md = ["# Data-quality report", "", "Line breaks inside a cell are shown as ⏎.", ""]
    md += sources_section(sources)
    md += ["## Rows", ""]
    per_table = Counter((m.table.value, m.fiscal_year) for m in dataset.measures)
    md += _table(["table", "fiscal year", "rows"], [(t, y, n) for (t, y), n in sorted(per_table.items())])
    md += ["", f"programs: {len(dataset.programs)}, indicators: {len(dataset.indicators)}, "
           f"progress: {len(dataset.progress)}", ""]  # fmt: skip
    md += columns_section(columns)
    md += links_section(dataset.linkage, _table)
    md += corrections_section(dataset.corrected, dataset.corrections, _table)
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
                    f"{m.label} → {m.field or '(extra column)'} label {m.score:g}"
                    + (f", content {_score(m.content_score)}" if m.content_score is not None else "")
                    for m in p.header_labels
                )
                mappings.append((Path(p.source_file).name, p.page, p.header_rows, mapping))
    md += _table(["file", "page", "table", "FY", "header", "grid complete", "rows", "empty", "overfull", "outside",
                  "tables", "picture"], rows)  # fmt: skip
    md += ["", "### Header mapping", "", "Each header label, the field it was read as, and its score."]
    md += ["", *_table(["file", "page", "header rows", "label → field score"], mappings)]
    if warnings:
        md += ["", "### Warnings", "", *[f"- {w}" for w in warnings]]
    md += grid_check([p for r in results if r.extraction for p in r.extraction.reports])
    md += inferred_section([p for r in results if r.extraction for p in r.extraction.reports])
    md += notes_section([p for r in results if r.extraction for p in r.extraction.reports])
    md += turned_section([p for r in results if r.extraction for p in r.extraction.reports])
    md += text_check_section([d for r in results if r.extraction for d in r.extraction.text_check])
    md += marks_section([p for r in results if r.extraction for p in r.extraction.reports])
    md += [
        "",
        "## Anomalies",
        "",
        "Flags for a human look; the published values stay as reported. In each "
        "row's picture, under its table's column titles, the cells to check are outlined in red. "
        "quality.html says the same in Japanese, for the city's staff, with the pictures inside it.",
        "",
    ]
    md += ["Every check that ran, with what it found (0: it ran and found nothing), most severe first: "
           "要確認 (to check against the report), then 参考 (for reference: the city's own habit, or a value "
           "no check can judge).", ""]  # fmt: skip
    by_kind = Counter(a.kind for a in found)
    kinds = [*CHECKS, *sorted(k for k in by_kind if k not in CHECKS)]
    kinds.sort(key=lambda k: SEVERITIES.index(severity_of(k)))
    md += _table(["check", "チェック", "severity", "count"],
                 [(k, CHECKS.get(k, ""), severity_of(k), by_kind[k]) for k in kinds]) + [""]  # fmt: skip
    ordered = by_severity(found)
    for kind in dict.fromkeys(a.kind for a in ordered):
        first = next(a for a in ordered if a.kind == kind)
        md += [f"### {first.severity}: {kind}", ""]
        md += _table(
            ["FY", "№", "department", "detail", "page", "picture"],
            [(a.fiscal_year, a.program_no, a.department, a.detail, a.source_page,
              f"[row]({links[a]})" if a in links else "") for a in ordered if a.kind == kind],
        )  # fmt: skip
        md.append("")
    return "\n".join(md)


def grid_disagreements(reports: Sequence[PageReport]) -> list[str]:
    """Pages whose grid has another number of column or row boundaries than the page draws
    rules in the table's box: a cheap check, apart from how the grid was built, that a rule
    was not missed (camelot) or dropped (ours takes an underline inside a cell for no rule)."""
    found = []
    for p in reports:
        if p.ruled_lines is None or not p.grid_cols:
            continue
        v, h = p.ruled_lines
        # Boundaries placed from the text have no rule to count (``inferred_section`` says so).
        if "columns" in p.inferred:
            v = p.grid_cols + 1
        if "rows" in p.inferred:
            h = p.grid_rows + 1
        if (v, h) != (p.grid_cols + 1, p.grid_rows + 1):
            found.append(
                f"{Path(p.source_file).name}, page {p.page}: the grid has {p.grid_cols + 1} column and "
                f"{p.grid_rows + 1} row boundaries; the page draws {v} vertical and {h} horizontal rules there"
            )
    return found


def grid_check(reports: Sequence[PageReport]) -> list[str]:
    """quality.md's note on the grids against the rules the pages draw (``grid_disagreements``)."""
    found = grid_disagreements(reports)
    md = ["", "### Grids against the pages' rules", ""]
    if not found:
        return md + ["Every grid has as many column and row boundaries as its page draws rules in its box."]
    return md + ["These grids disagree with the rules their page draws; check the cells against the picture:", "",
                 *[f"- {line}" for line in found]]  # fmt: skip


def inferred_section(reports: Sequence[PageReport]) -> list[str]:
    """quality.md's note on the pages whose table the rules do not fully draw: its column (or
    row) boundaries were placed from the text gaps and the row rules' ends (extract.layout.inference)."""
    found = [f"{Path(p.source_file).name}, page {p.page}: {' and '.join(p.inferred)} placed from the text"
             for p in reports if p.inferred]  # fmt: skip
    md = ["", "### Boundaries the rules do not draw", ""]
    if not found:
        return md + ["Every table's columns and rows are drawn by its rules; none was placed from the text."]
    return md + ["These tables draw no rule between some columns or rows; the boundaries were inferred from "
                 "the gaps in the text (and where row rules start and stop). Check the cells against the picture:",
                 "", *[f"- {line}" for line in found]]  # fmt: skip


def turned_section(reports: Sequence[PageReport]) -> list[str]:
    """quality.md's note on the pages read turned: their text runs a quarter turn with no
    /Rotate, so their table was read in the text's frame (extract.layout.turned), as are their pictures."""
    found = [f"{Path(p.source_file).name}, page {p.page}: text runs {p.turn}°, read turned" for p in reports if p.turn]
    md = ["", "### Tables turned on the page", ""]
    if not found:
        return md + ["No page's table is turned on its page."]
    return md + ["These pages print their table turned a quarter with no /Rotate; it was read as a reader "
                 "turning the page sees it:", "", *[f"- {line}" for line in found]]  # fmt: skip


def notes_section(reports: Sequence[PageReport]) -> list[str]:
    """quality.md's note on the text boxes drawn over the tables: their text, kept whole, is
    in no cell (extract.layout.boxes)."""
    found = [f"{Path(p.source_file).name}, page {p.page}: {note}" for p in reports for note in p.table_notes]
    md = ["", "### Notes over the tables", ""]
    if not found:
        return md + ["No text box is drawn over a table."]
    return md + ["Text boxes drawn over a table, kept whole and in no cell:", "", *[f"- {line}" for line in found]]


def marks_section(reports: Sequence[PageReport]) -> list[str]:
    """quality.md's note on the stamps and watermarks drawn over the pages (extract.layout.marks): the
    text of each, kept out of every cell, and those the reader could not tell from the table's
    text, left where they are printed."""
    sure = [f"{Path(p.source_file).name}, page {p.page}: {m.text}" for p in reports for m in p.marks if m.sure]
    unsure = [f"{Path(p.source_file).name}, page {p.page}: {m.text}" for p in reports for m in p.marks if not m.sure]
    md = ["", "### Stamps and watermarks", ""]
    if not sure and not unsure:
        return md + ["No stamp or watermark is drawn over the pages."]
    if sure:
        md += ["Text drawn over the page that belongs to no cell (far larger than the table's text, at an angle "
               "its text does not use, or crossed by its rules), kept out of every cell:", "",
               *[f"- {line}" for line in sure]]  # fmt: skip
    if unsure:
        md += [*([""] if sure else []), "Text over a table that only one sign sets apart from its text (far larger, "
               "slanted, or crossed by a rule): left in the cell it is printed in; check it against the picture:", "",
               *[f"- {line}" for line in unsure]]  # fmt: skip
    return md


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def columns_section(tables: Sequence[TableColumns]) -> list[str]:
    """Per table: each column's label, the field it was read as, and how sure that is; the
    columns kept as extra fields; the fields that have no column."""
    md = ["## Columns", ""]
    md += [
        "Each column of each table: its label, the field it was read as (by one assignment over the "
        "whole header, whatever the columns' order), the label's similarity to the field's known labels "
        "and the share of its cells that fit the field's content (100 = all; blank: too few cells on the "
        "header's page to tell). A column that names no field is kept in extra_fields; a field with no "
        "column is null in every row.",
        "",
    ]
    for t in tables:
        head = f"### {Path(t.source_file).name}: {t.table.value} {t.fiscal_year}"
        rows = [(i + 1, m.label, m.field or "(extra column)", _score(m.score), _score(m.content_score))
                for i, m in enumerate(t.labels)]  # fmt: skip
        md += [head, "", *_table(["column", "label", "field", "label score", "content score"], rows), ""]
        if t.extra_values:
            kept = ", ".join(f"{label} ({n} values kept in extra_fields)" for label, n in t.extra_values.items())
            md += [f"- {len(t.extra_values)} column(s) not in the schema: {kept}"]
        if t.missing:
            md += [f"- field(s) without a column, null in every row: {', '.join(t.missing)}"]
        md += [""] if t.extra_values or t.missing else []
    return md


def columns_summary(tables: Sequence[TableColumns]) -> str:
    """One line for the console: columns kept as extras and fields without a column."""
    extra = sorted({f"{label} ({n} values)" for t in tables for label, n in t.extra_values.items()})
    missing = sorted({f"{t.table.value} {f}" for t in tables for f in t.missing})
    parts = ([f"columns not in the schema, kept in extra_fields: {', '.join(extra)}"] if extra else []) + (
        [f"fields without a column: {', '.join(missing)}"] if missing else []
    )
    return "; ".join(parts) or "every column read as a field"


def sources_section(sources: Sequence[Source]) -> list[str]:
    """Which sources are described (sources.toml beside them), and which are not: an
    undescribed PDF is built all the same, and whoever cites the data should know."""
    if not sources:
        return []
    md = ["## Sources", ""]
    md += _table(
        ["file", "SHA-256", "described", "origin", "fiscal years"],
        [(s.name, s.sha256[:12] + "…", "yes" if s.entry else "**undescribed**", s.entry.origin if s.entry else "",
          ", ".join(map(str, s.entry.fiscal_years)) if s.entry else "") for s in sources],
    )  # fmt: skip
    if undescribed := [s.name for s in sources if s.entry is None]:
        md += ["", f"Undescribed (no entry in the sources.toml beside it): {', '.join(undescribed)}.",
               "Its publisher, title, date and whether it is the original are not known to the dataset."]  # fmt: skip
    return [*md, ""]


def quality_report(
    results: Sequence[FileResult], checked: Checked, shown: Pictures, images: dict[str, bytes], warnings: Sequence[str],
    sources: Sequence[Source] = (),
) -> QualityReport:  # fmt: skip
    """The report (``shown``: the pictures asked for; ``images``: those drawn, by name: a
    picture not drawn is not linked)."""
    dataset, found = checked.dataset, checked.anomalies
    links = {a: name for a, name in shown.rows.items() if name in images}
    reports = [p for r in results if r.extraction for p in r.extraction.reports]
    tables = table_columns(reports, dataset.extra_fields)
    markdown = render_markdown(results, dataset, found, links, set(images), warnings, tables, sources)
    log.info(
        "quality: %d file(s), %d page(s), %d measures; %d anomalies (%s); %s; %s",
        len(results), len(reports), len(dataset.measures), len(found),
        ", ".join(f"{k}: {n}" for k, n in sorted(Counter(a.kind for a in found).items())) or "none",
        columns_summary(tables),
        text_check_summary([d for r in results if r.extraction for d in r.extraction.text_check]),
    )  # fmt: skip
    pages = tuple((Path(p.source_file).name, p.page, p.table.value if p.table else "",
                   overview_name(p.source_file, p.page)) for p in reports)  # fmt: skip
    return QualityReport(markdown, tuple(by_severity(found)), links, pages, images)


def quality_files(
    results: Sequence[FileResult], checked: Checked, shown: Pictures, images: dict[str, bytes], warnings: Sequence[str],
    sources: Sequence[Source] = (),
) -> dict[str, str | bytes]:  # fmt: skip
    """quality.md, quality.html and their pictures, as files to write beside the data."""
    report = quality_report(results, checked, shown, images, warnings, sources)
    return {"quality.md": report.markdown, "quality.html": render_html(report), **report.images}
