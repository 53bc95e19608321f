"""The report's pictures as a reader sees them: legible, with the table's column titles, the
flagged cells outlined in a colour the page never uses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from extract import Extraction
from normalize.checks import Anomaly, anomalies
from pipeline.dataset import Dataset
from pipeline.reporting.pictures import CROP_DPI, OUTLINE, OVERVIEW_DPI, Canvas, Picture
from pipeline.reporting.report import anomaly_pictures, page_pictures, titles_for
from pipeline.running.worker import FileResult

from .helpers import RAW_PDF


@pytest.fixture(scope="module")
def result(committed: Extraction) -> FileResult:
    return FileResult(RAW_PDF, committed)


@pytest.fixture(scope="module")
def found(dataset: Dataset) -> list[Anomaly]:
    return anomalies(dataset.measures)


@pytest.fixture(scope="module")
def crops(result: FileResult, found: list[Anomaly]) -> dict[Anomaly, Picture]:
    return anomaly_pictures(result, found)


def drawn(pictures: list[Picture]) -> dict[str, Image.Image]:
    with Canvas() as canvas:
        images, warnings = canvas.draw(RAW_PDF, pictures)
    assert not warnings
    return {name: Image.open(io.BytesIO(data)).convert("RGB") for name, data in images.items()}


def red_pixels(image: Image.Image) -> int:
    return {color: n for n, color in image.getcolors(1 << 16) or []}.get(OUTLINE, 0)


def test_pages_and_crops_are_drawn_where_4_pt_text_is_8_pixels_tall() -> None:
    assert OVERVIEW_DPI == CROP_DPI >= 150  # one drawing per page serves both


def test_a_page_picture_includes_its_header_row(result: FileResult) -> None:
    assert result.extraction is not None
    headers = {r.page: r.header_box for r in result.extraction.reports}
    assert headers[1] is not None and headers[6] is None  # page 6 continues the plan table
    for pic in page_pictures(result):
        box = headers[pic.page]
        if box is not None:
            assert pic.region[1] <= box[1] and pic.region[3] >= box[3], pic.page


def test_a_page_picture_outlines_the_flagged_cells_in_red_and_nothing_else(
    result: FileResult, crops: dict[Anomaly, Picture]
) -> None:
    pages = {p.page: p for p in page_pictures(result, crops.values())}
    no16 = next(pic for a, pic in crops.items() if a.program_no == 16)
    assert set(no16.outlines) <= set(pages[1].outlines)
    assert not pages[6].outlines  # no anomaly on the plan's pages
    images = drawn([pages[1], pages[6]])
    assert red_pixels(images[pages[1].name]) > 0
    assert red_pixels(images[pages[6].name]) == 0  # the page drawn in grey never uses the red


def test_an_anomaly_crop_shows_its_table_s_column_titles_above_the_row(
    result: FileResult, crops: dict[Anomaly, Picture]
) -> None:
    assert result.extraction is not None
    no64 = next(pic for a, pic in crops.items() if a.program_no == 64)  # page 3
    assert no64.titles is not None and no64.titles_page == 3
    (image,) = drawn([no64]).values()
    row_px = round((no64.region[3] - no64.region[1]) * CROP_DPI / 72)
    titles_px = round((no64.titles[3] - no64.titles[1]) * CROP_DPI / 72)
    assert abs(image.height - (row_px + titles_px + 6)) <= 2
    # The outline is below the titles: it marks the row's cells, not the column titles.
    top = min(y for y in range(image.height) if any(image.getpixel((x, y)) == OUTLINE for x in range(image.width)))
    assert top > titles_px


def test_a_row_on_a_page_without_header_takes_the_titles_of_the_page_that_printed_them(
    result: FileResult,
) -> None:
    assert result.extraction is not None
    reports = result.extraction.reports
    assert titles_for(reports, 7) == (5, next(r.header_box for r in reports if r.page == 5))
    assert titles_for(reports, 1) == (1, reports[0].header_box)


def test_crops_are_named_by_their_row(crops: dict[Anomaly, Picture]) -> None:
    assert all(Path(pic.name).parent.name == "anomalies" for pic in crops.values())
    assert len(crops) == 18
