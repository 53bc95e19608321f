"""PDF → table rows, by geometry. ``extract(path)`` is the entry point.

``reading.pdfium_io`` (default) or ``reading.pdfio`` (pdfplumber) reads characters and ruling
lines (the only step that touches the PDF; both give the same ``PageContent``);
``layout.geometry`` rebuilds each page's grid; ``assemble`` reads headers (``columns``) and joins
pages into program rows. The camelot engine yields the same rows from camelot's lattice grid, to
cross-check. One stage per subpackage: ``reading``, ``layout``, ``columns``; the assembly, the
engines, the shared model, settings and errors stay here.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Literal

from .errors import ExtractionError, PipelineError
from .model import Cell, ExtractedRow, Extraction, Line, PageGrid, PageReport, TableKind
from .settings import DEFAULT, Settings

Engine = Literal["pdfium", "pdfplumber", "camelot"]
ENGINES: tuple[Engine, ...] = ("pdfium", "pdfplumber", "camelot")

__all__ = [
    "Cell", "Engine", "ENGINES", "ExtractedRow", "Extraction", "ExtractionError", "Line",
    "PageReport", "PipelineError", "Settings", "TableKind", "extract",
]  # fmt: skip


def extract(path: Path | str, engine: Engine = "pdfium", settings: Settings = DEFAULT, jobs: int = 1) -> Extraction:
    """All tables of one PDF as rows, with a report per page.

    ``jobs`` > 1 reads pages in that many processes; assembly, which joins pages, stays in
    this one.
    """
    # Imported here, like the readers: the command line imports this package for ENGINES
    # alone, and its --help should not pay for rapidfuzz, the geometry or the readers.
    from .assemble import assemble

    path = Path(path)
    if engine == "camelot":
        from .camelot_engine import read_pages_camelot

        grids = list(read_pages_camelot(path, settings))
    elif jobs > 1:
        grids = page_grids_parallel(path, settings, jobs, engine)
    else:
        grids = page_grids(path, settings, None, engine)
    extraction = assemble(grids, settings)
    extraction.text_check = [d for g in grids for d in g.text_check]
    return extraction


def reader(engine: Engine) -> ModuleType:
    """The I/O module of an engine; both have ``read_pages`` and ``count_pages``.

    Imported on first use: a PDFium run never needs pdfplumber (~0.1 s to import), and a
    pdfplumber run never loads PDFium.
    """
    if engine == "pdfplumber":
        from .reading import pdfio

        return pdfio
    from .reading import pdfium_io

    return pdfium_io


def page_grids(
    path: Path, settings: Settings = DEFAULT, pages: list[int] | None = None, engine: Engine = "pdfium"
) -> list[PageGrid]:
    from .layout.geometry import page_grid
    from .layout.selfcheck import checked

    contents = reader(engine).read_pages(path, settings, pages)
    if engine == "pdfplumber":  # its second count is PDFium's text page, read alongside
        from .reading.pdfium_io import with_layers

        contents = with_layers(path, contents)
    return [checked(p, page_grid(p, settings)) for p in contents]


def _page_number(grid: PageGrid) -> int:
    return grid.page_number


def page_grids_parallel(path: Path, settings: Settings, jobs: int, engine: Engine = "pdfium") -> list[PageGrid]:
    """Pages read in ``jobs`` processes: PDFium is not thread-safe, and each process opens the
    file itself (everything passed is picklable, so this works under spawn too)."""
    from concurrent.futures import ProcessPoolExecutor

    n = reader(engine).count_pages(path)
    chunks = [list(range(start, n + 1, jobs)) for start in range(1, min(jobs, n) + 1)]
    k = len(chunks)
    with ProcessPoolExecutor(max_workers=k) as pool:
        parts = pool.map(page_grids, [path] * k, [settings] * k, chunks, [engine] * k)
        grids = [g for part in parts for g in part]
    return sorted(grids, key=_page_number)
