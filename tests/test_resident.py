"""The memory cap is on resident memory: what a process touches counts, what it only reserves does not."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.running.resident import MemoryWatch, available, resident_bytes, resident_upper_bound

pytestmark = pytest.mark.skipif(not available(), reason="reads /proc")

MiB = 1024**2
READY = "import sys; sys.stdout.write('ready\\n'); sys.stdout.flush()"


def python(code: str) -> subprocess.Popen[str]:
    """A Python process running ``code`` then sleeping; returns once it says it is ready."""
    p = subprocess.Popen([sys.executable, "-c", f"{code}\n{READY}\nimport time; time.sleep(30)"],
                         stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert p.stdout is not None and p.stdout.readline() == "ready\n"
    return p


def ended_within(p: subprocess.Popen[str], seconds: float) -> bool:
    try:
        p.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_a_process_that_touches_more_than_the_cap_is_stopped() -> None:
    p = python("data = bytearray(300 * 1024 * 1024)")  # zero-filled: every page touched
    watch = MemoryWatch(128 * MiB, interval=0.02)
    try:
        watch.add(p.pid)
        assert ended_within(p, 5)
        assert p.returncode == -9 and watch.over(p.pid)
    finally:
        p.kill()


def test_address_space_reserved_but_not_touched_does_not_count() -> None:
    # What OpenCV's threads do for camelot: gigabytes reserved, a fraction used.
    p = python("import mmap; reserved = mmap.mmap(-1, 4 * 1024**3)")
    watch = MemoryWatch(256 * MiB, interval=0.02)
    try:
        watch.add(p.pid)
        used = resident_bytes(p.pid)
        assert used is not None and used < 256 * MiB
        assert not ended_within(p, 0.3) and not watch.over(p.pid)
    finally:
        p.kill()
        p.wait()


KID = "b = bytearray(200 * 1024**2); print('ready', flush=True); import time; time.sleep(30)"
PARENT = f"""import subprocess, sys, time
kid = subprocess.Popen([sys.executable, "-c", {KID!r}], stdout=subprocess.PIPE, text=True)
print(kid.pid, kid.stdout.readline().strip(), flush=True)
time.sleep(30)
"""


def test_children_count_with_their_parent() -> None:
    # A page worker's memory is its file worker's too: the cap is on both together.
    p = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None
    kid_pid, ready = p.stdout.readline().split()
    try:
        assert ready == "ready"
        used = resident_bytes(p.pid)
        assert used is not None and used > 200 * MiB
    finally:
        subprocess.run(["kill", "-9", kid_pid], check=False)
        p.kill()
        p.wait()


def test_a_process_that_has_ended_reads_as_gone() -> None:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    time.sleep(0.05)
    assert resident_bytes(p.pid) is None


@pytest.mark.slow
def test_a_reader_past_the_cap_is_stopped_by_the_watch_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stream that inflates to 200 MB, under the preflight's bound: the reader's resident
    # memory passes 256 MiB long before its address space reaches the backstop (8 × 256 MiB).
    from pipeline.running import worker

    from . import pdfmaker as pm

    stopped: list[bool] = []

    class Spy(MemoryWatch):
        def over(self, pid: int | None) -> bool:
            stopped.append(super().over(pid))
            return stopped[-1]

    monkeypatch.setattr(worker, "MemoryWatch", Spy)
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(pm.flate_bomb(200))
    (result,) = worker.extract_bounded([pdf], "pdfium", 1, worker.Limits(60, 256 * MiB), lambda r: None)
    assert stopped == [True]
    assert result.error == f"{pdf}: needed more than 256 MiB of memory (--max-memory)"


def test_the_quick_bound_is_never_below_the_measure() -> None:
    """The watch skips the costly Pss walk while the resident set is under the cap: that is
    only right if the resident set is never less than Pss, here with memory shared by a parent
    and its child (a fork copies the parent's touched pages, shared until written)."""
    p = python(
        "import os; data = bytearray(64 * 1024 * 1024); pid = os.fork()\nif pid == 0: __import__('time').sleep(30)"
    )
    try:
        bound, used = resident_upper_bound(p.pid), resident_bytes(p.pid)
        assert bound is not None and used is not None
        assert bound >= used > 64 * MiB
    finally:
        p.kill()
