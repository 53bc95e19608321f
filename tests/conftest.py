"""Session fixtures: each PDF is extracted once for the whole run, whichever tests use it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extract import Extraction, extract
from pipeline.build import Dataset, build_dataset

from .helpers import RAW_PDF


@pytest.fixture(scope="session")
def extracted() -> Callable[[Path], Extraction]:
    """``extracted(path)``: the extraction of a PDF, made once per session (default engine)."""
    cache: dict[Path, Extraction] = {}

    def get(path: Path) -> Extraction:
        if path not in cache:
            cache[path] = extract(path)
        return cache[path]

    return get


@pytest.fixture(scope="session")
def committed(extracted: Callable[[Path], Extraction]) -> Extraction:
    return extracted(RAW_PDF)


@pytest.fixture(scope="session")
def dataset(committed: Extraction) -> Dataset:
    return build_dataset([committed])


@pytest.fixture(scope="session")
def tables(dataset: Dataset) -> dict:
    return dataset.tables()
