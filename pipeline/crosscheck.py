"""Both engines over the same PDFs, compared cell for cell and file for file (``make crosscheck``).

The default engine finds each table's grid in the PDF's ruling lines; the camelot engine finds
it in a picture of the page (OpenCV). Both fill their cells with the same glyphs, so wherever
the grids agree the cells are identical, and so are the datasets. A difference therefore
points at a grid one of them got wrong: each is printed (file, page, program, field, both
values), and the run fails.

Each engine reads the files in the build's bounded workers under the build's default limits
(``worker.Limits``), so a pass also says that camelot runs out of the box. Each file's dataset
is built on its own (the variants are one report laid out anew: built together, their keys
would collide) and written as a build writes its tables; the CSV and Parquet files of the two
engines must be byte-identical.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extract import Engine, Extraction, PipelineError
from extract.model import Cell, ExtractedRow

from .running.worker import FileResult, Limits, extract_bounded

if TYPE_CHECKING:
    from .writing.output import Tables

ENGINES: tuple[Engine, Engine] = ("pdfium", "camelot")
# Two boxes are one when each side is within this (pt): the geometry's snap tolerance, within
# which two ruling lines are one. Camelot reads rules off a 300-dpi picture (a pixel is 0.24 pt).
BOX_TOLERANCE = 1.5
TABLE_FILES = ("csv", "parquet")

RowKey = tuple[str, int, int, int]  # table, fiscal year, program №, department row


@dataclass(frozen=True)
class CellDifference:
    """One field of one row read differently by the two engines."""

    table: str
    fiscal_year: int
    program: int
    department_seq: int
    field: str
    page: int
    what: str  # "box", "text", "lines" (same text, other line extents) or "row" (one engine has no such row)
    ours: str
    theirs: str


@dataclass
class FileCheck:
    """What the two engines made of one PDF."""

    path: Path
    cells: list[CellDifference] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # dataset files whose bytes differ
    errors: list[str] = field(default_factory=list)  # an engine that failed on the file
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.cells or self.tables or self.errors)


def row_key(row: ExtractedRow) -> RowKey:
    return (row.table.value, row.fiscal_year, row.program_no, row.department_seq)


def box_text(cell: Cell) -> str:
    return "(" + ", ".join(f"{v:.2f}" for v in cell.bbox) + ")"


def compare_cell(key: RowKey, name: str, ours: Cell, theirs: Cell, tolerance: float) -> list[CellDifference]:
    """How two engines' readings of one field differ: its box, its text, its lines."""

    def differ(what: str, a: str, b: str) -> CellDifference:
        return CellDifference(*key, name, ours.page, what, a, b)

    found = []
    if max(abs(a - b) for a, b in zip(ours.bbox, theirs.bbox, strict=True)) > tolerance:
        found.append(differ("box", box_text(ours), box_text(theirs)))
    if ours.text != theirs.text:
        found.append(differ("text", ours.text, theirs.text))
    elif ours.lines != theirs.lines:  # the same words, placed otherwise: wraps may be read otherwise
        found.append(differ("lines", repr(ours.lines), repr(theirs.lines)))
    return found


def compare_cells(ours: Extraction, theirs: Extraction, tolerance: float = BOX_TOLERANCE) -> list[CellDifference]:
    """Every field of every row, matched by the row's key; a row only one engine has is one
    difference. Pure: the extractions in, the differences out, in the rows' order."""
    mine = {row_key(r): r for r in ours.rows}
    other = {row_key(r): r for r in theirs.rows}
    found: list[CellDifference] = []
    for key in list(mine) + [k for k in other if k not in mine]:
        a, b = mine.get(key), other.get(key)
        if a is None or b is None:
            page = (a or b).page  # type: ignore[union-attr]
            found.append(CellDifference(*key, "(row)", page, "row", "present" if a else "absent",
                                        "present" if b else "absent"))  # fmt: skip
            continue
        # The columns the schema has no field for are compared too, under their labels.
        cells_a = {**a.fields, **{f"extra: {k}": c for k, c in a.extras.items()}}
        cells_b = {**b.fields, **{f"extra: {k}": c for k, c in b.extras.items()}}
        for name in list(cells_a) + [f for f in cells_b if f not in cells_a]:
            ca, cb = cells_a.get(name), cells_b.get(name)
            if ca is None or cb is None:
                cell = ca or cb
                assert cell is not None
                found.append(CellDifference(*key, name, cell.page, "text", ca.text if ca else "(no such field)",
                                            cb.text if cb else "(no such field)"))  # fmt: skip
                continue
            found += compare_cell(key, name, ca, cb, tolerance)
    return found


