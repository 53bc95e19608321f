"""Build records through their model, failing with where the bad value came from."""

from __future__ import annotations

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
