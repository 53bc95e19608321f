"""pydantic models of the published tables, and the Data Package generated from them."""

from .datapackage import datapackage
from .models import RESOURCES, AppliedCorrection, ExtraField, Indicator, Measure, Program, Progress, Record
from .validate import make

__all__ = [
    "RESOURCES", "AppliedCorrection", "ExtraField", "Indicator", "Measure", "Program", "Progress", "Record",
    "datapackage", "make",
]  # fmt: skip
