"""The memory cap (``--max-memory``) as resident memory, watched from outside the worker.

Why not the address space (RLIMIT_AS), as before: libraries reserve address space they never
touch. OpenCV and its threads reserve gigabytes for camelot, which uses about 600 MB, so an
address-space cap failed a report that fits in memory many times over. Resident memory is what
a reader really takes from the machine.

Why from outside: a reader stuck in C code, allocating, cannot check itself. A thread of the
parent reads each worker's resident memory every ``INTERVAL`` seconds and kills the worker's
process group once it passes the cap; the parent then reports it in the usual one line. The
measure is the proportional set size (Pss), summed over the worker and its children (page
workers): a page shared by several processes (the imports the fork server made, the libraries)
is divided among them, so a worker is not charged for memory it shares, nor twice with its
page workers. Where /proc is missing (not Linux), nothing is watched: only the worker's
address-space backstop (``worker.confine``) holds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

INTERVAL = 0.05  # seconds between two readings: a reader faults in at most a few hundred MB meanwhile
PROC = Path("/proc")


def resident_bytes(pid: int) -> int | None:
    """A process's resident memory with its descendants', in bytes; None once it has gone."""
    return _tree_sum(pid, _pss)


def resident_upper_bound(pid: int) -> int | None:
    """At least ``resident_bytes(pid)``, read for a fraction of its cost: each process's whole
    resident set (statm), shared pages counted in full. Pss walks every mapping (milliseconds
    for a reader with PDFium loaded, twenty times a second); statm is one number."""
    return _tree_sum(pid, _rss)


def _tree_sum(pid: int, measure: Callable[[int], int | None]) -> int | None:
    total = 0
    seen = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        own = measure(p)
        if own is None:
            if p == pid:
                return None
            continue  # a child that ended meanwhile
        total += own
        todo.extend(_children(p))
    return total


def _pss(pid: int) -> int | None:
    """Pss from smaps_rollup (Linux 4.14+), else resident pages from statm; None if gone (or a
    zombie, whose memory is already freed)."""
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        text = ""
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return _rss(pid)


def _rss(pid: int) -> int | None:
    """Resident pages from statm, in bytes; None if gone (or a zombie)."""
    try:
        pages = int((PROC / str(pid) / "statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") if pages else None


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in (PROC / str(pid) / "task").iterdir():
            with contextlib.suppress(OSError, ValueError):
                found += [int(c) for c in (task / "children").read_text().split()]
    return found


def available() -> bool:
    """Can this machine's processes be watched (Linux's /proc)?"""
    return (PROC / str(os.getpid()) / "statm").exists()


class MemoryWatch:
    """Kills each watched process (and its process group) whose resident memory passes ``cap``.

    A daemon thread, started with the first process added and ended when none is left, so
    that its owner needs no cleanup: a process that ends is dropped when it can no longer be
    read. ``over(pid)`` tells afterwards whether the watch stopped that process.
    """

    def __init__(self, cap: int | None, interval: float = INTERVAL) -> None:
        self.cap = cap
        self.interval = interval
        self._lock = threading.Lock()
        self._watched: set[int] = set()
        self._over: set[int] = set()
        self._thread: threading.Thread | None = None

    def add(self, pid: int | None) -> None:
        if not self.cap or pid is None or not available():
            return
        with self._lock:
            self._watched.add(pid)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="memory-watch", daemon=True)
                self._thread.start()

    def discard(self, pid: int | None) -> None:
        with self._lock:
            self._watched.discard(pid)

    def over(self, pid: int | None) -> bool:
        with self._lock:
            return pid in self._over

    def _run(self) -> None:
        assert self.cap is not None
        while True:
            time.sleep(self.interval)
            with self._lock:
                pids = sorted(self._watched)
            for pid in pids:
                bound = resident_upper_bound(pid)
                if bound is not None and bound <= self.cap:
                    continue  # under the cap for certain: Pss is never more than the resident set
                used = resident_bytes(pid)
                if used is not None and used <= self.cap:
                    continue
                with self._lock:
                    self._watched.discard(pid)
                    if used is not None:
                        self._over.add(pid)
                if used is not None:
                    kill_group(pid)
            with self._lock:
                if not self._watched:
                    self._thread = None
                    return


def kill_group(pid: int) -> None:
    """SIGKILL to the process's group (it and the page workers it started), or to it alone if
    it has not made its own group yet."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
