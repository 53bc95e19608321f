"""Build the dataset: read → normalise → check → write → report, then publish whole.

``build`` returns a ``Report`` (after frictionless-py's ``Report``): what each file gave, the
errors, the tables and anomalies. The command line only prints it.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extract import ENGINES, Engine, Extraction, PipelineError

from .corrections_file import CORRECTIONS_NAME, read_corrections, resolve
from .dataset import Checked, Dataset, build_dataset, check
from .raw import sha256
from .reporting.painter import Drawn, Painter
from .running.stages import Stage, Stopwatch
from .running.worker import FileResult, Limits, extract_bounded, start_server
from .writing.buildtime import build_time
from .writing.output import publishing

if TYPE_CHECKING:
    from normalize import Overrides
    from normalize.checks import Anomaly
    from normalize.corrections import Corrections
    from schemas.provenance import Source

    from .reporting.report import Pictures
    from .writing.output import Tables

# Imported while the workers read, not before they start (the models pull in pydantic, and the
# writers pyarrow: ~0.5 s in all), so that the workers start at once.
HEAVY_MODULES = (
    "schemas", "normalize", "normalize.checks",
    "pipeline.writing.output", "pipeline.reporting.report", "pipeline.writing.workbook",
    "pdfminer.pdfdocument",  # buildtime reads the PDFs' dates with it
    "pyarrow.json", "pyarrow.parquet", "xlsxwriter",  # the writers: ~0.3 s of CPU, off the critical path
)  # fmt: skip


def import_heavy_modules() -> None:
    for name in HEAVY_MODULES:
        importlib.import_module(name)


# Corrections to how programs are followed across reports (normalize.linking.parse_overrides):
# read from beside the PDFs, so a build of the same files always applies the same corrections.
OVERRIDES_NAME = "program_links.toml"


@dataclass(frozen=True)
class Report:
    """What a build did: per file, errors, the dataset and its anomalies."""

    files: list[FileResult]
    errors: list[str] = field(default_factory=list)
    dataset: Dataset | None = None
    anomalies: Sequence[Anomaly] = ()
    written: Path | None = None
    pictures_peak_mb: float = 0.0  # the drawing process's peak memory
    stages: tuple[Stage, ...] = ()  # what each stage cost (``make bench``'s breakdown)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def workers_peak_mb(self) -> float:
        """The largest peak memory of the processes that read and drew (not this one)."""
        return max([r.peak_mb for r in self.files] + [self.pictures_peak_mb])


def overrides_file(paths: Sequence[Path], name: str = OVERRIDES_NAME) -> Path | None:
    """The overrides file beside the PDFs (``name``: program_links.toml, corrections.toml), if
    there is one; PDFs from several folders with one each are refused in one line (which would
    apply is a guess)."""
    found = sorted({p.parent / name for p in paths if (p.parent / name).is_file()})
    if len(found) > 1:
        raise PipelineError(f"{found[0]} and {found[1]}: two {name} files beside the PDFs; keep one")
    return found[0] if found else None


def read_overrides(path: Path | None) -> Overrides | None:
    from normalize import parse_overrides

    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PipelineError(f"{path}: cannot read the program links file ({e})") from None
    return parse_overrides(text, str(path))


def input_errors(paths: Sequence[Path]) -> list[str]:
    """Paths that cannot be a PDF, each said in one line before any worker starts."""
    errors = []
    for p in paths:
        if p.is_dir():
            errors.append(f"{p}: is a directory, not a PDF file")
        elif not p.exists():
            pattern = any(ch in str(p) for ch in "*?[")
            errors.append(f"{p}: no such file" + (" (a pattern that matched no file)" if pattern else ""))
    errors += given_twice(paths)
    # The dataset names its sources by file name, and the report's pictures by the name's stem:
    # two different files under one stem would overwrite each other's pictures.
    first: dict[str, Path] = {}
    for p in paths:
        other = first.setdefault(p.stem, p)
        if other is not p and other.resolve() != p.resolve() and not same_bytes(other, p):
            errors.append(f"{other} and {p}: two files named {p.stem} (sources are told apart by name); rename one")
    return errors


def given_twice(paths: Sequence[Path]) -> list[str]:
    """The same file given twice, by one path or two, or two files with the same bytes: it would
    be read twice only to clash (one line per repeat, before any worker starts)."""
    errors: list[str] = []
    seen: dict[str, Path] = {}
    for p in paths:
        digest = _digest(p)
        if digest is None:
            continue
        if digest not in seen:
            seen[digest] = p
            continue
        first = seen[digest]
        if first.resolve() == p.resolve():
            why = "the same file given twice"
        else:
            why = f"the same bytes (SHA-256 {digest[:12]}…): one report under two names"
        errors.append(f"{first} and {p}: {why}; pass it once")
    return errors


def same_bytes(a: Path, b: Path) -> bool:
    digest = _digest(a)
    return digest is not None and digest == _digest(b)


def _digest(path: Path) -> str | None:
    """The file's SHA-256, or None where it is no readable file (said elsewhere, in one line)."""
    try:
        return sha256(path) if path.is_file() else None
    except OSError:
        return None


