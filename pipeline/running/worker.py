"""Each file is read in a worker process with a wall-clock and a resident-memory limit.

Why a process, not a thread: PDFium is not thread-safe, and only a process can be stopped from
outside (a thread stuck in C code cannot) and given its own memory ceiling. Why not a fork of
this process: it may have PDFium loaded (a fork copies its global state), threads, or a
dataset in memory. So workers are forked from a fork server, a process started clean that has
imported the readers (``PRELOAD``) and nothing else, where the platform has one (Linux, macOS),
and spawned elsewhere; each starts ready to read instead of spending a quarter of a second on
imports. Everything sent to a worker is picklable, as spawn needs.

This module imports nothing heavy at the top: a spawned child imports it before the limits are
set.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resident import MemoryWatch

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext, SpawnContext

    from extract import Engine, Extraction

DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY = 2 * 1024**3
# The address space a worker may reserve, as a multiple of --max-memory: a backstop for what the
# resident-memory watch (``resident``) cannot see or catch in time, far above what libraries
# reserve and never touch (camelot with OpenCV's threads: about 2.2 GB on 2 cores).
ADDRESS_SPACE_BACKSTOP = 8
_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3,
          "kib": 1024, "mib": 1024**2, "gib": 1024**3, "ki": 1024, "mi": 1024**2, "gi": 1024**3}  # fmt: skip


# What a worker imports before it reads or draws: imported once, by the fork server, so that
# each worker starts with them instead of importing them itself (about a quarter of a second).
PRELOAD = (
    "extract.reading.pdfium_io", "extract.layout.geometry", "extract.assemble", "extract.reading.preflight",
    "pdfminer.pdfdocument",
    "pipeline.running.worker", "pipeline.reporting.painter", "pipeline.reporting.pictures",
    "PIL.Image", "PIL.ImageDraw",
)  # fmt: skip


def process_context() -> ForkServerContext | SpawnContext:
    """Where workers come from: forked from a server process that started clean and imported
    the readers (``forkserver``), on platforms that have one; spawned elsewhere. Never forked
    from this process, which may hold PDFium's state, threads or a dataset."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(PRELOAD))
        return ctx
    return multiprocessing.get_context("spawn")


def start_server() -> None:
    """Start the fork server now, so that it imports the readers while this process checks
    its arguments; the first worker is then forked ready to read.

    The server starts with SIGINT ignored (an ignored signal stays ignored across fork and
    exec, and Python leaves it so): Ctrl-C then reaches only this process, which stops the
    workers itself, instead of interrupting the server's imports with a traceback of its own;
    the workers it forks ignore it too (this process stops them, or they finish). Here SIGINT is
    blocked meanwhile, so a Ctrl-C in that instant is delivered afterwards, not lost."""
    if process_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver, resource_tracker

        # The tracker first: starting it unblocks SIGINT, which would let one be lost below.
        resource_tracker.ensure_running()
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, handler)
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def stop_server(grace: float = 1.0) -> None:
    """Stop the fork server and the resource tracker before the command exits, rather than
    leave them to notice that it has gone: none of the command's processes outlives it.

    Closing each one's "alive" pipe asks it to end; one still busy after ``grace`` seconds
    (the server importing the readers) is killed: neither holds anything worth saving."""
    from multiprocessing import forkserver, resource_tracker

    server: Any = getattr(forkserver, "_forkserver", None)
    if server is not None and getattr(server, "_forkserver_pid", None) is not None:
        _end(server._forkserver_pid, server._forkserver_alive_fd, grace)
        server._forkserver_pid = server._forkserver_alive_fd = server._forkserver_address = None
    tracker: Any = getattr(resource_tracker, "_resource_tracker", None)
    if tracker is not None and getattr(tracker, "_pid", None) is not None and getattr(tracker, "_fd", None) is not None:
        _end(tracker._pid, tracker._fd, grace)
        tracker._pid = tracker._fd = None


def _end(pid: int, alive_fd: int | None, grace: float) -> None:
    """Close a helper process's alive pipe and reap it, killing it after ``grace`` seconds."""
    if alive_fd is not None:
        with contextlib.suppress(OSError):
            os.close(alive_fd)
    deadline = time.monotonic() + grace
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return
            time.sleep(0.01)


@dataclass
class FileResult:
    path: Path
    extraction: Extraction | None = None
    error: str | None = None
    seconds: float = 0.0  # wall clock from the worker's start to its result (set by the build)
    peak_mb: float = 0.0  # the worker's peak resident memory (workers are not this process's children)
    cpu_seconds: float = 0.0  # the worker's own CPU time, user and system (``make bench``'s breakdown)


