"""CPU, time and memory of the pipeline, against pdfplumber's plain extract_tables and camelot.

    python -m scripts.benchmark data/raw/*.pdf --several tests/fixtures/next_year/next_year.pdf
    (make bench)

A benchmark, not a timed test: every figure is measured here, in this run, on this machine,
and the pipeline is judged by its ratio to the baselines over the same pages, never by seconds
against a fixed number. Each measurement runs in a fresh process (imports included, as a user
pays them), and the jobs run in turn, round after round, so that both sides of a ratio see the
same load; medians are kept.

CPU is counted over every process a run starts, not only its own: a build reads in workers and
draws in a process of its own, all forked from a fork server that is not the run's child. Each
run goes into a cgroup of its own (Linux: cgroup v2 ``cpu.stat``, or v1 ``cpuacct``), which
counts them all; where no cgroup can be made, the run's own CPU and its reaped descendants'
(``RUSAGE_CHILDREN``, after the fork server is stopped and has reaped its workers) stand in,
and the report says which. The build's breakdown per stage comes from the build itself
(``Report.stages``): each process times its own stages.

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

# Targets, as ratios to pdfplumber's extract_tables over the same pages, and a memory ceiling.
TARGET_CPU_RATIO = 0.5  # a build's CPU, every process it starts, ÷ extract_tables'
TARGET_WALL_RATIO = 0.35  # on a quiet machine
TARGET_READ_RATIO = 0.2  # reading alone (extract.extract), in CPU
TARGET_PEAK_MB = 300
TARGET_WORKBOOK_SHARE = 0.10  # the Excel workbook's share of a build's CPU

Job = Callable[[list[str], int], "Extra"]
CGROUP_ROOTS = (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified"), Path("/sys/fs/cgroup/cpuacct"))


@dataclass(frozen=True)
class Extra:
    """What a job tells of itself beyond what its process shows: the peak memory of processes
    that are not its children (forked from the fork server), and the build's stages."""

    others_mb: float = 0.0
    stages: tuple[tuple[str, str, float, float], ...] = ()  # (process, stage, cpu, wall)


@dataclass(frozen=True)
class Run:
    cpu: float  # seconds of CPU, every process of the run
    wall: float
    peak_mb: float
    extra: Extra


class CpuGroup:
    """A cgroup of one run: every process started in it is counted, wherever it was forked from."""

    def __init__(self, directory: Path, v2: bool) -> None:
        self.directory, self.v2 = directory, v2

    @classmethod
    def make(cls) -> CpuGroup | None:
        """A fresh cgroup, or None where none can be made (no cgroupfs, not allowed)."""
        name = f"iizuka-bench-{os.getpid()}-{time.monotonic_ns()}"
        for root in CGROUP_ROOTS:
            v2 = (root / "cgroup.controllers").exists()
            if not v2 and not (root / "cpuacct.usage").exists():
                continue
            try:
                (root / name).mkdir()
            except OSError:
                continue
            return cls(root / name, v2)
        return None

    @classmethod
    def make_and_remove(cls) -> bool:
        """Whether a cgroup can be made here (and the one made to find out removed)."""
        group = cls.make()
        if group is not None:
            group.remove()
        return group is not None

    def cpu_seconds(self) -> float:
        if self.v2:
            stat = dict(line.split() for line in (self.directory / "cpu.stat").read_text().splitlines())
            return int(stat["usage_usec"]) / 1e6
        return int((self.directory / "cpuacct.usage").read_text()) / 1e9

    def remove(self) -> None:
        deadline = time.monotonic() + 5  # the run's last processes may take a moment to go
        while True:
            try:
                self.directory.rmdir()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)


def full_build(pdfs: list[str], jobs: int) -> Extra:
    """The whole pipeline as ``make`` runs it: read, normalise, validate, report, write (the
    library call under the command line's ``main()``), then the fork server stopped, as the
    command does. Returns its readers' and drawer's peak memory and the build's stages."""
    from pipeline.build import build
    from pipeline.running.worker import Limits, stop_server

    with tempfile.TemporaryDirectory() as tmp:
        report = build([Path(p) for p in pdfs], Path(tmp) / "clean", jobs=jobs, limits=Limits())
        stop_server()
        if not report.ok:
            raise SystemExit(f"the build failed: {report.errors}")
        return Extra(report.workers_peak_mb, tuple((s.process, s.name, s.cpu, s.wall) for s in report.stages))


