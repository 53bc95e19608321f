"""A build goes one way: read → normalise → check → write → report → publish. What quality.md
shows is decided once, from the checked dataset, and the drawing process is asked for it once."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

import pipeline.reporting.painter
from extract import Extraction
from pipeline.cli import main
from pipeline.dataset import Checked, Dataset, check
from pipeline.reporting.pictures import FilePictures
from pipeline.reporting.report import overview_name, pictures_to_draw
from pipeline.running.worker import FileResult

from .helpers import RAW_PDF


def names(jobs: Sequence[FilePictures]) -> list[str]:
    return [pic.name for _, pictures in jobs for pic in pictures]


@pytest.fixture(scope="module")
def checked(dataset: Dataset) -> Checked:
    return check(dataset)


@pytest.fixture(scope="module")
def read(committed: Extraction) -> list[FileResult]:
    return [FileResult(RAW_PDF, committed)]


def test_the_report_lists_each_page_and_each_flagged_row_once(
    committed: Extraction, checked: Checked, read: list[FileResult]
) -> None:
    shown = pictures_to_draw(read, checked.anomalies)
    listed = names(shown.jobs)
    assert len(listed) == len(set(listed))
    pages = {overview_name(str(RAW_PDF), p.page) for p in committed.reports}
    assert len(pages) == 8
    # Every anomaly that names a row has its picture; those of a whole program have none.
    on_rows = [a for a in checked.anomalies if a.department_seq is not None]
    assert on_rows and set(shown.rows) == set(on_rows)
    assert set(listed) == pages | set(shown.rows.values())
    # The pages first, then the rows: the order quality.md shows them in.
    assert [path for path, _ in shown.jobs] == [RAW_PDF, RAW_PDF]
    assert {n.split("/")[0] for n in names(shown.jobs[:1])} == {"pages"}
    assert {n.split("/")[0] for n in names(shown.jobs[1:])} == {"anomalies"}


def test_a_row_flagged_twice_is_drawn_once_as_its_last_flag_asks(checked: Checked, read: list[FileResult]) -> None:
    first = next(a for a in checked.anomalies if a.department_seq is not None and a.fields)
    second = dataclasses.replace(first, kind="another check", fields=())
    for flags, outlined in (([first, second], False), ([second, first], True)):
        shown = pictures_to_draw(read, flags)
        (crops,) = [pictures for pictures in (p for _, p in shown.jobs) if pictures[0].name.startswith("anomalies/")]
        assert len(crops) == 1
        assert bool(crops[0].outlines) is outlined
        assert shown.rows == {first: crops[0].name, second: crops[0].name}


def test_a_build_asks_for_its_pictures_once_and_writes_each_it_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[list[FilePictures]] = []
    request = pipeline.reporting.painter.Painter.request

    def spy(self: pipeline.reporting.painter.Painter, jobs: Sequence[FilePictures]) -> None:
        asked.append(list(jobs))
        request(self, jobs)

    monkeypatch.setattr(pipeline.reporting.painter.Painter, "request", spy)
    out = tmp_path / "clean"
    assert main(["--quiet", "--out", str(out), str(RAW_PDF)]) == 0
    assert len(asked) == 1
    requested = names(asked[0])
    assert len(requested) == len(set(requested))
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.png"))
    assert sorted(requested) == written
    assert any(n.startswith("pages/") for n in written) and any(n.startswith("anomalies/") for n in written)
    links = re.findall(r"\]\(((?:pages|anomalies)/[^)]+)\)", (out / "quality.md").read_text(encoding="utf-8"))
    assert set(links) == set(written)
