"""PDF → table rows, by geometry. ``extract(path)`` is the entry point.

``pdfio`` reads characters and ruling lines (the only step that touches the PDF); ``geometry``
rebuilds each page's grid; ``assemble`` reads headers and joins pages into program rows.
The camelot engine yields the same rows from camelot's lattice grid, to cross-check.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Literal

from .assemble import assemble
from .errors import ExtractionError, PipelineError
from .geometry import page_grid
from .model import CellText, ExtractedRow, Extraction, Line, PageGrid, PageReport, TableKind
from .pdfio import count_pages, read_pages
from .settings import DEFAULT, Settings

Engine = Literal["pdfplumber", "camelot"]
ENGINES: tuple[Engine, ...] = ("pdfplumber", "camelot")

__all__ = [
    "CellText", "Engine", "ENGINES", "ExtractedRow", "Extraction", "ExtractionError", "Line",
    "PageReport", "PipelineError", "Settings", "TableKind", "extract",
]  # fmt: skip


def extract(path: Path | str, engine: Engine = "pdfplumber", settings: Settings = DEFAULT, jobs: int = 1) -> Extraction:
    """All tables of one PDF as rows, with a report per page.

    ``jobs`` > 1 reads pages in that many processes; assembly, which joins pages, stays in
    this one.
    """
    path = Path(path)
    if engine == "camelot":
        from .camelot_engine import read_pages_camelot

        return assemble(read_pages_camelot(path, settings), settings)
    if jobs > 1:
        return assemble(page_grids_parallel(path, settings, jobs), settings)
    return assemble(page_grids(path, settings), settings)


def page_grids(path: Path, settings: Settings = DEFAULT, pages: list[int] | None = None) -> list[PageGrid]:
    return [page_grid(p, settings) for p in read_pages(path, settings, pages)]


def page_grids_parallel(path: Path, settings: Settings, jobs: int) -> list[PageGrid]:
    n = count_pages(path)
    chunks = [list(range(start, n + 1, jobs)) for start in range(1, min(jobs, n) + 1)]
    with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
        grids = [g for part in pool.map(page_grids, [path] * len(chunks), [settings] * len(chunks), chunks) for g in part]
    return sorted(grids, key=lambda g: g.page_number)