def extraction(pdfs: list[str], jobs: int) -> Extra:
    """Reading alone: PDFium reader, geometry and assembly (``extract.extract``)."""
    from extract import extract

    for pdf in pdfs:
        extract(pdf, jobs=jobs)
    return Extra()


def plumber_tables(pdfs: list[str], jobs: int) -> Extra:
    import pdfplumber

    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_tables()
                page.close()
    return Extra()


def camelot_lattice(pdfs: list[str], jobs: int) -> Extra:
    from camelot.io import read_pdf

    for pdf in pdfs:
        read_pdf(pdf, pages="all", flavor="lattice", line_scale=40)
    return Extra()


def _child(fn: Job, pdfs: list[str], jobs: int, group: Path | None, conn: Connection) -> None:
    if group is not None:  # first, so that every process it starts is counted
        (group / "cgroup.procs").write_text(str(os.getpid()))
    extra = fn(pdfs, jobs)
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime  # without a cgroup
    conn.send((cpu, max(own.ru_maxrss, children.ru_maxrss) / 1024, extra))


def run_once(fn: Job, pdfs: list[str], jobs: int, cgroups: bool) -> Run:
    """One run in a fresh spawned process, in a cgroup of its own where one can be made; a run
    that fails (and so sends nothing) stops the benchmark with its name and exit code."""
    group = CpuGroup.make() if cgroups else None
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, pdfs, jobs, group.directory if group else None, child))
    start = time.perf_counter()
    proc.start()
    child.close()  # the child's end, closed here: its death is then an EOF, not a hang
    try:
        cpu, peak_mb, extra = parent.recv()
    except EOFError:
        proc.join()
        raise SystemExit(f"{fn.__name__} failed (exit code {proc.exitcode})") from None
    finally:
        proc.join()
        wall = time.perf_counter() - start
        if group is not None:
            cpu = group.cpu_seconds()
            group.remove()
    return Run(cpu, wall, max(peak_mb, extra.others_mb), extra)


