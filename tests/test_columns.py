"""The build writes CSV and Parquet without pandas (``pipeline.writing.columns``): the bytes are those
pandas writes from the same records, and pandas reads the Parquet files back with its nullable
dtypes, as analysts load them."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.writing.columns import Columns, columns, write_csv, write_parquet
from schemas import RESOURCES

from .helpers import Tables
from .pandas_frames import frame


@pytest.mark.parametrize("name", list(RESOURCES))
def test_csv_bytes_are_what_pandas_writes(tables: Tables, name: str, tmp_path: Path) -> None:
    write_csv(tmp_path / "t.csv", columns(name, tables[name]), "utf-8-sig")
    theirs = io.BytesIO()
    frame(name, tables[name]).to_csv(theirs, index=False, encoding="utf-8-sig", lineterminator="\n")
    assert (tmp_path / "t.csv").read_bytes() == theirs.getvalue()


@pytest.mark.parametrize("name", list(RESOURCES))
def test_parquet_bytes_are_what_pandas_writes(tables: Tables, name: str, tmp_path: Path) -> None:
    write_parquet(tmp_path / "ours.parquet", columns(name, tables[name]))
    frame(name, tables[name]).to_parquet(tmp_path / "theirs.parquet", index=False)
    assert (tmp_path / "ours.parquet").read_bytes() == (tmp_path / "theirs.parquet").read_bytes()


def test_pandas_reads_the_parquet_back_with_nullable_dtypes(tables: Tables, tmp_path: Path) -> None:
    write_parquet(tmp_path / "m.parquet", columns("measures", tables["measures"]))
    df = pd.read_parquet(tmp_path / "m.parquet")
    assert str(df["program_no"].dtype) == "Int64"
    assert str(df["achievement_pct"].dtype) == "Float64"
    assert df["achievement_pct"].isna().any()  # a missing rate is <NA>, not NaN in a float column
    pd.testing.assert_frame_equal(df, frame("measures", tables["measures"]))


FIELDS = [
    {"name": "i", "type": "integer"},
    {"name": "x", "type": "number"},
    {"name": "s", "type": "string"},
    {"name": "b", "type": "boolean"},
]
VALUES = {
    "i": st.none() | st.integers(-(2**63), 2**63 - 1),
    "x": st.none() | st.floats(allow_nan=False, allow_infinity=False),
    "s": st.none() | st.text(alphabet=st.characters(codec="utf-8")),
    "b": st.none() | st.booleans(),
}
ROWS = st.lists(st.fixed_dictionaries(VALUES), max_size=6)


def as_frame(table: Columns) -> pd.DataFrame:
    dtypes = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}
    return pd.DataFrame(
        {f["name"]: pd.array(v, dtype=dtypes[f["type"]]) for f, v in zip(table.fields, table.values, strict=True)}
    )


@given(ROWS)
def test_any_values_are_written_as_pandas_writes_them(rows: list[dict[str, object]]) -> None:
    """Quoting (commas, quotes, line breaks), empty text against a missing value, floats by their
    repr, the largest integers, empty tables: byte for byte, both formats."""
    table = Columns(FIELDS, [[row[f["name"]] for row in rows] for f in FIELDS])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_csv(out / "t.csv", table, "utf-8")
        theirs = io.BytesIO()
        as_frame(table).to_csv(theirs, index=False, encoding="utf-8", lineterminator="\n")
        assert (out / "t.csv").read_bytes() == theirs.getvalue()
        write_parquet(out / "ours.parquet", table)
        as_frame(table).to_parquet(out / "theirs.parquet", index=False)
        assert (out / "ours.parquet").read_bytes() == (out / "theirs.parquet").read_bytes()
