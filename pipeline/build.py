"""Build the dataset: every PDF through extract → normalize → validate, then written whole.

``build`` returns a ``Report`` (after frictionless-py's ``Report``): what each file gave, the
errors, the tables and anomalies. The command line only prints it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import normalize
from extract import ENGINES, Engine, Extraction, PipelineError, extract
from normalize.checks import Anomaly, anomalies, program_text_mismatches
from schemas import Indicator, Measure, Program, Record

from .output import Tables, publish, write_dataset_workbook, write_files, write_tables
from .raw import sha256


@dataclass
class FileResult:
    path: Path
    extraction: Extraction | None = None
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Dataset:
    measures: list[Measure]
    programs: list[Program]
    indicators: list[Indicator]

    def tables(self) -> dict[str, Sequence[Record]]:
        return {"measures": self.measures, "programs": self.programs, "indicators": self.indicators}


@dataclass
class Report:
    """What a build did: per file, errors, the dataset and its anomalies."""

    files: list[FileResult]
    errors: list[str] = field(default_factory=list)
    dataset: Dataset | None = None
    anomalies: list[Anomaly] = field(default_factory=list)
    written: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def extract_file(path: Path, engine: Engine, jobs: int = 1) -> FileResult:
    """One file, errors caught: the run reports every file's failure, not just the first."""
    start = time.perf_counter()
    try:
        return FileResult(path, extract(path, engine, jobs=jobs), None, time.perf_counter() - start)
    except PipelineError as e:
        return FileResult(path, None, str(e), time.perf_counter() - start)


def extract_all(
    paths: Sequence[Path], engine: Engine, jobs: int, progress: Callable[[FileResult], None]
) -> list[FileResult]:
    """Files in a process pool when there are several; one file's pages in a pool otherwise."""
    if jobs <= 1 or len(paths) <= 1:
        results = []
        for p in paths:
            results.append(extract_file(p, engine, jobs))
            progress(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = []
        for r in pool.map(extract_file, paths, [engine] * len(paths)):
            progress(r)
            results.append(r)
        return results


def build_dataset(extractions: Sequence[Extraction]) -> Dataset:
    """Normalise into validated records; raises PipelineError before anything is written."""
    rows = [r for ex in extractions for r in ex.rows]
    measures = normalize.measures(rows)
    return Dataset(measures, normalize.programs(rows), normalize.indicators(measures))


def build(
    paths: Sequence[Path],
    out: Path,
    engine: Engine = ENGINES[0],
    jobs: int = 1,
    keep_going: bool = False,
    progress: Callable[[FileResult], None] = lambda r: None,
) -> Report:
    """Read every PDF and publish the dataset into ``out`` — or nothing, if anything failed."""
    from .report import quality_files  # the report draws pictures: loaded only when used

    results = extract_all(paths, engine, jobs, progress)
    report = Report(results, [r.error for r in results if r.error])
    if report.errors and not keep_going:
        if len(paths) > 1:
            report.errors.append(f"{len(report.errors)} of {len(paths)} files failed; nothing written to {out}")
        return report
    good = [r for r in results if r.extraction is not None]
    if not good:
        report.errors.append("no file could be read; nothing written")
        return report
    try:
        report.dataset = dataset = build_dataset([r.extraction for r in good if r.extraction])
        report.anomalies = anomalies(dataset.measures) + program_text_mismatches(dataset.programs)
        extra = quality_files(good, dataset, report.anomalies)
        sources = [(r.path.name, sha256(r.path)) for r in good]

        def write(tmp: Path) -> None:
            write_tables(tmp, dataset.tables())
            write_files(tmp, extra)
            write_dataset_workbook(tmp, dataset, report.anomalies, sources)

        publish(out, write)
    except PipelineError as e:
        report.errors.append(str(e))
        return report
    report.written = out
    return report


def tables_of(extractions: Sequence[Extraction]) -> Tables:
    """The three tables of some extractions (for tests and notebooks)."""
    return build_dataset(extractions).tables()