def measure(jobs: dict[str, tuple[Job, list[str], int]], repeat: int, cgroups: bool) -> dict[str, list[Run]]:
    """``repeat`` rounds of one run of each job, in turn: on a shared machine the load drifts,
    and a ratio is only fair when both sides were measured under the same load."""
    runs: dict[str, list[Run]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, (fn, pdfs, n) in jobs.items():
            runs[name].append(run_once(fn, pdfs, n, cgroups))
    return runs


def median(runs: list[Run], key: Callable[[Run], float]) -> float:
    return statistics.median(key(r) for r in runs)


def count_pages(pdfs: list[str]) -> int:
    from extract import reader

    return sum(reader("pdfium").count_pages(Path(pdf)) for pdf in pdfs)


def breakdown(runs: list[Run]) -> list[tuple[str, str, float, float]]:
    """Each stage's median CPU and wall over the runs, in the order the build ran them."""
    stages: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for run in runs:
        for process, name, cpu, wall in run.extra.stages:
            stages.setdefault((process, name), []).append((cpu, wall))
    return [
        (process, name, statistics.median(c for c, _ in v), statistics.median(w for _, w in v))
        for (process, name), v in stages.items()
    ]


def verdict(label: str, value: float, ok: bool, target: str) -> str:
    return f"{label:44}{value:8.2f}   target {target:8} {'met' if ok else 'NOT MET'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--several", nargs="*", default=[], metavar="PDF",
                    help="more reports, built with the first ones at --jobs 1 and 2 (CPU per page)")  # fmt: skip
    ap.add_argument("--repeat", type=int, default=5, help="rounds; medians are kept")
    ap.add_argument("--no-camelot", action="store_true", help="skip the camelot baseline (slow)")
    ap.add_argument("--no-cgroup", action="store_true", help="count CPU from the process tree, not a cgroup")
    a = ap.parse_args(argv)
    cgroups = not a.no_cgroup and CpuGroup.make_and_remove()
    pages = count_pages(a.pdfs)
    jobs: dict[str, tuple[Job, list[str], int]] = {
        "full build (--jobs 1)": (full_build, a.pdfs, 1),
        "reading alone (extract.extract)": (extraction, a.pdfs, 1),
        "pdfplumber extract_tables": (plumber_tables, a.pdfs, 1),
    }
    if not a.no_camelot:
        jobs["camelot lattice"] = (camelot_lattice, a.pdfs, 1)
    if a.several:
        for n in (1, 2):
            jobs[f"several reports (--jobs {n})"] = (full_build, [*a.pdfs, *a.several], n)
    runs = measure(jobs, a.repeat, cgroups)

    how = "a cgroup per run" if cgroups else "the process tree (no cgroup could be made)"
    print(f"{pages} pages in {len(a.pdfs)} file(s); medians of {a.repeat} rounds, each run in a fresh process;")
    print(f"CPU of every process a run starts, counted by {how}\n")
    print(f"{'':38}{'CPU s':>8}{'wall s':>8}{'peak MB':>9}{'CPU/page':>10}")
    for name, r in runs.items():
        n = pages if not name.startswith("several") else count_pages([*a.pdfs, *a.several])
        cpu, wall, mb = median(r, lambda x: x.cpu), median(r, lambda x: x.wall), median(r, lambda x: x.peak_mb)
        print(f"{name:38}{cpu:8.2f}{wall:8.2f}{mb:9.0f}{cpu / n:10.3f}")

    build = runs["full build (--jobs 1)"]
    stages = breakdown(build)
    cpu_total = median(build, lambda x: x.cpu)
    print("\nthe build, stage by stage (each process times its own; stages of different processes overlap)")
    print(f"  {'process':9}{'stage':44}{'CPU s':>7}{'wall s':>8}")
    for process, name, cpu, wall in stages:
        print(f"  {process:9}{name:44}{cpu:7.3f}{wall:8.3f}")
    counted = sum(cpu for _, _, cpu, _ in stages)
    print(f"  {'':9}{'not in a stage (interpreter starts, fork server)':44}{cpu_total - counted:7.3f}")

    plumber = runs["pdfplumber extract_tables"]
    cpu_ratio = cpu_total / median(plumber, lambda x: x.cpu)
    wall_ratio = median(build, lambda x: x.wall) / median(plumber, lambda x: x.wall)
    read_ratio = median(runs["reading alone (extract.extract)"], lambda x: x.cpu) / median(plumber, lambda x: x.cpu)
    peak = median(build, lambda x: x.peak_mb)
    workbook = sum(cpu for _, name, cpu, _ in stages if name == "write: workbook") / cpu_total
    checks = [
        verdict("build CPU ÷ extract_tables CPU", cpu_ratio, cpu_ratio <= TARGET_CPU_RATIO, f"≤ {TARGET_CPU_RATIO}"),
        verdict("build wall ÷ extract_tables wall", wall_ratio, wall_ratio <= TARGET_WALL_RATIO,
                f"≤ {TARGET_WALL_RATIO}"),
        verdict("reading alone CPU ÷ extract_tables CPU", read_ratio, read_ratio <= TARGET_READ_RATIO,
                f"≤ {TARGET_READ_RATIO}"),
        verdict("build peak memory (MB)", peak, peak < TARGET_PEAK_MB, f"< {TARGET_PEAK_MB}"),
        verdict("Excel workbook ÷ build CPU", workbook, workbook <= TARGET_WORKBOOK_SHARE,
                f"≤ {TARGET_WORKBOOK_SHARE}"),
    ]  # fmt: skip
    if "camelot lattice" in runs:
        ratio = cpu_total / median(runs["camelot lattice"], lambda x: x.cpu)
        checks.append(f"{'build CPU ÷ camelot lattice CPU':44}{ratio:8.2f}   (no target)")
    if a.several:
        one, two = (median(runs[f"several reports (--jobs {n})"], lambda x: x.cpu) for n in (1, 2))
        checks.append(f"{'several reports: CPU --jobs 2 ÷ --jobs 1':44}{two / one:8.2f}   (no target; 1.0 is linear)")
    print("\n" + "\n".join(checks))
    return 1 if any(line.endswith("NOT MET") for line in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