def extract_file(path: Path, engine: Engine, jobs: int = 1) -> FileResult:
    """One file, errors caught: the run reports every file's failure, not just the first."""
    from extract import PipelineError, extract, reader
    from extract.reading.preflight import check_pages_read, check_streams, tree_pages

    try:
        check_streams(path)
        expected = tree_pages(path)
        if expected is not None:
            check_pages_read(path, expected, reader(engine).count_pages(path))
        extraction = extract(path, engine, jobs=jobs)
    except PipelineError as e:
        return FileResult(path, None, str(e))
    # The build's own check (extract.layout.selfcheck): a difference it cannot explain fails the file,
    # in one line; --keep-going still writes what it read, and quality.md names every difference.
    return FileResult(path, extraction, text_check_error(path, extraction))


def text_check_error(path: Path, extraction: Extraction) -> str | None:
    """One line naming the first table whose characters the run cannot account for, or None."""
    from extract.layout.selfcheck import unexplained

    found = unexplained(extraction.text_check)
    if not found:
        return None
    first, more = found[0], len(found) - 1
    where = f"table {first.table}" if first.table else "its tables together"
    what = "; ".join(
        part
        for part in (
            f"in the text layer but in no cell: {first.lost}" if first.lost else "",
            f"in the cells but not in the text layer: {first.added}" if first.added else "",
            f"{first.unread} glyph(s) no reader could name" if first.unread else "",
        )
        if part
    )
    also = f" ({more} more difference(s))" if more else ""
    return f"{path}: page {first.page}, {where}: the cells do not hold what the page draws ({what}){also}"


@dataclass(frozen=True)
class Limits:
    """What one file may cost: seconds of wall clock and bytes of resident memory (None: no limit)."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_memory: int | None = DEFAULT_MAX_MEMORY


def parse_size(text: str) -> int:
    """'2GiB', '512M', '1.5 GB', '1048576' → bytes; 'none' or '0' → 0 (no limit)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    if text.strip().lower() == "none":
        return 0
    if not m or m.group(2).lower() not in _UNITS:
        raise ValueError(f"not a size: {text!r} (write e.g. 2GiB, 512MiB, 1GB)")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def human_size(n: int) -> str:
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:.4g} {unit}"
    return f"{n} bytes"


def _child(conn: Connection, path: Path, engine: Engine, jobs: int, max_memory: int | None) -> None:
    """The worker: set the limits, read the file, send back a FileResult (errors inside it)."""
    confine(max_memory)
    try:
        result: Any = extract_file(path, engine, jobs)
        result.peak_mb, result.cpu_seconds = peak_mb(), cpu_seconds()
    except MemoryError:
        result = "memory"
    except BaseException as e:  # anything else is a bug or a reader crash: still one line
        result = f"unexpected error ({type(e).__name__}: {e})"
    try:
        conn.send(result)
    except MemoryError:
        conn.send("memory")
    conn.close()


def peak_mb() -> float:
    """This process's peak resident memory, in MB (what ``make bench`` reports per process)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """This process's own CPU time, user and system: a process forked from the fork server
    starts counting at zero, so this is what reading (or drawing) cost, imports excluded."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def confine(max_memory: int | None) -> None:
    """What a spawned worker does first: a process group of its own (so that stopping it stops
    its page workers too), no stderr, and its address-space backstop (``ADDRESS_SPACE_BACKSTOP``
    times the cap; the cap itself is on resident memory, watched by the parent)."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    _silence_stderr()
    if max_memory:
        import resource

        backstop = max_memory * ADDRESS_SPACE_BACKSTOP
        with contextlib.suppress(ValueError, OSError):  # above the hard limit: leave it as it is
            resource.setrlimit(resource.RLIMIT_AS, (backstop, backstop))


def _silence_stderr() -> None:
    """PDFium writes its repairs to C stderr ("Invalid MediaBox…, defaulting to US Letter"):
    the command's promise is one line per failure, and what went wrong comes back through the
    pipe, so the worker's stderr goes nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


@dataclass
class _Running:
    path: Path
    process: BaseProcess
    conn: Connection
    started: float


def stop(process: BaseProcess) -> None:
    """Kill the worker and whatever it started (its process group). A process whose start was
    interrupted (Ctrl-C while the fork server forked it) has no pid and nothing to kill: killing
    it anyway raised AttributeError over the interrupt, and the user got "unexpected" for Ctrl-C."""
    pid = process.pid
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    process.kill()
    process.join()