def same_tables(results: Sequence[FileResult]) -> list[str]:
    """Two files giving one (fiscal year, table): the same report twice, under one name or two,
    or two versions of one year's report. Either way the keys would collide: stop, one line per
    pair of files naming both and what they share."""
    owner: dict[tuple[int, str], Path] = {}
    shared: dict[tuple[Path, Path], list[str]] = defaultdict(list)
    for r in results:
        if r.extraction is not None:
            for year, table in sorted({(row.fiscal_year, row.table.value) for row in r.extraction.rows}):
                if (year, table) in owner:
                    shared[(owner[(year, table)], r.path)].append(f"FY{year} {table}")
                else:
                    owner[(year, table)] = r.path
    return [
        f"{a} and {b}: both hold the {' and '.join(tables)} table{'s' if len(tables) > 1 else ''} "
        "(the same report twice, or two versions of one year's); pass only one"
        for (a, b), tables in shared.items()
    ]


@dataclass(frozen=True)
class Read:
    """What reading gave the build: the files it goes on with, and the errors so far. No file
    when it stops here: one failed (without --keep-going), two hold one table, or none was read."""

    files: tuple[FileResult, ...]  # each with its extraction
    errors: tuple[str, ...]

    @property
    def paths(self) -> list[Path]:
        return [r.path for r in self.files]

    @property
    def extractions(self) -> list[Extraction]:
        return [r.extraction for r in self.files if r.extraction is not None]


def build(
    paths: Sequence[Path],
    out: Path,
    engine: Engine = ENGINES[0],
    jobs: int = 1,
    keep_going: bool = False,
    progress: Callable[[FileResult], None] = lambda r: None,
    limits: Limits | None = None,
) -> Report:
    """Read every PDF and publish the dataset into ``out`` — or nothing, if anything failed.

    One way through: read → normalise → check → write → report → publish, each step given the
    typed results of the steps before it and none going back to one done. The pictures are asked
    for once, as soon as the checks have said which rows to show, and drawn in the painter's
    process while this one writes the tables (their pages drawn there ahead, during the reading).
    """
    from .provenance import check_sources
    from .writing.outdir import check_out_dir

    watch = Stopwatch()
    with watch.stage("start (fork server, arguments)"):
        start_server()

    if errors := input_errors(paths):
        return Report([], errors)
    try:
        check_out_dir(out, paths)
        links_file = overrides_file(paths)
        fixes_file = overrides_file(paths, CORRECTIONS_NAME)
        corrections = read_corrections(fixes_file)  # a bad file stops the run before any PDF is read
        check_sources(paths)
    except PipelineError as e:
        return Report([], [str(e)])
    limits = limits or Limits()
    with Painter(limits) as painter:

        def meanwhile() -> None:
            with watch.stage("imports (while reading)"):
                import_heavy_modules()
                painter.start(prepare=paths)  # its imports and pages drawn ahead, while the readers work

        with watch.stage("read (waiting for the readers)"):
            results = extract_bounded(paths, engine, jobs, limits, progress, meanwhile)
        watch.add(
            Stage(
                "read", sum(r.cpu_seconds for r in results), max((r.seconds for r in results), default=0.0), "readers"
            )
        )
        read = readable(results, keep_going, out)
        if not read.files:
            return Report(results, list(read.errors))
        try:
            with watch.stage("normalise"):
                dataset = normalise(read, links_file, resolve(corrections, fixes_file, read.paths))
            with watch.stage("check"):
                checked = check(dataset)
                shown = what_to_draw(read, checked)
            painter.request(shown.jobs)  # the one request: drawn there while this process writes
            with publishing(out, read.paths) as tmp:
                sources = write(tmp, read, checked, watch)
                with watch.stage("pictures (waiting for the painter)"):
                    drawn = painter.collect()
                watch.add(Stage("pictures", painter.cpu_seconds, 0.0, "painter"))
                with watch.stage("report (quality.md, quality.html)"):
                    report(tmp, read, checked, shown, drawn, sources)
        except PipelineError as e:
            return Report(results, [*read.errors, str(named_in_full(e, read.paths))])
        except OSError as e:  # a full disk, a read-only or vanished --out: the old output stands
            why = f"{e.filename or out}: cannot write the dataset ({e.strerror or e}); {out} left as it was"
            return Report(results, [*read.errors, why])
    stages = tuple(watch.stages)
    return Report(results, list(read.errors), checked.dataset, checked.anomalies, out, painter.peak_mb, stages)


