"""Frictionless Data Package descriptor, generated from the pydantic models."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from enum import Enum
from typing import Any, Literal

from .models import RESOURCES, Record
from .provenance import Source

_TYPES = {int: "integer", float: "number", str: "string", bool: "boolean"}
# The CSV files' encoding, as declared here and as written (pipeline.writing.output): UTF-8 with a BOM,
# so that Excel on Japanese Windows does not read them as Shift-JIS.
CSV_ENCODING = "utf-8-sig"
# The package's name: also how the pipeline recognises an --out directory it wrote itself.
PACKAGE_NAME = "iizuka-suicide-countermeasure-plan-progress"


def field_type(annotation: Any) -> tuple[str, bool, list[Any] | None]:
    """Frictionless type, whether null is allowed, and allowed values (for a Literal)."""
    args = typing.get_args(annotation)
    nullable = typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args
    if nullable:
        annotation = next(a for a in args if a is not type(None))
    if typing.get_origin(annotation) is Literal:
        return "string", nullable, list(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "string", nullable, [m.value for m in annotation]
    return _TYPES[annotation], nullable, None


def table_schema(model: type[Record]) -> dict[str, Any]:
    fields = []
    for name, info in model.model_fields.items():
        kind, nullable, enum = field_type(info.annotation)
        constraints: dict[str, Any] = {} if nullable else {"required": True}
        if enum:
            constraints["enum"] = enum
        for meta in info.metadata:
            for attr, key in (("ge", "minimum"), ("le", "maximum"), ("min_length", "minLength")):
                if getattr(meta, attr, None) is not None:
                    constraints[key] = getattr(meta, attr)
        field: dict[str, Any] = {"name": name, "type": kind, "title": info.title, "description": info.description}
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def resource_name(name: str, fmt: str) -> str:
    """CSV resources go by the table's name; the same table in another format gets a suffix."""
    return f"{name}-{fmt}" if fmt != "csv" else name


def keys(model: type[Record], fmt: str) -> dict[str, Any]:
    """primaryKey and foreignKeys from the model's declarations; a foreign key points at the
    table in the same format, so each format's resources validate on their own."""
    out: dict[str, Any] = {"primaryKey": list(model.primary_key)}
    if model.foreign_keys:
        out["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": resource_name(fk.resource, fmt), "fields": list(fk.fields)},
            }
            for fk in model.foreign_keys
        ]
    return out


def datapackage(
    formats: tuple[str, ...] = ("csv", "parquet"), held: Sequence[tuple[int, str]] = (), sources: Sequence[Source] = ()
) -> dict[str, Any]:
    """The descriptor; ``held``: the (fiscal year, table) pairs the data holds, which the title
    and description name; ``sources``: the PDFs read, each with its SHA-256 and what it is."""
    resources = []
    for name, (model, description) in RESOURCES.items():
        for fmt in formats:
            resources.append(
                {
                    "name": resource_name(name, fmt),
                    "path": f"{name}.{fmt}",
                    "format": fmt,
                    **({"mediatype": "text/csv", "encoding": CSV_ENCODING} if fmt == "csv" else {}),
                    "title": name,
                    "description": description,
                    "schema": {**table_schema(model), **keys(model, fmt)},
                }
            )
    return {
        "name": PACKAGE_NAME,
        "title": "飯塚市自殺対策計画 進捗状況" + (f"（{'・'.join(map(_era_title, held))}）" if held else ""),
        "description": f"Iizuka City's suicide-countermeasure plan: {_tables_named(held)}, read by geometry from "
        "the PDF files listed in sources (each says whether it is the city's original or a rebuild, and from "
        "what), normalised and validated." + _not_originals(sources),
        "licenses": [{"name": "other-at", "title": "Source: 飯塚市 (Iizuka City); see the city's terms of use"}],
        **({"sources": [s.package_entry() for s in sources]} if sources else {}),
        "resources": resources,
    }


_TABLE_TITLES = {"results": "実績", "plan": "計画"}


def _era_title(held: tuple[int, str]) -> str:
    """(2020, "results") → 令和2年度実績, as the reports name their tables (FY2019 is 令和元年度)."""
    year, table = held
    era, base = ("令和", 2018) if year >= 2019 else ("平成", 1988)
    n = year - base
    return f"{era}{'元' if n == 1 else n}年度{_TABLE_TITLES[table]}"


def _not_originals(sources: Sequence[Source]) -> str:
    """What the description must not leave to the sources list: files that are not the publisher's."""
    rebuilt = [s.name for s in sources if s.entry is not None and s.entry.origin == "rebuild"]
    undescribed = [s.name for s in sources if s.entry is None]
    out = f" Read from a rebuild, not the publisher's own file: {', '.join(rebuilt)}." if rebuilt else ""
    return out + (f" Undescribed (origin not known): {', '.join(undescribed)}." if undescribed else "")


def _tables_named(held: Sequence[tuple[int, str]]) -> str:
    """The tables in words: 'the FY2020 results and FY2021 plan tables'."""
    if not held:
        return "the results and plan tables of its progress reports"
    names = [f"FY{year} {table}" for year, table in held]
    return "the " + (", ".join(names[:-1]) + " and " if len(names) > 1 else "") + names[-1] + " tables"
