"""Writing the dataset: tables as CSV and Parquet, the Data Package, and the atomic swap (``publishing``)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .outdir import check_out_dir, write_manifest

# The models (pydantic) and pyarrow are imported where they are used, not here: the build checks
# --out with this module before its workers start, and they should start at once.
if TYPE_CHECKING:
    from schemas import Record
    from schemas.provenance import Source

    from .columns import Columns

    Tables = Mapping[str, Sequence[Record]]


def tables_as_columns(tables: Tables) -> dict[str, Columns]:
    """Every table as columns, made once for all the formats written from it."""
    from .columns import columns

    return {name: columns(name, records) for name, records in tables.items()}


def write_tables(out_dir: Path, tables: Mapping[str, Columns], sources: Sequence[Source] = ()) -> None:
    from schemas import datapackage
    from schemas.datapackage import CSV_ENCODING

    from .columns import write_csv, write_parquet

    for name, table in tables.items():
        # A BOM: Excel on Japanese Windows reads a BOM-less CSV as Shift-JIS (mojibake), while
        # pandas, pyarrow, DuckDB and frictionless skip it. See the README.
        write_csv(out_dir / f"{name}.csv", table, CSV_ENCODING)
        write_parquet(out_dir / f"{name}.parquet", table)
    (out_dir / "datapackage.json").write_text(
        json.dumps(datapackage(held=held_tables(tables), sources=sources), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )


def held_tables(tables: Mapping[str, Columns]) -> list[tuple[int, str]]:
    """The (fiscal year, table) pairs the dataset holds, for the package's title and description."""
    measures = tables.get("measures")
    if measures is None or not measures.rows:
        return []
    years, kinds = (measures.values[measures.names.index(name)] for name in ("fiscal_year", "table"))
    return sorted({(int(y), str(t)) for y, t in zip(years, kinds, strict=True)})


def write_dictionary(out_dir: Path, sources: Sequence[Source], built_at: datetime) -> None:
    """README.md beside the data: every column of every table, generated from the models."""
    from schemas.dictionary import markdown

    (out_dir / "README.md").write_text(markdown(sources, built_at.isoformat()), encoding="utf-8")


def workbook_name() -> str:
    from schemas import datapackage

    return f"{datapackage()['name']}.xlsx"


def write_dataset_workbook(
    out_dir: Path,
    tables: Mapping[str, Columns],
    anomalies: Sequence[Any],
    sources: Sequence[Source],
    built_at: datetime,
) -> None:
    """The Excel workbook, from the same columns as the CSV and Parquet files; ``built_at`` from
    ``buildtime.build_time``, never the clock, so that a rebuild gives the same bytes."""
    from schemas.dictionary import columns

    from .workbook import write_workbook

    write_workbook(
        out_dir / workbook_name(),
        tables=tables,
        anomalies=anomalies,
        sources=sources,
        built_at=built_at,
        version=project_version(),
        dictionary=columns(),
    )


def project_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("iizuka-suicide-plan")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def write_files(out_dir: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, content in files.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


@contextmanager
def publishing(out: Path, sources: Sequence[Path] = ()) -> Iterator[Path]:
    """A temporary directory beside ``out`` to write everything into, swapped in whole when
    the block ends without an error (and removed in any case).

    Two renames on one filesystem: a failed or interrupted run leaves the previous output
    exactly as it was, and readers never see half a dataset.
    """
    check_out_dir(out, sources)  # again: the directory may have changed while the files were read
    # A link to the output directory stays a link: the directory it names is the one replaced.
    # Resolved in any case, so that `a/..` or a relative path name the directory, not a name.
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the published directory is not
    try:
        yield tmp
        write_manifest(tmp)
        replace_dir(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def replace_dir(tmp: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    if old.exists():
        shutil.rmtree(old)
