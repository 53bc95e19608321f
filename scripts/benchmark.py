"""Time and memory of a full build, against pdfplumber's plain extract_tables and camelot.

    python -m scripts.benchmark data/raw/*.pdf      (make bench)

Every figure is measured here, in this run, on this machine: the pipeline is reported as a
ratio to the baselines, never as seconds against a fixed number. Each measurement runs in a
fresh process, so its peak memory is its own; the best of --repeat runs is kept.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from collections.abc import Callable

TARGET_RATIO = 1.3
TARGET_PEAK_MB = 400


def full_build(pdfs: list[str], jobs: int) -> None:
    from scripts.build_dataset import main

    with tempfile.TemporaryDirectory() as tmp:
        if main(["--quiet", "--jobs", str(jobs), "--out", f"{tmp}/clean", *pdfs]) != 0:
            raise SystemExit("the build failed")


def plumber_tables(pdfs: list[str], jobs: int) -> None:
    import pdfplumber

    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_tables()
                page.close()


def camelot_lattice(pdfs: list[str], jobs: int) -> None:
    import camelot

    for pdf in pdfs:
        camelot.read_pdf(pdf, pages="all", flavor="lattice", line_scale=40)


def _child(fn: Callable[[list[str], int], None], pdfs: list[str], jobs: int, conn) -> None:  # noqa: ANN001
    start = time.perf_counter()
    fn(pdfs, jobs)
    seconds = time.perf_counter() - start
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    conn.send((seconds, peak_kb / 1024))


def measure(
    fn: Callable[[list[str], int], None], pdfs: list[str], jobs: int = 1, repeat: int = 3
) -> tuple[float, float]:
    """Best time and its peak RSS (MB) over ``repeat`` fresh processes."""
    ctx = mp.get_context("spawn")
    runs = []
    for _ in range(repeat):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(fn, pdfs, jobs, child))
        proc.start()
        runs.append(parent.recv())
        proc.join()
    return min(runs)


def count_pages(pdfs: list[str]) -> int:
    import pdfplumber

    total = 0
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            total += len(doc.pages)
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-camelot", action="store_true", help="skip the camelot baseline (slow)")
    a = ap.parse_args(argv)
    pages = count_pages(a.pdfs)
    rows = [
        ("pipeline: full build (--jobs 1)", measure(full_build, a.pdfs, 1, a.repeat)),
        ("pipeline: full build (--jobs 2)", measure(full_build, a.pdfs, 2, a.repeat)),
        ("pdfplumber extract_tables", measure(plumber_tables, a.pdfs, 1, a.repeat)),
    ]
    if not a.no_camelot:
        rows.append(("camelot lattice", measure(camelot_lattice, a.pdfs, 1, a.repeat)))
    base = rows[0][1][0]
    print(f"{pages} pages in {len(a.pdfs)} file(s); best of {a.repeat} runs, each in a fresh process\n")
    print(f"{'':34}{'seconds':>9}{'pages/s':>9}{'peak MB':>9}{'pipeline ÷ this':>17}")
    for name, (seconds, peak) in rows:
        print(f"{name:34}{seconds:9.2f}{pages / seconds:9.1f}{peak:9.0f}{base / seconds:17.2f}")
    plumber = dict(rows)["pdfplumber extract_tables"][0]
    peak = rows[0][1][1]
    ratio = base / plumber
    print()
    met = {True: "met", False: "NOT met"}
    print(f"full build ÷ extract_tables: {ratio:.2f} (target ≤ {TARGET_RATIO}: {met[ratio <= TARGET_RATIO]})")
    print(f"full build peak memory: {peak:.0f} MB (target < {TARGET_PEAK_MB} MB: {met[peak < TARGET_PEAK_MB]})")
    print(f"--jobs 2 gains: {rows[0][1][0] / rows[1][1][0]:.2f}× on {mp.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
