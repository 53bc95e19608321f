"""The build's stages, as ``make bench`` breaks a build down: each timed once."""

from __future__ import annotations

from pipeline.running.stages import Stopwatch


def spin(seconds: float) -> None:
    import time

    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_stage_inside_another_is_not_counted_twice() -> None:
    watch = Stopwatch()
    with watch.stage("outer"):
        spin(0.02)
        with watch.stage("inner"):
            spin(0.1)
    inner, outer = watch.stages
    assert (inner.name, outer.name) == ("inner", "outer")
    assert inner.cpu >= 0.1
    assert 0.02 <= outer.cpu < 0.1  # its own work only


def test_stages_are_listed_in_the_order_they_ended_with_the_process_named() -> None:
    watch = Stopwatch()
    for name in ("a", "b"):
        with watch.stage(name):
            pass
    assert [(s.name, s.process) for s in watch.stages] == [("a", "build"), ("b", "build")]