def readable(results: Sequence[FileResult], keep_going: bool, out: Path) -> Read:
    """The files the build goes on with, or none and why it stops."""
    errors = [r.error for r in results if r.error]
    if errors and not keep_going:
        if len(results) > 1:
            errors.append(f"{len(errors)} of {len(results)} files failed; nothing written to {out}")
        return Read((), tuple(errors))
    good = [r for r in results if r.extraction is not None]
    if clashes := same_tables(good):
        return Read((), (*errors, *clashes))
    if not good:
        return Read((), (*errors, "no file could be read; nothing written"))
    return Read(tuple(good), tuple(errors))


def normalise(read: Read, links_file: Path | None, corrections: Corrections | None = None) -> Dataset:
    return build_dataset(read.extractions, read_overrides(links_file), corrections)


def what_to_draw(read: Read, checked: Checked) -> Pictures:
    """The report's pictures, decided once the checks have said which rows to show."""
    from .reporting.report import pictures_to_draw

    return pictures_to_draw(read.files, checked.anomalies)


def write(tmp: Path, read: Read, checked: Checked, watch: Stopwatch) -> list[Source]:
    """The tables (CSV, Parquet, the workbook) and their dictionary; returns the sources, each
    with what sources.toml says it is. The sources' digests are taken here, in the directory's
    block: a PDF gone since it was read fails the write, and the old output stands."""
    from .provenance import describe
    from .writing.output import tables_as_columns, write_dataset_workbook, write_dictionary, write_tables

    with watch.stage("write: sources' digests and date"):
        sources = [
            describe(r.path, sha256(r.path), [row.fiscal_year for row in x.rows])
            for r, x in zip(read.files, read.extractions, strict=True)
        ]
        built_at = build_time(read.paths)
    with watch.stage("write: tables as columns"):
        tables = tables_as_columns(checked.dataset.tables())
    with watch.stage("write: CSV, Parquet, datapackage.json"):
        write_tables(tmp, tables, sources)
    with watch.stage("write: workbook"):
        write_dataset_workbook(tmp, tables, checked.anomalies, sources, built_at)
    with watch.stage("write: README.md (dictionary)"):
        write_dictionary(tmp, sources, built_at)
    return sources


def report(tmp: Path, read: Read, checked: Checked, shown: Pictures, drawn: Drawn, sources: Sequence[Source]) -> None:
    """quality.md and the pictures it shows (those drawn: ``drawn`` says what was not)."""
    from .reporting.report import quality_files
    from .writing.output import write_files

    write_files(tmp, quality_files(read.files, checked, shown, *drawn, sources=sources))


def named_in_full(error: PipelineError, paths: Sequence[Path]) -> PipelineError:
    """The error, naming its file as it was given: records keep only the file's name (their
    provenance), but the user's line must name the file they passed, wherever it is."""
    full = {p.name: p for p in paths}
    if error.file in full:
        error.file = str(full[error.file])
    return error


def tables_of(extractions: Sequence[Extraction]) -> Tables:
    """The tables of some extractions (for tests and notebooks)."""
    return build_dataset(extractions).tables()
