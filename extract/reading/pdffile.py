"""Checks on the file itself, before any PDF library sees it.

Kept apart from the readers so that each reader (and the camelot engine) can use them without
importing another reader's library: pdfplumber alone costs ~0.1 s to import.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ExtractionError


def check_is_pdf(path: Path) -> None:
    """The file exists and starts like a PDF: each reader's first check, said the same way."""
    if not path.exists():
        raise ExtractionError("file not found", file=str(path))
    if path.is_dir():
        raise ExtractionError("is a directory, not a PDF file", file=str(path))
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as e:  # unreadable: permissions, a device, a vanished file
        raise ExtractionError(f"cannot read the file ({e.strerror or e})", file=str(path)) from e
    if b"%PDF-" not in head:
        raise ExtractionError("not a PDF (no %PDF- header)", file=str(path))


def has_end_marker(path: Path) -> bool:
    """Does the file end with %%EOF (within its last 2 KB)? A cut-off download does not."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - 2048))
        return b"%%EOF" in f.read()
