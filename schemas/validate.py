"""Build records through their model, failing with where the bad value came from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import ValidationError

from extract.errors import PipelineError

from .models import Record

R = TypeVar("R", bound=Record)


def make(model: type[R], **values: Any) -> R:
    """One record through ``model``; a failure raises a PipelineError naming file, page,
    program, department and field, so that bad input is reported where it was printed."""
    try:
        return model.model_validate(values)
    except ValidationError as e:
        first = e.errors()[0]
        seq = values.get("department_seq")
        raise PipelineError(
            f"{model.__name__} record fails validation: {first['msg']} (value {first.get('input')!r})",
            file=values.get("source_file"),
            page=values.get("source_page"),
            program=values.get("program_no"),
            department=values.get("department") or (f"row {seq}" if seq else None),
            field=".".join(str(p) for p in first["loc"]) or None,
        ) from e


def _where(record: Record, field: str) -> dict[str, Any]:
    """File, page and program of a record, for the error line (programs carry no source)."""
    values = record.model_dump()
    return {
        "file": values.get("source_file"),
        "page": values.get("source_page"),
        "program": values.get("program_no"),
        "field": field,
    }


def _key(record: Record, fields: Sequence[str]) -> tuple[Any, ...]:
    return tuple(getattr(record, f) for f in fields)


def _show(record: Record, fields: Sequence[str]) -> str:
    """The key's fields and values, as ``fiscal_year=2020, table=results`` (TableKind is a StrEnum)."""
    return ", ".join(f"{f}={getattr(record, f)}" for f in fields)


def check_keys(tables: Mapping[str, Sequence[Record]]) -> None:
    """Primary and foreign keys as the models declare them, checked before anything is written.

    A duplicate key or a row pointing at no row stops the run with one PipelineError naming
    the file, page, program and the key's fields: the published package must satisfy the keys
    datapackage.json declares, or a consumer joining on them would double or drop rows.
    """
    keys: dict[str, set[tuple[Any, ...]]] = {}
    for name, records in tables.items():
        if not records:
            keys[name] = set()
            continue
        fields = type(records[0]).primary_key
        seen: set[tuple[Any, ...]] = set()
        for r in records:
            k = _key(r, fields)
            if k in seen:
                raise PipelineError(f"duplicate {name} key ({_show(r, fields)})", **_where(r, "+".join(fields)))
            seen.add(k)
        keys[name] = seen
    for name, records in tables.items():
        for r in records:
            for fk in type(r).foreign_keys:
                k = _key(r, fk.fields)
                if fk.resource in keys and k not in keys[fk.resource]:
                    raise PipelineError(
                        f"{name} row refers to no {fk.resource} row ({_show(r, fk.fields)})",
                        **_where(r, "+".join(fk.fields)),
                    )
