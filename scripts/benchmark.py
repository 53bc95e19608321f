"""Time and memory of the pipeline, against pdfplumber's plain extract_tables and camelot.

    python -m scripts.benchmark data/raw/*.pdf      (make bench)

A benchmark, not a timed test: every figure is measured here, in this run, on this machine,
and the pipeline is judged by its ratio to the baselines over the same pages, never by seconds
against a fixed number. Each measurement runs in a fresh process (imports included, as a user
pays them), so its peak memory is its own; the best of --repeat runs is kept, because the
machine is shared and noise only ever adds time.

The full build is the library call under the command line's ``main()`` (``pipeline.build``),
so it measures whatever the build does. Its peak memory is the largest of any process it
uses: this one, and its readers and drawer, which report their own (they are forked from a
fork server, so they are not this process's children).
``--jobs`` scaling is timed on reading 8 copies of the first PDF (the stage it parallelises;
the build itself refuses one report twice). Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# Targets, as ratios to pdfplumber's extract_tables over the same pages, and a memory ceiling.
TARGET_BUILD_RATIO = 0.4
TARGET_EXTRACT_RATIO = 0.2
TARGET_PEAK_MB = 300
TARGET_WORKBOOK_SHARE = 0.10  # the Excel workbook's share of a full build
COPIES = 8  # files for the --jobs scaling run

Job = Callable[[list[str], int], float]  # returns the peak MB of processes not its children


def full_build(pdfs: list[str], jobs: int) -> float:
    """The whole pipeline as ``make`` runs it: read, normalise, validate, report, write (the
    library call under the command line's ``main()``). Returns the largest peak memory of its
    readers and drawer: they are forked from a fork server, not children of this process."""
    from pipeline.build import build
    from pipeline.worker import Limits

    with tempfile.TemporaryDirectory() as tmp:
        report = build([Path(p) for p in pdfs], Path(tmp) / "clean", jobs=jobs, limits=Limits())
        if not report.ok:
            raise SystemExit(f"the build failed: {report.errors}")
        return report.workers_peak_mb


def extraction(pdfs: list[str], jobs: int) -> float:
    """The extraction step alone: PDFium reader, geometry and assembly (``extract.extract``)."""
    from extract import extract

    for pdf in pdfs:
        extract(pdf, jobs=jobs)
    return 0.0


def read_many(pdfs: list[str], jobs: int) -> float:
    """Every file read in its bounded worker, ``jobs`` at a time: the stage ``--jobs`` runs in
    parallel. (A full build of copies would stop: the build refuses the same report twice.)
    Returns the workers' largest peak memory."""
    from pipeline.worker import Limits, extract_bounded

    results = extract_bounded([Path(p) for p in pdfs], "pdfium", jobs, Limits(), lambda r: None)
    if any(r.error for r in results):
        raise SystemExit("reading failed")
    return max(r.peak_mb for r in results)


def plumber_tables(pdfs: list[str], jobs: int) -> float:
    import pdfplumber

    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_tables()
                page.close()
    return 0.0


def camelot_lattice(pdfs: list[str], jobs: int) -> float:
    from camelot.io import read_pdf

    for pdf in pdfs:
        read_pdf(pdf, pages="all", flavor="lattice", line_scale=40)
    return 0.0


def _child(fn: Job, pdfs: list[str], jobs: int, conn: Connection) -> None:
    start = time.perf_counter()
    others_mb = fn(pdfs, jobs)  # the peak of processes that are not its children (see full_build)
    seconds = time.perf_counter() - start
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    conn.send((seconds, max(peak_kb / 1024, others_mb)))


def _value_child(fn: Callable[[str], float], arg: str, conn: Connection) -> None:
    conn.send(fn(arg))


def in_fresh_process(target: Callable[..., None], *args: Any) -> Any:
    """What ``target(*args, conn)`` sends back, run in a fresh spawned process; a run that
    fails (and so sends nothing) stops the benchmark with its name and exit code."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(*args, child))
    proc.start()
    child.close()  # the child's end, closed here: its death is then an EOF, not a hang
    try:
        result = parent.recv()
    except EOFError:
        proc.join()
        name = getattr(args[0], "__name__", target.__name__)  # the measured function
        raise SystemExit(f"{name} failed (exit code {proc.exitcode})") from None
    proc.join()
    return result


def run_value(fn: Callable[[str], float], arg: str) -> float:
    """What ``fn(arg)`` returns, computed in a fresh process (so its imports are paid there)."""
    value: float = in_fresh_process(_value_child, fn, arg)
    return value


def run_once(fn: Job, pdfs: list[str], jobs: int) -> tuple[float, float]:
    """Time (s) and peak RSS (MB) of one run in a fresh process."""
    result: tuple[float, float] = in_fresh_process(_child, fn, pdfs, jobs)
    return result


def measure(jobs: dict[str, tuple[Job, list[str], int]], repeat: int) -> dict[str, tuple[float, float]]:
    """Best time and its peak RSS per job, over ``repeat`` rounds of one run of each.

    Rounds, not one job's runs back to back: on a shared machine the load drifts, and a
    ratio is only fair when both sides were timed under the same load.
    """
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, (fn, pdfs, n) in jobs.items():
            runs[name].append(run_once(fn, pdfs, n))
    return {name: min(r) for name, r in runs.items()}


def count_pages(pdfs: list[str]) -> int:
    from extract import reader

    return sum(reader("pdfium").count_pages(Path(pdf)) for pdf in pdfs)


def copies(pdf: str, n: int, tmp: str) -> list[str]:
    """``n`` copies of a PDF under distinct names (the build keys its sources by file name)."""
    out = []
    for i in range(n):
        dest = Path(tmp) / f"copy{i + 1}_{Path(pdf).name}"
        shutil.copyfile(pdf, dest)
        out.append(str(dest))
    return out


def workbook_seconds(pdf: str) -> float:
    """What writing the Excel workbook adds to a build: its library's import and the writing,
    from the frames the build makes anyway for CSV and Parquet."""
    from extract import extract
    from normalize.checks import anomalies
    from pipeline.buildtime import FIXED_EPOCH
    from pipeline.dataset import build_dataset
    from pipeline.output import frames, write_dataset_workbook
    from schemas.provenance import Source

    dataset = build_dataset([extract(pdf)])
    found = anomalies(dataset.measures)
    tables = frames(dataset.tables())  # made once for CSV, Parquet and the workbook alike
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_dataset_workbook(Path(tmp), tables, found, [Source(Path(pdf).name, "0" * 64)], FIXED_EPOCH)
        return time.perf_counter() - start


def verdict(label: str, value: float, ok: bool, target: str) -> str:
    return f"{label:44}{value:8.2f}   target {target:8} {'met' if ok else 'NOT MET'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--repeat", type=int, default=5, help="fresh-process runs per figure; the best is kept")
    ap.add_argument("--jobs-repeat", type=int, default=1, help="runs of the (long) 8-copy --jobs scaling")
    ap.add_argument("--no-camelot", action="store_true", help="skip the camelot baseline (slow)")
    a = ap.parse_args(argv)
    pages = count_pages(a.pdfs)
    jobs: dict[str, tuple[Job, list[str], int]] = {
        "full build (--jobs 1)": (full_build, a.pdfs, 1),
        "extraction alone (extract.extract)": (extraction, a.pdfs, 1),
        "pdfplumber extract_tables": (plumber_tables, a.pdfs, 1),
    }
    if not a.no_camelot:
        jobs["camelot lattice"] = (camelot_lattice, a.pdfs, 1)
    rows = measure(jobs, a.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        many = copies(a.pdfs[0], COPIES, tmp)
        many_pages = count_pages(many)
        timed = measure({str(n): (read_many, many, n) for n in (1, 2)}, a.jobs_repeat)
        scaling = {int(n): result for n, result in timed.items()}

    build, peak = rows["full build (--jobs 1)"]
    workbook = min(run_value(workbook_seconds, a.pdfs[0]) for _ in range(a.repeat))
    plumber = rows["pdfplumber extract_tables"][0]
    print(f"{pages} pages in {len(a.pdfs)} file(s); best of {a.repeat} runs, each in a fresh process\n")
    print(f"{'':38}{'seconds':>9}{'pages/s':>9}{'peak MB':>9}{'build ÷ this':>14}")
    for name, (seconds, mb) in rows.items():
        print(f"{name:38}{seconds:9.2f}{pages / seconds:9.1f}{mb:9.0f}{build / seconds:14.2f}")
    print(f"\n--jobs scaling: reading {COPIES} copies ({many_pages} pages) in workers, best of {a.jobs_repeat}")
    for n, (seconds, mb) in scaling.items():
        print(f"  --jobs {n}: {seconds:7.2f} s {many_pages / seconds:7.1f} pages/s {mb:6.0f} MB peak (largest process)")
    print(f"  --jobs 2 ÷ --jobs 1 time: {scaling[2][0] / scaling[1][0]:.2f} on {mp.cpu_count()} cores (shared)\n")

    checks = [
        verdict("full build ÷ extract_tables", build / plumber, build / plumber <= TARGET_BUILD_RATIO,
                f"≤ {TARGET_BUILD_RATIO}"),
        verdict("extraction alone ÷ extract_tables", rows["extraction alone (extract.extract)"][0] / plumber,
                rows["extraction alone (extract.extract)"][0] / plumber <= TARGET_EXTRACT_RATIO,
                f"≤ {TARGET_EXTRACT_RATIO}"),
        verdict("full build peak memory (MB)", peak, peak < TARGET_PEAK_MB, f"< {TARGET_PEAK_MB}"),
        verdict("Excel workbook ÷ full build", workbook / build, workbook / build <= TARGET_WORKBOOK_SHARE,
                f"≤ {TARGET_WORKBOOK_SHARE}"),
    ]  # fmt: skip
    if "camelot lattice" in rows:
        checks.append(f"{'full build ÷ camelot lattice':44}{build / rows['camelot lattice'][0]:8.2f}   (no target)")
    print("\n".join(checks))
    return 1 if any(line.endswith("NOT MET") for line in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
