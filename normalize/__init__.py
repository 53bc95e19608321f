"""Extracted rows → clean records: text repair, numbers with units, one record per department.

No I/O and no global state: every function takes what it needs and returns new values.
"""

from .linking import Linkage, Overrides, parse_overrides
from .progress import progress
from .records import extra_fields, indicators, measures_and_programs

__all__ = [
    "Linkage", "Overrides", "extra_fields", "indicators", "measures_and_programs", "parse_overrides", "progress",
]  # fmt: skip
