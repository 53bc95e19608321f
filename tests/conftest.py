"""Session fixtures: each PDF is extracted once for the whole run, whichever tests use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import Extraction, extract
from pipeline.dataset import Dataset, build_dataset

from .helpers import RAW_PDF, Extracted, Tables, mark_as_written


@pytest.fixture(scope="session")
def extracted() -> Extracted:
    """``extracted(path)``: the extraction of a PDF, made once per session (default engine)."""
    cache: dict[Path, Extraction] = {}

    def get(path: Path) -> Extraction:
        if path not in cache:
            cache[path] = extract(path)
        return cache[path]

    return get


@pytest.fixture(scope="session")
def committed(extracted: Extracted) -> Extraction:
    return extracted(RAW_PDF)


@pytest.fixture(scope="session")
def dataset(committed: Extraction) -> Dataset:
    return build_dataset([committed])


@pytest.fixture(scope="session")
def tables(dataset: Dataset) -> Tables:
    return dataset.tables()


@pytest.fixture
def previous_output(tmp_path: Path) -> Path:
    """An earlier run's --out directory, which a failed run must leave byte for byte."""
    out = tmp_path / "clean"
    mark_as_written(out)
    (out / "measures.csv").write_bytes(b"fiscal_year,table\n2020,results\n")
    (out / "quality.md").write_text("# earlier run\n", encoding="utf-8")
    return out
