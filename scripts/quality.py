"""The data-quality report written next to the data: quality.md and a picture per page."""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalize.checks import Anomaly, anomalies

if TYPE_CHECKING:
    from scripts.build_dataset import FileResult

log = logging.getLogger("quality")
IMAGE_RESOLUTION = 50  # dpi: enough to see the cells, small enough to keep in a repository


def page_image_name(source_file: str, page: int) -> str:
    return f"pages/{Path(source_file).stem}-p{page}.png"


def page_images(result: FileResult) -> dict[str, bytes]:
    """Each page with the cells the extraction used outlined, as PNG (pdfplumber.to_image)."""
    import pdfplumber

    assert result.extraction is not None
    boxes: dict[int, set[tuple[float, float, float, float]]] = {}
    for row in result.extraction.rows:
        for cell in row.fields.values():
            if cell.lines:
                boxes.setdefault(cell.page, set()).add(cell.bbox)
    out = {}
    with pdfplumber.open(result.path) as pdf:
        for page in pdf.pages:
            image = page.to_image(resolution=IMAGE_RESOLUTION)
            image.draw_rects(sorted(boxes.get(page.page_number, ())), stroke="red", fill=(255, 0, 0, 20), stroke_width=1)
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            out[page_image_name(str(result.path), page.page_number)] = buf.getvalue()
            page.close()
    return out


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def cell(v: Any) -> str:
        return "" if v is None else str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def render_markdown(results: Sequence[FileResult], tables: dict[str, list[dict]], found: Sequence[Anomaly], images: Sequence[str]) -> str:
    md = ["# Data-quality report", ""]
    md += ["## Rows", ""]
    per_table = Counter((m["table"], m["fiscal_year"]) for m in tables["measures"])
    md += _table(["table", "fiscal year", "rows"], [(t, y, n) for (t, y), n in sorted(per_table.items())])
    md += ["", f"programs: {len(tables['programs'])}, indicators: {len(tables['indicators'])}", ""]
    md += ["## Extraction, page by page", ""]
    md += [
        "Header: the header row was read and the lowest fuzzy score of its labels (100 = exact). "
        "Grid complete: every ruling line found. Empty/overfull: data cells with no text / text past "
        "their rules. Outside: characters printed outside the table (titles, page numbers).",
        "",
    ]
    rows = []
    for r in results:
        assert r.extraction is not None
        for p in r.extraction.reports:
            header = f"yes ({p.header_score:g})" if p.header_found else ("continues" if p.continued_from_previous else "no")
            image = page_image_name(p.source_file, p.page)
            rows.append((Path(p.source_file).name, p.page, p.table.value if p.table else "", p.fiscal_year, header,
                         "yes" if p.grid_complete else "NO", p.rows, p.empty_cells, p.overfull_cells, p.outside_chars,
                         f"[page]({image})" if image in images else ""))
    md += _table(["file", "page", "table", "FY", "header", "grid complete", "rows", "empty", "overfull", "outside", "picture"], rows)
    md += ["", "## Anomalies", "", "Flags for a human look; the published values stay as reported.", ""]
    by_kind = Counter(a.kind for a in found)
    md += _table(["anomaly", "count"], sorted(by_kind.items())) + [""]
    for kind in sorted(by_kind):
        md += [f"### {kind}", ""]
        md += _table(
            ["FY", "№", "department", "detail", "page"],
            [(a.fiscal_year, a.program_no, a.department, a.detail, a.source_page) for a in found if a.kind == kind],
        )
        md.append("")
    return "\n".join(md)


def quality_outputs(results: Sequence[FileResult], tables: dict[str, list[dict]]) -> dict[str, str | bytes]:
    found = anomalies(tables["measures"])
    images: dict[str, bytes] = {}
    for r in results:
        images.update(page_images(r))
    report = render_markdown(results, tables, found, list(images))
    pages = sum(len(r.extraction.reports) for r in results if r.extraction)
    log.info(
        "quality: %d file(s), %d page(s), %d measures; %d anomalies (%s)",
        len(results), pages, len(tables["measures"]), len(found),
        ", ".join(f"{k}: {n}" for k, n in sorted(Counter(a.kind for a in found).items())) or "none",
    )
    return {"quality.md": report, **images}
