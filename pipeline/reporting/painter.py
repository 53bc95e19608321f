"""The report's pictures, drawn in a process of their own while this one writes the tables.

Why a process, not a thread: drawing (PDFium rendering, PNG encoding) takes about as long as
writing the tables, and on a thread both would share one interpreter; in a process they run
side by side. The process also gets the readers' limits (``Limits``): a page that renders
forever or eats memory costs the report its pictures, never the dataset.

It starts while the files are read and draws their pages whole meanwhile (``start``: a
prefetch, asked for nothing yet). What to draw is asked once, when the checks have said which
rows to show (``request``: the report's list), and gathered once (``collect``); every picture
is cut from the pages drawn ahead (``pictures.Canvas``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType

from ..running.resident import MemoryWatch
from ..running.worker import Limits, confine, cpu_seconds, memory_needed, peak_mb, process_context, stop, why_it_ended
from .pictures import OPEN_FILES, PREPARED_PAGES, FilePictures

Drawn = tuple[dict[str, bytes], list[str]]  # pictures by name, and what could not be drawn


class Painter:
    """A drawing process, started on first use; ``collect`` gathers what was requested."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None
        self.waiting: list[Path] = []  # the file of each job sent and not yet collected
        self.sent = False  # whether any job was sent (an idle process is not waited for)
        self.peak_mb = 0.0  # the process's peak resident memory, as it last reported
        self.cpu_seconds = 0.0  # the process's CPU time, as it last reported (``make bench``)
        self.watch = MemoryWatch(limits.max_memory)  # kills it past the cap (``why_it_ended`` says so)

    def start(self, prepare: Sequence[Path] = ()) -> None:
        """Start the process; it draws the pages of ``prepare`` whole until the first job."""
        if self.process is None:
            ctx = process_context()
            self.conn, child = ctx.Pipe()
            args = (child, self.limits.max_memory, tuple(prepare))
            self.process = ctx.Process(target=_paint, args=args, daemon=True)
            self.process.start()
            self.watch.add(self.process.pid)
            child.close()

    def request(self, jobs: Sequence[FilePictures]) -> None:
        """Ask for pictures, a file's at a time; they are drawn while this process goes on,
        and answered in this order (``collect``)."""
        for path, pictures in jobs:
            if not pictures:
                continue
            self.start()
            assert self.conn is not None
            with contextlib.suppress(OSError):  # the process has died: ``collect`` will say so
                self.conn.send((path, tuple(pictures)))
            self.waiting.append(path)
            self.sent = True

    def collect(self) -> Drawn:
        """Every picture requested so far, waiting at most the timeout (from now) for them."""
        images: dict[str, bytes] = {}
        warnings: list[str] = []
        deadline = time.monotonic() + self.limits.timeout if self.limits.timeout else None
        for n in range(len(self.waiting)):
            assert self.conn is not None
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                if not self.conn.poll(left):
                    why = f"stopped after {self.limits.timeout:g} s (--timeout)"
                else:
                    drawn, problems, peak, self.cpu_seconds = self.conn.recv()
                    self.peak_mb = max(self.peak_mb, peak)
                    images.update(drawn)
                    warnings += problems
                    continue
            except (EOFError, OSError):
                why = self._ended()
            self.close()
            # One line per file whose pictures are lost (a file has up to two jobs).
            warnings += [f"{p}: pictures not drawn: {why}" for p in dict.fromkeys(self.waiting[n:])]
            break
        self.waiting = []
        # A file that cannot be drawn says so for each of its jobs: once is enough.
        return images, list(dict.fromkeys(warnings))

    def _ended(self) -> str:
        """Why the process ended early, as a phrase."""
        assert self.process is not None
        self.process.join(timeout=5)
        return why_it_ended(self.process, self.limits, "drawing process")

    def close(self) -> None:
        """Let the process go. Idle, it is told to end and not waited for (it exits as soon as
        it reads that, while this process writes); with work still queued, or when no job was
        ever sent (it may still be drawing pages ahead), it is stopped."""
        if self.process is not None and self.conn is not None:
            if self.waiting or not self.sent:  # unwanted work, or pages drawn for nothing
                stop(self.process)
            else:
                with contextlib.suppress(OSError, ValueError):
                    self.conn.send(None)
            self.conn.close()
        self.process, self.conn = None, None

    def __enter__(self) -> Painter:
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _paint(conn: Connection, max_memory: int | None, prepare: tuple[Path, ...]) -> None:
    """The drawing process: draw the files' pages whole while there is nothing else to do,
    then each (file, pictures) job received, until None or EOF."""
    confine(max_memory)
    # Loaded now, while the readers work, not when the first job arrives.
    import PIL.Image  # noqa: F401
    import pypdfium2  # noqa: F401

    from .pictures import Canvas

    with Canvas() as canvas:
        budget = PREPARED_PAGES  # pages drawn ahead, over all the files
        for path in prepare[:OPEN_FILES]:
            budget -= canvas.prepare(path, busy=conn.poll, max_pages=budget)
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            path, pictures = job
            try:
                drawn, problems = canvas.draw(path, pictures)
            except MemoryError:
                drawn, problems = {}, [f"{path}: pictures not drawn: {memory_needed(Limits(None, max_memory))}"]
            conn.send((drawn, problems, peak_mb(), cpu_seconds()))
