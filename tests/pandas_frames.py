"""Tables as pandas DataFrames, the way the build wrote them before it stopped importing pandas:
the oracle its own CSV and Parquet writers (``pipeline.writing.columns``) are held to."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from schemas import RESOURCES, Record
from schemas.datapackage import table_schema

PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}


def frame(name: str, records: Sequence[Record]) -> pd.DataFrame:
    """Records → a DataFrame with the model's columns and nullable dtypes, in model order."""
    fields = table_schema(RESOURCES[name][0])["fields"]
    df = pd.DataFrame.from_records([r.model_dump(mode="json") for r in records], columns=[f["name"] for f in fields])
    return df.astype({f["name"]: PANDAS_DTYPES[f["type"]] for f in fields})
