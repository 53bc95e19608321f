"""``iizuka-dataset correct``: write one correction into ``corrections.toml`` beside the PDF.

The command reads the PDF as a build does (in a worker, under the same limits), takes the
value the reader gives now as ``was`` (so no one types it by hand), checks that the entry
reads back and applies, and only then appends it to the file: the user's file keeps every
byte it had, and is replaced atomically (``corrections_file.write_atomically``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from extract import PipelineError

from .corrections_file import CORRECTIONS_NAME, appended, entry_text, read_corrections, resolve, write_atomically
from .raw import sha256

if TYPE_CHECKING:
    from normalize.corrections import Correction
    from pipeline.dataset import Dataset

CORRECT_HELP = "write a correction of one value the reader got wrong into corrections.toml beside the PDF"
CORRECT_EPILOG = """\
The value the reader gives now is written as `was`; the next build publishes --value instead,
parsed like a read value (a corrected actual_text gets its actual_value, unit, qualifier and
note from it), and stops if `was` is ever no longer what the reader gives. Fields: department,
plan, indicator, target_text, status, evaluation, actual_text, achievement_text (one
department row: --department names it, as read, when the program has several), and
program_name, description (the program's: no --department). An empty --value publishes no
value. Example:

  iizuka-dataset correct data/raw/report.pdf --fiscal-year 2020 --table results --no 3 \\
      --department 医療保険課 --field actual_text --value 770件 --why "city errata, 2021-06-01"
"""


def add_correct_arguments(ap: argparse.ArgumentParser, positive: Callable[[str], int]) -> argparse.ArgumentParser:
    """``positive``: the command line's whole-number type (``cli.positive``, which imports this module)."""
    ap.add_argument("pdf", type=Path, metavar="PDF", help="the report PDF the value was read from")
    ap.add_argument("--fiscal-year", type=positive, required=True, metavar="YEAR", help="fiscal year, e.g. 2020")
    ap.add_argument("--table", choices=("results", "plan"), required=True, help="the table of the row")
    ap.add_argument("--no", type=positive, required=True, metavar="N", help="the program's № in that table")
    ap.add_argument("--department", metavar="NAME", help="the row's department as read (if the program has several)")
    ap.add_argument("--field", required=True, metavar="FIELD", help="the column, by its published name (actual_text …)")
    ap.add_argument("--value", required=True, metavar="TEXT", help="the text to publish instead")
    ap.add_argument("--why", required=True, metavar="TEXT", help="one line: why (a source, an errata …)")
    return ap


def current(dataset: Dataset, c: Correction) -> tuple[str | None, str | None]:
    """The department naming the row (as read; None for a program's field) and the field's
    text as the reader gives it now. A row or field that is not there stops, naming it."""
    from normalize.corrections import PROGRAM_FIELDS, ROW_FIELDS, no_such_program, refused

    rows = [
        m for m in dataset.measures
        if (m.source_file, m.fiscal_year, m.table, m.program_no) == c.program
    ]  # fmt: skip
    if not rows:
        raise no_such_program(c)
    if c.field in PROGRAM_FIELDS:
        program = next(p for p in dataset.programs if (p.fiscal_year, p.table, p.program_no) == c.program[1:])
        return c.department, getattr(program, c.field)  # a --department given is refused on reading back
    if c.field not in ROW_FIELDS:
        return c.department, None  # refused, naming the fields, when the entry is read back
    if c.department is None and len(rows) > 1:
        named = "、".join(m.department for m in rows)
        raise refused(
            c.source, f"{c.name()}: №{c.program_no} has {len(rows)} department rows ({named}); give --department"
        )
    row = next((m for m in rows if c.department in (None, m.department)), None)
    if row is None:
        named = "、".join(m.department for m in rows)
        raise refused(c.source, f"{c.name()}: №{c.program_no} has no row of {c.department!r} (it has {named})")
    return row.department, getattr(row, c.field, None)


def correct(args: argparse.Namespace) -> str:
    """Append the correction; returns the line to print. Raises PipelineError, nothing written."""
    from extract import ENGINES
    from extract.model import TableKind
    from normalize.corrections import ROW_FIELDS, Correction, parse_corrections, refused

    from .dataset import build_dataset
    from .running.worker import Limits, extract_bounded, start_server

    pdf: Path = args.pdf
    if not pdf.is_file():
        raise PipelineError("no such file", file=str(pdf))
    path = pdf.parent / CORRECTIONS_NAME
    existing = read_corrections(path if path.exists() else None)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    c = Correction(
        str(path), len(existing) + 1, pdf.name, sha256(pdf), args.fiscal_year, TableKind(args.table), args.no,
        args.department, args.field, None, args.value or None, args.why,
    )  # fmt: skip
    # The entry's own rules first (the field, the value's form, why), before the PDF is read;
    # a row's department, when not given, is read from the PDF below.
    unread = "-" if c.department is None and c.field in ROW_FIELDS else c.department
    parse_corrections(appended(old, entry_text(replace(c, department=unread))), str(path))
    start_server()
    (result,) = extract_bounded([pdf], ENGINES[0], 1, Limits(), lambda r: None)
    if result.error or result.extraction is None:
        raise PipelineError(result.error or "could not be read", file=None if result.error else str(pdf))
    department, was = current(build_dataset([result.extraction]), c)
    c = replace(c, department=department, was=was)
    if was == c.value:
        raise refused(c.source, f"{c.name()}: the reader already gives {was!r}; nothing to correct")
    new = appended(old, entry_text(c))
    # Read back as the build will read it, with the file's other entries (a second correction
    # of one field, a bad value), and applied to the PDF (the entry's row and was): only then written.
    build_dataset([result.extraction], None, resolve(parse_corrections(new, str(path)), path, [pdf]))
    write_atomically(path, new, old)
    return f"{path}: correction {c.entry} appended: {c.field} {was!r} → {c.value!r}; the next build applies it"


def correct_command(args: argparse.Namespace) -> int:
    """The command: one line on stdout when the entry is written, else one on stderr and exit 1."""
    import sys

    try:
        print(correct(args))
    except PipelineError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"error: {e.filename or args.pdf}: cannot write the correction ({e.strerror or e})", file=sys.stderr)
        return 1
    return 0
