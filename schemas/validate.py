"""Validate records against their model, failing with where the bad value came from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from extract.errors import PipelineError

from .models import Record


def validate(model: type[Record], records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every record through ``model``; the first failure raises a PipelineError naming it."""
    out = []
    for record in records:
        try:
            out.append(model.model_validate(record).model_dump())
        except ValidationError as e:
            first = e.errors()[0]
            raise PipelineError(
                f"{model.__name__} record fails validation: {first['msg']} (value {first.get('input')!r})",
                file=record.get("source_file"),
                page=record.get("source_page"),
                program=record.get("program_no"),
                department=record.get("department") or (
                    f"row {record['department_seq']}" if record.get("department_seq") else None
                ),
                field=".".join(str(p) for p in first["loc"]) or None,
            ) from e
    return out
