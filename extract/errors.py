"""One error type for bad input, so every failure names where it happened."""

from __future__ import annotations


class PipelineError(Exception):
    """Bad input: carries file, page, program, department and field where they are known."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        page: int | None = None,
        program: int | None = None,
        department: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file, self.page, self.program = file, page, program
        self.department, self.field = department, field

    def __str__(self) -> str:
        where = [
            f"{label} {value}"
            for label, value in (
                ("page", self.page),
                ("program №", self.program),
                ("department", self.department),
                ("field", self.field),
            )
            if value is not None
        ]
        head = self.file or "<input>"
        return f"{head}: {', '.join(where) + ': ' if where else ''}{self.message}"


class ExtractionError(PipelineError):
    pass