def written_tables(extraction: Extraction, out: Path) -> None:
    """One file's dataset, written as a build writes its tables (CSV, Parquet)."""
    from .dataset import build_dataset
    from .writing.output import tables_as_columns, write_tables

    dataset: Tables = build_dataset([extraction]).tables()
    out.mkdir(parents=True)
    write_tables(out, tables_as_columns(dataset))


def compare_written(a: Path, b: Path) -> list[str]:
    """The dataset files whose bytes differ between two output directories."""
    names = sorted({p.name for d in (a, b) for p in d.iterdir() if p.suffix.lstrip(".") in TABLE_FILES})
    return [
        n for n in names if not ((a / n).exists() and (b / n).exists()) or (a / n).read_bytes() != (b / n).read_bytes()
    ]


def crosscheck(
    paths: Sequence[Path], limits: Limits | None = None, jobs: int = 1, engines: tuple[Engine, Engine] = ENGINES
) -> list[FileCheck]:
    """Read every file with both engines, then compare each file's cells and tables."""
    limits = limits or Limits()
    read: dict[Engine, list[FileResult]] = {e: extract_bounded(paths, e, jobs, limits, _quiet) for e in engines}
    checks = []
    with tempfile.TemporaryDirectory(prefix="crosscheck-") as tmp:
        for i, path in enumerate(paths):
            check = FileCheck(path)
            results = [read[e][i] for e in engines]
            for engine, r in zip(engines, results, strict=True):
                check.seconds[engine], check.peak_mb[engine] = r.seconds, r.peak_mb
                if r.error:
                    check.errors.append(f"{engine}: {r.error}")
            ours, theirs = (r.extraction for r in results)
            if ours is not None and theirs is not None:
                check.cells = compare_cells(ours, theirs)
                dirs = [Path(tmp) / str(i) / e for e in engines]
                try:
                    for extraction, d in zip((ours, theirs), dirs, strict=True):
                        written_tables(extraction, d)
                    check.tables = compare_written(*dirs)
                except PipelineError as e:
                    check.errors.append(f"building the dataset: {e}")
            checks.append(check)
    return checks


def _quiet(result: FileResult) -> None:
    pass


def report_lines(checks: Sequence[FileCheck], engines: tuple[Engine, Engine] = ENGINES) -> list[str]:
    """The run as text: per file and table, each cell that differs with both values."""
    a, b = engines
    width = max(len(a), len(b)) + 1
    lines = []
    for c in checks:
        timing = ", ".join(f"{e} {c.seconds.get(e, 0):.1f} s / {c.peak_mb.get(e, 0):.0f} MB" for e in engines)
        if c.ok:
            lines.append(f"{c.path}: same cells, byte-identical tables ({timing})")
            continue
        lines.append(f"{c.path}: DIFFERS ({timing})")
        lines += [f"  error: {e}" for e in c.errors]
        tables: dict[tuple[str, int], list[CellDifference]] = {}
        for d in c.cells:
            tables.setdefault((d.table, d.fiscal_year), []).append(d)
        for (table, year), found in tables.items():
            lines.append(f"  {table} FY{year}: {len(found)} cell(s) differ")
            for d in found:
                where = f"page {d.page}, № {d.program} (department row {d.department_seq})"
                lines.append(f"    {where}, {d.field}: {d.what}")
                lines.append(f"      {a + ':':<{width}} {d.ours!r}")
                lines.append(f"      {b + ':':<{width}} {d.theirs!r}")
        if c.tables:
            lines.append(f"  tables not byte-identical: {', '.join(c.tables)}")
    bad = sum(1 for c in checks if not c.ok)
    lines.append(f"crosscheck {a} vs {b}: {len(checks)} file(s), " + (f"{bad} differ" if bad else "all agree"))
    return lines


def main(argv: Sequence[str] | None = None, prog: str = "python -m scripts.crosscheck") -> int:
    ap = argparse.ArgumentParser(prog=prog, description="Build the dataset with both engines and compare them.")
    ap.add_argument("pdfs", nargs="+", type=Path, metavar="PDF")
    ap.add_argument("--jobs", type=int, default=1, metavar="N", help="files read at once (default: 1)")
    args = ap.parse_args(argv)
    missing = [p for p in args.pdfs if not p.is_file()]
    if missing:
        for p in missing:
            print(f"error: {p}: no such file", file=sys.stderr)
        return 2
    checks = crosscheck(args.pdfs, jobs=max(1, args.jobs))
    print("\n".join(report_lines(checks)))
    return 0 if all(c.ok for c in checks) else 1
