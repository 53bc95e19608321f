"""Each source PDF described by the ``sources.toml`` beside it (``schemas.provenance``).

Checked before any worker starts, so that a bad entry stops the run in one line before anything
is read; the sources are described again when the dataset is written, from the digests taken
then and the years the files gave. A PDF no entry describes is built all the same: the dataset
says it is undescribed, and quality.md names it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from extract import PipelineError

from .raw import sha256

# The models' package (pydantic) is imported where it is used: check_sources runs before the
# workers start, and without a sources.toml it imports nothing.
if TYPE_CHECKING:
    from schemas.provenance import Source, SourceEntry

SOURCES_NAME = "sources.toml"  # schemas.provenance.SOURCES_NAME, without importing the models
T = TypeVar("T")


def entries_beside(folder: Path) -> dict[str, SourceEntry]:
    """The entries of ``folder``'s sources.toml (none without one)."""
    path = folder / SOURCES_NAME
    if not path.is_file():
        return {}
    from schemas.provenance import parse_sources

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PipelineError(f"cannot read the sources file ({e})", file=str(path)) from None
    return _one_line(lambda: parse_sources(text, str(path)), path)


def describe(path: Path, digest: str, years: Sequence[int] | None = None) -> Source:
    """The source ``path`` as the dataset names it, with its entry beside it, if any."""
    from schemas.provenance import described

    entries = entries_beside(path.parent)
    where = path.parent / SOURCES_NAME
    return _one_line(lambda: described(path.name, digest, entries, str(where), years), where)


def check_sources(paths: Sequence[Path]) -> None:
    """Every sources.toml beside the PDFs readable, and each entry for a given PDF naming its
    bytes: else one line, before anything is read."""
    for path in paths:
        if path.name in entries_beside(path.parent):
            describe(path, sha256(path))


def _one_line(make: Callable[[], T], where: Path) -> T:
    from schemas.provenance import SourcesError

    try:
        return make()
    except SourcesError as e:
        raise PipelineError(str(e).removeprefix(f"{where}: "), file=str(where)) from None
