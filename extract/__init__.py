"""PDF → table rows, by geometry. ``extract(path)`` is the entry point.

``pdfio`` reads characters and ruling lines (the only step that touches the PDF); ``geometry``
rebuilds each page's grid; ``assemble`` reads headers and joins pages into program rows.
The camelot engine yields the same rows from camelot's lattice grid, to cross-check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from .assemble import assemble
from .errors import ExtractionError, PipelineError
from .model import CellText, ExtractedRow, Extraction, Line, PageReport, TableKind
from .geometry import page_grid
from .pdfio import read_pages
from .settings import DEFAULT, Settings

Engine = Literal["pdfplumber", "camelot"]
ENGINES: tuple[Engine, ...] = ("pdfplumber", "camelot")

__all__ = [
    "CellText", "Engine", "ENGINES", "ExtractedRow", "Extraction", "ExtractionError", "Line",
    "PageReport", "PipelineError", "Settings", "TableKind", "extract",
]  # fmt: skip


def extract(path: Path | str, engine: Engine = "pdfplumber", settings: Settings = DEFAULT) -> Extraction:
    path = Path(path)
    if engine == "camelot":
        from .camelot_engine import read_pages_camelot

        return assemble(read_pages_camelot(path, settings), settings)
    return assemble((page_grid(p, settings) for p in read_pages(path, settings)), settings)
