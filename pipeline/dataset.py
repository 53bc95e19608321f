"""The dataset a build publishes: its validated tables, made from the extractions, and the
anomalies found in them (the build's normalise and check steps).

A module of its own so that what builds it (``build``) and what reports on it (``report``)
both import it, and neither imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract import Extraction

if TYPE_CHECKING:
    from normalize import Linkage, Overrides
    from normalize.checks import Anomaly
    from normalize.corrections import Corrections
    from schemas import AppliedCorrection, ExtraField, Indicator, Measure, Program, Progress, Record


@dataclass(frozen=True)
class Dataset:
    measures: list[Measure]
    programs: list[Program]
    indicators: list[Indicator]
    extra_fields: list[ExtraField]
    progress: list[Progress]
    linkage: Linkage  # how programs were followed across reports: for the quality report
    corrections: list[AppliedCorrection]
    corrected: Corrections  # the corrections file's entries, applied and skipped: for the quality report

    def tables(self) -> dict[str, Sequence[Record]]:
        return {
            "measures": self.measures,
            "programs": self.programs,
            "indicators": self.indicators,
            "extra_fields": self.extra_fields,
            "progress": self.progress,
            "corrections": self.corrections,
        }


def build_dataset(
    extractions: Sequence[Extraction], overrides: Overrides | None = None, corrections: Corrections | None = None
) -> Dataset:
    """Normalise into validated records; raises PipelineError before anything is written.
    ``corrections``: a person's corrections of values read (``pipeline.corrections_file``)."""
    import normalize
    from normalize.corrections import Corrections, corrections_table
    from schemas.validate import check_keys

    corrections = corrections or Corrections()
    rows = [r for ex in extractions for r in ex.rows]
    measures, programs, linkage = normalize.measures_and_programs(rows, overrides, corrections.entries)
    dataset = Dataset(
        measures,
        programs,
        normalize.indicators(measures),
        normalize.extra_fields(rows, linkage.ids),
        normalize.progress(measures),
        linkage,
        corrections_table(corrections.entries, measures, programs),
        corrections,
    )
    check_keys(dataset.tables())
    return dataset


@dataclass(frozen=True)
class Checked:
    """The dataset with its anomalies: what the tables, the workbook and quality.md are written from."""

    dataset: Dataset
    anomalies: tuple[Anomaly, ...]


def check(dataset: Dataset) -> Checked:
    """Flag what a person should look at; the values stay as reported."""
    from normalize.checks import anomalies, program_text_mismatches
    from normalize.corrections import corrected_anomalies

    corrected = corrected_anomalies(dataset.corrections, dataset.measures)  # where a person changed a value
    return Checked(dataset, (*anomalies(dataset.measures), *program_text_mismatches(dataset.programs), *corrected))
