"""What each stage of a build cost, in CPU and wall-clock seconds (``make bench``'s breakdown).

A build spreads its work over processes: this one, the readers and the drawing process (forked
from a fork server, so not this process's children). Each stage is timed where it runs: this
process's stages by its own clock, the readers' and the painter's by what they report of their
own CPU. What none of them counts (the interpreter's start, the fork server's imports) is the
difference between a build's total, measured from outside (``scripts.benchmark``), and the sum.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stage:
    name: str
    cpu: float  # seconds of CPU, user and system, of the process that ran it
    wall: float  # seconds of wall clock (stages of different processes overlap)
    process: str = "build"  # which process ran it: "build", "readers" or "painter"


@dataclass
class Stopwatch:
    """The stages of one build, in the order they ended. A stage run inside another (imports
    while waiting for the readers) is not counted again in the one around it."""

    stages: list[Stage] = field(default_factory=list)
    _inner: list[list[float]] = field(default_factory=list)  # per open stage: its inner stages' cpu, wall

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        cpu, wall = time.process_time(), time.perf_counter()
        self._inner.append([0.0, 0.0])
        try:
            yield
        finally:
            inner_cpu, inner_wall = self._inner.pop()
            spent_cpu, spent_wall = time.process_time() - cpu, time.perf_counter() - wall
            if self._inner:
                self._inner[-1][0] += spent_cpu
                self._inner[-1][1] += spent_wall
            self.stages.append(Stage(name, spent_cpu - inner_cpu, spent_wall - inner_wall))

    def add(self, stage: Stage) -> None:
        self.stages.append(stage)
