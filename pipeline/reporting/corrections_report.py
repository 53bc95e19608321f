"""The quality report's section on the values a person corrected (``corrections.toml``).

Every correction applied is listed with what the reader gave, what is published instead and
why; a correction of a file this build does not read is named as skipped, never dropped
silently. The file is named by its name only (it lies beside the PDFs), so that where the
build was run from does not change the report's bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from normalize.corrections import Corrections
from schemas import AppliedCorrection

from .links_report import Table

CORRECTIONS_HELP = (
    "To correct a value the reader got wrong, write `corrections.toml` beside the PDFs (see the README; "
    "`iizuka-dataset correct` writes an entry): the next build applies it, and stops if the value it "
    "corrects is no longer what the reader gives."
)


def _text(text: str | None) -> str:
    return "(nothing)" if text is None else text


def corrections_section(corrections: Corrections, applied: Sequence[AppliedCorrection], table: Table) -> list[str]:
    md = ["## Corrections by hand", ""]
    if corrections.source is None:
        return md + ["No corrections file (corrections.toml): every value is as the reader gave it.", "",
                     CORRECTIONS_HELP, ""]  # fmt: skip
    name = PurePath(corrections.source).name
    md += [
        f"- {len(applied)} value(s) corrected from {name}, each replacing what the reader gave before it "
        "was parsed (the `corrections` table lists them; the anomalies list each row)",
        f"- {len(corrections.skipped)} correction(s) of files this build does not read, skipped",
        "",
        CORRECTIONS_HELP,
        "",
    ]
    if applied:
        md += table(
            ["FY", "table", "№", "department", "field", "was", "value", "why", "file"],
            [(c.fiscal_year, c.table.value, c.program_no, c.department, c.field, _text(c.was), _text(c.value),
              c.why, c.source_file) for c in applied],
        )  # fmt: skip
        md.append("")
    if corrections.skipped:
        md += ["### Skipped: the file is not in this build", ""]
        md += table(
            ["entry", "file", "FY", "table", "№", "field", "was", "value", "why"],
            [(c.entry, c.file, c.fiscal_year, c.table.value, c.program_no, c.field, _text(c.was), _text(c.value),
              c.why) for c in corrections.skipped],
        )  # fmt: skip
        md.append("")
    return md
