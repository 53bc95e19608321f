"""The tables as columns of plain values, and their CSV and Parquet files, without pandas.

pandas stays the analysts' tool (the README's examples use it), but a build does not need it:
importing it costs more CPU (~0.5 s, numpy included) than reading the whole report. The columns
here are what CSV, Parquet and the workbook are all written from, made once per table. The bytes
are those pandas wrote before (``DataFrame.to_csv`` and ``to_parquet`` over nullable dtypes):
pandas writes CSV through the standard library's ``csv`` module, floats by ``repr``, and Parquet
through pyarrow with its own schema metadata, which ``pandas_metadata`` writes by pandas'
documented format, so that ``pandas.read_parquet`` still gives nullable Int64/Float64/string
columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemas import Record

# Each Frictionless type as pandas' nullable dtype named it, and pyarrow's type for it (pandas
# 3's string dtype is a large_string in Arrow).
PANDAS_TYPES = {  # field type → (pandas_type, numpy_type) in pandas' Parquet metadata
    "integer": ("int64", "Int64"),
    "number": ("float64", "Float64"),
    "string": ("object", "string"),
    "boolean": ("bool", "boolean"),
}


@dataclass(frozen=True)
class Columns:
    """One table: its schema's fields (``table_schema(model)["fields"]``) and, per field, the
    column's values (Python ints, floats, strings, bools, None for a missing value)."""

    fields: list[dict[str, Any]]
    values: list[list[Any]]

    @property
    def names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def rows(self) -> int:
        return len(self.values[0]) if self.values else 0


def columns(name: str, records: Sequence[Record]) -> Columns:
    """Records → the table's columns, in model order, as their JSON values (enums by value)."""
    from schemas import RESOURCES
    from schemas.datapackage import table_schema

    fields = table_schema(RESOURCES[name][0])["fields"]
    dumped = [r.model_dump(mode="json") for r in records]
    return Columns(fields, [[row[f["name"]] for row in dumped] for f in fields])


def csv_cell(value: Any) -> Any:
    """A value as pandas wrote it: missing as empty, a float by its repr (``1.0``, ``0.6``)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return value


def write_csv(path: Path, table: Columns, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(table.names)
        out.writerows(zip(*([csv_cell(v) for v in column] for column in table.values), strict=True))


def pandas_metadata(table: Columns) -> bytes:
    """The ``pandas`` key of a Parquet file's schema metadata, as ``DataFrame.to_parquet``
    writes it (pandas' "Storing pandas DataFrame objects in Apache Parquet format")."""
    described = []
    for f in table.fields:
        pandas_type, numpy_type = PANDAS_TYPES[f["type"]]
        described.append(
            {"name": f["name"], "field_name": f["name"], "pandas_type": pandas_type, "numpy_type": numpy_type,
             "metadata": None}
        )  # fmt: skip
    return json.dumps(
        {
            "index_columns": [],
            "column_indexes": [],
            "columns": described,
            "attributes": {},
            "creator": {"library": "pyarrow", "version": metadata.version("pyarrow")},
            "pandas_version": metadata.version("pandas"),
        }
    ).encode()


def write_parquet(path: Path, table: Columns) -> None:
    """The table through pyarrow's JSON reader, which builds its arrays in C++. ``pa.array`` over
    Python lists would do the same, but imports pandas on its first call (pyarrow's pandas shim
    asks whether each input is a Series), and that import costs more than the whole write."""
    import pyarrow as pa
    import pyarrow.json as pa_json
    import pyarrow.parquet as pq

    types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.large_string(), "boolean": pa.bool_()}
    schema = pa.schema([pa.field(f["name"], types[f["type"]]) for f in table.fields])
    if table.rows:
        lines = (json.dumps(dict(zip(table.names, row, strict=True))) for row in zip(*table.values, strict=True))
        source = ("\n".join(lines) + "\n").encode()
        arrow = pa_json.read_json(io.BytesIO(source), parse_options=pa_json.ParseOptions(explicit_schema=schema))
    else:
        arrow = pa.Table.from_batches([], schema=schema)  # (schema.empty_table() imports pandas too)
    pq.write_table(arrow.replace_schema_metadata({b"pandas": pandas_metadata(table)}), path)