def _failure(path: Path, reason: str, limits: Limits) -> str:
    if reason == "timeout":
        return f"{path}: stopped after {limits.timeout:g} s (--timeout)"
    if reason == "memory":
        return f"{path}: {memory_needed(limits)}"
    return f"{path}: {reason}"


def memory_needed(limits: Limits) -> str:
    size = human_size(limits.max_memory) if limits.max_memory else "the memory available"
    return f"needed more than {size} of memory (--max-memory)"


def why_it_ended(process: BaseProcess, limits: Limits, name: str) -> str:
    """Why a worker (``name``: the reader, the drawing process) ended without its result."""
    code = process.exitcode
    # Out of address space, PDFium aborts rather than returning an error: a worker killed by a
    # signal under a memory ceiling is reported as what it almost always is.
    signalled = code is not None and code < 0
    died = f"signal {signal.Signals(-code).name}" if code is not None and signalled else f"exit code {code}"
    if limits.max_memory and signalled:
        return f"needed more than {human_size(limits.max_memory)} of memory (--max-memory; the {name} ended by {died})"
    return f"the {name} crashed ({died})"


def _finish(job: _Running, limits: Limits, over: bool = False) -> FileResult:
    """The result of a worker that has ended (``over``: stopped by the memory watch)."""
    seconds = time.perf_counter() - job.started
    result: Any = None
    if job.conn.poll():
        try:
            result = job.conn.recv()
        except (EOFError, OSError):
            result = None
    job.process.join(timeout=5)
    if job.process.is_alive():
        stop(job.process)
    job.conn.close()
    if isinstance(result, FileResult):
        result.seconds = seconds
        return result
    if over:  # killed by the memory watch: whatever else ended it, that is why
        result = "memory"
    if isinstance(result, str):
        return FileResult(job.path, None, _failure(job.path, result, limits), seconds)
    return FileResult(job.path, None, f"{job.path}: {why_it_ended(job.process, limits, 'reader')}", seconds)


def extract_bounded(
    paths: Sequence[Path],
    engine: Engine,
    jobs: int,
    limits: Limits,
    progress: Callable[[FileResult], None],
    meanwhile: Callable[[], None] = lambda: None,
) -> list[FileResult]:
    """Every file in its own worker, at most ``jobs`` at once; results in the order of ``paths``.

    With one file, ``jobs`` goes to that file's page workers instead (as before).
    ``meanwhile`` runs once in this process after the first workers start (work that would
    otherwise wait for them).
    """
    ctx = process_context()
    watch = MemoryWatch(limits.max_memory)
    pending = list(enumerate(paths))
    running: dict[int, _Running] = {}
    results: dict[int, FileResult] = {}
    slots = max(1, jobs if len(paths) > 1 else 1)
    page_jobs = jobs if len(paths) == 1 else 1
    try:
        while pending or running:
            while pending and len(running) < slots:
                i, path = pending.pop(0)
                receive, send = ctx.Pipe(duplex=False)
                p = ctx.Process(target=_child, args=(send, path, engine, page_jobs, limits.max_memory), daemon=False)
                p.start()
                watch.add(p.pid)
                send.close()
                running[i] = _Running(path, p, receive, time.perf_counter())
            meanwhile()
            meanwhile = _nothing
            now = time.perf_counter()
            deadlines = [j.started + limits.timeout - now for j in running.values()] if limits.timeout else []
            wait_for = max(0.0, min(deadlines)) if deadlines else None
            ready = wait([j.conn for j in running.values()] + [j.process.sentinel for j in running.values()], wait_for)
            for i, job in list(running.items()):
                timed_out = limits.timeout is not None and time.perf_counter() - job.started >= limits.timeout
                if job.conn in ready or job.process.sentinel in ready:
                    results[i] = _finish(job, limits, watch.over(job.process.pid))
                elif timed_out:
                    stop(job.process)
                    job.conn.close()
                    results[i] = _timed_out(job, limits)
                else:
                    continue
                watch.discard(job.process.pid)
                del running[i]
                progress(results[i])
    finally:
        for job in running.values():  # interrupted (Ctrl-C): leave no worker behind
            stop(job.process)
    return [results[i] for i in range(len(paths))]


def _nothing() -> None:
    pass


def _timed_out(job: _Running, limits: Limits) -> FileResult:
    return FileResult(job.path, None, _failure(job.path, "timeout", limits), time.perf_counter() - job.started)
