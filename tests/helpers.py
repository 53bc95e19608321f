"""Hand-made geometry for tests: a ruled grid and text placed in its cells, no PDF."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from extract import Extraction
from extract.model import Char, PageContent, Segment
from schemas import Record

SIZE = 10.0
# The types of conftest's session fixtures `extracted` and `tables`.
Extracted = Callable[[Path], Extraction]
Tables = Mapping[str, Sequence[Record]]  # as pipeline.writing.output.Tables


def chars_at(text: str, x: float, top: float, size: float = SIZE) -> list[Char]:
    """A line of full-width glyphs (each 1 em wide) starting at (x, top)."""
    return [Char(ch, x + i * size, x + (i + 1) * size, top, top + size, size) for i, ch in enumerate(text)]


def ruled_grid(xs: Sequence[float], ys: Sequence[float], merged: Sequence[tuple[int, int, int]] = ()) -> list[Segment]:
    """Rules of a grid; ``merged`` lists (col, first_row, last_row) runs with no inner rules."""
    segs = [Segment(x, ys[0], x, ys[-1]) for x in xs]
    for i, y in enumerate(ys):
        for c in range(len(xs) - 1):
            inside = any(col == c and first < i <= last for col, first, last in merged)
            if not inside:
                segs.append(Segment(xs[c], y, xs[c + 1], y))
    return segs


def page(segments: list[Segment], chars: list[Char], number: int = 1, source: str = "test.pdf") -> PageContent:
    return PageContent(source, number, 1000.0, 800.0, tuple(chars), tuple(segments))


ROOT = Path(__file__).resolve().parent.parent
RAW_PDF = ROOT / "data/raw/iizuka_suicide_plan_progress_fy2020_fy2021.pdf"
VARIANTS = sorted((ROOT / "tests/fixtures/variants").glob("*.pdf"))
GOLDEN = ROOT / "tests/golden"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: "left as it was" means equal snapshots."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mark_as_written(folder: Path) -> Path:
    """Make ``folder`` look like an earlier run's --out: its datapackage.json, with the package's
    name, is what lets the pipeline replace it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text('{"name": "iizuka-suicide-countermeasure-plan-progress"}\n')
    return folder
