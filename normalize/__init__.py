"""Extracted rows → clean records: text repair, numbers with units, one record per department.

No I/O and no global state: every function takes what it needs and returns new values.
"""

from .records import extra_fields, indicators, measures_and_programs

__all__ = ["extra_fields", "indicators", "measures_and_programs"]
